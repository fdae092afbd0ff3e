// What sign-in costs, beside baselines measured in the same run:
//   - one argon2id hash and one verification with Rapport's default parameters, against
//     libsodium's INTERACTIVE limits (ops 2, 64 MiB) and a plain BLAKE2b-256 of a secret (how
//     sessions and tokens are looked up);
//   - a burst of N concurrent sign-ins through AuthService (real SQLite store, default
//     options: 2 hash slots, 2 s wait) while another thread authenticates a session cookie
//     every millisecond, i.e. what every other request pays; N = 0 is the idle baseline.
//
//   cmake --preset bench -B build/bench && cmake --build build/bench --target auth_benchmark
//   build/bench/bench/auth/auth_benchmark --benchmark_repetitions=5
//     (add --benchmark_report_aggregates_only=true for the medians alone)

#include <benchmark/benchmark.h>
#include <sodium.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "rapport/auth/crypto.h"
#include "rapport/auth/service.h"
#include "rapport/core/id.h"
#include "rapport/core/random.h"
#include "rapport/core/testing/temp_dir.h"
#include "rapport/store/sqlite/sqlite_store.h"

namespace rapport::auth {
namespace {

using Clock = std::chrono::steady_clock;
constexpr std::string_view kPassword = "correct horse battery staple";

double Percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const auto index = static_cast<std::size_t>(p * static_cast<double>(values.size() - 1));
  return values[index];
}

void HashWith(benchmark::State& state, const PasswordHashParams& params) {
  for (auto _ : state) {
    auto hash = HashPassword(kPassword, params);
    if (!hash) state.SkipWithError("hash failed");
    benchmark::DoNotOptimize(hash);
  }
}

void BM_Argon2idHashDefault(benchmark::State& state) { HashWith(state, PasswordHashParams{}); }

void BM_Argon2idVerifyDefault(benchmark::State& state) {
  const std::string hash = *HashPassword(kPassword, PasswordHashParams{});
  for (auto _ : state) benchmark::DoNotOptimize(VerifyPassword(hash, kPassword));
}

// Baseline: libsodium's own "interactive" limits, with the same API.
void BM_Argon2idHashSodiumInteractive(benchmark::State& state) {
  HashWith(state, {.ops_limit = crypto_pwhash_OPSLIMIT_INTERACTIVE,
                   .memory_bytes = crypto_pwhash_MEMLIMIT_INTERACTIVE});
}

// Baseline: what a session or token look-up hashes (BLAKE2b-256 of a 47-character secret).
void BM_Blake2bSecret(benchmark::State& state) {
  core::SystemRandom random;
  const std::string secret = NewSecret(random, "rps_");
  for (auto _ : state) benchmark::DoNotOptimize(HashSecret(secret));
}

// A store with `users` accounts sharing one password hash (hashing each would dominate the
// set-up), and an AuthService with the default options over the real clock.
struct World {
  explicit World(int users) {
    auto opened = store::sqlite::Open({.path = store::sqlite::DatabasePath(dir.path()).string()},
                                      clock, nullptr);
    if (!opened || !(*opened)->Migrate()) throw std::runtime_error("cannot open the store");
    store = std::move(*opened);
    auth = std::make_unique<AuthService>(*store, clock, random, AuthOptions{});
    const std::string hash = *HashPassword(kPassword, PasswordHashParams{});
    const auto org = ids.New<store::OrganisationTag>();
    const auto status = store->Write([&](store::WriteTx& tx) -> core::Status {
      RAPPORT_RETURN_IF_ERROR(tx.organisations().Create(
          {.id = org, .slug = "bench", .name = "Bench", .time_zone = "UTC"}));
      for (int i = 0; i <= users; ++i) {
        store::User user;
        user.id = ids.New<store::UserTag>();
        user.org_id = org;
        user.email = "user" + std::to_string(i) + "@bench.test";
        user.name = user.email;
        user.role = "employee";
        user.password_hash = hash;
        RAPPORT_RETURN_IF_ERROR(tx.users().Create(user));
      }
      return core::Ok();
    });
    if (!status) throw std::runtime_error(status.error().ToString());
  }

  core::testing::TempDir dir;
  core::SystemClock clock;
  core::SystemRandom random;
  core::IdGenerator ids{clock, random};
  std::unique_ptr<store::Store> store;
  std::unique_ptr<AuthService> auth;
};

// One iteration: N sign-ins start at once (distinct accounts and addresses, so the throttle
// stays out of it) while a reader authenticates a session cookie every millisecond. Reports the
// reader's latency percentiles and how the sign-ins fared.
void BM_SignInBurst(benchmark::State& state) {
  const int burst = static_cast<int>(state.range(0));
  World world(burst);
  const auto reader_session = world.auth->Login("user0@bench.test", kPassword, "10.0.0.1", "");
  if (!reader_session) {
    state.SkipWithError(reader_session.error().ToString().c_str());
    return;
  }
  std::vector<double> read_us;
  std::vector<double> login_ms;
  std::atomic<int> ok{0};
  std::atomic<int> unavailable{0};
  for (auto _ : state) {
    std::atomic<bool> done{false};
    std::vector<double> reads;
    std::thread reader([&] {
      // One probe per millisecond, like a steady trickle of other requests (a reader that
      // never paused would take a core from the hashes it is meant to observe). With no
      // burst, a fixed number of probes; otherwise until the burst is over.
      for (int i = 0; burst > 0 ? !done.load() : i < 500; ++i) {
        const auto start = Clock::now();
        benchmark::DoNotOptimize(world.auth->Authenticate(reader_session->session_secret));
        reads.push_back(std::chrono::duration<double, std::micro>(Clock::now() - start).count());
        std::this_thread::sleep_until(start + std::chrono::milliseconds(1));
      }
    });
    std::vector<std::thread> clients;
    std::vector<double> latencies(static_cast<std::size_t>(burst));
    for (int i = 0; i < burst; ++i) {
      clients.emplace_back([&, i] {
        const auto start = Clock::now();
        const auto r = world.auth->Login("user" + std::to_string(i + 1) + "@bench.test", kPassword,
                                         "10.1." + std::to_string(i) + ".1", "");
        latencies[static_cast<std::size_t>(i)] =
            std::chrono::duration<double, std::milli>(Clock::now() - start).count();
        if (r) {
          ++ok;
        } else if (r.error().code() == core::ErrorCode::kUnavailable) {
          ++unavailable;
        }
      });
    }
    for (auto& c : clients) c.join();
    done = true;
    reader.join();
    read_us.insert(read_us.end(), reads.begin(), reads.end());
    login_ms.insert(login_ms.end(), latencies.begin(), latencies.end());
  }
  const double iterations = static_cast<double>(state.iterations());
  state.counters["read_p50_us"] = Percentile(read_us, 0.50);
  state.counters["read_p99_us"] = Percentile(read_us, 0.99);
  state.counters["login_p50_ms"] = Percentile(login_ms, 0.50);
  state.counters["login_max_ms"] = Percentile(login_ms, 1.0);
  state.counters["logins_ok"] = ok.load() / iterations;
  state.counters["logins_503"] = unavailable.load() / iterations;
}

BENCHMARK(BM_Argon2idHashDefault)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_Argon2idVerifyDefault)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_Argon2idHashSodiumInteractive)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_Blake2bSecret)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_SignInBurst)
    ->Arg(0)
    ->Arg(16)
    ->Arg(64)
    ->Iterations(2)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace
}  // namespace rapport::auth

#include <fmt/format.h>
#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <functional>
#include <thread>

#include "app/commands.h"
#include "app/version.h"
#include "app/wiring.h"
#include "rapport/api/routes.h"
#include "rapport/auth/crypto.h"
#include "rapport/auth/service.h"
#include "rapport/core/random.h"
#include "rapport/core/thread_annotations.h"
#include "rapport/directory/service.h"
#include "rapport/http/server.h"
#include "rapport/kb/blob_store.h"
#include "rapport/kb/service.h"
#include "rapport/search/follower.h"
#include "rapport/search/indexer.h"
#include "rapport/search/query_log.h"
#include "rapport/search/service.h"

namespace rapport::app {
namespace {

// How soon an article change reaches search: each round is one cheap query when nothing
// changed.
constexpr std::chrono::milliseconds kSearchFollowInterval{200};

http::ServerOptions ToServerOptions(const core::ServerConfig& c) {
  http::ServerOptions o;
  o.host = c.host;
  o.port = static_cast<std::uint16_t>(c.port);
  o.io_threads = c.io_threads;
  o.worker_threads = c.worker_threads;
  o.max_connections = static_cast<std::size_t>(c.max_connections);
  o.max_header_bytes = static_cast<std::size_t>(c.max_header_bytes);
  o.max_body_bytes = static_cast<std::size_t>(c.max_body_bytes);
  o.read_timeout = c.read_timeout;
  o.idle_timeout = c.idle_timeout;
  o.shutdown_grace = c.shutdown_grace;
  o.behind_tls = c.behind_tls;
  o.trust_forwarded_for = c.trust_forwarded_for;
  return o;
}

// Runs `task` now and then every `period` on its own thread until destroyed: housekeeping
// that must not wait for a request to trigger it.
class PeriodicTask {
 public:
  PeriodicTask(std::chrono::minutes period, std::function<void()> task) {
    thread_ = std::thread([this, period, task = std::move(task)] {
      while (true) {
        task();
        const auto deadline = std::chrono::steady_clock::now() + period;
        core::MutexLock lock(mu_);
        while (!stop_ && wake_.WaitUntil(mu_, deadline)) {
        }
        if (stop_) return;
      }
    });
  }
  ~PeriodicTask() {
    {
      core::MutexLock lock(mu_);
      stop_ = true;
    }
    wake_.NotifyAll();
    thread_.join();
  }
  PeriodicTask(const PeriodicTask&) = delete;
  PeriodicTask& operator=(const PeriodicTask&) = delete;

 private:
  core::Mutex mu_;
  core::CondVar wake_;
  bool stop_ RAPPORT_GUARDED_BY(mu_) = false;
  std::thread thread_;
};

// Waits for SIGTERM/SIGINT on its own thread (the signals are blocked everywhere else, so no
// other thread is interrupted) and asks the server to shut down gracefully.
class SignalWatcher {
 public:
  SignalWatcher(http::Server& server, core::Logger& logger) {
    thread_ = std::thread([this, &server, &logger] {
      sigset_t set = Signals();
      const timespec tick{0, 200'000'000};
      while (!stop_.load()) {
        const int sig = ::sigtimedwait(&set, nullptr, &tick);
        if (sig == SIGTERM || sig == SIGINT) {
          logger.Info("shutting down", {{"signal", sig == SIGTERM ? "SIGTERM" : "SIGINT"}});
          server.Shutdown();
          return;
        }
      }
    });
  }
  ~SignalWatcher() {
    stop_.store(true);
    thread_.join();
  }
  SignalWatcher(const SignalWatcher&) = delete;
  SignalWatcher& operator=(const SignalWatcher&) = delete;

  static sigset_t Signals() {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    return set;
  }

 private:
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

}  // namespace

int Serve(const core::Config& config) {
  // Block the shutdown signals before any thread starts so that every thread inherits it.
  const sigset_t signals = SignalWatcher::Signals();
  ::pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  // A client that disconnects mid-write must not kill the process.
  ::signal(SIGPIPE, SIG_IGN);

  core::SystemClock clock;
  auto logger = MakeLogger(config.log, clock);
  core::MetricsRegistry metrics;

  auto store = OpenStore(config.store, clock, &metrics, /*migrate=*/true);
  if (!store) {
    logger->Error("cannot open the store", {{"error", store.error().ToString()}});
    return kExitFailure;
  }
  auto assets = LoadWebAssets(config.server.web_dir);
  if (!assets) {
    logger->Error("cannot load the web UI", {{"error", assets.error().ToString()}});
    return kExitFailure;
  }

  if (auto status = auth::InitCrypto(); !status) {
    logger->Error("cannot start libsodium", {{"error", status.error().ToString()}});
    return kExitFailure;
  }
  core::SystemRandom random;
  core::IdGenerator ids(clock, random);
  // A single-company install works in its default organisation from the first start.
  auto default_org = DefaultOrganisation(**store, ids);
  if (!default_org) {
    logger->Error("cannot create the default organisation",
                  {{"error", default_org.error().ToString()}});
    return kExitFailure;
  }
  auth::AuthService auth_service(**store, clock, random, MakeAuthOptions(config));
  directory::DirectoryService directory_service(**store, clock, ids);
  kb::FileBlobStore blobs(AttachmentsDirectory(config.store));
  kb::KnowledgeBase knowledge_base(**store, blobs, clock, ids);
  auto search_index = OpenSearchIndex(config.store, /*read_only=*/false);
  if (!search_index) {
    logger->Error("cannot open the search index", {{"error", search_index.error().ToString()}});
    return kExitFailure;
  }
  search::QueryLog query_log(**store, clock, ids);
  search::Indexer indexer(**store, **search_index);
  search::SearchService search_service(**store, **search_index, query_log, clock, ids);

  http::Router router;
  const api::ApiContext context{.store = **store,
                                .metrics = metrics,
                                .clock = clock,
                                .logger = *logger,
                                .assets = *assets,
                                .build = {kVersion},
                                .started_at = clock.Now(),
                                .auth = &auth_service,
                                .directory = &directory_service,
                                .kb = &knowledge_base,
                                .search = &search_service,
                                .help_org = default_org->id,
                                .behind_tls = config.server.behind_tls};
  api::RegisterRoutes(router, context);

  http::Server server(ToServerOptions(config.server), router, metrics, *logger);
  if (auto listening = server.Listen(); !listening) {
    logger->Error("cannot listen", {{"error", listening.error().ToString()}});
    return kExitFailure;
  }
  logger->Info("listening", {{"address", config.server.host},
                             {"port", std::to_string(server.port())},
                             {"version", std::string(kVersion)},
                             {"data_dir", config.store.data_dir},
                             {"web_files", std::to_string(assets->size())}});
  {
    // Expired sessions are refused as soon as they expire; this only reclaims their rows.
    PeriodicTask purge_sessions(std::chrono::hours(1), [&] {
      if (const auto purged = auth_service.PurgeExpiredSessions(); !purged) {
        logger->Warn("cannot purge expired sessions", {{"error", purged.error().ToString()}});
      }
    });
    // Raw searches are kept only as long as each organisation's retention setting says.
    PeriodicTask search_retention(std::chrono::hours(1), [&] {
      if (const auto deleted = search_service.ApplyRetention(); !deleted) {
        logger->Warn("cannot apply the search log's retention",
                     {{"error", deleted.error().ToString()}});
      }
    });
    // The index follows the store's change sequence (a new index is built here first).
    search::IndexFollower follower(indexer, query_log, *logger, kSearchFollowInterval);
    SignalWatcher watcher(server, *logger);
    server.Run();
  }
  logger->Info("stopped");
  return kExitOk;
}

int Migrate(const core::Config& config) {
  core::SystemClock clock;
  auto logger = MakeLogger(config.log, clock);
  auto store = OpenStore(config.store, clock, nullptr, /*migrate=*/true);
  if (!store) {
    logger->Error("migration failed", {{"error", store.error().ToString()}});
    return kExitFailure;
  }
  const auto version = (*store)->SchemaVersion();
  if (!version) {
    logger->Error("cannot read the schema version", {{"error", version.error().ToString()}});
    return kExitFailure;
  }
  std::printf("schema version %d\n", *version);
  return kExitOk;
}

}  // namespace rapport::app

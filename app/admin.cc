// `rapport admin ...`: administrative tasks run against the data folder.

#include <fmt/format.h>
#include <termios.h>
#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <string>

#include "app/commands.h"
#include "app/wiring.h"
#include "rapport/auth/crypto.h"
#include "rapport/auth/policy.h"
#include "rapport/auth/service.h"
#include "rapport/core/random.h"

namespace rapport::app {
namespace {

// Reads one line from standard input; on a terminal, without echoing it.
std::string ReadPassword() {
  const bool tty = ::isatty(STDIN_FILENO) != 0;
  termios saved{};
  if (tty) {
    std::fprintf(stderr, "Password: ");
    ::tcgetattr(STDIN_FILENO, &saved);
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    ::tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  }
  std::string line;
  std::getline(std::cin, line);
  if (tty) {
    ::tcsetattr(STDIN_FILENO, TCSANOW, &saved);
    std::fprintf(stderr, "\n");
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

}  // namespace

int AdminCreateUser(const core::Config& config, const CreateUserOptions& options) {
  const auto role = auth::ParseRole(options.role);
  if (!role) {
    std::fprintf(stderr, "rapport: %s\n", role.error().message().c_str());
    return kExitUsage;
  }
  const std::string password = ReadPassword();
  if (auto policy = auth::CheckPasswordPolicy(password); !policy) {
    std::fprintf(stderr, "rapport: %s\n", policy.error().message().c_str());
    return kExitUsage;
  }
  core::SystemClock clock;
  core::SystemRandom random;
  core::IdGenerator ids(clock, random);
  auto logger = MakeLogger(config.log, clock);
  if (auto status = auth::InitCrypto(); !status) {
    logger->Error("cannot start libsodium", {{"error", status.error().ToString()}});
    return kExitFailure;
  }
  auto store = OpenStore(config.store, clock, nullptr, /*migrate=*/true);
  if (!store) {
    logger->Error("cannot open the store", {{"error", store.error().ToString()}});
    return kExitFailure;
  }
  core::Result<store::Organisation> org =
      options.organisation.empty()
          ? DefaultOrganisation(**store, ids)
          : store::ReadValue<store::Organisation>(**store, [&](store::ReadTx& tx) {
              return tx.organisations().GetBySlug(options.organisation);
            });
  if (!org) {
    std::fprintf(stderr, "rapport: organisation \"%s\": %s\n", options.organisation.c_str(),
                 org.error().message().c_str());
    return org.error().code() == core::ErrorCode::kNotFound ? kExitUsage : kExitFailure;
  }
  auth::AuthService service(**store, clock, random, MakeAuthOptions(config));
  const auto user = service.CreateUserWithPassword(
      org->id, options.email, options.name.empty() ? options.email : options.name, *role, password);
  if (!user) {
    std::fprintf(stderr, "rapport: %s\n", user.error().message().c_str());
    const auto code = user.error().code();
    return code == core::ErrorCode::kInternal || code == core::ErrorCode::kUnavailable
               ? kExitFailure
               : kExitUsage;
  }
  std::printf("created %s (%s) in %s, id %s\n", user->email.c_str(), user->role.c_str(),
              org->slug.c_str(), user->id.str().c_str());
  return kExitOk;
}

}  // namespace rapport::app

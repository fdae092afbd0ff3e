#pragma once

// The `rapport` subcommands. Each returns the process exit status:
// 0 success, 1 runtime failure (store, network), 2 bad usage or configuration.

#include <cstdint>
#include <string>

#include "rapport/core/config.h"

namespace rapport::app {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;

// Serves HTTP until SIGTERM or SIGINT, then shuts down gracefully and returns 0.
int Serve(const core::Config& config);
// Applies pending schema migrations and prints the schema version.
int Migrate(const core::Config& config);

struct DemoOptions {
  std::uint64_t seed = 20261122;
  std::string credentials_file;  // also write the sign-in credentials here (JSON, mode 0600)
};
// Creates the demo organisation (or, when it exists, leaves its data alone) and gives its
// five demo accounts fresh passwords, which it prints.
int Demo(const core::Config& config, const DemoOptions& options);

struct CreateUserOptions {
  std::string email;
  std::string role;
  std::string organisation;  // slug; empty for the default organisation
  std::string name;
};
// Creates a user with a password read from standard input (without echo on a terminal).
int AdminCreateUser(const core::Config& config, const CreateUserOptions& options);

}  // namespace rapport::app

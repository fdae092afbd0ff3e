#pragma once

// The `rapport` subcommands. Each returns the process exit status:
// 0 success, 1 runtime failure (store, network), 2 bad usage or configuration.

#include "rapport/core/config.h"

namespace rapport::app {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;

// Serves HTTP until SIGTERM or SIGINT, then shuts down gracefully and returns 0.
int Serve(const core::Config& config);
// Applies pending schema migrations and prints the schema version.
int Migrate(const core::Config& config);

}  // namespace rapport::app

#pragma once

// Server configuration: one typed struct, filled from four layers in increasing precedence:
//   1. built-in defaults,
//   2. a TOML file (`--config FILE`, or the RAPPORT_CONFIG environment variable),
//   3. RAPPORT_<SECTION>_<KEY> environment variables (e.g. RAPPORT_SERVER_LISTEN),
//   4. command-line flags (`--listen`, `--data-dir`, `--set section.key=value`).
// Every key is declared once in a table (see ConfigKeys()); an unknown key in any layer is an
// error that names the key and where it came from, so a typo never silently does nothing.
// Thread-safety: plain value types and pure functions.

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "rapport/core/error.h"
#include "rapport/core/log.h"

namespace rapport::core {

struct ServerConfig {
  std::string host = "127.0.0.1";
  int port = 8080;
  int io_threads = 2;
  int worker_threads = 4;
  int max_connections = 1024;
  int max_header_bytes = 16 * 1024;
  int max_body_bytes = 8 * 1024 * 1024;
  std::chrono::milliseconds read_timeout{15000};
  std::chrono::milliseconds idle_timeout{60000};
  std::chrono::milliseconds shutdown_grace{10000};
  bool behind_tls = false;
  bool trust_forwarded_for = false;
  std::string web_dir;  // empty: serve the web UI embedded in the binary
};

struct StoreConfig {
  std::string data_dir = "var";
  int reader_pool_size = 4;
  std::chrono::milliseconds busy_timeout{5000};
};

// Sign-in and sessions (rapport/auth); app/ turns this into auth::AuthOptions.
struct AuthConfig {
  std::chrono::minutes session_idle{8 * 60};
  std::chrono::hours session_absolute{24 * 7};
  int password_hash_ops = 2;                 // argon2id passes
  int password_hash_memory_kib = 32 * 1024;  // argon2id memory
  int max_concurrent_hashes = 2;
  int login_failures_per_account = 5;
  int login_failures_per_address = 20;
  std::chrono::minutes login_window{15};
};

struct LogConfig {
  LogLevel level = LogLevel::kInfo;
  LogFormat format = LogFormat::kText;
};

struct Config {
  ServerConfig server;
  StoreConfig store;
  AuthConfig auth;
  LogConfig log;
};

using KeyValues = std::vector<std::pair<std::string, std::string>>;

struct ConfigSources {
  std::optional<std::string> file;  // path of a TOML file; must exist when given
  KeyValues environment;            // the process environment; only RAPPORT_* is read
  KeyValues flags;                  // dotted key -> value, e.g. {"server.listen", ":8080"}
};

struct ConfigKeyInfo {
  std::string key;   // "server.listen"
  std::string env;   // "RAPPORT_SERVER_LISTEN"
  std::string kind;  // "string", "integer", "boolean", "milliseconds", "enum"
  std::string default_value;
  std::string help;
};

// All keys with their defaults and help, for --help and docs/operations.md.
std::vector<ConfigKeyInfo> ConfigKeys();

// Environment variables that are not configuration keys but are still understood.
inline constexpr std::string_view kConfigFileEnv = "RAPPORT_CONFIG";

Result<Config> LoadConfig(const ConfigSources& sources);

// Parses "HOST:PORT", ":PORT" (all interfaces) or "[V6]:PORT".
Status ParseListen(std::string_view text, std::string& host, int& port);

}  // namespace rapport::core

#include "rapport/core/config.h"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <charconv>
#include <functional>

namespace rapport::core {
namespace {

enum class Kind { kString, kInteger, kBoolean, kMilliseconds, kEnum };

struct KeySpec {
  std::string_view key;
  Kind kind;
  std::string_view help;
  std::function<Status(Config&, std::string_view)> set;
  std::function<std::string(const Config&)> get;
};

Result<long long> ParseInteger(std::string_view text, long long min, long long max,
                               std::string_view key) {
  long long v = 0;
  const auto* end = text.data() + text.size();
  // from_chars takes a [first, last) range, so no terminator is needed.
  // NOLINTNEXTLINE(bugprone-suspicious-stringview-data-usage)
  const auto [ptr, ec] = std::from_chars(text.data(), end, v);
  if (ec != std::errc() || ptr != end || text.empty()) {
    return InvalidArgument(fmt::format("{} must be an integer, got \"{}\"", key, text),
                           std::string(key));
  }
  if (v < min || v > max) {
    return InvalidArgument(fmt::format("{} must be between {} and {}, got {}", key, min, max, v),
                           std::string(key));
  }
  return v;
}

// Builds a setter for an int-like field with bounds.
template <typename Field>
std::function<Status(Config&, std::string_view)> IntSetter(Field field, long long min,
                                                           long long max, std::string_view key) {
  return [=](Config& c, std::string_view text) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(const long long v, ParseInteger(text, min, max, key));
    field(c) = static_cast<std::remove_reference_t<decltype(field(c))>>(v);
    return Ok();
  };
}

// For a std::chrono::duration field, in the duration's own unit (minutes for *_minutes keys).
template <typename Field>
std::function<Status(Config&, std::string_view)> DurationSetter(Field field, long long min,
                                                                long long max,
                                                                std::string_view key) {
  return [=](Config& c, std::string_view text) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(const long long v, ParseInteger(text, min, max, key));
    field(c) = std::remove_reference_t<decltype(field(c))>(v);
    return Ok();
  };
}

template <typename Field>
std::function<Status(Config&, std::string_view)> MillisSetter(Field field, long long min,
                                                              long long max, std::string_view key) {
  return [=](Config& c, std::string_view text) -> Status {
    RAPPORT_ASSIGN_OR_RETURN(const long long v, ParseInteger(text, min, max, key));
    field(c) = std::chrono::milliseconds(v);
    return Ok();
  };
}

Result<bool> ParseBool(std::string_view text, std::string_view key) {
  if (text == "true" || text == "1" || text == "yes") return true;
  if (text == "false" || text == "0" || text == "no") return false;
  return InvalidArgument(fmt::format("{} must be true or false, got \"{}\"", key, text),
                         std::string(key));
}

const std::vector<KeySpec>& Specs() {
  static const std::vector<KeySpec> specs = [] {
    std::vector<KeySpec> s;
    s.push_back(
        {"server.listen", Kind::kString,
         "Address to listen on: HOST:PORT, :PORT (all interfaces) or [V6]:PORT.",
         [](Config& c, std::string_view v) { return ParseListen(v, c.server.host, c.server.port); },
         [](const Config& c) {
           if (c.server.host.find(':') != std::string::npos) {
             return fmt::format("[{}]:{}", c.server.host, c.server.port);
           }
           return fmt::format("{}:{}", c.server.host, c.server.port);
         }});
    s.push_back({"server.io_threads", Kind::kInteger, "Threads that run network I/O.",
                 IntSetter([](Config& c) -> int& { return c.server.io_threads; }, 1, 64,
                           "server.io_threads"),
                 [](const Config& c) { return std::to_string(c.server.io_threads); }});
    s.push_back({"server.worker_threads", Kind::kInteger,
                 "Threads that run blocking work (store, index, disk).",
                 IntSetter([](Config& c) -> int& { return c.server.worker_threads; }, 1, 256,
                           "server.worker_threads"),
                 [](const Config& c) { return std::to_string(c.server.worker_threads); }});
    s.push_back({"server.max_connections", Kind::kInteger,
                 "Open connections beyond this are refused.",
                 IntSetter([](Config& c) -> int& { return c.server.max_connections; }, 1, 1'000'000,
                           "server.max_connections"),
                 [](const Config& c) { return std::to_string(c.server.max_connections); }});
    s.push_back({"server.max_header_bytes", Kind::kInteger,
                 "Largest request line plus headers, in bytes (431 beyond).",
                 IntSetter([](Config& c) -> int& { return c.server.max_header_bytes; }, 1024,
                           1 << 20, "server.max_header_bytes"),
                 [](const Config& c) { return std::to_string(c.server.max_header_bytes); }});
    s.push_back({"server.max_body_bytes", Kind::kInteger,
                 "Largest request body, in bytes (413 beyond).",
                 IntSetter([](Config& c) -> int& { return c.server.max_body_bytes; }, 1024, 1 << 30,
                           "server.max_body_bytes"),
                 [](const Config& c) { return std::to_string(c.server.max_body_bytes); }});
    s.push_back({"server.read_timeout_ms", Kind::kMilliseconds,
                 "Time allowed to receive one whole request; slower clients are dropped.",
                 MillisSetter(
                     [](Config & c) -> auto& { return c.server.read_timeout; }, 10, 3'600'000,
                     "server.read_timeout_ms"),
                 [](const Config& c) { return std::to_string(c.server.read_timeout.count()); }});
    s.push_back({"server.idle_timeout_ms", Kind::kMilliseconds,
                 "Idle keep-alive connections are closed after this.",
                 MillisSetter(
                     [](Config & c) -> auto& { return c.server.idle_timeout; }, 10, 3'600'000,
                     "server.idle_timeout_ms"),
                 [](const Config& c) { return std::to_string(c.server.idle_timeout.count()); }});
    s.push_back({"server.shutdown_grace_ms", Kind::kMilliseconds,
                 "On SIGTERM/SIGINT, in-flight requests get this long to finish.",
                 MillisSetter(
                     [](Config & c) -> auto& { return c.server.shutdown_grace; }, 0, 600'000,
                     "server.shutdown_grace_ms"),
                 [](const Config& c) { return std::to_string(c.server.shutdown_grace.count()); }});
    s.push_back(
        {"server.behind_tls", Kind::kBoolean,
         "Set when a TLS proxy fronts the server: adds HSTS and Secure cookies.",
         [](Config& c, std::string_view v) -> Status {
           RAPPORT_ASSIGN_OR_RETURN(c.server.behind_tls, ParseBool(v, "server.behind_tls"));
           return Ok();
         },
         [](const Config& c) { return std::string(c.server.behind_tls ? "true" : "false"); }});
    s.push_back({"server.trust_forwarded_for", Kind::kBoolean,
                 "Take the client address from X-Forwarded-For (set only behind a reverse proxy).",
                 [](Config& c, std::string_view v) -> Status {
                   RAPPORT_ASSIGN_OR_RETURN(c.server.trust_forwarded_for,
                                            ParseBool(v, "server.trust_forwarded_for"));
                   return Ok();
                 },
                 [](const Config& c) {
                   return std::string(c.server.trust_forwarded_for ? "true" : "false");
                 }});
    s.push_back({"server.web_dir", Kind::kString,
                 "Serve the web UI from this folder instead of the copy built into the binary.",
                 [](Config& c, std::string_view v) {
                   c.server.web_dir = std::string(v);
                   return Ok();
                 },
                 [](const Config& c) { return c.server.web_dir; }});
    s.push_back({"store.data_dir", Kind::kString, "Folder for the database, uploads and backups.",
                 [](Config& c, std::string_view v) -> Status {
                   if (v.empty()) return InvalidArgument("store.data_dir must not be empty");
                   c.store.data_dir = std::string(v);
                   return Ok();
                 },
                 [](const Config& c) { return c.store.data_dir; }});
    s.push_back({"store.reader_pool_size", Kind::kInteger,
                 "Read-only database connections kept open for concurrent reads.",
                 IntSetter([](Config& c) -> int& { return c.store.reader_pool_size; }, 1, 64,
                           "store.reader_pool_size"),
                 [](const Config& c) { return std::to_string(c.store.reader_pool_size); }});
    s.push_back({"store.busy_timeout_ms", Kind::kMilliseconds,
                 "How long a write waits for a lock before answering 503.",
                 MillisSetter(
                     [](Config & c) -> auto& { return c.store.busy_timeout; }, 0, 600'000,
                     "store.busy_timeout_ms"),
                 [](const Config& c) { return std::to_string(c.store.busy_timeout.count()); }});
    s.push_back({"auth.session_idle_minutes", Kind::kInteger,
                 "A session ends after this many minutes without a request.",
                 DurationSetter(
                     [](Config & c) -> auto& { return c.auth.session_idle; }, 5, 43'200,
                     "auth.session_idle_minutes"),
                 [](const Config& c) { return std::to_string(c.auth.session_idle.count()); }});
    s.push_back({"auth.session_absolute_hours", Kind::kInteger,
                 "A session ends this many hours after sign-in, used or not.",
                 DurationSetter(
                     [](Config & c) -> auto& { return c.auth.session_absolute; }, 1, 8'760,
                     "auth.session_absolute_hours"),
                 [](const Config& c) { return std::to_string(c.auth.session_absolute.count()); }});
    s.push_back({"auth.password_hash_ops", Kind::kInteger,
                 "argon2id passes per password hash (cost grows linearly).",
                 IntSetter([](Config& c) -> int& { return c.auth.password_hash_ops; }, 1, 16,
                           "auth.password_hash_ops"),
                 [](const Config& c) { return std::to_string(c.auth.password_hash_ops); }});
    s.push_back({"auth.password_hash_memory_kib", Kind::kInteger,
                 "argon2id memory per password hash, in KiB; times max_concurrent_hashes is the "
                 "peak.",
                 IntSetter([](Config& c) -> int& { return c.auth.password_hash_memory_kib; }, 8,
                           4 * 1024 * 1024, "auth.password_hash_memory_kib"),
                 [](const Config& c) { return std::to_string(c.auth.password_hash_memory_kib); }});
    s.push_back({"auth.max_concurrent_hashes", Kind::kInteger,
                 "Password hashes computed at once; further sign-ins wait up to 2 s, then 503.",
                 IntSetter([](Config& c) -> int& { return c.auth.max_concurrent_hashes; }, 1, 64,
                           "auth.max_concurrent_hashes"),
                 [](const Config& c) { return std::to_string(c.auth.max_concurrent_hashes); }});
    s.push_back(
        {"auth.login_failures_per_account", Kind::kInteger,
         "Failed sign-ins allowed per e-mail within the window, then 429.",
         IntSetter([](Config& c) -> int& { return c.auth.login_failures_per_account; }, 1, 1000,
                   "auth.login_failures_per_account"),
         [](const Config& c) { return std::to_string(c.auth.login_failures_per_account); }});
    s.push_back(
        {"auth.login_failures_per_address", Kind::kInteger,
         "Failed sign-ins allowed per client address within the window, then 429.",
         IntSetter([](Config& c) -> int& { return c.auth.login_failures_per_address; }, 1, 100'000,
                   "auth.login_failures_per_address"),
         [](const Config& c) { return std::to_string(c.auth.login_failures_per_address); }});
    s.push_back({"auth.login_window_minutes", Kind::kInteger,
                 "The sliding window, in minutes, over which failed sign-ins are counted.",
                 DurationSetter(
                     [](Config & c) -> auto& { return c.auth.login_window; }, 1, 1440,
                     "auth.login_window_minutes"),
                 [](const Config& c) { return std::to_string(c.auth.login_window.count()); }});
    s.push_back({"log.level", Kind::kEnum, "debug, info, warn or error.",
                 [](Config& c, std::string_view v) -> Status {
                   for (auto level :
                        {LogLevel::kDebug, LogLevel::kInfo, LogLevel::kWarn, LogLevel::kError}) {
                     if (v == LogLevelName(level)) {
                       c.log.level = level;
                       return Ok();
                     }
                   }
                   return InvalidArgument(
                       fmt::format("log.level must be debug, info, warn or error, got \"{}\"", v),
                       "log.level");
                 },
                 [](const Config& c) { return std::string(LogLevelName(c.log.level)); }});
    s.push_back({"log.format", Kind::kEnum, "text (for people) or json (one object per line).",
                 [](Config& c, std::string_view v) -> Status {
                   if (v == "text") {
                     c.log.format = LogFormat::kText;
                   } else if (v == "json") {
                     c.log.format = LogFormat::kJson;
                   } else {
                     return InvalidArgument(
                         fmt::format("log.format must be text or json, got \"{}\"", v),
                         "log.format");
                   }
                   return Ok();
                 },
                 [](const Config& c) {
                   return std::string(c.log.format == LogFormat::kJson ? "json" : "text");
                 }});
    return s;
  }();
  return specs;
}

std::string EnvName(std::string_view key) {
  std::string env = "RAPPORT_";
  for (char c : key) {
    env += c == '.' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return env;
}

std::string_view KindName(Kind kind) {
  switch (kind) {
    case Kind::kString:
      return "string";
    case Kind::kInteger:
      return "integer";
    case Kind::kBoolean:
      return "boolean";
    case Kind::kMilliseconds:
      return "milliseconds";
    case Kind::kEnum:
      return "enum";
  }
  return "string";
}

const KeySpec* FindSpec(std::string_view key) {
  for (const auto& spec : Specs()) {
    if (spec.key == key) return &spec;
  }
  return nullptr;
}

std::string KnownKeys() {
  std::string out;
  for (const auto& spec : Specs()) {
    if (!out.empty()) out += ", ";
    out += spec.key;
  }
  return out;
}

Status Apply(Config& config, std::string_view key, std::string_view value,
             std::string_view origin) {
  const KeySpec* spec = FindSpec(key);
  if (spec == nullptr) {
    return InvalidArgument(fmt::format("unknown configuration key \"{}\" in {}; known keys: {}",
                                       key, origin, KnownKeys()),
                           std::string(key));
  }
  auto status = spec->set(config, value);
  if (!status) {
    return InvalidArgument(fmt::format("{} (from {})", status.error().message(), origin),
                           std::string(key));
  }
  return Ok();
}

// Converts a TOML value to the text form the setters parse, checking its TOML type first so
// that `port = "8080"` or `behind_tls = 1` are reported rather than guessed at.
Result<std::string> TomlValueText(const toml::node& node, Kind kind, std::string_view key) {
  switch (kind) {
    case Kind::kString:
    case Kind::kEnum:
      if (const auto* s = node.as_string()) return s->get();
      break;
    case Kind::kInteger:
    case Kind::kMilliseconds:
      if (const auto* i = node.as_integer()) return std::to_string(i->get());
      break;
    case Kind::kBoolean:
      if (const auto* b = node.as_boolean()) return std::string(b->get() ? "true" : "false");
      break;
  }
  return InvalidArgument(fmt::format("{} must be a TOML {}", key, KindName(kind)),
                         std::string(key));
}

Status ApplyFile(Config& config, const std::string& path) {
  toml::table root;
  try {
    root = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    const auto& where = e.source().begin;
    return InvalidArgument(fmt::format("cannot read configuration file {}: {} (line {}, column {})",
                                       path, e.description(), where.line, where.column));
  }
  const std::string origin = fmt::format("configuration file {}", path);
  for (const auto& [section_key, section] : root) {
    const auto* table = section.as_table();
    if (table == nullptr) {
      return InvalidArgument(
          fmt::format("unknown configuration key \"{}\" in {}; keys live in "
                      "[server], [store], [auth] and [log] sections",
                      section_key.str(), origin));
    }
    for (const auto& [name, value] : *table) {
      const std::string key = fmt::format("{}.{}", section_key.str(), name.str());
      const KeySpec* spec = FindSpec(key);
      if (spec == nullptr) return Apply(config, key, "", origin);  // reports the unknown key
      RAPPORT_ASSIGN_OR_RETURN(const std::string text, TomlValueText(value, spec->kind, key));
      RAPPORT_RETURN_IF_ERROR(Apply(config, key, text, origin));
    }
  }
  return Ok();
}

}  // namespace

std::vector<ConfigKeyInfo> ConfigKeys() {
  const Config defaults;
  std::vector<ConfigKeyInfo> out;
  for (const auto& spec : Specs()) {
    out.push_back({std::string(spec.key), EnvName(spec.key), std::string(KindName(spec.kind)),
                   spec.get(defaults), std::string(spec.help)});
  }
  return out;
}

Status ParseListen(std::string_view text, std::string& host, int& port) {
  const auto colon = text.rfind(':');
  if (colon == std::string_view::npos) {
    return InvalidArgument(
        fmt::format("server.listen must be HOST:PORT, :PORT or [V6]:PORT, got \"{}\"", text),
        "server.listen");
  }
  std::string_view h = text.substr(0, colon);
  if (h.size() >= 2 && h.front() == '[' && h.back() == ']') {
    h = h.substr(1, h.size() - 2);
  } else if (h.find(':') != std::string_view::npos) {
    return InvalidArgument("IPv6 addresses in server.listen need brackets: [::1]:8080",
                           "server.listen");
  }
  RAPPORT_ASSIGN_OR_RETURN(const long long p,
                           ParseInteger(text.substr(colon + 1), 0, 65535, "server.listen port"));
  host = h.empty() ? "0.0.0.0" : std::string(h);
  port = static_cast<int>(p);
  return Ok();
}

Result<Config> LoadConfig(const ConfigSources& sources) {
  Config config;
  if (sources.file) RAPPORT_RETURN_IF_ERROR(ApplyFile(config, *sources.file));

  // Sorted so that the first error reported does not depend on the environment's order.
  KeyValues env = sources.environment;
  std::sort(env.begin(), env.end());
  for (const auto& [name, value] : env) {
    if (!name.starts_with("RAPPORT_") || name == kConfigFileEnv) continue;
    const KeySpec* match = nullptr;
    for (const auto& spec : Specs()) {
      if (EnvName(spec.key) == name) match = &spec;
    }
    if (match == nullptr) {
      std::string known;
      for (const auto& spec : Specs()) known += " " + EnvName(spec.key);
      return InvalidArgument(
          fmt::format("unknown environment variable {}; known:{} {}", name, known, kConfigFileEnv),
          name);
    }
    RAPPORT_RETURN_IF_ERROR(
        Apply(config, match->key, value, fmt::format("environment variable {}", name)));
  }
  for (const auto& [key, value] : sources.flags) {
    RAPPORT_RETURN_IF_ERROR(Apply(config, key, value, "command-line flags"));
  }
  return config;
}

}  // namespace rapport::core

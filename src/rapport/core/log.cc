#include "rapport/core/log.h"

#include <fmt/format.h>
#include <unistd.h>

namespace rapport::core {
namespace {

void AppendJsonString(std::string& out, std::string_view s) {
  out += '"';
  for (unsigned char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20) {
          out += fmt::format("\\u{:04x}", c);
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  out += '"';
}

// Text values are quoted when they contain spaces, quotes or control characters, so a log
// line can never be split or forged by a value (CWE-117).
void AppendTextValue(std::string& out, std::string_view s) {
  bool plain = !s.empty();
  for (unsigned char c : s) {
    if (c <= ' ' || c == '"' || c == '=' || c == 0x7f) {
      plain = false;
      break;
    }
  }
  if (plain) {
    out += s;
  } else {
    AppendJsonString(out, s);
  }
}

class NullSink final : public LogSink {
 public:
  void Write(std::string_view) override {}
};

}  // namespace

std::string_view LogLevelName(LogLevel level) {
  switch (level) {
    case LogLevel::kDebug:
      return "debug";
    case LogLevel::kInfo:
      return "info";
    case LogLevel::kWarn:
      return "warn";
    case LogLevel::kError:
      return "error";
  }
  return "info";
}

void StderrSink::Write(std::string_view line) {
  // One write(2) per record keeps lines whole even when other processes share stderr.
  std::size_t done = 0;
  while (done < line.size()) {
    const ssize_t n = ::write(STDERR_FILENO, line.data() + done, line.size() - done);
    if (n <= 0) return;
    done += static_cast<std::size_t>(n);
  }
}

Logger::Logger(LogLevel min_level, LogFormat format, std::unique_ptr<LogSink> sink,
               const Clock& clock)
    : min_level_(min_level), format_(format), sink_(std::move(sink)), clock_(clock) {}

void Logger::Log(LogLevel level, std::string_view message, std::string_view request_id,
                 const LogFields& fields) {
  if (!Enabled(level)) return;
  const std::string line = Format(level, message, request_id, fields);
  MutexLock lock(mu_);
  sink_->Write(line);
}

std::string Logger::Format(LogLevel level, std::string_view message, std::string_view request_id,
                           const LogFields& fields) const {
  const std::string ts = FormatIso8601(clock_.Now());
  std::string out;
  if (format_ == LogFormat::kJson) {
    out = fmt::format("{{\"ts\":\"{}\",\"level\":\"{}\",\"msg\":", ts, LogLevelName(level));
    AppendJsonString(out, message);
    if (!request_id.empty()) {
      out += ",\"request_id\":";
      AppendJsonString(out, request_id);
    }
    for (const auto& [k, v] : fields) {
      out += ',';
      AppendJsonString(out, k);
      out += ':';
      AppendJsonString(out, v);
    }
    out += "}\n";
    return out;
  }
  out = fmt::format("{} {:<5} ", ts, LogLevelName(level));
  AppendTextValue(out, message);
  if (!request_id.empty()) {
    out += " request_id=";
    AppendTextValue(out, request_id);
  }
  for (const auto& [k, v] : fields) {
    out += ' ';
    out += k;
    out += '=';
    AppendTextValue(out, v);
  }
  out += '\n';
  return out;
}

Logger& NullLogger() {
  static SystemClock clock;
  // Intentionally leaked: usable from static destructors of tests.
  static Logger* logger =
      new Logger(LogLevel::kError, LogFormat::kText, std::make_unique<NullSink>(), clock);
  return *logger;
}

}  // namespace rapport::core

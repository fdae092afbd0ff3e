#pragma once

// Structured logging as human-readable text or JSON lines, one record per line, to a sink
// (stderr by default). Every record may carry a request id and extra key/value fields.
// Thread-safety: Logger is safe for concurrent use; records are never interleaved.

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "rapport/core/clock.h"
#include "rapport/core/thread_annotations.h"

namespace rapport::core {

enum class LogLevel { kDebug, kInfo, kWarn, kError };
enum class LogFormat { kText, kJson };

std::string_view LogLevelName(LogLevel level);

using LogFields = std::vector<std::pair<std::string, std::string>>;

class LogSink {
 public:
  virtual ~LogSink() = default;
  virtual void Write(std::string_view line) = 0;  // `line` ends with '\n'
};

class StderrSink final : public LogSink {
 public:
  void Write(std::string_view line) override;
};

class Logger {
 public:
  Logger(LogLevel min_level, LogFormat format, std::unique_ptr<LogSink> sink, const Clock& clock);

  bool Enabled(LogLevel level) const { return level >= min_level_; }
  void Log(LogLevel level, std::string_view message, std::string_view request_id = {},
           const LogFields& fields = {}) RAPPORT_EXCLUDES(mu_);

  void Debug(std::string_view m, const LogFields& f = {}) { Log(LogLevel::kDebug, m, {}, f); }
  void Info(std::string_view m, const LogFields& f = {}) { Log(LogLevel::kInfo, m, {}, f); }
  void Warn(std::string_view m, const LogFields& f = {}) { Log(LogLevel::kWarn, m, {}, f); }
  void Error(std::string_view m, const LogFields& f = {}) { Log(LogLevel::kError, m, {}, f); }

 private:
  std::string Format(LogLevel level, std::string_view message, std::string_view request_id,
                     const LogFields& fields) const;

  LogLevel min_level_;
  LogFormat format_;
  Mutex mu_;
  std::unique_ptr<LogSink> sink_ RAPPORT_GUARDED_BY(mu_);
  const Clock& clock_;
};

// A logger that drops everything; for tests and tools that do not care.
Logger& NullLogger();

}  // namespace rapport::core

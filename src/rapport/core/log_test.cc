#include "rapport/core/log.h"

#include <gtest/gtest.h>

namespace rapport::core {
namespace {

class CaptureSink final : public LogSink {
 public:
  explicit CaptureSink(std::string& out) : out_(out) {}
  void Write(std::string_view line) override { out_ += line; }

 private:
  std::string& out_;
};

const FakeClock& TestClock() {
  static const FakeClock clock(TimePoint(std::chrono::milliseconds(1'763'807'652'123)));
  return clock;
}

TEST(Logger, WritesJsonLinesWithRequestIdAndEscapedFields) {
  std::string out;
  Logger logger(LogLevel::kInfo, LogFormat::kJson, std::make_unique<CaptureSink>(out), TestClock());
  logger.Log(LogLevel::kWarn, "slow \"query\"", "req-1", {{"path", "/a\nb"}});
  EXPECT_EQ(out,
            "{\"ts\":\"2025-11-22T10:34:12.123Z\",\"level\":\"warn\",\"msg\":\"slow "
            "\\\"query\\\"\",\"request_id\":\"req-1\",\"path\":\"/a\\nb\"}\n");
}

TEST(Logger, TextFormatQuotesValuesSoLinesCannotBeForged) {
  std::string out;
  Logger logger(LogLevel::kDebug, LogFormat::kText, std::make_unique<CaptureSink>(out),
                TestClock());
  logger.Info("started", {{"user", "x\ninfo forged=1"}});
  EXPECT_EQ(out, "2025-11-22T10:34:12.123Z info  started user=\"x\\ninfo forged=1\"\n");
  EXPECT_EQ(std::count(out.begin(), out.end(), '\n'), 1);
}

TEST(Logger, DropsRecordsBelowTheMinimumLevel) {
  std::string out;
  Logger logger(LogLevel::kWarn, LogFormat::kText, std::make_unique<CaptureSink>(out), TestClock());
  logger.Info("hidden");
  logger.Debug("hidden");
  EXPECT_TRUE(out.empty());
  logger.Error("shown");
  EXPECT_NE(out.find("shown"), std::string::npos);
}

}  // namespace
}  // namespace rapport::core

#include "rapport/core/metrics.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace rapport::core {
namespace {

TEST(MetricsRegistry, RendersCountersWithEscapedLabels) {
  MetricsRegistry registry;
  registry.Counter("rapport_things_total", "Things.", {{"route", "/a\"b\\c\nd"}}).Inc(3);
  const std::string text = registry.RenderPrometheus();
  EXPECT_NE(text.find("# HELP rapport_things_total Things.\n"), std::string::npos);
  EXPECT_NE(text.find("# TYPE rapport_things_total counter\n"), std::string::npos);
  EXPECT_NE(text.find("rapport_things_total{route=\"/a\\\"b\\\\c\\nd\"} 3\n"), std::string::npos)
      << text;
}

TEST(MetricsRegistry, SameLabelsGiveTheSameSeries) {
  MetricsRegistry registry;
  auto& a = registry.Gauge("g", "G.", {{"k", "v"}});
  auto& b = registry.Gauge("g", "G.", {{"k", "v"}});
  EXPECT_EQ(&a, &b);
  a.Add(2);
  b.Add(-0.5);
  EXPECT_DOUBLE_EQ(a.Value(), 1.5);
}

TEST(MetricsRegistry, HistogramBucketsAreCumulative) {
  MetricsRegistry registry;
  auto& h = registry.Histogram("lat_seconds", "Latency.", {}, {0.1, 1.0});
  h.Observe(0.05);
  h.Observe(0.1);  // le is inclusive
  h.Observe(0.5);
  h.Observe(7);
  const std::string text = registry.RenderPrometheus();
  EXPECT_NE(text.find("lat_seconds_bucket{le=\"0.1\"} 2\n"), std::string::npos) << text;
  EXPECT_NE(text.find("lat_seconds_bucket{le=\"1\"} 3\n"), std::string::npos);
  EXPECT_NE(text.find("lat_seconds_bucket{le=\"+Inf\"} 4\n"), std::string::npos);
  EXPECT_NE(text.find("lat_seconds_count 4\n"), std::string::npos);
  EXPECT_NE(text.find("lat_seconds_sum 7.65\n"), std::string::npos);
}

TEST(MetricsRegistry, ConcurrentIncrementsAreNotLost) {
  MetricsRegistry registry;
  auto& c = registry.Counter("c_total", "C.");
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 10000; ++i) c.Inc();
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_DOUBLE_EQ(c.Value(), 40000);
}

}  // namespace
}  // namespace rapport::core

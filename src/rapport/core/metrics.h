#pragma once

// A small Prometheus-style metrics registry: counters, gauges and histograms with labels,
// rendered in the text exposition format (version 0.0.4).
//
// Look-ups (`Counter(...)`, `Histogram(...)`) take a mutex; the returned references are stable
// for the registry's lifetime and updating them is lock-free, so hot paths look a metric up
// once and keep the reference. Thread-safety: all members are safe for concurrent use.

#include <atomic>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "rapport/core/thread_annotations.h"

namespace rapport::core {

using MetricLabels = std::vector<std::pair<std::string, std::string>>;

class CounterMetric {
 public:
  void Inc(double by = 1.0);
  double Value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<double> value_{0.0};
};

class GaugeMetric {
 public:
  void Set(double v) { value_.store(v, std::memory_order_relaxed); }
  void Add(double by);
  double Value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<double> value_{0.0};
};

class HistogramMetric {
 public:
  // REQUIRES: bounds strictly increasing.
  explicit HistogramMetric(std::vector<double> bounds);
  void Observe(double value);
  const std::vector<double>& bounds() const { return bounds_; }
  // Cumulative counts per bound, then +Inf; plus sum and count, read non-atomically as a set.
  std::vector<std::uint64_t> CumulativeCounts() const;
  double Sum() const { return sum_.load(std::memory_order_relaxed); }
  std::uint64_t Count() const { return count_.load(std::memory_order_relaxed); }

 private:
  std::vector<double> bounds_;
  std::unique_ptr<std::atomic<std::uint64_t>[]> buckets_;  // one per bound plus +Inf
  std::atomic<double> sum_{0.0};
  std::atomic<std::uint64_t> count_{0};
};

// Default latency buckets in seconds: 100 µs .. 10 s.
std::vector<double> LatencyBuckets();

class MetricsRegistry {
 public:
  // `name` must match [a-zA-Z_:][a-zA-Z0-9_:]*; the same name must always be used with the
  // same type and help text. Label values are escaped on output.
  CounterMetric& Counter(std::string_view name, std::string_view help,
                         const MetricLabels& labels = {}) RAPPORT_EXCLUDES(mu_);
  GaugeMetric& Gauge(std::string_view name, std::string_view help, const MetricLabels& labels = {})
      RAPPORT_EXCLUDES(mu_);
  HistogramMetric& Histogram(std::string_view name, std::string_view help,
                             const MetricLabels& labels = {},
                             std::vector<double> bounds = LatencyBuckets()) RAPPORT_EXCLUDES(mu_);

  std::string RenderPrometheus() const RAPPORT_EXCLUDES(mu_);

 private:
  enum class Type { kCounter, kGauge, kHistogram };
  struct Series {
    MetricLabels labels;
    std::unique_ptr<CounterMetric> counter;
    std::unique_ptr<GaugeMetric> gauge;
    std::unique_ptr<HistogramMetric> histogram;
  };
  struct Family {
    Type type;
    std::string help;
    std::map<std::string, Series> series;  // keyed by rendered label set
  };
  Series& FindOrAdd(std::string_view name, std::string_view help, Type type,
                    const MetricLabels& labels) RAPPORT_REQUIRES(mu_);

  mutable Mutex mu_;
  std::map<std::string, Family, std::less<>> families_ RAPPORT_GUARDED_BY(mu_);
};

}  // namespace rapport::core

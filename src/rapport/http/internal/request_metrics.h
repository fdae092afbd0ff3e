#pragma once

// Per-request metrics without per-request registry look-ups. The registry's general look-up
// builds a label set and renders it under one global mutex; on the hot path that cost more
// than the health handler itself. RequestMetrics remembers the counter and histogram of every
// (route, method, status) it has seen, so a request costs one hash look-up under a short lock
// and two atomic updates. Label cardinality is bounded by the route table (routes are
// patterns, never raw paths).
// Thread-safety: safe for concurrent use; the registry must outlive it.

#include <string>
#include <string_view>
#include <unordered_map>

#include "rapport/core/metrics.h"
#include "rapport/core/thread_annotations.h"

namespace rapport::http::internal {

class RequestMetrics {
 public:
  explicit RequestMetrics(core::MetricsRegistry& registry) : registry_(registry) {}

  void Record(std::string_view route, std::string_view method, int status, double seconds)
      RAPPORT_EXCLUDES(mu_);

 private:
  struct Series {
    core::CounterMetric* requests;
    core::HistogramMetric* duration;
  };

  core::MetricsRegistry& registry_;
  core::Mutex mu_;
  std::unordered_map<std::string, Series> series_ RAPPORT_GUARDED_BY(mu_);
};

}  // namespace rapport::http::internal

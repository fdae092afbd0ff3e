#include "rapport/core/metrics.h"

#include <fmt/format.h>

#include <cmath>
#include <cstdlib>

namespace rapport::core {
namespace {

void AtomicAdd(std::atomic<double>& target, double by) {
  double current = target.load(std::memory_order_relaxed);
  while (!target.compare_exchange_weak(current, current + by, std::memory_order_relaxed)) {
  }
}

bool IsValidName(std::string_view name) {
  if (name.empty()) return false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    const bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
    const bool digit = c >= '0' && c <= '9';
    if (!alpha && !(digit && i > 0)) return false;
  }
  return true;
}

// Label values escape backslash, double quote and newline (exposition format 0.0.4).
std::string EscapeLabelValue(std::string_view v) {
  std::string out;
  out.reserve(v.size());
  for (char c : v) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '"') {
      out += "\\\"";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

std::string EscapeHelp(std::string_view v) {
  std::string out;
  for (char c : v) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

std::string RenderLabels(const MetricLabels& labels, std::string_view extra_name = {},
                         std::string_view extra_value = {}) {
  if (labels.empty() && extra_name.empty()) return {};
  std::string out = "{";
  bool first = true;
  for (const auto& [k, v] : labels) {
    if (!first) out += ',';
    first = false;
    out += fmt::format("{}=\"{}\"", k, EscapeLabelValue(v));
  }
  if (!extra_name.empty()) {
    if (!first) out += ',';
    out += fmt::format("{}=\"{}\"", extra_name, extra_value);
  }
  out += '}';
  return out;
}

std::string FormatValue(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
  return fmt::format("{}", v);
}

}  // namespace

void CounterMetric::Inc(double by) { AtomicAdd(value_, by); }

void GaugeMetric::Add(double by) { AtomicAdd(value_, by); }

HistogramMetric::HistogramMetric(std::vector<double> bounds)
    : bounds_(std::move(bounds)),
      buckets_(std::make_unique<std::atomic<std::uint64_t>[]>(bounds_.size() + 1)) {}

void HistogramMetric::Observe(double value) {
  std::size_t i = 0;
  while (i < bounds_.size() && value > bounds_[i]) ++i;
  buckets_[i].fetch_add(1, std::memory_order_relaxed);
  AtomicAdd(sum_, value);
  count_.fetch_add(1, std::memory_order_relaxed);
}

std::vector<std::uint64_t> HistogramMetric::CumulativeCounts() const {
  std::vector<std::uint64_t> out(bounds_.size() + 1);
  std::uint64_t running = 0;
  for (std::size_t i = 0; i <= bounds_.size(); ++i) {
    running += buckets_[i].load(std::memory_order_relaxed);
    out[i] = running;
  }
  return out;
}

std::vector<double> LatencyBuckets() {
  return {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
          0.05,   0.1,     0.25,   0.5,   1.0,    2.5,   5.0,  10.0};
}

MetricsRegistry::Series& MetricsRegistry::FindOrAdd(std::string_view name, std::string_view help,
                                                    Type type, const MetricLabels& labels) {
  // A bad name or a type clash is a programming error in a metric definition, never input.
  if (!IsValidName(name)) std::abort();
  auto it = families_.find(name);
  if (it == families_.end()) {
    it = families_.emplace(std::string(name), Family{type, std::string(help), {}}).first;
  } else if (it->second.type != type) {
    std::abort();
  }
  const std::string key = RenderLabels(labels);
  auto [series, inserted] = it->second.series.try_emplace(key);
  if (inserted) series->second.labels = labels;
  return series->second;
}

CounterMetric& MetricsRegistry::Counter(std::string_view name, std::string_view help,
                                        const MetricLabels& labels) {
  MutexLock lock(mu_);
  Series& s = FindOrAdd(name, help, Type::kCounter, labels);
  if (!s.counter) s.counter = std::make_unique<CounterMetric>();
  return *s.counter;
}

GaugeMetric& MetricsRegistry::Gauge(std::string_view name, std::string_view help,
                                    const MetricLabels& labels) {
  MutexLock lock(mu_);
  Series& s = FindOrAdd(name, help, Type::kGauge, labels);
  if (!s.gauge) s.gauge = std::make_unique<GaugeMetric>();
  return *s.gauge;
}

HistogramMetric& MetricsRegistry::Histogram(std::string_view name, std::string_view help,
                                            const MetricLabels& labels,
                                            std::vector<double> bounds) {
  MutexLock lock(mu_);
  Series& s = FindOrAdd(name, help, Type::kHistogram, labels);
  if (!s.histogram) s.histogram = std::make_unique<HistogramMetric>(std::move(bounds));
  return *s.histogram;
}

std::string MetricsRegistry::RenderPrometheus() const {
  MutexLock lock(mu_);
  std::string out;
  for (const auto& [name, family] : families_) {
    static constexpr std::string_view kTypeNames[] = {"counter", "gauge", "histogram"};
    out += fmt::format("# HELP {} {}\n# TYPE {} {}\n", name, EscapeHelp(family.help), name,
                       kTypeNames[static_cast<int>(family.type)]);
    for (const auto& [key, s] : family.series) {
      switch (family.type) {
        case Type::kCounter:
          out += fmt::format("{}{} {}\n", name, key, FormatValue(s.counter->Value()));
          break;
        case Type::kGauge:
          out += fmt::format("{}{} {}\n", name, key, FormatValue(s.gauge->Value()));
          break;
        case Type::kHistogram: {
          const HistogramMetric& h = *s.histogram;
          const auto counts = h.CumulativeCounts();
          for (std::size_t i = 0; i < h.bounds().size(); ++i) {
            out += fmt::format("{}_bucket{} {}\n", name,
                               RenderLabels(s.labels, "le", FormatValue(h.bounds()[i])), counts[i]);
          }
          out += fmt::format("{}_bucket{} {}\n", name, RenderLabels(s.labels, "le", "+Inf"),
                             counts.back());
          out += fmt::format("{}_sum{} {}\n", name, key, FormatValue(h.Sum()));
          // The count is the +Inf bucket so the two always agree in one scrape.
          out += fmt::format("{}_count{} {}\n", name, key, counts.back());
          break;
        }
      }
    }
  }
  return out;
}

}  // namespace rapport::core

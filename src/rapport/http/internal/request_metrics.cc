#include "rapport/http/internal/request_metrics.h"

namespace rapport::http::internal {

void RequestMetrics::Record(std::string_view route, std::string_view method, int status,
                            double seconds) {
  std::string key;
  key.reserve(route.size() + method.size() + 5);
  key.append(route).append(1, '\0').append(method).append(1, '\0');
  key.append(std::to_string(status));
  Series series{};
  {
    core::MutexLock lock(mu_);
    auto it = series_.find(key);
    if (it == series_.end()) {
      // First time for this combination: the registry look-up is paid once.
      Series fresh{
          &registry_.Counter("rapport_http_requests_total",
                             "HTTP requests by route pattern, method and status.",
                             {{"route", std::string(route)},
                              {"method", std::string(method)},
                              {"status", std::to_string(status)}}),
          &registry_.Histogram(
              "rapport_http_request_duration_seconds",
              "Seconds from a request's complete header to its response, by route pattern.",
              {{"route", std::string(route)}})};
      it = series_.emplace(std::move(key), fresh).first;
    }
    series = it->second;
  }
  series.requests->Inc();
  series.duration->Observe(seconds);
}

}  // namespace rapport::http::internal

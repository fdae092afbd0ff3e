#include "rapport/http/router.h"

#include <array>
#include <cstdio>
#include <cstdlib>
#include <utility>

#include "rapport/http/internal/percent.h"

namespace rapport::http {
namespace {

constexpr std::array kAllMethods = {Method::kGet,   Method::kHead,   Method::kPost,   Method::kPut,
                                    Method::kPatch, Method::kDelete, Method::kOptions};
// Real paths have a handful of segments; anything deeper than this cannot match a route.
constexpr std::size_t kMaxSegments = 64;

unsigned Bit(Method m) { return 1u << static_cast<unsigned>(m); }

[[noreturn]] void DieBadRoute(std::string_view pattern, std::string_view why) {
  std::fprintf(stderr, "rapport: invalid route '%.*s': %.*s\n", static_cast<int>(pattern.size()),
               pattern.data(), static_cast<int>(why.size()), why.data());
  std::abort();
}

// Splits "/a/b" into {"a", "b"} and "/" into {""}. REQUIRES: path starts with '/'.
// Returns false when there are more than kMaxSegments segments.
bool SplitPath(std::string_view path, std::vector<std::string_view>& out) {
  out.clear();
  std::size_t start = 1;
  while (true) {
    if (out.size() == kMaxSegments) return false;
    const std::size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) {
      out.push_back(path.substr(start));
      return true;
    }
    out.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
}

bool IsParamNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

}  // namespace

core::Result<std::string> DecodePath(std::string_view raw_path) {
  if (raw_path.empty() || raw_path.front() != '/') {
    return core::InvalidArgument("request path must start with '/'");
  }
  RAPPORT_ASSIGN_OR_RETURN(
      std::string path,
      internal::PercentDecode(raw_path, "path",
                              {.plus_as_space = false, .reject_encoded_slash = true}));
  std::size_t start = 1;
  while (start <= path.size()) {
    std::size_t end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    const std::string_view segment = std::string_view(path).substr(start, end - start);
    if (segment == "." || segment == "..") {
      return core::InvalidArgument("path must not contain '.' or '..' segments");
    }
    start = end + 1;
  }
  return path;
}

std::string FormatAllow(std::span<const Method> methods) {
  std::string out;
  for (const Method m : methods) {
    if (!out.empty()) out += ", ";
    out += MethodName(m);
  }
  return out;
}

void Router::Add(Method method, std::string pattern, Handler handler, RouteOptions options) {
  if (pattern.empty() || pattern.front() != '/') DieBadRoute(pattern, "must start with '/'");
  if (!handler) DieBadRoute(pattern, "handler is empty");
  std::vector<std::string_view> parts;
  if (!SplitPath(pattern, parts)) DieBadRoute(pattern, "too many segments");
  Pattern compiled;
  for (const std::string_view part : parts) {
    Segment segment;
    if (part.size() >= 2 && part.front() == '{' && part.back() == '}') {
      segment.is_param = true;
      segment.text = std::string(part.substr(1, part.size() - 2));
      if (segment.text.empty()) DieBadRoute(pattern, "empty parameter name");
      for (const char c : segment.text) {
        if (!IsParamNameChar(c)) DieBadRoute(pattern, "parameter names are [A-Za-z0-9_]");
      }
      for (const Segment& other : compiled) {
        if (other.is_param && other.text == segment.text) {
          DieBadRoute(pattern, "duplicate parameter name");
        }
      }
    } else {
      if (part.find_first_of("{}") != std::string_view::npos) {
        DieBadRoute(pattern, "a parameter must be a whole segment");
      }
      if (part == "." || part == "..") DieBadRoute(pattern, "dot segments never match");
      segment.text = std::string(part);
    }
    compiled.push_back(std::move(segment));
  }
  // Two patterns with the same shape ("/a/{x}" and "/a/{y}") would shadow each other.
  for (std::size_t i = 0; i < routes_.size(); ++i) {
    if (routes_[i].method != method || patterns_[i].size() != compiled.size()) continue;
    bool same_shape = true;
    for (std::size_t k = 0; k < compiled.size() && same_shape; ++k) {
      const Segment& a = patterns_[i][k];
      const Segment& b = compiled[k];
      same_shape = a.is_param == b.is_param && (a.is_param || a.text == b.text);
    }
    if (same_shape) DieBadRoute(pattern, "duplicate of " + routes_[i].pattern);
  }
  routes_.push_back(Route{method, std::move(pattern), std::move(handler), std::move(options)});
  patterns_.push_back(std::move(compiled));
}

void Router::SetFallback(Handler handler, RouteOptions options) {
  if (!handler) DieBadRoute("*", "handler is empty");
  fallback_.clear();
  fallback_.push_back(Route{Method::kGet, "*", std::move(handler), std::move(options)});
}

const Route* Router::fallback() const { return fallback_.empty() ? nullptr : &fallback_.front(); }

bool Router::Matches(const Pattern& pattern, std::span<const std::string_view> segments) {
  if (pattern.size() != segments.size()) return false;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i].is_param) {
      if (segments[i].empty()) return false;
    } else if (pattern[i].text != segments[i]) {
      return false;
    }
  }
  return true;
}

bool Router::MoreSpecific(const Pattern& a, const Pattern& b) {
  for (std::size_t i = 0; i < a.size() && i < b.size(); ++i) {
    if (a[i].is_param != b[i].is_param) return !a[i].is_param;
  }
  return false;
}

RouteMatch Router::Match(Method method, std::string_view path) const {
  RouteMatch match;
  std::vector<std::string_view> segments;
  if (path.empty() || path.front() != '/' || !SplitPath(path, segments)) return match;

  unsigned allowed_bits = 0;
  std::size_t exact = routes_.size();      // best route with the requested method
  std::size_t get_route = routes_.size();  // best GET route, serves HEAD without a HEAD route
  for (std::size_t i = 0; i < routes_.size(); ++i) {
    if (!Matches(patterns_[i], segments)) continue;
    const Method route_method = routes_[i].method;
    allowed_bits |= Bit(route_method);
    if (route_method == method &&
        (exact == routes_.size() || MoreSpecific(patterns_[i], patterns_[exact]))) {
      exact = i;
    }
    if (route_method == Method::kGet &&
        (get_route == routes_.size() || MoreSpecific(patterns_[i], patterns_[get_route]))) {
      get_route = i;
    }
  }

  if (allowed_bits != 0) {
    if (allowed_bits & Bit(Method::kGet)) allowed_bits |= Bit(Method::kHead);
    allowed_bits |= Bit(Method::kOptions);
    for (const Method m : kAllMethods) {
      if (allowed_bits & Bit(m)) match.allowed.push_back(m);
    }
  }

  std::size_t chosen = exact;
  if (chosen == routes_.size() && method == Method::kHead) chosen = get_route;
  if (chosen != routes_.size()) {
    match.route = &routes_[chosen];
    const Pattern& pattern = patterns_[chosen];
    for (std::size_t i = 0; i < pattern.size(); ++i) {
      if (pattern[i].is_param) {
        match.path_params.emplace_back(pattern[i].text, std::string(segments[i]));
      }
    }
    return match;
  }
  if (allowed_bits == 0 && (method == Method::kGet || method == Method::kHead)) {
    match.route = fallback();
  }
  return match;
}

}  // namespace rapport::http

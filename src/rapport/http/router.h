#pragma once

// One route table for the whole server. Patterns are literal segments and `{name}` parameters:
// "/api/v1/people/{id}". A path that matches no pattern answers 404; a path that matches with
// another method answers 405 with an Allow header; HEAD is served by GET routes without a
// body; OPTIONS answers 204 with Allow. When several patterns match a path, the one with a
// literal segment where the other has a parameter wins ("/people/me" beats "/people/{id}").
// Thread-safety: build the router before the server starts; afterwards it is read-only and
// safe for concurrent matching.

#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "rapport/core/error.h"
#include "rapport/http/request.h"

namespace rapport::http {

using Handler = std::function<Response(const Request&)>;

// Where a handler runs. Handlers that touch the store, the index or the disk are kBlocking and
// run on the worker pool; only handlers that do pure in-memory work may be kInline (on the
// I/O thread).
enum class Execution { kBlocking, kInline };

struct RouteOptions {
  Execution execution = Execution::kBlocking;
  // Deliberately reachable without signing in (health, metrics, the public help center).
  bool public_access = false;
  // For routes that are not public: the policy action checked before the handler runs
  // ("people.import"). Set by the API's checked-route helper; a route with neither
  // public_access nor a permission is a bug that a test catches.
  std::string permission = {};
  std::string summary = {};  // one line for the OpenAPI document
};

struct Route {
  Method method;
  std::string pattern;  // "*" for the fallback route
  Handler handler;
  RouteOptions options;
};

struct RouteMatch {
  const Route* route = nullptr;  // null when nothing matched
  NameValues path_params;
  // Methods the path accepts (GET implies HEAD; OPTIONS always), filled whenever the path
  // matched a pattern. With a null route: empty means 404, non-empty means 405 — or, for an
  // OPTIONS request, the 204 answer's Allow list.
  std::vector<Method> allowed;
};

// Percent-decodes the path part of a request target (no query) for matching. Fails with
// InvalidArgument (HTTP 400) when the path does not start with '/', has invalid
// percent-encoding, control characters (NUL included), invalid UTF-8, an encoded '/'
// (which would change the segment structure), or a "." or ".." segment.
core::Result<std::string> DecodePath(std::string_view raw_path);

// "GET, HEAD, OPTIONS": the value of an Allow header.
std::string FormatAllow(std::span<const Method> methods);

class Router {
 public:
  // REQUIRES: pattern starts with '/', has no duplicate (method, pattern) and no two
  // parameters with the same name. Violations are programming errors and abort at start-up.
  void Add(Method method, std::string pattern, Handler handler, RouteOptions options = {});
  // A fallback for GET/HEAD paths that match no route (the web UI's SPA fallback). Its
  // pattern is "*".
  void SetFallback(Handler handler, RouteOptions options = {});

  // `path` is a decoded path (see DecodePath).
  RouteMatch Match(Method method, std::string_view path) const;
  const std::vector<Route>& routes() const { return routes_; }
  const Route* fallback() const;

 private:
  struct Segment {
    std::string text;  // the literal, or the parameter name
    bool is_param = false;
  };
  using Pattern = std::vector<Segment>;

  static bool Matches(const Pattern& pattern, std::span<const std::string_view> segments);
  // True when `a` is more specific than `b`: a literal where `b` has a parameter, first.
  static bool MoreSpecific(const Pattern& a, const Pattern& b);

  std::vector<Route> routes_;
  std::vector<Pattern> patterns_;  // parallel to routes_
  std::vector<Route> fallback_;    // zero or one
};

}  // namespace rapport::http

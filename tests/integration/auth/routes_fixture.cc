#include "tests/integration/auth/routes_fixture.h"

#include <boost/json.hpp>

namespace rapport::auth::testing {

RoutesFixture::RoutesFixture(bool behind_tls)
    : context_{.store = *store_,
               .metrics = metrics_,
               .clock = clock_,
               .logger = core::NullLogger(),
               .assets = assets_,
               .build = {"test"},
               .started_at = clock_.Now(),
               .auth = auth_.get(),
               .directory = nullptr,
               .behind_tls = behind_tls} {
  api::RegisterAuthRoutes(router_, context_);
}

http::Response RoutesFixture::Send(http::Method method, std::string_view target, std::string body,
                                   http::NameValues headers, std::string remote) {
  http::Request request;
  request.method = method;
  const auto question = target.find('?');
  request.path = std::string(target.substr(0, question));
  if (question != std::string_view::npos) {
    std::string_view query = target.substr(question + 1);
    while (!query.empty()) {
      const auto amp = query.find('&');
      const std::string_view pair = query.substr(0, amp);
      const auto eq = pair.find('=');
      request.query.emplace_back(
          std::string(pair.substr(0, eq)),
          eq == std::string_view::npos ? "" : std::string(pair.substr(eq + 1)));
      query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    }
  }
  request.headers = std::move(headers);
  request.body = std::move(body);
  request.remote_address = std::move(remote);
  const auto match = router_.Match(method, request.path);
  if (match.route == nullptr) {
    return http::Response::ErrorShape(match.allowed.empty() ? 404 : 405, "no_route", "no route");
  }
  request.path_params = match.path_params;
  request.route = match.route->pattern;
  return match.route->handler(request);
}

http::Response RoutesFixture::AsSession(http::Method method, std::string_view target,
                                        const SignIn& session, std::string body) {
  http::NameValues headers = {{"cookie", "rapport_session=" + session.session_secret},
                              {"x-csrf-token", session.csrf_token}};
  if (!body.empty()) headers.emplace_back("content-type", "application/json");
  return Send(method, target, std::move(body), std::move(headers));
}

http::Response RoutesFixture::AsToken(http::Method method, std::string_view target,
                                      std::string_view secret, std::string body) {
  return Send(
      method, target, std::move(body),
      {{"authorization", "Bearer " + std::string(secret)}, {"content-type", "application/json"}});
}

http::Response RoutesFixture::LoginRequest(std::string_view email, std::string_view password,
                                           std::string remote, http::NameValues extra) {
  boost::json::object body{{"email", email}, {"password", password}};
  extra.emplace_back("content-type", "application/json");
  return Send(http::Method::kPost, "/api/v1/auth/login", boost::json::serialize(body),
              std::move(extra), std::move(remote));
}

std::optional<std::string> RoutesFixture::HeaderOf(const http::Response& response,
                                                   std::string_view name) {
  for (const auto& [key, value] : response.headers) {
    if (key == name) return value;
  }
  return std::nullopt;
}

std::optional<std::string> RoutesFixture::SessionSetBy(const http::Response& response) {
  const auto cookie = HeaderOf(response, "Set-Cookie");
  if (!cookie || !cookie->starts_with("rapport_session=")) return std::nullopt;
  const auto start = std::string_view("rapport_session=").size();
  return cookie->substr(start, cookie->find(';') - start);
}

}  // namespace rapport::auth::testing

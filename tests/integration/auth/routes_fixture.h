#pragma once

// The auth endpoints registered on a router over the real store of AuthFixture, and a tiny
// client that builds http::Request values, runs the matched handler and keeps cookies.

#include <string>
#include <string_view>

#include "rapport/api/auth_routes.h"
#include "rapport/api/routes.h"
#include "rapport/api/static_assets.h"
#include "rapport/core/log.h"
#include "rapport/core/metrics.h"
#include "rapport/http/request.h"
#include "rapport/http/router.h"
#include "tests/integration/auth/auth_fixture.h"

namespace rapport::auth::testing {

class RoutesFixture : public AuthFixture {
 protected:
  explicit RoutesFixture(bool behind_tls = false);

  // Runs the route matching (method, target); `target` may carry a query string.
  http::Response Send(http::Method method, std::string_view target, std::string body = {},
                      http::NameValues headers = {}, std::string remote = "198.51.100.7");
  // A JSON POST/PATCH/DELETE/GET with the session cookie and CSRF token of `session`.
  http::Response AsSession(http::Method method, std::string_view target, const SignIn& session,
                           std::string body = {});
  http::Response AsToken(http::Method method, std::string_view target, std::string_view secret,
                         std::string body = {});
  http::Response LoginRequest(std::string_view email, std::string_view password,
                              std::string remote = "198.51.100.7", http::NameValues extra = {});

  static std::optional<std::string> HeaderOf(const http::Response& response, std::string_view name);
  // The session secret a response's Set-Cookie sets ("" for a clearing cookie).
  static std::optional<std::string> SessionSetBy(const http::Response& response);

  core::MetricsRegistry metrics_;
  api::StaticAssets assets_{{}};
  api::ApiContext context_;
  http::Router router_;
};

class SecureRoutesFixture : public RoutesFixture {
 protected:
  SecureRoutesFixture() : RoutesFixture(true) {}
};

}  // namespace rapport::auth::testing

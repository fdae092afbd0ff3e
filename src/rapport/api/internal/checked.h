#pragma once

// Checked routes: every non-public API route is registered through AddChecked, which
// authenticates the caller, enforces CSRF for cookie-authenticated writes, asks the policy
// whether the principal may perform the route's action, and only then runs the handler with
// the principal. Handlers therefore never see an anonymous or unauthorised request.
//
// Credentials, in this order:
//   - `Authorization: Bearer rpt_...` (API tokens). When an Authorization header is present
//     it alone decides, even beside a session cookie: a program that sends a token means it,
//     and browsers never attach this header by themselves, so no CSRF token is needed.
//   - the `rapport_session` cookie. Writes (any method but GET, HEAD and OPTIONS) must carry
//     the session's CSRF token in X-CSRF-Token (compared in constant time).
// Answers: 401 without valid credentials (with `WWW-Authenticate: Bearer`, and clearing a
// session cookie that no longer works), 403 for a missing or wrong CSRF token (field
// "X-CSRF-Token") or an action the principal may not perform.
//
// Thread-safety: AddChecked runs at start-up; the installed handlers are safe for concurrent
// use (they only call the thread-safe AuthService).

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "rapport/api/routes.h"
#include "rapport/auth/policy.h"
#include "rapport/http/request.h"
#include "rapport/http/router.h"

namespace rapport::api::internal {

inline constexpr std::string_view kSessionCookie = "rapport_session";
inline constexpr std::string_view kCsrfHeader = "x-csrf-token";

using CheckedHandler = std::function<http::Response(const http::Request&, const auth::Principal&)>;

// Registers `handler` for (method, pattern), guarded as described above; sets
// options.permission to the action's name (for the OpenAPI document and the route-table test).
// REQUIRES: ctx.auth is set and `ctx` outlives the router; options.public_access is false.
void AddChecked(http::Router& router, const ApiContext& ctx, http::Method method,
                std::string pattern, auth::Action action, CheckedHandler handler,
                http::RouteOptions options = {});

// The common shape of a checked handler: a response, or a semantic error that Respond turns
// into the JSON error shape.
using Handled = core::Result<http::Response>;
using CheckedFn = Handled (*)(const ApiContext&, const http::Request&, const auth::Principal&);

http::Response Respond(Handled handled);

// AddChecked for a CheckedFn run on the worker pool, with `summary` for the OpenAPI document.
void AddCheckedBlocking(http::Router& router, const ApiContext& ctx, http::Method method,
                        std::string pattern, auth::Action action, CheckedFn fn,
                        std::string summary);

// The principal behind the request's credentials, with CSRF enforced for cookie writes:
// Unauthenticated or PermissionDenied (field "X-CSRF-Token"). Does not check any action.
core::Result<auth::Principal> AuthenticateRequest(const ApiContext& ctx,
                                                  const http::Request& request);

// --- Cookies -------------------------------------------------------------------------------

// The value of cookie `name` from the request's Cookie header(s) (RFC 6265 syntax, tolerant
// of extra spaces, empty pairs and quoted values); the first one when it appears several
// times; nullopt when absent.
std::optional<std::string> FindCookie(const http::Request& request, std::string_view name);

// Set-Cookie value for the session: HttpOnly; SameSite=Lax; Path=/; Max-Age; Secure when
// `secure` (the server is behind TLS).
std::string SessionCookie(std::string_view secret, std::chrono::seconds max_age, bool secure);
// Set-Cookie value that makes the browser forget the session cookie.
std::string ClearedSessionCookie(bool secure);

// The token of an `Authorization: Bearer <token>` header (scheme case-insensitive); an empty
// string for any other Authorization header; nullopt when there is none.
std::optional<std::string_view> BearerToken(const http::Request& request);

}  // namespace rapport::api::internal

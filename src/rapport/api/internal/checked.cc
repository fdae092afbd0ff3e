#include "rapport/api/internal/checked.h"

#include <utility>

#include "rapport/auth/crypto.h"
#include "rapport/auth/service.h"

namespace rapport::api::internal {
namespace {

constexpr std::string_view kCookieSpace = " \t";

std::string_view Trim(std::string_view text, std::string_view chars) {
  const auto first = text.find_first_not_of(chars);
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(chars);
  return text.substr(first, last - first + 1);
}

bool EqualsIgnoringCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const auto lower = [](char c) {
      return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
    };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

bool IsSafeMethod(http::Method method) {
  return method == http::Method::kGet || method == http::Method::kHead ||
         method == http::Method::kOptions;
}

std::string CookieAttributes(bool secure) {
  std::string out = "; Path=/; HttpOnly; SameSite=Lax";
  if (secure) out += "; Secure";
  return out;
}

http::Response Refuse(const ApiContext& ctx, const http::Request& request,
                      const core::Error& error) {
  http::Response response = http::Response::FromError(error);
  if (error.code() == core::ErrorCode::kUnauthenticated) {
    response.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"rapport\"");
    // A cookie that no longer signs in is dropped, so the browser stops sending it.
    if (!BearerToken(request) && FindCookie(request, kSessionCookie)) {
      response.headers.emplace_back("Set-Cookie", ClearedSessionCookie(ctx.behind_tls));
    }
  }
  return response;
}

}  // namespace

std::optional<std::string> FindCookie(const http::Request& request, std::string_view name) {
  for (const auto& [header, value] : request.headers) {
    if (header != "cookie") continue;
    std::string_view rest = value;
    while (!rest.empty()) {
      const auto semicolon = rest.find(';');
      const std::string_view pair = Trim(rest.substr(0, semicolon), kCookieSpace);
      rest = semicolon == std::string_view::npos ? std::string_view() : rest.substr(semicolon + 1);
      const auto equals = pair.find('=');
      if (equals == std::string_view::npos) continue;
      if (Trim(pair.substr(0, equals), kCookieSpace) != name) continue;
      std::string_view cookie = Trim(pair.substr(equals + 1), kCookieSpace);
      if (cookie.size() >= 2 && cookie.front() == '"' && cookie.back() == '"') {
        cookie = cookie.substr(1, cookie.size() - 2);
      }
      return std::string(cookie);
    }
  }
  return std::nullopt;
}

std::string SessionCookie(std::string_view secret, std::chrono::seconds max_age, bool secure) {
  return std::string(kSessionCookie) + "=" + std::string(secret) +
         "; Max-Age=" + std::to_string(std::max<std::int64_t>(max_age.count(), 0)) +
         CookieAttributes(secure);
}

std::string ClearedSessionCookie(bool secure) {
  return std::string(kSessionCookie) + "=; Max-Age=0" + CookieAttributes(secure);
}

std::optional<std::string_view> BearerToken(const http::Request& request) {
  const auto header = request.Header("authorization");
  if (!header) return std::nullopt;
  const std::string_view value = Trim(*header, kCookieSpace);
  const auto space = value.find_first_of(kCookieSpace);
  if (space == std::string_view::npos || !EqualsIgnoringCase(value.substr(0, space), "bearer")) {
    return std::string_view();
  }
  return Trim(value.substr(space), kCookieSpace);
}

core::Result<auth::Principal> AuthenticateRequest(const ApiContext& ctx,
                                                  const http::Request& request) {
  if (const auto bearer = BearerToken(request)) {
    RAPPORT_ASSIGN_OR_RETURN(auth::Principal principal, ctx.auth->AuthenticateToken(*bearer));
    principal.remote_address = request.remote_address;
    return principal;
  }
  const std::optional<std::string> secret = FindCookie(request, kSessionCookie);
  if (!secret || secret->empty()) {
    return core::Unauthenticated("sign in, or send an API token as Authorization: Bearer");
  }
  RAPPORT_ASSIGN_OR_RETURN(auth::Principal principal, ctx.auth->Authenticate(*secret));
  if (!IsSafeMethod(request.method)) {
    const std::optional<std::string_view> presented = request.Header(kCsrfHeader);
    if (!presented || !auth::ConstantTimeEquals(*presented, auth::CsrfTokenFor(*secret))) {
      return core::MakeError(core::ErrorCode::kPermissionDenied,
                             "missing or wrong CSRF token; send the session's token in "
                             "X-CSRF-Token",
                             "X-CSRF-Token");
    }
  }
  principal.remote_address = request.remote_address;
  return principal;
}

void AddChecked(http::Router& router, const ApiContext& ctx, http::Method method,
                std::string pattern, auth::Action action, CheckedHandler handler,
                http::RouteOptions options) {
  options.public_access = false;
  options.permission = std::string(auth::ActionName(action));
  router.Add(
      method, std::move(pattern),
      [&ctx, action, handler = std::move(handler)](const http::Request& request) {
        const core::Result<auth::Principal> principal = AuthenticateRequest(ctx, request);
        if (!principal) return Refuse(ctx, request, principal.error());
        if (const core::Status allowed = auth::Authorize(*principal, action); !allowed) {
          return Refuse(ctx, request, allowed.error());
        }
        return handler(request, *principal);
      },
      std::move(options));
}

http::Response Respond(Handled handled) {
  if (handled) return std::move(*handled);
  return http::Response::FromError(handled.error());
}

void AddCheckedBlocking(http::Router& router, const ApiContext& ctx, http::Method method,
                        std::string pattern, auth::Action action, CheckedFn fn,
                        std::string summary) {
  AddChecked(router, ctx, method, std::move(pattern), action,
             [&ctx, fn](const http::Request& r, const auth::Principal& p) {
               return Respond(fn(ctx, r, p));
             },
             {.execution = http::Execution::kBlocking, .summary = std::move(summary)});
}

}  // namespace rapport::api::internal

#include "rapport/api/auth_routes.h"

#include <boost/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "rapport/api/internal/auth_json.h"
#include "rapport/api/internal/checked.h"
#include "rapport/api/internal/params.h"
#include "rapport/auth/crypto.h"
#include "rapport/auth/service.h"
#include "rapport/http/json.h"

namespace rapport::api {
namespace {

namespace json = boost::json;
using auth::Action;
using auth::Principal;
using http::Execution;
using http::Method;
using http::Request;
using http::Response;
using internal::AuditJson;
using internal::JsonResponse;
using internal::ParseObjectBody;
using internal::TokenJson;
using internal::UserJson;

// A token asks for a handful of scopes; more is a malformed request, not a reason to loop.
constexpr std::size_t kMaxScopesPerRequest = 16;
constexpr std::size_t kMaxAuditFilterBytes = 128;

using internal::CheckedFn;
using internal::Handled;
using internal::Respond;
using PublicFn = Handled (*)(const ApiContext&, const Request&);

std::string SessionSecretOf(const Request& request) {
  return internal::FindCookie(request, internal::kSessionCookie).value_or("");
}

// The answer to every successful sign-in: the user and the session's CSRF token, with the
// session cookie lasting as long as the session may.
Response SignedIn(const ApiContext& ctx, const auth::SignIn& signed_in) {
  Response response = JsonResponse(
      200, json::object{{"user", UserJson(signed_in.user)}, {"csrf_token", signed_in.csrf_token}});
  const auto max_age =
      std::chrono::duration_cast<std::chrono::seconds>(signed_in.expires_at - ctx.clock.Now());
  response.headers.emplace_back(
      "Set-Cookie", internal::SessionCookie(signed_in.session_secret, max_age, ctx.behind_tls));
  return response;
}

core::Result<std::optional<store::PersonId>> PersonIdField(const json::object& body) {
  RAPPORT_ASSIGN_OR_RETURN(const auto text, http::GetOptionalString(body, "person_id"));
  if (!text) return std::optional<store::PersonId>();
  RAPPORT_ASSIGN_OR_RETURN(store::PersonId id, store::PersonId::Parse(*text, "person_id"));
  return std::optional<store::PersonId>(std::move(id));
}

// --- Sessions ------------------------------------------------------------------------------

Handled Login(const ApiContext& ctx, const Request& request) {
  RAPPORT_RETURN_IF_ERROR(internal::RequireJsonContentType(request));
  RAPPORT_ASSIGN_OR_RETURN(const json::object body,
                           ParseObjectBody(request, {"email", "password"}));
  RAPPORT_ASSIGN_OR_RETURN(const std::string_view email, http::GetString(body, "email"));
  RAPPORT_ASSIGN_OR_RETURN(const std::string_view password, http::GetString(body, "password"));
  RAPPORT_ASSIGN_OR_RETURN(
      const auth::SignIn signed_in,
      ctx.auth->Login(email, password, request.remote_address, SessionSecretOf(request)));
  return SignedIn(ctx, signed_in);
}

Handled Redeem(const ApiContext& ctx, const Request& request) {
  RAPPORT_RETURN_IF_ERROR(internal::RequireJsonContentType(request));
  RAPPORT_ASSIGN_OR_RETURN(const json::object body,
                           ParseObjectBody(request, {"token", "password"}));
  RAPPORT_ASSIGN_OR_RETURN(const std::string_view token, http::GetString(body, "token"));
  RAPPORT_ASSIGN_OR_RETURN(const std::string_view password, http::GetString(body, "password"));
  RAPPORT_ASSIGN_OR_RETURN(
      const auth::SignIn signed_in,
      ctx.auth->RedeemLink(token, password, request.remote_address, SessionSecretOf(request)));
  return SignedIn(ctx, signed_in);
}

Handled Logout(const ApiContext& ctx, const Request& request, const Principal&) {
  RAPPORT_RETURN_IF_ERROR(ctx.auth->Logout(SessionSecretOf(request), request.remote_address));
  Response response = JsonResponse(200, json::object{});
  response.headers.emplace_back("Set-Cookie", internal::ClearedSessionCookie(ctx.behind_tls));
  return response;
}

Handled ChangePassword(const ApiContext& ctx, const Request& request, const Principal& principal) {
  RAPPORT_ASSIGN_OR_RETURN(const json::object body,
                           ParseObjectBody(request, {"current_password", "new_password"}));
  RAPPORT_ASSIGN_OR_RETURN(const std::string_view current,
                           http::GetString(body, "current_password"));
  RAPPORT_ASSIGN_OR_RETURN(const std::string_view next, http::GetString(body, "new_password"));
  RAPPORT_ASSIGN_OR_RETURN(const auth::SignIn signed_in,
                           ctx.auth->ChangePassword(principal, current, next));
  return SignedIn(ctx, signed_in);
}

Handled Me(const ApiContext& ctx, const Request& request, const Principal& principal) {
  RAPPORT_ASSIGN_OR_RETURN(const store::User user, ctx.auth->Me(principal));
  json::array permissions;
  for (const auto& name : ctx.auth->PermissionsOf(principal)) permissions.emplace_back(name);
  return JsonResponse(200,
                      json::object{{"user", UserJson(user)},
                                   {"csrf_token", auth::CsrfTokenFor(SessionSecretOf(request))},
                                   {"permissions", std::move(permissions)}});
}

// --- Accounts ------------------------------------------------------------------------------

Handled ListUsers(const ApiContext& ctx, const Request&, const Principal& principal) {
  RAPPORT_ASSIGN_OR_RETURN(const auto users, ctx.auth->ListUsers(principal));
  json::array out;
  for (const auto& user : users) out.emplace_back(UserJson(user));
  return JsonResponse(200, json::object{{"users", std::move(out)}});
}

Handled CreateUser(const ApiContext& ctx, const Request& request, const Principal& principal) {
  RAPPORT_ASSIGN_OR_RETURN(const json::object body,
                           ParseObjectBody(request, {"email", "name", "role", "person_id"}));
  auth::NewUser user;
  RAPPORT_ASSIGN_OR_RETURN(const std::string_view email, http::GetString(body, "email"));
  RAPPORT_ASSIGN_OR_RETURN(const std::string_view name, http::GetString(body, "name"));
  RAPPORT_ASSIGN_OR_RETURN(const std::string_view role, http::GetString(body, "role"));
  user.email = std::string(email);
  user.name = std::string(name);
  RAPPORT_ASSIGN_OR_RETURN(user.role, auth::ParseRole(role));
  RAPPORT_ASSIGN_OR_RETURN(user.person_id, PersonIdField(body));
  RAPPORT_ASSIGN_OR_RETURN(const store::User created, ctx.auth->CreateUser(principal, user));
  return JsonResponse(201, UserJson(created));
}

Handled UpdateUser(const ApiContext& ctx, const Request& request, const Principal& principal) {
  RAPPORT_ASSIGN_OR_RETURN(const store::UserId id, store::UserId::Parse(request.PathParam("id")));
  RAPPORT_ASSIGN_OR_RETURN(const json::object body,
                           ParseObjectBody(request, {"role", "name", "disabled", "person_id"}));
  auth::UserPatch patch;
  RAPPORT_ASSIGN_OR_RETURN(const auto role, http::GetOptionalString(body, "role"));
  if (role) {
    RAPPORT_ASSIGN_OR_RETURN(patch.role, auth::ParseRole(*role));
  }
  RAPPORT_ASSIGN_OR_RETURN(const auto name, http::GetOptionalString(body, "name"));
  if (name) patch.name = std::string(*name);
  RAPPORT_ASSIGN_OR_RETURN(patch.disabled, http::GetOptionalBool(body, "disabled"));
  // Present and null unlinks the person; absent leaves the link alone.
  if (body.contains("person_id")) {
    RAPPORT_ASSIGN_OR_RETURN(patch.person_id, PersonIdField(body));
  }
  RAPPORT_ASSIGN_OR_RETURN(const store::User updated, ctx.auth->UpdateUser(principal, id, patch));
  return JsonResponse(200, UserJson(updated));
}

Handled CreateLink(const ApiContext& ctx, const Request& request, const Principal& principal,
                   store::LinkPurpose purpose) {
  RAPPORT_ASSIGN_OR_RETURN(const store::UserId id, store::UserId::Parse(request.PathParam("id")));
  RAPPORT_ASSIGN_OR_RETURN(const auth::IssuedLink link,
                           ctx.auth->CreateLink(principal, id, purpose));
  // Relative: the web UI serves these pages and knows its own origin.
  const std::string url =
      (purpose == store::LinkPurpose::kInvitation ? "/invite/" : "/reset/") + link.secret;
  return JsonResponse(
      200, json::object{{"url", url}, {"expires_at", core::FormatIso8601(link.expires_at)}});
}

Handled CreateInvitation(const ApiContext& ctx, const Request& request, const Principal& p) {
  return CreateLink(ctx, request, p, store::LinkPurpose::kInvitation);
}

Handled CreatePasswordReset(const ApiContext& ctx, const Request& request, const Principal& p) {
  return CreateLink(ctx, request, p, store::LinkPurpose::kPasswordReset);
}

// --- Tokens and audit ----------------------------------------------------------------------

Handled ListTokens(const ApiContext& ctx, const Request& request, const Principal& principal) {
  const auto all_text = request.Query("all");
  if (all_text && *all_text != "true" && *all_text != "false") {
    return core::InvalidArgument("all must be true or false", "all");
  }
  RAPPORT_ASSIGN_OR_RETURN(const auto tokens,
                           ctx.auth->ListTokens(principal, all_text && *all_text == "true"));
  json::array out;
  for (const auto& token : tokens) out.emplace_back(TokenJson(token));
  return JsonResponse(200, json::object{{"tokens", std::move(out)}});
}

Handled CreateToken(const ApiContext& ctx, const Request& request, const Principal& principal) {
  RAPPORT_ASSIGN_OR_RETURN(const json::object body,
                           ParseObjectBody(request, {"name", "scopes", "expires_in_days"}));
  auth::NewToken token;
  RAPPORT_ASSIGN_OR_RETURN(const std::string_view name, http::GetString(body, "name"));
  token.name = std::string(name);
  RAPPORT_ASSIGN_OR_RETURN(const json::array* scopes, http::GetArray(body, "scopes"));
  if (scopes->size() > kMaxScopesPerRequest) {
    return core::InvalidArgument("scopes has too many entries", "scopes");
  }
  for (std::size_t i = 0; i < scopes->size(); ++i) {
    const json::value& scope = (*scopes)[i];
    if (!scope.is_string()) {
      const std::string field = http::IndexPath("scopes", i);
      return core::InvalidArgument(field + " must be a string", field);
    }
    token.scopes.emplace_back(scope.as_string().data(), scope.as_string().size());
  }
  RAPPORT_ASSIGN_OR_RETURN(const auto days, http::GetOptionalInt(body, "expires_in_days"));
  if (days) {
    if (*days < 1 || *days > auth::kMaxTokenLifetimeDays) {
      return core::InvalidArgument(
          "expires_in_days must be between 1 and " + std::to_string(auth::kMaxTokenLifetimeDays),
          "expires_in_days");
    }
    token.expires_in_days = static_cast<int>(*days);
  }
  RAPPORT_ASSIGN_OR_RETURN(const auth::IssuedToken issued, ctx.auth->CreateToken(principal, token));
  return JsonResponse(201,
                      json::object{{"token", TokenJson(issued.token)}, {"secret", issued.secret}});
}

Handled RevokeToken(const ApiContext& ctx, const Request& request, const Principal& principal) {
  RAPPORT_ASSIGN_OR_RETURN(const store::ApiTokenId id,
                           store::ApiTokenId::Parse(request.PathParam("id")));
  RAPPORT_ASSIGN_OR_RETURN(const store::ApiToken revoked, ctx.auth->RevokeToken(principal, id));
  return JsonResponse(200, TokenJson(revoked));
}

Handled ListAudit(const ApiContext& ctx, const Request& request, const Principal& principal) {
  store::AuditFilter filter;
  store::PageRequest page;
  for (const auto& [name, target] :
       {std::pair{"action", &filter.action}, std::pair{"actor", &filter.actor_id},
        std::pair{"cursor", &page.cursor}}) {
    const auto value = request.Query(name);
    if (!value) continue;
    if (value->size() > kMaxAuditFilterBytes) {
      return core::InvalidArgument(std::string(name) + " is too long", name);
    }
    *target = std::string(*value);
  }
  RAPPORT_ASSIGN_OR_RETURN(
      page.limit,
      internal::IntParam(request, "limit", store::kDefaultPageLimit, 1, store::kMaxPageLimit));
  RAPPORT_ASSIGN_OR_RETURN(const auto entries, ctx.auth->ListAudit(principal, filter, page));
  json::array out;
  for (const auto& entry : entries.items) out.emplace_back(AuditJson(entry));
  json::value next = nullptr;
  if (!entries.next_cursor.empty()) next = entries.next_cursor;
  return JsonResponse(200, json::object{{"entries", std::move(out)}, {"next_cursor", next}});
}

}  // namespace

void RegisterAuthRoutes(http::Router& router, const ApiContext& ctx) {
  const auto open = [&](Method method, std::string pattern, PublicFn fn, std::string summary) {
    router.Add(
        method, std::move(pattern), [&ctx, fn](const Request& r) { return Respond(fn(ctx, r)); },
        {.execution = Execution::kBlocking, .public_access = true, .summary = std::move(summary)});
  };
  const auto checked = [&](Method method, std::string pattern, Action action, CheckedFn fn,
                           std::string summary) {
    internal::AddCheckedBlocking(router, ctx, method, std::move(pattern), action, fn,
                                 std::move(summary));
  };

  open(Method::kPost, "/api/v1/auth/login", Login,
       "Sign in with e-mail and password; sets the session cookie.");
  open(Method::kPost, "/api/v1/auth/redeem", Redeem,
       "Accept an invitation or reset link: set the password and sign in.");
  checked(Method::kPost, "/api/v1/auth/logout", Action::kSelf, Logout,
          "End the current session (idempotent).");
  checked(Method::kPost, "/api/v1/auth/password", Action::kSelf, ChangePassword,
          "Change one's password; ends every other session.");
  checked(Method::kGet, "/api/v1/me", Action::kSelf, Me,
          "The signed-in user, the session's CSRF token and the permitted actions.");

  checked(Method::kGet, "/api/v1/users", Action::kUsersRead, ListUsers,
          "Accounts of the organisation.");
  checked(Method::kPost, "/api/v1/users", Action::kUsersManage, CreateUser,
          "Create an account (without a password; send an invitation).");
  checked(Method::kPatch, "/api/v1/users/{id}", Action::kUsersManage, UpdateUser,
          "Change an account's role, name, person or disabled state.");
  checked(Method::kPost, "/api/v1/users/{id}/invitation", Action::kUsersManage, CreateInvitation,
          "A single-use invitation link (7 days).");
  checked(Method::kPost, "/api/v1/users/{id}/password-reset", Action::kUsersManage,
          CreatePasswordReset, "A single-use password-reset link (24 hours).");

  checked(Method::kGet, "/api/v1/tokens", Action::kTokensOwn, ListTokens,
          "One's API tokens; ?all=true for every token (tokens.manage).");
  checked(Method::kPost, "/api/v1/tokens", Action::kTokensOwn, CreateToken,
          "Create an API token; the secret is shown once.");
  checked(Method::kDelete, "/api/v1/tokens/{id}", Action::kTokensOwn, RevokeToken,
          "Revoke an API token.");
  checked(Method::kGet, "/api/v1/audit", Action::kAuditRead, ListAudit,
          "The audit log, newest first.");
}

}  // namespace rapport::api

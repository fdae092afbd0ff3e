// The auth endpoints and the checked-route middleware, driven through the router with a real
// SQLite store: cookies, CSRF, throttling, tokens, links, audit and tenancy as a client sees
// them.

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "tests/integration/auth/routes_fixture.h"

namespace rapport::auth::testing {
namespace {

namespace json = boost::json;
using http::Method;
using std::chrono::minutes;

json::object Body(const http::Response& response) { return json::parse(response.body).as_object(); }

std::string ErrorField(const http::Response& response) {
  const json::object error = Body(response).at("error").as_object();
  return error.contains("field") ? std::string(error.at("field").as_string()) : std::string();
}

class AuthRoutes : public RoutesFixture {
 protected:
  SignIn SignInOwner() { return LoginOrDie("owner@acme.test"); }
};

class SecureAuthRoutes : public SecureRoutesFixture {};

TEST_F(AuthRoutes, EveryRouteIsPublicOrChecked) {
  ASSERT_GE(router_.routes().size(), 14u);
  for (const auto& route : router_.routes()) {
    EXPECT_NE(route.options.public_access, !route.options.permission.empty()) << route.pattern;
    EXPECT_EQ(route.options.execution, http::Execution::kBlocking) << route.pattern;
    EXPECT_FALSE(route.options.summary.empty()) << route.pattern;
  }
}

TEST_F(AuthRoutes, LoginSetsAnHttpOnlyLaxSessionCookie) {
  const auto response = LoginRequest("owner@acme.test", kPassword);
  ASSERT_EQ(response.status, 200) << response.body;
  const auto cookie = HeaderOf(response, "Set-Cookie");
  ASSERT_TRUE(cookie);
  EXPECT_TRUE(cookie->starts_with("rapport_session=rps_")) << *cookie;
  EXPECT_NE(cookie->find("; HttpOnly"), std::string::npos);
  EXPECT_NE(cookie->find("; SameSite=Lax"), std::string::npos);
  EXPECT_NE(cookie->find("; Path=/"), std::string::npos);
  EXPECT_NE(cookie->find("; Max-Age=604800"), std::string::npos);
  EXPECT_EQ(cookie->find("Secure"), std::string::npos);

  const auto body = Body(response);
  EXPECT_EQ(body.at("user").at("email").as_string(), "owner@acme.test");
  EXPECT_EQ(body.at("user").at("role").as_string(), "owner");
  EXPECT_EQ(body.at("user").at("has_password").as_bool(), true);
  EXPECT_TRUE(body.at("user").at("person_id").is_null());
  EXPECT_EQ(body.at("csrf_token").as_string(), CsrfTokenFor(*SessionSetBy(response)));
  EXPECT_EQ(response.body.find("argon2"), std::string::npos);
}

TEST_F(SecureAuthRoutes, CookiesAreSecureBehindTls) {
  const auto response = LoginRequest("owner@acme.test", kPassword);
  ASSERT_EQ(response.status, 200);
  EXPECT_NE(HeaderOf(response, "Set-Cookie")->find("; Secure"), std::string::npos);
}

TEST_F(AuthRoutes, UnknownEmailAndWrongPasswordAnswerIdentically) {
  const auto unknown = LoginRequest("nobody@acme.test", "wrong password!");
  const auto wrong = LoginRequest("owner@acme.test", "wrong password!");
  EXPECT_EQ(unknown.status, 401);
  EXPECT_EQ(unknown.status, wrong.status);
  EXPECT_EQ(unknown.body, wrong.body);
  EXPECT_EQ(unknown.headers, wrong.headers);
  EXPECT_EQ(unknown.content_type, wrong.content_type);
}

TEST_F(AuthRoutes, RepeatedFailuresAnswer429WithRetryAfterForAnyEmail) {
  for (const std::string email : {"owner@acme.test", "nobody@acme.test"}) {
    for (int i = 0; i < 5; ++i) {
      ASSERT_EQ(LoginRequest(email, "bad", "10.0.0." + std::to_string(i)).status, 401);
    }
    const auto limited = LoginRequest(email, kPassword, "10.0.1.1");
    EXPECT_EQ(limited.status, 429) << email;
    EXPECT_EQ(HeaderOf(limited, "Retry-After"), "900");
    EXPECT_EQ(Body(limited).at("error").at("code").as_string(), "rate_limited");
  }
  // And per address, whatever the accounts.
  for (int i = 0; i < 20; ++i) {
    ASSERT_EQ(LoginRequest("u" + std::to_string(i) + "@x.test", "bad", "10.9.9.9").status, 401);
  }
  EXPECT_EQ(LoginRequest("fresh@x.test", "bad", "10.9.9.9").status, 429);
  clock_.Advance(minutes(15));
  EXPECT_EQ(LoginRequest("owner@acme.test", kPassword, "10.9.9.9").status, 200);
}

TEST_F(AuthRoutes, SigningInEndsThePresentedSession) {
  const SignIn planted = SignInOwner();
  const auto response = LoginRequest("owner@acme.test", kPassword, "10.0.0.1",
                                     {{"cookie", "rapport_session=" + planted.session_secret}});
  ASSERT_EQ(response.status, 200);
  const auto fresh = SessionSetBy(response);
  ASSERT_TRUE(fresh);
  EXPECT_NE(*fresh, planted.session_secret);
  EXPECT_EQ(AsSession(Method::kGet, "/api/v1/me", planted).status, 401);
}

TEST_F(AuthRoutes, CookieWritesNeedTheCsrfTokenAndBearerRequestsDoNot) {
  const SignIn s = SignInOwner();
  const std::string body = R"({"name":"ci","scopes":["audit:read"]})";
  const http::NameValues cookie = {{"cookie", "rapport_session=" + s.session_secret},
                                   {"content-type", "application/json"}};

  auto missing = Send(Method::kPost, "/api/v1/tokens", body, cookie);
  EXPECT_EQ(missing.status, 403);
  EXPECT_EQ(ErrorField(missing), "X-CSRF-Token");

  auto wrong_headers = cookie;
  wrong_headers.emplace_back("x-csrf-token", s.csrf_token.substr(1) + "A");
  EXPECT_EQ(Send(Method::kPost, "/api/v1/tokens", body, wrong_headers).status, 403);

  // Another session's token is wrong too.
  auto other_headers = cookie;
  other_headers.emplace_back("x-csrf-token", SignInOwner().csrf_token);
  EXPECT_EQ(Send(Method::kPost, "/api/v1/tokens", body, other_headers).status, 403);

  const auto created = AsSession(Method::kPost, "/api/v1/tokens", s, body);
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string secret(Body(created).at("secret").as_string());

  // Reads need no CSRF token; bearer writes neither.
  EXPECT_EQ(
      Send(Method::kGet, "/api/v1/me", {}, {{"cookie", "rapport_session=" + s.session_secret}})
          .status,
      200);
  const auto as_token =
      Send(Method::kGet, "/api/v1/audit", {}, {{"authorization", "Bearer " + secret}});
  EXPECT_EQ(as_token.status, 200) << as_token.body;
}

TEST_F(AuthRoutes, UnauthenticatedAnswersAre401AndDropADeadCookie) {
  const auto none = Send(Method::kGet, "/api/v1/me");
  EXPECT_EQ(none.status, 401);
  EXPECT_EQ(HeaderOf(none, "WWW-Authenticate"), "Bearer realm=\"rapport\"");
  EXPECT_FALSE(HeaderOf(none, "Set-Cookie"));

  const auto dead = Send(Method::kGet, "/api/v1/me", {}, {{"cookie", "rapport_session=rps_dead"}});
  EXPECT_EQ(dead.status, 401);
  EXPECT_EQ(SessionSetBy(dead), "");

  EXPECT_EQ(Send(Method::kGet, "/api/v1/me", {}, {{"authorization", "Basic b3duZXI6eA=="}}).status,
            401);
}

TEST_F(AuthRoutes, MeAnswersTheUserTokenAndPermissions) {
  const SignIn s = LoginOrDie(AddUser(org_, "e@acme.test", Role::kEmployee).email);
  const auto response = AsSession(Method::kGet, "/api/v1/me", s);
  ASSERT_EQ(response.status, 200);
  const auto body = Body(response);
  EXPECT_EQ(body.at("user").at("email").as_string(), "e@acme.test");
  EXPECT_EQ(body.at("csrf_token").as_string(), s.csrf_token);
  EXPECT_EQ(json::serialize(body.at("permissions")),
            R"(["self","directory.read","kb.read","kb.write"])");
}

TEST_F(AuthRoutes, LogoutEndsTheSessionAndClearsTheCookie) {
  const SignIn s = SignInOwner();
  const auto response = AsSession(Method::kPost, "/api/v1/auth/logout", s);
  ASSERT_EQ(response.status, 200) << response.body;
  const auto cookie = HeaderOf(response, "Set-Cookie");
  ASSERT_TRUE(cookie);
  EXPECT_TRUE(cookie->starts_with("rapport_session=; Max-Age=0")) << *cookie;
  EXPECT_EQ(AsSession(Method::kGet, "/api/v1/me", s).status, 401);
  EXPECT_EQ(AuditOf(org_, "auth.logout").size(), 1u);
}

TEST_F(AuthRoutes, ChangingThePasswordEndsOtherSessionsAndRenewsThisOne) {
  const SignIn laptop = SignInOwner();
  const SignIn phone = SignInOwner();
  const auto wrong = AsSession(Method::kPost, "/api/v1/auth/password", laptop,
                               R"({"current_password":"nope","new_password":"a new password!"})");
  EXPECT_EQ(wrong.status, 422);
  EXPECT_EQ(ErrorField(wrong), "current_password");

  const auto changed =
      AsSession(Method::kPost, "/api/v1/auth/password", laptop,
                R"({"current_password":"correct horse battery","new_password":"a new password!"})");
  ASSERT_EQ(changed.status, 200) << changed.body;
  const auto renewed = SessionSetBy(changed);
  ASSERT_TRUE(renewed && !renewed->empty());
  EXPECT_EQ(AsSession(Method::kGet, "/api/v1/me", phone).status, 401);
  EXPECT_EQ(AsSession(Method::kGet, "/api/v1/me", laptop).status, 401);
  EXPECT_EQ(
      Send(Method::kGet, "/api/v1/me", {}, {{"cookie", "rapport_session=" + *renewed}}).status,
      200);
}

TEST_F(AuthRoutes, TokensAreNarrowedToTheirScopesAndRevocable) {
  const SignIn s = SignInOwner();
  const auto created = AsSession(Method::kPost, "/api/v1/tokens", s,
                                 R"({"name":"dir","scopes":["directory:read"]})");
  ASSERT_EQ(created.status, 201);
  const auto token = Body(created);
  const std::string secret(token.at("secret").as_string());
  EXPECT_TRUE(secret.starts_with("rpt_"));
  EXPECT_TRUE(token.at("token").at("last_used_at").is_null());
  const std::string id(token.at("token").at("id").as_string());

  EXPECT_EQ(AsToken(Method::kGet, "/api/v1/users", secret).status, 403);   // users:admin
  EXPECT_EQ(AsToken(Method::kGet, "/api/v1/tokens", secret).status, 403);  // session only
  EXPECT_EQ(AsToken(Method::kGet, "/api/v1/me", secret).status, 403);      // session only

  const auto listed = AsSession(Method::kGet, "/api/v1/tokens", s);
  ASSERT_EQ(listed.status, 200);
  EXPECT_FALSE(Body(listed).at("tokens").at(0).at("last_used_at").is_null());

  const auto revoked = AsSession(Method::kDelete, "/api/v1/tokens/" + id, s);
  ASSERT_EQ(revoked.status, 200) << revoked.body;
  EXPECT_FALSE(Body(revoked).at("revoked_at").is_null());
  const auto refused = AsToken(Method::kGet, "/api/v1/users", secret);
  EXPECT_EQ(refused.status, 401);
  EXPECT_TRUE(HeaderOf(refused, "WWW-Authenticate"));

  // A bearer header decides even beside a valid session cookie.
  const auto both = Send(
      Method::kGet, "/api/v1/users", {},
      {{"authorization", "Bearer " + secret}, {"cookie", "rapport_session=" + s.session_secret}});
  EXPECT_EQ(both.status, 401);
}

TEST_F(AuthRoutes, InvitationLinksWorkOnce) {
  const SignIn s = SignInOwner();
  const auto user = AsSession(Method::kPost, "/api/v1/users", s,
                              R"({"email":"new@acme.test","name":"New","role":"hr"})");
  ASSERT_EQ(user.status, 201) << user.body;
  EXPECT_EQ(Body(user).at("has_password").as_bool(), false);
  const std::string id(Body(user).at("id").as_string());

  const auto invitation = AsSession(Method::kPost, "/api/v1/users/" + id + "/invitation", s);
  ASSERT_EQ(invitation.status, 200) << invitation.body;
  const std::string url(Body(invitation).at("url").as_string());
  ASSERT_TRUE(url.starts_with("/invite/rpl_")) << url;
  const std::string secret = url.substr(std::string_view("/invite/").size());

  const std::string redeem =
      json::serialize(json::object{{"token", secret}, {"password", "my new password"}});
  const http::NameValues json_type = {{"content-type", "application/json"}};
  const auto first = Send(Method::kPost, "/api/v1/auth/redeem", redeem, json_type);
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_TRUE(SessionSetBy(first));
  const auto second = Send(Method::kPost, "/api/v1/auth/redeem", redeem, json_type);
  EXPECT_EQ(second.status, 404);

  const auto reset = AsSession(Method::kPost, "/api/v1/users/" + id + "/password-reset", s);
  ASSERT_EQ(reset.status, 200);
  EXPECT_TRUE(std::string(Body(reset).at("url").as_string()).starts_with("/reset/rpl_"));
  clock_.Advance(std::chrono::hours(24));
  const std::string late = json::serialize(
      json::object{{"token", std::string(Body(reset).at("url").as_string()).substr(7)},
                   {"password", "another password"}});
  EXPECT_EQ(Send(Method::kPost, "/api/v1/auth/redeem", late, json_type).status, 404);
}

TEST_F(AuthRoutes, AuditListsEventsNewestFirstWithFilters) {
  ASSERT_EQ(LoginRequest("owner@acme.test", "bad").status, 401);
  const SignIn s = SignInOwner();
  const auto response = AsSession(Method::kGet, "/api/v1/audit?action=auth.&limit=1", s);
  ASSERT_EQ(response.status, 200) << response.body;
  const auto body = Body(response);
  ASSERT_EQ(body.at("entries").as_array().size(), 1u);
  const auto& entry = body.at("entries").at(0).as_object();
  EXPECT_EQ(entry.at("action").as_string(), "auth.login");
  EXPECT_EQ(entry.at("actor_id").as_string(), owner_.id.str());
  EXPECT_TRUE(entry.at("detail").is_object());
  ASSERT_TRUE(body.at("next_cursor").is_string());

  const std::string next(body.at("next_cursor").as_string());
  const auto second =
      AsSession(Method::kGet, "/api/v1/audit?action=auth.&limit=1&cursor=" + next, s);
  ASSERT_EQ(second.status, 200);
  const json::value failed = Body(second).at("entries").at(0);
  EXPECT_EQ(failed.at("action").as_string(), "auth.login_failed");
  EXPECT_EQ(failed.at("detail").at("reason").as_string(), "wrong_password");

  EXPECT_EQ(AsSession(Method::kGet, "/api/v1/audit?limit=0", s).status, 400);
  EXPECT_EQ(AsSession(Method::kGet, "/api/v1/audit?limit=abc", s).status, 400);
  EXPECT_EQ(AsSession(Method::kGet, "/api/v1/audit?cursor=%%%", s).status, 400);
}

TEST_F(AuthRoutes, RoleChangesFollowThePolicy) {
  const store::User admin = AddUser(org_, "admin@acme.test", Role::kAdmin);
  const store::User employee = AddUser(org_, "e@acme.test", Role::kEmployee);
  const SignIn as_admin = LoginOrDie(admin.email);
  EXPECT_EQ(AsSession(Method::kPatch, "/api/v1/users/" + employee.id.str(), as_admin,
                      R"({"role":"owner"})")
                .status,
            403);
  EXPECT_EQ(AsSession(Method::kPatch, "/api/v1/users/" + admin.id.str(), as_admin,
                      R"({"role":"employee"})")
                .status,
            403);
  const auto promoted = AsSession(Method::kPatch, "/api/v1/users/" + employee.id.str(), as_admin,
                                  R"({"role":"cx_lead","name":"Eve"})");
  ASSERT_EQ(promoted.status, 200) << promoted.body;
  EXPECT_EQ(Body(promoted).at("role").as_string(), "cx_lead");
  EXPECT_EQ(Body(promoted).at("name").as_string(), "Eve");
  EXPECT_EQ(AsSession(Method::kGet, "/api/v1/users", LoginOrDie(employee.email)).status, 403);
}

TEST_F(AuthRoutes, AnotherOrganisationsObjectsAre404) {
  const store::User stranger = AddUser(other_org_, "s@other.test", Role::kOwner);
  const SignIn theirs = LoginOrDie(stranger.email);
  const auto token =
      AsSession(Method::kPost, "/api/v1/tokens", theirs, R"({"name":"t","scopes":["audit:read"]})");
  ASSERT_EQ(token.status, 201);
  const std::string token_id(Body(token).at("token").at("id").as_string());

  const SignIn mine = SignInOwner();
  EXPECT_EQ(AsSession(Method::kPatch, "/api/v1/users/" + stranger.id.str(), mine, R"({"name":"x"})")
                .status,
            404);
  EXPECT_EQ(AsSession(Method::kPost, "/api/v1/users/" + stranger.id.str() + "/password-reset", mine)
                .status,
            404);
  EXPECT_EQ(AsSession(Method::kDelete, "/api/v1/tokens/" + token_id, mine).status, 404);
  EXPECT_EQ(
      AsSession(Method::kPatch, "/api/v1/users/" + std::string(26, '0'), mine, R"({"name":"x"})")
          .status,
      404);
}

}  // namespace
}  // namespace rapport::auth::testing

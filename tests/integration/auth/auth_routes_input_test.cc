// Hostile and malformed input to the auth endpoints: every answer is a 4xx in the one error
// shape, never a 500.

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <string>
#include <vector>

#include "tests/integration/auth/routes_fixture.h"

namespace rapport::auth::testing {
namespace {

namespace json = boost::json;
using http::Method;

class AuthRoutesInput : public RoutesFixture {};

std::string Code(const http::Response& response) {
  return std::string(json::parse(response.body).at("error").at("code").as_string());
}

std::string Field(const http::Response& response) {
  const json::object error = json::parse(response.body).at("error").as_object();
  return error.contains("field") ? std::string(error.at("field").as_string()) : "";
}

// Bodies that are wrong in every way a client can be wrong.
std::vector<std::string> HostileBodies() {
  return {
      "",
      "not json",
      "[]",
      "null",
      "42",
      R"({"email":)",
      R"({"email":"a@b.c","email":"x@y.z"})",
      R"({"email":1,"password":2})",
      R"({"email":null,"password":null})",
      R"({"unexpected":true})",
      R"({"name":["x"],"scopes":"audit:read"})",
      R"({"name":"t","scopes":[1,2]})",
      R"({"name":"t","scopes":["audit:read"],"expires_in_days":1e300})",
      R"({"name":"t","scopes":["audit:read"],"expires_in_days":99999999999})",
      R"({"role":"superuser"})",
      R"({"person_id":"../../etc"})",
      R"({"disabled":"yes"})",
      "{\"email\":\"\xff\xfe\",\"password\":\"x\"}",
      "{\"name\":\"" + std::string(300'000, 'n') + "\",\"scopes\":[\"audit:read\"]}",
      std::string(200, '[') + std::string(200, ']'),
  };
}

TEST_F(AuthRoutesInput, HostileBodiesNeverCauseA500) {
  const SignIn s = LoginOrDie("owner@acme.test");
  const std::string user = "/api/v1/users/" + owner_.id.str();
  const std::vector<std::pair<Method, std::string>> routes = {
      {Method::kPost, "/api/v1/auth/login"},
      {Method::kPost, "/api/v1/auth/redeem"},
      {Method::kPost, "/api/v1/auth/password"},
      {Method::kPost, "/api/v1/users"},
      {Method::kPatch, user},
      {Method::kPost, "/api/v1/tokens"},
  };
  for (const auto& [method, path] : routes) {
    for (const std::string& body : HostileBodies()) {
      const auto response = AsSession(method, path, s, body);
      EXPECT_GE(response.status, 400) << path << " " << body.substr(0, 60);
      EXPECT_LT(response.status, 500)
          << path << " " << body.substr(0, 60) << " -> " << response.body;
      EXPECT_NO_THROW((void)Code(response)) << response.body;
    }
  }
}

TEST_F(AuthRoutesInput, WrongTypesAndUnknownFieldsNameTheField) {
  const SignIn s = LoginOrDie("owner@acme.test");
  struct Case {
    std::string path;
    std::string body;
    int status;
    std::string field;
  };
  const std::vector<Case> cases = {
      {"/api/v1/users", R"({"email":"a@b.co","name":"A","role":"hr","admin":true})", 400, "admin"},
      {"/api/v1/users", R"({"email":"a@b.co","name":"A"})", 400, "role"},
      {"/api/v1/users", R"({"email":"a@b.co","name":"A","role":"root"})", 400, "role"},
      {"/api/v1/users", R"({"email":"a@b.co","name":7,"role":"hr"})", 400, "name"},
      {"/api/v1/users", R"({"email":"a@b.co","name":"A","role":"hr","person_id":"x"})", 400,
       "person_id"},
      {"/api/v1/users", R"({"email":"bad","name":"A","role":"hr"})", 400, "email"},
      {"/api/v1/tokens", R"({"name":"t","scopes":[true]})", 400, "scopes[0]"},
      {"/api/v1/tokens", R"({"name":"t","scopes":["audit:read","nope"]})", 400, "scopes[1]"},
      {"/api/v1/tokens", R"({"name":"t"})", 400, "scopes"},
      {"/api/v1/tokens", R"({"name":"","scopes":["audit:read"]})", 400, "name"},
      {"/api/v1/tokens", R"({"name":"t","scopes":["audit:read"],"expires_in_days":0})", 400,
       "expires_in_days"},
      {"/api/v1/auth/password", R"({"current_password":"x"})", 400, "new_password"},
      {"/api/v1/auth/password", R"({"current_password":"x","new_password":"short"})", 422,
       "new_password"},
  };
  for (const auto& c : cases) {
    const auto response = AsSession(Method::kPost, c.path, s, c.body);
    EXPECT_EQ(response.status, c.status) << c.path << " " << c.body << " -> " << response.body;
    EXPECT_EQ(Field(response), c.field) << c.path << " " << c.body;
  }
  const auto patch =
      AsSession(Method::kPatch, "/api/v1/users/" + owner_.id.str(), s, R"({"disabled":"no"})");
  EXPECT_EQ(patch.status, 400);
  EXPECT_EQ(Field(patch), "disabled");
  EXPECT_EQ(AsSession(Method::kPatch, "/api/v1/users/not-an-id", s, "{}").status, 400);
  EXPECT_EQ(AsSession(Method::kDelete, "/api/v1/tokens/not-an-id", s).status, 400);
  EXPECT_EQ(AsSession(Method::kGet, "/api/v1/tokens?all=maybe", s).status, 400);
}

TEST_F(AuthRoutesInput, PublicJsonRoutesRequireAJsonContentType) {
  const std::string body = R"({"email":"owner@acme.test","password":"correct horse battery"})";
  for (const http::NameValues& headers :
       {http::NameValues{}, http::NameValues{{"content-type", "text/plain"}},
        http::NameValues{{"content-type", "application/x-www-form-urlencoded"}}}) {
    const auto response = Send(Method::kPost, "/api/v1/auth/login", body, headers);
    EXPECT_EQ(response.status, 400);
    EXPECT_EQ(Field(response), "Content-Type");
  }
  EXPECT_EQ(Send(Method::kPost, "/api/v1/auth/login", body,
                 {{"content-type", "Application/JSON; charset=utf-8"}})
                .status,
            200);
}

TEST_F(AuthRoutesInput, HugePasswordsAndEmailsAreRefusedQuietly) {
  const auto long_password = LoginRequest("owner@acme.test", std::string(100'000, 'p'));
  EXPECT_EQ(long_password.status, 401);
  const auto long_email = LoginRequest(std::string(100'000, 'e') + "@x.test", "password");
  EXPECT_EQ(long_email.status, 401);
  const auto too_big = LoginRequest("owner@acme.test", std::string(2 << 20, 'p'));
  EXPECT_EQ(too_big.status, 413);
}

TEST_F(AuthRoutesInput, CookieHeadersAreParsedTolerantly) {
  const SignIn s = LoginOrDie("owner@acme.test");
  for (const std::string& header :
       {"rapport_session=" + s.session_secret,
        "  theme=dark ;; rapport_session=" + s.session_secret + " ; other=1",
        "novalue; rapport_session=\"" + s.session_secret + "\"",
        "rapport_session=" + s.session_secret + "; rapport_session=rps_shadowed"}) {
    EXPECT_EQ(Send(Method::kGet, "/api/v1/me", {}, {{"cookie", header}}).status, 200) << header;
  }
  EXPECT_EQ(Send(Method::kGet, "/api/v1/me", {},
                 {{"cookie", "theme=dark"}, {"cookie", "rapport_session=" + s.session_secret}})
                .status,
            200);
  for (const std::string& header : std::vector<std::string>{
           "", ";", "=", "rapport_session",
           "rapport_session=", "Rapport_Session=" + s.session_secret, "xrapport_session=1"}) {
    EXPECT_EQ(Send(Method::kGet, "/api/v1/me", {}, {{"cookie", header}}).status, 401) << header;
  }
}

TEST_F(AuthRoutesInput, BearerHeadersAreParsedStrictly) {
  const SignIn s = LoginOrDie("owner@acme.test");
  const auto created =
      AsSession(Method::kPost, "/api/v1/tokens", s, R"({"name":"t","scopes":["audit:read"]})");
  ASSERT_EQ(created.status, 201);
  const std::string secret(json::parse(created.body).at("secret").as_string());
  for (const std::string& ok :
       {"Bearer " + secret, "bearer  " + secret, "BEARER " + secret + " "}) {
    EXPECT_EQ(Send(Method::kGet, "/api/v1/audit", {}, {{"authorization", ok}}).status, 200) << ok;
  }
  for (const std::string& bad : {std::string("Bearer"), std::string("Bearer "), "Token " + secret,
                                 "Bearer " + secret + "x", "Bearer rps_" + secret.substr(4)}) {
    EXPECT_EQ(Send(Method::kGet, "/api/v1/audit", {}, {{"authorization", bad}}).status, 401) << bad;
  }
}

}  // namespace
}  // namespace rapport::auth::testing

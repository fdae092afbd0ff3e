// Access control across the whole route table: every route is deliberately public or checked
// by the policy, every role gets exactly what the matrix allows, and another organisation's
// objects answer 404 on every route that takes an id.

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <map>
#include <set>

#include "tests/integration/api/harness.h"

namespace rapport::api::testing {
namespace {

namespace json = boost::json;
using http::Method;

// The routes that answer without signing in. Adding one is a security decision: it must be
// added here too, or this test fails.
const std::set<std::pair<Method, std::string>>& DeliberatelyPublic() {
  static const std::set<std::pair<Method, std::string>> routes = {
      {Method::kGet, "/api/v1/health"},
      {Method::kGet, "/metrics"},
      {Method::kGet, "/api/v1/openapi.json"},
      {Method::kPost, "/api/v1/auth/login"},
      {Method::kPost, "/api/v1/auth/redeem"},
      // The public help center: pages, their assets, its JSON API and anonymous feedback.
      {Method::kGet, "/help"},
      {Method::kGet, "/help/{category}"},
      {Method::kGet, "/help/{category}/{slug}"},
      {Method::kGet, "/help/files/{id}/{name}"},
      {Method::kPost, "/help/feedback/{id}"},
      {Method::kGet, "/help-assets/help.css"},
      {Method::kGet, "/help-assets/help.js"},
      {Method::kGet, "/api/v1/help/categories"},
      {Method::kGet, "/api/v1/help/articles"},
      {Method::kGet, "/api/v1/help/articles/{id}"},
      {Method::kPost, "/api/v1/help/articles/{id}/feedback"},
      {Method::kGet, "/api/v1/help/search"},
      {Method::kPost, "/api/v1/help/search/clicks"},
  };
  return routes;
}

std::optional<auth::Action> ActionNamed(std::string_view name) {
  for (auth::Action action : auth::AllActions()) {
    if (auth::ActionName(action) == name) return action;
  }
  return std::nullopt;
}

// Replaces every `{param}` in a route pattern with `id` (a revision number `{n}` with 1).
std::string Fill(std::string_view pattern, std::string_view id) {
  std::string out;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '{') {
      out += pattern.substr(i, 3) == "{n}" ? std::string_view("1") : id;
      i = pattern.find('}', i);
    } else {
      out += pattern[i];
    }
  }
  return out;
}

bool WritesBody(Method m) { return m == Method::kPost || m == Method::kPatch || m == Method::kPut; }

// A well-formed body for the route, so that an object check is reached rather than a 400 for
// a missing field: "{}" for most writes, none for reads.
std::string BodyFor(const http::Route& route) {
  if (!WritesBody(route.method)) return {};
  const std::string& p = route.pattern;
  if (p.ends_with("/transitions")) return R"({"to":"in_review"})";
  if (p.ends_with("/restore")) return R"({"revision":1})";
  if (p.ends_with("/feedback")) return R"({"helpful":true})";
  if (p.starts_with("/api/v1/search/synonyms")) return R"({"words":["probe","test"]})";
  return "{}";
}

class AccessTest : public ::testing::Test {
 protected:
  AccessTest() {
    org_a_ = api_.CreateOrganisation("org-a");
    org_b_ = api_.CreateOrganisation("org-b");
    boss_a_ = api_.CreatePerson(org_a_.id, "A-1", "Alba Boss");
    report_a_ = api_.CreatePerson(org_a_.id, "A-2", "Ari Report", boss_a_.id);
    person_b_ = api_.CreatePerson(org_b_.id, "B-1", "Bruno Elsewhere");
    owner_a_ = api_.CreateUser(org_a_.id, "owner@a.example", auth::Role::kOwner, boss_a_.id);
    owner_b_ = api_.CreateUser(org_b_.id, "owner@b.example", auth::Role::kOwner);
    user_b_ = api_.CreateUser(org_b_.id, "someone@b.example", auth::Role::kEmployee);
    target_a_ = api_.CreateUser(org_a_.id, "target@a.example", auth::Role::kEmployee);
  }

  // An id of the kind the route's pattern names, belonging to `org`. Knowledge-base objects
  // are made fresh by `caller` (a draft of their own, a category, an attachment), so that the
  // object-level rules (owners may delete their drafts, ...) never hide the route's check.
  std::string IdFor(std::string_view pattern, bool other_org, const Caller* caller = nullptr) {
    if (pattern.starts_with("/api/v1/people/")) {
      return other_org ? person_b_.id.str() : report_a_.id.str();
    }
    if (pattern.starts_with("/api/v1/users/")) {
      // An employee's account: object-level rules (only owners change owners) are not the
      // route's check, and have their own tests.
      return other_org ? user_b_.id.str() : target_a_.id.str();
    }
    if (pattern.starts_with("/api/v1/tokens/")) return other_org ? TokenOfB() : TokenOfA();
    const Caller kb_caller = other_org
                                 ? api_.SignIn("owner@b.example")
                                 : (caller != nullptr ? *caller : api_.SignIn("owner@a.example"));
    if (pattern.starts_with("/api/v1/articles/") || pattern.starts_with("/help/") ||
        pattern.starts_with("/api/v1/help/")) {
      return CreatedId(kb_caller, "/api/v1/articles", R"({"title":"Probe","body":"x"})");
    }
    if (pattern.starts_with("/api/v1/feedback/")) {
      const std::string article =
          CreatedId(kb_caller, "/api/v1/articles", R"({"title":"Probe","body":"x"})");
      return CreatedId(kb_caller, "/api/v1/articles/" + article + "/feedback",
                       R"({"helpful":false,"reason":"unclear"})");
    }
    if (pattern.starts_with("/api/v1/categories/")) {
      const Caller manager = other_org ? kb_caller : api_.SignIn("owner@a.example");
      return CreatedId(manager, "/api/v1/categories",
                       fmt::format(R"({{"name":"Probe {}"}})", ++probes_));
    }
    if (pattern.starts_with("/api/v1/search/synonyms/")) {
      const Caller manager = other_org ? kb_caller : api_.SignIn("owner@a.example");
      const int probe = ++probes_;
      return CreatedId(manager, "/api/v1/search/synonyms",
                       fmt::format(R"({{"words":["probe{}","test{}"]}})", probe, probe));
    }
    if (pattern.starts_with("/api/v1/attachments/")) {
      return CreatedId(kb_caller, "/api/v1/attachments?filename=a.txt", "plain text");
    }
    ADD_FAILURE() << "no test object for " << pattern;
    return {};
  }

  // POSTs `body` to `path` as `caller` and returns the created object's id.
  std::string CreatedId(const Caller& caller, const std::string& path, const std::string& body) {
    const auto response = api_.Call(Method::kPost, path, body, caller);
    EXPECT_EQ(response.status, 201) << path << ": " << response.body;
    if (response.status != 201) return "0000000000000000000000000Z";
    return std::string(json::parse(response.body).at("id").as_string());
  }

  std::string MakeToken(std::string_view email) {
    const Caller owner = api_.SignIn(email);
    const auto response = api_.Call(Method::kPost, "/api/v1/tokens",
                                    R"({"name":"probe","scopes":["directory:read"]})", owner);
    EXPECT_EQ(response.status, 201) << response.body;
    return std::string(json::parse(response.body).at("token").at("id").as_string());
  }
  std::string TokenOfA() {
    if (token_a_.empty()) token_a_ = MakeToken("owner@a.example");
    return token_a_;
  }
  std::string TokenOfB() {
    if (token_b_.empty()) token_b_ = MakeToken("owner@b.example");
    return token_b_;
  }

  ApiHarness api_;
  store::Organisation org_a_, org_b_;
  store::Person boss_a_, report_a_, person_b_;
  store::User owner_a_, owner_b_, user_b_, target_a_;
  std::string token_a_, token_b_;
  int probes_ = 0;
};

TEST_F(AccessTest, EveryRouteIsDeliberatelyPublicOrCheckedByThePolicy) {
  std::set<std::pair<Method, std::string>> public_routes;
  for (const http::Route& route : api_.router().routes()) {
    SCOPED_TRACE(std::string(http::MethodName(route.method)) + " " + route.pattern);
    if (route.options.public_access) {
      EXPECT_TRUE(route.options.permission.empty());
      public_routes.insert({route.method, route.pattern});
    } else {
      EXPECT_TRUE(ActionNamed(route.options.permission).has_value())
          << "not public and no known policy action: '" << route.options.permission << "'";
    }
  }
  EXPECT_EQ(public_routes, DeliberatelyPublic());
  ASSERT_NE(api_.router().fallback(), nullptr);
  EXPECT_TRUE(api_.router().fallback()->options.public_access);  // the web UI's pages
}

TEST_F(AccessTest, EveryCheckedRouteAnswers401WithoutCredentials) {
  const Caller forged{.session = "rps_forged", .csrf = "x"};
  const Caller bad_token{.bearer = "rpt_forged"};
  for (const http::Route& route : api_.router().routes()) {
    if (route.options.public_access) continue;
    const std::string path = Fill(route.pattern, report_a_.id.str());
    SCOPED_TRACE(std::string(http::MethodName(route.method)) + " " + path);
    const std::string body = WritesBody(route.method) ? "{}" : "";
    EXPECT_EQ(api_.Call(route.method, path, body).status, 401);
    EXPECT_EQ(api_.Call(route.method, path, body, forged).status, 401);
    EXPECT_EQ(api_.Call(route.method, path, body, bad_token).status, 401);
  }
}

TEST_F(AccessTest, EveryRoleGetsExactlyWhatTheMatrixAllowsOnEveryRoute) {
  int checked = 0;
  for (auth::Role role : auth::AllRoles()) {
    const std::string email = fmt::format("{}@a.example", auth::RoleName(role));
    if (role != auth::Role::kOwner) api_.CreateUser(org_a_.id, email, role);
    for (const http::Route& route : api_.router().routes()) {
      if (route.options.public_access) continue;
      const auth::Action action = *ActionNamed(route.options.permission);
      // A fresh session per call: some calls (sign-out, password change) end it.
      const Caller caller =
          api_.SignIn(role == auth::Role::kOwner ? std::string("owner@a.example") : email);
      const std::string path = route.pattern.find('{') == std::string::npos
                                   ? route.pattern
                                   : Fill(route.pattern, IdFor(route.pattern, false, &caller));
      SCOPED_TRACE(
          fmt::format("{} {} {}", auth::RoleName(role), http::MethodName(route.method), path));
      const auto response = api_.Call(route.method, path, BodyFor(route), caller);
      if (auth::RoleAllows(role, action)) {
        EXPECT_NE(response.status, 401) << response.body;
        EXPECT_NE(response.status, 403) << response.body;
        EXPECT_LT(response.status, 500) << response.body;
      } else {
        EXPECT_EQ(response.status, 403) << response.body;
      }
      ++checked;
    }
  }
  EXPECT_GT(checked, 6 * 15);
}

TEST_F(AccessTest, AnotherOrganisationsObjectsAnswer404OnEveryRouteWithAnId) {
  int probed = 0;
  for (const http::Route& route : api_.router().routes()) {
    if (route.pattern.find('{') == std::string::npos) continue;
    const std::string path = Fill(route.pattern, IdFor(route.pattern, true));
    SCOPED_TRACE(std::string(http::MethodName(route.method)) + " " + path);
    const Caller owner_a = api_.SignIn("owner@a.example");
    const auto response = api_.Call(route.method, path, BodyFor(route), owner_a);
    EXPECT_EQ(response.status, 404) << response.body;
    ++probed;
  }
  EXPECT_GE(probed, 6);

  // Lists and lookups never show the other organisation either.
  const Caller owner_a = api_.SignIn("owner@a.example");
  const auto people = api_.Call(Method::kGet, "/api/v1/people?q=Bruno", "", owner_a);
  ASSERT_EQ(people.status, 200) << people.body;
  EXPECT_TRUE(json::parse(people.body).at("people").as_array().empty());
  const auto users = api_.Call(Method::kGet, "/api/v1/users", "", owner_a);
  ASSERT_EQ(users.status, 200);
  EXPECT_EQ(users.body.find("b.example"), std::string::npos);
  const auto chart =
      api_.Call(Method::kGet, "/api/v1/org-chart?root=" + person_b_.id.str(), "", owner_a);
  EXPECT_EQ(chart.status, 404);
  const auto chart_all = api_.Call(Method::kGet, "/api/v1/org-chart", "", owner_a);
  ASSERT_EQ(chart_all.status, 200);
  EXPECT_EQ(chart_all.body.find("Bruno"), std::string::npos);
  const auto exported = api_.Call(Method::kGet, "/api/v1/people/export", "", owner_a);
  ASSERT_EQ(exported.status, 200);
  EXPECT_EQ(exported.body.find("Bruno"), std::string::npos);
  const auto audit = api_.Call(Method::kGet, "/api/v1/audit", "", owner_a);
  ASSERT_EQ(audit.status, 200);
  EXPECT_EQ(audit.body.find("b.example"), std::string::npos);
  const auto teams = api_.Call(Method::kGet, "/api/v1/tokens?all=true", "", owner_a);
  ASSERT_EQ(teams.status, 200);
  if (!token_b_.empty()) {
    EXPECT_EQ(teams.body.find(token_b_), std::string::npos);
  }
}

TEST_F(AccessTest, CookieWritesNeedTheCsrfTokenAndBearerWritesDoNot) {
  const Caller owner = api_.SignIn("owner@a.example");
  const std::string team = R"({"name":"Support","kind":"department"})";
  Caller no_csrf = owner;
  no_csrf.csrf.clear();
  auto response = api_.Call(Method::kPost, "/api/v1/teams", team, no_csrf);
  EXPECT_EQ(response.status, 403) << response.body;
  Caller wrong_csrf = owner;
  wrong_csrf.csrf = "not-the-token";
  EXPECT_EQ(api_.Call(Method::kPost, "/api/v1/teams", team, wrong_csrf).status, 403);
  // Nothing was written by the refused calls.
  auto listed = api_.Call(Method::kGet, "/api/v1/teams", "", no_csrf);
  ASSERT_EQ(listed.status, 200);
  EXPECT_TRUE(json::parse(listed.body).at("teams").as_array().empty());

  EXPECT_EQ(api_.Call(Method::kPost, "/api/v1/teams", team, owner).status, 201);

  const auto token = api_.Call(Method::kPost, "/api/v1/tokens",
                               R"({"name":"hris","scopes":["directory:write"]})", owner);
  ASSERT_EQ(token.status, 201) << token.body;
  const Caller bearer{.bearer = std::string(json::parse(token.body).at("secret").as_string())};
  EXPECT_EQ(
      api_.Call(Method::kPost, "/api/v1/teams", R"({"name":"Sales","kind":"department"})", bearer)
          .status,
      201);
  // The token's scope does not reach the audit log.
  EXPECT_EQ(api_.Call(Method::kGet, "/api/v1/audit", "", bearer).status, 403);
}

TEST_F(AccessTest, AManagerSeesSensitiveFieldsOfTheirReportsOnly) {
  api_.CreateUser(org_a_.id, "boss@a.example", auth::Role::kEmployee, boss_a_.id);
  const Caller boss = api_.SignIn("boss@a.example");
  const auto report = api_.Call(Method::kGet, "/api/v1/people/" + report_a_.id.str(), "", boss);
  ASSERT_EQ(report.status, 200) << report.body;
  EXPECT_TRUE(json::parse(report.body).as_object().contains("hire_date"));
  const auto self = api_.Call(Method::kGet, "/api/v1/people/" + boss_a_.id.str(), "", boss);
  ASSERT_EQ(self.status, 200);

  api_.CreateUser(org_a_.id, "report@a.example", auth::Role::kEmployee, report_a_.id);
  const Caller employee = api_.SignIn("report@a.example");
  const auto up = api_.Call(Method::kGet, "/api/v1/people/" + boss_a_.id.str(), "", employee);
  ASSERT_EQ(up.status, 200);
  EXPECT_FALSE(json::parse(up.body).as_object().contains("hire_date"));
}

}  // namespace
}  // namespace rapport::api::testing

// The directory endpoints through the real route table: a signed-in session (cookie and CSRF
// token from AuthService), the checked-route guard, the handlers and DirectoryService on a
// SQLite store. Requests are handed to the matched handler directly, without sockets.

#include "rapport/api/directory_routes.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <filesystem>

#include "rapport/api/routes.h"
#include "rapport/api/static_assets.h"
#include "rapport/auth/service.h"
#include "rapport/core/log.h"
#include "rapport/core/metrics.h"
#include "rapport/http/router.h"
#include "tests/integration/directory/directory_fixture.h"

namespace rapport::directory::testing {
namespace {

namespace json = boost::json;
using ::testing::HasSubstr;
using ::testing::StartsWith;

constexpr std::string_view kPassword = "correct horse battery";

class DirectoryRoutesTest : public DirectoryFixture {
 protected:
  DirectoryRoutesTest() {
    auth::AuthOptions options;
    options.password_hash = {.ops_limit = 1, .memory_bytes = 8 * 1024};
    auth_ = std::make_unique<auth::AuthService>(*store_, clock_, random_, options);
    context_ = std::make_unique<api::ApiContext>(api::ApiContext{.store = *store_,
                                                                 .metrics = metrics_,
                                                                 .clock = clock_,
                                                                 .logger = core::NullLogger(),
                                                                 .assets = assets_,
                                                                 .build = {.version = "test"},
                                                                 .started_at = clock_.Now(),
                                                                 .auth = auth_.get(),
                                                                 .directory = directory_.get(),
                                                                 .behind_tls = false});
    api::RegisterDirectoryRoutes(router_, *context_);
    admin_session_ = SignIn("admin@acme.test", auth::Role::kAdmin);
    employee_session_ = SignIn("employee@acme.test", auth::Role::kEmployee);
  }

  struct Session {
    std::string secret;
    std::string csrf;
  };

  Session SignIn(std::string email, auth::Role role) {
    auto user = auth_->CreateUserWithPassword(org_.id, email, email, role, kPassword);
    if (!user) throw std::runtime_error(user.error().ToString());
    auto signed_in = auth_->Login(email, kPassword, "198.51.100.9", "");
    if (!signed_in) throw std::runtime_error(signed_in.error().ToString());
    return {signed_in->session_secret, signed_in->csrf_token};
  }

  http::Response Call(http::Method method, std::string path, http::NameValues query = {},
                      std::string body = {}, const Session* session = nullptr) {
    if (session == nullptr) session = &admin_session_;
    http::Request request;
    request.method = method;
    request.path = std::move(path);
    request.query = std::move(query);
    request.body = std::move(body);
    request.remote_address = "198.51.100.9";
    request.request_id = "test";
    if (!session->secret.empty()) {
      request.headers.emplace_back("cookie", "rapport_session=" + session->secret);
      request.headers.emplace_back("x-csrf-token", session->csrf);
    }
    const http::RouteMatch match = router_.Match(method, request.path);
    if (match.route == nullptr) throw std::runtime_error("no route for " + request.path);
    request.path_params = match.path_params;
    request.route = match.route->pattern;
    return match.route->handler(request);
  }

  static json::object Body(const http::Response& response) {
    return json::parse(response.body).as_object();
  }

  static std::string Header(const http::Response& response, std::string_view name) {
    for (const auto& [key, value] : response.headers) {
      if (key == name) return value;
    }
    return {};
  }

  core::MetricsRegistry metrics_;
  api::StaticAssets assets_{std::vector<api::StaticFile>{}};
  std::unique_ptr<auth::AuthService> auth_;
  std::unique_ptr<api::ApiContext> context_;
  http::Router router_;
  Session admin_session_;
  Session employee_session_;
};

constexpr std::string_view kFile = "employee_id,name,hire_date\nE1,Ada,2020-01-01\nE2,Bob,\n";

TEST_F(DirectoryRoutesTest, ImportIsADryRunUnlessAskedOtherwise) {
  const http::Response preview =
      Call(http::Method::kPost, "/api/v1/people/import", {}, std::string(kFile));
  ASSERT_EQ(preview.status, 200) << preview.body;
  EXPECT_EQ(Body(preview).at("dry_run"), true);
  EXPECT_EQ(Body(preview).at("creates"), 2);
  EXPECT_TRUE(PeopleOf(org_).empty());

  const http::Response applied = Call(http::Method::kPost, "/api/v1/people/import",
                                      {{"dry_run", "false"}}, std::string(kFile));
  ASSERT_EQ(applied.status, 200) << applied.body;
  EXPECT_EQ(Body(applied).at("applied"), true);
  EXPECT_EQ(PeopleOf(org_).size(), 2U);
}

TEST_F(DirectoryRoutesTest, RefusedImportsAnswerWithTheReport) {
  const http::Response invalid = Call(http::Method::kPost, "/api/v1/people/import",
                                      {{"dry_run", "false"}}, "employee_id,name\nE1,\n");
  EXPECT_EQ(invalid.status, 422);
  const json::object report = Body(invalid);
  ASSERT_EQ(report.at("errors").as_array().size(), 1U);
  EXPECT_EQ(report.at("errors").as_array()[0].at("line"), 2);
  EXPECT_EQ(report.at("errors").as_array()[0].at("field"), "name");

  ASSERT_EQ(
      Call(http::Method::kPost, "/api/v1/people/import", {{"dry_run", "false"}}, std::string(kFile))
          .status,
      200);
  const http::Response stopped = Call(http::Method::kPost, "/api/v1/people/import",
                                      {{"dry_run", "false"}}, "employee_id,name\n");
  EXPECT_EQ(stopped.status, 409);
  const json::object stopped_report = Body(stopped);
  EXPECT_EQ(stopped_report.at("safety_stop"), true);
  const json::array& changes = stopped_report.at("changes").as_array();
  ASSERT_EQ(changes.size(), 2U);
  EXPECT_TRUE(changes[0].at("line").is_null());
  EXPECT_EQ(changes[0].at("action"), "deactivate");

  EXPECT_EQ(
      Call(http::Method::kPost, "/api/v1/people/import", {{"dry_run", "maybe"}}, std::string(kFile))
          .status,
      400);
}

TEST_F(DirectoryRoutesTest, ExportIsAnAttachment) {
  Call(http::Method::kPost, "/api/v1/people/import", {{"dry_run", "false"}}, std::string(kFile));
  const http::Response response = Call(http::Method::kGet, "/api/v1/people/export");
  ASSERT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(response.content_type, "text/csv; charset=utf-8");
  EXPECT_EQ(Header(response, "Content-Disposition"),
            "attachment; filename=\"people-2026-11-22.csv\"");
  EXPECT_EQ(Header(response, "Cache-Control"), "no-store");
  EXPECT_THAT(response.body, StartsWith("\xEF\xBB\xBF"
                                        "employee_id,name,email"));
  EXPECT_THAT(response.body, HasSubstr("\r\nE1,Ada,"));
  EXPECT_EQ(Call(http::Method::kGet, "/api/v1/people/export", {}, {}, &employee_session_).status,
            403);
}

TEST_F(DirectoryRoutesTest, PeopleShapesHideSensitiveFieldsFromEmployees) {
  Call(http::Method::kPost, "/api/v1/people/import", {{"dry_run", "false"}}, std::string(kFile));
  const http::Response as_admin = Call(http::Method::kGet, "/api/v1/people");
  ASSERT_EQ(as_admin.status, 200) << as_admin.body;
  const json::object ada = Body(as_admin).at("people").as_array()[0].as_object();
  EXPECT_EQ(ada.at("name"), "Ada");
  EXPECT_EQ(ada.at("hire_date"), "2020-01-01");
  EXPECT_TRUE(ada.at("team_id").is_null());
  EXPECT_EQ(ada.at("status"), "active");
  EXPECT_TRUE(Body(as_admin).at("next_cursor").is_null());

  const http::Response as_employee =
      Call(http::Method::kGet, "/api/v1/people", {}, {}, &employee_session_);
  ASSERT_EQ(as_employee.status, 200);
  const json::object seen = Body(as_employee).at("people").as_array()[0].as_object();
  EXPECT_FALSE(seen.contains("hire_date"));
  EXPECT_FALSE(seen.contains("attributes"));

  const std::string id(ada.at("id").as_string());
  const http::Response one = Call(http::Method::kGet, "/api/v1/people/" + id);
  ASSERT_EQ(one.status, 200);
  EXPECT_EQ(Body(one).at("history").as_array().size(), 1U);
}

TEST_F(DirectoryRoutesTest, MalformedRequestsAre400AndInvalidValues422) {
  const auto status = [&](http::Method method, std::string path, http::NameValues query,
                          std::string body = {}) {
    return Call(method, std::move(path), std::move(query), std::move(body)).status;
  };
  EXPECT_EQ(status(http::Method::kGet, "/api/v1/people", {{"limit", "0"}}), 400);
  EXPECT_EQ(status(http::Method::kGet, "/api/v1/people", {{"limit", "10x"}}), 400);
  EXPECT_EQ(status(http::Method::kGet, "/api/v1/people", {{"team", "../etc"}}), 400);
  EXPECT_EQ(status(http::Method::kGet, "/api/v1/people", {{"include_inactive", "yes"}}), 400);
  EXPECT_EQ(status(http::Method::kGet, "/api/v1/people", {{"cursor", "nonsense"}}), 400);
  EXPECT_EQ(status(http::Method::kGet, "/api/v1/people/not-an-id", {}), 400);
  EXPECT_EQ(status(http::Method::kGet, "/api/v1/org-chart", {{"root", "x"}}), 400);

  const http::Response unknown = Call(http::Method::kPost, "/api/v1/people", {},
                                      R"({"employee_id":"E9","name":"X","nickname":"x"})");
  EXPECT_EQ(unknown.status, 400);
  EXPECT_EQ(Body(unknown).at("error").at("field"), "nickname");
  const http::Response wrong_type =
      Call(http::Method::kPost, "/api/v1/people", {}, R"({"employee_id":7,"name":"X"})");
  EXPECT_EQ(wrong_type.status, 400);
  EXPECT_EQ(Body(wrong_type).at("error").at("field"), "employee_id");
  const http::Response invalid = Call(http::Method::kPost, "/api/v1/people", {},
                                      R"({"employee_id":"E9","name":"X","email":"nope"})");
  EXPECT_EQ(invalid.status, 422);
  EXPECT_EQ(Body(invalid).at("error").at("field"), "email");

  const http::Response created = Call(http::Method::kPost, "/api/v1/people", {},
                                      R"({"employee_id":"E9","name":"X","attributes":{"a":"1"}})");
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string id(Body(created).at("id").as_string());
  const http::Response patched =
      Call(http::Method::kPatch, "/api/v1/people/" + id, {}, R"({"job_title":"Lead"})");
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(Body(patched).at("job_title"), "Lead");
  EXPECT_EQ(Body(patched).at("attributes").at("a"), "1");
}

TEST_F(DirectoryRoutesTest, TeamsAndOrgChartShapes) {
  const http::Response department =
      Call(http::Method::kPost, "/api/v1/teams", {}, R"({"name":"Sales","kind":"department"})");
  ASSERT_EQ(department.status, 201) << department.body;
  EXPECT_EQ(Body(department).at("kind"), "department");
  EXPECT_TRUE(Body(department).at("parent_id").is_null());
  EXPECT_EQ(Call(http::Method::kPost, "/api/v1/teams", {}, R"({"name":"X","kind":"squad"})").status,
            422);
  const http::Response teams = Call(http::Method::kGet, "/api/v1/teams");
  ASSERT_EQ(teams.status, 200);
  EXPECT_EQ(Body(teams).at("teams").as_array()[0].at("head_count"), 0);

  Call(http::Method::kPost, "/api/v1/people/import", {{"dry_run", "false"}}, std::string(kFile));
  const http::Response chart = Call(http::Method::kGet, "/api/v1/org-chart");
  ASSERT_EQ(chart.status, 200);
  EXPECT_EQ(Body(chart).at("total"), 2);
  const std::string root(Body(chart).at("roots").as_array()[0].at("id").as_string());
  const http::Response focus = Call(http::Method::kGet, "/api/v1/org-chart", {{"root", root}});
  ASSERT_EQ(focus.status, 200);
  EXPECT_EQ(Body(focus).at("person").at("report_count"), 0);
  EXPECT_TRUE(Body(focus).at("chain").as_array().empty());
}

TEST_F(DirectoryRoutesTest, NeedsASession) {
  const Session nobody;
  EXPECT_EQ(Call(http::Method::kGet, "/api/v1/people", {}, {}, &nobody).status, 401);
  EXPECT_EQ(
      Call(http::Method::kPost, "/api/v1/people/import", {}, std::string(kFile), &nobody).status,
      401);
  EXPECT_EQ(
      Call(http::Method::kPost, "/api/v1/people/import", {}, std::string(kFile), &employee_session_)
          .status,
      403);
}

TEST_F(DirectoryRoutesTest, EmployeesReadTheOrganisationButOnlyAdminsChangeIt) {
  const http::Response read =
      Call(http::Method::kGet, "/api/v1/organisation", {}, {}, &employee_session_);
  ASSERT_EQ(read.status, 200) << read.body;
  const json::object org = Body(read);
  EXPECT_EQ(org.size(), 5U);
  EXPECT_EQ(org.at("id").as_string(), org_.id.str());
  EXPECT_EQ(org.at("slug"), "acme");
  EXPECT_EQ(org.at("name"), "acme");
  EXPECT_EQ(org.at("time_zone"), "UTC");
  EXPECT_EQ(org.at("created_at"), "2026-11-22T10:00:00.000Z");

  const http::Response denied = Call(http::Method::kPatch, "/api/v1/organisation", {},
                                     R"({"name":"Mine now"})", &employee_session_);
  EXPECT_EQ(denied.status, 403) << denied.body;
  EXPECT_EQ(Body(Call(http::Method::kGet, "/api/v1/organisation")).at("name"), "acme");
  EXPECT_TRUE(AuditOf(org_, "settings.changed").empty());
}

TEST_F(DirectoryRoutesTest, AdminChangesTheOrganisationAndTheChangeIsAudited) {
  const http::Response patched = Call(http::Method::kPatch, "/api/v1/organisation", {},
                                      R"({"name":" Acme Ltd ","time_zone":"Europe/Paris"})");
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(Body(patched).at("name"), "Acme Ltd");
  EXPECT_EQ(Body(patched).at("time_zone"), "Europe/Paris");
  EXPECT_EQ(Body(patched).at("slug"), "acme");
  const http::Response read =
      Call(http::Method::kGet, "/api/v1/organisation", {}, {}, &employee_session_);
  EXPECT_EQ(Body(read), Body(patched));

  const auto entries = AuditOf(org_, "settings.changed");
  ASSERT_EQ(entries.size(), 1U);
  EXPECT_EQ(entries[0].target, "organisation");
  EXPECT_EQ(entries[0].actor_label, "admin@acme.test");
  const json::value detail = json::parse(entries[0].detail);
  EXPECT_EQ(detail.at("changed").at("name").at("from"), "acme");
  EXPECT_EQ(detail.at("changed").at("name").at("to"), "Acme Ltd");
  EXPECT_EQ(detail.at("changed").at("time_zone").at("from"), "UTC");
  EXPECT_EQ(detail.at("changed").at("time_zone").at("to"), "Europe/Paris");

  // The same values again change nothing and are not audited.
  const http::Response again = Call(http::Method::kPatch, "/api/v1/organisation", {},
                                    R"({"name":"Acme Ltd","time_zone":"Europe/Paris"})");
  ASSERT_EQ(again.status, 200) << again.body;
  ASSERT_EQ(Call(http::Method::kPatch, "/api/v1/organisation", {}, "{}").status, 200);
  EXPECT_EQ(AuditOf(org_, "settings.changed").size(), 1U);
}

TEST_F(DirectoryRoutesTest, OrganisationPatchIsStrict) {
  const auto expect_error = [&](std::string body, int status, std::string_view field) {
    const http::Response response = Call(http::Method::kPatch, "/api/v1/organisation", {}, body);
    EXPECT_EQ(response.status, status) << body << " -> " << response.body;
    if (response.status == status) {
      EXPECT_EQ(Body(response).at("error").at("field").as_string(), field) << body;
    }
  };
  expect_error(R"({"name":"X","slug":"taken"})", 400, "slug");
  expect_error(R"({"name":7})", 400, "name");
  expect_error(R"({"name":null})", 400, "name");
  expect_error(R"({"time_zone":["UTC"]})", 400, "time_zone");
  expect_error(R"({"name":""})", 422, "name");
  expect_error(R"({"name":"  "})", 422, "name");
  expect_error(R"({"time_zone":"../etc/passwd"})", 422, "time_zone");
  expect_error(R"({"time_zone":"Europe/../../etc/passwd"})", 422, "time_zone");
  if (std::filesystem::is_directory(kSystemZoneInfo)) {  // tzdata installed (tools/bootstrap)
    expect_error(R"({"name":"Fine","time_zone":"Mars/Olympus"})", 422, "time_zone");
  }
  EXPECT_EQ(Call(http::Method::kPatch, "/api/v1/organisation", {}, "[]").status, 400);
  EXPECT_EQ(Call(http::Method::kPatch, "/api/v1/organisation", {}, "{").status, 400);

  const json::object org = Body(Call(http::Method::kGet, "/api/v1/organisation"));
  EXPECT_EQ(org.at("name"), "acme");
  EXPECT_EQ(org.at("time_zone"), "UTC");
  EXPECT_TRUE(AuditOf(org_, "settings.changed").empty());
}

}  // namespace
}  // namespace rapport::directory::testing

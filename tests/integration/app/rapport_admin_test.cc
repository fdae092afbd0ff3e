// Black-box tests of `rapport admin create-user` and `rapport demo`: the accounts they make
// can sign in to a started server, and the demo organisation is the size it claims.

#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json.hpp>
#include <fstream>
#include <map>
#include <sstream>

#include "tests/integration/app/server_process.h"

namespace rapport::testing {
namespace {

namespace json = boost::json;

// A cheap argon2id keeps these tests fast; the cost itself is benchmarked in bench/auth.
const std::vector<std::string> kCheapHash = {"--set", "auth.password_hash_ops=1", "--set",
                                             "auth.password_hash_memory_kib=8"};

std::vector<std::string> With(std::vector<std::string> args, const std::vector<std::string>& more) {
  args.insert(args.end(), more.begin(), more.end());
  return args;
}

HttpResult Login(int port, const std::string& email, const std::string& password) {
  const json::object body{{"email", email}, {"password", password}};
  return HttpRequest(port, "POST", "/api/v1/auth/login", json::serialize(body),
                     {"Content-Type: application/json"});
}

std::string Cookie(const HttpResult& login) {
  const std::string& set = login.headers.at("set-cookie");
  return "Cookie: " + set.substr(0, set.find(';'));
}

// The account lines `rapport demo` prints: "  label  email  password  (name, title)".
std::map<std::string, std::pair<std::string, std::string>> PrintedAccounts(
    const std::string& output) {
  std::map<std::string, std::pair<std::string, std::string>> out;
  std::istringstream lines(output);
  std::string line;
  while (std::getline(lines, line)) {
    std::istringstream words(line);
    std::string label, email, password;
    words >> label >> email >> password;
    if (email.find('@') != std::string::npos && !password.empty()) {
      out[label] = {email, password};
    }
  }
  return out;
}

TEST(RapportAdmin, CreateUserReadsThePasswordFromStdinAndTheUserCanSignIn) {
  TempDir data;
  const std::string dir = data.path().string();
  const std::string password = "a long enough passphrase";
  const auto created = RunRapport(With({"admin", "create-user", "--data-dir", dir, "--email",
                                        "Founder@Example.org", "--role", "owner"},
                                       kCheapHash),
                                  {}, password + "\n");
  ASSERT_EQ(created.exit_code, 0) << created.output;
  EXPECT_NE(created.output.find("founder@example.org"), std::string::npos) << created.output;

  const auto duplicate = RunRapport(With({"admin", "create-user", "--data-dir", dir, "--email",
                                          "founder@example.org", "--role", "admin"},
                                         kCheapHash),
                                    {}, password + "\n");
  EXPECT_EQ(duplicate.exit_code, 2) << duplicate.output;
  const auto short_password = RunRapport(
      {"admin", "create-user", "--data-dir", dir, "--email", "b@example.org", "--role", "hr"}, {},
      "too short\n");
  EXPECT_EQ(short_password.exit_code, 2);
  EXPECT_NE(short_password.output.find("12"), std::string::npos) << short_password.output;
  const auto bad_role = RunRapport(
      {"admin", "create-user", "--data-dir", dir, "--email", "c@example.org", "--role", "root"}, {},
      password + "\n");
  EXPECT_EQ(bad_role.exit_code, 2);
  const auto bad_org = RunRapport(With({"admin", "create-user", "--data-dir", dir, "--email",
                                        "d@example.org", "--role", "hr", "--org", "nowhere"},
                                       kCheapHash),
                                  {}, password + "\n");
  EXPECT_EQ(bad_org.exit_code, 2) << bad_org.output;

  ServerProcess server(data.path(), kCheapHash);
  ASSERT_NE(server.port(), 0) << server.log();
  EXPECT_EQ(Login(server.port(), "founder@example.org", "wrong password!!").status, 401);
  const auto login = Login(server.port(), "founder@example.org", password);
  ASSERT_EQ(login.status, 200) << login.body;
  const auto me = HttpGet(server.port(), "/api/v1/me", {Cookie(login)});
  ASSERT_EQ(me.status, 200) << me.body;
  EXPECT_EQ(json::parse(me.body).at("user").at("role").as_string(), "owner");
  const auto audit = HttpGet(server.port(), "/api/v1/audit", {Cookie(login)});
  ASSERT_EQ(audit.status, 200);
  EXPECT_NE(audit.body.find("auth.login_failed"), std::string::npos);
  EXPECT_NE(audit.body.find("user.created"), std::string::npos);
}

TEST(RapportDemo, CreatesTheDemoOrganisationAndFiveAccountsThatCanSignIn) {
  TempDir data;
  const std::string dir = data.path().string();
  const auto credentials_file = data.path() / "credentials.json";
  const auto first = RunRapport(With(
      {"demo", "--data-dir", dir, "--credentials-file", credentials_file.string()}, kCheapHash));
  ASSERT_EQ(first.exit_code, 0) << first.output;
  EXPECT_NE(first.output.find("Created Alder & Finch"), std::string::npos) << first.output;
  std::stringstream text;
  text << std::ifstream(credentials_file).rdbuf();
  const json::object credentials = json::parse(text.str()).as_object();
  for (const char* who : {"owner", "hr", "editor", "manager", "employee"}) {
    ASSERT_TRUE(credentials.contains(who)) << who;
  }

  // A second run keeps the data and issues new passwords; the old ones stop working.
  const auto second = RunRapport(With({"demo", "--data-dir", dir}, kCheapHash));
  ASSERT_EQ(second.exit_code, 0) << second.output;
  EXPECT_NE(second.output.find("Kept Alder & Finch"), std::string::npos) << second.output;

  ServerProcess server(data.path(), kCheapHash);
  ASSERT_NE(server.port(), 0) << server.log();
  const auto& owner = credentials.at("owner").as_object();
  const std::string owner_email(owner.at("email").as_string());
  EXPECT_EQ(Login(server.port(), owner_email, std::string(owner.at("password").as_string())).status,
            401);
  const auto accounts = PrintedAccounts(second.output);
  ASSERT_EQ(accounts.size(), 5U) << second.output;
  EXPECT_EQ(accounts.at("owner").first, owner_email);
  const auto login = Login(server.port(), owner_email, accounts.at("owner").second);
  ASSERT_EQ(login.status, 200) << login.body;

  // About 1,200 people in about 120 teams across 8 departments.
  const auto teams = HttpGet(server.port(), "/api/v1/teams", {Cookie(login)});
  ASSERT_EQ(teams.status, 200);
  int departments = 0, team_count = 0;
  const json::value parsed = json::parse(teams.body);
  for (const auto& team : parsed.at("teams").as_array()) {
    (team.at("kind").as_string() == "department" ? departments : team_count) += 1;
  }
  EXPECT_EQ(departments, 8);
  EXPECT_GE(team_count, 100);
  EXPECT_LE(team_count, 140);
  const auto exported = HttpGet(server.port(), "/api/v1/people/export", {Cookie(login)});
  ASSERT_EQ(exported.status, 200);
  const auto rows = std::count(exported.body.begin(), exported.body.end(), '\n');
  EXPECT_GE(rows, 1100);
  EXPECT_LE(rows, 1400);

  // The employee may read the directory but not import into it; the manager sees the
  // sensitive fields of their report.
  const auto employee =
      Login(server.port(), accounts.at("employee").first, accounts.at("employee").second);
  ASSERT_EQ(employee.status, 200) << employee.body;
  EXPECT_EQ(HttpGet(server.port(), "/api/v1/people?q=a", {Cookie(employee)}).status, 200);
  const std::string csrf(json::parse(employee.body).at("csrf_token").as_string());
  EXPECT_EQ(
      HttpRequest(server.port(), "POST", "/api/v1/people/import?dry_run=true", "employee_id,name\n",
                  {Cookie(employee), "X-CSRF-Token: " + csrf, "Content-Type: text/csv"})
          .status,
      403);
  // The knowledge editor may take the knowledge base out in bulk; the employee may not.
  EXPECT_EQ(HttpGet(server.port(), "/api/v1/kb/export", {Cookie(employee)}).status, 403);
  const auto editor =
      Login(server.port(), accounts.at("editor").first, accounts.at("editor").second);
  ASSERT_EQ(editor.status, 200) << editor.body;
  EXPECT_EQ(json::parse(editor.body).at("user").at("role").as_string(), "knowledge_editor");
  EXPECT_EQ(HttpGet(server.port(), "/api/v1/kb/export", {Cookie(editor)}).status, 200);
  const auto manager =
      Login(server.port(), accounts.at("manager").first, accounts.at("manager").second);
  ASSERT_EQ(manager.status, 200) << manager.body;
  const std::string report_id(credentials.at("employee").at("person_id").as_string());
  const auto report = HttpGet(server.port(), "/api/v1/people/" + report_id, {Cookie(manager)});
  ASSERT_EQ(report.status, 200) << report.body;
  EXPECT_TRUE(json::parse(report.body).as_object().contains("hire_date")) << report.body;
  EXPECT_EQ(server.Stop(SIGTERM), 0);
}

}  // namespace
}  // namespace rapport::testing

#include "rapport/directory/import_plan.h"

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

namespace rapport::directory {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using namespace std::chrono_literals;  // NOLINT(google-build-using-namespace): date literals

constexpr std::chrono::sys_days kToday{2026y / 11 / 22};

store::PersonId PersonIdOf(int n) {
  return store::PersonId::FromTrusted(fmt::format("{:026d}", n));
}
store::TeamId TeamIdOf(int n) { return store::TeamId::FromTrusted(fmt::format("t{:025d}", n)); }

store::Team Department(int n, std::string name) {
  store::Team team;
  team.id = TeamIdOf(n);
  team.name = std::move(name);
  team.kind = store::TeamKind::kDepartment;
  return team;
}

store::Team TeamUnder(int n, std::string name, int parent) {
  store::Team team;
  team.id = TeamIdOf(n);
  team.name = std::move(name);
  team.parent_id = TeamIdOf(parent);
  return team;
}

store::Person MakePerson(int n, std::string employee_id, std::string name,
                         store::PersonStatus status = store::PersonStatus::kActive) {
  store::Person p;
  p.id = PersonIdOf(n);
  p.employee_id = std::move(employee_id);
  p.name = std::move(name);
  p.status = status;
  return p;
}

ImportPlan Plan(std::string_view csv, const DirectorySnapshot& current, bool force = false) {
  return PlanImport(ParsePeopleCsv(csv, kToday), current, PlanOptions{.force = force});
}

// "action employee_id line [fields]" for compact assertions.
std::vector<std::string> Changes(const ImportReport& report) {
  std::vector<std::string> out;
  for (const auto& c : report.changes) {
    out.push_back(fmt::format("{} {} {} [{}]", ChangeActionName(c.action), c.employee_id, c.line,
                              fmt::join(c.fields, ",")));
  }
  return out;
}

TEST(PlanImport, CreatesEveryRowInAnEmptyDirectory) {
  const ImportPlan plan = Plan("employee_id,name\nE1,Ada\nE2,Bob\n", {});
  EXPECT_THAT(plan.report.errors, IsEmpty());
  EXPECT_EQ(plan.report.rows, 2);
  EXPECT_EQ(plan.report.creates, 2);
  EXPECT_THAT(Changes(plan.report), ElementsAre("create E1 2 []", "create E2 3 []"));
  EXPECT_EQ(plan.writes.size(), 2U);
  EXPECT_FALSE(plan.report.safety_stop);
}

TEST(PlanImport, LeavesMatchingRowsUnchanged) {
  DirectorySnapshot current;
  current.people = {MakePerson(1, "E1", "Ada"), MakePerson(2, "E2", "Bob")};
  current.people[1].manager_id = PersonIdOf(1);
  current.people[1].email = "bob@example.com";
  const ImportPlan plan = Plan(
      "employee_id,name,email,manager_employee_id\nE1,Ada,,\nE2,Bob,BOB@example.com,E1\n", current);
  EXPECT_EQ(plan.report.unchanged, 2);
  EXPECT_FALSE(plan.report.HasChanges());
  EXPECT_THAT(plan.writes, IsEmpty());
  EXPECT_THAT(plan.new_teams, IsEmpty());
}

TEST(PlanImport, UpdatesListTheChangedFields) {
  DirectorySnapshot current;
  current.people = {MakePerson(1, "E1", "Ada"), MakePerson(2, "E2", "Bob")};
  current.people[1].job_title = "Engineer";
  current.people[1].attributes = {{"cost_centre", "CC-1"}, {"region", "EU"}};
  const ImportPlan plan = Plan(
      "employee_id,name,job_title,manager_employee_id,cost_centre\n"
      "E1,Ada,,,\n"
      "E2,Bob,Lead,E1,\n",
      current);
  EXPECT_THAT(Changes(plan.report),
              ElementsAre("update E2 3 [job_title,manager_employee_id,cost_centre]"));
  ASSERT_EQ(plan.writes.size(), 1U);
  // A column the file lacks ("region") keeps its value; an empty cell removes it.
  EXPECT_EQ(plan.writes[0].person.attributes, (store::Attributes{{"region", "EU"}}));
  EXPECT_EQ(plan.writes[0].manager_employee_id, "E1");
}

TEST(PlanImport, ColumnsMissingFromTheFileKeepTheirValues) {
  DirectorySnapshot current;
  current.people = {MakePerson(1, "E1", "Ada"), MakePerson(2, "E2", "Bob")};
  current.people[1].manager_id = PersonIdOf(1);
  current.people[1].location = "Paris";
  current.people[1].team_id = TeamIdOf(1);
  current.teams = {Department(1, "Ops")};
  const ImportPlan plan = Plan("employee_id,name\nE1,Ada\nE2,Bob\n", current);
  EXPECT_EQ(plan.report.unchanged, 2);
}

TEST(PlanImport, DeactivatesMissingAndReactivatesReturningPeople) {
  DirectorySnapshot current;
  current.people = {MakePerson(1, "E1", "Ada"),
                    MakePerson(2, "E2", "Bob"),
                    MakePerson(3, "E3", "Cy", store::PersonStatus::kInactive),
                    MakePerson(4, "E4", "Di"),
                    MakePerson(5, "E5", "Ed"),
                    MakePerson(6, "E6", "Flo", store::PersonStatus::kInactive)};
  const ImportPlan plan = Plan("employee_id,name\nE1,Ada\nE3,Cy\nE4,Dina\nE5,Ed\n", current);
  EXPECT_THAT(Changes(plan.report),
              ElementsAre("reactivate E3 3 []", "update E4 4 [name]", "deactivate E2 0 []"));
  EXPECT_EQ(plan.report.deactivations, 1);
  EXPECT_EQ(plan.report.reactivations, 1);
  EXPECT_EQ(plan.report.updates, 1);
  EXPECT_EQ(plan.report.unchanged, 2);
  ASSERT_EQ(plan.writes.size(), 3U);
  EXPECT_EQ(plan.writes.back().action, ChangeAction::kDeactivate);
  EXPECT_EQ(plan.writes.back().person.status, store::PersonStatus::kInactive);
}

TEST(PlanImport, StatusColumnDeactivatesWithTheLine) {
  DirectorySnapshot current;
  current.people = {MakePerson(1, "E1", "Ada"), MakePerson(2, "E2", "Bob"),
                    MakePerson(3, "E3", "Cy")};
  const ImportPlan plan =
      Plan("employee_id,name,status\nE1,Ada,active\nE2,Bob,inactive\nE3,Cy,\n", current);
  EXPECT_THAT(Changes(plan.report), ElementsAre("deactivate E2 3 []"));
}

DirectorySnapshot TenActivePeople() {
  DirectorySnapshot current;
  for (int i = 1; i <= 10; ++i) current.people.push_back(MakePerson(i, fmt::format("E{}", i), "N"));
  // Inactive people do not count towards the limit.
  current.people.push_back(MakePerson(99, "X", "Gone", store::PersonStatus::kInactive));
  return current;
}

std::string FileWithFirst(int n) {
  std::string csv = "employee_id,name\n";
  for (int i = 1; i <= n; ++i) csv += fmt::format("E{},N\n", i);
  return csv;
}

TEST(PlanImport, SafetyStopAllowsExactlyFortyPercent) {
  const ImportPlan plan = Plan(FileWithFirst(6), TenActivePeople());
  EXPECT_EQ(plan.report.deactivations, 4);
  EXPECT_FALSE(plan.report.safety_stop);
}

TEST(PlanImport, SafetyStopAboveFortyPercentUnlessForced) {
  const ImportPlan stopped = Plan(FileWithFirst(5), TenActivePeople());
  EXPECT_EQ(stopped.report.deactivations, 5);
  EXPECT_TRUE(stopped.report.safety_stop);
  EXPECT_FALSE(Plan(FileWithFirst(5), TenActivePeople(), /*force=*/true).report.safety_stop);
  // An empty file would deactivate everyone.
  EXPECT_TRUE(Plan("employee_id,name\n", TenActivePeople()).report.safety_stop);
  // Nobody active, nobody to protect.
  EXPECT_FALSE(Plan("employee_id,name\n", {}).report.safety_stop);
}

TEST(PlanImport, RowsWithErrorsAreNotPlannedButNotDeactivatedEither) {
  DirectorySnapshot current;
  current.people = {MakePerson(1, "E1", "Ada"), MakePerson(2, "E2", "Bob")};
  const ImportPlan plan = Plan("employee_id,name,email\nE1,Ada Lovelace,bad\nE2,Bob,\n", current);
  ASSERT_EQ(plan.report.errors.size(), 1U);
  EXPECT_EQ(plan.report.errors[0].field, "email");
  EXPECT_THAT(plan.report.changes, IsEmpty());
  EXPECT_EQ(plan.report.unchanged, 1);
  EXPECT_EQ(plan.report.deactivations, 0);
}

TEST(PlanImport, CapsTheErrorList) {
  std::string csv = "employee_id,name\n";
  for (std::size_t i = 0; i < kMaxReportedErrors + 5; ++i) csv += fmt::format("E{},\n", i);
  const ImportPlan plan = Plan(csv, {});
  ASSERT_EQ(plan.report.errors.size(), kMaxReportedErrors + 1);
  EXPECT_EQ(plan.report.errors.back().message, "5 more errors not shown");
}

TEST(PlanImport, CreatesMissingDepartmentsAndTeamsOnce) {
  DirectorySnapshot current;
  current.teams = {Department(1, "Sales"), TeamUnder(2, "EMEA", 1), TeamUnder(3, "Nordics", 2)};
  const ImportPlan plan = Plan(
      "employee_id,name,department,team\n"
      "E1,Ada,sales,EMEA\n"       // existing, department matched ignoring case
      "E2,Bob,Sales,Nordics\n"    // existing, nested below EMEA
      "E3,Cy,Sales,APAC\n"        // new team in an existing department
      "E4,Di,Support,\n"          // new department, no team
      "E5,Ed,Support,Tier 1\n"    // new team in the new department
      "E6,Flo,support,tier 1\n",  // the same, spelled differently
      current);
  ASSERT_THAT(plan.report.errors, IsEmpty());
  ASSERT_EQ(plan.new_teams.size(), 3U);
  EXPECT_EQ(plan.new_teams[0].name, "APAC");
  EXPECT_EQ(plan.new_teams[0].parent_id, TeamIdOf(1));
  EXPECT_EQ(plan.new_teams[1].name, "Support");
  EXPECT_EQ(plan.new_teams[1].kind, store::TeamKind::kDepartment);
  EXPECT_EQ(plan.new_teams[2].name, "Tier 1");
  EXPECT_EQ(plan.new_teams[2].parent_planned, 1);
  ASSERT_EQ(plan.writes.size(), 6U);
  EXPECT_EQ(plan.writes[0].person.team_id, TeamIdOf(2));
  EXPECT_EQ(plan.writes[1].person.team_id, TeamIdOf(3));
  EXPECT_EQ(plan.writes[2].planned_team, 0);
  EXPECT_EQ(plan.writes[3].planned_team, 1);
  EXPECT_EQ(plan.writes[4].planned_team, 2);
  EXPECT_EQ(plan.writes[5].planned_team, 2);
}

TEST(PlanImport, WritesManagersBeforeTheirReports) {
  const ImportPlan plan = Plan(
      "employee_id,name,manager_employee_id\n"
      "C,Cat,B\n"
      "B,Ben,A\n"
      "D,Dan,\n"
      "A,Ann,\n",
      {});
  std::vector<std::string> order;
  for (const auto& w : plan.writes) order.push_back(w.person.employee_id);
  EXPECT_THAT(order, ElementsAre("D", "A", "B", "C"));
}

TEST(PlanImport, ReportsAManagerIdThatDanglesInTheStoreAsAChange) {
  DirectorySnapshot current;
  current.people = {MakePerson(1, "E1", "Ada")};
  current.people[0].manager_id = PersonIdOf(42);
  const ImportPlan plan = Plan("employee_id,name,manager_employee_id\nE1,Ada,\n", current);
  EXPECT_THAT(Changes(plan.report), ElementsAre("update E1 2 [manager_employee_id]"));
}

}  // namespace
}  // namespace rapport::directory

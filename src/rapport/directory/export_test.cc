#include "rapport/directory/export.h"

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "rapport/directory/csv.h"

namespace rapport::directory {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::StartsWith;
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

store::Person MakePerson(int n, std::string employee_id, std::string name) {
  store::Person p;
  p.id = PersonIdOf(n);
  p.employee_id = std::move(employee_id);
  p.name = std::move(name);
  return p;
}

// A directory with every awkward value the export must carry through a spreadsheet.
DirectorySnapshot AwkwardDirectory() {
  DirectorySnapshot d;
  d.teams = {Department(1, "=Sales"), TeamUnder(2, "EMEA, North", 1),
             TeamUnder(3, "\"Nordics\"", 2), Department(4, "Ingénierie")};
  store::Person boss = MakePerson(1, "-001", "=cmd|' /C calc'!A0");
  boss.email = "boss@example.com";
  boss.team_id = TeamIdOf(4);
  boss.hire_date = "2001-02-03";
  boss.employment_type = "full_time";
  store::Person ana = MakePerson(2, "E.2", "-Ana, \"the\" Best");
  ana.manager_id = boss.id;
  ana.team_id = TeamIdOf(3);
  ana.job_title = "+Lead @ Nordics";
  ana.location = "Zürich";
  ana.attributes = {{"notes", "line one\nline two"}, {"cost_centre", "'=x"}};
  store::Person gone = MakePerson(3, "E3", "Zoë 山田");
  gone.status = store::PersonStatus::kInactive;
  gone.manager_id = ana.id;
  gone.team_id = TeamIdOf(2);
  gone.attributes = {{"cost_centre", "@home"}};
  store::Person plain = MakePerson(4, "E4", "Plain");
  d.people = {boss, ana, gone, plain};
  return d;
}

TEST(ExportPeopleCsv, WritesTheImportColumnsThenSortedAttributes) {
  const std::string csv = ExportPeopleCsv(AwkwardDirectory());
  EXPECT_THAT(csv, StartsWith("\xEF\xBB\xBF"
                              "employee_id,name,email,job_title,department,team,"
                              "manager_employee_id,hire_date,location,employment_type,status,"
                              "cost_centre,notes\r\n"));
}

TEST(ExportPeopleCsv, NeutralisesFormulas) {
  const std::string csv = ExportPeopleCsv(AwkwardDirectory());
  const auto records = ReadCsv(csv);
  ASSERT_TRUE(records.has_value()) << records.error().ToString();
  ASSERT_EQ(records->size(), 5U);
  // Rows sorted by employee id: "-001", "E.2", "E3", "E4".
  const auto& boss = (*records)[1].fields;
  EXPECT_EQ(boss[0], "'-001");
  EXPECT_EQ(boss[1], "'=cmd|' /C calc'!A0");
  EXPECT_EQ(boss[4], "Ingénierie");
  const auto& ana = (*records)[2].fields;
  EXPECT_EQ(ana[1], "'-Ana, \"the\" Best");
  EXPECT_EQ(ana[3], "'+Lead @ Nordics");
  EXPECT_EQ(ana[4], "'=Sales");
  EXPECT_EQ(ana[5], "\"Nordics\"");
  EXPECT_EQ(ana[6], "'-001");
  EXPECT_EQ(ana[11], "''=x");
  EXPECT_EQ(ana[12], "line one\nline two");
  const auto& gone = (*records)[3].fields;
  EXPECT_EQ(gone[5], "EMEA, North");
  EXPECT_EQ(gone[10], "inactive");
  EXPECT_EQ(gone[11], "'@home");
  // No cell a spreadsheet would evaluate.
  for (const auto& record : *records) {
    for (const auto& field : record.fields) {
      if (!field.empty()) {
        EXPECT_FALSE(IsFormulaTrigger(field.front())) << field;
      }
    }
  }
}

TEST(ExportPeopleCsv, RoundTripThroughTheImportChangesNothing) {
  const DirectorySnapshot directory = AwkwardDirectory();
  const std::string csv = ExportPeopleCsv(directory);
  const PeopleFile file = ParsePeopleCsv(csv, kToday);
  ASSERT_THAT(file.errors, IsEmpty())
      << file.errors.front().line << " " << file.errors.front().message;
  const ImportPlan plan = PlanImport(file, directory, PlanOptions{});
  EXPECT_THAT(plan.report.changes, IsEmpty());
  EXPECT_EQ(plan.report.unchanged, 4);
  EXPECT_THAT(plan.new_teams, IsEmpty());
  EXPECT_THAT(plan.writes, IsEmpty());
}

TEST(ExportPeopleCsv, EmptyDirectoryIsAHeader) {
  const std::string csv = ExportPeopleCsv({});
  const auto records = ReadCsv(csv);
  ASSERT_TRUE(records.has_value());
  ASSERT_EQ(records->size(), 1U);
  EXPECT_THAT(
      (*records)[0].fields,
      ElementsAre("employee_id", "name", "email", "job_title", "department", "team",
                  "manager_employee_id", "hire_date", "location", "employment_type", "status"));
}

}  // namespace
}  // namespace rapport::directory

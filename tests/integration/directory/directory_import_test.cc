// The people import and export on a real store: applying, idempotence, the safety stop,
// refusing files with errors, round trips and the audit trail.

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/integration/directory/directory_fixture.h"

namespace rapport::directory::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;
using ::testing::StartsWith;

class DirectoryImportTest : public DirectoryFixture {};

constexpr std::string_view kCompany =
    "employee_id,name,email,job_title,department,team,manager_employee_id,hire_date,location,"
    "employment_type,cost_centre\r\n"
    "E3,Cy,cy@acme.test,Engineer,Engineering,Platform,E2,2022-01-01,Paris,full_time,CC-2\r\n"
    "E1,Ada,ada@acme.test,CEO,Board,,,2010-05-05,London,full_time,CC-1\r\n"
    "E2,Bob,bob@acme.test,CTO,Engineering,,E1,2015-02-02,London,full_time,\r\n"
    "E4,Di,,Engineer,Engineering,Platform,E2,,,contractor,\r\n";

TEST_F(DirectoryImportTest, AppliesTeamsPeopleAndManagersInOneAuditedRun) {
  const ImportReport report = ImportOrDie(kCompany);
  EXPECT_THAT(report.errors, IsEmpty());
  EXPECT_TRUE(report.applied);
  EXPECT_EQ(report.creates, 4);

  const store::Person cy = PersonByEmployeeId("E3");
  const store::Person bob = PersonByEmployeeId("E2");
  EXPECT_EQ(cy.manager_id, bob.id);
  EXPECT_EQ(cy.attributes, (store::Attributes{{"cost_centre", "CC-2"}}));
  const auto teams = directory_->ListTeams(admin_);
  ASSERT_TRUE(teams.has_value());
  ASSERT_EQ(teams->size(), 3U);  // Board, Engineering, Platform
  EXPECT_EQ(PersonByEmployeeId("E1").team_id, (*teams)[0].team.id);

  const auto audit = AuditOf(org_, "people.import");
  ASSERT_THAT(audit, SizeIs(1));
  EXPECT_EQ(audit[0].actor_id, admin_.user_id.str());
  EXPECT_EQ(audit[0].remote_address, "198.51.100.7");
  EXPECT_THAT(audit[0].detail, HasSubstr(R"("creates":4)"));
  EXPECT_THAT(audit[0].detail, HasSubstr(R"("teams_created":3)"));
}

TEST_F(DirectoryImportTest, TheSameFileTwiceChangesNothing) {
  ImportOrDie(kCompany);
  const auto before = PeopleOf(org_);
  clock_.Advance(std::chrono::hours(24));
  const ImportReport again = ImportOrDie(kCompany);
  EXPECT_TRUE(again.applied);
  EXPECT_EQ(again.unchanged, 4);
  EXPECT_THAT(again.changes, IsEmpty());
  EXPECT_EQ(PeopleOf(org_), before);  // not even updated_at moved
  EXPECT_THAT(AuditOf(org_, "people.import"), SizeIs(1));
}

TEST_F(DirectoryImportTest, DryRunWritesNothing) {
  const ImportReport report = ImportOrDie(kCompany, /*dry_run=*/true);
  EXPECT_TRUE(report.dry_run);
  EXPECT_FALSE(report.applied);
  EXPECT_EQ(report.creates, 4);
  EXPECT_THAT(PeopleOf(org_), IsEmpty());
  EXPECT_THAT(directory_->ListTeams(admin_).value(), IsEmpty());
}

TEST_F(DirectoryImportTest, AFileWithAnyErrorAppliesNothing) {
  const ImportReport report =
      ImportOrDie("employee_id,name,manager_employee_id\nE1,Ada,\nE2,Bob,E9\nE3,Cy,E1\n");
  EXPECT_FALSE(report.applied);
  ASSERT_THAT(report.errors, SizeIs(1));
  EXPECT_EQ(report.errors[0].line, 3);
  EXPECT_EQ(report.errors[0].field, "manager_employee_id");
  EXPECT_EQ(report.creates, 2);  // what the valid rows would do
  EXPECT_THAT(PeopleOf(org_), IsEmpty());
  EXPECT_THAT(AuditOf(org_, "people.import"), IsEmpty());
}

std::string FirstPeople(int n) {
  std::string csv = "employee_id,name\n";
  for (int i = 1; i <= n; ++i) csv += fmt::format("E{},Person {}\n", i, i);
  return csv;
}

TEST_F(DirectoryImportTest, SafetyStopHoldsUnlessForced) {
  ImportOrDie(FirstPeople(10));
  const ImportReport stopped = ImportOrDie(FirstPeople(5));
  EXPECT_TRUE(stopped.safety_stop);
  EXPECT_FALSE(stopped.applied);
  EXPECT_EQ(stopped.deactivations, 5);
  EXPECT_EQ(PersonByEmployeeId("E10").status, store::PersonStatus::kActive);

  const ImportReport forced = ImportOrDie(FirstPeople(5), /*dry_run=*/false, /*force=*/true);
  EXPECT_TRUE(forced.applied);
  EXPECT_EQ(PersonByEmployeeId("E10").status, store::PersonStatus::kInactive);

  // Everyone comes back.
  const ImportReport back = ImportOrDie(FirstPeople(10));
  EXPECT_EQ(back.reactivations, 5);
  EXPECT_EQ(PersonByEmployeeId("E10").status, store::PersonStatus::kActive);
}

TEST_F(DirectoryImportTest, MovesAreRecordedInTheHistory) {
  ImportOrDie(kCompany);
  clock_.Advance(std::chrono::hours(24 * 3));
  std::string moved(kCompany);
  moved.replace(moved.find("Engineering,Platform,E2"), 23, "Engineering,,E1");
  const ImportReport report = ImportOrDie(moved);
  ASSERT_EQ(report.updates, 1);
  EXPECT_EQ(report.changes[0].employee_id, "E3");
  EXPECT_THAT(report.changes[0].fields, ::testing::ElementsAre("team", "manager_employee_id"));
  const store::Person cy = PersonByEmployeeId("E3");
  const auto view = directory_->GetPerson(admin_, cy.id);
  ASSERT_TRUE(view.has_value());
  ASSERT_THAT(view->history, SizeIs(2));
  EXPECT_EQ(view->history[0].valid_to, "2026-11-25");
  EXPECT_EQ(view->history[1].valid_from, "2026-11-25");
  EXPECT_EQ(view->history[1].manager_id, PersonByEmployeeId("E1").id);
}

TEST_F(DirectoryImportTest, ExportRoundTripsAndIsAudited) {
  ImportOrDie(
      "employee_id,name,job_title,department,team,manager_employee_id,notes\n"
      "'-01,'=Chief,\"Head, \"\"Big\"\" One\",Board,,,\"multi\nline\"\n"
      "E2,Zoë 山田,'@handle,Board,Core,'-01,\n"
      "E3,Plain,,Board,Core,E2,'+1\n");
  PersonPatch leave;
  leave.status = store::PersonStatus::kInactive;
  ASSERT_TRUE(directory_->UpdatePerson(admin_, PersonByEmployeeId("E3").id, leave).has_value());
  EXPECT_EQ(PersonByEmployeeId("-01").name, "=Chief");
  EXPECT_EQ(PersonByEmployeeId("E3").attributes.at("notes"), "+1");

  const auto csv = directory_->Export(admin_);
  ASSERT_TRUE(csv.has_value()) << csv.error().ToString();
  EXPECT_THAT(*csv, StartsWith("\xEF\xBB\xBF"
                               "employee_id,name,"));
  EXPECT_THAT(*csv, HasSubstr("\r\n'-01,'=Chief,,\"Head, \"\"Big\"\" One\",Board,,,"));
  EXPECT_THAT(AuditOf(org_, "people.export"), SizeIs(1));

  const auto before = PeopleOf(org_);
  const ImportReport again = ImportOrDie(*csv);
  EXPECT_THAT(again.errors, IsEmpty());
  EXPECT_THAT(again.changes, IsEmpty());
  EXPECT_EQ(again.unchanged, 3);
  EXPECT_EQ(PeopleOf(org_), before);
}

TEST_F(DirectoryImportTest, ImportsStayInTheirOrganisation) {
  ImportOrDie(kCompany);
  ImportRequest request;
  request.csv = "employee_id,name\nE1,Other Ada\n";
  request.dry_run = false;
  const auto other = directory_->Import(other_admin_, request);
  ASSERT_TRUE(other.has_value()) << other.error().ToString();
  EXPECT_EQ(other->creates, 1);
  EXPECT_EQ(other->deactivations, 0);
  EXPECT_THAT(PeopleOf(other_org_), SizeIs(1));
  EXPECT_EQ(PersonByEmployeeId("E1").name, "Ada");
}

}  // namespace
}  // namespace rapport::directory::testing

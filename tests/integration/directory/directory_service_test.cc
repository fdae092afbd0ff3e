// DirectoryService on a real store: people, teams, the org chart, access and tenancy.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/integration/directory/directory_fixture.h"

namespace rapport::directory::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

core::ErrorCode CodeOf(const auto& result) { return result.error().code(); }

class DirectoryServiceTest : public DirectoryFixture {};

TEST_F(DirectoryServiceTest, CreatesAPersonAndReadsItBackWithHistory) {
  const store::TeamId sales = TeamOrDie("Sales", store::TeamKind::kDepartment);
  PersonPatch patch = NamedPatch(" E1 ", " Ada Lovelace ");
  patch.email = "Ada@Example.com";
  patch.team_id = sales;
  patch.hire_date = "2020-01-15";
  patch.employment_type = "full_time";
  patch.attributes = store::Attributes{{"cost_centre", " CC-1 "}};
  const PersonView created = CreateOrDie(patch);
  EXPECT_EQ(created.person.employee_id, "E1");
  EXPECT_EQ(created.person.name, "Ada Lovelace");
  EXPECT_EQ(created.person.email, "ada@example.com");
  EXPECT_EQ(created.team_name, "Sales");

  const auto read = directory_->GetPerson(admin_, created.person.id);
  ASSERT_TRUE(read.has_value()) << read.error().ToString();
  EXPECT_TRUE(read->sensitive_visible);
  EXPECT_EQ(read->person.attributes, (store::Attributes{{"cost_centre", "CC-1"}}));
  ASSERT_EQ(read->history.size(), 1U);
  EXPECT_EQ(read->history[0].valid_from, "2026-11-22");
  EXPECT_EQ(read->history[0].team_id, sales);
}

TEST_F(DirectoryServiceTest, SensitiveFieldsOnlyForHrAndManagers) {
  const PersonView boss = CreateOrDie(NamedPatch("B", "Boss"));
  PersonPatch report = NamedPatch("R", "Report");
  report.manager_id = boss.person.id;
  report.hire_date = "2021-03-04";
  const PersonView direct = CreateOrDie(report);
  PersonPatch deeper = NamedPatch("D", "Deeper");
  deeper.manager_id = direct.person.id;
  deeper.hire_date = "2022-05-06";
  const PersonView indirect = CreateOrDie(deeper);

  const auth::Principal as_boss = PrincipalFor(org_, auth::Role::kEmployee, boss.person.id);
  const auth::Principal as_peer = PrincipalFor(org_, auth::Role::kEmployee, indirect.person.id);
  const auth::Principal hr = PrincipalFor(org_, auth::Role::kHr);

  const auto seen_by_boss = directory_->GetPerson(as_boss, indirect.person.id);
  ASSERT_TRUE(seen_by_boss.has_value());
  EXPECT_TRUE(seen_by_boss->sensitive_visible);
  EXPECT_EQ(seen_by_boss->person.hire_date, "2022-05-06");
  EXPECT_THAT(seen_by_boss->history, ::testing::SizeIs(1));

  const auto seen_by_report = directory_->GetPerson(as_peer, direct.person.id);
  ASSERT_TRUE(seen_by_report.has_value());
  EXPECT_FALSE(seen_by_report->sensitive_visible);
  EXPECT_EQ(seen_by_report->person.hire_date, "");
  EXPECT_THAT(seen_by_report->history, IsEmpty());
  EXPECT_EQ(seen_by_report->manager_name, "Boss");

  EXPECT_TRUE(directory_->GetPerson(hr, boss.person.id)->sensitive_visible);

  const auto listed = directory_->ListPeople(as_boss, {}, {});
  ASSERT_TRUE(listed.has_value());
  std::vector<std::string> visible;
  for (const auto& view : listed->people) {
    if (view.sensitive_visible) visible.push_back(view.person.employee_id);
  }
  EXPECT_THAT(visible, ElementsAre("D", "R"));  // not the boss's own entry
}

TEST_F(DirectoryServiceTest, OtherOrganisationsObjectsAreNotFound) {
  const PersonView ada = CreateOrDie(NamedPatch("E1", "Ada"));
  const store::TeamId team = TeamOrDie("Sales", store::TeamKind::kDepartment);
  EXPECT_EQ(CodeOf(directory_->GetPerson(other_admin_, ada.person.id)), core::ErrorCode::kNotFound);
  EXPECT_EQ(CodeOf(directory_->UpdatePerson(other_admin_, ada.person.id, NamedPatch("X", "Y"))),
            core::ErrorCode::kNotFound);
  PersonPatch foreign = NamedPatch("E1", "Other Ada");
  foreign.team_id = team;
  const auto with_team = directory_->CreatePerson(other_admin_, foreign);
  ASSERT_FALSE(with_team.has_value());
  EXPECT_EQ(with_team.error().code(), core::ErrorCode::kNotFound);
  EXPECT_EQ(with_team.error().field(), "team_id");
  foreign.team_id.reset();
  foreign.manager_id = ada.person.id;
  const auto with_manager = directory_->CreatePerson(other_admin_, foreign);
  ASSERT_FALSE(with_manager.has_value());
  EXPECT_EQ(with_manager.error().field(), "manager_id");
  // The same employee id is free in another organisation.
  foreign.manager_id.reset();
  EXPECT_TRUE(directory_->CreatePerson(other_admin_, foreign).has_value());
  EXPECT_EQ(CodeOf(directory_->GetOrgChart(other_admin_, ada.person.id)),
            core::ErrorCode::kNotFound);
}

TEST_F(DirectoryServiceTest, UpdateIsAPatch) {
  const store::TeamId sales = TeamOrDie("Sales", store::TeamKind::kDepartment);
  PersonPatch patch = NamedPatch("E1", "Ada");
  patch.team_id = sales;
  patch.job_title = "Engineer";
  const PersonView ada = CreateOrDie(patch);

  PersonPatch change;
  change.job_title = "Lead";
  const auto updated = directory_->UpdatePerson(admin_, ada.person.id, change);
  ASSERT_TRUE(updated.has_value()) << updated.error().ToString();
  EXPECT_EQ(updated->person.job_title, "Lead");
  EXPECT_EQ(updated->person.team_id, sales);
  EXPECT_EQ(updated->person.name, "Ada");

  PersonPatch clear;
  clear.team_id.emplace(std::nullopt);
  EXPECT_FALSE(directory_->UpdatePerson(admin_, ada.person.id, clear)->person.team_id);
}

TEST_F(DirectoryServiceTest, RejectsManagerCyclesAndSelfManagement) {
  const PersonView a = CreateOrDie(NamedPatch("A", "A"));
  PersonPatch pb = NamedPatch("B", "B");
  pb.manager_id = a.person.id;
  const PersonView b = CreateOrDie(pb);
  PersonPatch pc = NamedPatch("C", "C");
  pc.manager_id = b.person.id;
  const PersonView c = CreateOrDie(pc);

  PersonPatch loop;
  loop.manager_id = c.person.id;
  const auto cycle = directory_->UpdatePerson(admin_, a.person.id, loop);
  ASSERT_FALSE(cycle.has_value());
  EXPECT_EQ(cycle.error().code(), core::ErrorCode::kUnprocessable);
  EXPECT_EQ(cycle.error().field(), "manager_id");

  PersonPatch self;
  self.manager_id = a.person.id;
  const auto own = directory_->UpdatePerson(admin_, a.person.id, self);
  ASSERT_FALSE(own.has_value());
  EXPECT_EQ(own.error().field(), "manager_id");
}

TEST_F(DirectoryServiceTest, ValidatesLikeTheImport) {
  PersonPatch bad = NamedPatch("E1", "Ada");
  bad.email = "not-an-address";
  auto result = directory_->CreatePerson(admin_, bad);
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().code(), core::ErrorCode::kUnprocessable);
  EXPECT_EQ(result.error().field(), "email");

  bad = NamedPatch("E 1", "Ada");
  EXPECT_EQ(directory_->CreatePerson(admin_, bad).error().field(), "employee_id");
  bad = NamedPatch("E1", "");
  EXPECT_EQ(directory_->CreatePerson(admin_, bad).error().field(), "name");
  bad = NamedPatch("E1", "Ada");
  bad.hire_date = "2026-02-30";
  EXPECT_EQ(directory_->CreatePerson(admin_, bad).error().field(), "hire_date");

  CreateOrDie(NamedPatch("E1", "Ada"));
  const auto duplicate = directory_->CreatePerson(admin_, NamedPatch("E1", "Bob"));
  ASSERT_FALSE(duplicate.has_value());
  EXPECT_EQ(duplicate.error().code(), core::ErrorCode::kConflict);
  EXPECT_EQ(duplicate.error().field(), "employee_id");
}

TEST_F(DirectoryServiceTest, EveryMethodAsksThePolicy) {
  const auth::Principal employee = PrincipalFor(org_, auth::Role::kEmployee);
  EXPECT_EQ(CodeOf(directory_->CreatePerson(employee, NamedPatch("E1", "Ada"))),
            core::ErrorCode::kPermissionDenied);
  EXPECT_EQ(CodeOf(directory_->CreateTeam(employee, {"Sales", store::TeamKind::kDepartment, {}})),
            core::ErrorCode::kPermissionDenied);
  EXPECT_EQ(CodeOf(directory_->Import(employee, {"employee_id,name\n", false, false})),
            core::ErrorCode::kPermissionDenied);
  EXPECT_EQ(CodeOf(directory_->Export(employee)), core::ErrorCode::kPermissionDenied);
  EXPECT_TRUE(directory_->ListPeople(employee, {}, {}).has_value());
  EXPECT_TRUE(directory_->ListTeams(employee).has_value());
}

TEST_F(DirectoryServiceTest, TeamRulesAndHeadCounts) {
  const auto no_parent = directory_->CreateTeam(admin_, {"Squad", store::TeamKind::kTeam, {}});
  ASSERT_FALSE(no_parent.has_value());
  EXPECT_EQ(no_parent.error().field(), "parent_id");

  const store::TeamId sales = TeamOrDie("Sales", store::TeamKind::kDepartment);
  const auto dept_with_parent =
      directory_->CreateTeam(admin_, {"Sub", store::TeamKind::kDepartment, sales});
  ASSERT_FALSE(dept_with_parent.has_value());
  EXPECT_EQ(dept_with_parent.error().code(), core::ErrorCode::kUnprocessable);

  const auto unknown_parent =
      directory_->CreateTeam(admin_, {"Squad", store::TeamKind::kTeam, ids_.New<store::TeamTag>()});
  ASSERT_FALSE(unknown_parent.has_value());
  EXPECT_EQ(unknown_parent.error().code(), core::ErrorCode::kNotFound);
  EXPECT_EQ(unknown_parent.error().field(), "parent_id");

  const store::TeamId emea = TeamOrDie("EMEA", store::TeamKind::kTeam, sales);
  const auto duplicate = directory_->CreateTeam(admin_, {"EMEA", store::TeamKind::kTeam, sales});
  ASSERT_FALSE(duplicate.has_value());
  EXPECT_EQ(duplicate.error().code(), core::ErrorCode::kConflict);

  PersonPatch in_emea = NamedPatch("E1", "Ada");
  in_emea.team_id = emea;
  CreateOrDie(in_emea);
  PersonPatch in_sales = NamedPatch("E2", "Bob");
  in_sales.team_id = sales;
  CreateOrDie(in_sales);
  in_sales = NamedPatch("E3", "Gone");
  in_sales.team_id = sales;
  in_sales.status = store::PersonStatus::kInactive;
  CreateOrDie(in_sales);

  const auto teams = directory_->ListTeams(admin_);
  ASSERT_TRUE(teams.has_value());
  ASSERT_EQ(teams->size(), 2U);
  EXPECT_EQ((*teams)[0].team.name, "Sales");
  EXPECT_EQ((*teams)[0].head_count, 2);
  EXPECT_EQ((*teams)[1].head_count, 1);
}

TEST_F(DirectoryServiceTest, OrgChartRootsAndFocus) {
  const PersonView ceo = CreateOrDie(NamedPatch("C", "Ceo"));
  PersonPatch p = NamedPatch("V", "Vp");
  p.manager_id = ceo.person.id;
  const PersonView vp = CreateOrDie(p);
  p = NamedPatch("E", "Eng");
  p.manager_id = vp.person.id;
  const PersonView eng = CreateOrDie(p);
  CreateOrDie(NamedPatch("L", "Loner"));

  const auto top = directory_->GetOrgChart(admin_, std::nullopt);
  ASSERT_TRUE(top.has_value());
  EXPECT_EQ(top->total, 4);
  ASSERT_EQ(top->roots.size(), 2U);
  EXPECT_EQ(top->roots[0].name, "Ceo");
  EXPECT_EQ(top->roots[0].subtree_count, 2);

  const auto focus = directory_->GetOrgChart(admin_, vp.person.id);
  ASSERT_TRUE(focus.has_value());
  EXPECT_EQ(focus->person->name, "Vp");
  ASSERT_EQ(focus->chain.size(), 1U);
  EXPECT_EQ(focus->chain[0].id, ceo.person.id);
  ASSERT_EQ(focus->reports.size(), 1U);
  EXPECT_EQ(focus->reports[0].id, eng.person.id);
}

TEST_F(DirectoryServiceTest, ListsWithFiltersAndPages) {
  for (int i = 0; i < 5; ++i)
    CreateOrDie(NamedPatch("E" + std::to_string(i), "N" + std::to_string(i)));
  const auto first = directory_->ListPeople(admin_, {}, {.limit = 2, .cursor = {}});
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(first->people.size(), 2U);
  EXPECT_FALSE(first->next_cursor.empty());
  const auto second =
      directory_->ListPeople(admin_, {}, {.limit = 10, .cursor = first->next_cursor});
  ASSERT_TRUE(second.has_value());
  EXPECT_EQ(second->people.size(), 3U);
  EXPECT_EQ(CodeOf(directory_->ListPeople(admin_, {}, {.limit = 0, .cursor = {}})),
            core::ErrorCode::kInvalidArgument);
  store::PersonFilter filter;
  filter.query = "n3";
  EXPECT_EQ(directory_->ListPeople(admin_, filter, {})->people.size(), 1U);
}

}  // namespace
}  // namespace rapport::directory::testing

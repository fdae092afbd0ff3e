// Directory part of the store contract: teams, people, their placement history, filters,
// pagination and tenant isolation.

#include <algorithm>
#include <optional>

#include "store_contract_helpers.h"

namespace rapport::store::testing {
namespace {

using core::ErrorCode;

core::Result<Page<Person>> ListPeople(Store& store, const OrganisationId& org,
                                      const PersonFilter& filter, const PageRequest& page) {
  return ReadValue<Page<Person>>(store,
                                 [&](ReadTx& tx) { return tx.people().List(org, filter, page); });
}

// The names of every person matching `filter`, following cursors.
core::Result<std::vector<std::string>> ListNames(Store& store, const OrganisationId& org,
                                                 const PersonFilter& filter, int limit = 2) {
  std::vector<std::string> names;
  PageRequest request{.limit = limit};
  do {
    RAPPORT_ASSIGN_OR_RETURN(auto page, ListPeople(store, org, filter, request));
    for (const Person& person : page.items) names.push_back(person.name);
    request.cursor = page.next_cursor;
  } while (!request.cursor.empty());
  return names;
}

TEST_P(StoreContractTest, TeamsAreListedDepartmentsFirstThenByName) {
  CONTRACT_SETUP_TWO_ORGANISATIONS();
  const TeamId sales = ids_.New<TeamTag>();
  const TeamId engineering = ids_.New<TeamTag>();
  auto created = CreateTeam(*store, org, Department(sales, "Sales"));
  CONTRACT_ASSERT_OK(created);
  EXPECT_EQ(created->created_at, clock_.Now());
  EXPECT_FALSE(created->parent_id.has_value());
  CONTRACT_ASSERT_OK(CreateTeam(*store, org, Department(engineering, "Engineering")));
  CONTRACT_ASSERT_OK(
      CreateTeam(*store, org, TeamUnder(ids_.New<TeamTag>(), "Backend", engineering)));
  CONTRACT_ASSERT_OK(CreateTeam(*store, org, TeamUnder(ids_.New<TeamTag>(), "Accounts", sales)));
  auto all =
      ReadValue<std::vector<Team>>(*store, [&](ReadTx& tx) { return tx.teams().ListAll(org); });
  CONTRACT_ASSERT_OK(all);
  std::vector<std::string> names;
  for (const Team& team : *all) names.push_back(team.name);
  EXPECT_EQ(names, (std::vector<std::string>{"Engineering", "Sales", "Accounts", "Backend"}));
  auto got = ReadValue<Team>(*store, [&](ReadTx& tx) { return tx.teams().Get(org, sales); });
  CONTRACT_ASSERT_OK(got);
  EXPECT_EQ(*got, *created);
}

TEST_P(StoreContractTest, TeamNamesAreUniquePerParent) {
  CONTRACT_SETUP_TWO_ORGANISATIONS();
  const TeamId a = ids_.New<TeamTag>();
  const TeamId b = ids_.New<TeamTag>();
  CONTRACT_ASSERT_OK(CreateTeam(*store, org, Department(a, "A")));
  CONTRACT_ASSERT_OK(CreateTeam(*store, org, Department(b, "B")));
  // Two departments (no parent) with one name collide, although their parents are both empty.
  auto twin = CreateTeam(*store, org, Department(ids_.New<TeamTag>(), "A"));
  EXPECT_EQ(CodeOf(twin), ErrorCode::kConflict);
  CONTRACT_ASSERT_OK(CreateTeam(*store, org, TeamUnder(ids_.New<TeamTag>(), "Ops", a)));
  auto again = CreateTeam(*store, org, TeamUnder(ids_.New<TeamTag>(), "Ops", a));
  ASSERT_EQ(CodeOf(again), ErrorCode::kConflict);
  EXPECT_NE(again.error().message().find("Ops"), std::string::npos);
  // The same name under another parent, or in another organisation, is fine.
  CONTRACT_ASSERT_OK(CreateTeam(*store, org, TeamUnder(ids_.New<TeamTag>(), "Ops", b)));
  CONTRACT_ASSERT_OK(CreateTeam(*store, other, Department(ids_.New<TeamTag>(), "A")));
  EXPECT_EQ(CodeOf(CreateTeam(*store, org, Department(a, "Other"))), ErrorCode::kConflict);
}

TEST_P(StoreContractTest, TeamParentMustBeATeamOfTheOrganisation) {
  CONTRACT_SETUP_TWO_ORGANISATIONS();
  const TeamId theirs = ids_.New<TeamTag>();
  CONTRACT_ASSERT_OK(CreateTeam(*store, other, Department(theirs, "Theirs")));
  for (const TeamId& parent : {theirs, ids_.New<TeamTag>()}) {
    auto created = CreateTeam(*store, org, TeamUnder(ids_.New<TeamTag>(), "X", parent));
    EXPECT_EQ(CodeOf(created), ErrorCode::kNotFound);
    EXPECT_EQ(FieldOf(created), "parent_id");
  }
}

TEST_P(StoreContractTest, TeamsOfAnotherOrganisationAreInvisible) {
  CONTRACT_SETUP_TWO_ORGANISATIONS();
  const TeamId id = ids_.New<TeamTag>();
  CONTRACT_ASSERT_OK(CreateTeam(*store, org, Department(id, "Mine")));
  EXPECT_EQ(CodeOf(ReadValue<Team>(*store, [&](ReadTx& tx) { return tx.teams().Get(other, id); })),
            ErrorCode::kNotFound);
  auto theirs =
      ReadValue<std::vector<Team>>(*store, [&](ReadTx& tx) { return tx.teams().ListAll(other); });
  CONTRACT_ASSERT_OK(theirs);
  EXPECT_TRUE(theirs->empty());
}

TEST_P(StoreContractTest, PersonIsStoredExactly) {
  CONTRACT_SETUP_TWO_ORGANISATIONS();
  const TeamId team = ids_.New<TeamTag>();
  CONTRACT_ASSERT_OK(CreateTeam(*store, org, Department(team, "T")));
  Person manager = MakePerson(ids_.New<PersonTag>(), "E0", "Boss");
  CONTRACT_ASSERT_OK(CreatePerson(*store, org, manager));
  Person person = MakePerson(ids_.New<PersonTag>(), "E1", "Zoë \"Z\" O'Neil; --");
  person.team_id = team;
  person.manager_id = manager.id;
  person.attributes = {{"cost_centre", "CC-104"}, {"quote", "\"{}[],\\\n"}, {"ünï", "日本"}};
  clock_.Advance(std::chrono::seconds(5));
  auto created = CreatePerson(*store, org, person);
  CONTRACT_ASSERT_OK(created);
  EXPECT_EQ(created->created_at, clock_.Now());
  EXPECT_EQ(created->updated_at, clock_.Now());
  person.created_at = person.updated_at = clock_.Now();
  EXPECT_EQ(*created, person);
  auto by_id = GetPerson(*store, org, person.id);
  CONTRACT_ASSERT_OK(by_id);
  EXPECT_EQ(*by_id, person);
  auto by_employee_id =
      ReadValue<Person>(*store, [&](ReadTx& tx) { return tx.people().GetByEmployeeId(org, "E1"); });
  CONTRACT_ASSERT_OK(by_employee_id);
  EXPECT_EQ(*by_employee_id, person);
}

TEST_P(StoreContractTest, EmployeeIdsAndPersonIdsAreUnique) {
  CONTRACT_SETUP_TWO_ORGANISATIONS();
  const Person first = MakePerson(ids_.New<PersonTag>(), "E1", "First");
  CONTRACT_ASSERT_OK(CreatePerson(*store, org, first));
  auto twin = CreatePerson(*store, org, MakePerson(ids_.New<PersonTag>(), "E1", "Twin"));
  ASSERT_EQ(CodeOf(twin), ErrorCode::kConflict);
  EXPECT_NE(twin.error().message().find("E1"), std::string::npos);
  EXPECT_EQ(CodeOf(CreatePerson(*store, org, MakePerson(first.id, "E2", "Same id"))),
            ErrorCode::kConflict);
  // Employee ids are unique per organisation only.
  CONTRACT_ASSERT_OK(
      CreatePerson(*store, other, MakePerson(ids_.New<PersonTag>(), "E1", "Elsewhere")));
  // Update cannot take another person's employee id, and changes nothing when refused.
  Person second = MakePerson(ids_.New<PersonTag>(), "E2", "Second");
  CONTRACT_ASSERT_OK(CreatePerson(*store, org, second));
  Person renamed = second;
  renamed.employee_id = "E1";
  renamed.name = "Renamed";
  EXPECT_EQ(CodeOf(UpdatePerson(*store, org, renamed, "2025-02-01")), ErrorCode::kConflict);
  auto unchanged = GetPerson(*store, org, second.id);
  CONTRACT_ASSERT_OK(unchanged);
  EXPECT_EQ(unchanged->name, "Second");
}

TEST_P(StoreContractTest, PersonReferencesMustBelongToTheOrganisation) {
  CONTRACT_SETUP_TWO_ORGANISATIONS();
  const TeamId their_team = ids_.New<TeamTag>();
  CONTRACT_ASSERT_OK(CreateTeam(*store, other, Department(their_team, "T")));
  const Person their_person = MakePerson(ids_.New<PersonTag>(), "B1", "Theirs");
  CONTRACT_ASSERT_OK(CreatePerson(*store, other, their_person));
  Person person = MakePerson(ids_.New<PersonTag>(), "A1", "Mine");
  person.team_id = their_team;
  auto with_team = CreatePerson(*store, org, person);
  EXPECT_EQ(CodeOf(with_team), ErrorCode::kNotFound);
  EXPECT_EQ(FieldOf(with_team), "team_id");
  person.team_id.reset();
  person.manager_id = their_person.id;
  auto with_manager = CreatePerson(*store, org, person);
  EXPECT_EQ(CodeOf(with_manager), ErrorCode::kNotFound);
  EXPECT_EQ(FieldOf(with_manager), "manager_id");
  EXPECT_EQ(CodeOf(GetPerson(*store, org, person.id)), ErrorCode::kNotFound);
}

TEST_P(StoreContractTest, PeopleOfAnotherOrganisationAreInvisibleAndUntouchable) {
  CONTRACT_SETUP_TWO_ORGANISATIONS();
  const Person person = MakePerson(ids_.New<PersonTag>(), "E1", "Alice");
  CONTRACT_ASSERT_OK(CreatePerson(*store, org, person));
  EXPECT_EQ(CodeOf(GetPerson(*store, other, person.id)), ErrorCode::kNotFound);
  EXPECT_EQ(CodeOf(ReadValue<Person>(
                *store, [&](ReadTx& tx) { return tx.people().GetByEmployeeId(other, "E1"); })),
            ErrorCode::kNotFound);
  EXPECT_EQ(CodeOf(HistoryOf(*store, other, person.id)), ErrorCode::kNotFound);
  auto listed = ListNames(*store, other, WithInactive());
  CONTRACT_ASSERT_OK(listed);
  EXPECT_TRUE(listed->empty());
  auto all = ReadValue<std::vector<Person>>(*store,
                                            [&](ReadTx& tx) { return tx.people().ListAll(other); });
  CONTRACT_ASSERT_OK(all);
  EXPECT_TRUE(all->empty());

  Person changed = person;
  changed.name = "Mallory";
  changed.status = PersonStatus::kInactive;
  EXPECT_EQ(CodeOf(UpdatePerson(*store, other, changed, "2025-06-01")), ErrorCode::kNotFound);
  auto after = GetPerson(*store, org, person.id);
  CONTRACT_ASSERT_OK(after);
  EXPECT_EQ(after->name, "Alice");
  EXPECT_EQ(after->status, PersonStatus::kActive);
  auto history = HistoryOf(*store, org, person.id);
  CONTRACT_ASSERT_OK(history);
  EXPECT_EQ(*history, (std::vector<Membership>{Stretch(person, "2025-01-01")}));
}

TEST_P(StoreContractTest, UpdateReplacesFieldsAndKeepsCreationTime) {
  CONTRACT_SETUP_TWO_ORGANISATIONS();
  const Person person = MakePerson(ids_.New<PersonTag>(), "E1", "Alice");
  auto created = CreatePerson(*store, org, person);
  CONTRACT_ASSERT_OK(created);
  clock_.Advance(std::chrono::hours(1));
  Person changed = *created;
  changed.created_at = core::TimePoint();  // ignored
  changed.employee_id = "E9";
  changed.name = "Alice B";
  changed.email = "alice.b@example.com";
  changed.attributes = {{"level", "3"}};
  changed.location = "Paris";
  auto updated = UpdatePerson(*store, org, changed, "2025-02-01");
  CONTRACT_ASSERT_OK(updated);
  EXPECT_EQ(updated->created_at, created->created_at);
  EXPECT_EQ(updated->updated_at, clock_.Now());
  auto got = GetPerson(*store, org, person.id);
  CONTRACT_ASSERT_OK(got);
  EXPECT_EQ(*got, *updated);
  EXPECT_EQ(got->employee_id, "E9");
  EXPECT_EQ(got->attributes, (Attributes{{"level", "3"}}));
  // Unknown people are NotFound.
  EXPECT_EQ(CodeOf(UpdatePerson(*store, org, MakePerson(ids_.New<PersonTag>(), "E5", "Nobody"),
                                "2025-02-01")),
            ErrorCode::kNotFound);
}

TEST_P(StoreContractTest, PeopleListPaginatesByNameThenIdWithoutGapsOrRepeats) {
  CONTRACT_SETUP_TWO_ORGANISATIONS();
  const std::vector<std::string> names = {"Dan", "Ann", "Cleo", "Ann", "Bob", "Ann", "Eve"};
  std::vector<Person> people;
  for (std::size_t i = 0; i < names.size(); ++i) {
    people.push_back(MakePerson(ids_.New<PersonTag>(), "E" + std::to_string(i), names[i]));
    CONTRACT_ASSERT_OK(CreatePerson(*store, org, people.back()));
  }
  std::sort(people.begin(), people.end(), [](const Person& a, const Person& b) {
    return std::tie(a.name, a.id) < std::tie(b.name, b.id);
  });
  std::vector<std::size_t> sizes;
  std::vector<PersonId> listed;
  PageRequest request{.limit = 3};
  do {
    auto page = ListPeople(*store, org, {}, request);
    CONTRACT_ASSERT_OK(page);
    sizes.push_back(page->items.size());
    for (const Person& person : page->items) listed.push_back(person.id);
    request.cursor = page->next_cursor;
  } while (!request.cursor.empty());
  EXPECT_EQ(sizes, (std::vector<std::size_t>{3, 3, 1}));
  std::vector<PersonId> expected;
  expected.reserve(people.size());
  for (const Person& person : people) expected.push_back(person.id);
  EXPECT_EQ(listed, expected);

  auto exact = ListPeople(*store, org, {}, {.limit = 7});
  CONTRACT_ASSERT_OK(exact);
  EXPECT_EQ(exact->items.size(), 7u);
  EXPECT_TRUE(exact->next_cursor.empty());
}

TEST_P(StoreContractTest, PeopleListStaysStableWhilePeopleAreAdded) {
  CONTRACT_SETUP_TWO_ORGANISATIONS();
  for (const char* name : {"Bea", "Dora", "Fay", "Hal"}) {
    CONTRACT_ASSERT_OK(CreatePerson(*store, org, MakePerson(ids_.New<PersonTag>(), name, name)));
  }
  auto first = ListPeople(*store, org, {}, {.limit = 2});
  CONTRACT_ASSERT_OK(first);
  ASSERT_EQ(first->items.size(), 2u);
  EXPECT_EQ(first->items[1].name, "Dora");
  // One person sorts before the cursor (never shown now), one after it (shown next).
  CONTRACT_ASSERT_OK(CreatePerson(*store, org, MakePerson(ids_.New<PersonTag>(), "Abe", "Abe")));
  CONTRACT_ASSERT_OK(CreatePerson(*store, org, MakePerson(ids_.New<PersonTag>(), "Eli", "Eli")));
  std::vector<std::string> rest;
  PageRequest request{.limit = 2, .cursor = first->next_cursor};
  do {
    auto page = ListPeople(*store, org, {}, request);
    CONTRACT_ASSERT_OK(page);
    for (const Person& person : page->items) rest.push_back(person.name);
    request.cursor = page->next_cursor;
  } while (!request.cursor.empty());
  EXPECT_EQ(rest, (std::vector<std::string>{"Eli", "Fay", "Hal"}));
}

TEST_P(StoreContractTest, PeopleListFiltersByQueryTeamManagerAndStatus) {
  CONTRACT_SETUP_TWO_ORGANISATIONS();
  const TeamId team = ids_.New<TeamTag>();
  CONTRACT_ASSERT_OK(CreateTeam(*store, org, Department(team, "Core")));
  Person boss = MakePerson(ids_.New<PersonTag>(), "B-1", "Boss");
  boss.job_title = "Director";
  CONTRACT_ASSERT_OK(CreatePerson(*store, org, boss));
  Person ann = MakePerson(ids_.New<PersonTag>(), "A-7", "Ann Smith");
  ann.team_id = team;
  ann.manager_id = boss.id;
  ann.email = "ann@corp.example";
  CONTRACT_ASSERT_OK(CreatePerson(*store, org, ann));
  Person carl = MakePerson(ids_.New<PersonTag>(), "C-3", "Carl Jones");
  carl.team_id = team;
  carl.job_title = "Data Scientist";
  CONTRACT_ASSERT_OK(CreatePerson(*store, org, carl));
  Person gone = MakePerson(ids_.New<PersonTag>(), "G-1", "Gone Smith");
  gone.team_id = team;
  gone.manager_id = boss.id;
  gone.status = PersonStatus::kInactive;
  CONTRACT_ASSERT_OK(CreatePerson(*store, org, gone));

  const auto names = [&](const PersonFilter& filter) {
    auto listed = ListNames(*store, org, filter);
    EXPECT_TRUE(listed.has_value()) << listed.error().ToString();
    return listed.value_or(std::vector<std::string>{});
  };
  using Names = std::vector<std::string>;
  EXPECT_EQ(names({}), (Names{"Ann Smith", "Boss", "Carl Jones"}));
  EXPECT_EQ(names(WithInactive()), (Names{"Ann Smith", "Boss", "Carl Jones", "Gone Smith"}));
  EXPECT_EQ(names(Matching("smith")), (Names{"Ann Smith"}));    // name, any case
  EXPECT_EQ(names(Matching("CORP.EX")), (Names{"Ann Smith"}));  // e-mail
  EXPECT_EQ(names(Matching("scien")), (Names{"Carl Jones"}));   // job title
  EXPECT_EQ(names(Matching("b-1")), (Names{"Boss"}));           // employee id
  EXPECT_EQ(names(Matching("nobody")), Names{});
  EXPECT_EQ(names(InTeam(team)), (Names{"Ann Smith", "Carl Jones"}));
  EXPECT_EQ(names(ReportingTo(boss.id)), (Names{"Ann Smith"}));
  EXPECT_EQ(names(ReportingTo(boss.id, WithInactive())), (Names{"Ann Smith", "Gone Smith"}));
  EXPECT_EQ(names(Matching("smith", InTeam(team, ReportingTo(boss.id, WithInactive())))),
            (Names{"Ann Smith", "Gone Smith"}));
  EXPECT_EQ(names(InTeam(ids_.New<TeamTag>())), Names{});
}

TEST_P(StoreContractTest, PeopleQueryMatchesWildcardCharactersLiterally) {
  CONTRACT_SETUP_TWO_ORGANISATIONS();
  for (const char* name : {"100% Sure", "100 Percent", "a_b", "axb", "back\\slash", "backslash"}) {
    CONTRACT_ASSERT_OK(CreatePerson(*store, org, MakePerson(ids_.New<PersonTag>(), name, name)));
  }
  using Names = std::vector<std::string>;
  auto percent = ListNames(*store, org, Matching("%"));
  CONTRACT_ASSERT_OK(percent);
  EXPECT_EQ(*percent, (Names{"100% Sure"}));
  auto underscore = ListNames(*store, org, Matching("_"));
  CONTRACT_ASSERT_OK(underscore);
  EXPECT_EQ(*underscore, (Names{"a_b"}));
  auto backslash = ListNames(*store, org, Matching("k\\s"));
  CONTRACT_ASSERT_OK(backslash);
  EXPECT_EQ(*backslash, (Names{"back\\slash"}));
}

TEST_P(StoreContractTest, PeopleListRejectsBadLimitsAndCursors) {
  CONTRACT_SETUP_TWO_ORGANISATIONS();
  const std::string not_an_id(core::kIdLength, '!');
  for (const PageRequest& bad :
       {PageRequest{.limit = 0}, PageRequest{.limit = kMaxPageLimit + 1},
        PageRequest{.limit = 5, .cursor = "garbage"},
        PageRequest{.limit = 5, .cursor = EncodeCursor("short")},
        PageRequest{.limit = 5, .cursor = EncodeCursor(not_an_id + "Ann")}}) {
    auto page = ListPeople(*store, org, {}, bad);
    ASSERT_EQ(CodeOf(page), ErrorCode::kInvalidArgument) << bad.limit << " " << bad.cursor;
    EXPECT_EQ(page.error().field(), bad.limit == 5 ? "cursor" : "limit");
  }
}

TEST_P(StoreContractTest, ListAllReturnsEveryPersonInIdOrder) {
  CONTRACT_SETUP_TWO_ORGANISATIONS();
  std::vector<PersonId> ids;
  for (int i = 0; i < 5; ++i) {
    Person person = MakePerson(ids_.New<PersonTag>(), "E" + std::to_string(i), "P");
    if (i % 2 == 0) person.status = PersonStatus::kInactive;
    ids.push_back(person.id);
    CONTRACT_ASSERT_OK(CreatePerson(*store, org, person));
  }
  std::sort(ids.begin(), ids.end());
  auto all =
      ReadValue<std::vector<Person>>(*store, [&](ReadTx& tx) { return tx.people().ListAll(org); });
  CONTRACT_ASSERT_OK(all);
  std::vector<PersonId> listed;
  for (const Person& person : *all) listed.push_back(person.id);
  EXPECT_EQ(listed, ids);
}

}  // namespace
}  // namespace rapport::store::testing

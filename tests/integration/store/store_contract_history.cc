// Placement history part of the store contract: how creating and updating people maintains
// their memberships (directory.h), and that a failed write leaves nothing behind.

#include "store_contract_helpers.h"

namespace rapport::store::testing {
namespace {

using core::ErrorCode;
using History = std::vector<Membership>;

// Two departments and a manager in `org`, for moving people around.
#define HISTORY_SETUP()                                                  \
  CONTRACT_SETUP_TWO_ORGANISATIONS();                                    \
  const TeamId red = ids_.New<TeamTag>();                                \
  const TeamId blue = ids_.New<TeamTag>();                               \
  CONTRACT_ASSERT_OK(CreateTeam(*store, org, Department(red, "Red")));   \
  CONTRACT_ASSERT_OK(CreateTeam(*store, org, Department(blue, "Blue"))); \
  const Person boss = MakePerson(ids_.New<PersonTag>(), "B1", "Boss");   \
  CONTRACT_ASSERT_OK(CreatePerson(*store, org, boss));                   \
  Person person = MakePerson(ids_.New<PersonTag>(), "P1", "Pat");        \
  person.team_id = red

TEST_P(StoreContractTest, CreatingAPersonOpensAMembershipFromTheEffectiveDate) {
  HISTORY_SETUP();
  person.manager_id = boss.id;
  CONTRACT_ASSERT_OK(CreatePerson(*store, org, person, "2025-01-15"));
  auto history = HistoryOf(*store, org, person.id);
  CONTRACT_ASSERT_OK(history);
  EXPECT_EQ(*history, (History{Stretch(person, "2025-01-15")}));
}

TEST_P(StoreContractTest, CreatingAnInactivePersonRecordsNoPlacement) {
  HISTORY_SETUP();
  person.status = PersonStatus::kInactive;
  CONTRACT_ASSERT_OK(CreatePerson(*store, org, person));
  auto history = HistoryOf(*store, org, person.id);
  CONTRACT_ASSERT_OK(history);
  EXPECT_TRUE(history->empty());
}

TEST_P(StoreContractTest, UpdateThatKeepsTeamAndManagerKeepsTheHistory) {
  HISTORY_SETUP();
  CONTRACT_ASSERT_OK(CreatePerson(*store, org, person, "2025-01-01"));
  Person renamed = person;
  renamed.name = "Patricia";
  renamed.job_title = "Lead";
  CONTRACT_ASSERT_OK(UpdatePerson(*store, org, renamed, "2025-02-01"));
  auto history = HistoryOf(*store, org, person.id);
  CONTRACT_ASSERT_OK(history);
  EXPECT_EQ(*history, (History{Stretch(person, "2025-01-01")}));
}

TEST_P(StoreContractTest, TeamOrManagerChangeClosesTheCurrentMembershipAndOpensANewOne) {
  HISTORY_SETUP();
  CONTRACT_ASSERT_OK(CreatePerson(*store, org, person, "2025-01-01"));
  Person moved = person;
  moved.team_id = blue;
  CONTRACT_ASSERT_OK(UpdatePerson(*store, org, moved, "2025-03-01"));
  Person managed = moved;
  managed.manager_id = boss.id;
  CONTRACT_ASSERT_OK(UpdatePerson(*store, org, managed, "2025-05-10"));
  Person unassigned = managed;
  unassigned.team_id.reset();
  CONTRACT_ASSERT_OK(UpdatePerson(*store, org, unassigned, "2025-07-01"));
  auto history = HistoryOf(*store, org, person.id);
  CONTRACT_ASSERT_OK(history);
  EXPECT_EQ(*history, (History{Stretch(person, "2025-01-01", "2025-03-01"),
                               Stretch(moved, "2025-03-01", "2025-05-10"),
                               Stretch(managed, "2025-05-10", "2025-07-01"),
                               Stretch(unassigned, "2025-07-01")}));
}

TEST_P(StoreContractTest, ChangeOnTheDayTheCurrentMembershipStartedReplacesIt) {
  HISTORY_SETUP();
  CONTRACT_ASSERT_OK(CreatePerson(*store, org, person, "2025-01-01"));
  Person moved = person;
  moved.team_id = blue;
  CONTRACT_ASSERT_OK(UpdatePerson(*store, org, moved, "2025-03-01"));
  Person corrected = moved;
  corrected.manager_id = boss.id;
  CONTRACT_ASSERT_OK(UpdatePerson(*store, org, corrected, "2025-03-01"));
  auto history = HistoryOf(*store, org, person.id);
  CONTRACT_ASSERT_OK(history);
  EXPECT_EQ(*history, (History{Stretch(person, "2025-01-01", "2025-03-01"),
                               Stretch(corrected, "2025-03-01")}));
}

TEST_P(StoreContractTest, DeactivationClosesAndReactivationOpens) {
  HISTORY_SETUP();
  CONTRACT_ASSERT_OK(CreatePerson(*store, org, person, "2025-01-01"));
  Person gone = person;
  gone.status = PersonStatus::kInactive;
  CONTRACT_ASSERT_OK(UpdatePerson(*store, org, gone, "2025-04-01"));
  // Moves while inactive are not placements.
  Person gone_elsewhere = gone;
  gone_elsewhere.team_id = blue;
  CONTRACT_ASSERT_OK(UpdatePerson(*store, org, gone_elsewhere, "2025-05-01"));
  Person back = gone_elsewhere;
  back.status = PersonStatus::kActive;
  back.manager_id = boss.id;
  CONTRACT_ASSERT_OK(UpdatePerson(*store, org, back, "2025-06-01"));
  auto history = HistoryOf(*store, org, person.id);
  CONTRACT_ASSERT_OK(history);
  EXPECT_EQ(*history,
            (History{Stretch(person, "2025-01-01", "2025-04-01"), Stretch(back, "2025-06-01")}));
}

TEST_P(StoreContractTest, DeactivationOnTheDayAMembershipStartedLeavesNoEmptyStretch) {
  HISTORY_SETUP();
  CONTRACT_ASSERT_OK(CreatePerson(*store, org, person, "2025-01-01"));
  Person moved = person;
  moved.team_id = blue;
  CONTRACT_ASSERT_OK(UpdatePerson(*store, org, moved, "2025-03-01"));
  Person gone = moved;
  gone.status = PersonStatus::kInactive;
  CONTRACT_ASSERT_OK(UpdatePerson(*store, org, gone, "2025-03-01"));
  auto history = HistoryOf(*store, org, person.id);
  CONTRACT_ASSERT_OK(history);
  EXPECT_EQ(*history, (History{Stretch(person, "2025-01-01", "2025-03-01")}));
  // Reactivated the same day: the history continues from there.
  Person back = moved;
  CONTRACT_ASSERT_OK(UpdatePerson(*store, org, back, "2025-03-01"));
  history = HistoryOf(*store, org, person.id);
  CONTRACT_ASSERT_OK(history);
  EXPECT_EQ(*history,
            (History{Stretch(person, "2025-01-01", "2025-03-01"), Stretch(back, "2025-03-01")}));
}

TEST_P(StoreContractTest, EffectiveDateMustBeADate) {
  HISTORY_SETUP();
  for (const char* bad : {"", "2025-13-01", "01/02/2025", "2025-1-1", "2025-01-01T00:00"}) {
    auto created = CreatePerson(*store, org, person, bad);
    EXPECT_EQ(CodeOf(created), ErrorCode::kInvalidArgument) << bad;
    EXPECT_EQ(FieldOf(created), "effective") << bad;
  }
  EXPECT_EQ(CodeOf(GetPerson(*store, org, person.id)), ErrorCode::kNotFound);
}

TEST_P(StoreContractTest, HistoryNeverRunsBackwards) {
  HISTORY_SETUP();
  CONTRACT_ASSERT_OK(CreatePerson(*store, org, person, "2025-03-01"));
  Person moved = person;
  moved.team_id = blue;
  auto early = UpdatePerson(*store, org, moved, "2025-02-01");
  EXPECT_EQ(CodeOf(early), ErrorCode::kUnprocessable);
  EXPECT_EQ(FieldOf(early), "effective");
  auto unchanged = GetPerson(*store, org, person.id);  // the whole update was refused
  CONTRACT_ASSERT_OK(unchanged);
  EXPECT_EQ(unchanged->team_id, red);

  Person gone = person;
  gone.status = PersonStatus::kInactive;
  CONTRACT_ASSERT_OK(UpdatePerson(*store, org, gone, "2025-06-01"));
  EXPECT_EQ(CodeOf(UpdatePerson(*store, org, person, "2025-05-31")), ErrorCode::kUnprocessable);
  auto history = HistoryOf(*store, org, person.id);
  CONTRACT_ASSERT_OK(history);
  EXPECT_EQ(*history, (History{Stretch(person, "2025-03-01", "2025-06-01")}));
}

TEST_P(StoreContractTest, HistoryOfAnUnknownPersonIsNotFound) {
  HISTORY_SETUP();
  EXPECT_EQ(CodeOf(HistoryOf(*store, org, person.id)), ErrorCode::kNotFound);
}

TEST_P(StoreContractTest, FailedWriteLeavesNoPartialDirectoryRows) {
  HISTORY_SETUP();
  const TeamId green = ids_.New<TeamTag>();
  auto status = store->Write([&](WriteTx& tx) -> core::Status {
    RAPPORT_RETURN_IF_ERROR(tx.teams().Create(org, Department(green, "Green")));
    Person placed = person;
    placed.team_id = green;
    RAPPORT_RETURN_IF_ERROR(tx.people().Create(org, placed, "2025-01-01"));
    RAPPORT_RETURN_IF_ERROR(tx.people().History(org, person.id));  // visible inside
    return core::Unprocessable("changed my mind");
  });
  ASSERT_EQ(CodeOf(status), ErrorCode::kUnprocessable);
  EXPECT_EQ(CodeOf(ReadValue<Team>(*store, [&](ReadTx& tx) { return tx.teams().Get(org, green); })),
            ErrorCode::kNotFound);
  EXPECT_EQ(CodeOf(GetPerson(*store, org, person.id)), ErrorCode::kNotFound);
  EXPECT_EQ(CodeOf(HistoryOf(*store, org, person.id)), ErrorCode::kNotFound);

  // Nothing lingers that would collide with doing it again.
  CONTRACT_ASSERT_OK(CreatePerson(*store, org, person, "2025-01-01"));
  auto history = HistoryOf(*store, org, person.id);
  CONTRACT_ASSERT_OK(history);
  EXPECT_EQ(*history, (History{Stretch(person, "2025-01-01")}));
}

TEST_P(StoreContractTest, FailedUpdateLeavesPersonAndHistoryAsTheyWere) {
  HISTORY_SETUP();
  CONTRACT_ASSERT_OK(CreatePerson(*store, org, person, "2025-01-01"));
  auto status = store->Write([&](WriteTx& tx) -> core::Status {
    Person moved = person;
    moved.team_id = blue;
    moved.name = "Moved";
    RAPPORT_RETURN_IF_ERROR(tx.people().Update(org, moved, "2025-02-01"));
    return core::Conflict("someone else won");
  });
  ASSERT_EQ(CodeOf(status), ErrorCode::kConflict);
  auto got = GetPerson(*store, org, person.id);
  CONTRACT_ASSERT_OK(got);
  EXPECT_EQ(got->name, "Pat");
  EXPECT_EQ(got->team_id, red);
  auto history = HistoryOf(*store, org, person.id);
  CONTRACT_ASSERT_OK(history);
  EXPECT_EQ(*history, (History{Stretch(person, "2025-01-01")}));
}

}  // namespace
}  // namespace rapport::store::testing

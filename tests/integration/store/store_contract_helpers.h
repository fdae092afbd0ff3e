#pragma once

// Helpers shared by the directory, history and access parts of the store contract: one-line
// transactions over the port and assertions on results. Thread-safety: as the store.

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "rapport/store/store.h"
#include "store_contract.h"

namespace rapport::store::testing {

#define CONTRACT_ASSERT_OK(expr)                                                      \
  do {                                                                                \
    auto&& contract_result_ = (expr);                                                 \
    ASSERT_TRUE(contract_result_.has_value()) << contract_result_.error().ToString(); \
  } while (false)

// Opens a migrated store as `store` and creates two organisations, `org` and `other`.
#define CONTRACT_SETUP_TWO_ORGANISATIONS()                                           \
  auto store = OpenMigrated();                                                       \
  ASSERT_NE(store, nullptr);                                                         \
  const OrganisationId org = ids_.New<OrganisationTag>();                            \
  const OrganisationId other = ids_.New<OrganisationTag>();                          \
  CONTRACT_ASSERT_OK(CreateOrganisation(*store, MakeNewOrganisation(org, "org-a"))); \
  CONTRACT_ASSERT_OK(CreateOrganisation(*store, MakeNewOrganisation(other, "org-b")))

template <typename R>
std::optional<core::ErrorCode> CodeOf(const R& result) {
  if (result.has_value()) return std::nullopt;
  return result.error().code();
}

template <typename R>
std::string FieldOf(const R& result) {
  return result.has_value() ? std::string() : result.error().field();
}

inline Person MakePerson(const PersonId& id, std::string employee_id, std::string name) {
  Person person;
  person.id = id;
  person.employee_id = std::move(employee_id);
  person.email = person.employee_id + "@example.com";
  person.name = std::move(name);
  person.job_title = "Engineer";
  person.hire_date = "2024-03-01";
  person.location = "Lyon";
  person.employment_type = "full_time";
  return person;
}

// Team and filter builders: the port's structs leave optional members without initialisers,
// which designated initialisers would have to spell out.
inline NewTeam Department(const TeamId& id, std::string name) {
  NewTeam team;
  team.id = id;
  team.name = std::move(name);
  team.kind = TeamKind::kDepartment;
  return team;
}

inline NewTeam TeamUnder(const TeamId& id, std::string name, const TeamId& parent) {
  NewTeam team;
  team.id = id;
  team.name = std::move(name);
  team.kind = TeamKind::kTeam;
  team.parent_id = parent;
  return team;
}

inline PersonFilter Matching(std::string query, PersonFilter base = {}) {
  base.query = std::move(query);
  return base;
}

inline PersonFilter InTeam(const TeamId& team, PersonFilter base = {}) {
  base.team_id = team;
  return base;
}

inline PersonFilter ReportingTo(const PersonId& manager, PersonFilter base = {}) {
  base.manager_id = manager;
  return base;
}

inline PersonFilter WithInactive(PersonFilter base = {}) {
  base.include_inactive = true;
  return base;
}

inline core::Result<Team> CreateTeam(Store& store, const OrganisationId& org, const NewTeam& team) {
  return WriteValue<Team>(store, [&](WriteTx& tx) { return tx.teams().Create(org, team); });
}

inline core::Result<Person> CreatePerson(Store& store, const OrganisationId& org,
                                         const Person& person,
                                         const DateText& effective = "2025-01-01") {
  return WriteValue<Person>(
      store, [&](WriteTx& tx) { return tx.people().Create(org, person, effective); });
}

inline core::Result<Person> UpdatePerson(Store& store, const OrganisationId& org,
                                         const Person& person, const DateText& effective) {
  return WriteValue<Person>(
      store, [&](WriteTx& tx) { return tx.people().Update(org, person, effective); });
}

inline core::Result<Person> GetPerson(Store& store, const OrganisationId& org, const PersonId& id) {
  return ReadValue<Person>(store, [&](ReadTx& tx) { return tx.people().Get(org, id); });
}

inline core::Result<std::vector<Membership>> HistoryOf(Store& store, const OrganisationId& org,
                                                       const PersonId& id) {
  return ReadValue<std::vector<Membership>>(
      store, [&](ReadTx& tx) { return tx.people().History(org, id); });
}

// The membership `person` has from `from` to `to` (empty: current) in its team and manager.
inline Membership Stretch(const Person& person, std::string from, std::string to = {}) {
  return Membership{.person_id = person.id,
                    .team_id = person.team_id,
                    .manager_id = person.manager_id,
                    .valid_from = std::move(from),
                    .valid_to = std::move(to)};
}

}  // namespace rapport::store::testing

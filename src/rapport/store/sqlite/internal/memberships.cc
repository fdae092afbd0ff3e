#include "rapport/store/sqlite/internal/memberships.h"

#include <fmt/format.h>

#include <optional>

#include "rapport/store/sqlite/internal/rows.h"

namespace rapport::store::sqlite::internal {
namespace {

constexpr std::string_view kHistorySql =
    "SELECT person_id, team_id, manager_id, valid_from, valid_to FROM memberships "
    "WHERE org_id = ?1 AND person_id = ?2 ORDER BY valid_from";
constexpr std::string_view kCurrentSql =
    "SELECT person_id, team_id, manager_id, valid_from, valid_to FROM memberships "
    "WHERE org_id = ?1 AND person_id = ?2 AND valid_to IS NULL";
// Stretches never overlap, so the latest date is the end of the last one, or the start of
// the current one.
constexpr std::string_view kLatestDateSql =
    "SELECT max(coalesce(valid_to, valid_from)) FROM memberships "
    "WHERE org_id = ?1 AND person_id = ?2";
constexpr std::string_view kOpenSql =
    "INSERT INTO memberships (org_id, person_id, valid_from, valid_to, team_id, manager_id) "
    "VALUES (?1, ?2, ?3, NULL, ?4, ?5)";
constexpr std::string_view kCloseSql =
    "UPDATE memberships SET valid_to = ?4 WHERE org_id = ?1 AND person_id = ?2 "
    "AND valid_from = ?3";
constexpr std::string_view kDeleteSql =
    "DELETE FROM memberships WHERE org_id = ?1 AND person_id = ?2 AND valid_from = ?3";

Membership ReadRow(const Statement& row) {
  return Membership{
      .person_id = IdColumn<PersonTag>(row, 0),
      .team_id = OptionalIdColumn<TeamTag>(row, 1),
      .manager_id = OptionalIdColumn<PersonTag>(row, 2),
      .valid_from = row.ColumnText(3),
      .valid_to = row.ColumnText(4),  // NULL reads as "", the port's "current"
  };
}

core::Result<std::optional<Membership>> Current(Connection& connection, const OrganisationId& org,
                                                const PersonId& id) {
  RAPPORT_ASSIGN_OR_RETURN(ScopedStatement statement, connection.Prepare(kCurrentSql));
  statement->BindText(1, org.str());
  statement->BindText(2, id.str());
  RAPPORT_ASSIGN_OR_RETURN(const bool found, statement->Step());
  if (!found) return std::optional<Membership>();
  return ReadRow(*statement);
}

core::Status RefuseBefore(std::string_view latest, const DateText& effective) {
  if (effective < latest) {
    return core::Unprocessable(
        fmt::format("effective date {} is before the latest change in this person's history ({})",
                    effective, latest),
        "effective");
  }
  return core::Ok();
}

core::Status Open(Connection& connection, const OrganisationId& org, const Person& person,
                  const DateText& effective) {
  {
    RAPPORT_ASSIGN_OR_RETURN(ScopedStatement latest, connection.Prepare(kLatestDateSql));
    latest->BindText(1, org.str());
    latest->BindText(2, person.id.str());
    RAPPORT_ASSIGN_OR_RETURN(const bool row, latest->Step());
    if (row && !latest->ColumnIsNull(0)) {
      RAPPORT_RETURN_IF_ERROR(RefuseBefore(latest->ColumnText(0), effective));
    }
  }
  RAPPORT_ASSIGN_OR_RETURN(ScopedStatement open, connection.Prepare(kOpenSql));
  open->BindText(1, org.str());
  open->BindText(2, person.id.str());
  open->BindText(3, effective);
  BindOptionalId(*open, 4, person.team_id);
  BindOptionalId(*open, 5, person.manager_id);
  return open->Run();
}

// Ends `current` at `effective`; a stretch that would end the day it began is removed, which
// is how a same-day change replaces it.
core::Status Close(Connection& connection, const OrganisationId& org, const Membership& current,
                   const DateText& effective) {
  RAPPORT_RETURN_IF_ERROR(RefuseBefore(current.valid_from, effective));
  const bool same_day = effective == current.valid_from;
  RAPPORT_ASSIGN_OR_RETURN(ScopedStatement statement,
                           connection.Prepare(same_day ? kDeleteSql : kCloseSql));
  statement->BindText(1, org.str());
  statement->BindText(2, current.person_id.str());
  statement->BindText(3, current.valid_from);
  if (!same_day) statement->BindText(4, effective);
  return statement->Run();
}

}  // namespace

core::Status RecordNewPlacement(Connection& connection, const OrganisationId& org,
                                const Person& person, const DateText& effective) {
  if (person.status != PersonStatus::kActive) return core::Ok();
  return Open(connection, org, person, effective);
}

core::Status RecordPlacementChange(Connection& connection, const OrganisationId& org,
                                   const Person& before, const Person& after,
                                   const DateText& effective) {
  const bool was_active = before.status == PersonStatus::kActive;
  const bool is_active = after.status == PersonStatus::kActive;
  if (!was_active && !is_active) return core::Ok();  // no current placement to maintain
  RAPPORT_ASSIGN_OR_RETURN(const std::optional<Membership> current,
                           Current(connection, org, after.id));
  if (!is_active) {
    if (!current.has_value()) return core::Ok();
    return Close(connection, org, *current, effective);
  }
  if (current.has_value()) {
    const bool moved = current->team_id != after.team_id || current->manager_id != after.manager_id;
    if (!moved) return core::Ok();
    RAPPORT_RETURN_IF_ERROR(Close(connection, org, *current, effective));
  }
  // Reactivated, or moved to another team or manager.
  return Open(connection, org, after, effective);
}

core::Result<std::vector<Membership>> ReadHistory(Connection& connection, const OrganisationId& org,
                                                  const PersonId& id) {
  RAPPORT_ASSIGN_OR_RETURN(ScopedStatement statement, connection.Prepare(kHistorySql));
  statement->BindText(1, org.str());
  statement->BindText(2, id.str());
  std::vector<Membership> history;
  while (true) {
    RAPPORT_ASSIGN_OR_RETURN(const bool row, statement->Step());
    if (!row) return history;
    history.push_back(ReadRow(*statement));
  }
}

}  // namespace rapport::store::sqlite::internal

#include "rapport/store/sqlite/internal/teams.h"

#include <fmt/format.h>

#include "rapport/store/sqlite/internal/codec.h"
#include "rapport/store/sqlite/internal/rows.h"

namespace rapport::store::sqlite::internal {
namespace {

constexpr std::string_view kGetSql =
    "SELECT id, name, kind, parent_id, created_at FROM teams WHERE org_id = ?1 AND id = ?2";
// Departments first, then by name (ASCII case folded, as people are listed); id breaks ties.
constexpr std::string_view kListAllSql =
    "SELECT id, name, kind, parent_id, created_at FROM teams WHERE org_id = ?1 "
    "ORDER BY kind = 'team', name COLLATE NOCASE, id";
constexpr std::string_view kExistsSql = "SELECT 1 FROM teams WHERE org_id = ?1 AND id = ?2";
constexpr std::string_view kNameTakenSql =
    "SELECT 1 FROM teams WHERE org_id = ?1 AND coalesce(parent_id, '') = ?2 AND name = ?3";
constexpr std::string_view kInsertSql =
    "INSERT INTO teams (org_id, id, name, kind, parent_id, created_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)";

// Reads the current row of a statement selecting the columns in kGetSql's order.
core::Result<Team> ReadRow(const Statement& row) {
  RAPPORT_ASSIGN_OR_RETURN(const TeamKind kind, ParseTeamKind(row.ColumnText(2)));
  return Team{
      .id = IdColumn<TeamTag>(row, 0),
      .name = row.ColumnText(1),
      .kind = kind,
      .parent_id = OptionalIdColumn<TeamTag>(row, 3),
      .created_at = TimeColumn(row, 4),
  };
}

}  // namespace

core::Result<Team> SqliteTeams::Get(const OrganisationId& org, const TeamId& id) {
  RAPPORT_ASSIGN_OR_RETURN(ScopedStatement statement, connection_.Prepare(kGetSql));
  statement->BindText(1, org.str());
  statement->BindText(2, id.str());
  RAPPORT_ASSIGN_OR_RETURN(const bool found, statement->Step());
  if (!found) return core::NotFound("no team with this id");
  return ReadRow(*statement);
}

core::Result<std::vector<Team>> SqliteTeams::ListAll(const OrganisationId& org) {
  RAPPORT_ASSIGN_OR_RETURN(ScopedStatement statement, connection_.Prepare(kListAllSql));
  statement->BindText(1, org.str());
  std::vector<Team> teams;
  while (true) {
    RAPPORT_ASSIGN_OR_RETURN(const bool row, statement->Step());
    if (!row) return teams;
    RAPPORT_ASSIGN_OR_RETURN(Team team, ReadRow(*statement));
    teams.push_back(std::move(team));
  }
}

core::Result<Team> SqliteTeams::Create(const OrganisationId& org, const NewTeam& team) {
  if (team.id.empty()) return core::InvalidArgument("team id is empty", "id");
  const std::string parent = team.parent_id.has_value() ? team.parent_id->str() : std::string();
  if (team.parent_id.has_value()) {
    RAPPORT_ASSIGN_OR_RETURN(const bool exists,
                             RowExists(connection_, kExistsSql, org.str(), parent));
    if (!exists) return NotFoundField("the parent is not a team of this organisation", "parent_id");
  }
  // Writes are serialised, so this check cannot race; the unique index stays as the backstop.
  {
    RAPPORT_ASSIGN_OR_RETURN(ScopedStatement taken, connection_.Prepare(kNameTakenSql));
    taken->BindText(1, org.str());
    taken->BindText(2, parent);
    taken->BindText(3, team.name);
    RAPPORT_ASSIGN_OR_RETURN(const bool row, taken->Step());
    if (row) {
      return core::Conflict(
          fmt::format("a team named '{}' already exists under this parent", team.name));
    }
  }
  Team stored{.id = team.id,
              .name = team.name,
              .kind = team.kind,
              .parent_id = team.parent_id,
              .created_at = clock_.Now()};
  RAPPORT_ASSIGN_OR_RETURN(ScopedStatement insert, connection_.Prepare(kInsertSql));
  insert->BindText(1, org.str());
  insert->BindText(2, stored.id.str());
  insert->BindText(3, stored.name);
  insert->BindText(4, TeamKindName(stored.kind));
  BindOptionalId(*insert, 5, stored.parent_id);
  insert->BindInt64(6, ToMicros(stored.created_at));
  RAPPORT_RETURN_IF_ERROR(RunInsert(*insert, "a team with this id already exists"));
  return stored;
}

}  // namespace rapport::store::sqlite::internal

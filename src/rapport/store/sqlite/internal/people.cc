#include "rapport/store/sqlite/internal/people.h"

#include <fmt/format.h>

#include "rapport/store/sqlite/internal/codec.h"
#include "rapport/store/sqlite/internal/memberships.h"
#include "rapport/store/sqlite/internal/rows.h"

namespace rapport::store::sqlite::internal {
namespace {

#define RAPPORT_PERSON_COLUMNS                                                          \
  "id, employee_id, name, email, job_title, team_id, manager_id, hire_date, location, " \
  "employment_type, attributes, status, created_at, updated_at"

constexpr std::string_view kColumns = RAPPORT_PERSON_COLUMNS;
constexpr std::string_view kGetSql =
    "SELECT " RAPPORT_PERSON_COLUMNS " FROM people WHERE org_id = ?1 AND id = ?2";
constexpr std::string_view kGetByEmployeeIdSql =
    "SELECT " RAPPORT_PERSON_COLUMNS " FROM people WHERE org_id = ?1 AND employee_id = ?2";
constexpr std::string_view kListAllSql =
    "SELECT " RAPPORT_PERSON_COLUMNS " FROM people WHERE org_id = ?1 ORDER BY id";
constexpr std::string_view kExistsSql = "SELECT 1 FROM people WHERE org_id = ?1 AND id = ?2";
constexpr std::string_view kTeamExistsSql = "SELECT 1 FROM teams WHERE org_id = ?1 AND id = ?2";
constexpr std::string_view kEmployeeIdOwnerSql =
    "SELECT id FROM people WHERE org_id = ?1 AND employee_id = ?2";
constexpr std::string_view kInsertSql =
    "INSERT INTO people (org_id, " RAPPORT_PERSON_COLUMNS
    ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)";
constexpr std::string_view kUpdateSql =
    "UPDATE people SET employee_id = ?3, name = ?4, email = ?5, job_title = ?6, team_id = ?7, "
    "manager_id = ?8, hire_date = ?9, location = ?10, employment_type = ?11, attributes = ?12, "
    "status = ?13, updated_at = ?15 WHERE org_id = ?1 AND id = ?2";

#undef RAPPORT_PERSON_COLUMNS

// The person cursor's key: the fixed-length id first, then the name, so no separator is
// needed and any name round-trips.
std::string CursorKey(const Person& person) { return person.id.str() + person.name; }

// Reads the current row of a statement selecting kColumns.
core::Result<Person> ReadRow(const Statement& row) {
  RAPPORT_ASSIGN_OR_RETURN(Attributes attributes, DecodeAttributes(row.ColumnText(10)));
  RAPPORT_ASSIGN_OR_RETURN(const PersonStatus status, ParsePersonStatus(row.ColumnText(11)));
  return Person{
      .id = IdColumn<PersonTag>(row, 0),
      .employee_id = row.ColumnText(1),
      .name = row.ColumnText(2),
      .email = row.ColumnText(3),
      .job_title = row.ColumnText(4),
      .team_id = OptionalIdColumn<TeamTag>(row, 5),
      .manager_id = OptionalIdColumn<PersonTag>(row, 6),
      .hire_date = row.ColumnText(7),
      .location = row.ColumnText(8),
      .employment_type = row.ColumnText(9),
      .attributes = std::move(attributes),
      .status = status,
      .created_at = TimeColumn(row, 12),
      .updated_at = TimeColumn(row, 13),
  };
}

// Binds ?1 = org and ?2.. = the columns in kColumns' order (created_at ?14, updated_at ?15),
// as kInsertSql and kUpdateSql number them (kUpdateSql leaves ?14 unused: creation time is
// never rewritten).
void BindPerson(Statement& statement, const OrganisationId& org, const Person& person) {
  statement.BindText(1, org.str());
  statement.BindText(2, person.id.str());
  statement.BindText(3, person.employee_id);
  statement.BindText(4, person.name);
  statement.BindText(5, person.email);
  statement.BindText(6, person.job_title);
  BindOptionalId(statement, 7, person.team_id);
  BindOptionalId(statement, 8, person.manager_id);
  statement.BindText(9, person.hire_date);
  statement.BindText(10, person.location);
  statement.BindText(11, person.employment_type);
  statement.BindText(12, EncodeAttributes(person.attributes));
  statement.BindText(13, PersonStatusName(person.status));
  statement.BindInt64(14, ToMicros(person.created_at));
  statement.BindInt64(15, ToMicros(person.updated_at));
}

core::Result<Person> GetOne(Connection& connection, std::string_view sql, const OrganisationId& org,
                            std::string_view key, std::string_view what) {
  RAPPORT_ASSIGN_OR_RETURN(ScopedStatement statement, connection.Prepare(sql));
  statement->BindText(1, org.str());
  statement->BindText(2, key);
  RAPPORT_ASSIGN_OR_RETURN(const bool found, statement->Step());
  if (!found) return core::NotFound(fmt::format("no person with this {}", what));
  return ReadRow(*statement);
}

// Where the page starts: after (name, id) of the last person of the previous page.
struct PersonCursor {
  std::string name;
  std::string id;
};

core::Result<std::optional<PersonCursor>> ParseCursor(std::string_view cursor) {
  if (cursor.empty()) return std::optional<PersonCursor>();
  RAPPORT_ASSIGN_OR_RETURN(const std::string key, DecodeCursor(cursor));
  if (key.size() < core::kIdLength || !core::IsWellFormedId(key.substr(0, core::kIdLength))) {
    return core::InvalidArgument("malformed cursor", "cursor");
  }
  return PersonCursor{.name = key.substr(core::kIdLength), .id = key.substr(0, core::kIdLength)};
}

// The List query for the filters in use, built from fixed fragments only (every value is
// bound), so each combination is one cached statement with a plan that can use its index.
// Parameters: ?1 org, ?2 team, ?3 manager, ?4 LIKE pattern, ?5/?6 cursor name/id, ?7 limit.
std::string ListSql(const PersonFilter& filter, bool after_cursor) {
  std::string sql = fmt::format("SELECT {} FROM people WHERE org_id = ?1", kColumns);
  if (!filter.include_inactive) sql += " AND status = 'active'";
  if (filter.team_id.has_value()) sql += " AND team_id = ?2";
  if (filter.manager_id.has_value()) sql += " AND manager_id = ?3";
  if (!filter.query.empty()) {
    sql +=
        " AND (name LIKE ?4 ESCAPE '\\' OR email LIKE ?4 ESCAPE '\\'"
        " OR job_title LIKE ?4 ESCAPE '\\' OR employee_id LIKE ?4 ESCAPE '\\')";
  }
  if (after_cursor) sql += " AND (name COLLATE NOCASE, id) > (?5, ?6)";
  sql += " ORDER BY name COLLATE NOCASE, id LIMIT ?7";
  return sql;
}

}  // namespace

core::Result<Person> SqlitePeople::Get(const OrganisationId& org, const PersonId& id) {
  return GetOne(connection_, kGetSql, org, id.str(), "id");
}

core::Result<Person> SqlitePeople::GetByEmployeeId(const OrganisationId& org,
                                                   std::string_view employee_id) {
  return GetOne(connection_, kGetByEmployeeIdSql, org, employee_id, "employee id");
}

core::Result<Page<Person>> SqlitePeople::List(const OrganisationId& org, const PersonFilter& filter,
                                              const PageRequest& request) {
  RAPPORT_RETURN_IF_ERROR(ValidatePageLimit(request.limit));
  RAPPORT_ASSIGN_OR_RETURN(const std::optional<PersonCursor> after, ParseCursor(request.cursor));
  RAPPORT_ASSIGN_OR_RETURN(ScopedStatement statement,
                           connection_.Prepare(ListSql(filter, after.has_value())));
  statement->BindText(1, org.str());
  if (filter.team_id.has_value()) statement->BindText(2, filter.team_id->str());
  if (filter.manager_id.has_value()) statement->BindText(3, filter.manager_id->str());
  if (!filter.query.empty()) statement->BindText(4, ContainsPattern(filter.query));
  if (after.has_value()) {
    statement->BindText(5, after->name);
    statement->BindText(6, after->id);
  }
  statement->BindInt64(7, request.limit + 1);  // one extra row tells whether a page follows
  return FillPage<Person>(*statement, request.limit, ReadRow, CursorKey);
}

core::Result<std::vector<Person>> SqlitePeople::ListAll(const OrganisationId& org) {
  RAPPORT_ASSIGN_OR_RETURN(ScopedStatement statement, connection_.Prepare(kListAllSql));
  statement->BindText(1, org.str());
  std::vector<Person> people;
  while (true) {
    RAPPORT_ASSIGN_OR_RETURN(const bool row, statement->Step());
    if (!row) return people;
    RAPPORT_ASSIGN_OR_RETURN(Person person, ReadRow(*statement));
    people.push_back(std::move(person));
  }
}

core::Result<std::vector<Membership>> SqlitePeople::History(const OrganisationId& org,
                                                            const PersonId& id) {
  RAPPORT_ASSIGN_OR_RETURN(const bool exists,
                           RowExists(connection_, kExistsSql, org.str(), id.str()));
  if (!exists) return core::NotFound("no person with this id");
  return ReadHistory(connection_, org, id);
}

core::Status SqlitePeople::CheckWritable(const OrganisationId& org, const Person& person,
                                         const DateText& effective) {
  if (!IsDateText(effective)) {
    return core::InvalidArgument("effective date must be YYYY-MM-DD", "effective");
  }
  {
    // Writes are serialised, so this check cannot race; the unique index stays as backstop.
    RAPPORT_ASSIGN_OR_RETURN(ScopedStatement owner, connection_.Prepare(kEmployeeIdOwnerSql));
    owner->BindText(1, org.str());
    owner->BindText(2, person.employee_id);
    RAPPORT_ASSIGN_OR_RETURN(const bool row, owner->Step());
    if (row && owner->ColumnText(0) != person.id.str()) {
      return core::Conflict(fmt::format("employee id '{}' is already taken", person.employee_id));
    }
  }
  if (person.team_id.has_value()) {
    RAPPORT_ASSIGN_OR_RETURN(const bool exists, RowExists(connection_, kTeamExistsSql, org.str(),
                                                          person.team_id->str()));
    if (!exists) return NotFoundField("the team is not a team of this organisation", "team_id");
  }
  if (person.manager_id.has_value()) {
    RAPPORT_ASSIGN_OR_RETURN(
        const bool exists, RowExists(connection_, kExistsSql, org.str(), person.manager_id->str()));
    if (!exists) {
      return NotFoundField("the manager is not a person of this organisation", "manager_id");
    }
  }
  return core::Ok();
}

core::Result<Person> SqlitePeople::Create(const OrganisationId& org, const Person& person,
                                          const DateText& effective) {
  if (person.id.empty()) return core::InvalidArgument("person id is empty", "id");
  RAPPORT_RETURN_IF_ERROR(CheckWritable(org, person, effective));
  Person stored = person;
  stored.created_at = stored.updated_at = clock_.Now();
  {
    RAPPORT_ASSIGN_OR_RETURN(ScopedStatement insert, connection_.Prepare(kInsertSql));
    BindPerson(*insert, org, stored);
    RAPPORT_RETURN_IF_ERROR(RunInsert(*insert, "a person with this id already exists"));
  }
  RAPPORT_RETURN_IF_ERROR(RecordNewPlacement(connection_, org, stored, effective));
  return stored;
}

core::Result<Person> SqlitePeople::Update(const OrganisationId& org, const Person& person,
                                          const DateText& effective) {
  RAPPORT_ASSIGN_OR_RETURN(const Person before, Get(org, person.id));
  RAPPORT_RETURN_IF_ERROR(CheckWritable(org, person, effective));
  Person stored = person;
  stored.created_at = before.created_at;
  stored.updated_at = clock_.Now();
  {
    RAPPORT_ASSIGN_OR_RETURN(ScopedStatement update, connection_.Prepare(kUpdateSql));
    BindPerson(*update, org, stored);
    auto status = update->Run();
    if (!status && status.error().code() == core::ErrorCode::kConflict) {
      return core::Conflict(fmt::format("employee id '{}' is already taken", person.employee_id));
    }
    RAPPORT_RETURN_IF_ERROR(status);
  }
  RAPPORT_RETURN_IF_ERROR(RecordPlacementChange(connection_, org, before, stored, effective));
  return stored;
}

}  // namespace rapport::store::sqlite::internal

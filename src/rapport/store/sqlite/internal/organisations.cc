#include "rapport/store/sqlite/internal/organisations.h"

#include <fmt/format.h>

namespace rapport::store::sqlite::internal {
namespace {

constexpr std::string_view kGetByIdSql =
    "SELECT id, slug, name, time_zone, created_at FROM organisations WHERE id = ?1";
constexpr std::string_view kGetBySlugSql =
    "SELECT id, slug, name, time_zone, created_at FROM organisations WHERE slug = ?1";
constexpr std::string_view kListSql =
    "SELECT id, slug, name, time_zone, created_at FROM organisations WHERE id > ?1 "
    "ORDER BY id LIMIT ?2";
constexpr std::string_view kSlugTakenSql = "SELECT count(*) FROM organisations WHERE slug = ?1";
constexpr std::string_view kInsertSql =
    "INSERT INTO organisations (id, slug, name, time_zone, created_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5)";
constexpr std::string_view kUpdateSql =
    "UPDATE organisations SET name = ?2, time_zone = ?3 WHERE id = ?1";

// Reads the current row of a statement selecting the columns in kGetByIdSql's order.
Organisation ReadRow(const Statement& row) {
  return Organisation{
      .id = OrganisationId::FromTrusted(row.ColumnText(0)),
      .slug = row.ColumnText(1),
      .name = row.ColumnText(2),
      .time_zone = row.ColumnText(3),
      .created_at = core::TimePoint(std::chrono::microseconds(row.ColumnInt64(4))),
  };
}

core::Result<Organisation> GetOne(Connection& connection, std::string_view sql,
                                  std::string_view key, std::string_view what) {
  RAPPORT_ASSIGN_OR_RETURN(ScopedStatement statement, connection.Prepare(sql));
  statement->BindText(1, key);
  RAPPORT_ASSIGN_OR_RETURN(const bool found, statement->Step());
  if (!found) return core::NotFound(fmt::format("no organisation with this {}", what));
  return ReadRow(*statement);
}

}  // namespace

core::Result<Organisation> SqliteOrganisations::Get(const OrganisationId& id) {
  return GetOne(connection_, kGetByIdSql, id.str(), "id");
}

core::Result<Organisation> SqliteOrganisations::GetBySlug(std::string_view slug) {
  return GetOne(connection_, kGetBySlugSql, slug, "slug");
}

core::Result<Page<Organisation>> SqliteOrganisations::List(const PageRequest& request) {
  RAPPORT_RETURN_IF_ERROR(ValidatePageLimit(request.limit));
  RAPPORT_ASSIGN_OR_RETURN(const std::string after, DecodeCursor(request.cursor));
  if (!request.cursor.empty() && !core::IsWellFormedId(after)) {
    return core::InvalidArgument("malformed cursor", "cursor");
  }
  RAPPORT_ASSIGN_OR_RETURN(ScopedStatement statement, connection_.Prepare(kListSql));
  statement->BindText(1, after);               // every id sorts after "" on the first page
  statement->BindInt64(2, request.limit + 1);  // one extra row tells whether a page follows
  Page<Organisation> page;
  page.items.reserve(static_cast<std::size_t>(request.limit));
  while (true) {
    RAPPORT_ASSIGN_OR_RETURN(const bool row, statement->Step());
    if (!row) break;
    if (static_cast<int>(page.items.size()) == request.limit) {
      page.next_cursor = EncodeCursor(page.items.back().id.str());
      break;
    }
    page.items.push_back(ReadRow(*statement));
  }
  return page;
}

core::Result<Organisation> SqliteOrganisations::Create(const NewOrganisation& org) {
  if (org.id.empty()) return core::InvalidArgument("organisation id is empty", "id");
  // Writes are serialised (BEGIN IMMEDIATE), so this check cannot race with another insert;
  // it gives a precise message, and the UNIQUE constraint stays as the backstop.
  {
    RAPPORT_ASSIGN_OR_RETURN(ScopedStatement taken, connection_.Prepare(kSlugTakenSql));
    taken->BindText(1, org.slug);
    RAPPORT_ASSIGN_OR_RETURN(const bool row, taken->Step());
    if (row && taken->ColumnInt64(0) > 0) {
      return core::Conflict(fmt::format("organisation slug '{}' is already taken", org.slug));
    }
  }
  Organisation stored{.id = org.id,
                      .slug = org.slug,
                      .name = org.name,
                      .time_zone = org.time_zone,
                      .created_at = clock_.Now()};
  RAPPORT_ASSIGN_OR_RETURN(ScopedStatement insert, connection_.Prepare(kInsertSql));
  insert->BindText(1, stored.id.str());
  insert->BindText(2, stored.slug);
  insert->BindText(3, stored.name);
  insert->BindText(4, stored.time_zone);
  insert->BindInt64(5, stored.created_at.time_since_epoch().count());
  if (auto status = insert->Run(); !status) {
    if (status.error().code() == core::ErrorCode::kConflict) {
      return core::Conflict("an organisation with this id or slug already exists");
    }
    return std::unexpected(std::move(status).error());
  }
  return stored;
}

core::Result<Organisation> SqliteOrganisations::Update(const Organisation& org) {
  // Reading first answers NotFound for an unknown id and supplies the columns that stay.
  RAPPORT_ASSIGN_OR_RETURN(Organisation stored, Get(org.id));
  stored.name = org.name;
  stored.time_zone = org.time_zone;
  RAPPORT_ASSIGN_OR_RETURN(ScopedStatement update, connection_.Prepare(kUpdateSql));
  update->BindText(1, stored.id.str());
  update->BindText(2, stored.name);
  update->BindText(3, stored.time_zone);
  RAPPORT_RETURN_IF_ERROR(update->Run());
  return stored;
}

}  // namespace rapport::store::sqlite::internal

#include "rapport/store/sqlite/internal/categories.h"

#include <fmt/format.h>

#include "rapport/store/sqlite/internal/rows.h"

namespace rapport::store::sqlite::internal {
namespace {

#define RAPPORT_CATEGORY_COLUMNS "id, parent_id, name, slug, description, position, created_at"

constexpr std::string_view kGetSql =
    "SELECT " RAPPORT_CATEGORY_COLUMNS " FROM kb_categories WHERE org_id = ?1 AND id = ?2";
// Categories before sections, then by position and name (ASCII case folded, as teams are
// listed); id breaks ties.
constexpr std::string_view kListAllSql =
    "SELECT " RAPPORT_CATEGORY_COLUMNS
    " FROM kb_categories WHERE org_id = ?1 "
    "ORDER BY parent_id IS NOT NULL, position, name COLLATE NOCASE, id";
constexpr std::string_view kExistsSql = "SELECT 1 FROM kb_categories WHERE org_id = ?1 AND id = ?2";
constexpr std::string_view kSiblingWithSlugSql =
    "SELECT 1 FROM kb_categories WHERE org_id = ?1 AND coalesce(parent_id, '') = ?2 "
    "AND slug = ?3 AND id <> ?4";
constexpr std::string_view kSiblingWithNameSql =
    "SELECT 1 FROM kb_categories WHERE org_id = ?1 AND coalesce(parent_id, '') = ?2 "
    "AND name = ?3 AND id <> ?4";
constexpr std::string_view kHasSectionsSql =
    "SELECT 1 FROM kb_categories WHERE org_id = ?1 AND parent_id = ?2 LIMIT 1";
constexpr std::string_view kHasArticlesSql =
    "SELECT 1 FROM kb_articles WHERE org_id = ?1 AND category_id = ?2 LIMIT 1";
constexpr std::string_view kInsertSql =
    "INSERT INTO kb_categories (org_id, " RAPPORT_CATEGORY_COLUMNS
    ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
constexpr std::string_view kUpdateSql =
    "UPDATE kb_categories SET parent_id = ?3, name = ?4, slug = ?5, description = ?6, "
    "position = ?7 WHERE org_id = ?1 AND id = ?2";
constexpr std::string_view kDeleteSql = "DELETE FROM kb_categories WHERE org_id = ?1 AND id = ?2";

#undef RAPPORT_CATEGORY_COLUMNS

// Reads the current row of a statement selecting RAPPORT_CATEGORY_COLUMNS.
Category ReadRow(const Statement& row) {
  return Category{
      .id = IdColumn<CategoryTag>(row, 0),
      .parent_id = OptionalIdColumn<CategoryTag>(row, 1),
      .name = row.ColumnText(2),
      .slug = row.ColumnText(3),
      .description = row.ColumnText(4),
      .position = static_cast<int>(row.ColumnInt64(5)),
      .created_at = TimeColumn(row, 6),
  };
}

// Binds ?1 = org and ?2..?7 = the columns in RAPPORT_CATEGORY_COLUMNS' order but created_at,
// as kInsertSql and kUpdateSql number them (only kInsertSql has ?8, created_at).
void BindCategory(Statement& statement, const OrganisationId& org, const Category& category) {
  statement.BindText(1, org.str());
  statement.BindText(2, category.id.str());
  BindOptionalId(statement, 3, category.parent_id);
  statement.BindText(4, category.name);
  statement.BindText(5, category.slug);
  statement.BindText(6, category.description);
  statement.BindInt64(7, category.position);
}

core::Error Taken(std::string message, std::string field) {
  return core::Error(core::ErrorCode::kConflict, std::move(message), std::move(field));
}

// Whether a sibling of `category` (same parent, another id) has `value` in the column `sql`
// compares.
core::Result<bool> SiblingHas(Connection& connection, std::string_view sql,
                              const OrganisationId& org, const Category& category,
                              std::string_view value) {
  RAPPORT_ASSIGN_OR_RETURN(ScopedStatement statement, connection.Prepare(sql));
  statement->BindText(1, org.str());
  statement->BindText(2, category.parent_id.has_value() ? category.parent_id->str() : "");
  statement->BindText(3, value);
  statement->BindText(4, category.id.str());
  return statement->Step();
}

// A unique index fired although CheckWritable passed: only the id can be taken.
core::Status RunWrite(Statement& statement) {
  auto status = statement.Run();
  if (!status && status.error().code() == core::ErrorCode::kConflict) {
    return std::unexpected(Taken("a category with this id already exists", "id"));
  }
  return status;
}

}  // namespace

core::Result<Category> SqliteCategories::Get(const OrganisationId& org, const CategoryId& id) {
  RAPPORT_ASSIGN_OR_RETURN(ScopedStatement statement, connection_.Prepare(kGetSql));
  statement->BindText(1, org.str());
  statement->BindText(2, id.str());
  RAPPORT_ASSIGN_OR_RETURN(const bool found, statement->Step());
  if (!found) return core::NotFound("no category with this id");
  return ReadRow(*statement);
}

core::Result<std::vector<Category>> SqliteCategories::ListAll(const OrganisationId& org) {
  RAPPORT_ASSIGN_OR_RETURN(ScopedStatement statement, connection_.Prepare(kListAllSql));
  statement->BindText(1, org.str());
  std::vector<Category> categories;
  while (true) {
    RAPPORT_ASSIGN_OR_RETURN(const bool row, statement->Step());
    if (!row) return categories;
    categories.push_back(ReadRow(*statement));
  }
}

core::Status SqliteCategories::CheckWritable(const OrganisationId& org, const Category& category) {
  if (category.parent_id.has_value()) {
    RAPPORT_ASSIGN_OR_RETURN(const bool exists, RowExists(connection_, kExistsSql, org.str(),
                                                          category.parent_id->str()));
    if (!exists) {
      return NotFoundField("the parent is not a category of this organisation", "parent_id");
    }
  }
  // Writes are serialised, so these checks cannot race; the unique indexes stay as backstop.
  RAPPORT_ASSIGN_OR_RETURN(const bool slug_taken, SiblingHas(connection_, kSiblingWithSlugSql, org,
                                                             category, category.slug));
  if (slug_taken) {
    return std::unexpected(
        Taken(fmt::format("a sibling category already has the slug '{}'", category.slug), "slug"));
  }
  RAPPORT_ASSIGN_OR_RETURN(const bool name_taken, SiblingHas(connection_, kSiblingWithNameSql, org,
                                                             category, category.name));
  if (name_taken) {
    return std::unexpected(
        Taken(fmt::format("a sibling category is already named '{}'", category.name), "name"));
  }
  return core::Ok();
}

core::Result<Category> SqliteCategories::Create(const OrganisationId& org,
                                                const Category& category) {
  if (category.id.empty()) return core::InvalidArgument("category id is empty", "id");
  {
    RAPPORT_ASSIGN_OR_RETURN(const bool taken,
                             RowExists(connection_, kExistsSql, org.str(), category.id.str()));
    if (taken) return std::unexpected(Taken("a category with this id already exists", "id"));
  }
  RAPPORT_RETURN_IF_ERROR(CheckWritable(org, category));
  Category stored = category;
  stored.created_at = clock_.Now();
  RAPPORT_ASSIGN_OR_RETURN(ScopedStatement insert, connection_.Prepare(kInsertSql));
  BindCategory(*insert, org, stored);
  insert->BindInt64(8, ToMicros(stored.created_at));
  RAPPORT_RETURN_IF_ERROR(RunWrite(*insert));
  return stored;
}

core::Result<Category> SqliteCategories::Update(const OrganisationId& org,
                                                const Category& category) {
  RAPPORT_ASSIGN_OR_RETURN(const Category before, Get(org, category.id));
  RAPPORT_RETURN_IF_ERROR(CheckWritable(org, category));
  Category stored = category;
  stored.created_at = before.created_at;
  RAPPORT_ASSIGN_OR_RETURN(ScopedStatement update, connection_.Prepare(kUpdateSql));
  BindCategory(*update, org, stored);
  RAPPORT_RETURN_IF_ERROR(RunWrite(*update));
  return stored;
}

core::Status SqliteCategories::Delete(const OrganisationId& org, const CategoryId& id) {
  {
    RAPPORT_ASSIGN_OR_RETURN(const bool exists,
                             RowExists(connection_, kExistsSql, org.str(), id.str()));
    if (!exists) return core::NotFound("no category with this id");
  }
  {
    RAPPORT_ASSIGN_OR_RETURN(const bool sections,
                             RowExists(connection_, kHasSectionsSql, org.str(), id.str()));
    if (sections) {
      return core::Conflict("the category still has sections; move or delete them first");
    }
  }
  {
    RAPPORT_ASSIGN_OR_RETURN(const bool articles,
                             RowExists(connection_, kHasArticlesSql, org.str(), id.str()));
    if (articles) {
      return core::Conflict("articles still belong to the category; move or delete them first");
    }
  }
  RAPPORT_ASSIGN_OR_RETURN(ScopedStatement remove, connection_.Prepare(kDeleteSql));
  remove->BindText(1, org.str());
  remove->BindText(2, id.str());
  return remove->Run();
}

}  // namespace rapport::store::sqlite::internal

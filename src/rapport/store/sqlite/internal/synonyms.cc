#include "rapport/store/sqlite/internal/synonyms.h"

#include "rapport/store/sqlite/internal/codec.h"
#include "rapport/store/sqlite/internal/rows.h"

namespace rapport::store::sqlite::internal {
namespace {

constexpr std::string_view kListSql =
    "SELECT id, words FROM search_synonyms WHERE org_id = ?1 ORDER BY position, id";
constexpr std::string_view kExistsSql =
    "SELECT 1 FROM search_synonyms WHERE org_id = ?1 AND id = ?2";
// A new group goes after every other group of the organisation.
constexpr std::string_view kInsertSql =
    "INSERT INTO search_synonyms (org_id, id, words, position) VALUES (?1, ?2, ?3, "
    "(SELECT coalesce(max(position), 0) + 1 FROM search_synonyms WHERE org_id = ?1))";
constexpr std::string_view kUpdateSql =
    "UPDATE search_synonyms SET words = ?3 WHERE org_id = ?1 AND id = ?2 RETURNING 1";
constexpr std::string_view kDeleteSql =
    "DELETE FROM search_synonyms WHERE org_id = ?1 AND id = ?2 RETURNING 1";

// Runs `sql` (an UPDATE or DELETE ... RETURNING on ?1 = org, ?2 = id, ?3 = words when not
// empty) and answers NotFound when it touched no row.
core::Status RunOnOne(Connection& connection, std::string_view sql, const OrganisationId& org,
                      const SynonymGroupId& id, const std::string* words) {
  RAPPORT_ASSIGN_OR_RETURN(ScopedStatement statement, connection.Prepare(sql));
  statement->BindText(1, org.str());
  statement->BindText(2, id.str());
  if (words != nullptr) statement->BindText(3, *words);
  RAPPORT_ASSIGN_OR_RETURN(const int touched, CountRows(*statement));
  if (touched == 0) return core::NotFound("no synonym group with this id");
  return core::Ok();
}

}  // namespace

core::Result<std::vector<SynonymGroup>> SqliteSynonyms::ListAll(const OrganisationId& org) {
  RAPPORT_ASSIGN_OR_RETURN(ScopedStatement statement, connection_.Prepare(kListSql));
  statement->BindText(1, org.str());
  std::vector<SynonymGroup> groups;
  while (true) {
    RAPPORT_ASSIGN_OR_RETURN(const bool row, statement->Step());
    if (!row) return groups;
    RAPPORT_ASSIGN_OR_RETURN(std::vector<std::string> words,
                             DecodeStringList(statement->ColumnText(1)));
    groups.push_back(
        SynonymGroup{.id = IdColumn<SynonymGroupTag>(*statement, 0), .words = std::move(words)});
  }
}

core::Result<SynonymGroup> SqliteSynonyms::Create(const OrganisationId& org,
                                                  const SynonymGroup& group) {
  if (group.id.empty()) return core::InvalidArgument("synonym group id is empty", "id");
  {
    RAPPORT_ASSIGN_OR_RETURN(const bool taken,
                             RowExists(connection_, kExistsSql, org.str(), group.id.str()));
    if (taken) {
      return core::MakeError(core::ErrorCode::kConflict,
                             "a synonym group with this id already exists", "id");
    }
  }
  RAPPORT_ASSIGN_OR_RETURN(ScopedStatement insert, connection_.Prepare(kInsertSql));
  insert->BindText(1, org.str());
  insert->BindText(2, group.id.str());
  insert->BindText(3, EncodeStringList(group.words));
  RAPPORT_RETURN_IF_ERROR(RunInsert(*insert, "a synonym group with this id already exists"));
  return group;
}

core::Result<SynonymGroup> SqliteSynonyms::Update(const OrganisationId& org,
                                                  const SynonymGroup& group) {
  const std::string words = EncodeStringList(group.words);
  RAPPORT_RETURN_IF_ERROR(RunOnOne(connection_, kUpdateSql, org, group.id, &words));
  return group;
}

core::Status SqliteSynonyms::Delete(const OrganisationId& org, const SynonymGroupId& id) {
  return RunOnOne(connection_, kDeleteSql, org, id, nullptr);
}

}  // namespace rapport::store::sqlite::internal

#include "rapport/store/sqlite/internal/search_settings.h"

namespace rapport::store::sqlite::internal {
namespace {

constexpr std::string_view kGetSql =
    "SELECT query_retention_days FROM search_settings WHERE org_id = ?1";
constexpr std::string_view kPutSql =
    "INSERT INTO search_settings (org_id, query_retention_days) VALUES (?1, ?2) "
    "ON CONFLICT (org_id) DO UPDATE SET query_retention_days = excluded.query_retention_days";

}  // namespace

core::Result<SearchSettings> SqliteSearchSettings::Get(const OrganisationId& org) {
  RAPPORT_ASSIGN_OR_RETURN(ScopedStatement statement, connection_.Prepare(kGetSql));
  statement->BindText(1, org.str());
  RAPPORT_ASSIGN_OR_RETURN(const bool found, statement->Step());
  if (!found) return SearchSettings{};
  return SearchSettings{.query_retention_days = static_cast<int>(statement->ColumnInt64(0))};
}

core::Status SqliteSearchSettings::Put(const OrganisationId& org, const SearchSettings& settings) {
  RAPPORT_ASSIGN_OR_RETURN(ScopedStatement put, connection_.Prepare(kPutSql));
  put->BindText(1, org.str());
  put->BindInt64(2, settings.query_retention_days);
  return put->Run();
}

}  // namespace rapport::store::sqlite::internal

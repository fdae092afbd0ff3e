#include "rapport/store/sqlite/internal/kb_settings.h"

namespace rapport::store::sqlite::internal {
namespace {

constexpr std::string_view kGetSql =
    "SELECT allow_self_approval, default_verify_interval_days FROM kb_settings WHERE org_id = ?1";
constexpr std::string_view kPutSql =
    "INSERT INTO kb_settings (org_id, allow_self_approval, default_verify_interval_days) "
    "VALUES (?1, ?2, ?3) ON CONFLICT (org_id) DO UPDATE SET "
    "allow_self_approval = excluded.allow_self_approval, "
    "default_verify_interval_days = excluded.default_verify_interval_days";

}  // namespace

core::Result<KbSettings> SqliteKbSettings::Get(const OrganisationId& org) {
  RAPPORT_ASSIGN_OR_RETURN(ScopedStatement statement, connection_.Prepare(kGetSql));
  statement->BindText(1, org.str());
  RAPPORT_ASSIGN_OR_RETURN(const bool found, statement->Step());
  if (!found) return KbSettings{};
  return KbSettings{
      .allow_self_approval = statement->ColumnInt64(0) != 0,
      .default_verify_interval_days = static_cast<int>(statement->ColumnInt64(1)),
  };
}

core::Status SqliteKbSettings::Put(const OrganisationId& org, const KbSettings& settings) {
  RAPPORT_ASSIGN_OR_RETURN(ScopedStatement put, connection_.Prepare(kPutSql));
  put->BindText(1, org.str());
  put->BindInt64(2, settings.allow_self_approval ? 1 : 0);
  put->BindInt64(3, settings.default_verify_interval_days);
  return put->Run();
}

}  // namespace rapport::store::sqlite::internal

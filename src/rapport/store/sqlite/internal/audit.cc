#include "rapport/store/sqlite/internal/audit.h"

#include <fmt/format.h>

#include <charconv>
#include <optional>

#include "rapport/store/sqlite/internal/rows.h"

namespace rapport::store::sqlite::internal {
namespace {

constexpr std::string_view kColumns =
    "seq, org_id, at, actor_id, actor_label, action, target, detail, remote_address";
constexpr std::string_view kAppendSql =
    "INSERT INTO audit_log (org_id, at, actor_id, actor_label, action, target, detail, "
    "remote_address) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) RETURNING seq";
// A filter ending in this character names a family of actions ("auth.").
constexpr char kFamilySeparator = '.';

core::Result<AuditEntry> ReadRow(const Statement& row) {
  return AuditEntry{
      .seq = row.ColumnInt64(0),
      .org_id = IdColumn<OrganisationTag>(row, 1),
      .at = TimeColumn(row, 2),
      .actor_id = row.ColumnText(3),
      .actor_label = row.ColumnText(4),
      .action = row.ColumnText(5),
      .target = row.ColumnText(6),
      .detail = row.ColumnText(7),
      .remote_address = row.ColumnText(8),
  };
}

std::string CursorKey(const AuditEntry& entry) { return std::to_string(entry.seq); }

// The seq the page starts below; empty for the first page.
core::Result<std::optional<std::int64_t>> ParseCursor(std::string_view cursor) {
  if (cursor.empty()) return std::optional<std::int64_t>();
  RAPPORT_ASSIGN_OR_RETURN(const std::string key, DecodeCursor(cursor));
  std::int64_t seq = 0;
  const auto [end, error] = std::from_chars(key.data(), key.data() + key.size(), seq);
  if (error != std::errc() || end != key.data() + key.size() || seq <= 0) {
    return core::InvalidArgument("malformed cursor", "cursor");
  }
  return seq;
}

bool IsFamily(std::string_view action) {
  return !action.empty() && action.back() == kFamilySeparator;
}

// The List query for the filters in use, built from fixed fragments only (every value is
// bound). A family "auth." is the range ["auth.", "auth/"): '/' follows '.' in byte order,
// so the index on (org_id, action, seq) serves both exact and family filters.
// Parameters: ?1 org, ?2 action or family start, ?3 family end, ?4 actor, ?5 cursor, ?6 limit.
std::string ListSql(const AuditFilter& filter, bool after_cursor) {
  std::string sql = fmt::format("SELECT {} FROM audit_log WHERE org_id = ?1", kColumns);
  if (IsFamily(filter.action)) {
    sql += " AND action >= ?2 AND action < ?3";
  } else if (!filter.action.empty()) {
    sql += " AND action = ?2";
  }
  if (!filter.actor_id.empty()) sql += " AND actor_id = ?4";
  if (after_cursor) sql += " AND seq < ?5";
  sql += " ORDER BY seq DESC LIMIT ?6";
  return sql;
}

}  // namespace

core::Result<Page<AuditEntry>> SqliteAudit::List(const OrganisationId& org,
                                                 const AuditFilter& filter,
                                                 const PageRequest& request) {
  RAPPORT_RETURN_IF_ERROR(ValidatePageLimit(request.limit));
  RAPPORT_ASSIGN_OR_RETURN(const std::optional<std::int64_t> before, ParseCursor(request.cursor));
  RAPPORT_ASSIGN_OR_RETURN(ScopedStatement statement,
                           connection_.Prepare(ListSql(filter, before.has_value())));
  statement->BindText(1, org.str());
  if (!filter.action.empty()) statement->BindText(2, filter.action);
  if (IsFamily(filter.action)) {
    std::string end = filter.action;
    end.back() = kFamilySeparator + 1;
    statement->BindText(3, end);
  }
  if (!filter.actor_id.empty()) statement->BindText(4, filter.actor_id);
  if (before.has_value()) statement->BindInt64(5, *before);
  statement->BindInt64(6, request.limit + 1);  // one extra row tells whether a page follows
  return FillPage<AuditEntry>(*statement, request.limit, ReadRow, CursorKey);
}

core::Result<AuditEntry> SqliteAudit::Append(const AuditEntry& entry) {
  if (entry.org_id.empty()) return core::InvalidArgument("organisation id is empty", "org_id");
  RAPPORT_ASSIGN_OR_RETURN(ScopedStatement append, connection_.Prepare(kAppendSql));
  append->BindText(1, entry.org_id.str());
  append->BindInt64(2, ToMicros(entry.at));
  append->BindText(3, entry.actor_id);
  append->BindText(4, entry.actor_label);
  append->BindText(5, entry.action);
  append->BindText(6, entry.target);
  append->BindText(7, entry.detail);
  append->BindText(8, entry.remote_address);
  RAPPORT_ASSIGN_OR_RETURN(const bool row, append->Step());
  if (!row) return core::Internal("store: appending to the audit log returned no seq");
  AuditEntry stored = entry;
  stored.seq = append->ColumnInt64(0);
  return stored;
}

}  // namespace rapport::store::sqlite::internal

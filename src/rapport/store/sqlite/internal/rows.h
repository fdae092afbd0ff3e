#pragma once

// Small helpers shared by the SQLite repositories: how domain values become bound parameters
// and come back from columns (times as INTEGER microseconds since the epoch, optional values
// as NULL), existence checks, and the loop that fills a keyset page.
// Thread-safety: as the statement or connection they are given.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "rapport/core/clock.h"
#include "rapport/core/error.h"
#include "rapport/core/id.h"
#include "rapport/store/pagination.h"
#include "rapport/store/sqlite/internal/connection.h"
#include "rapport/store/sqlite/internal/statement.h"

namespace rapport::store::sqlite::internal {

inline std::int64_t ToMicros(core::TimePoint t) { return t.time_since_epoch().count(); }

inline core::TimePoint TimeColumn(const Statement& row, int index) {
  return core::TimePoint(std::chrono::microseconds(row.ColumnInt64(index)));
}

inline std::optional<core::TimePoint> OptionalTimeColumn(const Statement& row, int index) {
  if (row.ColumnIsNull(index)) return std::nullopt;
  return TimeColumn(row, index);
}

inline void BindOptionalTime(Statement& statement, int index,
                             const std::optional<core::TimePoint>& t) {
  if (t.has_value()) {
    statement.BindInt64(index, ToMicros(*t));
  } else {
    statement.BindNull(index);
  }
}

template <typename Tag>
void BindOptionalId(Statement& statement, int index, const std::optional<core::Id<Tag>>& id) {
  if (id.has_value()) {
    statement.BindText(index, id->str());
  } else {
    statement.BindNull(index);
  }
}

template <typename Tag>
core::Id<Tag> IdColumn(const Statement& row, int index) {
  return core::Id<Tag>::FromTrusted(row.ColumnText(index));
}

template <typename Tag>
std::optional<core::Id<Tag>> OptionalIdColumn(const Statement& row, int index) {
  if (row.ColumnIsNull(index)) return std::nullopt;
  return IdColumn<Tag>(row, index);
}

// Runs `sql`, which selects at most one row with ?1 = `org` and ?2 = `key`, and tells
// whether it found one.
core::Result<bool> RowExists(Connection& connection, std::string_view sql, std::string_view org,
                             std::string_view key);

// Steps `statement` to completion and counts the rows it returned (for DML ... RETURNING).
core::Result<int> CountRows(Statement& statement);

// Runs an insert; a uniqueness violation becomes Conflict(`conflict_message`), anything else
// keeps its error.
core::Status RunInsert(Statement& statement, std::string_view conflict_message);

// NotFound naming the offending input field.
inline std::unexpected<core::Error> NotFoundField(std::string message, std::string field) {
  return core::MakeError(core::ErrorCode::kNotFound, std::move(message), std::move(field));
}

// Steps a query that selects at most `limit` + 1 rows and keeps the first `limit`, read by
// `read_row(statement)`. The extra row only tells that another page follows; the next cursor
// then encodes `cursor_key(last item kept)`.
template <typename T, typename ReadRow, typename CursorKey>
core::Result<Page<T>> FillPage(Statement& statement, int limit, const ReadRow& read_row,
                               const CursorKey& cursor_key) {
  Page<T> page;
  page.items.reserve(static_cast<std::size_t>(limit));
  while (true) {
    RAPPORT_ASSIGN_OR_RETURN(const bool row, statement.Step());
    if (!row) break;
    if (static_cast<int>(page.items.size()) == limit) {
      page.next_cursor = EncodeCursor(cursor_key(page.items.back()));
      break;
    }
    RAPPORT_ASSIGN_OR_RETURN(T item, read_row(statement));
    page.items.push_back(std::move(item));
  }
  return page;
}

}  // namespace rapport::store::sqlite::internal

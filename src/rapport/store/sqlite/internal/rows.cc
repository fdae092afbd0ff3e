#include "rapport/store/sqlite/internal/rows.h"

namespace rapport::store::sqlite::internal {

core::Result<bool> RowExists(Connection& connection, std::string_view sql, std::string_view org,
                             std::string_view key) {
  RAPPORT_ASSIGN_OR_RETURN(ScopedStatement statement, connection.Prepare(sql));
  statement->BindText(1, org);
  statement->BindText(2, key);
  return statement->Step();
}

core::Result<int> CountRows(Statement& statement) {
  int count = 0;
  while (true) {
    RAPPORT_ASSIGN_OR_RETURN(const bool row, statement.Step());
    if (!row) return count;
    ++count;
  }
}

core::Status RunInsert(Statement& statement, std::string_view conflict_message) {
  auto status = statement.Run();
  if (!status && status.error().code() == core::ErrorCode::kConflict) {
    return core::Conflict(std::string(conflict_message));
  }
  return status;
}

}  // namespace rapport::store::sqlite::internal

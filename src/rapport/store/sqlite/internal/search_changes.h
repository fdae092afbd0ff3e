#pragma once

// The search change sequence on a SQLite connection: reads and trims search_changes, which
// the triggers of migration 4 fill. Serves read transactions (as a SearchChangeReader, on a
// query_only connection) and write transactions.
// Thread-safety: as its connection; lives for one transaction.

#include "rapport/store/search.h"
#include "rapport/store/sqlite/internal/connection.h"

namespace rapport::store::sqlite::internal {

class SqliteSearchChanges final : public SearchChangeRepository {
 public:
  explicit SqliteSearchChanges(Connection& connection) : connection_(connection) {}

  core::Result<std::vector<ArticleChange>> After(std::int64_t seq, int limit) override;
  core::Result<std::int64_t> Latest() override;
  core::Status TrimThrough(std::int64_t seq) override;

 private:
  Connection& connection_;
};

}  // namespace rapport::store::sqlite::internal

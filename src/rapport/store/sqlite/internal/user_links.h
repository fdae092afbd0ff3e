#pragma once

// The single-use links repository (invitations, password resets) on a SQLite connection;
// reached only from write transactions. Thread-safety: as its connection; lives for one
// transaction.

#include "rapport/store/access.h"
#include "rapport/store/sqlite/internal/connection.h"

namespace rapport::store::sqlite::internal {

class SqliteUserLinks final : public UserLinkRepository {
 public:
  explicit SqliteUserLinks(Connection& connection) : connection_(connection) {}

  core::Status Create(const UserLink& link) override;
  core::Result<UserLink> GetByHash(std::string_view token_hash) override;
  core::Status MarkUsed(std::string_view token_hash, core::TimePoint at) override;

 private:
  Connection& connection_;
};

}  // namespace rapport::store::sqlite::internal

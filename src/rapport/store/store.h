#pragma once

// The store port: the truth of Rapport, as seen by the domain. A Store runs functions inside
// transactions; repositories are reached through the transaction object, so every write is
// transactional and every multi-read sees one consistent snapshot. No SQL or driver types
// appear here; adapters (store/sqlite, later store/postgres) implement these interfaces and
// pass the same contract suite (tests/integration/store).
//
// Tenancy: every table but `organisations` and `schema_migrations` carries `org_id`, and every
// repository method on tenant data takes the organisation id (see organisation.h). The one
// exception is the search change sequence, which the index follower reads across
// organisations (see search.h).
//
// Thread-safety: Store is safe for concurrent use from many threads. Write calls are
// serialised (one writer at a time); Read calls run in parallel with each other and with a
// Write. A ReadTx/WriteTx and the repositories obtained from it belong to the thread running
// the transaction function and must not escape it. Calls block (they wait for disk and locks),
// so never make them on an I/O thread.

#include <functional>
#include <optional>
#include <utility>

#include "rapport/core/error.h"
#include "rapport/store/access.h"
#include "rapport/store/audit.h"
#include "rapport/store/directory.h"
#include "rapport/store/kb.h"
#include "rapport/store/organisation.h"
#include "rapport/store/search.h"

namespace rapport::store {

// A read-only transaction over one consistent snapshot of the store.
class ReadTx {
 public:
  virtual ~ReadTx() = default;
  virtual OrganisationReader& organisations() = 0;
  virtual TeamReader& teams() = 0;
  virtual PersonReader& people() = 0;
  virtual UserReader& users() = 0;
  virtual SessionReader& sessions() = 0;
  virtual ApiTokenReader& api_tokens() = 0;
  virtual AuditReader& audit() = 0;
  virtual CategoryReader& categories() = 0;
  virtual ArticleReader& articles() = 0;
  virtual FeedbackReader& feedback() = 0;
  virtual AttachmentReader& attachments() = 0;
  virtual KbSettingsReader& kb_settings() = 0;
  virtual SearchChangeReader& search_changes() = 0;
  virtual SearchLogReader& search_log() = 0;
  virtual SynonymReader& synonyms() = 0;
  virtual SearchSettingsReader& search_settings() = 0;
};

// A read-write transaction. It reads its own uncommitted writes, and can be passed wherever a
// ReadTx is expected.
class WriteTx : public ReadTx {
 public:
  OrganisationRepository& organisations() override = 0;
  TeamRepository& teams() override = 0;
  PersonRepository& people() override = 0;
  UserRepository& users() override = 0;
  SessionRepository& sessions() override = 0;
  ApiTokenRepository& api_tokens() override = 0;
  AuditRepository& audit() override = 0;
  CategoryRepository& categories() override = 0;
  ArticleRepository& articles() override = 0;
  FeedbackRepository& feedback() override = 0;
  AttachmentRepository& attachments() override = 0;
  KbSettingsRepository& kb_settings() override = 0;
  SearchChangeRepository& search_changes() override = 0;
  SearchLogRepository& search_log() override = 0;
  SynonymRepository& synonyms() override = 0;
  SearchSettingsRepository& search_settings() override = 0;
  // Links are only ever redeemed inside a write (they are single-use), so only WriteTx has
  // them.
  virtual UserLinkRepository& user_links() = 0;
};

using ReadFn = std::function<core::Status(ReadTx&)>;
using WriteFn = std::function<core::Status(WriteTx&)>;

class Store {
 public:
  virtual ~Store() = default;

  // Cheap liveness check: Ok when the database can be read.
  virtual core::Status Ping() = 0;

  // The number of the newest migration applied to the database; 0 for an empty database.
  virtual core::Result<int> SchemaVersion() = 0;

  // Applies pending migrations in order, each in its own transaction, and records them.
  // Idempotent and safe against another process migrating at the same time. Unavailable when
  // the database's schema is newer than this binary knows (see migrations.h).
  virtual core::Status Migrate() = 0;

  // Runs `fn` in one write transaction and commits only if it returns Ok. On an error from
  // `fn` or from the commit, everything `fn` wrote is rolled back and the error returned; an
  // exception thrown by `fn` is caught, rolled back and returned as Internal. Unavailable when
  // the database stays locked by another process beyond the configured timeout.
  // REQUIRES: not called from inside another Write on the same thread (returns Internal).
  virtual core::Status Write(const WriteFn& fn) = 0;

  // Runs `fn` in a read-only transaction that sees one consistent snapshot: writes that
  // commit while `fn` runs are invisible to it. Errors and exceptions as for Write.
  // REQUIRES: not nested inside another Read on the same thread (it may wait for itself).
  virtual core::Status Read(const ReadFn& fn) = 0;
};

// Conveniences for transactions that compute a value:
//   RAPPORT_ASSIGN_OR_RETURN(auto org, store::ReadValue<Organisation>(
//       store, [&](ReadTx& tx) { return tx.organisations().Get(id); }));
template <typename T, typename Fn>
core::Result<T> ReadValue(Store& store, Fn&& fn) {
  std::optional<T> out;
  RAPPORT_RETURN_IF_ERROR(store.Read([&](ReadTx& tx) -> core::Status {
    RAPPORT_ASSIGN_OR_RETURN(out, fn(tx));
    return core::Ok();
  }));
  return std::move(*out);
}

template <typename T, typename Fn>
core::Result<T> WriteValue(Store& store, Fn&& fn) {
  std::optional<T> out;
  RAPPORT_RETURN_IF_ERROR(store.Write([&](WriteTx& tx) -> core::Status {
    RAPPORT_ASSIGN_OR_RETURN(out, fn(tx));
    return core::Ok();
  }));
  return std::move(*out);
}

}  // namespace rapport::store

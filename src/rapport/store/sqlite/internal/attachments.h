#pragma once

// The knowledge-base attachments repository on a SQLite connection: the metadata of uploaded
// files (the bytes live in the data directory, named by their SHA-256). Serves read
// transactions (as an AttachmentReader, on a query_only connection) and write transactions.
// Thread-safety: as its connection; lives for one transaction.

#include "rapport/core/clock.h"
#include "rapport/store/kb.h"
#include "rapport/store/sqlite/internal/connection.h"

namespace rapport::store::sqlite::internal {

class SqliteAttachments final : public AttachmentRepository {
 public:
  SqliteAttachments(Connection& connection, const core::Clock& clock)
      : connection_(connection), clock_(clock) {}

  core::Result<Attachment> Get(const OrganisationId& org, const AttachmentId& id) override;
  core::Result<std::vector<Attachment>> ListForArticle(const OrganisationId& org,
                                                       const ArticleId& id) override;
  core::Result<std::vector<Attachment>> ListAll(const OrganisationId& org) override;
  core::Result<bool> ContentInUse(std::string_view sha256) override;

  core::Result<Attachment> Create(const OrganisationId& org, const Attachment& attachment) override;
  core::Result<Attachment> AttachTo(const OrganisationId& org, const AttachmentId& id,
                                    const ArticleId& article) override;
  core::Status Delete(const OrganisationId& org, const AttachmentId& id) override;

 private:
  Connection& connection_;
  const core::Clock& clock_;
};

}  // namespace rapport::store::sqlite::internal

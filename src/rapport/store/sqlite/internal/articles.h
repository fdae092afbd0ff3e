#pragma once

// The knowledge-base articles repository on a SQLite connection: article metadata in
// kb_articles, content in immutable kb_revisions. Reads join the head and live revisions;
// lists select empty bodies so pages stay small. Serves read transactions (as an
// ArticleReader, on a query_only connection) and write transactions.
// Thread-safety: as its connection; lives for one transaction.

#include <optional>
#include <string>

#include "rapport/core/clock.h"
#include "rapport/store/kb.h"
#include "rapport/store/sqlite/internal/connection.h"

namespace rapport::store::sqlite::internal {

class SqliteArticles final : public ArticleRepository {
 public:
  SqliteArticles(Connection& connection, const core::Clock& clock)
      : connection_(connection), clock_(clock) {}

  core::Result<Article> Get(const OrganisationId& org, const ArticleId& id) override;
  core::Result<Article> GetBySlug(const OrganisationId& org, std::string_view language,
                                  std::string_view slug) override;
  core::Result<Page<Article>> List(const OrganisationId& org, const ArticleFilter& filter,
                                   const PageRequest& page) override;
  core::Result<std::vector<Article>> ListAll(const OrganisationId& org) override;
  core::Result<std::vector<Revision>> Revisions(const OrganisationId& org,
                                                const ArticleId& id) override;
  core::Result<Revision> GetRevision(const OrganisationId& org, const ArticleId& id,
                                     int number) override;

  core::Result<Article> Create(const OrganisationId& org, const Article& article,
                               const Revision& first) override;
  core::Result<Article> Update(const OrganisationId& org, const Article& article) override;
  core::Result<Revision> AddRevision(const OrganisationId& org, const ArticleId& id,
                                     const Revision& revision) override;
  core::Status Delete(const OrganisationId& org, const ArticleId& id) override;

 private:
  // The checks Create and Update share: references to a category and users of this
  // organisation, and a slug and a translation-group language no other article has.
  core::Status CheckWritable(const OrganisationId& org, const Article& article);

  Connection& connection_;
  const core::Clock& clock_;
};

// Reference checks shared by the knowledge-base repositories.
// NotFound (field `field`) unless `id` is an article of `org`.
core::Status CheckArticleExists(Connection& connection, const OrganisationId& org,
                                const ArticleId& id, std::string field);
// Ok for no user; NotFound (field `field`) unless `user` is a user of `org`.
core::Status CheckUserExists(Connection& connection, const OrganisationId& org,
                             const std::optional<UserId>& user, std::string field);

}  // namespace rapport::store::sqlite::internal

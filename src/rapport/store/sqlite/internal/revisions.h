#pragma once

// The revisions of knowledge-base articles on a SQLite connection: immutable rows of
// kb_revisions, numbered 1..head without gaps for each article, which SqliteArticles serves
// through the ArticleRepository port. Thread-safety: as its connection; called within one
// transaction.

#include <vector>

#include "rapport/core/clock.h"
#include "rapport/store/kb.h"
#include "rapport/store/sqlite/internal/connection.h"

namespace rapport::store::sqlite::internal {

// The article's revisions, newest first. NotFound unless `id` is an article of `org`.
core::Result<std::vector<Revision>> ListRevisions(Connection& connection, const OrganisationId& org,
                                                  const ArticleId& id);

// Revision `number` of the article. NotFound for an unknown article, and NotFound (field
// "revision") when the article has no such revision.
core::Result<Revision> GetRevision(Connection& connection, const OrganisationId& org,
                                   const ArticleId& id, int number);

// Inserts `revision` as number `number` of article `id`, stamped `clock`'s now. NotFound (field
// "author_id") unless its author is a user of `org`.
core::Result<Revision> InsertRevision(Connection& connection, const core::Clock& clock,
                                      const OrganisationId& org, const ArticleId& id, int number,
                                      const Revision& revision);

// Inserts `revision` after the article's head and moves the head (and its title) to it.
// NotFound for an unknown article.
core::Result<Revision> AppendRevision(Connection& connection, const core::Clock& clock,
                                      const OrganisationId& org, const ArticleId& id,
                                      const Revision& revision);

}  // namespace rapport::store::sqlite::internal

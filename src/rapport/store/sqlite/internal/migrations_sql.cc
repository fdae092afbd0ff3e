#include "rapport/store/sqlite/internal/migrations_sql.h"

#include <fmt/format.h>

#include "rapport/store/migrations.h"

namespace rapport::store::sqlite::internal {
namespace {

constexpr std::string_view kMigration1 = R"sql(
CREATE TABLE schema_migrations (
  version    INTEGER PRIMARY KEY,
  name       TEXT    NOT NULL,
  applied_at INTEGER NOT NULL
) STRICT;

CREATE TABLE organisations (
  id         TEXT    PRIMARY KEY NOT NULL,
  slug       TEXT    NOT NULL UNIQUE,
  name       TEXT    NOT NULL,
  time_zone  TEXT    NOT NULL,
  created_at INTEGER NOT NULL
) STRICT;
)sql";

// The directory (teams, people, placement history), access (users, sessions, API tokens,
// single-use links) and the audit log. Keys start with org_id so that every tenant's rows are
// contiguous and every lookup can filter by organisation; references between tenant tables
// include org_id, so a row can never point into another organisation. Text compared
// case-insensitively for ordering uses NOCASE (ASCII folding), matching the queries.
// A NULL in a UNIQUE constraint never collides, hence the coalesce() in teams_by_parent_name.
constexpr std::string_view kMigration2 = R"sql(
CREATE TABLE teams (
  org_id     TEXT    NOT NULL REFERENCES organisations(id),
  id         TEXT    NOT NULL,
  name       TEXT    NOT NULL,
  kind       TEXT    NOT NULL CHECK (kind IN ('department', 'team')),
  parent_id  TEXT,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, parent_id) REFERENCES teams(org_id, id)
) STRICT;
CREATE UNIQUE INDEX teams_by_parent_name ON teams (org_id, coalesce(parent_id, ''), name);

CREATE TABLE people (
  org_id          TEXT    NOT NULL REFERENCES organisations(id),
  id              TEXT    NOT NULL,
  employee_id     TEXT    NOT NULL,
  name            TEXT    NOT NULL,
  email           TEXT    NOT NULL,
  job_title       TEXT    NOT NULL,
  team_id         TEXT,
  manager_id      TEXT,
  hire_date       TEXT    NOT NULL,
  location        TEXT    NOT NULL,
  employment_type TEXT    NOT NULL,
  attributes      TEXT    NOT NULL,
  status          TEXT    NOT NULL CHECK (status IN ('active', 'inactive')),
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, team_id) REFERENCES teams(org_id, id),
  FOREIGN KEY (org_id, manager_id) REFERENCES people(org_id, id)
) STRICT;
CREATE UNIQUE INDEX people_by_employee_id ON people (org_id, employee_id);
CREATE INDEX people_by_name ON people (org_id, name COLLATE NOCASE, id);
CREATE INDEX people_by_team ON people (org_id, team_id, name COLLATE NOCASE, id);
CREATE INDEX people_by_manager ON people (org_id, manager_id, name COLLATE NOCASE, id);

CREATE TABLE memberships (
  org_id     TEXT NOT NULL REFERENCES organisations(id),
  person_id  TEXT NOT NULL,
  valid_from TEXT NOT NULL,
  valid_to   TEXT,
  team_id    TEXT,
  manager_id TEXT,
  PRIMARY KEY (org_id, person_id, valid_from),
  FOREIGN KEY (org_id, person_id) REFERENCES people(org_id, id),
  FOREIGN KEY (org_id, team_id) REFERENCES teams(org_id, id),
  FOREIGN KEY (org_id, manager_id) REFERENCES people(org_id, id),
  CHECK (valid_to IS NULL OR valid_to > valid_from)
) STRICT;
CREATE INDEX memberships_by_team ON memberships (org_id, team_id, valid_from);

CREATE TABLE users (
  org_id              TEXT    NOT NULL REFERENCES organisations(id),
  id                  TEXT    NOT NULL,
  email               TEXT    NOT NULL,
  name                TEXT    NOT NULL,
  role                TEXT    NOT NULL,
  person_id           TEXT,
  password_hash       TEXT    NOT NULL,
  disabled            INTEGER NOT NULL CHECK (disabled IN (0, 1)),
  created_at          INTEGER NOT NULL,
  password_changed_at INTEGER NOT NULL,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, person_id) REFERENCES people(org_id, id)
) STRICT;
CREATE UNIQUE INDEX users_by_email ON users (email);
CREATE INDEX users_by_org_email ON users (org_id, email);

CREATE TABLE sessions (
  token_hash     TEXT    PRIMARY KEY NOT NULL,
  org_id         TEXT    NOT NULL REFERENCES organisations(id),
  user_id        TEXT    NOT NULL,
  created_at     INTEGER NOT NULL,
  last_seen_at   INTEGER NOT NULL,
  expires_at     INTEGER NOT NULL,
  remote_address TEXT    NOT NULL,
  FOREIGN KEY (org_id, user_id) REFERENCES users(org_id, id)
) STRICT;
CREATE INDEX sessions_by_user ON sessions (org_id, user_id);
CREATE INDEX sessions_by_expiry ON sessions (expires_at);

CREATE TABLE api_tokens (
  org_id       TEXT    NOT NULL REFERENCES organisations(id),
  id           TEXT    NOT NULL,
  user_id      TEXT    NOT NULL,
  name         TEXT    NOT NULL,
  token_hash   TEXT    NOT NULL UNIQUE,
  scopes       TEXT    NOT NULL,
  created_at   INTEGER NOT NULL,
  last_used_at INTEGER,
  expires_at   INTEGER,
  revoked_at   INTEGER,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, user_id) REFERENCES users(org_id, id)
) STRICT;
CREATE INDEX api_tokens_by_created ON api_tokens (org_id, created_at, id);
CREATE INDEX api_tokens_by_user ON api_tokens (org_id, user_id, created_at, id);

CREATE TABLE user_links (
  token_hash TEXT    PRIMARY KEY NOT NULL,
  org_id     TEXT    NOT NULL REFERENCES organisations(id),
  user_id    TEXT    NOT NULL,
  purpose    TEXT    NOT NULL CHECK (purpose IN ('invitation', 'password_reset')),
  created_by TEXT    NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at    INTEGER,
  FOREIGN KEY (org_id, user_id) REFERENCES users(org_id, id)
) STRICT;
CREATE INDEX user_links_by_user ON user_links (org_id, user_id);

CREATE TABLE audit_log (
  seq            INTEGER PRIMARY KEY AUTOINCREMENT,
  org_id         TEXT    NOT NULL REFERENCES organisations(id),
  at             INTEGER NOT NULL,
  actor_id       TEXT    NOT NULL,
  actor_label    TEXT    NOT NULL,
  action         TEXT    NOT NULL,
  target         TEXT    NOT NULL,
  detail         TEXT    NOT NULL,
  remote_address TEXT    NOT NULL
) STRICT;
CREATE INDEX audit_log_by_org ON audit_log (org_id, seq);
CREATE INDEX audit_log_by_action ON audit_log (org_id, action, seq);
CREATE INDEX audit_log_by_actor ON audit_log (org_id, actor_id, seq);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit log is append-only');
END;
)sql";

// The knowledge base: categories and sections, articles with their immutable revisions,
// feedback, daily view counts, attachments' metadata and settings. Conventions as in
// migration 2 (org_id first in every key, references include org_id).
// kb_articles keeps copies of its head and live revisions' titles (head_title, live_title),
// written with the revisions, so that listing in title order and searching titles need no
// join. A revision is never rewritten once stored (trigger); rows of a deleted article go
// with it, so revisions may be deleted. The due index holds verified_at + interval (days in
// microseconds) for live articles only, the expression the due filter compares.
constexpr std::string_view kMigration3 = R"sql(
CREATE TABLE kb_categories (
  org_id      TEXT    NOT NULL REFERENCES organisations(id),
  id          TEXT    NOT NULL,
  parent_id   TEXT,
  name        TEXT    NOT NULL,
  slug        TEXT    NOT NULL,
  description TEXT    NOT NULL,
  position    INTEGER NOT NULL,
  created_at  INTEGER NOT NULL,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, parent_id) REFERENCES kb_categories(org_id, id)
) STRICT;
CREATE UNIQUE INDEX kb_categories_by_parent_slug
  ON kb_categories (org_id, coalesce(parent_id, ''), slug);
CREATE UNIQUE INDEX kb_categories_by_parent_name
  ON kb_categories (org_id, coalesce(parent_id, ''), name);
CREATE INDEX kb_categories_by_parent ON kb_categories (org_id, parent_id);

CREATE TABLE kb_articles (
  org_id               TEXT    NOT NULL REFERENCES organisations(id),
  id                   TEXT    NOT NULL,
  translation_group    TEXT    NOT NULL,
  language             TEXT    NOT NULL,
  slug                 TEXT    NOT NULL,
  category_id          TEXT,
  visibility           TEXT    NOT NULL
                       CHECK (visibility IN ('internal', 'public', 'restricted')),
  roles                TEXT    NOT NULL,
  status               TEXT    NOT NULL
                       CHECK (status IN ('draft', 'in_review', 'published', 'archived')),
  owner_id             TEXT,
  verifier_id          TEXT,
  verify_interval_days INTEGER NOT NULL,
  verified_at          INTEGER NOT NULL,
  head_revision        INTEGER NOT NULL CHECK (head_revision >= 1),
  published_revision   INTEGER NOT NULL
                       CHECK (published_revision >= 0 AND published_revision <= head_revision),
  head_title           TEXT    NOT NULL,
  live_title           TEXT    NOT NULL,
  created_at           INTEGER NOT NULL,
  updated_at           INTEGER NOT NULL,
  published_at         INTEGER NOT NULL,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, category_id) REFERENCES kb_categories(org_id, id),
  FOREIGN KEY (org_id, owner_id) REFERENCES users(org_id, id),
  FOREIGN KEY (org_id, verifier_id) REFERENCES users(org_id, id)
) STRICT;
CREATE UNIQUE INDEX kb_articles_by_slug ON kb_articles (org_id, language, slug);
CREATE UNIQUE INDEX kb_articles_by_group ON kb_articles (org_id, translation_group, language);
CREATE INDEX kb_articles_by_title ON kb_articles (org_id, head_title COLLATE NOCASE, id);
CREATE INDEX kb_articles_by_status
  ON kb_articles (org_id, status, head_title COLLATE NOCASE, id);
CREATE INDEX kb_articles_by_owner
  ON kb_articles (org_id, owner_id, head_title COLLATE NOCASE, id);
CREATE INDEX kb_articles_by_category
  ON kb_articles (org_id, category_id, head_title COLLATE NOCASE, id);
CREATE INDEX kb_articles_by_due
  ON kb_articles (org_id, verified_at + verify_interval_days * 86400000000)
  WHERE published_revision > 0;

CREATE TABLE kb_revisions (
  org_id     TEXT    NOT NULL REFERENCES organisations(id),
  article_id TEXT    NOT NULL,
  number     INTEGER NOT NULL CHECK (number >= 1),
  title      TEXT    NOT NULL,
  summary    TEXT    NOT NULL,
  body       TEXT    NOT NULL,
  tags       TEXT    NOT NULL,
  author_id  TEXT,
  note       TEXT    NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (org_id, article_id, number),
  FOREIGN KEY (org_id, article_id) REFERENCES kb_articles(org_id, id),
  FOREIGN KEY (org_id, author_id) REFERENCES users(org_id, id)
) STRICT;
CREATE TRIGGER kb_revisions_no_update BEFORE UPDATE ON kb_revisions
BEGIN
  SELECT RAISE(ABORT, 'knowledge-base revisions are immutable');
END;

CREATE TABLE kb_feedback (
  org_id      TEXT    NOT NULL REFERENCES organisations(id),
  id          TEXT    NOT NULL,
  article_id  TEXT    NOT NULL,
  helpful     INTEGER NOT NULL CHECK (helpful IN (0, 1)),
  reason      TEXT    NOT NULL CHECK (reason IN ('none', 'outdated', 'incorrect', 'unclear',
                                                 'missing_information')),
  comment     TEXT    NOT NULL,
  from_public INTEGER NOT NULL CHECK (from_public IN (0, 1)),
  user_id     TEXT,
  revision    INTEGER NOT NULL,
  resolved    INTEGER NOT NULL CHECK (resolved IN (0, 1)),
  resolved_by TEXT,
  created_at  INTEGER NOT NULL,
  resolved_at INTEGER NOT NULL,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, article_id) REFERENCES kb_articles(org_id, id),
  FOREIGN KEY (org_id, user_id) REFERENCES users(org_id, id),
  FOREIGN KEY (org_id, resolved_by) REFERENCES users(org_id, id)
) STRICT;
CREATE INDEX kb_feedback_by_created ON kb_feedback (org_id, created_at, id);
CREATE INDEX kb_feedback_by_article ON kb_feedback (org_id, article_id, created_at, id);
CREATE INDEX kb_feedback_open_unhelpful ON kb_feedback (org_id, created_at, id)
  WHERE resolved = 0 AND helpful = 0;

CREATE TABLE kb_article_views (
  org_id       TEXT    NOT NULL REFERENCES organisations(id),
  article_id   TEXT    NOT NULL,
  day          TEXT    NOT NULL,
  staff_views  INTEGER NOT NULL,
  public_views INTEGER NOT NULL,
  PRIMARY KEY (org_id, article_id, day),
  FOREIGN KEY (org_id, article_id) REFERENCES kb_articles(org_id, id)
) STRICT;

CREATE TABLE kb_attachments (
  org_id       TEXT    NOT NULL REFERENCES organisations(id),
  id           TEXT    NOT NULL,
  article_id   TEXT,
  filename     TEXT    NOT NULL,
  content_type TEXT    NOT NULL,
  size         INTEGER NOT NULL CHECK (size >= 0),
  sha256       TEXT    NOT NULL,
  uploaded_by  TEXT,
  created_at   INTEGER NOT NULL,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, article_id) REFERENCES kb_articles(org_id, id),
  FOREIGN KEY (org_id, uploaded_by) REFERENCES users(org_id, id)
) STRICT;
CREATE INDEX kb_attachments_by_created ON kb_attachments (org_id, created_at, id);
CREATE INDEX kb_attachments_by_article ON kb_attachments (org_id, article_id, created_at, id);
CREATE INDEX kb_attachments_by_content ON kb_attachments (sha256);

CREATE TABLE kb_settings (
  org_id                       TEXT    PRIMARY KEY NOT NULL REFERENCES organisations(id),
  allow_self_approval          INTEGER NOT NULL CHECK (allow_self_approval IN (0, 1)),
  default_verify_interval_days INTEGER NOT NULL
) STRICT;
)sql";

// Search. search_changes is the change sequence the search index follows (store/search.h):
// triggers append (org_id, article_id) whenever a row of kb_articles or kb_feedback is
// inserted, updated or deleted, in the writing transaction, so every code path (and a plain
// SQL statement) is covered and a rollback takes its changes with it. kb_revisions needs no
// trigger: a revision becomes an article's content only through kb_articles (Create inserts
// the row, AddRevision moves head_revision, publishing moves published_revision), and
// revisions are never rewritten. Views (kb_article_views) are counted on every read and are
// not followed. article_id has no foreign key: the change of a deletion outlives the article.
// AUTOINCREMENT keeps seqs from being reused after a trim (sqlite_sequence holds the newest).
// search_queries keeps the clicked article's id without a foreign key for the same reason: the
// log outlives the article. Synonym groups keep their creation order in `position`.
constexpr std::string_view kMigration4 = R"sql(
CREATE TABLE search_changes (
  seq        INTEGER PRIMARY KEY AUTOINCREMENT,
  org_id     TEXT    NOT NULL REFERENCES organisations(id),
  article_id TEXT    NOT NULL
) STRICT;

CREATE TRIGGER kb_articles_search_insert AFTER INSERT ON kb_articles
BEGIN
  INSERT INTO search_changes (org_id, article_id) VALUES (NEW.org_id, NEW.id);
END;
CREATE TRIGGER kb_articles_search_update AFTER UPDATE ON kb_articles
BEGIN
  INSERT INTO search_changes (org_id, article_id) SELECT OLD.org_id, OLD.id
    WHERE OLD.org_id IS NOT NEW.org_id OR OLD.id IS NOT NEW.id;
  INSERT INTO search_changes (org_id, article_id) VALUES (NEW.org_id, NEW.id);
END;
CREATE TRIGGER kb_articles_search_delete AFTER DELETE ON kb_articles
BEGIN
  INSERT INTO search_changes (org_id, article_id) VALUES (OLD.org_id, OLD.id);
END;
CREATE TRIGGER kb_feedback_search_insert AFTER INSERT ON kb_feedback
BEGIN
  INSERT INTO search_changes (org_id, article_id) VALUES (NEW.org_id, NEW.article_id);
END;
CREATE TRIGGER kb_feedback_search_update AFTER UPDATE ON kb_feedback
BEGIN
  INSERT INTO search_changes (org_id, article_id) SELECT OLD.org_id, OLD.article_id
    WHERE OLD.org_id IS NOT NEW.org_id OR OLD.article_id IS NOT NEW.article_id;
  INSERT INTO search_changes (org_id, article_id) VALUES (NEW.org_id, NEW.article_id);
END;
CREATE TRIGGER kb_feedback_search_delete AFTER DELETE ON kb_feedback
BEGIN
  INSERT INTO search_changes (org_id, article_id) VALUES (OLD.org_id, OLD.article_id);
END;

CREATE TABLE search_queries (
  org_id           TEXT    NOT NULL REFERENCES organisations(id),
  id               TEXT    NOT NULL,
  at               INTEGER NOT NULL,
  audience         TEXT    NOT NULL CHECK (audience IN ('staff', 'public')),
  language         TEXT    NOT NULL,
  query            TEXT    NOT NULL,
  results          INTEGER NOT NULL CHECK (results >= 0),
  clicked_article  TEXT,
  clicked_position INTEGER,
  PRIMARY KEY (org_id, id)
) STRICT;
CREATE INDEX search_queries_by_at ON search_queries (org_id, at);

CREATE TABLE search_synonyms (
  org_id   TEXT    NOT NULL REFERENCES organisations(id),
  id       TEXT    NOT NULL,
  words    TEXT    NOT NULL,
  position INTEGER NOT NULL,
  PRIMARY KEY (org_id, id)
) STRICT;
CREATE INDEX search_synonyms_by_position ON search_synonyms (org_id, position, id);

CREATE TABLE search_settings (
  org_id               TEXT    PRIMARY KEY NOT NULL REFERENCES organisations(id),
  query_retention_days INTEGER NOT NULL DEFAULT 90
) STRICT;
)sql";

// Index = version - 1.
constexpr std::string_view kMigrationSql[] = {kMigration1, kMigration2, kMigration3, kMigration4};

constexpr std::string_view kHasMigrationsTableSql =
    "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'";
constexpr std::string_view kMaxVersionSql =
    "SELECT coalesce(max(version), 0) FROM schema_migrations";
constexpr std::string_view kRecordMigrationSql =
    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?1, ?2, ?3)";

core::Status ApplyOne(Connection& writer, const MigrationInfo& migration,
                      const core::Clock& clock) {
  RAPPORT_ASSIGN_OR_RETURN(const int current, ReadSchemaVersion(writer));
  RAPPORT_RETURN_IF_ERROR(CheckSchemaNotNewer(current));
  if (current >= migration.version) return core::Ok();  // another process was quicker
  if (current != migration.version - 1) {
    return core::Internal(fmt::format("schema version {} cannot be followed by migration {}",
                                      current, migration.version));
  }
  const std::string_view sql = MigrationSql(migration.version);
  if (sql.empty()) {
    return core::Internal(fmt::format("no SQLite text for migration {}", migration.version));
  }
  RAPPORT_RETURN_IF_ERROR(writer.Exec(sql, "run migration"));
  RAPPORT_ASSIGN_OR_RETURN(ScopedStatement record, writer.Prepare(kRecordMigrationSql));
  record->BindInt64(1, migration.version);
  record->BindText(2, migration.name);
  record->BindInt64(3, clock.Now().time_since_epoch().count());
  return record->Run();
}

}  // namespace

std::string_view MigrationSql(int version) {
  if (version < 1 || version > static_cast<int>(std::size(kMigrationSql))) return {};
  return kMigrationSql[version - 1];
}

core::Result<int> ReadSchemaVersion(Connection& connection) {
  RAPPORT_ASSIGN_OR_RETURN(const std::int64_t has_table,
                           connection.QueryInt64(kHasMigrationsTableSql));
  if (has_table == 0) return 0;
  RAPPORT_ASSIGN_OR_RETURN(const std::int64_t version, connection.QueryInt64(kMaxVersionSql));
  return static_cast<int>(version);
}

core::Status CheckSchemaNotNewer(int version) {
  if (version > LatestSchemaVersion()) {
    return core::Unavailable(fmt::format(
        "database schema version {} is newer than this binary supports ({}); run a newer "
        "rapport or restore a backup made by this version",
        version, LatestSchemaVersion()));
  }
  return core::Ok();
}

core::Status ApplyMigrations(Connection& writer, const core::Clock& clock) {
  for (const MigrationInfo& migration : KnownMigrations()) {
    RAPPORT_RETURN_IF_ERROR(writer.Exec("BEGIN IMMEDIATE", "begin migration"));
    core::Status status = ApplyOne(writer, migration, clock);
    if (status) status = writer.Exec("COMMIT", "commit migration");
    if (!status) {
      if (writer.InTransaction()) (void)writer.Exec("ROLLBACK", "roll back migration");
      return core::MakeError(status.error().code(),
                             fmt::format("migration {} ({}): {}", migration.version, migration.name,
                                         status.error().message()));
    }
  }
  return core::Ok();
}

}  // namespace rapport::store::sqlite::internal

#include "rapport/store/sqlite/internal/articles.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "rapport/store/sqlite/internal/codec.h"
#include "rapport/store/sqlite/internal/revisions.h"
#include "rapport/store/sqlite/internal/rows.h"

namespace rapport::store::sqlite::internal {
namespace {

#define RAPPORT_ARTICLE_COLUMNS                                                           \
  "a.id, a.translation_group, a.language, a.slug, a.category_id, a.visibility, a.roles, " \
  "a.status, a.owner_id, a.verifier_id, a.verify_interval_days, a.verified_at, "          \
  "a.head_revision, a.published_revision, a.created_at, a.updated_at, a.published_at"
// The head (h) and live (p) revisions' contents; p is NULL while nothing is live.
#define RAPPORT_CONTENTS_WITH_BODIES \
  ", h.title, h.summary, h.body, h.tags, p.title, p.summary, p.body, p.tags"
#define RAPPORT_CONTENTS_WITHOUT_BODIES \
  ", h.title, h.summary, '', h.tags, p.title, p.summary, '', p.tags"
#define RAPPORT_ARTICLE_FROM                                                                \
  " FROM kb_articles a JOIN kb_revisions h ON h.org_id = a.org_id AND h.article_id = a.id " \
  "AND h.number = a.head_revision LEFT JOIN kb_revisions p ON p.org_id = a.org_id "         \
  "AND p.article_id = a.id AND p.number = a.published_revision"

constexpr std::string_view kGetSql =
    "SELECT " RAPPORT_ARTICLE_COLUMNS RAPPORT_CONTENTS_WITH_BODIES RAPPORT_ARTICLE_FROM
    " WHERE a.org_id = ?1 AND a.id = ?2";
constexpr std::string_view kGetBySlugSql =
    "SELECT " RAPPORT_ARTICLE_COLUMNS RAPPORT_CONTENTS_WITH_BODIES RAPPORT_ARTICLE_FROM
    " WHERE a.org_id = ?1 AND a.language = ?2 AND a.slug = ?3";
constexpr std::string_view kListAllSql =
    "SELECT " RAPPORT_ARTICLE_COLUMNS RAPPORT_CONTENTS_WITH_BODIES RAPPORT_ARTICLE_FROM
    " WHERE a.org_id = ?1 ORDER BY a.id";
constexpr std::string_view kListPrefix =
    "SELECT " RAPPORT_ARTICLE_COLUMNS RAPPORT_CONTENTS_WITHOUT_BODIES RAPPORT_ARTICLE_FROM
    " WHERE a.org_id = ?1";
constexpr std::string_view kExistsSql = "SELECT 1 FROM kb_articles WHERE org_id = ?1 AND id = ?2";
constexpr std::string_view kCategoryExistsSql =
    "SELECT 1 FROM kb_categories WHERE org_id = ?1 AND id = ?2";
constexpr std::string_view kUserExistsSql = "SELECT 1 FROM users WHERE org_id = ?1 AND id = ?2";
constexpr std::string_view kSlugTakenSql =
    "SELECT 1 FROM kb_articles WHERE org_id = ?1 AND language = ?2 AND slug = ?3 AND id <> ?4";
constexpr std::string_view kLanguageTakenSql =
    "SELECT 1 FROM kb_articles WHERE org_id = ?1 AND translation_group = ?2 AND language = ?3 "
    "AND id <> ?4";
constexpr std::string_view kInsertSql =
    "INSERT INTO kb_articles (org_id, id, translation_group, language, slug, category_id, "
    "visibility, roles, status, owner_id, verifier_id, verify_interval_days, verified_at, "
    "head_revision, published_revision, created_at, updated_at, published_at, head_title, "
    "live_title) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, "
    "?17, ?18, ?19, ?20)";
// The live title follows published_revision, read from the revision it names.
constexpr std::string_view kUpdateSql =
    "UPDATE kb_articles SET translation_group = ?3, language = ?4, slug = ?5, category_id = ?6, "
    "visibility = ?7, roles = ?8, status = ?9, owner_id = ?10, verifier_id = ?11, "
    "verify_interval_days = ?12, verified_at = ?13, published_revision = ?15, updated_at = ?17, "
    "published_at = ?18, live_title = coalesce((SELECT title FROM kb_revisions WHERE org_id = ?1 "
    "AND article_id = ?2 AND number = ?15), '') WHERE org_id = ?1 AND id = ?2";
// Children before the article, as the foreign keys require.
constexpr std::array<std::string_view, 5> kDeleteSql = {
    "DELETE FROM kb_feedback WHERE org_id = ?1 AND article_id = ?2",
    "DELETE FROM kb_article_views WHERE org_id = ?1 AND article_id = ?2",
    "DELETE FROM kb_attachments WHERE org_id = ?1 AND article_id = ?2",
    "DELETE FROM kb_revisions WHERE org_id = ?1 AND article_id = ?2",
    "DELETE FROM kb_articles WHERE org_id = ?1 AND id = ?2",
};

#undef RAPPORT_ARTICLE_COLUMNS
#undef RAPPORT_CONTENTS_WITH_BODIES
#undef RAPPORT_CONTENTS_WITHOUT_BODIES
#undef RAPPORT_ARTICLE_FROM

// Column indexes of the article queries above.
constexpr int kHeadContentColumn = 17;
constexpr int kLiveContentColumn = 21;

// Reads title, summary, body and tags from four columns starting at `first`.
core::Result<ArticleContent> ReadContent(const Statement& row, int first) {
  RAPPORT_ASSIGN_OR_RETURN(std::vector<std::string> tags,
                           DecodeStringList(row.ColumnText(first + 3)));
  return ArticleContent{
      .title = row.ColumnText(first),
      .summary = row.ColumnText(first + 1),
      .body = row.ColumnText(first + 2),
      .tags = std::move(tags),
  };
}

// Reads the current row of an article query (kGetSql's columns).
core::Result<Article> ReadRow(const Statement& row) {
  RAPPORT_ASSIGN_OR_RETURN(const Visibility visibility, ParseVisibility(row.ColumnText(5)));
  RAPPORT_ASSIGN_OR_RETURN(std::vector<std::string> roles, DecodeStringList(row.ColumnText(6)));
  RAPPORT_ASSIGN_OR_RETURN(const ArticleStatus status, ParseArticleStatus(row.ColumnText(7)));
  RAPPORT_ASSIGN_OR_RETURN(ArticleContent head, ReadContent(row, kHeadContentColumn));
  Article article{
      .id = IdColumn<ArticleTag>(row, 0),
      .translation_group = row.ColumnText(1),
      .language = row.ColumnText(2),
      .slug = row.ColumnText(3),
      .category_id = OptionalIdColumn<CategoryTag>(row, 4),
      .visibility = visibility,
      .roles = std::move(roles),
      .status = status,
      .owner_id = OptionalIdColumn<UserTag>(row, 8),
      .verifier_id = OptionalIdColumn<UserTag>(row, 9),
      .verify_interval_days = static_cast<int>(row.ColumnInt64(10)),
      .verified_at = TimeColumn(row, 11),
      .head_revision = static_cast<int>(row.ColumnInt64(12)),
      .published_revision = static_cast<int>(row.ColumnInt64(13)),
      .created_at = TimeColumn(row, 14),
      .updated_at = TimeColumn(row, 15),
      .published_at = TimeColumn(row, 16),
      .head = std::move(head),
  };
  if (article.published_revision > 0) {
    if (row.ColumnIsNull(kLiveContentColumn)) {
      return core::Internal(fmt::format("store: article {} has no revision {}", article.id.str(),
                                        article.published_revision));
    }
    RAPPORT_ASSIGN_OR_RETURN(article.published, ReadContent(row, kLiveContentColumn));
  }
  return article;
}

// Binds ?1 = org and ?2..?18 = the metadata in kInsertSql's order (kUpdateSql leaves ?14,
// head_revision, and ?16, created_at, unused; the titles ?19 and ?20 are the caller's).
void BindArticle(Statement& statement, const OrganisationId& org, const Article& article) {
  statement.BindText(1, org.str());
  statement.BindText(2, article.id.str());
  statement.BindText(3, article.translation_group);
  statement.BindText(4, article.language);
  statement.BindText(5, article.slug);
  BindOptionalId(statement, 6, article.category_id);
  statement.BindText(7, VisibilityName(article.visibility));
  statement.BindText(8, EncodeStringList(article.roles));
  statement.BindText(9, ArticleStatusName(article.status));
  BindOptionalId(statement, 10, article.owner_id);
  BindOptionalId(statement, 11, article.verifier_id);
  statement.BindInt64(12, article.verify_interval_days);
  statement.BindInt64(13, ToMicros(article.verified_at));
  statement.BindInt64(14, article.head_revision);
  statement.BindInt64(15, article.published_revision);
  statement.BindInt64(16, ToMicros(article.created_at));
  statement.BindInt64(17, ToMicros(article.updated_at));
  statement.BindInt64(18, ToMicros(article.published_at));
}

core::Result<Article> GetOne(Connection& connection, std::string_view sql,
                             const OrganisationId& org, std::string_view key,
                             std::string_view second_key = {}) {
  RAPPORT_ASSIGN_OR_RETURN(ScopedStatement statement, connection.Prepare(sql));
  statement->BindText(1, org.str());
  statement->BindText(2, key);
  if (!second_key.empty()) statement->BindText(3, second_key);
  RAPPORT_ASSIGN_OR_RETURN(const bool found, statement->Step());
  if (!found) return core::NotFound("no article with this id or slug");
  return ReadRow(*statement);
}

// Whether an article other than `id` has both values in the columns `sql` compares.
core::Result<bool> OtherArticleHas(Connection& connection, std::string_view sql,
                                   const OrganisationId& org, std::string_view first,
                                   std::string_view second, const ArticleId& id) {
  RAPPORT_ASSIGN_OR_RETURN(ScopedStatement statement, connection.Prepare(sql));
  statement->BindText(1, org.str());
  statement->BindText(2, first);
  statement->BindText(3, second);
  statement->BindText(4, id.str());
  return statement->Step();
}

core::Error Taken(std::string message, std::string field) {
  return core::Error(core::ErrorCode::kConflict, std::move(message), std::move(field));
}

// An empty translation group stands for the article's own: a new article starts its group.
Article WithGroup(const Article& article) {
  Article out = article;
  if (out.translation_group.empty()) out.translation_group = out.id.str();
  return out;
}

// The article cursor's key: the fixed-length id first, then the head title, so no separator
// is needed and any title round-trips.
std::string CursorKey(const Article& article) { return article.id.str() + article.head.title; }

struct ArticleCursor {
  std::string title;
  std::string id;
};

core::Result<std::optional<ArticleCursor>> ParseCursor(std::string_view cursor) {
  if (cursor.empty()) return std::optional<ArticleCursor>();
  RAPPORT_ASSIGN_OR_RETURN(const std::string key, DecodeCursor(cursor));
  if (key.size() < core::kIdLength || !core::IsWellFormedId(key.substr(0, core::kIdLength))) {
    return core::InvalidArgument("malformed cursor", "cursor");
  }
  return ArticleCursor{.title = key.substr(core::kIdLength), .id = key.substr(0, core::kIdLength)};
}

// The statuses asked for, each once and in enum order, so a filter's SQL depends only on
// which statuses it names.
std::vector<ArticleStatus> DistinctStatuses(const std::vector<ArticleStatus>& statuses) {
  std::vector<ArticleStatus> out = statuses;
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

constexpr int kFirstStatusParameter = 12;

// The List query for the filters in use, built from fixed fragments only (every value is
// bound), so each combination is one cached statement. The due expression is the one the
// partial index kb_articles_by_due holds (86400000000 microseconds a day).
// Parameters: ?1 org, ?2 category, ?3 owner, ?4 visibility, ?5 language, ?6 translation group,
// ?7 due before, ?8 LIKE pattern, ?9/?10 cursor title/id, ?11 limit, ?12... statuses.
std::string ListSql(const ArticleFilter& filter, std::size_t status_count, bool after_cursor) {
  std::string sql(kListPrefix);
  if (status_count > 0) {
    sql += " AND a.status IN (";
    for (std::size_t i = 0; i < status_count; ++i) {
      sql += fmt::format("{}?{}", i == 0 ? "" : ", ", kFirstStatusParameter + i);
    }
    sql += ")";
  }
  if (filter.category_id.has_value()) {
    sql +=
        " AND (a.category_id = ?2 OR a.category_id IN "
        "(SELECT id FROM kb_categories WHERE org_id = ?1 AND parent_id = ?2))";
  }
  if (filter.owner_id.has_value()) sql += " AND a.owner_id = ?3";
  if (filter.visibility.has_value()) sql += " AND a.visibility = ?4";
  if (!filter.language.empty()) sql += " AND a.language = ?5";
  if (!filter.translation_group.empty()) sql += " AND a.translation_group = ?6";
  if (filter.published_only || filter.due_before.has_value()) {
    sql += " AND a.published_revision > 0";
  }
  if (filter.due_before.has_value()) {
    sql += " AND a.verified_at + a.verify_interval_days * 86400000000 <= ?7";
  }
  if (!filter.query.empty()) {
    sql += " AND (a.head_title LIKE ?8 ESCAPE '\\' OR a.live_title LIKE ?8 ESCAPE '\\')";
  }
  if (after_cursor) sql += " AND (a.head_title COLLATE NOCASE, a.id) > (?9, ?10)";
  // A translation group is a handful of rows: find them by kb_articles_by_group and sort them.
  // Without the unary + the planner walks kb_articles_by_title to skip the sort, which reads
  // every article of the organisation (the help center asks this on every page).
  sql += filter.translation_group.empty() ? " ORDER BY a.head_title COLLATE NOCASE, a.id"
                                          : " ORDER BY +a.head_title COLLATE NOCASE, a.id";
  sql += " LIMIT ?11";
  return sql;
}

}  // namespace

core::Status CheckArticleExists(Connection& connection, const OrganisationId& org,
                                const ArticleId& id, std::string field) {
  RAPPORT_ASSIGN_OR_RETURN(const bool exists,
                           RowExists(connection, kExistsSql, org.str(), id.str()));
  if (!exists) return NotFoundField("no article with this id", std::move(field));
  return core::Ok();
}

core::Status CheckUserExists(Connection& connection, const OrganisationId& org,
                             const std::optional<UserId>& user, std::string field) {
  if (!user.has_value()) return core::Ok();
  RAPPORT_ASSIGN_OR_RETURN(const bool exists,
                           RowExists(connection, kUserExistsSql, org.str(), user->str()));
  if (!exists)
    return NotFoundField("the user is not a user of this organisation", std::move(field));
  return core::Ok();
}

core::Result<Article> SqliteArticles::Get(const OrganisationId& org, const ArticleId& id) {
  return GetOne(connection_, kGetSql, org, id.str());
}

core::Result<Article> SqliteArticles::GetBySlug(const OrganisationId& org,
                                                std::string_view language, std::string_view slug) {
  if (language.empty() || slug.empty()) return core::NotFound("no article with this slug");
  return GetOne(connection_, kGetBySlugSql, org, language, slug);
}

core::Result<Page<Article>> SqliteArticles::List(const OrganisationId& org,
                                                 const ArticleFilter& filter,
                                                 const PageRequest& request) {
  RAPPORT_RETURN_IF_ERROR(ValidatePageLimit(request.limit));
  RAPPORT_ASSIGN_OR_RETURN(const std::optional<ArticleCursor> after, ParseCursor(request.cursor));
  const std::vector<ArticleStatus> statuses = DistinctStatuses(filter.statuses);
  RAPPORT_ASSIGN_OR_RETURN(
      ScopedStatement statement,
      connection_.Prepare(ListSql(filter, statuses.size(), after.has_value())));
  statement->BindText(1, org.str());
  if (filter.category_id.has_value()) statement->BindText(2, filter.category_id->str());
  if (filter.owner_id.has_value()) statement->BindText(3, filter.owner_id->str());
  if (filter.visibility.has_value()) statement->BindText(4, VisibilityName(*filter.visibility));
  if (!filter.language.empty()) statement->BindText(5, filter.language);
  if (!filter.translation_group.empty()) statement->BindText(6, filter.translation_group);
  if (filter.due_before.has_value()) statement->BindInt64(7, ToMicros(*filter.due_before));
  if (!filter.query.empty()) statement->BindText(8, ContainsPattern(filter.query));
  if (after.has_value()) {
    statement->BindText(9, after->title);
    statement->BindText(10, after->id);
  }
  statement->BindInt64(11, request.limit + 1);  // one extra row tells whether a page follows
  for (std::size_t i = 0; i < statuses.size(); ++i) {
    statement->BindText(kFirstStatusParameter + static_cast<int>(i),
                        ArticleStatusName(statuses[i]));
  }
  return FillPage<Article>(*statement, request.limit, ReadRow, CursorKey);
}

core::Result<std::vector<Article>> SqliteArticles::ListAll(const OrganisationId& org) {
  RAPPORT_ASSIGN_OR_RETURN(ScopedStatement statement, connection_.Prepare(kListAllSql));
  statement->BindText(1, org.str());
  std::vector<Article> articles;
  while (true) {
    RAPPORT_ASSIGN_OR_RETURN(const bool row, statement->Step());
    if (!row) return articles;
    RAPPORT_ASSIGN_OR_RETURN(Article article, ReadRow(*statement));
    articles.push_back(std::move(article));
  }
}

core::Result<std::vector<Revision>> SqliteArticles::Revisions(const OrganisationId& org,
                                                              const ArticleId& id) {
  return ListRevisions(connection_, org, id);
}

core::Result<Revision> SqliteArticles::GetRevision(const OrganisationId& org, const ArticleId& id,
                                                   int number) {
  return internal::GetRevision(connection_, org, id, number);
}

core::Status SqliteArticles::CheckWritable(const OrganisationId& org, const Article& article) {
  if (article.category_id.has_value()) {
    RAPPORT_ASSIGN_OR_RETURN(const bool exists, RowExists(connection_, kCategoryExistsSql,
                                                          org.str(), article.category_id->str()));
    if (!exists) {
      return NotFoundField("the category is not a category of this organisation", "category_id");
    }
  }
  RAPPORT_RETURN_IF_ERROR(CheckUserExists(connection_, org, article.owner_id, "owner_id"));
  RAPPORT_RETURN_IF_ERROR(CheckUserExists(connection_, org, article.verifier_id, "verifier_id"));
  // Writes are serialised, so these checks cannot race; the unique indexes stay as backstop.
  RAPPORT_ASSIGN_OR_RETURN(
      const bool slug_taken,
      OtherArticleHas(connection_, kSlugTakenSql, org, article.language, article.slug, article.id));
  if (slug_taken) {
    return std::unexpected(Taken(
        fmt::format("the slug '{}' is taken in language '{}'", article.slug, article.language),
        "slug"));
  }
  RAPPORT_ASSIGN_OR_RETURN(
      const bool language_taken,
      OtherArticleHas(connection_, kLanguageTakenSql, org, article.translation_group,
                      article.language, article.id));
  if (language_taken) {
    return std::unexpected(
        Taken(fmt::format("the article already has a translation in '{}'", article.language),
              "language"));
  }
  return core::Ok();
}

core::Result<Article> SqliteArticles::Create(const OrganisationId& org, const Article& article,
                                             const Revision& first) {
  if (article.id.empty()) return core::InvalidArgument("article id is empty", "id");
  // Revision 1 is the only one a new article has, so only it can be live.
  if (article.published_revision != 0 && article.published_revision != 1) {
    return core::Internal(
        fmt::format("store: a new article cannot publish revision {}", article.published_revision));
  }
  {
    RAPPORT_ASSIGN_OR_RETURN(const bool taken,
                             RowExists(connection_, kExistsSql, org.str(), article.id.str()));
    if (taken) return std::unexpected(Taken("an article with this id already exists", "id"));
  }
  Article stored = WithGroup(article);
  RAPPORT_RETURN_IF_ERROR(CheckWritable(org, stored));
  stored.head_revision = 1;
  stored.created_at = stored.updated_at = clock_.Now();
  stored.head = first.content;
  stored.published.reset();
  if (stored.published_revision == 1) stored.published = first.content;
  {
    RAPPORT_ASSIGN_OR_RETURN(ScopedStatement insert, connection_.Prepare(kInsertSql));
    BindArticle(*insert, org, stored);
    insert->BindText(19, stored.head.title);
    insert->BindText(20, stored.published.has_value() ? stored.published->title : "");
    RAPPORT_RETURN_IF_ERROR(RunInsert(*insert, "the article's slug or language is taken"));
  }
  RAPPORT_RETURN_IF_ERROR(InsertRevision(connection_, clock_, org, stored.id, 1, first));
  return stored;
}

core::Result<Article> SqliteArticles::Update(const OrganisationId& org, const Article& article) {
  RAPPORT_ASSIGN_OR_RETURN(const Article before, Get(org, article.id));
  // Revisions are numbered 1..head without gaps, so any number in that range exists.
  if (article.published_revision < 0 || article.published_revision > before.head_revision) {
    return core::Internal(fmt::format("store: article {} has no revision {} to publish",
                                      article.id.str(), article.published_revision));
  }
  Article stored = WithGroup(article);
  RAPPORT_RETURN_IF_ERROR(CheckWritable(org, stored));
  stored.updated_at = clock_.Now();
  {
    RAPPORT_ASSIGN_OR_RETURN(ScopedStatement update, connection_.Prepare(kUpdateSql));
    BindArticle(*update, org, stored);
    RAPPORT_RETURN_IF_ERROR(RunInsert(*update, "the article's slug or language is taken"));
  }
  return Get(org, article.id);
}

core::Result<Revision> SqliteArticles::AddRevision(const OrganisationId& org, const ArticleId& id,
                                                   const Revision& revision) {
  return AppendRevision(connection_, clock_, org, id, revision);
}

core::Status SqliteArticles::Delete(const OrganisationId& org, const ArticleId& id) {
  RAPPORT_RETURN_IF_ERROR(CheckArticleExists(connection_, org, id, {}));
  for (const std::string_view sql : kDeleteSql) {
    RAPPORT_ASSIGN_OR_RETURN(ScopedStatement remove, connection_.Prepare(sql));
    remove->BindText(1, org.str());
    remove->BindText(2, id.str());
    RAPPORT_RETURN_IF_ERROR(remove->Run());
  }
  return core::Ok();
}

}  // namespace rapport::store::sqlite::internal

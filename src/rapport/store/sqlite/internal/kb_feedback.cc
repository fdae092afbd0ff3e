#include "rapport/store/sqlite/internal/kb_feedback.h"

#include <fmt/format.h>

#include <charconv>

#include "rapport/store/sqlite/internal/articles.h"
#include "rapport/store/sqlite/internal/codec.h"
#include "rapport/store/sqlite/internal/rows.h"

namespace rapport::store::sqlite::internal {
namespace {

#define RAPPORT_FEEDBACK_COLUMNS                                                         \
  "id, article_id, helpful, reason, comment, from_public, user_id, revision, resolved, " \
  "resolved_by, created_at, resolved_at"

constexpr std::string_view kColumns = RAPPORT_FEEDBACK_COLUMNS;
constexpr std::string_view kGetSql =
    "SELECT " RAPPORT_FEEDBACK_COLUMNS " FROM kb_feedback WHERE org_id = ?1 AND id = ?2";
constexpr std::string_view kExistsSql = "SELECT 1 FROM kb_feedback WHERE org_id = ?1 AND id = ?2";
constexpr std::string_view kInsertSql =
    "INSERT INTO kb_feedback (org_id, " RAPPORT_FEEDBACK_COLUMNS
    ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)";
// Only open feedback changes, so a second resolution keeps the first one's author and time.
constexpr std::string_view kResolveSql =
    "UPDATE kb_feedback SET resolved = 1, resolved_by = ?3, resolved_at = ?4 "
    "WHERE org_id = ?1 AND id = ?2 AND resolved = 0";
constexpr std::string_view kStatsSql =
    "SELECT (SELECT coalesce(sum(staff_views), 0) FROM kb_article_views "
    "        WHERE org_id = ?1 AND article_id = ?2), "
    "       (SELECT coalesce(sum(public_views), 0) FROM kb_article_views "
    "        WHERE org_id = ?1 AND article_id = ?2), "
    "       coalesce(sum(helpful), 0), coalesce(sum(1 - helpful), 0), "
    "       coalesce(sum(helpful = 0 AND resolved = 0), 0) "
    "FROM kb_feedback WHERE org_id = ?1 AND article_id = ?2";
constexpr std::string_view kViewsSql =
    "SELECT day, staff_views, public_views FROM kb_article_views "
    "WHERE org_id = ?1 AND article_id = ?2 AND day >= ?3 AND day <= ?4 ORDER BY day";
constexpr std::string_view kRecordViewSql =
    "INSERT INTO kb_article_views (org_id, article_id, day, staff_views, public_views) "
    "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (org_id, article_id, day) DO UPDATE SET "
    "staff_views = staff_views + excluded.staff_views, "
    "public_views = public_views + excluded.public_views";

#undef RAPPORT_FEEDBACK_COLUMNS

core::Result<Feedback> ReadRow(const Statement& row) {
  RAPPORT_ASSIGN_OR_RETURN(const FeedbackReason reason, ParseFeedbackReason(row.ColumnText(3)));
  return Feedback{
      .id = IdColumn<FeedbackTag>(row, 0),
      .article_id = IdColumn<ArticleTag>(row, 1),
      .helpful = row.ColumnInt64(2) != 0,
      .reason = reason,
      .comment = row.ColumnText(4),
      .from_public = row.ColumnInt64(5) != 0,
      .user_id = OptionalIdColumn<UserTag>(row, 6),
      .revision = static_cast<int>(row.ColumnInt64(7)),
      .resolved = row.ColumnInt64(8) != 0,
      .resolved_by = OptionalIdColumn<UserTag>(row, 9),
      .created_at = TimeColumn(row, 10),
      .resolved_at = TimeColumn(row, 11),
  };
}

// The feedback cursor's key: the fixed-length id, then created_at in decimal microseconds.
std::string CursorKey(const Feedback& feedback) {
  return feedback.id.str() + std::to_string(ToMicros(feedback.created_at));
}

// Where the page starts: below (created_at, id) of the last feedback of the previous page.
struct FeedbackCursor {
  std::int64_t created_at;
  std::string id;
};

core::Result<std::optional<FeedbackCursor>> ParseCursor(std::string_view cursor) {
  if (cursor.empty()) return std::optional<FeedbackCursor>();
  RAPPORT_ASSIGN_OR_RETURN(const std::string key, DecodeCursor(cursor));
  if (key.size() <= core::kIdLength || !core::IsWellFormedId(key.substr(0, core::kIdLength))) {
    return core::InvalidArgument("malformed cursor", "cursor");
  }
  const std::string_view micros = std::string_view(key).substr(core::kIdLength);
  std::int64_t created_at = 0;
  const auto [end, error] =
      std::from_chars(micros.data(), micros.data() + micros.size(), created_at);
  if (error != std::errc() || end != micros.data() + micros.size()) {
    return core::InvalidArgument("malformed cursor", "cursor");
  }
  return FeedbackCursor{.created_at = created_at, .id = key.substr(0, core::kIdLength)};
}

// The List query for the filters in use, built from fixed fragments only (every value is
// bound). Parameters: ?1 org, ?2 article, ?3 owner, ?4/?5 cursor created_at/id, ?6 limit.
std::string ListSql(const FeedbackFilter& filter, bool after_cursor) {
  std::string sql = fmt::format("SELECT {} FROM kb_feedback WHERE org_id = ?1", kColumns);
  if (filter.article_id.has_value()) sql += " AND article_id = ?2";
  if (filter.owner_id.has_value()) {
    sql += " AND article_id IN (SELECT id FROM kb_articles WHERE org_id = ?1 AND owner_id = ?3)";
  }
  if (filter.open_only) sql += " AND resolved = 0";
  if (filter.unhelpful_only) sql += " AND helpful = 0";
  if (after_cursor) sql += " AND (created_at, id) < (?4, ?5)";
  sql += " ORDER BY created_at DESC, id DESC LIMIT ?6";
  return sql;
}

core::Status CheckDay(std::string_view day, std::string field) {
  if (!IsDateText(day)) return core::InvalidArgument("day must be YYYY-MM-DD", std::move(field));
  return core::Ok();
}

}  // namespace

core::Result<Page<Feedback>> SqliteFeedback::List(const OrganisationId& org,
                                                  const FeedbackFilter& filter,
                                                  const PageRequest& request) {
  RAPPORT_RETURN_IF_ERROR(ValidatePageLimit(request.limit));
  RAPPORT_ASSIGN_OR_RETURN(const std::optional<FeedbackCursor> after, ParseCursor(request.cursor));
  RAPPORT_ASSIGN_OR_RETURN(ScopedStatement statement,
                           connection_.Prepare(ListSql(filter, after.has_value())));
  statement->BindText(1, org.str());
  if (filter.article_id.has_value()) statement->BindText(2, filter.article_id->str());
  if (filter.owner_id.has_value()) statement->BindText(3, filter.owner_id->str());
  if (after.has_value()) {
    statement->BindInt64(4, after->created_at);
    statement->BindText(5, after->id);
  }
  statement->BindInt64(6, request.limit + 1);  // one extra row tells whether a page follows
  return FillPage<Feedback>(*statement, request.limit, ReadRow, CursorKey);
}

core::Result<Feedback> SqliteFeedback::Get(const OrganisationId& org, const FeedbackId& id) {
  RAPPORT_ASSIGN_OR_RETURN(ScopedStatement statement, connection_.Prepare(kGetSql));
  statement->BindText(1, org.str());
  statement->BindText(2, id.str());
  RAPPORT_ASSIGN_OR_RETURN(const bool found, statement->Step());
  if (!found) return core::NotFound("no feedback with this id");
  return ReadRow(*statement);
}

core::Result<ArticleStats> SqliteFeedback::Stats(const OrganisationId& org, const ArticleId& id) {
  RAPPORT_RETURN_IF_ERROR(CheckArticleExists(connection_, org, id, {}));
  RAPPORT_ASSIGN_OR_RETURN(ScopedStatement statement, connection_.Prepare(kStatsSql));
  statement->BindText(1, org.str());
  statement->BindText(2, id.str());
  RAPPORT_ASSIGN_OR_RETURN(const bool row, statement->Step());
  if (!row) return core::Internal("store: article statistics returned no row");
  return ArticleStats{
      .staff_views = statement->ColumnInt64(0),
      .public_views = statement->ColumnInt64(1),
      .helpful = static_cast<int>(statement->ColumnInt64(2)),
      .unhelpful = static_cast<int>(statement->ColumnInt64(3)),
      .open_feedback = static_cast<int>(statement->ColumnInt64(4)),
  };
}

core::Result<std::vector<DayViews>> SqliteFeedback::Views(const OrganisationId& org,
                                                          const ArticleId& id,
                                                          std::string_view from,
                                                          std::string_view to) {
  RAPPORT_RETURN_IF_ERROR(CheckDay(from, "from"));
  RAPPORT_RETURN_IF_ERROR(CheckDay(to, "to"));
  RAPPORT_RETURN_IF_ERROR(CheckArticleExists(connection_, org, id, {}));
  RAPPORT_ASSIGN_OR_RETURN(ScopedStatement statement, connection_.Prepare(kViewsSql));
  statement->BindText(1, org.str());
  statement->BindText(2, id.str());
  statement->BindText(3, from);
  statement->BindText(4, to);
  std::vector<DayViews> days;
  while (true) {
    RAPPORT_ASSIGN_OR_RETURN(const bool row, statement->Step());
    if (!row) return days;
    days.push_back(DayViews{.day = statement->ColumnText(0),
                            .staff = statement->ColumnInt64(1),
                            .public_views = statement->ColumnInt64(2)});
  }
}

core::Result<Feedback> SqliteFeedback::Add(const OrganisationId& org, const Feedback& feedback) {
  if (feedback.id.empty()) return core::InvalidArgument("feedback id is empty", "id");
  {
    RAPPORT_ASSIGN_OR_RETURN(const bool taken,
                             RowExists(connection_, kExistsSql, org.str(), feedback.id.str()));
    if (taken) {
      return core::MakeError(core::ErrorCode::kConflict, "feedback with this id already exists",
                             "id");
    }
  }
  RAPPORT_RETURN_IF_ERROR(CheckArticleExists(connection_, org, feedback.article_id, "article_id"));
  RAPPORT_RETURN_IF_ERROR(CheckUserExists(connection_, org, feedback.user_id, "user_id"));
  RAPPORT_RETURN_IF_ERROR(CheckUserExists(connection_, org, feedback.resolved_by, "resolved_by"));
  Feedback stored = feedback;
  stored.created_at = clock_.Now();
  RAPPORT_ASSIGN_OR_RETURN(ScopedStatement insert, connection_.Prepare(kInsertSql));
  insert->BindText(1, org.str());
  insert->BindText(2, stored.id.str());
  insert->BindText(3, stored.article_id.str());
  insert->BindInt64(4, stored.helpful ? 1 : 0);
  insert->BindText(5, FeedbackReasonName(stored.reason));
  insert->BindText(6, stored.comment);
  insert->BindInt64(7, stored.from_public ? 1 : 0);
  BindOptionalId(*insert, 8, stored.user_id);
  insert->BindInt64(9, stored.revision);
  insert->BindInt64(10, stored.resolved ? 1 : 0);
  BindOptionalId(*insert, 11, stored.resolved_by);
  insert->BindInt64(12, ToMicros(stored.created_at));
  insert->BindInt64(13, ToMicros(stored.resolved_at));
  RAPPORT_RETURN_IF_ERROR(RunInsert(*insert, "feedback with this id already exists"));
  return stored;
}

core::Result<Feedback> SqliteFeedback::Resolve(const OrganisationId& org, const FeedbackId& id,
                                               const UserId& by) {
  RAPPORT_ASSIGN_OR_RETURN(Feedback before, Get(org, id));
  if (before.resolved) return before;
  RAPPORT_RETURN_IF_ERROR(CheckUserExists(connection_, org, by, "by"));
  {
    RAPPORT_ASSIGN_OR_RETURN(ScopedStatement resolve, connection_.Prepare(kResolveSql));
    resolve->BindText(1, org.str());
    resolve->BindText(2, id.str());
    resolve->BindText(3, by.str());
    resolve->BindInt64(4, ToMicros(clock_.Now()));
    RAPPORT_RETURN_IF_ERROR(resolve->Run());
  }
  return Get(org, id);
}

core::Status SqliteFeedback::RecordView(const OrganisationId& org, const ArticleId& id,
                                        std::string_view day, bool from_public) {
  RAPPORT_RETURN_IF_ERROR(CheckDay(day, "day"));
  RAPPORT_RETURN_IF_ERROR(CheckArticleExists(connection_, org, id, {}));
  RAPPORT_ASSIGN_OR_RETURN(ScopedStatement record, connection_.Prepare(kRecordViewSql));
  record->BindText(1, org.str());
  record->BindText(2, id.str());
  record->BindText(3, day);
  record->BindInt64(4, from_public ? 0 : 1);
  record->BindInt64(5, from_public ? 1 : 0);
  return record->Run();
}

}  // namespace rapport::store::sqlite::internal

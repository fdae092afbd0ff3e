// KnowledgeBase: revision history, diffs, restore, feedback, views and statistics.

#include <algorithm>
#include <chrono>
#include <utility>

#include "rapport/core/audit_detail.h"
#include "rapport/kb/internal/views.h"
#include "rapport/kb/service.h"

namespace rapport::kb {
namespace {

using internal::AuditFor;
using internal::CheckComment;
using internal::LoadReadable;
using store::ArticleStatus;

constexpr int kMaxStatsDays = 366;

// The article, when the principal may see its unpublished revisions; NotFound when it may not
// read it at all, PermissionDenied when it may read but not see drafts.
core::Result<store::Article> LoadWithDrafts(store::ReadTx& tx, const auth::Principal& principal,
                                            const store::ArticleId& id) {
  RAPPORT_RETURN_IF_ERROR(auth::Authorize(principal, auth::Action::kKbWrite));
  return LoadReadable(tx, principal, id);
}

std::string JoinTags(const std::vector<std::string>& tags) {
  std::string out;
  for (const std::string& tag : tags) {
    if (!out.empty()) out += ", ";
    out += tag;
  }
  return out;
}

core::Result<FeedbackView> FeedbackViewOf(store::ReadTx& tx, const store::OrganisationId& org,
                                          const store::Feedback& feedback) {
  FeedbackView view;
  view.feedback = feedback;
  if (auto article = tx.articles().Get(org, feedback.article_id)) {
    view.article_title = article->published ? article->published->title : article->head.title;
  }
  view.user = internal::UserRefOf(tx, org, feedback.user_id);
  view.resolved_by = internal::UserRefOf(tx, org, feedback.resolved_by);
  return view;
}

}  // namespace

core::Result<std::vector<RevisionView>> KnowledgeBase::ListRevisions(
    const auth::Principal& principal, const store::ArticleId& id) {
  return store::ReadValue<std::vector<RevisionView>>(
      store_, [&](store::ReadTx& tx) -> core::Result<std::vector<RevisionView>> {
        RAPPORT_ASSIGN_OR_RETURN(const store::Article article, LoadWithDrafts(tx, principal, id));
        RAPPORT_ASSIGN_OR_RETURN(auto revisions, tx.articles().Revisions(principal.org_id, id));
        std::vector<RevisionView> out;
        out.reserve(revisions.size());
        for (store::Revision& revision : revisions) {
          revision.content.body.clear();
          RevisionView view;
          view.author = internal::UserRefOf(tx, principal.org_id, revision.author_id);
          view.published = revision.number == article.published_revision;
          view.revision = std::move(revision);
          out.push_back(std::move(view));
        }
        return out;
      });
}

core::Result<RevisionView> KnowledgeBase::GetRevision(const auth::Principal& principal,
                                                      const store::ArticleId& id, int number) {
  return store::ReadValue<RevisionView>(
      store_, [&](store::ReadTx& tx) -> core::Result<RevisionView> {
        RAPPORT_ASSIGN_OR_RETURN(const store::Article article, LoadWithDrafts(tx, principal, id));
        RevisionView view;
        RAPPORT_ASSIGN_OR_RETURN(view.revision,
                                 tx.articles().GetRevision(principal.org_id, id, number));
        view.author = internal::UserRefOf(tx, principal.org_id, view.revision.author_id);
        view.published = number == article.published_revision;
        RAPPORT_ASSIGN_OR_RETURN(
            view.rendered,
            internal::Render(tx, principal.org_id, view.revision.content.body, Audience::kStaff));
        return view;
      });
}

core::Result<RevisionDiff> KnowledgeBase::Diff(const auth::Principal& principal,
                                               const store::ArticleId& id, int from, int to) {
  return store::ReadValue<RevisionDiff>(
      store_, [&](store::ReadTx& tx) -> core::Result<RevisionDiff> {
        RAPPORT_ASSIGN_OR_RETURN(const store::Article article, LoadWithDrafts(tx, principal, id));
        // By default: what the head changes against what readers see (or the revision before).
        if (to == 0) to = article.head_revision;
        if (from == 0) {
          from = article.published_revision > 0 && article.published_revision != to
                     ? article.published_revision
                     : std::max(1, to - 1);
        }
        RAPPORT_ASSIGN_OR_RETURN(const store::Revision a,
                                 tx.articles().GetRevision(principal.org_id, id, from));
        RAPPORT_ASSIGN_OR_RETURN(const store::Revision b,
                                 tx.articles().GetRevision(principal.org_id, id, to));
        RevisionDiff diff{.from = from, .to = to, .fields = {}, .lines = {}};
        const auto field = [&](std::string name, const std::string& x, const std::string& y) {
          if (x != y) diff.fields.push_back({std::move(name), x, y});
        };
        field("title", a.content.title, b.content.title);
        field("summary", a.content.summary, b.content.summary);
        field("tags", JoinTags(a.content.tags), JoinTags(b.content.tags));
        diff.lines = DiffLines(a.content.body, b.content.body);
        return diff;
      });
}

core::Result<ArticleView> KnowledgeBase::Restore(const auth::Principal& principal,
                                                 const store::ArticleId& id, int number) {
  const core::TimePoint now = clock_.Now();
  return store::WriteValue<ArticleView>(
      store_, [&](store::WriteTx& tx) -> core::Result<ArticleView> {
        RAPPORT_RETURN_IF_ERROR(auth::Authorize(principal, auth::Action::kKbWrite));
        RAPPORT_ASSIGN_OR_RETURN(internal::Changeable loaded,
                                 internal::LoadChangeable(tx, principal, id));
        store::Article& article = loaded.article;
        if (!loaded.can.edit) {
          return core::PermissionDenied("you cannot edit this article");
        }
        auto old = tx.articles().GetRevision(principal.org_id, id, number);
        if (!old) {
          return core::MakeError(core::ErrorCode::kNotFound, "no such revision", "revision");
        }
        RAPPORT_ASSIGN_OR_RETURN(
            const store::Revision added,
            tx.articles().AddRevision(principal.org_id, id,
                                      {.article_id = id,
                                       .number = 0,
                                       .content = old->content,
                                       .author_id = principal.user_id,
                                       .note = "Restored revision " + std::to_string(number),
                                       .created_at = now}));
        article.head_revision = added.number;
        article.head = added.content;
        if (article.status == ArticleStatus::kPublished ||
            article.status == ArticleStatus::kInReview) {
          article.status = ArticleStatus::kDraft;
        }
        RAPPORT_ASSIGN_OR_RETURN(const store::Article stored,
                                 tx.articles().Update(principal.org_id, article));
        RAPPORT_RETURN_IF_ERROR(
            tx.audit().Append(AuditFor(principal, now, "kb.article.restored_revision", id.str(),
                                       core::AuditDetail()
                                           .Add("from_revision", std::int64_t{number})
                                           .Add("revision", std::int64_t{added.number})
                                           .str())));
        return internal::MakeView(tx, principal, stored, View::kHead, true, now);
      });
}

core::Result<FeedbackView> KnowledgeBase::AddFeedback(const auth::Principal& principal,
                                                      const store::ArticleId& id,
                                                      const FeedbackInput& input) {
  RAPPORT_ASSIGN_OR_RETURN(const std::string comment, CheckComment(input.comment));
  return store::WriteValue<FeedbackView>(
      store_, [&](store::WriteTx& tx) -> core::Result<FeedbackView> {
        RAPPORT_ASSIGN_OR_RETURN(const store::Article article, LoadReadable(tx, principal, id));
        store::Feedback feedback;
        feedback.id = store::FeedbackId::FromTrusted(NewId());
        feedback.article_id = id;
        feedback.helpful = input.helpful;
        feedback.reason = input.helpful ? store::FeedbackReason::kNone : input.reason;
        feedback.comment = comment;
        feedback.user_id = principal.user_id;
        feedback.revision =
            article.published_revision > 0 ? article.published_revision : article.head_revision;
        RAPPORT_ASSIGN_OR_RETURN(const store::Feedback stored,
                                 tx.feedback().Add(principal.org_id, feedback));
        return FeedbackViewOf(tx, principal.org_id, stored);
      });
}

core::Result<FeedbackPage> KnowledgeBase::ListFeedback(const auth::Principal& principal,
                                                       const FeedbackQuery& query,
                                                       const store::PageRequest& page) {
  RAPPORT_RETURN_IF_ERROR(auth::Authorize(principal, auth::Action::kKbWrite));
  RAPPORT_RETURN_IF_ERROR(store::ValidatePageLimit(page.limit));
  const bool publisher = auth::Authorize(principal, auth::Action::kKbPublish).has_value();
  store::FeedbackFilter filter;
  filter.article_id = query.article_id;
  filter.owner_id = query.owner_id;
  filter.open_only = query.open_only;
  filter.unhelpful_only = !query.include_helpful;
  return store::ReadValue<FeedbackPage>(
      store_, [&](store::ReadTx& tx) -> core::Result<FeedbackPage> {
        if (!publisher) {
          // Others see the feedback on their own articles, or on one article they may edit.
          if (query.article_id) {
            RAPPORT_ASSIGN_OR_RETURN(const store::Article article,
                                     LoadReadable(tx, principal, *query.article_id));
            if (!IsOwner(principal, article)) filter.owner_id = principal.user_id;
          } else if (!filter.owner_id) {
            filter.owner_id = principal.user_id;
          } else if (*filter.owner_id != principal.user_id) {
            return core::PermissionDenied("you can list the feedback on your own articles only");
          }
        }
        RAPPORT_ASSIGN_OR_RETURN(auto found, tx.feedback().List(principal.org_id, filter, page));
        FeedbackPage out;
        for (const store::Feedback& f : found.items) {
          RAPPORT_ASSIGN_OR_RETURN(FeedbackView view, FeedbackViewOf(tx, principal.org_id, f));
          out.feedback.push_back(std::move(view));
        }
        out.next_cursor = std::move(found.next_cursor);
        return out;
      });
}

core::Result<FeedbackView> KnowledgeBase::ResolveFeedback(const auth::Principal& principal,
                                                          const store::FeedbackId& id) {
  RAPPORT_RETURN_IF_ERROR(auth::Authorize(principal, auth::Action::kKbWrite));
  const core::TimePoint now = clock_.Now();
  return store::WriteValue<FeedbackView>(
      store_, [&](store::WriteTx& tx) -> core::Result<FeedbackView> {
        RAPPORT_ASSIGN_OR_RETURN(const store::Feedback feedback,
                                 tx.feedback().Get(principal.org_id, id));
        RAPPORT_ASSIGN_OR_RETURN(const store::Article article,
                                 LoadReadable(tx, principal, feedback.article_id));
        if (!IsOwner(principal, article) &&
            !auth::Authorize(principal, auth::Action::kKbPublish).has_value()) {
          return core::PermissionDenied(
              "only the article's owner or a knowledge editor can resolve its feedback");
        }
        RAPPORT_ASSIGN_OR_RETURN(const store::Feedback stored,
                                 tx.feedback().Resolve(principal.org_id, id, principal.user_id));
        if (!feedback.resolved) {
          RAPPORT_RETURN_IF_ERROR(tx.audit().Append(
              AuditFor(principal, now, "kb.feedback.resolved", id.str(),
                       core::AuditDetail().Add("article_id", article.id.str()).str())));
        }
        return FeedbackViewOf(tx, principal.org_id, stored);
      });
}

core::Result<StatsReport> KnowledgeBase::Stats(const auth::Principal& principal,
                                               const store::ArticleId& id, int days) {
  if (days < 1 || days > kMaxStatsDays) {
    return core::InvalidArgument("days must be between 1 and " + std::to_string(kMaxStatsDays),
                                 "days");
  }
  const core::TimePoint now = clock_.Now();
  // The report reads the store: write the views counted in memory first.
  RAPPORT_RETURN_IF_ERROR(FlushViews());
  return store::ReadValue<StatsReport>(store_, [&](store::ReadTx& tx) -> core::Result<StatsReport> {
    RAPPORT_RETURN_IF_ERROR(LoadWithDrafts(tx, principal, id));
    StatsReport report;
    RAPPORT_ASSIGN_OR_RETURN(report.stats.counts, tx.feedback().Stats(principal.org_id, id));
    if (const int votes = report.stats.counts.helpful + report.stats.counts.unhelpful; votes > 0) {
      report.stats.helpful_ratio = static_cast<double>(report.stats.counts.helpful) / votes;
    }
    const std::string to = internal::DayOf(now);
    const std::string from = internal::DayOf(now - std::chrono::days(days - 1));
    RAPPORT_ASSIGN_OR_RETURN(report.views, tx.feedback().Views(principal.org_id, id, from, to));
    return report;
  });
}

}  // namespace rapport::kb

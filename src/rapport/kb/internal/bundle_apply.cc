// Reading the knowledge base an import plans against, and writing the plan.

#include <fmt/format.h>

#include <chrono>

#include "rapport/kb/internal/bundle_plan.h"
#include "rapport/kb/internal/bundle_revisions.h"

namespace rapport::kb {
namespace {

constexpr std::string_view kImportNote = "Imported";

store::Revision MakeRevision(const store::ArticleContent& content, const ImportActor& actor,
                             core::TimePoint now) {
  return store::Revision{.article_id = {},
                         .number = 0,
                         .content = content,
                         .author_id = actor.user_id,
                         .note = std::string(kImportNote),
                         .created_at = now};
}

core::Status ApplyArticle(store::WriteTx& tx, const store::OrganisationId& org,
                          const PlannedArticle& p, const ImportActor& actor, core::TimePoint now) {
  auto& articles = tx.articles();
  std::size_t next = 0;
  if (!p.existing) {
    // REQUIRES: a new article has at least its first revision planned.
    store::Article article = p.article;
    const store::ArticleContent& first = p.new_revisions.front();
    article.head_revision = 1;
    article.published_revision = p.article.published_revision > 0 ? 1 : 0;
    article.head = first;
    article.published =
        article.published_revision > 0 ? std::optional<store::ArticleContent>(first) : std::nullopt;
    RAPPORT_RETURN_IF_ERROR(articles.Create(org, article, MakeRevision(first, actor, now)));
    next = 1;
  }
  for (; next < p.new_revisions.size(); ++next) {
    RAPPORT_RETURN_IF_ERROR(
        articles.AddRevision(org, p.article.id, MakeRevision(p.new_revisions[next], actor, now)));
  }
  if (p.existing && p.metadata_changed) RAPPORT_RETURN_IF_ERROR(articles.Update(org, p.article));
  return core::Ok();
}

}  // namespace

RevisionSteps StepsFor(const store::Article* existing, const store::ArticleContent& head,
                       LiveKind live, const store::ArticleContent& live_content) {
  RevisionSteps s;
  store::ArticleContent current;
  int published = 0;
  std::optional<store::ArticleContent> current_live;
  if (existing != nullptr) {
    current = existing->head;
    s.head_revision = existing->head_revision;
    published = existing->published_revision;
    current_live = existing->published;
  }
  const auto add = [&](const store::ArticleContent& content) {
    s.revisions.push_back(content);
    current = content;
    ++s.head_revision;
  };
  const bool fresh = existing == nullptr;
  switch (live) {
    case LiveKind::kKeep:
      if (fresh || current != head) add(head);
      s.published_revision = published;
      break;
    case LiveKind::kNone:
      if (fresh || current != head) add(head);
      s.published_revision = 0;
      break;
    case LiveKind::kHead:
      if (fresh || current != head) {
        add(head);
        s.published_revision = s.head_revision;
      } else {
        s.published_revision = published > 0 && current_live == head ? published : s.head_revision;
      }
      break;
    case LiveKind::kSeparate:
      if (!fresh && published > 0 && current_live == live_content) {
        s.published_revision = published;
      } else if (!fresh && current == live_content) {
        s.published_revision = s.head_revision;
      } else {
        add(live_content);
        s.published_revision = s.head_revision;
      }
      if (current != head) add(head);
      break;
  }
  return s;
}

bool SameMillisecond(core::TimePoint a, core::TimePoint b) {
  using std::chrono::floor;
  using std::chrono::milliseconds;
  return floor<milliseconds>(a) == floor<milliseconds>(b);
}

bool SameMetadata(const store::Article& a, const store::Article& b) {
  return a.translation_group == b.translation_group && a.language == b.language &&
         a.slug == b.slug && a.category_id == b.category_id && a.visibility == b.visibility &&
         a.roles == b.roles && a.status == b.status && a.owner_id == b.owner_id &&
         a.verifier_id == b.verifier_id && a.verify_interval_days == b.verify_interval_days &&
         SameMillisecond(a.verified_at, b.verified_at) &&
         a.published_revision == b.published_revision;
}

core::Result<KbSnapshot> ReadKbSnapshot(store::ReadTx& tx, const store::OrganisationId& org) {
  KbSnapshot s;
  RAPPORT_ASSIGN_OR_RETURN(s.articles, tx.articles().ListAll(org));
  RAPPORT_ASSIGN_OR_RETURN(s.categories, tx.categories().ListAll(org));
  RAPPORT_ASSIGN_OR_RETURN(s.users, tx.users().ListAll(org));
  RAPPORT_ASSIGN_OR_RETURN(s.attachments, tx.attachments().ListAll(org));
  RAPPORT_ASSIGN_OR_RETURN(s.settings, tx.kb_settings().Get(org));
  return s;
}

core::Status ApplyBundlePlan(store::WriteTx& tx, BlobStore& blobs, const store::OrganisationId& org,
                             const BundlePlan& plan, const ImportActor& actor,
                             core::TimePoint now) {
  for (const PlannedCategory& c : plan.categories) {
    if (c.create) RAPPORT_RETURN_IF_ERROR(tx.categories().Create(org, c.category));
  }
  for (const PlannedCategory& c : plan.categories) {
    if (c.update) RAPPORT_RETURN_IF_ERROR(tx.categories().Update(org, c.category));
  }
  for (const PlannedArticle& p : plan.articles) {
    RAPPORT_RETURN_IF_ERROR(ApplyArticle(tx, org, p, actor, now));
  }
  for (const PlannedAttachment& a : plan.attachments) {
    RAPPORT_ASSIGN_OR_RETURN(const std::string sha, blobs.Put(a.bytes));
    if (sha != a.attachment.sha256) {
      return core::Internal(fmt::format("the blob store named {} as {}", a.attachment.sha256, sha));
    }
    store::Attachment row = a.attachment;
    row.uploaded_by = actor.user_id;
    RAPPORT_RETURN_IF_ERROR(tx.attachments().Create(org, row));
  }
  return core::Ok();
}

}  // namespace rapport::kb

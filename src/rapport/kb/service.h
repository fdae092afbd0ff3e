#pragma once

// The knowledge base as the rest of Rapport uses it: articles and their lifecycle, revisions,
// verification, feedback and views, categories, settings and attachments for staff; and the
// help center's read-only view of public articles for anyone.
//
// Every staff method takes the principal first and asks auth::Authorize (plus the article
// rules below) before anything else; everything is confined to the principal's organisation,
// and an article the principal may not read answers NotFound exactly like an absent one.
//
// Who may read an article (CanRead): kb.publish holders read everything; the owner reads
// their own; otherwise kb.read, the article has a live revision, is not archived, and is
// internal or public, or restricted to a list of roles that holds the principal's role.
// Unpublished revisions (the head when it differs from the live one) are shown to kb.write
// holders who can read the article.
//
// Lifecycle (docs/api.md): draft -> in_review -> published -> archived, with withdraw
// (in_review -> draft) and restore (archived -> draft). Editing adds a revision: a published
// article stays live at its published revision while its head is a new draft. Approving needs
// kb.publish and, unless the organisation allows self-approval, a different person than the
// author of the head revision. Every lifecycle change is audited ("kb.article.*").
//
// Views are counted in memory and written to the store in one transaction at most once a
// second (or every 1,000 views), by the read that finds the interval passed, by Stats, by
// FlushViews and by the destructor; so a read never waits for a durable write.
//
// Thread-safety: safe for concurrent calls (the store serialises writes; ids are drawn under
// a mutex). Calls block on the store: never call them on an I/O thread.

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rapport/auth/policy.h"
#include "rapport/core/clock.h"
#include "rapport/core/error.h"
#include "rapport/core/id.h"
#include "rapport/core/thread_annotations.h"
#include "rapport/kb/attachment_rules.h"
#include "rapport/kb/blob_store.h"
#include "rapport/kb/bundle.h"
#include "rapport/kb/diff.h"
#include "rapport/kb/markdown.h"
#include "rapport/kb/rules.h"
#include "rapport/store/store.h"

namespace rapport::kb {
namespace internal {
class ViewTally;
}  // namespace internal

enum class View { kDefault, kLive, kHead };

struct UserRef {
  store::UserId id;
  std::string name;
};

struct Translation {
  store::ArticleId id;
  std::string language;
  std::string title;
};

struct ArticleStatsView {
  store::ArticleStats counts;
  std::optional<double> helpful_ratio;  // helpful / (helpful + unhelpful); empty without votes
};

struct ArticleView {
  store::Article article;  // bodies cleared in lists
  int revision = 0;        // which revision `content` is
  store::ArticleContent content;
  std::optional<UserRef> owner;
  std::optional<UserRef> verifier;
  bool stale = false;
  std::optional<core::TimePoint> verification_due_at;
  bool has_unpublished_changes = false;
  // Single article only:
  std::optional<RenderedMarkdown> rendered;
  std::vector<Translation> translations;
  ArticlePermissions can;
  std::optional<ArticleStatsView> stats;  // for kb.write holders
};

struct ArticlesPage {
  std::vector<ArticleView> articles;
  std::string next_cursor;
};

struct ArticleQuery {
  std::string query;
  std::vector<store::ArticleStatus> statuses;
  std::optional<store::CategoryId> category_id;
  std::optional<store::UserId> owner_id;
  std::optional<store::Visibility> visibility;
  std::string language;
  bool stale_only = false;
  View view = View::kDefault;
};

// A new article. Empty/unset members take defaults: language "en", visibility internal, slug
// from the title, the organisation's verification interval, no verifier.
struct NewArticle {
  std::string title;
  std::string summary;
  std::string body;
  std::vector<std::string> tags;
  std::optional<store::CategoryId> category_id;
  std::string language;
  std::optional<store::Visibility> visibility;
  std::vector<std::string> roles;
  std::string slug;
  std::optional<store::UserId> verifier_id;
  std::optional<int> verify_interval_days;
  std::optional<store::ArticleId> translation_of;
};

struct ArticlePatch {
  // Content: any of these adds a revision.
  std::optional<std::string> title;
  std::optional<std::string> summary;
  std::optional<std::string> body;
  std::optional<std::vector<std::string>> tags;
  std::string note;
  std::optional<int> base_revision;  // Conflict when the head moved on
  // Metadata.
  std::optional<std::optional<store::CategoryId>> category_id;
  std::optional<store::Visibility> visibility;
  std::optional<std::vector<std::string>> roles;
  std::optional<std::string> slug;
  std::optional<store::UserId> owner_id;
  std::optional<std::optional<store::UserId>> verifier_id;
  std::optional<int> verify_interval_days;
};

struct RevisionView {
  store::Revision revision;  // body empty in lists
  std::optional<UserRef> author;
  bool published = false;  // the live revision
  std::optional<RenderedMarkdown> rendered;
};

struct FieldChange {
  std::string field;
  std::string from;
  std::string to;
};

struct RevisionDiff {
  int from = 0;
  int to = 0;
  std::vector<FieldChange> fields;  // title, summary, tags when they differ
  std::vector<DiffLine> lines;      // the bodies, line by line
};

struct FeedbackInput {
  bool helpful = false;
  store::FeedbackReason reason = store::FeedbackReason::kNone;
  std::string comment;
};

struct FeedbackView {
  store::Feedback feedback;
  std::string article_title;
  std::optional<UserRef> user;
  std::optional<UserRef> resolved_by;
};

struct FeedbackPage {
  std::vector<FeedbackView> feedback;
  std::string next_cursor;
};

struct FeedbackQuery {
  std::optional<store::ArticleId> article_id;
  std::optional<store::UserId> owner_id;
  bool open_only = false;
  bool include_helpful = false;
};

struct CategoryView {
  store::Category category;
  int article_count = 0;  // articles readable by the caller, in it and its sections
};

struct CategoryInput {
  std::optional<std::string> name;
  std::optional<std::string> slug;
  std::optional<std::string> description;
  std::optional<std::optional<store::CategoryId>> parent_id;
  std::optional<int> position;
};

struct StatsReport {
  ArticleStatsView stats;
  std::vector<store::DayViews> views;
};

struct AttachmentContent {
  store::Attachment attachment;
  std::string bytes;
  bool inline_safe = false;
};

// Where rendered links point: staff pages and the help center use different URLs.
enum class Audience { kStaff, kPublic };

class KnowledgeBase {
 public:
  // All must outlive the service.
  KnowledgeBase(store::Store& store, BlobStore& blobs, const core::Clock& clock,
                core::IdGenerator& ids);
  // Writes the views still counted in memory.
  ~KnowledgeBase();
  KnowledgeBase(const KnowledgeBase&) = delete;
  KnowledgeBase& operator=(const KnowledgeBase&) = delete;

  // Writes the views counted in memory to the store now (at shutdown, say). On failure they
  // stay counted for the next flush.
  core::Status FlushViews() RAPPORT_EXCLUDES(flush_mu_);

  // kb.read. Lists omit bodies; readers without kb.publish see what CanRead allows (a page
  // may then hold fewer than `limit` articles; follow next_cursor).
  core::Result<ArticlesPage> ListArticles(const auth::Principal& principal,
                                          const ArticleQuery& query,
                                          const store::PageRequest& page);
  // kb.read; counts a staff view of the live revision.
  core::Result<ArticleView> GetArticle(const auth::Principal& principal, const store::ArticleId& id,
                                       View view);
  core::Result<ArticleView> CreateArticle(const auth::Principal& principal,
                                          const NewArticle& article);
  core::Result<ArticleView> UpdateArticle(const auth::Principal& principal,
                                          const store::ArticleId& id, const ArticlePatch& patch);
  core::Status DeleteArticle(const auth::Principal& principal, const store::ArticleId& id);
  core::Result<ArticleView> Transition(const auth::Principal& principal, const store::ArticleId& id,
                                       store::ArticleStatus to, std::string_view note);
  core::Result<ArticleView> Verify(const auth::Principal& principal, const store::ArticleId& id);

  core::Result<std::vector<RevisionView>> ListRevisions(const auth::Principal& principal,
                                                        const store::ArticleId& id);
  core::Result<RevisionView> GetRevision(const auth::Principal& principal,
                                         const store::ArticleId& id, int number);
  // A line diff of the bodies plus the changed title, summary and tags. `to` 0 means the head
  // revision; `from` 0 means the published revision (or the one before `to`).
  core::Result<RevisionDiff> Diff(const auth::Principal& principal, const store::ArticleId& id,
                                  int from, int to);
  core::Result<ArticleView> Restore(const auth::Principal& principal, const store::ArticleId& id,
                                    int number);

  core::Result<FeedbackView> AddFeedback(const auth::Principal& principal,
                                         const store::ArticleId& id, const FeedbackInput& input);
  core::Result<FeedbackPage> ListFeedback(const auth::Principal& principal,
                                          const FeedbackQuery& query,
                                          const store::PageRequest& page);
  core::Result<FeedbackView> ResolveFeedback(const auth::Principal& principal,
                                             const store::FeedbackId& id);
  core::Result<StatsReport> Stats(const auth::Principal& principal, const store::ArticleId& id,
                                  int days);

  // kb.write: the editor's live preview, rendered exactly as an article would be.
  core::Result<RenderedMarkdown> Preview(const auth::Principal& principal,
                                         std::string_view markdown);

  core::Result<std::vector<CategoryView>> ListCategories(const auth::Principal& principal);
  core::Result<store::Category> CreateCategory(const auth::Principal& principal,
                                               const CategoryInput& input);
  core::Result<store::Category> UpdateCategory(const auth::Principal& principal,
                                               const store::CategoryId& id,
                                               const CategoryInput& input);
  core::Status DeleteCategory(const auth::Principal& principal, const store::CategoryId& id);

  // kb.write: the accounts that may own or verify an article (enabled, with a role that may
  // write articles), by name, for the editor's pickers.
  core::Result<std::vector<UserRef>> ListWriters(const auth::Principal& principal);

  core::Result<store::KbSettings> GetSettings(const auth::Principal& principal);
  core::Result<store::KbSettings> UpdateSettings(const auth::Principal& principal,
                                                 std::optional<bool> allow_self_approval,
                                                 std::optional<int> default_interval_days);

  // kb.write; the article (when given) must be one the principal may edit.
  core::Result<store::Attachment> UploadAttachment(const auth::Principal& principal,
                                                   std::string_view filename,
                                                   const std::optional<store::ArticleId>& article,
                                                   std::string_view bytes);
  // kb.read, and the principal may read the attachment's article.
  core::Result<AttachmentContent> ReadAttachment(const auth::Principal& principal,
                                                 const store::AttachmentId& id);

  // kb.manage and kb.publish: imports a zip or tar archive of Markdown (with front matter) and
  // HTML files, all or nothing (see bundle.h). The report lists every per-file error; nothing
  // is written when there is one.
  core::Result<ImportReport> ImportArchive(const auth::Principal& principal,
                                           std::string_view archive, const ImportOptions& options);
  // kb.manage and kb.publish: the whole knowledge base as a zip that imports back losslessly,
  // audited as "kb.export".
  core::Result<std::string> ExportArchive(const auth::Principal& principal);

  // --- The help center: no principal; public, published, not archived articles only. ---

  struct HelpCategory {
    store::Category category;
    std::vector<store::Category> sections;
    int article_count = 0;
  };
  struct HelpArticle {
    store::Article article;  // `published` holds the live content
    std::string category_slug;
    std::string category_name;
    std::string section_name;
    RenderedMarkdown rendered;
    std::vector<Translation> translations;  // public translations only
    bool language_matched = true;           // false when the reader's language was not available
  };
  struct HelpListing {
    std::vector<store::Article> articles;  // bodies cleared
    std::string next_cursor;
  };

  // Categories holding at least one public article.
  core::Result<std::vector<HelpCategory>> HelpCategories(const store::OrganisationId& org);
  // Public articles, optionally of one category (by slug, with its sections) and language.
  core::Result<HelpListing> HelpArticles(const store::OrganisationId& org,
                                         std::string_view category_slug, std::string_view language,
                                         std::string_view query, const store::PageRequest& page);
  // By id or slug; `languages` in preference order (from ?lang= or Accept-Language): the
  // article's translation in the first available language, else the article itself with
  // language_matched = false. Counts a public view. NotFound for anything not public.
  core::Result<HelpArticle> HelpArticleFor(const store::OrganisationId& org,
                                           std::string_view id_or_slug,
                                           const std::vector<std::string>& languages);
  core::Status HelpFeedback(const store::OrganisationId& org, const store::ArticleId& id,
                            const FeedbackInput& input);
  // An attachment of a public article.
  core::Result<AttachmentContent> HelpAttachment(const store::OrganisationId& org,
                                                 const store::AttachmentId& id);

 private:
  std::string NewId() RAPPORT_EXCLUDES(ids_mu_);
  // Counts one view of the live text; flushes when the interval has passed or many wait.
  void CountView(const store::OrganisationId& org, const store::ArticleId& id, bool is_public)
      RAPPORT_EXCLUDES(flush_mu_);

  store::Store& store_;
  BlobStore& blobs_;
  const core::Clock& clock_;
  core::Mutex ids_mu_;
  core::IdGenerator& ids_ RAPPORT_GUARDED_BY(ids_mu_);
  std::unique_ptr<internal::ViewTally> views_;
  core::Mutex flush_mu_;  // one flush at a time
  core::TimePoint last_flush_ RAPPORT_GUARDED_BY(flush_mu_);
};

}  // namespace rapport::kb

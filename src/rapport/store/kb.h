#pragma once

// The knowledge base in store terms: categories (a two-level tree: categories, and sections
// inside them), articles with their revisions, reader feedback, daily view counts,
// attachments' metadata and the organisation's knowledge-base settings.
//
// An article is one row of metadata plus numbered revisions of its content. `head_revision`
// is the newest revision (the one being worked on); `published_revision` is the one readers
// see (0 while nothing was ever published). Editing a published article adds a revision and
// leaves `published_revision` where it was, so the live text never changes under readers
// until the next approval. Revisions are never changed once written.
//
// Every row belongs to one organisation and every method takes its id first; a row of another
// organisation answers NotFound exactly like a row that does not exist. The store keeps rows
// and enforces uniqueness (Conflict, with the field); the kb domain (rapport/kb) validates
// values and owns the lifecycle rules.
//
// Thread-safety: as for every repository (see organisation.h).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "rapport/core/clock.h"
#include "rapport/core/error.h"
#include "rapport/core/id.h"
#include "rapport/store/access.h"
#include "rapport/store/organisation.h"
#include "rapport/store/pagination.h"

namespace rapport::store {

struct CategoryTag {};
using CategoryId = core::Id<CategoryTag>;
struct ArticleTag {};
using ArticleId = core::Id<ArticleTag>;
struct FeedbackTag {};
using FeedbackId = core::Id<FeedbackTag>;
struct AttachmentTag {};
using AttachmentId = core::Id<AttachmentTag>;

// A category (no parent) or a section (its parent is a category). Slugs are unique among
// siblings; so are names.
struct Category {
  CategoryId id = {};
  std::optional<CategoryId> parent_id = {};
  std::string name = {};
  std::string slug = {};
  std::string description = {};
  int position = 0;  // order among siblings, then name
  core::TimePoint created_at = {};

  friend bool operator==(const Category&, const Category&) = default;
};

enum class ArticleStatus { kDraft, kInReview, kPublished, kArchived };
enum class Visibility { kInternal, kPublic, kRestricted };

struct ArticleContent {
  std::string title = {};
  std::string summary = {};
  std::string body = {};  // Markdown
  std::vector<std::string> tags = {};

  friend bool operator==(const ArticleContent&, const ArticleContent&) = default;
};

struct Revision {
  ArticleId article_id = {};
  int number = 0;  // 1, 2, ... per article
  ArticleContent content = {};
  std::optional<UserId> author_id = {};  // empty for imports by the system
  std::string note = {};                 // "Restored revision 3", "Imported", ...
  core::TimePoint created_at = {};

  friend bool operator==(const Revision&, const Revision&) = default;
};

struct Article {
  ArticleId id = {};
  // Articles sharing a translation group are one article in several languages; at most one
  // per language. A new article starts its own group (the group id is its own id).
  std::string translation_group = {};
  std::string language = {};  // BCP 47 tag, lower-case language, e.g. "en", "pt-br"
  std::string slug = {};      // unique per organisation and language
  std::optional<CategoryId> category_id = {};  // a category or a section
  Visibility visibility = Visibility::kInternal;
  std::vector<std::string> roles = {};  // role names that may read a kRestricted article
  ArticleStatus status = ArticleStatus::kDraft;
  std::optional<UserId> owner_id = {};
  std::optional<UserId> verifier_id = {};
  int verify_interval_days = 90;
  core::TimePoint verified_at = {};  // epoch when never verified
  int head_revision = 0;
  int published_revision = 0;  // 0 when nothing is live
  core::TimePoint created_at = {};
  core::TimePoint updated_at = {};
  core::TimePoint published_at = {};  // when the live revision was published; epoch if never
  // Filled by reads: the head revision's content and, when something is live, the published
  // revision's. Lists leave `body` empty in both (titles, summaries and tags only).
  ArticleContent head = {};
  std::optional<ArticleContent> published = {};

  friend bool operator==(const Article&, const Article&) = default;
};

struct ArticleFilter {
  std::vector<ArticleStatus> statuses = {};    // any of these; empty for all
  std::optional<CategoryId> category_id = {};  // this category or section, or sections below it
  std::optional<UserId> owner_id = {};
  std::optional<Visibility> visibility = {};
  std::string language = {};           // empty for all
  std::string translation_group = {};  // empty for all
  bool published_only = false;         // only articles with a live revision
  // Only articles whose verification is due at or before this time (verified_at +
  // verify_interval_days <= due_before), among those with a live revision.
  std::optional<core::TimePoint> due_before = {};
  std::string query = {};  // case-insensitive substring of the head title (or live title)
};

// Articles list in title order (case-insensitive, head title), then id; cursor pagination.
class ArticleReader {
 public:
  virtual ~ArticleReader() = default;
  virtual core::Result<Article> Get(const OrganisationId& org, const ArticleId& id) = 0;
  virtual core::Result<Article> GetBySlug(const OrganisationId& org, std::string_view language,
                                          std::string_view slug) = 0;
  virtual core::Result<Page<Article>> List(const OrganisationId& org, const ArticleFilter& filter,
                                           const PageRequest& page) = 0;
  // Every article with both contents' bodies, in id order: exports and imports.
  virtual core::Result<std::vector<Article>> ListAll(const OrganisationId& org) = 0;
  // Every revision of the article, newest first, bodies included.
  virtual core::Result<std::vector<Revision>> Revisions(const OrganisationId& org,
                                                        const ArticleId& id) = 0;
  // NotFound (field "revision") when the article has no such revision.
  virtual core::Result<Revision> GetRevision(const OrganisationId& org, const ArticleId& id,
                                             int number) = 0;
};

class ArticleRepository : public ArticleReader {
 public:
  // Inserts the article and its first revision (number 1; head_revision = 1); the article's
  // `head`/`published` and revision numbers are taken from `first` and `publish`: when
  // `publish` is true revision 1 is also the published one. created_at = updated_at = now.
  // Conflict (field "slug") for a slug taken in the language, (field "language") when the
  // translation group already has that language, or (field "id") for a taken id. NotFound
  // (field "category_id") for a category of no such id.
  virtual core::Result<Article> Create(const OrganisationId& org, const Article& article,
                                       const Revision& first) = 0;
  // Replaces the metadata (everything but id, created_at, head_revision and the contents)
  // and stamps updated_at. published_revision must be 0 or an existing revision (Internal
  // otherwise). Conflicts as for Create.
  virtual core::Result<Article> Update(const OrganisationId& org, const Article& article) = 0;
  // Appends revision head_revision + 1 (its number and article_id are assigned), moves
  // head_revision to it and stamps updated_at. Returns the stored revision.
  virtual core::Result<Revision> AddRevision(const OrganisationId& org, const ArticleId& id,
                                             const Revision& revision) = 0;
  // Removes the article with its revisions, feedback, view counts and its attachments' rows.
  virtual core::Status Delete(const OrganisationId& org, const ArticleId& id) = 0;
};

class CategoryReader {
 public:
  virtual ~CategoryReader() = default;
  virtual core::Result<Category> Get(const OrganisationId& org, const CategoryId& id) = 0;
  // Every category and section: top level first, then by position, name.
  virtual core::Result<std::vector<Category>> ListAll(const OrganisationId& org) = 0;
};

class CategoryRepository : public CategoryReader {
 public:
  // Conflict (field "slug" or "name") for a sibling with that slug or name, (field "id") for a
  // taken id; NotFound (field "parent_id") for an unknown parent.
  virtual core::Result<Category> Create(const OrganisationId& org, const Category& category) = 0;
  // Replaces name, slug, description, position and parent; conflicts as for Create.
  virtual core::Result<Category> Update(const OrganisationId& org, const Category& category) = 0;
  // Conflict when sections or articles still belong to it.
  virtual core::Status Delete(const OrganisationId& org, const CategoryId& id) = 0;
};

enum class FeedbackReason { kNone, kOutdated, kIncorrect, kUnclear, kMissingInformation };

struct Feedback {
  FeedbackId id = {};
  ArticleId article_id = {};
  bool helpful = false;
  FeedbackReason reason = FeedbackReason::kNone;
  std::string comment = {};
  bool from_public = false;            // the help center, without sign-in
  std::optional<UserId> user_id = {};  // staff feedback only
  int revision = 0;                    // the revision the reader saw
  bool resolved = false;
  std::optional<UserId> resolved_by = {};
  core::TimePoint created_at = {};
  core::TimePoint resolved_at = {};  // epoch while open

  friend bool operator==(const Feedback&, const Feedback&) = default;
};

struct FeedbackFilter {
  std::optional<ArticleId> article_id = {};
  std::optional<UserId> owner_id = {};  // feedback on articles this user owns
  bool open_only = false;
  bool unhelpful_only = false;
};

struct ArticleStats {
  std::int64_t staff_views = 0;
  std::int64_t public_views = 0;
  int helpful = 0;
  int unhelpful = 0;
  int open_feedback = 0;  // unresolved "not helpful" votes

  friend bool operator==(const ArticleStats&, const ArticleStats&) = default;
};

struct DayViews {
  std::string day = {};  // "YYYY-MM-DD" in UTC
  std::int64_t staff = 0;
  std::int64_t public_views = 0;

  friend bool operator==(const DayViews&, const DayViews&) = default;
};

class FeedbackReader {
 public:
  virtual ~FeedbackReader() = default;
  // Newest first, cursor pagination.
  virtual core::Result<Page<Feedback>> List(const OrganisationId& org, const FeedbackFilter& filter,
                                            const PageRequest& page) = 0;
  virtual core::Result<Feedback> Get(const OrganisationId& org, const FeedbackId& id) = 0;
  virtual core::Result<ArticleStats> Stats(const OrganisationId& org, const ArticleId& id) = 0;
  // Days in [from, to] (inclusive, "YYYY-MM-DD") with at least one view, oldest first.
  virtual core::Result<std::vector<DayViews>> Views(const OrganisationId& org, const ArticleId& id,
                                                    std::string_view from, std::string_view to) = 0;
};

class FeedbackRepository : public FeedbackReader {
 public:
  // NotFound (field "article_id") for an unknown article.
  virtual core::Result<Feedback> Add(const OrganisationId& org, const Feedback& feedback) = 0;
  // Marks it resolved by `by` at now. NotFound for an unknown id; resolving twice is Ok and
  // keeps the first resolution.
  virtual core::Result<Feedback> Resolve(const OrganisationId& org, const FeedbackId& id,
                                         const UserId& by) = 0;
  // Adds one view on `day` ("YYYY-MM-DD"). NotFound for an unknown article.
  virtual core::Status RecordView(const OrganisationId& org, const ArticleId& id,
                                  std::string_view day, bool from_public) = 0;
};

struct Attachment {
  AttachmentId id = {};
  std::optional<ArticleId> article_id = {};
  std::string filename = {};      // as uploaded, cleaned by the domain
  std::string content_type = {};  // sniffed by the domain
  std::int64_t size = 0;
  std::string sha256 = {};  // hex; names the file in the data directory
  std::optional<UserId> uploaded_by = {};
  core::TimePoint created_at = {};

  friend bool operator==(const Attachment&, const Attachment&) = default;
};

class AttachmentReader {
 public:
  virtual ~AttachmentReader() = default;
  virtual core::Result<Attachment> Get(const OrganisationId& org, const AttachmentId& id) = 0;
  // Oldest first.
  virtual core::Result<std::vector<Attachment>> ListForArticle(const OrganisationId& org,
                                                               const ArticleId& id) = 0;
  // Every attachment of the organisation, oldest first: exports.
  virtual core::Result<std::vector<Attachment>> ListAll(const OrganisationId& org) = 0;
  // Whether any attachment row (of any organisation) still names this content: the file may
  // be removed from disk only when none does.
  virtual core::Result<bool> ContentInUse(std::string_view sha256) = 0;
};

class AttachmentRepository : public AttachmentReader {
 public:
  // Stamps created_at. Conflict (field "id") for a taken id; NotFound (field "article_id").
  virtual core::Result<Attachment> Create(const OrganisationId& org,
                                          const Attachment& attachment) = 0;
  // Gives an attachment uploaded before its article existed to that article. NotFound
  // (field "article_id") for an unknown article, plain NotFound for an unknown attachment.
  virtual core::Result<Attachment> AttachTo(const OrganisationId& org, const AttachmentId& id,
                                            const ArticleId& article) = 0;
  virtual core::Status Delete(const OrganisationId& org, const AttachmentId& id) = 0;
};

struct KbSettings {
  bool allow_self_approval = false;  // may the author of a revision approve it?
  int default_verify_interval_days = 90;

  friend bool operator==(const KbSettings&, const KbSettings&) = default;
};

class KbSettingsReader {
 public:
  virtual ~KbSettingsReader() = default;
  // The defaults above when the organisation never saved any.
  virtual core::Result<KbSettings> Get(const OrganisationId& org) = 0;
};

class KbSettingsRepository : public KbSettingsReader {
 public:
  virtual core::Status Put(const OrganisationId& org, const KbSettings& settings) = 0;
};

}  // namespace rapport::store

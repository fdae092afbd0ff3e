#pragma once

// The second step of an import: what a parsed bundle means for an organisation's knowledge
// base (which categories, articles and attachments to create or change, with which ids), and
// applying that in the caller's write transaction.
//
// Thread-safety: PlanBundle is a pure function of its inputs (and the id generator);
// ApplyBundlePlan uses the caller's transaction.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rapport/core/clock.h"
#include "rapport/core/id.h"
#include "rapport/kb/blob_store.h"
#include "rapport/kb/bundle.h"
#include "rapport/kb/internal/bundle_parse.h"
#include "rapport/store/store.h"

namespace rapport::kb {

// The organisation's knowledge base as an import sees it.
struct KbSnapshot {
  std::vector<store::Article> articles;  // with both contents' bodies
  std::vector<store::Category> categories;
  std::vector<store::User> users;
  std::vector<store::Attachment> attachments;
  store::KbSettings settings;
};

core::Result<KbSnapshot> ReadKbSnapshot(store::ReadTx& tx, const store::OrganisationId& org);

// What readers will see after the import.
enum class LiveKind {
  kKeep,      // whatever the existing article has
  kNone,      // nothing
  kHead,      // the head revision
  kSeparate,  // `live_content`, a revision of its own before the head
};

struct PlannedCategory {
  store::Category category;  // the desired state
  bool create = false;
  bool update = false;
};

struct PlannedArticle {
  std::string path;
  std::optional<std::size_t> existing;  // index into KbSnapshot::articles
  store::Article article;               // the desired metadata, final id
  store::ArticleContent head;
  LiveKind live = LiveKind::kKeep;
  store::ArticleContent live_content;  // for kSeparate
  // Derived from the above and the existing article:
  std::vector<store::ArticleContent> new_revisions;  // to append, in order
  bool metadata_changed = false;                     // Update() needed
};

struct PlannedAttachment {
  store::Attachment attachment;  // final id
  std::string_view bytes;
};

struct BundlePlan {
  ImportReport report;
  std::vector<PlannedCategory> categories;     // only those to create or update, parents first
  std::vector<PlannedArticle> articles;        // only those to create or update
  std::vector<PlannedAttachment> attachments;  // only those to create
};

// The plan for `parsed` against `snapshot`. The report carries the parse's errors and
// warnings plus the plan's; the caller must not apply a plan whose report has errors.
// `now` stamps publications and revisions.
BundlePlan PlanBundle(const ParsedBundle& parsed, const KbSnapshot& snapshot,
                      const ImportOptions& options, core::IdGenerator& ids, core::TimePoint now);

// Writes `plan` through `tx`: categories, articles and their revisions, then attachments
// (their bytes into `blobs` first). REQUIRES: plan.report.errors is empty.
core::Status ApplyBundlePlan(store::WriteTx& tx, BlobStore& blobs, const store::OrganisationId& org,
                             const BundlePlan& plan, const ImportActor& actor, core::TimePoint now);

}  // namespace rapport::kb

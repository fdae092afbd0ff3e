// ImportBundle: parse outside the store, then plan and apply in one write transaction with one
// audit entry.

#include <fmt/format.h>

#include <utility>

#include "rapport/core/audit_detail.h"
#include "rapport/kb/bundle.h"
#include "rapport/kb/internal/bundle_parse.h"
#include "rapport/kb/internal/bundle_plan.h"

namespace rapport::kb {
namespace {

// The audit detail: counts only (titles and paths stay out of the log).
std::string ImportDetail(const ImportReport& r) {
  return core::AuditDetail()
      .Add("files", r.files)
      .Add("articles_created", r.articles_created)
      .Add("articles_updated", r.articles_updated)
      .Add("articles_unchanged", r.articles_unchanged)
      .Add("categories_created", r.categories_created)
      .Add("categories_updated", r.categories_updated)
      .Add("attachments_created", r.attachments_created)
      .str();
}

void CapErrors(std::vector<ImportFileError>& errors) {
  if (errors.size() <= kMaxReportedBundleErrors) return;
  const std::size_t more = errors.size() - kMaxReportedBundleErrors;
  errors.resize(kMaxReportedBundleErrors);
  errors.push_back({.path = "", .line = 0, .message = fmt::format("and {} more errors", more)});
}

ImportReport Finish(ImportReport report, std::size_t files, bool dry_run) {
  report.files = static_cast<int>(files);
  report.dry_run = dry_run;
  CapErrors(report.errors);
  CapErrors(report.warnings);
  return report;
}

}  // namespace

core::Result<ImportReport> ImportBundle(store::Store& store, BlobStore& blobs,
                                        const store::OrganisationId& org,
                                        const std::vector<BundleFile>& files,
                                        const ImportOptions& options, const ImportActor& actor,
                                        const core::Clock& clock, core::IdGenerator& ids) {
  // Parsing (HTML conversion above all) needs no store, so it runs before any transaction.
  const ParsedBundle parsed = ParseBundle(files, options);
  const core::TimePoint now = clock.Now();

  if (options.dry_run) {
    RAPPORT_ASSIGN_OR_RETURN(const KbSnapshot snapshot,
                             store::ReadValue<KbSnapshot>(store, [&](store::ReadTx& tx) {
                               return ReadKbSnapshot(tx, org);
                             }));
    BundlePlan plan = PlanBundle(parsed, snapshot, options, ids, now);
    return Finish(std::move(plan.report), files.size(), /*dry_run=*/true);
  }

  // A real run plans inside the write transaction, so nothing changes between plan and apply.
  ImportReport report;
  const core::Status written = store.Write([&](store::WriteTx& tx) -> core::Status {
    RAPPORT_ASSIGN_OR_RETURN(const KbSnapshot snapshot, ReadKbSnapshot(tx, org));
    BundlePlan plan = PlanBundle(parsed, snapshot, options, ids, now);
    report = Finish(std::move(plan.report), files.size(), /*dry_run=*/false);
    if (!report.errors.empty()) return core::Ok();  // all or nothing: nothing
    report.applied = true;
    if (!report.HasChanges()) return core::Ok();  // the same bundle again: nothing to write
    RAPPORT_RETURN_IF_ERROR(ApplyBundlePlan(tx, blobs, org, plan, actor, now));
    RAPPORT_RETURN_IF_ERROR(
        tx.audit().Append({.seq = 0,
                           .org_id = org,
                           .at = now,
                           .actor_id = actor.user_id ? actor.user_id->str() : "",
                           .actor_label = actor.label,
                           .action = "kb.import",
                           .target = "kb",
                           .detail = ImportDetail(report),
                           .remote_address = actor.remote_address}));
    return core::Ok();
  });
  if (!written) return std::unexpected(written.error());
  return report;
}

}  // namespace rapport::kb

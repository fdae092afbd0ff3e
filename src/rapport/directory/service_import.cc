// DirectoryService: the people import and export, and their audit entries.

#include <fmt/format.h>

#include <utility>

#include "rapport/directory/export.h"
#include "rapport/directory/people_csv.h"
#include "rapport/directory/person_fields.h"
#include "rapport/directory/service.h"

namespace rapport::directory {
namespace {

core::Result<DirectorySnapshot> ReadSnapshot(store::ReadTx& tx, const store::OrganisationId& org) {
  DirectorySnapshot snapshot;
  RAPPORT_ASSIGN_OR_RETURN(snapshot.people, tx.people().ListAll(org));
  RAPPORT_ASSIGN_OR_RETURN(snapshot.teams, tx.teams().ListAll(org));
  return snapshot;
}

// The audit detail of an applied import: counts only, never names (the log outlives people's
// presence in the directory).
std::string ImportDetail(const ImportPlan& plan, bool forced) {
  const ImportReport& r = plan.report;
  return fmt::format(R"({{"rows":{},"creates":{},"updates":{},"unchanged":{},"deactivations":{},)"
                     R"("reactivations":{},"teams_created":{},"forced":{}}})",
                     r.rows, r.creates, r.updates, r.unchanged, r.deactivations, r.reactivations,
                     plan.new_teams.size(), forced ? "true" : "false");
}

}  // namespace

store::AuditEntry DirectoryService::AuditFor(const auth::Principal& principal, std::string action,
                                             std::string detail) const {
  return auth::AuditEntryFor(principal, clock_.Now(), std::move(action), "people",
                             std::move(detail));
}

core::Result<ImportReport> DirectoryService::Import(const auth::Principal& principal,
                                                    const ImportRequest& request) {
  RAPPORT_RETURN_IF_ERROR(auth::Authorize(principal, auth::Action::kPeopleImport));
  const auto today = Today();
  const PeopleFile file = ParsePeopleCsv(request.csv, today);
  const PlanOptions options{.force = request.force};
  const store::OrganisationId& org = principal.org_id;

  // A preview, or a file that cannot be applied anyway, only needs a snapshot.
  if (request.dry_run || !file.errors.empty()) {
    RAPPORT_ASSIGN_OR_RETURN(auto snapshot,
                             store::ReadValue<DirectorySnapshot>(
                                 store_, [&](store::ReadTx& tx) { return ReadSnapshot(tx, org); }));
    ImportReport report = PlanImport(file, snapshot, options).report;
    report.dry_run = request.dry_run;
    return report;
  }

  // A real run plans inside the write transaction, so nothing changes between plan and apply.
  ImportReport report;
  const core::Status written = store_.Write([&](store::WriteTx& tx) -> core::Status {
    RAPPORT_ASSIGN_OR_RETURN(const auto snapshot, ReadSnapshot(tx, org));
    ImportPlan plan = PlanImport(file, snapshot, options);
    report = std::move(plan.report);
    report.dry_run = false;
    if (!report.errors.empty() || report.safety_stop) return core::Ok();
    report.applied = true;
    if (!report.HasChanges()) return core::Ok();  // the same file again: nothing to write
    plan.report = report;
    RAPPORT_RETURN_IF_ERROR(
        ApplyImport(tx, org, snapshot, plan, FormatDate(today), [this] { return NewId(); }));
    auto entry =
        tx.audit().Append(AuditFor(principal, "people.import", ImportDetail(plan, request.force)));
    if (!entry) return std::unexpected(std::move(entry).error());
    return core::Ok();
  });
  if (!written) return std::unexpected(written.error());
  return report;
}

core::Result<std::string> DirectoryService::Export(const auth::Principal& principal) {
  RAPPORT_RETURN_IF_ERROR(auth::Authorize(principal, auth::Action::kPeopleExport));
  // One transaction: the audit entry records exactly the export that was produced.
  return store::WriteValue<std::string>(
      store_, [&](store::WriteTx& tx) -> core::Result<std::string> {
        RAPPORT_ASSIGN_OR_RETURN(const auto snapshot, ReadSnapshot(tx, principal.org_id));
        std::string csv = ExportPeopleCsv(snapshot);
        auto entry = tx.audit().Append(AuditFor(
            principal, "people.export", fmt::format(R"({{"people":{}}})", snapshot.people.size())));
        if (!entry) return std::unexpected(std::move(entry).error());
        return csv;
      });
}

}  // namespace rapport::directory

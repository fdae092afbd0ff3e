// KnowledgeBase: import and export of whole knowledge bases as archives.

#include <utility>

#include "rapport/core/audit_detail.h"
#include "rapport/kb/internal/views.h"
#include "rapport/kb/service.h"

namespace rapport::kb {
namespace {

core::Status AuthorizeBulk(const auth::Principal& principal) {
  RAPPORT_RETURN_IF_ERROR(auth::Authorize(principal, auth::Action::kKbManage));
  return auth::Authorize(principal, auth::Action::kKbPublish);
}

}  // namespace

core::Result<ImportReport> KnowledgeBase::ImportArchive(const auth::Principal& principal,
                                                        std::string_view archive,
                                                        const ImportOptions& options) {
  RAPPORT_RETURN_IF_ERROR(AuthorizeBulk(principal));
  auto files = ReadBundleZip(archive);
  if (!files) {
    return core::MakeError(files.error().code(), files.error().message(), "file");
  }
  const ImportActor actor{.user_id = principal.user_id,
                          .label = principal.email,
                          .remote_address = principal.remote_address};
  core::MutexLock lock(ids_mu_);
  return ImportBundle(store_, blobs_, principal.org_id, *files, options, actor, clock_, ids_);
}

core::Result<std::string> KnowledgeBase::ExportArchive(const auth::Principal& principal) {
  RAPPORT_RETURN_IF_ERROR(AuthorizeBulk(principal));
  RAPPORT_ASSIGN_OR_RETURN(const auto files, ExportBundle(store_, blobs_, principal.org_id));
  RAPPORT_ASSIGN_OR_RETURN(std::string zip, WriteBundleZip(files));
  const core::Status audited = store_.Write([&](store::WriteTx& tx) -> core::Status {
    RAPPORT_RETURN_IF_ERROR(tx.audit().Append(internal::AuditFor(
        principal, clock_.Now(), "kb.export", "knowledge_base",
        core::AuditDetail().Add("files", static_cast<std::int64_t>(files.size())).str())));
    return core::Ok();
  });
  RAPPORT_RETURN_IF_ERROR(audited);
  return zip;
}

}  // namespace rapport::kb

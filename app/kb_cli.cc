// `rapport import kb` and `rapport export kb`.

#include "app/kb_cli.h"

#include <fmt/format.h>

#include <cstdio>
#include <fstream>
#include <iterator>

#include "app/commands.h"
#include "app/wiring.h"
#include "rapport/kb/blob_store.h"
#include "rapport/kb/bundle.h"

namespace rapport::app {
namespace {

namespace fs = std::filesystem;

core::Result<std::vector<kb::BundleFile>> ReadSource(const std::string& source) {
  const kb::BundleLimits limits;
  std::error_code ec;
  if (fs::is_directory(source, ec)) return kb::ReadBundleDirectory(source, limits);
  if (!fs::is_regular_file(source, ec)) {
    return core::NotFound(fmt::format("{} is neither a folder nor an archive", source));
  }
  if (fs::file_size(source, ec) > limits.max_total_bytes) {
    return core::MakeError(core::ErrorCode::kTooLarge, fmt::format("{} is too large", source));
  }
  std::ifstream in(source, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in.good() && !in.eof()) return core::Unavailable(fmt::format("cannot read {}", source));
  return kb::ReadBundleZip(bytes, limits);
}

core::Result<store::Organisation> ResolveOrganisation(store::Store& store, core::IdGenerator& ids,
                                                      const std::string& slug) {
  if (slug.empty()) return DefaultOrganisation(store, ids);
  return store::ReadValue<store::Organisation>(
      store, [&](store::ReadTx& tx) { return tx.organisations().GetBySlug(slug); });
}

int ExitFor(const core::Error& error) {
  const auto code = error.code();
  return code == core::ErrorCode::kInternal || code == core::ErrorCode::kUnavailable ? kExitFailure
                                                                                     : kExitUsage;
}

void PrintProblems(std::string_view kind, const std::vector<kb::ImportFileError>& problems) {
  for (const kb::ImportFileError& p : problems) {
    if (p.line > 0) {
      std::fprintf(stderr, "%s: %s:%d: %s\n", std::string(kind).c_str(), p.path.c_str(), p.line,
                   p.message.c_str());
    } else {
      std::fprintf(stderr, "%s: %s: %s\n", std::string(kind).c_str(), p.path.c_str(),
                   p.message.c_str());
    }
  }
}

}  // namespace

int ImportKb(const core::Config& config, const ImportKbOptions& options) {
  kb::ImportOptions import;
  if (options.visibility == "public") {
    import.visibility = store::Visibility::kPublic;
  } else if (options.visibility != "internal") {
    std::fprintf(stderr, "rapport: --visibility must be internal or public\n");
    return kExitUsage;
  }
  import.publish = options.publish;
  import.language = options.language;
  import.dry_run = options.dry_run;

  auto files = ReadSource(options.source);
  if (!files) {
    std::fprintf(stderr, "rapport: %s\n", files.error().message().c_str());
    return ExitFor(files.error());
  }
  core::SystemClock clock;
  core::SystemRandom random;
  core::IdGenerator ids(clock, random);
  auto store = OpenStore(config.store, clock, nullptr, /*migrate=*/true);
  if (!store) {
    std::fprintf(stderr, "rapport: cannot open the store: %s\n", store.error().ToString().c_str());
    return kExitFailure;
  }
  const auto org = ResolveOrganisation(**store, ids, options.organisation);
  if (!org) {
    std::fprintf(stderr, "rapport: organisation \"%s\": %s\n", options.organisation.c_str(),
                 org.error().message().c_str());
    return ExitFor(org.error());
  }
  kb::FileBlobStore blobs(AttachmentsDirectory(config.store));
  const kb::ImportActor actor{
      .user_id = std::nullopt, .label = "system (rapport import kb)", .remote_address = ""};
  const auto report = kb::ImportBundle(**store, blobs, org->id, *files, import, actor, clock, ids);
  if (!report) {
    std::fprintf(stderr, "rapport: import failed: %s\n", report.error().ToString().c_str());
    return ExitFor(report.error());
  }
  PrintProblems("warning", report->warnings);
  PrintProblems("error", report->errors);
  if (!report->errors.empty()) {
    std::fprintf(stderr, "rapport: nothing imported: %zu errors in the bundle\n",
                 report->errors.size());
    return kExitFailure;
  }
  std::printf(
      "%s %d files into %s: %d articles created, %d updated, %d unchanged; %d categories "
      "created, %d updated; %d attachments\n",
      report->dry_run ? "Dry run, nothing written: would import" : "Imported", report->files,
      org->slug.c_str(), report->articles_created, report->articles_updated,
      report->articles_unchanged, report->categories_created, report->categories_updated,
      report->attachments_created);
  return kExitOk;
}

int ExportKb(const core::Config& config, const ExportKbOptions& options) {
  core::SystemClock clock;
  core::SystemRandom random;
  core::IdGenerator ids(clock, random);
  auto store = OpenStore(config.store, clock, nullptr, /*migrate=*/true);
  if (!store) {
    std::fprintf(stderr, "rapport: cannot open the store: %s\n", store.error().ToString().c_str());
    return kExitFailure;
  }
  const auto org = ResolveOrganisation(**store, ids, options.organisation);
  if (!org) {
    std::fprintf(stderr, "rapport: organisation \"%s\": %s\n", options.organisation.c_str(),
                 org.error().message().c_str());
    return ExitFor(org.error());
  }
  kb::FileBlobStore blobs(AttachmentsDirectory(config.store));
  const auto files = kb::ExportBundle(**store, blobs, org->id);
  if (!files) {
    std::fprintf(stderr, "rapport: export failed: %s\n", files.error().ToString().c_str());
    return ExitFor(files.error());
  }
  core::Status written = core::Ok();
  if (options.target.ends_with(".zip")) {
    std::error_code ec;
    if (fs::exists(options.target, ec)) {
      std::fprintf(stderr, "rapport: %s already exists\n", options.target.c_str());
      return kExitUsage;
    }
    auto zip = kb::WriteBundleZip(*files);
    if (zip) {
      std::ofstream out(options.target, std::ios::binary);
      out << *zip;
      out.close();
      if (!out) written = core::Unavailable(fmt::format("cannot write {}", options.target));
    } else {
      written = std::unexpected(zip.error());
    }
  } else {
    written = kb::WriteBundleDirectory(options.target, *files);
  }
  if (!written) {
    std::fprintf(stderr, "rapport: %s\n", written.error().message().c_str());
    return ExitFor(written.error());
  }
  std::printf("Exported %zu files from %s to %s\n", files->size(), org->slug.c_str(),
              options.target.c_str());
  return kExitOk;
}

}  // namespace rapport::app

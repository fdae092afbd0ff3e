#pragma once

// Knowledge-base bundles: a folder (or a .zip / .tar / .tar.gz of one) of Markdown and HTML
// files that imports into an organisation's knowledge base, and the same layout written back
// by the export, so that export -> import -> export gives the same bytes.
//
// Reading. Paths are relative and '/'-separated; dotfiles and dot-folders are skipped; an
// archive entry with an absolute path, a ".." component, a backslash, or of any type but a
// regular file or a folder (symbolic and hard links, devices) refuses the whole archive.
// Limits on the number of files, on each file and on the total are checked while inflating,
// so a zip bomb stops at the limit.
//
// Import. Markdown files (.md, .markdown) carry YAML front matter (front_matter.h) with these
// keys, all optional except a title (which may instead be a leading "# " heading of the body):
//
//   id                    keep this article id (an update when the organisation has it)
//   title, summary        text
//   tags                  a list, or one comma-separated string (lower-cased, like the editor)
//   category              "Category / Section", or a list [Category, Section]; [] for none
//   visibility, roles     internal | public | restricted; role names for restricted
//   language, slug        "en", "pt-br"; a slug unique per language
//   translation_group     articles sharing it are translations of each other
//   status                draft | in_review | published | archived
//   live                  head | none: what readers see when `status` does not say it
//   owner, verifier       e-mail of a user of the organisation; "" for nobody
//   verify_interval_days  1..3650
//   verified_at           ISO 8601 UTC ("2026-11-22T10:00:00.000Z"); "" for never
//   attachments           ids of files under attachments/<id>/ that belong to the article
//
// Any other key is an error (a typo must not pass silently). HTML files (.html, .htm) are
// converted (html_to_markdown.h): the <title> is the title, keywords become tags and
// <html lang> the language. Relative links and images of either kind that name another file of
// the bundle become `article:<id>` (keeping a "#fragment") or `attachment:<id>` links; other
// files (images, PDFs...) become attachments only when something links to them. Without a
// category key, the first folder names the category and the second the section ("getting-
// started" -> "Getting started"); a `_category.md` / `_section.md` in the folder gives its id,
// name, slug and position, with the description as body. `<name>.published.md`, with
// `revision_of: <id>`, holds the live revision of an article whose head is a pending draft.
//
// An article is matched by its id, else by (language, slug), and is then updated: a revision
// is added only when the text differs and the metadata only when it differs, so importing the
// same bundle twice writes nothing the second time. Keys absent from a file leave an existing
// article's value alone (new articles get the defaults of ImportOptions); the category is the
// exception, since the folders always say one. A slug not given is made from the file name
// (Markdown) or the title (HTML), with the folder names added when two files would share it;
// two files giving the same slug key are an error.
//
// The import is all or nothing: every error of every file is reported (path and line) and
// nothing is written unless there is none; the whole import is one store transaction with one
// "kb.import" audit entry.
//
// Export writes every category, article and attachment of the organisation:
//
//   <category-slug>/_category.md                        id, name, slug, position; description
//   <category-slug>/<section-slug>/_section.md
//   <category-slug>/<section-slug>/<slug>.<language>.md every key above
//   <category-slug>/<section-slug>/<slug>.<language>.published.md  the live revision when it
//                                                       differs from the head
//   <slug>.<language>.md                                articles without a category
//   attachments/<attachment-id>/<filename>
//
// Thread-safety: free functions; the store and blob store are used as their contracts allow.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rapport/core/clock.h"
#include "rapport/core/error.h"
#include "rapport/core/id.h"
#include "rapport/kb/blob_store.h"
#include "rapport/store/kb.h"
#include "rapport/store/store.h"

namespace rapport::kb {

struct BundleFile {
  std::string path;  // relative, '/'-separated, without "." or ".." components
  std::string bytes;

  friend bool operator==(const BundleFile&, const BundleFile&) = default;
};

struct BundleLimits {
  std::uint64_t max_total_bytes = std::uint64_t{256} << 20U;  // uncompressed
  std::size_t max_files = 20'000;
  std::uint64_t max_file_bytes = std::uint64_t{10} << 20U;
  std::size_t max_path_bytes = 1024;
};

// Ok for a path a bundle may hold: non-empty UTF-8 of at most `max_path_bytes`, relative,
// '/'-separated, without empty, "." or ".." components, backslashes or control characters.
// InvalidArgument (field "path") otherwise.
core::Status CheckBundlePath(std::string_view path, std::size_t max_path_bytes = 1024);

// The regular files under `root`, recursively, sorted by path. Dotfiles and dot-folders are
// skipped; a symbolic link is read only when it resolves to a regular file inside `root`
// (links to folders are skipped, links leading outside are an error). TooLarge past a limit;
// NotFound when `root` is not a folder.
core::Result<std::vector<BundleFile>> ReadBundleDirectory(const std::filesystem::path& root,
                                                          const BundleLimits& limits = {});

// The regular files of a zip, tar, tar.gz, tar.bz2 or tar.xz archive, sorted by path; folders
// and dot-entries are skipped. InvalidArgument for an unreadable archive, an unsafe path (see
// above), a link or device entry, or a path given twice; TooLarge past a limit, detected while
// inflating.
core::Result<std::vector<BundleFile>> ReadBundleZip(std::string_view bytes,
                                                    const BundleLimits& limits = {});

// Writes `files` under `root`, creating it and the folders inside. Conflict when `root` exists
// and is not empty (an export never mixes with other files); InvalidArgument for an unsafe
// path (checked before anything is written).
core::Status WriteBundleDirectory(const std::filesystem::path& root,
                                  const std::vector<BundleFile>& files);

// A zip of `files`, deflated, with fixed timestamps so the same files give the same bytes.
core::Result<std::string> WriteBundleZip(const std::vector<BundleFile>& files);

struct ImportOptions {
  // For new articles whose front matter does not say.
  store::Visibility visibility = store::Visibility::kInternal;
  // Files without a status become published (articles already there too); otherwise new
  // articles are drafts and existing ones keep their status.
  bool publish = false;
  std::string language = "en";  // for files that do not say
  bool dry_run = false;         // plan and report, write nothing
};

// Who runs the import, for revisions and the audit entry.
struct ImportActor {
  std::optional<store::UserId> user_id;  // empty for the system (CLI, demo)
  std::string label = "system";          // e-mail, or "system"
  std::string remote_address;
};

struct ImportFileError {
  std::string path;
  int line = 0;  // 1-based; 0 when the error is about the whole file
  std::string message;

  friend bool operator==(const ImportFileError&, const ImportFileError&) = default;
};

// A report lists at most this many errors, then one saying how many more there were.
inline constexpr std::size_t kMaxReportedBundleErrors = 1000;

struct ImportReport {
  bool dry_run = false;
  bool applied = false;  // written (false for dry runs and whenever there are errors)
  int files = 0;
  int articles_created = 0;
  int articles_updated = 0;
  int articles_unchanged = 0;
  int categories_created = 0;
  int categories_updated = 0;
  int attachments_created = 0;
  std::vector<ImportFileError> errors;  // any of these and nothing is written
  // Not blocking: a linked file that cannot be an attachment, a Markdown link to no file of
  // the bundle. The link stays as written (Markdown) or is dropped (HTML).
  std::vector<ImportFileError> warnings;

  bool HasChanges() const {
    return articles_created + articles_updated + categories_created + categories_updated +
               attachments_created >
           0;
  }
};

// Imports `files` into `org` (see the top of this file). Errors of the bundle are in the
// report; the Result is an error only when the store or the blob store fails.
core::Result<ImportReport> ImportBundle(store::Store& store, BlobStore& blobs,
                                        const store::OrganisationId& org,
                                        const std::vector<BundleFile>& files,
                                        const ImportOptions& options, const ImportActor& actor,
                                        const core::Clock& clock, core::IdGenerator& ids);

// Every category, article and attachment of `org` in the layout above, sorted by path, read
// from one snapshot.
core::Result<std::vector<BundleFile>> ExportBundle(store::Store& store, BlobStore& blobs,
                                                   const store::OrganisationId& org);

}  // namespace rapport::kb

#pragma once

// The first step of an import, independent of the store: every file of the bundle classified,
// its front matter read and checked, HTML converted, and links between files replaced by
// placeholders for the ids the plan will choose. Thread-safety: pure function.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rapport/kb/attachment_rules.h"
#include "rapport/kb/bundle.h"
#include "rapport/kb/internal/bundle_fields.h"
#include "rapport/kb/internal/bundle_links.h"

namespace rapport::kb {

// What a placeholder stands for: the id of the article or attachment made from `path`.
struct LinkTarget {
  bool attachment = false;
  std::string path;
};

struct SourceArticle {
  std::string path;
  bool html = false;
  ArticleFields fields;  // for HTML: title, tags and language from the page
  KeyLines key_lines{{}, 1};
  std::string body;                  // Markdown with placeholders
  std::string derived_slug;          // for a file without a slug key
  std::vector<std::string> folders;  // the first two folders of the path
};

struct SourceLive {
  std::string path;
  LiveFields fields;
  KeyLines key_lines{{}, 1};
  std::string body;  // with placeholders
};

struct SourceCategory {
  std::string path;
  std::string folder;    // "a" for a/_category.md, "a/b" for a/b/_section.md
  bool section = false;  // _section.md
  CategoryFields fields;
  std::string description;
};

struct SourceAttachment {
  std::string path;
  std::string_view bytes;  // into the bundle's files
  SniffedType type;
  std::string filename;                       // cleaned
  std::optional<std::string> layout_id;       // attachments/<id>/<filename>
  std::optional<std::string> first_referrer;  // path of the first article linking to it
};

struct ParsedBundle {
  explicit ParsedBundle(const std::vector<BundleFile>& files) : placeholders(files) {}

  std::vector<SourceArticle> articles;  // in path order
  std::vector<SourceLive> lives;
  std::vector<SourceCategory> categories;     // categories before sections
  std::vector<SourceAttachment> attachments;  // in path order
  std::vector<LinkTarget> targets;            // placeholder n stands for targets[n]
  Placeholders placeholders;
  std::vector<ImportFileError> errors;
  std::vector<ImportFileError> warnings;
};

ParsedBundle ParseBundle(const std::vector<BundleFile>& files, const ImportOptions& options);

}  // namespace rapport::kb

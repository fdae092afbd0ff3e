#pragma once

// The front matter of bundle files in domain terms: reading (every value checked, every key
// known, errors with the key's line) and writing (the export, in a fixed key order).
// Thread-safety: pure functions and value types.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "rapport/core/clock.h"
#include "rapport/kb/fields.h"
#include "rapport/kb/front_matter.h"
#include "rapport/store/kb.h"

namespace rapport::kb {

// Category and section names in a bundle.
inline constexpr std::size_t kBundleMaxNameBytes = 200;

// What readers see when the status does not say it (the `live` key).
enum class LiveMode { kHead, kNone };

// An article file's keys; nullopt for a key the file does not have.
struct ArticleFields {
  std::optional<std::string> id;
  std::optional<std::string> title;
  std::optional<std::string> summary;
  std::optional<std::vector<std::string>> tags;
  std::optional<std::vector<std::string>> category;  // [] for none, else 1 or 2 names
  std::optional<store::Visibility> visibility;
  std::optional<std::vector<std::string>> roles;
  std::optional<std::string> language;
  std::optional<std::string> translation_group;
  std::optional<std::string> slug;
  std::optional<store::ArticleStatus> status;
  std::optional<LiveMode> live;
  std::optional<std::string> owner;     // lower-cased e-mail; "" for nobody
  std::optional<std::string> verifier;  // lower-cased e-mail; "" for nobody
  std::optional<int> verify_interval_days;
  std::optional<core::TimePoint> verified_at;  // the epoch for ""
  std::optional<std::vector<std::string>> attachments;
};

// A `<name>.published.md` file's keys.
struct LiveFields {
  std::string revision_of;
  std::optional<std::string> title;
  std::optional<std::string> summary;
  std::optional<std::vector<std::string>> tags;
};

// A `_category.md` / `_section.md` file's keys.
struct CategoryFields {
  std::optional<std::string> id;
  std::optional<std::string> name;
  std::optional<std::string> slug;
  std::optional<int> position;
};

struct FieldError {
  int line = 0;
  std::string message;
};

// The line of each top-level key of a file's front matter, for error messages (the parser
// gives the values, not where they were).
class KeyLines {
 public:
  KeyLines(std::string_view text, int body_line);
  // The key's line; 0 when it is not found.
  int Of(std::string_view key) const;

 private:
  std::vector<std::pair<std::string, int>> lines_;
};

ArticleFields ReadArticleFields(const FrontMatter& fm, const KeyLines& lines,
                                std::vector<FieldError>& errors);
LiveFields ReadLiveFields(const FrontMatter& fm, const KeyLines& lines,
                          std::vector<FieldError>& errors);
CategoryFields ReadCategoryFields(const FrontMatter& fm, const KeyLines& lines,
                                  std::vector<FieldError>& errors);

// Tags as the editor keeps them (NormaliseTag), without empties and duplicates (first
// occurrence kept). Unlike NormaliseTags, neither limits nor commas are checked.
std::vector<std::string> NormaliseBundleTags(const std::vector<std::string>& tags);
// An error message for a title, or nullopt when it is acceptable (after trimming): not empty,
// at most kMaxTitleBytes, valid UTF-8 without control characters.
std::optional<std::string> CheckBundleTitle(std::string_view title);

// What an export writes for an article (see bundle.h for the keys).
struct ArticleExport {
  const store::Article* article = nullptr;
  std::vector<std::string> category;  // names, top first
  std::string owner_email;
  std::string verifier_email;
  std::vector<std::string> attachment_ids;
  bool separate_live = false;  // the live revision goes to its own file
};
FrontMatter ArticleFrontMatter(const ArticleExport& e);
FrontMatter LiveFrontMatter(const store::Article& article, const store::ArticleContent& live);
FrontMatter CategoryFrontMatter(const store::Category& category);

}  // namespace rapport::kb

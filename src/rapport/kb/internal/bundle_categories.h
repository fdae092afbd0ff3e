#pragma once

// The categories an import needs: those its `_category.md` / `_section.md` files define, and
// those its articles name (by front matter or by folder), found among the organisation's by
// name (exact, then ignoring ASCII case) and created when missing, with a slug unique among
// their siblings. Thread-safety: none (one import's planner owns it).

#include <expected>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "rapport/core/id.h"
#include "rapport/kb/internal/bundle_parse.h"
#include "rapport/kb/internal/bundle_plan.h"
#include "rapport/store/kb.h"

namespace rapport::kb {

class CategoryResolver {
 public:
  CategoryResolver(const std::vector<store::Category>& existing, core::IdGenerator& ids);

  // Applies a category or section file; an error message when it cannot be.
  std::optional<std::string> Define(const SourceCategory& source);

  // The category (or section) for an article: named ("Category", "Section") or from its
  // folders; nullopt for none. An error message when a name is unusable.
  std::expected<std::optional<store::CategoryId>, std::string> ForNames(
      const std::vector<std::string>& names);
  std::expected<std::optional<store::CategoryId>, std::string> ForFolders(
      const std::vector<std::string>& folders);

  // Creates first (parents before children), then updates.
  std::vector<PlannedCategory> Changes() const;

 private:
  struct Entry {
    store::Category category;
    std::optional<std::size_t> original;  // index into the existing categories
    std::string defined_by;               // the file that defined it, if any
  };

  std::optional<std::size_t> FindById(const std::string& id) const;
  std::optional<std::size_t> FindChild(const std::optional<store::CategoryId>& parent,
                                       std::string_view name) const;
  std::optional<std::size_t> FindChildBySlug(const std::optional<store::CategoryId>& parent,
                                             std::string_view slug) const;
  std::string UniqueSlug(const std::optional<store::CategoryId>& parent, std::string_view name,
                         std::optional<std::size_t> self) const;
  std::expected<std::size_t, std::string> Ensure(const std::optional<store::CategoryId>& parent,
                                                 const std::string& name);
  std::expected<std::size_t, std::string> FolderCategory(
      const std::string& folder, const std::optional<store::CategoryId>& parent,
      std::string_view folder_name);
  std::size_t Add(store::Category category);

  const std::vector<store::Category>& existing_;
  core::IdGenerator& ids_;
  std::vector<Entry> entries_;
  std::map<std::string, std::size_t, std::less<>> folders_;  // folder path -> entry
};

}  // namespace rapport::kb

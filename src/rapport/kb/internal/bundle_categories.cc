#include "rapport/kb/internal/bundle_categories.h"

#include <fmt/format.h>

#include "rapport/kb/internal/bundle_text.h"
#include "rapport/kb/slug.h"

namespace rapport::kb {
namespace {

constexpr std::string_view kFallbackSlug = "category";

}  // namespace

CategoryResolver::CategoryResolver(const std::vector<store::Category>& existing,
                                   core::IdGenerator& ids)
    : existing_(existing), ids_(ids) {
  for (std::size_t i = 0; i < existing.size(); ++i) {
    entries_.push_back({.category = existing[i], .original = i, .defined_by = {}});
  }
}

std::optional<std::size_t> CategoryResolver::FindById(const std::string& id) const {
  for (std::size_t i = 0; i < entries_.size(); ++i) {
    if (entries_[i].category.id.str() == id) return i;
  }
  return std::nullopt;
}

std::optional<std::size_t> CategoryResolver::FindChild(
    const std::optional<store::CategoryId>& parent, std::string_view name) const {
  std::optional<std::size_t> folded;
  for (std::size_t i = 0; i < entries_.size(); ++i) {
    const store::Category& c = entries_[i].category;
    if (c.parent_id != parent) continue;
    if (c.name == name) return i;
    if (!folded && EqualsIgnoreCase(c.name, name)) folded = i;
  }
  return folded;
}

std::optional<std::size_t> CategoryResolver::FindChildBySlug(
    const std::optional<store::CategoryId>& parent, std::string_view slug) const {
  for (std::size_t i = 0; i < entries_.size(); ++i) {
    const store::Category& c = entries_[i].category;
    if (c.parent_id == parent && c.slug == slug) return i;
  }
  return std::nullopt;
}

std::string CategoryResolver::UniqueSlug(const std::optional<store::CategoryId>& parent,
                                         std::string_view name,
                                         std::optional<std::size_t> self) const {
  std::string base = Slugify(name);
  if (base.empty()) base = kFallbackSlug;
  std::string slug = base;
  for (int n = 2;; ++n) {
    const auto holder = FindChildBySlug(parent, slug);
    if (!holder || holder == self) return slug;
    slug = fmt::format("{}-{}", base, n);
  }
}

std::size_t CategoryResolver::Add(store::Category category) {
  entries_.push_back({.category = std::move(category), .original = std::nullopt, .defined_by = {}});
  return entries_.size() - 1;
}

std::expected<std::size_t, std::string> CategoryResolver::Ensure(
    const std::optional<store::CategoryId>& parent, const std::string& name) {
  if (name.empty()) return std::unexpected("a category name is empty");
  if (auto found = FindChild(parent, name)) return *found;
  store::Category c;
  c.id = ids_.New<store::CategoryTag>();
  c.parent_id = parent;
  c.name = name;
  c.slug = UniqueSlug(parent, name, std::nullopt);
  return Add(std::move(c));
}

std::expected<std::size_t, std::string> CategoryResolver::FolderCategory(
    const std::string& folder, const std::optional<store::CategoryId>& parent,
    std::string_view folder_name) {
  if (const auto it = folders_.find(folder); it != folders_.end()) return it->second;
  const std::string name = FolderDisplayName(folder_name);
  if (name.empty()) {
    return std::unexpected(fmt::format("folder \"{}\" gives no category name", folder_name));
  }
  return Ensure(parent, name);
}

std::optional<std::string> CategoryResolver::Define(const SourceCategory& source) {
  const std::vector<std::string_view> parts = SplitPath(source.folder);
  std::optional<store::CategoryId> parent;
  if (source.section) {
    auto top = FolderCategory(std::string(parts[0]), std::nullopt, parts[0]);
    if (!top) return top.error();
    parent = entries_[*top].category.id;
  }
  const CategoryFields& f = source.fields;
  const std::string name = f.name ? *f.name : FolderDisplayName(parts.back());
  if (name.empty()) return "the folder gives no name: add a name key";

  std::optional<std::size_t> index;
  if (f.id) index = FindById(*f.id);
  if (!index && f.slug) index = FindChildBySlug(parent, *f.slug);
  if (!index) index = FindChild(parent, name);
  if (index && !entries_[*index].defined_by.empty()) {
    return fmt::format("this category is also defined by {}", entries_[*index].defined_by);
  }
  if (!index) {
    store::Category c;
    c.id = f.id ? store::CategoryId::FromTrusted(*f.id) : ids_.New<store::CategoryTag>();
    index = Add(std::move(c));
  }
  Entry& entry = entries_[*index];
  const bool is_new = !entry.original.has_value();
  store::Category& c = entry.category;
  c.parent_id = parent;
  c.name = name;
  c.description = source.description;
  if (f.position) c.position = *f.position;
  if (f.slug) {
    c.slug = *f.slug;
  } else if (is_new || c.slug.empty()) {
    c.slug = UniqueSlug(parent, name, index);
  }
  for (std::size_t i = 0; i < entries_.size(); ++i) {
    const store::Category& other = entries_[i].category;
    if (i == *index || other.parent_id != parent) continue;
    if (other.slug == c.slug) {
      return fmt::format("slug \"{}\" is already used by category \"{}\"", c.slug, other.name);
    }
    if (other.name == c.name) return fmt::format("another category is named \"{}\"", c.name);
  }
  entry.defined_by = source.path;
  folders_[source.folder] = *index;
  return std::nullopt;
}

std::expected<std::optional<store::CategoryId>, std::string> CategoryResolver::ForNames(
    const std::vector<std::string>& names) {
  if (names.empty()) return std::nullopt;
  auto top = Ensure(std::nullopt, names[0]);
  if (!top) return std::unexpected(top.error());
  if (names.size() == 1) return entries_[*top].category.id;
  const store::CategoryId parent = entries_[*top].category.id;
  auto section = Ensure(parent, names[1]);
  if (!section) return std::unexpected(section.error());
  return entries_[*section].category.id;
}

std::expected<std::optional<store::CategoryId>, std::string> CategoryResolver::ForFolders(
    const std::vector<std::string>& folders) {
  if (folders.empty()) return std::nullopt;
  auto top = FolderCategory(folders[0], std::nullopt, folders[0]);
  if (!top) return std::unexpected(top.error());
  if (folders.size() == 1) return entries_[*top].category.id;
  const store::CategoryId parent = entries_[*top].category.id;
  auto section = FolderCategory(folders[0] + "/" + folders[1], parent, folders[1]);
  if (!section) return std::unexpected(section.error());
  return entries_[*section].category.id;
}

std::vector<PlannedCategory> CategoryResolver::Changes() const {
  std::vector<PlannedCategory> out;
  for (const Entry& e : entries_) {
    if (!e.original) out.push_back({.category = e.category, .create = true, .update = false});
  }
  for (const Entry& e : entries_) {
    if (e.original && !(e.category == existing_[*e.original])) {
      out.push_back({.category = e.category, .create = false, .update = true});
    }
  }
  return out;
}

}  // namespace rapport::kb

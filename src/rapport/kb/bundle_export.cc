// ExportBundle: the organisation's knowledge base in the bundle layout (see bundle.h).

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "rapport/kb/bundle.h"
#include "rapport/kb/front_matter.h"
#include "rapport/kb/internal/bundle_fields.h"

namespace rapport::kb {
namespace {

constexpr std::string_view kFallbackFilename = "file";

struct KbData {
  std::vector<store::Category> categories;
  std::vector<store::Article> articles;
  std::vector<store::User> users;
  std::vector<store::Attachment> attachments;
};

class Exporter {
 public:
  Exporter(const KbData& data, BlobStore& blobs) : data_(data), blobs_(blobs) {
    for (const store::Category& c : data.categories) categories_.emplace(c.id.str(), &c);
    for (const store::User& u : data.users) emails_.emplace(u.id.str(), u.email);
    for (const store::Attachment& a : data.attachments) {
      if (a.article_id) attachment_ids_[a.article_id->str()].push_back(a.id.str());
    }
    for (auto& [article, ids] : attachment_ids_) std::ranges::sort(ids);
  }

  core::Result<std::vector<BundleFile>> Run() {
    for (const store::Category& c : data_.categories) {
      const std::string folder = Folder(c);
      Add(folder + (c.parent_id ? "/_section.md" : "/_category.md"),
          WriteMarkdownFile(CategoryFrontMatter(c), c.description));
    }
    for (const store::Article& a : data_.articles) ExportArticle(a);
    for (const store::Attachment& a : data_.attachments) {
      RAPPORT_ASSIGN_OR_RETURN(std::string bytes, blobs_.Get(a.sha256));
      std::string name = a.filename;
      if (!CheckBundlePath(name) || name.find('/') != std::string::npos || name.starts_with('.')) {
        name = kFallbackFilename;
      }
      Add(fmt::format("attachments/{}/{}", a.id.str(), name), std::move(bytes));
    }
    std::ranges::sort(files_, {}, &BundleFile::path);
    return std::move(files_);
  }

 private:
  void Add(std::string path, std::string bytes) {
    files_.push_back({.path = std::move(path), .bytes = std::move(bytes)});
  }

  const store::Category* Parent(const store::Category& c) const {
    if (!c.parent_id) return nullptr;
    const auto it = categories_.find(c.parent_id->str());
    return it == categories_.end() ? nullptr : it->second;
  }

  std::string Folder(const store::Category& c) const {
    const store::Category* parent = Parent(c);
    return parent == nullptr ? c.slug : parent->slug + "/" + c.slug;
  }

  std::string Email(const std::optional<store::UserId>& id) const {
    if (!id) return {};
    const auto it = emails_.find(id->str());
    return it == emails_.end() ? std::string() : it->second;
  }

  void ExportArticle(const store::Article& a) {
    ArticleExport e;
    e.article = &a;
    std::string folder;
    if (a.category_id) {
      if (const auto it = categories_.find(a.category_id->str()); it != categories_.end()) {
        const store::Category& c = *it->second;
        if (const store::Category* parent = Parent(c)) e.category.push_back(parent->name);
        e.category.push_back(c.name);
        folder = Folder(c) + "/";
      }
    }
    e.owner_email = Email(a.owner_id);
    e.verifier_email = Email(a.verifier_id);
    if (const auto it = attachment_ids_.find(a.id.str()); it != attachment_ids_.end()) {
      e.attachment_ids = it->second;
    }
    e.separate_live = a.published_revision > 0 && a.published && *a.published != a.head;
    const std::string name = fmt::format("{}{}.{}", folder, a.slug, a.language);
    Add(name + ".md", WriteMarkdownFile(ArticleFrontMatter(e), a.head.body));
    if (e.separate_live) {
      Add(name + ".published.md",
          WriteMarkdownFile(LiveFrontMatter(a, *a.published), a.published->body));
    }
  }

  const KbData& data_;
  BlobStore& blobs_;
  std::map<std::string, const store::Category*, std::less<>> categories_;
  std::map<std::string, std::string, std::less<>> emails_;
  std::map<std::string, std::vector<std::string>, std::less<>> attachment_ids_;
  std::vector<BundleFile> files_;
};

}  // namespace

core::Result<std::vector<BundleFile>> ExportBundle(store::Store& store, BlobStore& blobs,
                                                   const store::OrganisationId& org) {
  RAPPORT_ASSIGN_OR_RETURN(
      const KbData data,
      store::ReadValue<KbData>(store, [&](store::ReadTx& tx) -> core::Result<KbData> {
        KbData d;
        RAPPORT_ASSIGN_OR_RETURN(d.categories, tx.categories().ListAll(org));
        RAPPORT_ASSIGN_OR_RETURN(d.articles, tx.articles().ListAll(org));
        RAPPORT_ASSIGN_OR_RETURN(d.users, tx.users().ListAll(org));
        RAPPORT_ASSIGN_OR_RETURN(d.attachments, tx.attachments().ListAll(org));
        return d;
      }));
  return Exporter(data, blobs).Run();
}

}  // namespace rapport::kb

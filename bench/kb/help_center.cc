#include "bench/kb/help_center.h"

#include <fmt/format.h>

#include <stdexcept>
#include <vector>

#include "bench/kb/kb_corpus.h"
#include "rapport/store/sqlite/sqlite_store.h"

namespace rapport::kb::bench {
namespace {

std::string SlugOf(int index) { return fmt::format("configure-survey-policies-{:04}", index); }

}  // namespace

HelpCenter& HelpCenter::Shared() {
  static HelpCenter center;
  return center;
}

// Articles from the middle of the table: kArticles / 2 is long, the one after it short.
std::string HelpCenter::SlugFor(int sections) const {
  return SlugOf(sections == kLongSections ? kArticles / 2 : kArticles / 2 + 1);
}

core::Result<store::Article> HelpCenter::ArticleFor(int sections) {
  const std::string slug = SlugFor(sections);
  return store::ReadValue<store::Article>(
      *store_, [&](store::ReadTx& tx) { return tx.articles().GetBySlug(org_.id, "en", slug); });
}

std::string HelpCenter::DatabaseFile() const {
  return store::sqlite::DatabasePath(dir_.path()).string();
}

HelpCenter::HelpCenter() {
  auto opened = store::sqlite::Open({.path = DatabaseFile()}, clock_, nullptr);
  if (!opened || !(*opened)->Migrate()) throw std::runtime_error("cannot open the store");
  store_ = std::move(*opened);
  blobs_ = std::make_unique<FileBlobStore>(dir_.path() / "attachments");
  kb_ = std::make_unique<KnowledgeBase>(*store_, *blobs_, clock_, ids_);
  const auto status = store_->Write([&](store::WriteTx& tx) { return Seed(tx); });
  if (!status) throw std::runtime_error(status.error().ToString());
}

core::Status HelpCenter::Seed(store::WriteTx& tx) {
  RAPPORT_ASSIGN_OR_RETURN(org_,
                           tx.organisations().Create({.id = ids_.New<store::OrganisationTag>(),
                                                      .slug = "bench",
                                                      .name = "Bench",
                                                      .time_zone = "UTC"}));
  std::vector<store::CategoryId> sections;
  for (int c = 0; c < 4; ++c) {
    const store::Category category{.id = ids_.New<store::CategoryTag>(),
                                   .name = fmt::format("Category {}", c),
                                   .slug = fmt::format("category-{}", c)};
    RAPPORT_RETURN_IF_ERROR(tx.categories().Create(org_.id, category));
    for (int s = 0; s < 2; ++s) {
      const store::Category section{.id = ids_.New<store::CategoryTag>(),
                                    .parent_id = category.id,
                                    .name = fmt::format("Section {}", s),
                                    .slug = fmt::format("section-{}", s)};
      RAPPORT_RETURN_IF_ERROR(tx.categories().Create(org_.id, section));
      sections.push_back(section.id);
    }
  }
  std::vector<std::string> ids;
  ids.reserve(kArticles);
  for (int i = 0; i < kArticles; ++i) ids.push_back(ids_.NewRaw());
  const core::TimePoint now = clock_.Now();
  for (int i = 0; i < kArticles; ++i) {
    const auto nth = [&](int offset) {
      return ids[static_cast<std::size_t>(i + offset) % ids.size()];
    };
    store::Article article;
    article.id = store::ArticleId::FromTrusted(nth(0));
    article.language = "en";
    article.slug = SlugOf(i);
    article.category_id = sections[static_cast<std::size_t>(i) % sections.size()];
    article.visibility = store::Visibility::kPublic;
    article.status = store::ArticleStatus::kPublished;
    article.verified_at = now;
    article.published_revision = 1;
    article.published_at = now;
    store::Revision first;
    first.content.title = fmt::format("Configure survey policies ({})", i);
    first.content.summary = "How an administrator sets up the organisation's survey policies.";
    first.content.body =
        ArticleMarkdown(i % kLongEvery == 0 ? kLongSections : kShortSections, {nth(1), nth(7)});
    first.content.tags = {"surveys", "policies"};
    first.note = "Created";
    RAPPORT_RETURN_IF_ERROR(tx.articles().Create(org_.id, article, first));
  }
  return core::Ok();
}

}  // namespace rapport::kb::bench

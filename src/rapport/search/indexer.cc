#include "rapport/search/indexer.h"

#include <map>
#include <utility>
#include <vector>

#include "rapport/search/projection.h"

namespace rapport::search {
namespace {

// The article's document, or an empty change when the article is gone.
core::Result<index::Change> ChangeFor(store::ReadTx& tx, const store::OrganisationId& org,
                                      const store::ArticleId& id, const CategoryParents& parents) {
  index::Change change{.org = org.str(), .id = id.str(), .document = std::nullopt};
  auto article = tx.articles().Get(org, id);
  if (!article) {
    if (article.error().code() == core::ErrorCode::kNotFound) return change;
    return std::unexpected(article.error());
  }
  RAPPORT_ASSIGN_OR_RETURN(auto stats, tx.feedback().Stats(org, id));
  change.document = ToDocument(org, *article, stats, parents);
  return change;
}

// Every organisation, following the store's pages.
core::Result<std::vector<store::Organisation>> AllOrganisations(store::ReadTx& tx) {
  std::vector<store::Organisation> all;
  store::PageRequest page{.limit = store::kMaxPageLimit};
  while (true) {
    RAPPORT_ASSIGN_OR_RETURN(auto batch, tx.organisations().List(page));
    for (auto& org : batch.items) all.push_back(std::move(org));
    if (batch.next_cursor.empty()) return all;
    page.cursor = batch.next_cursor;
  }
}

}  // namespace

core::Result<std::int64_t> Indexer::CatchUp() {
  core::MutexLock lock(mu_);
  RAPPORT_ASSIGN_OR_RETURN(std::int64_t sequence, index_.Sequence());
  RAPPORT_ASSIGN_OR_RETURN(std::int64_t latest,
                           store::ReadValue<std::int64_t>(store_, [](store::ReadTx& tx) {
                             return tx.search_changes().Latest();
                           }));
  // Sequence 0 is a new (or cleared) index: articles written before the change sequence
  // existed, or whose changes were trimmed, reach it only by a rebuild.
  if ((sequence == 0 && !rebuilt_) || sequence > latest) return RebuildLocked();
  std::int64_t applied = 0;
  bool done = latest == sequence;
  while (!done) {
    RAPPORT_ASSIGN_OR_RETURN(std::int64_t n, ApplyBatch(sequence, done));
    applied += n;
    RAPPORT_ASSIGN_OR_RETURN(sequence, index_.Sequence());
  }
  if (applied > 0) {
    // The index holds everything through `sequence`: the rows are no longer needed.
    RAPPORT_RETURN_IF_ERROR(store_.Write(
        [&](store::WriteTx& tx) { return tx.search_changes().TrimThrough(sequence); }));
  }
  return applied;
}

core::Result<std::int64_t> Indexer::ApplyBatch(std::int64_t after, bool& done) {
  std::vector<index::Change> changes;
  std::int64_t last = after;
  RAPPORT_RETURN_IF_ERROR(store_.Read([&](store::ReadTx& tx) -> core::Status {
    RAPPORT_ASSIGN_OR_RETURN(auto rows, tx.search_changes().After(after, kBatchSize));
    done = static_cast<int>(rows.size()) < kBatchSize;
    if (rows.empty()) return core::Ok();
    last = rows.back().seq;
    // One document per article, however many times it changed in the batch.
    std::map<std::pair<std::string, std::string>, bool> seen;
    std::map<std::string, CategoryParents> parents;
    for (const auto& row : rows) {
      if (!seen.emplace(std::pair(row.org.str(), row.article.str()), true).second) continue;
      auto it = parents.find(row.org.str());
      if (it == parents.end()) {
        RAPPORT_ASSIGN_OR_RETURN(auto categories, tx.categories().ListAll(row.org));
        it = parents.emplace(row.org.str(), ParentsOf(categories)).first;
      }
      RAPPORT_ASSIGN_OR_RETURN(auto change, ChangeFor(tx, row.org, row.article, it->second));
      changes.push_back(std::move(change));
    }
    return core::Ok();
  }));
  if (last == after) return 0;
  RAPPORT_RETURN_IF_ERROR(index_.Apply(changes, last));
  return static_cast<std::int64_t>(changes.size());
}

core::Result<std::int64_t> Indexer::Rebuild() {
  core::MutexLock lock(mu_);
  return RebuildLocked();
}

core::Result<std::int64_t> Indexer::RebuildLocked() {
  RAPPORT_RETURN_IF_ERROR(index_.Clear());
  std::int64_t latest = 0;
  std::vector<index::Change> changes;
  // One snapshot: the articles are exactly those of the store at `latest`, so the changes
  // after it are the ones to catch up next.
  RAPPORT_RETURN_IF_ERROR(store_.Read([&](store::ReadTx& tx) -> core::Status {
    RAPPORT_ASSIGN_OR_RETURN(latest, tx.search_changes().Latest());
    RAPPORT_ASSIGN_OR_RETURN(auto orgs, AllOrganisations(tx));
    for (const auto& org : orgs) {
      RAPPORT_ASSIGN_OR_RETURN(auto categories, tx.categories().ListAll(org.id));
      const CategoryParents parents = ParentsOf(categories);
      RAPPORT_ASSIGN_OR_RETURN(auto articles, tx.articles().ListAll(org.id));
      for (const auto& article : articles) {
        RAPPORT_ASSIGN_OR_RETURN(auto stats, tx.feedback().Stats(org.id, article.id));
        changes.push_back({.org = org.id.str(),
                           .id = article.id.str(),
                           .document = ToDocument(org.id, article, stats, parents)});
      }
    }
    return core::Ok();
  }));
  // Batched commits keep the writer's memory bounded on large stores; the sequence is
  // recorded with the last batch only, so an interrupted rebuild starts over.
  const std::size_t batch = 2000;
  for (std::size_t i = 0; i < changes.size(); i += batch) {
    const std::size_t end = std::min(changes.size(), i + batch);
    std::vector<index::Change> part(std::make_move_iterator(changes.begin() + i),
                                    std::make_move_iterator(changes.begin() + end));
    RAPPORT_RETURN_IF_ERROR(index_.Apply(part, end == changes.size() ? latest : 0));
  }
  if (changes.empty()) RAPPORT_RETURN_IF_ERROR(index_.Apply({}, latest));
  rebuilt_ = true;
  return static_cast<std::int64_t>(changes.size());
}

}  // namespace rapport::search

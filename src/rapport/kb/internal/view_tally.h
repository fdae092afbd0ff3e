#pragma once

// Article views counted in memory and written in batches. Counting a view in the store on every
// read cost the reader a durable write (an fsync) and took the store's one writer from editors;
// the tally makes a read a read again. A crash loses at most the views of the last flush
// interval, which is acceptable for a usage counter (see docs/knowledge-base.md).
// Thread-safety: every member may be called from any thread.

#include <cstdint>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "rapport/core/thread_annotations.h"
#include "rapport/store/kb.h"

namespace rapport::kb::internal {

struct PendingView {
  store::OrganisationId org;
  store::ArticleId article;
  std::string day;  // "YYYY-MM-DD"
  bool is_public = false;
  std::int64_t count = 0;
};

class ViewTally {
 public:
  // Adds one view; returns how many views are pending after it.
  std::int64_t Add(const store::OrganisationId& org, const store::ArticleId& article,
                   const std::string& day, bool is_public) RAPPORT_EXCLUDES(mu_);
  // The pending views of one article, staff and public, not yet in the store.
  store::ArticleStats PendingFor(const store::OrganisationId& org,
                                 const store::ArticleId& article) const RAPPORT_EXCLUDES(mu_);
  // Every pending view, emptying the tally.
  std::vector<PendingView> Take() RAPPORT_EXCLUDES(mu_);
  // Puts views back after a failed write, so a later flush retries them.
  void Restore(const std::vector<PendingView>& views) RAPPORT_EXCLUDES(mu_);

 private:
  using Key = std::tuple<std::string, std::string, std::string, bool>;  // org, article, day, public
  mutable core::Mutex mu_;
  std::map<Key, std::int64_t> counts_ RAPPORT_GUARDED_BY(mu_);
  std::int64_t pending_ RAPPORT_GUARDED_BY(mu_) = 0;
};

}  // namespace rapport::kb::internal

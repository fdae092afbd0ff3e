#pragma once

// Keeps the search index a faithful projection of the store. Every committed change to an
// article leaves a row in the store's change sequence (store/search.h); CatchUp applies the
// rows after the sequence the index recorded, in batches, and records the newest one with
// each batch, so a crash or restart resumes where the last commit stopped. A new index, or
// one that is ahead of the store (a store restored from an older backup), is rebuilt.
//
// Thread-safety: CatchUp and Rebuild are serialised by a mutex; they block on the store and
// the index, so run them on a worker (IndexFollower), never on an I/O thread.

#include <cstdint>

#include "rapport/core/error.h"
#include "rapport/core/thread_annotations.h"
#include "rapport/index/search_index.h"
#include "rapport/store/store.h"

namespace rapport::search {

class Indexer {
 public:
  static constexpr int kBatchSize = 500;

  Indexer(store::Store& store, index::SearchIndex& index) : store_(store), index_(index) {}

  // Applies every change committed after the index's sequence; returns how many articles it
  // indexed or removed.
  core::Result<std::int64_t> CatchUp();

  // Empties the index and indexes every article of every organisation, recording the store's
  // newest change; returns the number of articles indexed.
  core::Result<std::int64_t> Rebuild();

 private:
  core::Result<std::int64_t> RebuildLocked() RAPPORT_REQUIRES(mu_);
  core::Result<std::int64_t> ApplyBatch(std::int64_t after, bool& done) RAPPORT_REQUIRES(mu_);

  store::Store& store_;
  index::SearchIndex& index_;
  core::Mutex mu_;
  bool rebuilt_ RAPPORT_GUARDED_BY(mu_) = false;
};

}  // namespace rapport::search

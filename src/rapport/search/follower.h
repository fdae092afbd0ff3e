#pragma once

// Runs the search index's catch-up (Indexer::CatchUp) and the query log's flush on their own
// thread, every `interval`, until destroyed. A failed round is
// logged and retried next round; nothing is lost, since the change sequence stays in the
// store until the index has it.
//
// Thread-safety: the object only starts and stops its thread; it has no other methods.

#include <chrono>
#include <thread>

#include "rapport/core/log.h"
#include "rapport/core/thread_annotations.h"
#include "rapport/search/indexer.h"
#include "rapport/search/query_log.h"

namespace rapport::search {

class IndexFollower {
 public:
  IndexFollower(Indexer& indexer, QueryLog& log, core::Logger& logger,
                std::chrono::milliseconds interval);
  // Stops the thread, then writes the query log's pending queries.
  ~IndexFollower();
  IndexFollower(const IndexFollower&) = delete;
  IndexFollower& operator=(const IndexFollower&) = delete;

 private:
  void Round();

  Indexer& indexer_;
  QueryLog& log_;
  core::Logger& logger_;
  core::Mutex mu_;
  core::CondVar wake_;
  bool stop_ RAPPORT_GUARDED_BY(mu_) = false;
  std::thread thread_;
};

}  // namespace rapport::search

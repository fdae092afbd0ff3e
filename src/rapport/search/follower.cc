#include "rapport/search/follower.h"

#include <string>

namespace rapport::search {

IndexFollower::IndexFollower(Indexer& indexer, QueryLog& log, core::Logger& logger,
                             std::chrono::milliseconds interval)
    : indexer_(indexer), log_(log), logger_(logger) {
  thread_ = std::thread([this, interval] {
    while (true) {
      Round();
      const auto deadline = std::chrono::steady_clock::now() + interval;
      core::MutexLock lock(mu_);
      while (!stop_ && wake_.WaitUntil(mu_, deadline)) {
      }
      if (stop_) return;
    }
  });
}

IndexFollower::~IndexFollower() {
  {
    core::MutexLock lock(mu_);
    stop_ = true;
  }
  wake_.NotifyAll();
  thread_.join();
  if (auto flushed = log_.Flush(/*all=*/true); !flushed) {
    logger_.Warn("cannot write the search query log", {{"error", flushed.error().ToString()}});
  }
}

void IndexFollower::Round() {
  if (auto applied = indexer_.CatchUp(); !applied) {
    logger_.Warn("cannot update the search index", {{"error", applied.error().ToString()}});
  }
  if (auto flushed = log_.Flush(); !flushed) {
    logger_.Warn("cannot write the search query log", {{"error", flushed.error().ToString()}});
  }
}

}  // namespace rapport::search

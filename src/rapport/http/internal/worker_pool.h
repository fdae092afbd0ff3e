#pragma once

// A fixed set of threads running tasks from a bounded FIFO queue. The server runs blocking
// handlers here so the I/O threads never wait on the store or the disk; when the queue is full
// TrySubmit refuses instead of queueing without bound, and the server answers 503.
// Thread-safety: all members are safe for concurrent use.

#include <cstddef>
#include <deque>
#include <functional>
#include <thread>
#include <vector>

#include "rapport/core/thread_annotations.h"

namespace rapport::http::internal {

class WorkerPool {
 public:
  using Task = std::function<void()>;

  // REQUIRES: threads >= 1, queue_capacity >= 1.
  WorkerPool(int threads, std::size_t queue_capacity);
  ~WorkerPool();  // Stop()
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // Queues `task` unless `queue_capacity` tasks already wait or the pool is stopping; returns
  // whether it was queued. A task that throws has its exception swallowed (tasks are expected
  // to handle their own errors; the pool must not lose a thread to one that did not).
  bool TrySubmit(Task task) RAPPORT_EXCLUDES(mu_);
  // Stops accepting tasks, runs those already queued, and joins the threads. Idempotent; must
  // not be called from a task.
  void Stop() RAPPORT_EXCLUDES(join_mu_, mu_);

  std::size_t queued() const RAPPORT_EXCLUDES(mu_);

 private:
  void Loop() RAPPORT_EXCLUDES(mu_);

  const std::size_t capacity_;
  mutable core::Mutex mu_;
  core::CondVar cv_;
  std::deque<Task> queue_ RAPPORT_GUARDED_BY(mu_);
  bool stopping_ RAPPORT_GUARDED_BY(mu_) = false;
  core::Mutex join_mu_;  // serialises Stop(); taken before mu_
  // Filled by the constructor; afterwards touched only by Stop(), which joins them.
  std::vector<std::thread> threads_ RAPPORT_GUARDED_BY(join_mu_);
};

}  // namespace rapport::http::internal

#include "rapport/http/internal/worker_pool.h"

#include <cstdlib>
#include <utility>

namespace rapport::http::internal {

WorkerPool::WorkerPool(int threads, std::size_t queue_capacity) : capacity_(queue_capacity) {
  if (threads < 1 || queue_capacity < 1) std::abort();
  threads_.reserve(static_cast<std::size_t>(threads));
  for (int i = 0; i < threads; ++i) threads_.emplace_back([this] { Loop(); });
}

WorkerPool::~WorkerPool() { Stop(); }

bool WorkerPool::TrySubmit(Task task) {
  {
    core::MutexLock lock(mu_);
    if (stopping_ || queue_.size() >= capacity_) return false;
    queue_.push_back(std::move(task));
  }
  cv_.NotifyOne();
  return true;
}

void WorkerPool::Stop() {
  core::MutexLock join_lock(join_mu_);
  {
    core::MutexLock lock(mu_);
    stopping_ = true;
  }
  cv_.NotifyAll();
  for (std::thread& t : threads_) {
    if (t.joinable()) t.join();
  }
}

std::size_t WorkerPool::queued() const {
  core::MutexLock lock(mu_);
  return queue_.size();
}

void WorkerPool::Loop() {
  while (true) {
    Task task;
    {
      core::MutexLock lock(mu_);
      while (!stopping_ && queue_.empty()) cv_.Wait(mu_);
      if (queue_.empty()) return;  // stopping and drained
      task = std::move(queue_.front());
      queue_.pop_front();
    }
    try {
      task();
    } catch (...) {  // NOLINT(bugprone-empty-catch): see TrySubmit
    }
  }
}

}  // namespace rapport::http::internal

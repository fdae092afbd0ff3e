// KnowledgeBase: counting views in memory and writing them in batches (see service.h).

#include <chrono>
#include <cstdint>
#include <vector>

#include "rapport/kb/internal/view_tally.h"
#include "rapport/kb/internal/views.h"
#include "rapport/kb/service.h"

namespace rapport::kb {

core::Status KnowledgeBase::FlushViews() {
  core::MutexLock lock(flush_mu_);
  last_flush_ = clock_.Now();
  std::vector<internal::PendingView> pending = views_->Take();
  if (pending.empty()) return core::Ok();
  const core::Status written = store_.Write([&](store::WriteTx& tx) -> core::Status {
    for (const internal::PendingView& v : pending) {
      for (std::int64_t i = 0; i < v.count; ++i) {
        const core::Status recorded =
            tx.feedback().RecordView(v.org, v.article, v.day, v.is_public);
        // An article deleted since it was read takes its views with it.
        if (!recorded && recorded.error().code() == core::ErrorCode::kNotFound) break;
        RAPPORT_RETURN_IF_ERROR(recorded);
      }
    }
    return core::Ok();
  });
  if (!written) views_->Restore(pending);
  return written;
}

void KnowledgeBase::CountView(const store::OrganisationId& org, const store::ArticleId& id,
                              bool is_public) {
  constexpr std::int64_t kMaxPendingViews = 1000;
  constexpr auto kFlushInterval = std::chrono::seconds(1);
  const core::TimePoint now = clock_.Now();
  const std::int64_t pending = views_->Add(org, id, internal::DayOf(now), is_public);
  {
    core::MutexLock lock(flush_mu_);
    if (pending < kMaxPendingViews && now - last_flush_ < kFlushInterval) return;
  }
  // A lost view count is not worth failing a read for; the views stay counted for the next try.
  (void)FlushViews();
}

}  // namespace rapport::kb

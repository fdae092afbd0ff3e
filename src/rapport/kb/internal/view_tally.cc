#include "rapport/kb/internal/view_tally.h"

#include <utility>

namespace rapport::kb::internal {

std::int64_t ViewTally::Add(const store::OrganisationId& org, const store::ArticleId& article,
                            const std::string& day, bool is_public) {
  core::MutexLock lock(mu_);
  ++counts_[Key{org.str(), article.str(), day, is_public}];
  return ++pending_;
}

store::ArticleStats ViewTally::PendingFor(const store::OrganisationId& org,
                                          const store::ArticleId& article) const {
  store::ArticleStats out;
  core::MutexLock lock(mu_);
  const auto first = counts_.lower_bound(Key{org.str(), article.str(), "", false});
  for (auto it = first; it != counts_.end(); ++it) {
    const auto& [key_org, key_article, day, is_public] = it->first;
    if (key_org != org.str() || key_article != article.str()) break;
    (is_public ? out.public_views : out.staff_views) += it->second;
  }
  return out;
}

std::vector<PendingView> ViewTally::Take() {
  std::map<Key, std::int64_t> taken;
  {
    core::MutexLock lock(mu_);
    taken.swap(counts_);
    pending_ = 0;
  }
  std::vector<PendingView> out;
  out.reserve(taken.size());
  for (const auto& [key, count] : taken) {
    const auto& [org, article, day, is_public] = key;
    out.push_back({.org = store::OrganisationId::FromTrusted(org),
                   .article = store::ArticleId::FromTrusted(article),
                   .day = day,
                   .is_public = is_public,
                   .count = count});
  }
  return out;
}

void ViewTally::Restore(const std::vector<PendingView>& views) {
  core::MutexLock lock(mu_);
  for (const PendingView& v : views) {
    counts_[Key{v.org.str(), v.article.str(), v.day, v.is_public}] += v.count;
    pending_ += v.count;
  }
}

}  // namespace rapport::kb::internal

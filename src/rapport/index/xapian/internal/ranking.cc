#include "rapport/index/xapian/internal/ranking.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "rapport/index/xapian/internal/schema.h"

namespace rapport::index::xapian::internal {
namespace {

constexpr double kFreshnessWeight = 0.1;
constexpr double kVerifiedWeight = 0.1;
constexpr double kHelpfulWeight = 0.1;
constexpr double kFreshnessHalfLifeDays = 180;
constexpr double kSecondsPerDay = 86400;
constexpr double kVoteDamping = 10;

std::vector<FacetCount> Sorted(const std::map<std::string, int>& counts) {
  std::vector<FacetCount> out;
  out.reserve(counts.size());
  for (const auto& [value, count] : counts) out.push_back({value, count});
  std::sort(out.begin(), out.end(), [](const FacetCount& a, const FacetCount& b) {
    return a.count != b.count ? a.count > b.count : a.value < b.value;
  });
  if (out.size() > kMaxFacetValues) out.resize(kMaxFacetValues);
  return out;
}

}  // namespace

double SignalWeight(std::int64_t now, std::int64_t updated_at, std::int64_t verify_due_at,
                    std::int64_t helpful, std::int64_t unhelpful) {
  double weight = 0;
  if (now > 0 && updated_at > 0) {
    const double age_days = std::max(0.0, static_cast<double>(now - updated_at) / kSecondsPerDay);
    weight += kFreshnessWeight * std::exp2(-age_days / kFreshnessHalfLifeDays);
  }
  if (now > 0 && verify_due_at > now) weight += kVerifiedWeight;
  const double up = static_cast<double>(std::max<std::int64_t>(helpful, 0));
  const double down = static_cast<double>(std::max<std::int64_t>(unhelpful, 0));
  const double votes = up + down;
  if (votes > 0) {
    const double share = (up + 1) / (votes + 2);
    const double confidence = votes / (votes + kVoteDamping);
    weight += kHelpfulWeight * std::clamp((share - 0.5) * 2, 0.0, 1.0) * confidence;
  }
  return std::min(weight, kMaxSignalWeight);
}

double DocumentSignalWeight(const Xapian::Document& doc, std::int64_t now) {
  const SignalInputs in = DecodeSignals(doc.get_value(kSignalsSlot));
  return SignalWeight(now, in.updated_at, in.verify_due_at, in.helpful, in.unhelpful);
}

void FacetSpy::operator()(const Xapian::Document& doc, double /*wt*/) {
  if (std::string category = doc.get_value(kCategorySlot); !category.empty()) {
    ++counts_.categories[category];
  }
  const std::string tags = doc.get_value(kTagsSlot);
  if (tags.empty()) return;
  std::vector<std::string> list = DecodeList(tags);
  std::sort(list.begin(), list.end());
  list.erase(std::unique(list.begin(), list.end()), list.end());
  for (const std::string& tag : list) ++counts_.tags[tag];
}

std::string FacetSpy::name() const { return "rapport.FacetSpy"; }

void FacetCounts::Merge(const FacetCounts& other) {
  for (const auto& [value, count] : other.categories) categories[value] += count;
  for (const auto& [value, count] : other.tags) tags[value] += count;
}

std::vector<std::pair<std::string, std::vector<FacetCount>>> FacetCounts::Facets() const {
  return {{"category", Sorted(categories)}, {"tag", Sorted(tags)}};
}

}  // namespace rapport::index::xapian::internal

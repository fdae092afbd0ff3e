#pragma once

// The reporting tree, built from every person of an organisation. The chart holds the active
// people; a person hangs below their manager when that manager is active, and is a root
// otherwise. Data written before the rules existed may contain manager cycles: the chart cuts
// each cycle above its member with the smallest id (which becomes a root), so every active
// person appears exactly once and no walk loops. Inactive people are not in the chart, but
// their chain of managers and their managers' relation to them are still answered.
//
// Thread-safety: immutable after construction; safe for concurrent reads.

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "rapport/store/directory.h"

namespace rapport::directory {

class OrgChart {
 public:
  explicit OrgChart(std::vector<store::Person> people);

  const store::Person* Find(const store::PersonId& id) const;
  // Active people without an active manager above them, sorted by name then id.
  std::vector<const store::Person*> Roots() const;
  // Active people in the chart.
  int ActiveCount() const { return active_count_; }
  // Active direct reports; 0 for unknown and inactive people.
  int ReportCount(const store::PersonId& id) const;
  // Active people anywhere below, the person excluded; 0 for unknown and inactive people.
  int SubtreeCount(const store::PersonId& id) const;
  // The managers above the person, top first, ending with the direct manager.
  std::vector<const store::Person*> Chain(const store::PersonId& id) const;
  // Active direct reports, sorted by name then id.
  std::vector<const store::Person*> DirectReports(const store::PersonId& id) const;
  // True when `person` is strictly below `manager` (auth::Relation::kManagerOf).
  bool IsInSubtree(const store::PersonId& manager, const store::PersonId& person) const;

 private:
  static constexpr std::size_t kNone = static_cast<std::size_t>(-1);

  std::size_t IndexOf(const store::PersonId& id) const;
  bool IsActive(std::size_t i) const { return people_[i].status == store::PersonStatus::kActive; }
  void LinkManagers();
  void CutCycles();
  void CountSubtrees();
  std::vector<const store::Person*> SortedByName(const std::vector<std::size_t>& rows) const;

  std::vector<store::Person> people_;
  std::unordered_map<std::string, std::size_t> index_;  // id -> row
  std::vector<std::size_t> parent_;                     // the active manager's row, or kNone
  std::vector<std::vector<std::size_t>> children_;      // active reports
  std::vector<int> subtree_;
  int active_count_ = 0;
};

}  // namespace rapport::directory

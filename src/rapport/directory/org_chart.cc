#include "rapport/directory/org_chart.h"

#include <algorithm>
#include <tuple>
#include <utility>

namespace rapport::directory {

OrgChart::OrgChart(std::vector<store::Person> people) : people_(std::move(people)) {
  index_.reserve(people_.size());
  for (std::size_t i = 0; i < people_.size(); ++i) index_.emplace(people_[i].id.str(), i);
  LinkManagers();
  CutCycles();
  CountSubtrees();
}

std::size_t OrgChart::IndexOf(const store::PersonId& id) const {
  const auto it = index_.find(id.str());
  return it == index_.end() ? kNone : it->second;
}

const store::Person* OrgChart::Find(const store::PersonId& id) const {
  const std::size_t i = IndexOf(id);
  return i == kNone ? nullptr : &people_[i];
}

void OrgChart::LinkManagers() {
  parent_.assign(people_.size(), kNone);
  for (std::size_t i = 0; i < people_.size(); ++i) {
    if (IsActive(i)) ++active_count_;
    if (!people_[i].manager_id) continue;
    const std::size_t m = IndexOf(*people_[i].manager_id);
    if (m != kNone && m != i && IsActive(m)) parent_[i] = m;
  }
}

// Every row has at most one parent, so a walk up from any row ends at a root or enters one
// cycle. Only active rows have children, so cycles consist of active rows.
void OrgChart::CutCycles() {
  enum : char { kUnseen, kOnWalk, kDone };
  std::vector<char> state(people_.size(), kUnseen);
  std::vector<std::size_t> walk;
  for (std::size_t start = 0; start < people_.size(); ++start) {
    walk.clear();
    std::size_t at = start;
    while (at != kNone && state[at] == kUnseen) {
      state[at] = kOnWalk;
      walk.push_back(at);
      at = parent_[at];
    }
    if (at != kNone && state[at] == kOnWalk) {
      const auto first = std::ranges::find(walk, at);
      const auto smallest = std::min_element(first, walk.end(), [&](std::size_t a, std::size_t b) {
        return people_[a].id < people_[b].id;
      });
      parent_[*smallest] = kNone;
    }
    for (const std::size_t row : walk) state[row] = kDone;
  }
}

void OrgChart::CountSubtrees() {
  children_.assign(people_.size(), {});
  subtree_.assign(people_.size(), 0);
  std::vector<std::size_t> order;  // parents before children
  order.reserve(people_.size());
  for (std::size_t i = 0; i < people_.size(); ++i) {
    if (!IsActive(i)) continue;
    if (parent_[i] == kNone) {
      order.push_back(i);
    } else {
      children_[parent_[i]].push_back(i);
    }
  }
  for (std::size_t next = 0; next < order.size(); ++next) {
    const auto& kids = children_[order[next]];
    order.insert(order.end(), kids.begin(), kids.end());
  }
  for (auto it = order.rbegin(); it != order.rend(); ++it) {
    if (parent_[*it] != kNone) subtree_[parent_[*it]] += subtree_[*it] + 1;
  }
}

std::vector<const store::Person*> OrgChart::SortedByName(
    const std::vector<std::size_t>& rows) const {
  std::vector<const store::Person*> out;
  out.reserve(rows.size());
  for (const std::size_t row : rows) out.push_back(&people_[row]);
  std::ranges::sort(out, [](const store::Person* a, const store::Person* b) {
    return std::tie(a->name, a->id) < std::tie(b->name, b->id);
  });
  return out;
}

std::vector<const store::Person*> OrgChart::Roots() const {
  std::vector<std::size_t> rows;
  for (std::size_t i = 0; i < people_.size(); ++i) {
    if (IsActive(i) && parent_[i] == kNone) rows.push_back(i);
  }
  return SortedByName(rows);
}

int OrgChart::ReportCount(const store::PersonId& id) const {
  const std::size_t i = IndexOf(id);
  return i == kNone ? 0 : static_cast<int>(children_[i].size());
}

int OrgChart::SubtreeCount(const store::PersonId& id) const {
  const std::size_t i = IndexOf(id);
  return i == kNone ? 0 : subtree_[i];
}

std::vector<const store::Person*> OrgChart::Chain(const store::PersonId& id) const {
  std::vector<const store::Person*> chain;
  std::size_t at = IndexOf(id);
  // parent_ is a forest, so this ends; the bound only documents it.
  for (std::size_t steps = 0; at != kNone && steps < people_.size(); ++steps) {
    at = parent_[at];
    if (at != kNone) chain.push_back(&people_[at]);
  }
  std::ranges::reverse(chain);
  return chain;
}

std::vector<const store::Person*> OrgChart::DirectReports(const store::PersonId& id) const {
  const std::size_t i = IndexOf(id);
  if (i == kNone) return {};
  return SortedByName(children_[i]);
}

bool OrgChart::IsInSubtree(const store::PersonId& manager, const store::PersonId& person) const {
  const std::size_t target = IndexOf(manager);
  std::size_t at = IndexOf(person);
  if (target == kNone || at == kNone) return false;
  for (std::size_t steps = 0; steps < people_.size(); ++steps) {
    at = parent_[at];
    if (at == kNone) return false;
    if (at == target) return true;
  }
  return false;
}

}  // namespace rapport::directory

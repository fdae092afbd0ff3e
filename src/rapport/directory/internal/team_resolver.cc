#include "rapport/directory/internal/team_resolver.h"

#include <utility>

namespace rapport::directory {
namespace {

TeamRef ExistingTeam(const store::TeamId& id) {
  TeamRef ref;
  ref.id = id;
  return ref;
}

}  // namespace

std::string FoldCase(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

TeamIndex::TeamIndex(const std::vector<store::Team>& teams) {
  for (const store::Team& team : teams) by_id_.emplace(team.id.str(), &team);
}

const store::Team* TeamIndex::Find(const store::TeamId& id) const {
  const auto it = by_id_.find(id.str());
  return it == by_id_.end() ? nullptr : it->second;
}

const store::Team* TeamIndex::DepartmentOf(const store::Team& team) const {
  const store::Team* at = &team;
  // Each step climbs one parent; more steps than teams means the parents loop.
  for (std::size_t steps = 0; at != nullptr && steps <= by_id_.size(); ++steps) {
    if (at->kind == store::TeamKind::kDepartment) return at;
    if (!at->parent_id) return nullptr;
    at = Find(*at->parent_id);
  }
  return nullptr;
}

TeamResolver::TeamResolver(const std::vector<store::Team>& teams) : index_(teams) {
  for (const store::Team& team : teams) {
    if (team.kind == store::TeamKind::kDepartment) {
      departments_exact_.emplace(team.name, team.id);
      departments_folded_.emplace(FoldCase(team.name), team.id);
    } else if (const store::Team* department = index_.DepartmentOf(team)) {
      teams_of_[department->id.str()].push_back(&team);
    }
  }
}

TeamRef TeamResolver::Department(std::string_view name) {
  if (const auto it = departments_exact_.find(std::string(name)); it != departments_exact_.end()) {
    return ExistingTeam(it->second);
  }
  const std::string folded = FoldCase(name);
  if (const auto it = departments_folded_.find(folded); it != departments_folded_.end()) {
    return ExistingTeam(it->second);
  }
  PlannedTeam department;
  department.name = std::string(name);
  department.kind = store::TeamKind::kDepartment;
  TeamRef ref;
  ref.planned = Plan(std::move(department), "\n" + folded);
  return ref;
}

TeamRef TeamResolver::Team(const TeamRef& department, std::string_view name) {
  const std::string key = Key(department, name);
  if (const auto it = resolved_.find(key); it != resolved_.end()) return it->second;
  TeamRef ref;
  if (department.id) ref.id = FindTeam(*department.id, name);
  if (!ref.id) {
    ref.planned = Plan(
        PlannedTeam{std::string(name), store::TeamKind::kTeam, department.id, department.planned},
        Key(department, FoldCase(name)));
  }
  resolved_.emplace(key, ref);
  return ref;
}

std::string TeamResolver::Key(const TeamRef& department, std::string_view name) {
  std::string key = department.id ? department.id->str() : "#" + std::to_string(department.planned);
  key.push_back('\n');
  key.append(name);
  return key;
}

std::optional<store::TeamId> TeamResolver::FindTeam(const store::TeamId& department,
                                                    std::string_view name) const {
  const auto it = teams_of_.find(department.str());
  if (it == teams_of_.end()) return std::nullopt;
  const std::string folded = FoldCase(name);
  // Direct children before deeper teams, exact names before names that differ in case.
  for (const bool direct_only : {true, false}) {
    for (const bool exact : {true, false}) {
      for (const store::Team* team : it->second) {
        if (direct_only && team->parent_id != department) continue;
        if (exact ? team->name == name : FoldCase(team->name) == folded) return team->id;
      }
    }
  }
  return std::nullopt;
}

int TeamResolver::Plan(PlannedTeam team, std::string key) {
  const auto [it, inserted] = planned_keys_.emplace(std::move(key), 0);
  if (inserted) {
    it->second = static_cast<int>(planned_.size());
    planned_.push_back(std::move(team));
  }
  return it->second;
}

}  // namespace rapport::directory

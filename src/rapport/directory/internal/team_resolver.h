#pragma once

// Departments and teams by name, for the import and the export. Names match exactly first,
// then ignoring ASCII case. A team is looked for among the teams whose nearest department is
// the given one, its direct children first, so a file that names "Sales / EMEA" finds the
// EMEA team even when it sits below another team of Sales. What is not found is planned for
// creation (once per name and parent).
//
// Thread-safety: none; one resolver per planning run.

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "rapport/directory/import_plan.h"
#include "rapport/store/directory.h"

namespace rapport::directory {

// An existing team (id) or one planned by this resolver (index into its planned teams); both
// empty for "no team".
struct TeamRef {
  std::optional<store::TeamId> id;
  int planned = -1;
};

// Teams by id; the vector must outlive the index.
class TeamIndex {
 public:
  explicit TeamIndex(const std::vector<store::Team>& teams);
  const store::Team* Find(const store::TeamId& id) const;
  // `team` itself when it is a department, else its nearest ancestor that is; null when the
  // chain of parents ends without one, dangles or loops (data written before the rules).
  const store::Team* DepartmentOf(const store::Team& team) const;

 private:
  std::unordered_map<std::string, const store::Team*> by_id_;
};

class TeamResolver {
 public:
  // `teams` must outlive the resolver.
  explicit TeamResolver(const std::vector<store::Team>& teams);

  TeamRef Department(std::string_view name);
  // REQUIRES: `department` came from Department().
  TeamRef Team(const TeamRef& department, std::string_view name);
  std::vector<PlannedTeam> TakePlanned() { return std::move(planned_); }

 private:
  static std::string Key(const TeamRef& department, std::string_view name);
  std::optional<store::TeamId> FindTeam(const store::TeamId& department,
                                        std::string_view name) const;
  int Plan(PlannedTeam team, std::string key);

  TeamIndex index_;
  std::unordered_map<std::string, store::TeamId> departments_exact_;
  std::unordered_map<std::string, store::TeamId> departments_folded_;
  // Department id -> its teams (at any depth).
  std::unordered_map<std::string, std::vector<const store::Team*>> teams_of_;
  std::unordered_map<std::string, TeamRef> resolved_;  // Key(department, exact name)
  std::unordered_map<std::string, int> planned_keys_;  // Key(department, folded name)
  std::vector<PlannedTeam> planned_;
};

// ASCII lower case, for name comparisons that ignore case.
std::string FoldCase(std::string_view text);

}  // namespace rapport::directory

#include "rapport/directory/import_plan.h"

#include <fmt/format.h>

#include <algorithm>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "rapport/directory/internal/team_resolver.h"

namespace rapport::directory {
namespace {

constexpr std::size_t kNoRow = static_cast<std::size_t>(-1);

// The directory's people indexed for planning.
struct PeopleIndex {
  explicit PeopleIndex(const std::vector<store::Person>& people) {
    for (const store::Person& p : people) {
      by_employee_id.emplace(p.employee_id, &p);
      by_id.emplace(p.id.str(), &p);
    }
  }

  // The employee id of `person`'s manager; "" for none, and a value no file can hold when the
  // manager id dangles (so that the file's value always counts as a change).
  std::string ManagerEmployeeId(const store::Person& person) const {
    if (!person.manager_id) return {};
    const auto it = by_id.find(person.manager_id->str());
    return it == by_id.end() ? std::string("\n(unknown)") : it->second->employee_id;
  }

  std::unordered_map<std::string_view, const store::Person*> by_employee_id;
  std::unordered_map<std::string_view, const store::Person*> by_id;
};

// Sets `target` to `value`, noting `field` when it changes.
void Assign(std::string& target, const std::string& value, std::string_view field,
            std::vector<std::string>& changed) {
  if (target == value) return;
  target = value;
  changed.emplace_back(field);
}

class Planner {
 public:
  Planner(const PeopleFile& file, const DirectorySnapshot& current)
      : file_(file), index_(current.people), teams_(current.teams) {}

  ImportPlan Run(const PlanOptions& options) {
    plan_.report.rows = file_.rows;
    CopyErrors();
    std::vector<PlannedWrite> planned;
    std::vector<std::pair<int, std::size_t>> order;  // (manager depth, index in `planned`)
    const std::vector<int> depth = ManagerDepths();
    for (std::size_t i = 0; i < file_.people.size(); ++i) {
      const Candidate& c = file_.people[i];
      if (!c.valid) continue;
      std::optional<PlannedWrite> write = PlanRow(c);
      if (!write) continue;
      order.emplace_back(depth[i], planned.size());
      planned.push_back(std::move(*write));
    }
    // Managers first; within one depth, file order (the index breaks ties).
    std::ranges::sort(order);
    for (const auto& [unused, index] : order) plan_.writes.push_back(std::move(planned[index]));
    PlanMissingPeople();
    plan_.new_teams = teams_.TakePlanned();
    plan_.report.safety_stop = !options.force && ExceedsSafetyLimit();
    return std::move(plan_);
  }

 private:
  void CopyErrors() {
    auto& errors = plan_.report.errors;
    const std::size_t shown = std::min(file_.errors.size(), kMaxReportedErrors);
    errors.assign(file_.errors.begin(), file_.errors.begin() + static_cast<std::ptrdiff_t>(shown));
    if (file_.errors.size() > shown) {
      errors.push_back(
          ImportError{0, "", fmt::format("{} more errors not shown", file_.errors.size() - shown)});
    }
  }

  // For each row, how many managers above it are in the file, so that sorting writes by it
  // writes managers first. Cycles (rows with errors, never applied) count as depth 0.
  std::vector<int> ManagerDepths() const {
    const auto& people = file_.people;
    std::unordered_map<std::string_view, std::size_t> row_of;
    for (std::size_t i = 0; i < people.size(); ++i) row_of.emplace(people[i].employee_id, i);
    std::vector<std::size_t> manager(people.size(), kNoRow);
    for (std::size_t i = 0; i < people.size(); ++i) {
      const auto it = row_of.find(people[i].manager_employee_id);
      if (it != row_of.end() && it->second != i) manager[i] = it->second;
    }
    constexpr int kUnknown = -1;
    constexpr int kOnWalk = -2;
    std::vector<int> depth(people.size(), kUnknown);
    std::vector<std::size_t> walk;
    for (std::size_t start = 0; start < people.size(); ++start) {
      walk.clear();
      std::size_t at = start;
      while (at != kNoRow && depth[at] == kUnknown) {
        depth[at] = kOnWalk;
        walk.push_back(at);
        at = manager[at];
      }
      int base = (at == kNoRow || depth[at] == kOnWalk) ? -1 : depth[at];
      for (auto it = walk.rbegin(); it != walk.rend(); ++it) depth[*it] = ++base;
    }
    return depth;
  }

  std::optional<PlannedWrite> PlanRow(const Candidate& c) {
    const PeopleHeader& header = file_.header;
    const auto found = index_.by_employee_id.find(c.employee_id);
    const store::Person* existing = found == index_.by_employee_id.end() ? nullptr : found->second;
    PlannedWrite write;
    store::Person& p = write.person;
    if (existing != nullptr) p = *existing;
    p.employee_id = c.employee_id;
    std::vector<std::string> changed;
    Assign(p.name, c.name, "name", changed);
    if (header.Has(Column::kEmail)) Assign(p.email, c.email, "email", changed);
    if (header.Has(Column::kJobTitle)) Assign(p.job_title, c.job_title, "job_title", changed);
    if (header.HasPlacement()) PlanPlacement(c, write, changed);
    if (header.Has(Column::kManagerEmployeeId)) {
      const std::string current = existing ? index_.ManagerEmployeeId(*existing) : std::string();
      if (current != c.manager_employee_id) changed.emplace_back("manager_employee_id");
      write.manager_employee_id = c.manager_employee_id;
    }
    if (header.Has(Column::kHireDate)) Assign(p.hire_date, c.hire_date, "hire_date", changed);
    if (header.Has(Column::kLocation)) Assign(p.location, c.location, "location", changed);
    if (header.Has(Column::kEmploymentType)) {
      Assign(p.employment_type, c.employment_type, "employment_type", changed);
    }
    PlanAttributes(c, p.attributes, changed);
    p.status = header.Has(Column::kStatus) ? c.status : store::PersonStatus::kActive;

    write.action = ActionFor(existing, p.status);
    if (existing != nullptr && write.action == ChangeAction::kUpdate && changed.empty()) {
      ++plan_.report.unchanged;
      return std::nullopt;
    }
    Count(write.action);
    plan_.report.changes.push_back(
        ImportChange{c.line, c.employee_id, write.action,
                     existing == nullptr ? std::vector<std::string>{} : std::move(changed)});
    return write;
  }

  static ChangeAction ActionFor(const store::Person* existing, store::PersonStatus wanted) {
    if (existing == nullptr) return ChangeAction::kCreate;
    const bool was_active = existing->status == store::PersonStatus::kActive;
    const bool is_active = wanted == store::PersonStatus::kActive;
    if (was_active && !is_active) return ChangeAction::kDeactivate;
    if (!was_active && is_active) return ChangeAction::kReactivate;
    return ChangeAction::kUpdate;
  }

  void PlanPlacement(const Candidate& c, PlannedWrite& write, std::vector<std::string>& changed) {
    TeamRef ref;
    if (!c.department.empty()) {
      ref = teams_.Department(c.department);
      if (!c.team.empty()) ref = teams_.Team(ref, c.team);
    }
    store::Person& p = write.person;
    if (ref.planned >= 0) {
      write.planned_team = ref.planned;
      p.team_id.reset();
      changed.emplace_back("team");
      return;
    }
    if (p.team_id != ref.id) {
      p.team_id = ref.id;
      changed.emplace_back("team");
    }
  }

  void PlanAttributes(const Candidate& c, store::Attributes& attributes,
                      std::vector<std::string>& changed) const {
    for (const auto& column : file_.header.attributes) {
      const auto wanted = c.attributes.find(column.name);
      const auto have = attributes.find(column.name);
      if (wanted == c.attributes.end()) {
        if (have == attributes.end()) continue;
        attributes.erase(have);
      } else if (have == attributes.end()) {
        attributes.emplace(column.name, wanted->second);
      } else if (have->second != wanted->second) {
        have->second = wanted->second;
      } else {
        continue;
      }
      changed.push_back(column.name);
    }
  }

  void Count(ChangeAction action) {
    ImportReport& r = plan_.report;
    switch (action) {
      case ChangeAction::kCreate:
        ++r.creates;
        break;
      case ChangeAction::kUpdate:
        ++r.updates;
        break;
      case ChangeAction::kDeactivate:
        ++r.deactivations;
        break;
      case ChangeAction::kReactivate:
        ++r.reactivations;
        break;
    }
  }

  // Active people the file does not mention are deactivated.
  void PlanMissingPeople() {
    std::unordered_set<std::string_view> in_file;
    for (const Candidate& c : file_.people) in_file.insert(c.employee_id);
    std::vector<const store::Person*> missing;
    for (const auto& [employee_id, person] : index_.by_employee_id) {
      if (person->status == store::PersonStatus::kActive && !in_file.contains(employee_id)) {
        missing.push_back(person);
      }
    }
    std::ranges::sort(missing, {}, &store::Person::employee_id);
    for (const store::Person* person : missing) {
      PlannedWrite write;
      write.action = ChangeAction::kDeactivate;
      write.person = *person;
      write.person.status = store::PersonStatus::kInactive;
      plan_.writes.push_back(std::move(write));
      Count(ChangeAction::kDeactivate);
      plan_.report.changes.push_back(
          ImportChange{0, person->employee_id, ChangeAction::kDeactivate, {}});
    }
  }

  bool ExceedsSafetyLimit() const {
    std::int64_t active = 0;
    for (const auto& [unused, person] : index_.by_id) {
      if (person->status == store::PersonStatus::kActive) ++active;
    }
    const std::int64_t deactivations = plan_.report.deactivations;
    return deactivations * 100 > active * kSafetyStopPercent;
  }

  const PeopleFile& file_;
  PeopleIndex index_;
  TeamResolver teams_;
  ImportPlan plan_;
};

}  // namespace

std::string_view ChangeActionName(ChangeAction action) {
  switch (action) {
    case ChangeAction::kCreate:
      return "create";
    case ChangeAction::kUpdate:
      return "update";
    case ChangeAction::kDeactivate:
      return "deactivate";
    case ChangeAction::kReactivate:
      return "reactivate";
  }
  return "update";
}

ImportPlan PlanImport(const PeopleFile& file, const DirectorySnapshot& current,
                      const PlanOptions& options) {
  return Planner(file, current).Run(options);
}

core::Status ApplyImport(store::WriteTx& tx, const store::OrganisationId& org,
                         const DirectorySnapshot& current, const ImportPlan& plan,
                         const store::DateText& effective,
                         const std::function<std::string()>& new_id) {
  std::vector<store::TeamId> team_ids;
  team_ids.reserve(plan.new_teams.size());
  for (const PlannedTeam& team : plan.new_teams) {
    store::NewTeam row{.id = store::TeamId::FromTrusted(new_id()),
                       .name = team.name,
                       .kind = team.kind,
                       .parent_id = team.parent_id};
    if (team.parent_planned >= 0) {
      row.parent_id = team_ids.at(static_cast<std::size_t>(team.parent_planned));
    }
    RAPPORT_RETURN_IF_ERROR(tx.teams().Create(org, row));
    team_ids.push_back(row.id);
  }
  std::unordered_map<std::string, store::PersonId> ids;
  for (const store::Person& p : current.people) ids.emplace(p.employee_id, p.id);
  for (const PlannedWrite& write : plan.writes) {
    store::Person person = write.person;
    if (write.planned_team >= 0) {
      person.team_id = team_ids.at(static_cast<std::size_t>(write.planned_team));
    }
    if (write.manager_employee_id) {
      person.manager_id.reset();
      if (!write.manager_employee_id->empty()) {
        const auto it = ids.find(*write.manager_employee_id);
        if (it == ids.end()) return core::Internal("import plan names a manager it never wrote");
        person.manager_id = it->second;
      }
    }
    if (write.action == ChangeAction::kCreate) {
      person.id = store::PersonId::FromTrusted(new_id());
      RAPPORT_RETURN_IF_ERROR(tx.people().Create(org, person, effective));
      ids.emplace(person.employee_id, person.id);
    } else {
      RAPPORT_RETURN_IF_ERROR(tx.people().Update(org, person, effective));
    }
  }
  return core::Ok();
}

}  // namespace rapport::directory

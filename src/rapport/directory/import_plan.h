#pragma once

// What a people file means for the current directory, and applying it.
//
// The file is the whole directory: every row is created, updated, reactivated or left
// unchanged, and every active person missing from it is deactivated (so is a row whose status
// column says "inactive"). Departments and teams named in the file are matched by name (exact
// first, then ignoring ASCII case; a team is looked for among the teams whose nearest
// department is the row's department, its direct children first) and created when missing.
//
// The safety stop: a plan that deactivates more than 40% of the currently active people is
// refused unless forced (exactly 40% passes), so a truncated export cannot empty a directory.
//
// Applying writes in an order where every manager exists before the people who report to
// them, and writes nothing for unchanged rows, so applying the same file twice writes nothing
// the second time.
//
// Thread-safety: PlanImport is a pure function; ApplyImport uses the caller's transaction.

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rapport/core/error.h"
#include "rapport/directory/people_csv.h"
#include "rapport/store/directory.h"
#include "rapport/store/organisation.h"
#include "rapport/store/store.h"

namespace rapport::directory {

// Deactivations may reach this share of the active people without force.
inline constexpr int kSafetyStopPercent = 40;
// A report lists at most this many errors, then one line saying how many more there were.
inline constexpr std::size_t kMaxReportedErrors = 1000;

// The directory an import is planned against: every person (active and inactive) and team.
struct DirectorySnapshot {
  std::vector<store::Person> people;
  std::vector<store::Team> teams;
};

enum class ChangeAction { kCreate, kUpdate, kDeactivate, kReactivate };
std::string_view ChangeActionName(ChangeAction action);  // "create", "update", ...

struct ImportChange {
  int line = 0;  // 0 for people deactivated because the file does not have them
  std::string employee_id;
  ChangeAction action = ChangeAction::kCreate;
  // Changed fields, named as the columns: "name", "team", "manager_employee_id", an attribute
  // name... Empty for creates and for deactivations of people missing from the file.
  std::vector<std::string> fields;
};

struct ImportReport {
  bool dry_run = true;
  bool applied = false;
  int rows = 0;
  int creates = 0;
  int updates = 0;
  int unchanged = 0;
  int deactivations = 0;
  int reactivations = 0;
  std::vector<ImportChange> changes;  // file order, then deactivations by employee id
  std::vector<ImportError> errors;
  bool safety_stop = false;  // deactivations exceed the limit and force was not given

  bool HasChanges() const { return creates + updates + deactivations + reactivations > 0; }
};

// A team the import creates. Its parent is an existing team or an earlier planned one.
struct PlannedTeam {
  std::string name;
  store::TeamKind kind = store::TeamKind::kTeam;
  std::optional<store::TeamId> parent_id;
  int parent_planned = -1;  // index into ImportPlan::new_teams, or -1
};

// One person to write. `person` is the desired state; for creates its id is empty.
struct PlannedWrite {
  ChangeAction action = ChangeAction::kCreate;
  store::Person person;
  int planned_team = -1;  // index into ImportPlan::new_teams: overrides person.team_id
  // Set when the file gives the manager: the manager's employee id, or "" for none.
  std::optional<std::string> manager_employee_id;
};

struct ImportPlan {
  ImportReport report;
  std::vector<PlannedTeam> new_teams;  // parents before children
  std::vector<PlannedWrite> writes;    // managers before their reports; deactivations last
};

struct PlanOptions {
  bool force = false;  // deactivate beyond the safety limit
};

// The plan for `file` against `current`. Rows with errors are reported, not planned; the
// caller must not apply a plan whose report has errors or a safety stop.
ImportPlan PlanImport(const PeopleFile& file, const DirectorySnapshot& current,
                      const PlanOptions& options);

// Writes `plan` through `tx`: teams, then people, memberships changing on `effective`.
// `current` is the snapshot the plan was made from (read in the same transaction); `new_id`
// supplies fresh raw ids. REQUIRES: plan.report has no errors and no safety stop.
core::Status ApplyImport(store::WriteTx& tx, const store::OrganisationId& org,
                         const DirectorySnapshot& current, const ImportPlan& plan,
                         const store::DateText& effective,
                         const std::function<std::string()>& new_id);

}  // namespace rapport::directory

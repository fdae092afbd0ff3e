#pragma once

// The directory as the rest of Rapport uses it: people, teams, the org chart, the people
// import and export. Every method takes the principal first and asks auth::Authorize before
// anything else (handlers never decide access); every read and write is confined to the
// principal's organisation, and an id of another organisation answers NotFound exactly like
// an id that does not exist.
//
// Sensitive fields (hire date, employment type, attributes, placement history) are returned
// only when the principal may read them: with people.read_sensitive, or as one of the
// person's managers (auth::Relation::kManagerOf, found by climbing the person's active
// managers). Otherwise the view has them cleared and says so.
//
// Dates: memberships change on the organisation's current day, taken as the UTC day of the
// clock (see TodayUtc); hire dates may lie at most a year after it.
//
// Thread-safety: safe for concurrent calls from many threads (the store serialises writes;
// the id generator is used under a mutex). Calls block on the store: never call them on an
// I/O thread.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rapport/auth/policy.h"
#include "rapport/core/clock.h"
#include "rapport/core/error.h"
#include "rapport/core/id.h"
#include "rapport/core/thread_annotations.h"
#include "rapport/directory/import_plan.h"
#include "rapport/directory/organisation_settings.h"
#include "rapport/store/store.h"

namespace rapport::directory {

struct PersonView {
  store::Person person;  // sensitive fields cleared unless sensitive_visible
  std::string team_name;
  std::string manager_name;
  bool sensitive_visible = false;
  std::vector<store::Membership> history;  // GetPerson only, and only when sensitive_visible
};

struct PeoplePage {
  std::vector<PersonView> people;
  std::string next_cursor;
};

// Field changes for CreatePerson and UpdatePerson; an unset member leaves the field as it is
// (CreatePerson: empty). Strings are trimmed and e-mails lower-cased before validation.
struct PersonPatch {
  std::optional<std::string> employee_id;
  std::optional<std::string> name;
  std::optional<std::string> email;
  std::optional<std::string> job_title;
  std::optional<std::optional<store::TeamId>> team_id;  // a null inner value clears it
  std::optional<std::optional<store::PersonId>> manager_id;
  std::optional<std::string> hire_date;
  std::optional<std::string> location;
  std::optional<std::string> employment_type;
  std::optional<store::Attributes> attributes;  // replaces every attribute
  std::optional<store::PersonStatus> status;
};

struct TeamView {
  store::Team team;
  int head_count = 0;  // active people in the team and the teams below it
};

struct NewTeamRequest {
  std::string name;
  store::TeamKind kind = store::TeamKind::kTeam;
  std::optional<store::TeamId> parent_id;
};

struct OrgNode {
  store::PersonId id;
  std::string name;
  std::string job_title;
  std::string team_name;
  int report_count = 0;
  int subtree_count = 0;
};

struct OrgChartView {
  // Without a root: the top of the tree and how many active people it holds.
  std::vector<OrgNode> roots;
  int total = 0;
  // With a root: that person, their managers (top first) and their direct reports.
  std::optional<OrgNode> person;
  std::vector<OrgNode> chain;
  std::vector<OrgNode> reports;
};

struct ImportRequest {
  std::string_view csv;
  bool dry_run = true;
  bool force = false;  // pass the 40% safety stop
};

class DirectoryService {
 public:
  // All three must outlive the service.
  DirectoryService(store::Store& store, const core::Clock& clock, core::IdGenerator& ids);

  // directory.read. InvalidArgument (field "limit", "cursor" or "q") for a bad page or query.
  core::Result<PeoplePage> ListPeople(const auth::Principal& principal,
                                      const store::PersonFilter& filter,
                                      const store::PageRequest& page);
  // directory.read; the history comes with the sensitive fields.
  core::Result<PersonView> GetPerson(const auth::Principal& principal, const store::PersonId& id);
  // people.write. employee_id and name are required. Unprocessable (with the field) for an
  // invalid value or a manager cycle; NotFound (field "team_id" or "manager_id") for a team or
  // manager not in the organisation; Conflict (field "employee_id") for a taken employee id.
  core::Result<PersonView> CreatePerson(const auth::Principal& principal, const PersonPatch& patch);
  core::Result<PersonView> UpdatePerson(const auth::Principal& principal, const store::PersonId& id,
                                        const PersonPatch& patch);

  // directory.read: every team, departments first, then by name.
  core::Result<std::vector<TeamView>> ListTeams(const auth::Principal& principal);
  // teams.write. Departments have no parent; teams need a department or team as parent
  // (Unprocessable, field "parent_id"); NotFound (field "parent_id") for an unknown parent;
  // Conflict (field "name") when the parent already has a team of that name.
  core::Result<TeamView> CreateTeam(const auth::Principal& principal,
                                    const NewTeamRequest& request);

  // directory.read. Without `root`, the roots of the chart; with it, that person's place.
  core::Result<OrgChartView> GetOrgChart(const auth::Principal& principal,
                                         const std::optional<store::PersonId>& root);

  // people.import. The report says what the file means and, for a real run, whether it was
  // applied: a real run applies nothing when the report has errors or a safety stop (the
  // caller answers 422 / 409 with the report). Applying is one transaction with one audit
  // entry "people.import"; a run that changes nothing writes nothing.
  core::Result<ImportReport> Import(const auth::Principal& principal, const ImportRequest& request);
  // people.export: the CSV text (see export.h), audited as "people.export".
  core::Result<std::string> Export(const auth::Principal& principal);

  // directory.read: the principal's organisation (every member may see its name and zone).
  core::Result<store::Organisation> GetOrganisation(const auth::Principal& principal);
  // settings.manage: changes the name and/or time zone (see organisation_settings.h;
  // Unprocessable with field "name" or "time_zone"). The change and one audit entry
  // "settings.changed" on "organisation", with the from/to of each changed setting, are one
  // transaction; a patch that changes nothing writes nothing and is not audited.
  core::Result<store::Organisation> UpdateOrganisation(const auth::Principal& principal,
                                                       const OrganisationPatch& patch);

 private:
  std::string NewId() RAPPORT_EXCLUDES(ids_mu_);
  std::chrono::sys_days Today() const;
  // An audit entry by `principal` on "people" (actor and address as the auth service writes
  // them); callers acting on something else set `target` themselves.
  store::AuditEntry AuditFor(const auth::Principal& principal, std::string action,
                             std::string detail) const;
  core::Status CheckReferences(store::ReadTx& tx, const auth::Principal& principal,
                               const store::Person& person, const store::Person* before);

  store::Store& store_;
  const core::Clock& clock_;
  core::Mutex ids_mu_;
  core::IdGenerator& ids_ RAPPORT_GUARDED_BY(ids_mu_);
};

}  // namespace rapport::directory

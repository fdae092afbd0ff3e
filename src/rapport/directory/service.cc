#include "rapport/directory/service.h"

#include <fmt/format.h>

#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "rapport/directory/internal/person_views.h"
#include "rapport/directory/org_chart.h"
#include "rapport/directory/person_fields.h"

namespace rapport::directory {
namespace {

constexpr std::size_t kMaxQueryBytes = 200;

bool IsNotFound(const core::Error& error) { return error.code() == core::ErrorCode::kNotFound; }

// NotFound from the store, restated with the field that named the missing object.
std::unexpected<core::Error> MissingReference(std::string_view what, std::string_view field) {
  return core::MakeError(core::ErrorCode::kNotFound,
                         fmt::format("no such {} in this organisation", what), std::string(field));
}

std::string TrimmedCopy(std::string_view text) { return std::string(Trim(text)); }

core::Result<store::Attributes> NormaliseAttributes(const store::Attributes& attributes) {
  store::Attributes out;
  for (const auto& [name, value] : attributes) {
    std::string clean = TrimmedCopy(value);
    std::erase(clean, '\r');
    // An empty value removes the attribute, as an empty cell does in an import.
    if (!clean.empty()) out.emplace(name, std::move(clean));
  }
  return out;
}

// `person` with `patch` applied, normalised and validated.
core::Result<store::Person> ApplyPatch(store::Person person, const PersonPatch& patch,
                                       std::chrono::sys_days today) {
  if (patch.employee_id) person.employee_id = TrimmedCopy(*patch.employee_id);
  if (patch.name) person.name = TrimmedCopy(*patch.name);
  if (patch.email) {
    RAPPORT_ASSIGN_OR_RETURN(person.email, NormaliseEmail(Trim(*patch.email)));
  }
  if (patch.job_title) person.job_title = TrimmedCopy(*patch.job_title);
  if (patch.team_id) person.team_id = *patch.team_id;
  if (patch.manager_id) person.manager_id = *patch.manager_id;
  if (patch.hire_date) person.hire_date = TrimmedCopy(*patch.hire_date);
  if (patch.location) person.location = TrimmedCopy(*patch.location);
  if (patch.employment_type) person.employment_type = TrimmedCopy(*patch.employment_type);
  if (patch.attributes) {
    RAPPORT_ASSIGN_OR_RETURN(person.attributes, NormaliseAttributes(*patch.attributes));
  }
  if (patch.status) person.status = *patch.status;
  RAPPORT_RETURN_IF_ERROR(ValidatePerson(person, today));
  return person;
}

// Ok when making `manager` the manager of `person` closes no loop: climbing from `manager`
// through every manager link (active or not) never reaches `person`.
core::Status CheckNoCycle(store::ReadTx& tx, const store::OrganisationId& org,
                          const store::PersonId& person, const store::PersonId& manager) {
  std::unordered_set<std::string> seen;
  std::optional<store::PersonId> at = manager;
  while (at && seen.insert(at->str()).second) {
    if (*at == person) {
      return core::Unprocessable("this manager reports to the person, directly or not",
                                 "manager_id");
    }
    auto row = tx.people().Get(org, *at);
    if (!row) {
      if (IsNotFound(row.error())) break;
      return std::unexpected(row.error());
    }
    at = row->manager_id;
  }
  return core::Ok();
}

OrgNode NodeOf(const store::Person& person, const OrgChart& chart,
               const std::unordered_map<std::string, std::string>& team_names) {
  OrgNode node;
  node.id = person.id;
  node.name = person.name;
  node.job_title = person.job_title;
  if (person.team_id) {
    const auto it = team_names.find(person.team_id->str());
    if (it != team_names.end()) node.team_name = it->second;
  }
  node.report_count = chart.ReportCount(person.id);
  node.subtree_count = chart.SubtreeCount(person.id);
  return node;
}

// Active people per team, counting each person in their team and every team above it.
std::unordered_map<std::string, int> HeadCounts(const std::vector<store::Team>& teams,
                                                const std::vector<store::Person>& people) {
  std::unordered_map<std::string, const store::Team*> by_id;
  for (const store::Team& team : teams) by_id.emplace(team.id.str(), &team);
  std::unordered_map<std::string, int> counts;
  for (const store::Person& p : people) {
    if (p.status != store::PersonStatus::kActive || !p.team_id) continue;
    std::optional<store::TeamId> at = p.team_id;
    // Parents are created before children, so chains end; the bound guards broken data.
    for (std::size_t steps = 0; at && steps <= teams.size(); ++steps) {
      const auto it = by_id.find(at->str());
      if (it == by_id.end()) break;
      ++counts[at->str()];
      at = it->second->parent_id;
    }
  }
  return counts;
}

}  // namespace

DirectoryService::DirectoryService(store::Store& store, const core::Clock& clock,
                                   core::IdGenerator& ids)
    : store_(store), clock_(clock), ids_(ids) {}

std::string DirectoryService::NewId() {
  core::MutexLock lock(ids_mu_);
  return ids_.NewRaw();
}

std::chrono::sys_days DirectoryService::Today() const { return TodayUtc(clock_.Now()); }

core::Result<PeoplePage> DirectoryService::ListPeople(const auth::Principal& principal,
                                                      const store::PersonFilter& filter,
                                                      const store::PageRequest& page) {
  RAPPORT_RETURN_IF_ERROR(auth::Authorize(principal, auth::Action::kDirectoryRead));
  RAPPORT_RETURN_IF_ERROR(store::ValidatePageLimit(page.limit));
  if (filter.query.size() > kMaxQueryBytes) {
    return core::InvalidArgument(fmt::format("q is longer than {} bytes", kMaxQueryBytes), "q");
  }
  store::PersonFilter trimmed = filter;
  trimmed.query = TrimmedCopy(filter.query);
  return store::ReadValue<PeoplePage>(store_, [&](store::ReadTx& tx) -> core::Result<PeoplePage> {
    RAPPORT_ASSIGN_OR_RETURN(auto rows, tx.people().List(principal.org_id, trimmed, page));
    ViewBuilder views(tx, principal);
    PeoplePage out{.people = {}, .next_cursor = std::move(rows.next_cursor)};
    out.people.reserve(rows.items.size());
    for (store::Person& person : rows.items) {
      RAPPORT_ASSIGN_OR_RETURN(auto view, views.Build(std::move(person)));
      out.people.push_back(std::move(view));
    }
    return out;
  });
}

core::Result<PersonView> DirectoryService::GetPerson(const auth::Principal& principal,
                                                     const store::PersonId& id) {
  RAPPORT_RETURN_IF_ERROR(auth::Authorize(principal, auth::Action::kDirectoryRead));
  return store::ReadValue<PersonView>(store_, [&](store::ReadTx& tx) -> core::Result<PersonView> {
    RAPPORT_ASSIGN_OR_RETURN(auto person, tx.people().Get(principal.org_id, id));
    ViewBuilder views(tx, principal);
    RAPPORT_ASSIGN_OR_RETURN(auto view, views.Build(std::move(person)));
    if (view.sensitive_visible) {
      RAPPORT_ASSIGN_OR_RETURN(view.history, tx.people().History(principal.org_id, id));
    }
    return view;
  });
}

core::Status DirectoryService::CheckReferences(store::ReadTx& tx, const auth::Principal& principal,
                                               const store::Person& person,
                                               const store::Person* before) {
  const store::OrganisationId& org = principal.org_id;
  if (before == nullptr || before->employee_id != person.employee_id) {
    auto taken = tx.people().GetByEmployeeId(org, person.employee_id);
    if (taken) {
      return core::MakeError(core::ErrorCode::kConflict,
                             "another person already has this employee_id", "employee_id");
    }
    if (!IsNotFound(taken.error())) return std::unexpected(taken.error());
  }
  if (person.team_id && (before == nullptr || before->team_id != person.team_id)) {
    auto team = tx.teams().Get(org, *person.team_id);
    if (!team) {
      if (IsNotFound(team.error())) return MissingReference("team", "team_id");
      return std::unexpected(team.error());
    }
  }
  if (person.manager_id && (before == nullptr || before->manager_id != person.manager_id)) {
    if (*person.manager_id == person.id) {
      return core::Unprocessable("a person cannot be their own manager", "manager_id");
    }
    auto manager = tx.people().Get(org, *person.manager_id);
    if (!manager) {
      if (IsNotFound(manager.error())) return MissingReference("person", "manager_id");
      return std::unexpected(manager.error());
    }
    RAPPORT_RETURN_IF_ERROR(CheckNoCycle(tx, org, person.id, *person.manager_id));
  }
  return core::Ok();
}

core::Result<PersonView> DirectoryService::CreatePerson(const auth::Principal& principal,
                                                        const PersonPatch& patch) {
  RAPPORT_RETURN_IF_ERROR(auth::Authorize(principal, auth::Action::kPeopleWrite));
  const auto today = Today();
  store::Person fresh;
  fresh.id = store::PersonId::FromTrusted(NewId());
  RAPPORT_ASSIGN_OR_RETURN(store::Person person, ApplyPatch(std::move(fresh), patch, today));
  return store::WriteValue<PersonView>(store_, [&](store::WriteTx& tx) -> core::Result<PersonView> {
    RAPPORT_RETURN_IF_ERROR(CheckReferences(tx, principal, person, nullptr));
    RAPPORT_ASSIGN_OR_RETURN(auto created,
                             tx.people().Create(principal.org_id, person, FormatDate(today)));
    return ViewBuilder(tx, principal).Build(std::move(created));
  });
}

core::Result<PersonView> DirectoryService::UpdatePerson(const auth::Principal& principal,
                                                        const store::PersonId& id,
                                                        const PersonPatch& patch) {
  RAPPORT_RETURN_IF_ERROR(auth::Authorize(principal, auth::Action::kPeopleWrite));
  const auto today = Today();
  return store::WriteValue<PersonView>(store_, [&](store::WriteTx& tx) -> core::Result<PersonView> {
    RAPPORT_ASSIGN_OR_RETURN(const store::Person before, tx.people().Get(principal.org_id, id));
    RAPPORT_ASSIGN_OR_RETURN(store::Person person, ApplyPatch(before, patch, today));
    if (person == before) return ViewBuilder(tx, principal).Build(person);
    RAPPORT_RETURN_IF_ERROR(CheckReferences(tx, principal, person, &before));
    RAPPORT_ASSIGN_OR_RETURN(auto updated,
                             tx.people().Update(principal.org_id, person, FormatDate(today)));
    return ViewBuilder(tx, principal).Build(std::move(updated));
  });
}

core::Result<std::vector<TeamView>> DirectoryService::ListTeams(const auth::Principal& principal) {
  RAPPORT_RETURN_IF_ERROR(auth::Authorize(principal, auth::Action::kDirectoryRead));
  return store::ReadValue<std::vector<TeamView>>(
      store_, [&](store::ReadTx& tx) -> core::Result<std::vector<TeamView>> {
        RAPPORT_ASSIGN_OR_RETURN(auto teams, tx.teams().ListAll(principal.org_id));
        RAPPORT_ASSIGN_OR_RETURN(const auto people, tx.people().ListAll(principal.org_id));
        const auto counts = HeadCounts(teams, people);
        std::vector<TeamView> out;
        out.reserve(teams.size());
        for (store::Team& team : teams) {
          const auto it = counts.find(team.id.str());
          const int head_count = it == counts.end() ? 0 : it->second;
          out.push_back(TeamView{.team = std::move(team), .head_count = head_count});
        }
        return out;
      });
}

core::Result<TeamView> DirectoryService::CreateTeam(const auth::Principal& principal,
                                                    const NewTeamRequest& request) {
  RAPPORT_RETURN_IF_ERROR(auth::Authorize(principal, auth::Action::kTeamsWrite));
  store::NewTeam row{.id = {},
                     .name = TrimmedCopy(request.name),
                     .kind = request.kind,
                     .parent_id = request.parent_id};
  RAPPORT_RETURN_IF_ERROR(ValidateTeamName(row.name));
  if (row.kind == store::TeamKind::kDepartment && row.parent_id) {
    return core::Unprocessable("a department has no parent", "parent_id");
  }
  if (row.kind == store::TeamKind::kTeam && !row.parent_id) {
    return core::Unprocessable("a team needs a parent department or team", "parent_id");
  }
  row.id = store::TeamId::FromTrusted(NewId());
  return store::WriteValue<TeamView>(store_, [&](store::WriteTx& tx) -> core::Result<TeamView> {
    if (row.parent_id) {
      auto parent = tx.teams().Get(principal.org_id, *row.parent_id);
      if (!parent) {
        if (IsNotFound(parent.error())) return MissingReference("team", "parent_id");
        return std::unexpected(parent.error());
      }
    }
    auto created = tx.teams().Create(principal.org_id, row);
    if (!created && created.error().code() == core::ErrorCode::kConflict) {
      return core::MakeError(core::ErrorCode::kConflict,
                             "the parent already has a team with this name", "name");
    }
    RAPPORT_RETURN_IF_ERROR(created);
    return TeamView{.team = std::move(*created), .head_count = 0};
  });
}

core::Result<store::Organisation> DirectoryService::GetOrganisation(
    const auth::Principal& principal) {
  RAPPORT_RETURN_IF_ERROR(auth::Authorize(principal, auth::Action::kDirectoryRead));
  return store::ReadValue<store::Organisation>(
      store_, [&](store::ReadTx& tx) { return tx.organisations().Get(principal.org_id); });
}

core::Result<store::Organisation> DirectoryService::UpdateOrganisation(
    const auth::Principal& principal, const OrganisationPatch& patch) {
  RAPPORT_RETURN_IF_ERROR(auth::Authorize(principal, auth::Action::kSettingsManage));
  // Validated before the transaction: the time-zone lookup reads the disk.
  RAPPORT_ASSIGN_OR_RETURN(const OrganisationPatch clean, NormaliseOrganisationPatch(patch));
  return store::WriteValue<store::Organisation>(
      store_, [&](store::WriteTx& tx) -> core::Result<store::Organisation> {
        RAPPORT_ASSIGN_OR_RETURN(store::Organisation before,
                                 tx.organisations().Get(principal.org_id));
        const store::Organisation wanted = ApplyOrganisationPatch(before, clean);
        if (wanted == before) return before;
        RAPPORT_ASSIGN_OR_RETURN(store::Organisation stored, tx.organisations().Update(wanted));
        store::AuditEntry entry =
            AuditFor(principal, "settings.changed", SettingsChangeDetail(before, stored));
        entry.target = "organisation";
        RAPPORT_RETURN_IF_ERROR(tx.audit().Append(entry));
        return stored;
      });
}

core::Result<OrgChartView> DirectoryService::GetOrgChart(
    const auth::Principal& principal, const std::optional<store::PersonId>& root) {
  RAPPORT_RETURN_IF_ERROR(auth::Authorize(principal, auth::Action::kDirectoryRead));
  std::vector<store::Person> people;
  std::unordered_map<std::string, std::string> team_names;
  RAPPORT_RETURN_IF_ERROR(store_.Read([&](store::ReadTx& tx) -> core::Status {
    RAPPORT_ASSIGN_OR_RETURN(people, tx.people().ListAll(principal.org_id));
    RAPPORT_ASSIGN_OR_RETURN(const auto teams, tx.teams().ListAll(principal.org_id));
    for (const store::Team& team : teams) team_names.emplace(team.id.str(), team.name);
    return core::Ok();
  }));
  const OrgChart chart(std::move(people));
  OrgChartView view;
  const auto node = [&](const store::Person* p) { return NodeOf(*p, chart, team_names); };
  if (!root) {
    for (const store::Person* p : chart.Roots()) view.roots.push_back(node(p));
    view.total = chart.ActiveCount();
    return view;
  }
  const store::Person* person = chart.Find(*root);
  if (person == nullptr) return core::NotFound("no such person");
  view.person = node(person);
  for (const store::Person* p : chart.Chain(*root)) view.chain.push_back(node(p));
  for (const store::Person* p : chart.DirectReports(*root)) view.reports.push_back(node(p));
  return view;
}

}  // namespace rapport::directory

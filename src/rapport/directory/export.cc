#include "rapport/directory/export.h"

#include <algorithm>
#include <set>
#include <unordered_map>

#include "rapport/directory/csv.h"
#include "rapport/directory/internal/team_resolver.h"
#include "rapport/directory/person_fields.h"

namespace rapport::directory {
namespace {

struct Placement {
  std::string department;
  std::string team;
};

Placement PlacementOf(const TeamIndex& teams, const std::optional<store::TeamId>& team_id) {
  if (!team_id) return {};
  const store::Team* team = teams.Find(*team_id);
  if (team == nullptr) return {};
  if (team->kind == store::TeamKind::kDepartment) return {team->name, ""};
  const store::Team* department = teams.DepartmentOf(*team);
  return {department == nullptr ? std::string() : department->name, team->name};
}

}  // namespace

std::string ExportPeopleCsv(const DirectorySnapshot& directory) {
  std::set<std::string> attribute_names;
  std::unordered_map<std::string, const store::Person*> by_id;
  for (const store::Person& p : directory.people) {
    for (const auto& [name, unused] : p.attributes) attribute_names.insert(name);
    by_id.emplace(p.id.str(), &p);
  }
  std::vector<const store::Person*> people;
  people.reserve(directory.people.size());
  for (const store::Person& p : directory.people) people.push_back(&p);
  std::ranges::sort(people, {}, &store::Person::employee_id);

  CsvWriter writer(CsvWriter::Options{.byte_order_mark = true, .neutralise_formulas = true});
  std::vector<std::string> row(KnownColumns().begin(), KnownColumns().end());
  row.insert(row.end(), attribute_names.begin(), attribute_names.end());
  writer.AddRecord(row);

  const TeamIndex teams(directory.teams);
  for (const store::Person* p : people) {
    row.clear();
    Placement placement = PlacementOf(teams, p->team_id);
    std::string manager;
    if (p->manager_id) {
      const auto it = by_id.find(p->manager_id->str());
      if (it != by_id.end()) manager = it->second->employee_id;
    }
    // In KnownColumns() order.
    row = {p->employee_id,
           p->name,
           p->email,
           p->job_title,
           std::move(placement.department),
           std::move(placement.team),
           std::move(manager),
           p->hire_date,
           p->location,
           p->employment_type,
           std::string(StatusName(p->status))};
    for (const std::string& name : attribute_names) {
      const auto it = p->attributes.find(name);
      row.push_back(it == p->attributes.end() ? std::string() : it->second);
    }
    writer.AddRecord(row);
  }
  return std::move(writer).Take();
}

}  // namespace rapport::directory

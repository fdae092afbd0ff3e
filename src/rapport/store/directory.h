#pragma once

// The directory in store terms: teams (a tree: departments at the top, teams below), people,
// and the history of who belonged to which team under which manager. Every row belongs to one
// organisation and every method takes its id first; a row of another organisation is never
// returned and answers NotFound, exactly like a row that does not exist.
//
// The store keeps rows; the directory domain (rapport/directory) validates and normalises
// values, resolves names, and enforces the rules that span rows (no manager cycles, the 40%
// deactivation stop). The store enforces uniqueness (employee id per organisation, team name
// per parent) and reports violations as Conflict.
//
// Thread-safety: as for every repository (see organisation.h).

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "rapport/core/clock.h"
#include "rapport/core/error.h"
#include "rapport/core/id.h"
#include "rapport/store/organisation.h"
#include "rapport/store/pagination.h"

namespace rapport::store {

struct TeamTag {};
using TeamId = core::Id<TeamTag>;
struct PersonTag {};
using PersonId = core::Id<PersonTag>;

enum class TeamKind { kDepartment, kTeam };

struct Team {
  TeamId id = {};
  std::string name = {};
  TeamKind kind = TeamKind::kTeam;
  std::optional<TeamId> parent_id = {};  // empty for departments (their parent is the organisation)
  core::TimePoint created_at = {};

  friend bool operator==(const Team&, const Team&) = default;
};

struct NewTeam {
  TeamId id = {};
  std::string name = {};
  TeamKind kind = TeamKind::kTeam;
  std::optional<TeamId> parent_id = {};
};

// A calendar date, "YYYY-MM-DD", validated by the domain; empty when unknown.
using DateText = std::string;

enum class PersonStatus { kActive, kInactive };

// Custom reporting attributes ("cost_centre" -> "CC-104"); names are validated by the domain.
using Attributes = std::map<std::string, std::string>;

struct Person {
  PersonId id = {};
  std::string employee_id = {};  // unique per organisation; the key of CSV imports
  std::string name = {};
  std::string email = {};  // work e-mail, lower case; may be empty
  std::string job_title = {};
  std::optional<TeamId> team_id = {};
  std::optional<PersonId> manager_id = {};
  DateText hire_date = {};
  std::string location = {};
  std::string employment_type =
      {};  // "full_time", "part_time", "contractor", "intern", "temporary"
  Attributes attributes = {};
  PersonStatus status = PersonStatus::kActive;
  core::TimePoint created_at = {};
  core::TimePoint updated_at = {};

  friend bool operator==(const Person&, const Person&) = default;
};

// One stretch of a person's placement: team and manager from `valid_from` (inclusive) to
// `valid_to` (exclusive; empty while current). Survey waves snapshot from this history.
struct Membership {
  PersonId person_id = {};
  std::optional<TeamId> team_id = {};
  std::optional<PersonId> manager_id = {};
  DateText valid_from = {};
  DateText valid_to = {};

  friend bool operator==(const Membership&, const Membership&) = default;
};

struct PersonFilter {
  std::string query = {};  // case-insensitive substring of name, e-mail, job title or employee id
  std::optional<TeamId> team_id = {};
  std::optional<PersonId> manager_id = {};  // direct reports of this person
  bool include_inactive = false;
};

class TeamReader {
 public:
  virtual ~TeamReader() = default;
  virtual core::Result<Team> Get(const OrganisationId& org, const TeamId& id) = 0;
  // Every team of the organisation, departments first, then by name. Directories have at
  // most a few thousand teams, so this is not paginated.
  virtual core::Result<std::vector<Team>> ListAll(const OrganisationId& org) = 0;
};

class TeamRepository : public TeamReader {
 public:
  // Conflict when the id is taken or the parent already has a child with this name.
  // NotFound (field "parent_id") when the parent is not a team of this organisation.
  virtual core::Result<Team> Create(const OrganisationId& org, const NewTeam& team) = 0;
};

class PersonReader {
 public:
  virtual ~PersonReader() = default;
  virtual core::Result<Person> Get(const OrganisationId& org, const PersonId& id) = 0;
  virtual core::Result<Person> GetByEmployeeId(const OrganisationId& org,
                                               std::string_view employee_id) = 0;
  // People matching `filter`, ordered by name then id; cursor pagination as in pagination.h.
  virtual core::Result<Page<Person>> List(const OrganisationId& org, const PersonFilter& filter,
                                          const PageRequest& page) = 0;
  // Every person of the organisation (active and inactive) in id order: for imports, exports,
  // the org chart and the demo. Directories stay in the tens of thousands.
  virtual core::Result<std::vector<Person>> ListAll(const OrganisationId& org) = 0;
  // The placement history of one person, oldest first.
  virtual core::Result<std::vector<Membership>> History(const OrganisationId& org,
                                                        const PersonId& id) = 0;
};

class PersonRepository : public PersonReader {
 public:
  // Inserts the person with created_at = updated_at = now and, when the person is active,
  // opens a membership from `effective` (a DateText). Conflict when the id or the employee id
  // is taken.
  virtual core::Result<Person> Create(const OrganisationId& org, const Person& person,
                                      const DateText& effective) = 0;
  // Replaces every field but id, created_at; stamps updated_at. When the team or the
  // manager changes, closes the current membership at `effective` and opens a new one
  // (a change effective on the day the current one started replaces it). Deactivating closes
  // the current membership without opening one; reactivating opens one. NotFound when the
  // person does not exist in this organisation; Conflict for a taken employee id.
  virtual core::Result<Person> Update(const OrganisationId& org, const Person& person,
                                      const DateText& effective) = 0;
};

}  // namespace rapport::store

#pragma once

// The placement history of people (table `memberships`), kept by the people repository as
// directory.h describes: a change of team or manager closes the current membership at the
// effective date and opens a new one (a change on the day the current one started replaces
// it), deactivation closes, reactivation opens. Stretches are [valid_from, valid_to) with
// valid_to NULL while current; history never runs backwards, so an effective date before the
// latest recorded date is refused. Thread-safety: as its connection.

#include <vector>

#include "rapport/core/error.h"
#include "rapport/store/directory.h"
#include "rapport/store/sqlite/internal/connection.h"

namespace rapport::store::sqlite::internal {

// Records the placement of a newly created person: a membership from `effective` when the
// person is active, none otherwise.
core::Status RecordNewPlacement(Connection& connection, const OrganisationId& org,
                                const Person& person, const DateText& effective);

// Updates the history for a person changing from `before` to `after` (same id).
core::Status RecordPlacementChange(Connection& connection, const OrganisationId& org,
                                   const Person& before, const Person& after,
                                   const DateText& effective);

// The history of one person, oldest first (empty when none).
core::Result<std::vector<Membership>> ReadHistory(Connection& connection, const OrganisationId& org,
                                                  const PersonId& id);

}  // namespace rapport::store::sqlite::internal

#pragma once

// The demo organisation behind `rapport demo` and `make run`: Alder & Finch, an outdoor-gear
// retailer with stores, warehouses, an online shop and a support centre. About 1,200 people
// in about 120 teams across 8 departments, with a reporting tree (chief executive ->
// department heads -> team leads -> members), locations, tenures from new starters to
// fifteen-year veterans, a few leavers, and team transfers in the membership history.
//
// Generation is deterministic: the same seed writes the same people, teams, employee ids and
// dates (ids are the store's, so they differ). Thread-safety: none needed; call once.

#include <cstdint>

#include "rapport/core/error.h"
#include "rapport/core/id.h"
#include "rapport/store/directory.h"
#include "rapport/store/organisation.h"
#include "rapport/store/store.h"

namespace rapport::app {

inline constexpr std::string_view kDemoOrganisationSlug = "alder-finch";
inline constexpr std::string_view kDemoOrganisationName = "Alder & Finch";
inline constexpr std::string_view kDemoEmailDomain = "alderfinch.example";

// The people the demo gives sign-in accounts to.
struct DemoCast {
  store::Person chief_executive;   // gets the owner role
  store::Person hr_partner;        // hr
  store::Person team_lead;         // employee role, manager of a support team
  store::Person team_member;       // employee role, reports to team_lead
  store::Person knowledge_editor;  // knowledge_editor, in the support team that owns the articles
};

struct DemoStats {
  int departments = 0;
  int teams = 0;
  int people = 0;
  int inactive = 0;
  int transfers = 0;
};

struct DemoDirectory {
  DemoCast cast;
  DemoStats stats;
  bool created = false;  // false when the directory was there already
};

// Writes the demo directory into `org` in one transaction when the organisation has no people
// yet; otherwise leaves the data alone and returns the cast as stored (found by employee id).
// Unprocessable when the organisation has people but not the demo's.
core::Result<DemoDirectory> EnsureDemoDirectory(store::Store& store, core::IdGenerator& ids,
                                                const store::OrganisationId& org,
                                                std::uint64_t seed);

}  // namespace rapport::app

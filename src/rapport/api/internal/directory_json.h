#pragma once

// JSON shapes of the directory endpoints (Person, Team, Organisation, the org chart's Node and
// the import report of docs/api.md) and the decoding of person, team and organisation bodies.
// Decoding is strict: unknown fields, wrong types and malformed ids are InvalidArgument (400)
// naming the field; whether a well-formed value is acceptable is the directory service's call
// (422). Thread-safety: pure functions.

#include <boost/json/object.hpp>

#include "rapport/core/error.h"
#include "rapport/directory/service.h"
#include "rapport/http/request.h"

namespace rapport::api::internal {

// Person; the sensitive fields only when view.sensitive_visible; "history" when `history`.
boost::json::object PersonJson(const directory::PersonView& view, bool history = false);
boost::json::object TeamJson(const directory::TeamView& view);
boost::json::object OrgNodeJson(const directory::OrgNode& node);
boost::json::object ImportReportJson(const directory::ImportReport& report);
// {"id","slug","name","time_zone","created_at"}.
boost::json::object OrganisationJson(const store::Organisation& org);

// The body of POST /people and PATCH /people/{id}: any Person field but the derived ones
// ("id", "team_name", "manager_name"). A field that is present and null clears it.
core::Result<directory::PersonPatch> DecodePersonPatch(const http::Request& request);

// The body of POST /teams: {"name","kind","parent_id"?}.
core::Result<directory::NewTeamRequest> DecodeNewTeam(const http::Request& request);

// The body of PATCH /organisation: {"name"?,"time_zone"?}, each a string when present.
core::Result<directory::OrganisationPatch> DecodeOrganisationPatch(const http::Request& request);

}  // namespace rapport::api::internal

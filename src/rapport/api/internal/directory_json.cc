#include "rapport/api/internal/directory_json.h"

#include <boost/json.hpp>
#include <optional>
#include <string>
#include <utility>

#include "rapport/api/internal/auth_json.h"
#include "rapport/api/internal/params.h"
#include "rapport/core/clock.h"
#include "rapport/directory/person_fields.h"
#include "rapport/http/json.h"

namespace rapport::api::internal {
namespace {

namespace json = boost::json;

template <typename Tag>
json::value IdOrNull(const std::optional<core::Id<Tag>>& id) {
  if (!id) return nullptr;
  return json::value(id->str());
}

json::value TextOrNull(const std::string& text) {
  if (text.empty()) return nullptr;
  return json::value(text);
}

json::array HistoryJson(const std::vector<store::Membership>& history) {
  json::array out;
  for (const store::Membership& m : history) {
    out.emplace_back(json::object{{"team_id", IdOrNull(m.team_id)},
                                  {"manager_id", IdOrNull(m.manager_id)},
                                  {"valid_from", m.valid_from},
                                  {"valid_to", TextOrNull(m.valid_to)}});
  }
  return out;
}

core::Status ReadAttributes(const json::object& body, std::optional<store::Attributes>& target) {
  if (!body.contains("attributes")) return core::Ok();
  if (body.at("attributes").is_null()) {
    target.emplace();
    return core::Ok();
  }
  RAPPORT_ASSIGN_OR_RETURN(const json::object* attributes, http::GetObject(body, "attributes"));
  store::Attributes out;
  for (const auto& entry : *attributes) {
    const std::string_view name(entry.key().data(), entry.key().size());
    RAPPORT_ASSIGN_OR_RETURN(const auto value, http::GetString(*attributes, name, "attributes"));
    out.emplace(std::string(name), std::string(value));
  }
  target = std::move(out);
  return core::Ok();
}

}  // namespace

json::object PersonJson(const directory::PersonView& view, bool history) {
  const store::Person& p = view.person;
  json::object out{{"id", p.id.str()},
                   {"employee_id", p.employee_id},
                   {"name", p.name},
                   {"email", p.email},
                   {"job_title", p.job_title},
                   {"team_id", IdOrNull(p.team_id)},
                   {"team_name", view.team_name},
                   {"manager_id", IdOrNull(p.manager_id)},
                   {"manager_name", view.manager_name},
                   {"location", p.location},
                   {"status", directory::StatusName(p.status)}};
  if (view.sensitive_visible) {
    out["hire_date"] = p.hire_date;
    out["employment_type"] = p.employment_type;
    json::object attributes;
    for (const auto& [name, value] : p.attributes) attributes[name] = value;
    out["attributes"] = std::move(attributes);
    if (history) out["history"] = HistoryJson(view.history);
  }
  return out;
}

json::object TeamJson(const directory::TeamView& view) {
  return json::object{{"id", view.team.id.str()},
                      {"name", view.team.name},
                      {"kind", directory::TeamKindName(view.team.kind)},
                      {"parent_id", IdOrNull(view.team.parent_id)},
                      {"head_count", view.head_count}};
}

json::object OrgNodeJson(const directory::OrgNode& node) {
  return json::object{{"id", node.id.str()},
                      {"name", node.name},
                      {"job_title", node.job_title},
                      {"team_name", node.team_name},
                      {"report_count", node.report_count},
                      {"subtree_count", node.subtree_count}};
}

json::object ImportReportJson(const directory::ImportReport& report) {
  json::array changes;
  for (const auto& change : report.changes) {
    json::array fields;
    for (const auto& field : change.fields) fields.emplace_back(field);
    // People deactivated for being absent from the file have no line.
    json::value line = nullptr;
    if (change.line > 0) line = change.line;
    changes.emplace_back(json::object{{"line", std::move(line)},
                                      {"employee_id", change.employee_id},
                                      {"action", directory::ChangeActionName(change.action)},
                                      {"fields", std::move(fields)}});
  }
  json::array errors;
  for (const auto& error : report.errors) {
    json::value line = nullptr;
    if (error.line > 0) line = error.line;
    errors.emplace_back(json::object{
        {"line", std::move(line)}, {"field", error.field}, {"message", error.message}});
  }
  return json::object{{"dry_run", report.dry_run},
                      {"applied", report.applied},
                      {"rows", report.rows},
                      {"creates", report.creates},
                      {"updates", report.updates},
                      {"unchanged", report.unchanged},
                      {"deactivations", report.deactivations},
                      {"reactivations", report.reactivations},
                      {"changes", std::move(changes)},
                      {"errors", std::move(errors)},
                      {"safety_stop", report.safety_stop}};
}

json::object OrganisationJson(const store::Organisation& org) {
  return json::object{{"id", org.id.str()},
                      {"slug", org.slug},
                      {"name", org.name},
                      {"time_zone", org.time_zone},
                      {"created_at", core::FormatIso8601(org.created_at)}};
}

core::Result<directory::PersonPatch> DecodePersonPatch(const http::Request& request) {
  RAPPORT_ASSIGN_OR_RETURN(
      const json::object body,
      ParseObjectBody(request,
                      {"employee_id", "name", "email", "job_title", "team_id", "manager_id",
                       "hire_date", "location", "employment_type", "attributes", "status"}));
  directory::PersonPatch patch;
  RAPPORT_RETURN_IF_ERROR(ReadText(body, "employee_id", patch.employee_id));
  RAPPORT_RETURN_IF_ERROR(ReadText(body, "name", patch.name));
  RAPPORT_RETURN_IF_ERROR(ReadText(body, "email", patch.email));
  RAPPORT_RETURN_IF_ERROR(ReadText(body, "job_title", patch.job_title));
  RAPPORT_RETURN_IF_ERROR(ReadId(body, "team_id", patch.team_id));
  RAPPORT_RETURN_IF_ERROR(ReadId(body, "manager_id", patch.manager_id));
  RAPPORT_RETURN_IF_ERROR(ReadText(body, "hire_date", patch.hire_date));
  RAPPORT_RETURN_IF_ERROR(ReadText(body, "location", patch.location));
  RAPPORT_RETURN_IF_ERROR(ReadText(body, "employment_type", patch.employment_type));
  RAPPORT_RETURN_IF_ERROR(ReadAttributes(body, patch.attributes));
  if (body.contains("status")) {
    RAPPORT_ASSIGN_OR_RETURN(const std::string_view status, http::GetString(body, "status"));
    RAPPORT_ASSIGN_OR_RETURN(patch.status, directory::ParseStatus(status));
  }
  return patch;
}

core::Result<directory::NewTeamRequest> DecodeNewTeam(const http::Request& request) {
  RAPPORT_ASSIGN_OR_RETURN(const json::object body,
                           ParseObjectBody(request, {"name", "kind", "parent_id"}));
  directory::NewTeamRequest team;
  RAPPORT_ASSIGN_OR_RETURN(const std::string_view name, http::GetString(body, "name"));
  team.name = std::string(name);
  RAPPORT_ASSIGN_OR_RETURN(const std::string_view kind, http::GetString(body, "kind"));
  RAPPORT_ASSIGN_OR_RETURN(team.kind, directory::ParseTeamKind(kind));
  RAPPORT_ASSIGN_OR_RETURN(const auto parent, http::GetOptionalString(body, "parent_id"));
  if (parent) {
    RAPPORT_ASSIGN_OR_RETURN(team.parent_id, store::TeamId::Parse(*parent, "parent_id"));
  }
  return team;
}

core::Result<directory::OrganisationPatch> DecodeOrganisationPatch(const http::Request& request) {
  RAPPORT_ASSIGN_OR_RETURN(const json::object body,
                           ParseObjectBody(request, {"name", "time_zone"}));
  directory::OrganisationPatch patch;
  // Neither setting can be cleared, so null is a wrong type like any other non-string.
  if (body.contains("name")) {
    RAPPORT_ASSIGN_OR_RETURN(const std::string_view name, http::GetString(body, "name"));
    patch.name = std::string(name);
  }
  if (body.contains("time_zone")) {
    RAPPORT_ASSIGN_OR_RETURN(const std::string_view zone, http::GetString(body, "time_zone"));
    patch.time_zone = std::string(zone);
  }
  return patch;
}

}  // namespace rapport::api::internal

#include "rapport/api/directory_routes.h"

#include <boost/json.hpp>
#include <optional>
#include <string>
#include <utility>

#include "rapport/api/internal/auth_json.h"
#include "rapport/api/internal/checked.h"
#include "rapport/api/internal/directory_json.h"
#include "rapport/api/internal/params.h"
#include "rapport/directory/person_fields.h"
#include "rapport/directory/service.h"

namespace rapport::api {
namespace {

namespace json = boost::json;
using auth::Action;
using auth::Principal;
using http::Method;
using http::Request;
using http::Response;
using internal::JsonResponse;

using internal::BoolParam;
using internal::CheckedFn;
using internal::Handled;
using internal::IdParam;
using internal::kMaxQueryTextBytes;
using internal::PageParams;
using internal::TextParam;

// --- People --------------------------------------------------------------------------------

Handled ListPeople(const ApiContext& ctx, const Request& request, const Principal& principal) {
  store::PersonFilter filter;
  store::PageRequest page;
  RAPPORT_ASSIGN_OR_RETURN(filter.query, TextParam(request, "q", kMaxQueryTextBytes));
  RAPPORT_ASSIGN_OR_RETURN(filter.team_id, IdParam<store::TeamTag>(request, "team"));
  RAPPORT_ASSIGN_OR_RETURN(filter.manager_id, IdParam<store::PersonTag>(request, "manager"));
  RAPPORT_ASSIGN_OR_RETURN(filter.include_inactive, BoolParam(request, "include_inactive", false));
  RAPPORT_ASSIGN_OR_RETURN(page, PageParams(request));
  RAPPORT_ASSIGN_OR_RETURN(const auto people, ctx.directory->ListPeople(principal, filter, page));
  json::array out;
  for (const auto& view : people.people) out.emplace_back(internal::PersonJson(view));
  json::value next = nullptr;
  if (!people.next_cursor.empty()) next = people.next_cursor;
  return JsonResponse(200, json::object{{"people", std::move(out)}, {"next_cursor", next}});
}

Handled GetPerson(const ApiContext& ctx, const Request& request, const Principal& principal) {
  RAPPORT_ASSIGN_OR_RETURN(const auto id, store::PersonId::Parse(request.PathParam("id")));
  RAPPORT_ASSIGN_OR_RETURN(const auto view, ctx.directory->GetPerson(principal, id));
  return JsonResponse(200, internal::PersonJson(view, /*history=*/true));
}

Handled CreatePerson(const ApiContext& ctx, const Request& request, const Principal& principal) {
  RAPPORT_ASSIGN_OR_RETURN(const auto patch, internal::DecodePersonPatch(request));
  RAPPORT_ASSIGN_OR_RETURN(const auto view, ctx.directory->CreatePerson(principal, patch));
  return JsonResponse(201, internal::PersonJson(view));
}

Handled UpdatePerson(const ApiContext& ctx, const Request& request, const Principal& principal) {
  RAPPORT_ASSIGN_OR_RETURN(const auto id, store::PersonId::Parse(request.PathParam("id")));
  RAPPORT_ASSIGN_OR_RETURN(const auto patch, internal::DecodePersonPatch(request));
  RAPPORT_ASSIGN_OR_RETURN(const auto view, ctx.directory->UpdatePerson(principal, id, patch));
  return JsonResponse(200, internal::PersonJson(view));
}

// --- Import and export ---------------------------------------------------------------------

Handled ImportPeople(const ApiContext& ctx, const Request& request, const Principal& principal) {
  directory::ImportRequest import;
  import.csv = request.body;
  // A real run must be asked for: an accidental POST only previews.
  RAPPORT_ASSIGN_OR_RETURN(import.dry_run, BoolParam(request, "dry_run", true));
  RAPPORT_ASSIGN_OR_RETURN(import.force, BoolParam(request, "force", false));
  RAPPORT_ASSIGN_OR_RETURN(const auto report, ctx.directory->Import(principal, import));
  int status = 200;
  if (!report.dry_run && !report.applied) status = report.errors.empty() ? 409 : 422;
  return JsonResponse(status, internal::ImportReportJson(report));
}

Handled ExportPeople(const ApiContext& ctx, const Request&, const Principal& principal) {
  RAPPORT_ASSIGN_OR_RETURN(std::string csv, ctx.directory->Export(principal));
  const std::string day = directory::FormatDate(directory::TodayUtc(ctx.clock.Now()));
  Response response = Response::Text(200, std::move(csv), "text/csv; charset=utf-8");
  response.headers.emplace_back("Content-Disposition",
                                "attachment; filename=\"people-" + day + ".csv\"");
  // The file holds sensitive fields: never cached by the browser or a proxy.
  response.headers.emplace_back("Cache-Control", "no-store");
  return response;
}

// --- Teams and the org chart ---------------------------------------------------------------

Handled ListTeams(const ApiContext& ctx, const Request&, const Principal& principal) {
  RAPPORT_ASSIGN_OR_RETURN(const auto teams, ctx.directory->ListTeams(principal));
  json::array out;
  for (const auto& team : teams) out.emplace_back(internal::TeamJson(team));
  return JsonResponse(200, json::object{{"teams", std::move(out)}});
}

Handled CreateTeam(const ApiContext& ctx, const Request& request, const Principal& principal) {
  RAPPORT_ASSIGN_OR_RETURN(const auto team, internal::DecodeNewTeam(request));
  RAPPORT_ASSIGN_OR_RETURN(const auto created, ctx.directory->CreateTeam(principal, team));
  return JsonResponse(201, internal::TeamJson(created));
}

json::array NodesJson(const std::vector<directory::OrgNode>& nodes) {
  json::array out;
  for (const auto& node : nodes) out.emplace_back(internal::OrgNodeJson(node));
  return out;
}

Handled OrgChart(const ApiContext& ctx, const Request& request, const Principal& principal) {
  RAPPORT_ASSIGN_OR_RETURN(const auto root, IdParam<store::PersonTag>(request, "root"));
  RAPPORT_ASSIGN_OR_RETURN(const auto chart, ctx.directory->GetOrgChart(principal, root));
  if (!chart.person) {
    return JsonResponse(200,
                        json::object{{"roots", NodesJson(chart.roots)}, {"total", chart.total}});
  }
  return JsonResponse(200, json::object{{"person", internal::OrgNodeJson(*chart.person)},
                                        {"chain", NodesJson(chart.chain)},
                                        {"reports", NodesJson(chart.reports)}});
}

// --- The organisation's settings -----------------------------------------------------------

Handled GetOrganisation(const ApiContext& ctx, const Request&, const Principal& principal) {
  RAPPORT_ASSIGN_OR_RETURN(const auto org, ctx.directory->GetOrganisation(principal));
  return JsonResponse(200, internal::OrganisationJson(org));
}

Handled UpdateOrganisation(const ApiContext& ctx, const Request& request,
                           const Principal& principal) {
  RAPPORT_ASSIGN_OR_RETURN(const auto patch, internal::DecodeOrganisationPatch(request));
  RAPPORT_ASSIGN_OR_RETURN(const auto org, ctx.directory->UpdateOrganisation(principal, patch));
  return JsonResponse(200, internal::OrganisationJson(org));
}

}  // namespace

void RegisterDirectoryRoutes(http::Router& router, const ApiContext& ctx) {
  const auto checked = [&](Method method, std::string pattern, Action action, CheckedFn fn,
                           std::string summary) {
    internal::AddCheckedBlocking(router, ctx, method, std::move(pattern), action, fn,
                                 std::move(summary));
  };

  checked(Method::kGet, "/api/v1/people", Action::kDirectoryRead, ListPeople,
          "People of the directory: ?q=&team=&manager=&include_inactive=&limit=&cursor=.");
  checked(Method::kPost, "/api/v1/people", Action::kPeopleWrite, CreatePerson,
          "Create a person (employee_id and name required).");
  checked(Method::kGet, "/api/v1/people/{id}", Action::kDirectoryRead, GetPerson,
          "One person; sensitive fields and history when the caller may see them.");
  checked(Method::kPatch, "/api/v1/people/{id}", Action::kPeopleWrite, UpdatePerson,
          "Change a person's fields (absent fields are kept, null clears).");
  checked(Method::kPost, "/api/v1/people/import", Action::kPeopleImport, ImportPeople,
          "Import the directory from CSV: ?dry_run=true (default) | false, &force=true.");
  checked(Method::kGet, "/api/v1/people/export", Action::kPeopleExport, ExportPeople,
          "The directory as CSV (UTF-8 with BOM, spreadsheet-safe).");
  checked(Method::kGet, "/api/v1/teams", Action::kDirectoryRead, ListTeams,
          "Departments and teams with head counts.");
  checked(Method::kPost, "/api/v1/teams", Action::kTeamsWrite, CreateTeam,
          "Create a department or a team.");
  checked(Method::kGet, "/api/v1/org-chart", Action::kDirectoryRead, OrgChart,
          "The reporting tree: the roots, or ?root=<person id> with chain and reports.");
  checked(Method::kGet, "/api/v1/organisation", Action::kDirectoryRead, GetOrganisation,
          "The caller's organisation: name and the time zone that defines its days.");
  checked(Method::kPatch, "/api/v1/organisation", Action::kSettingsManage, UpdateOrganisation,
          "Change the organisation's name and/or time zone (audited as settings.changed).");
}

}  // namespace rapport::api

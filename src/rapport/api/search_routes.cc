#include "rapport/api/search_routes.h"

#include <boost/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "rapport/api/internal/auth_json.h"
#include "rapport/api/internal/checked.h"
#include "rapport/api/internal/params.h"
#include "rapport/kb/fields.h"
#include "rapport/search/service.h"

namespace rapport::api {
namespace {

namespace json = boost::json;
using auth::Action;
using auth::Principal;
using http::Method;
using http::Request;
using http::Response;
using internal::Handled;
using internal::JsonResponse;

// A pasted customer message is a query too (the index reduces long ones to their rare words).
constexpr std::size_t kMaxSearchTextBytes = 2000;
constexpr std::size_t kMaxListParamBytes = 1000;
constexpr std::size_t kMaxListItems = 20;

// A comma-separated parameter: "a,b" -> {"a", "b"}; empty items are skipped.
core::Result<std::vector<std::string>> ListParam(const Request& request, std::string_view name) {
  RAPPORT_ASSIGN_OR_RETURN(const std::string text,
                           internal::TextParam(request, name, kMaxListParamBytes));
  std::vector<std::string> out;
  std::string_view rest = text;
  while (!rest.empty()) {
    const auto comma = rest.find(',');
    const std::string_view item = rest.substr(0, comma);
    if (!item.empty()) out.emplace_back(item);
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
  }
  if (out.size() > kMaxListItems) {
    return core::InvalidArgument("at most 20 values", std::string(name));
  }
  return out;
}

// The parameters both searches share: q, limit, cursor, category, tag, language, facets and
// final (false while the searcher is typing).
core::Result<search::SearchRequest> SearchParams(const Request& request,
                                                 std::string_view language_param) {
  search::SearchRequest out;
  RAPPORT_ASSIGN_OR_RETURN(out.text, internal::TextParam(request, "q", kMaxSearchTextBytes));
  RAPPORT_ASSIGN_OR_RETURN(out.limit,
                           internal::IntParam(request, "limit", 10, 1, search::kMaxLimit));
  RAPPORT_ASSIGN_OR_RETURN(out.cursor,
                           internal::TextParam(request, "cursor", internal::kMaxCursorBytes));
  RAPPORT_ASSIGN_OR_RETURN(out.categories, ListParam(request, "category"));
  RAPPORT_ASSIGN_OR_RETURN(out.tags, ListParam(request, "tag"));
  RAPPORT_ASSIGN_OR_RETURN(out.language, internal::TextParam(request, language_param, 20));
  if (!out.language.empty()) {
    auto language = kb::NormaliseLanguage(out.language);
    if (!language)
      return core::InvalidArgument(language.error().message(), std::string(language_param));
  }
  RAPPORT_ASSIGN_OR_RETURN(out.facets, internal::BoolParam(request, "facets", false));
  RAPPORT_ASSIGN_OR_RETURN(const bool final_query, internal::BoolParam(request, "final", false));
  out.as_you_type = !final_query;
  return out;
}

json::array FacetsJson(const std::vector<search::Facet>& facets) {
  json::array out;
  for (const auto& f : facets) {
    out.emplace_back(json::object{{"value", f.value}, {"label", f.label}, {"count", f.count}});
  }
  return out;
}

}  // namespace

std::string HelpSearcher(const Request& request) { return "a:" + request.remote_address; }

json::object SearchResponseJson(const search::SearchResponse& found) {
  json::array results;
  for (const auto& r : found.results) {
    results.emplace_back(json::object{{"id", r.id},
                                      {"title", r.title},
                                      {"title_html", r.title_html},
                                      {"snippet", r.snippet},
                                      {"score", r.score},
                                      {"slug", r.slug},
                                      {"language", r.language},
                                      {"category_id", r.category_id},
                                      {"url", r.url}});
  }
  json::object out{{"results", std::move(results)},
                   {"total", found.total},
                   {"did_you_mean", found.did_you_mean.empty() ? json::value(nullptr)
                                                               : json::value(found.did_you_mean)},
                   {"corrected", found.corrected},
                   {"partial", found.partial},
                   {"next_cursor", found.next_cursor.empty() ? json::value(nullptr)
                                                             : json::value(found.next_cursor)}};
  out["facets"] = json::object{{"category", FacetsJson(found.category_facets)},
                               {"tag", FacetsJson(found.tag_facets)}};
  return out;
}

namespace {

struct Click {
  std::string text;
  store::ArticleId article;
  int position = 0;
};

core::Result<Click> DecodeClick(const Request& request) {
  RAPPORT_ASSIGN_OR_RETURN(const json::object body,
                           internal::ParseObjectBody(request, {"q", "article_id", "position"}));
  Click click;
  RAPPORT_ASSIGN_OR_RETURN(const auto text, http::GetString(body, "q"));
  if (text.size() > kMaxSearchTextBytes) {
    return core::InvalidArgument("at most 2000 bytes", "q");
  }
  click.text = std::string(text);
  RAPPORT_ASSIGN_OR_RETURN(const auto id, http::GetString(body, "article_id"));
  RAPPORT_ASSIGN_OR_RETURN(click.article, store::ArticleId::Parse(id, "article_id"));
  RAPPORT_ASSIGN_OR_RETURN(const auto position, http::GetInt(body, "position"));
  if (position < 1 || position > search::kMaxOffset + search::kMaxLimit) {
    return core::InvalidArgument("position must be between 1 and 1100", "position");
  }
  click.position = static_cast<int>(position);
  return click;
}

// One searcher per account for staff, per address for the help center: the query log's unit
// for telling keystrokes from final queries.
std::string StaffSearcher(const Principal& principal) { return "u:" + principal.user_id.str(); }

Handled Search(const ApiContext& ctx, const Request& request, const Principal& principal) {
  RAPPORT_ASSIGN_OR_RETURN(auto query, SearchParams(request, "language"));
  RAPPORT_ASSIGN_OR_RETURN(query.statuses, ListParam(request, "status"));
  query.searcher = StaffSearcher(principal);
  RAPPORT_ASSIGN_OR_RETURN(const auto found, ctx.search->Search(principal, query));
  return JsonResponse(200, SearchResponseJson(found));
}

Handled StaffClick(const ApiContext& ctx, const Request& request, const Principal& principal) {
  RAPPORT_ASSIGN_OR_RETURN(const Click click, DecodeClick(request));
  RAPPORT_RETURN_IF_ERROR(ctx.search->Clicked(principal.org_id, StaffSearcher(principal),
                                              click.text, click.article, click.position));
  return JsonResponse(201, json::object{{"ok", true}});
}

core::Result<Response> PublicSearch(const ApiContext& ctx, const Request& request) {
  RAPPORT_ASSIGN_OR_RETURN(auto query, SearchParams(request, "lang"));
  query.searcher = HelpSearcher(request);
  RAPPORT_ASSIGN_OR_RETURN(const auto found, ctx.search->PublicSearch(*ctx.help_org, query));
  return JsonResponse(200, SearchResponseJson(found));
}

core::Result<Response> PublicClick(const ApiContext& ctx, const Request& request) {
  RAPPORT_ASSIGN_OR_RETURN(const Click click, DecodeClick(request));
  RAPPORT_RETURN_IF_ERROR(ctx.search->Clicked(*ctx.help_org, HelpSearcher(request), click.text,
                                              click.article, click.position));
  return JsonResponse(201, json::object{{"ok", true}});
}

// --- Administration ------------------------------------------------------------------------

Handled GetInsights(const ApiContext& ctx, const Request& request, const Principal& principal) {
  search::InsightsRequest query;
  RAPPORT_ASSIGN_OR_RETURN(query.days,
                           internal::IntParam(request, "days", 30, 1, search::kMaxInsightDays));
  RAPPORT_ASSIGN_OR_RETURN(query.limit,
                           internal::IntParam(request, "limit", 20, 1, search::kMaxLimit));
  RAPPORT_ASSIGN_OR_RETURN(const std::string audience,
                           internal::TextParam(request, "audience", 20));
  if (audience == "staff" || audience == "public") {
    query.audience = audience;
  } else if (!audience.empty() && audience != "all") {
    return core::InvalidArgument("audience must be all, staff or public", "audience");
  }
  RAPPORT_ASSIGN_OR_RETURN(const auto insights, ctx.search->GetInsights(principal, query));
  json::array top;
  for (const auto& q : insights.top) {
    top.emplace_back(json::object{{"query", q.query},
                                  {"searches", q.searches},
                                  {"clicks", q.clicks},
                                  {"zero_results", q.zero_results}});
  }
  json::array zero;
  for (const auto& q : insights.zero_results) {
    zero.emplace_back(json::object{
        {"query", q.query}, {"searches", q.searches}, {"last_at", internal::TimeJson(q.last_at)}});
  }
  json::array low;
  for (const auto& q : insights.low_clicks) {
    low.emplace_back(json::object{{"query", q.query},
                                  {"searches", q.searches},
                                  {"clicks", q.clicks},
                                  {"click_rate", q.click_rate}});
  }
  return JsonResponse(200, json::object{{"from", internal::TimeJson(insights.from)},
                                        {"to", internal::TimeJson(insights.to)},
                                        {"top", std::move(top)},
                                        {"zero_results", std::move(zero)},
                                        {"low_clicks", std::move(low)}});
}

json::object SynonymJson(const store::SynonymGroup& group) {
  json::array words;
  for (const auto& w : group.words) words.emplace_back(w);
  return json::object{{"id", group.id.str()}, {"words", std::move(words)}};
}

core::Result<std::vector<std::string>> DecodeWords(const Request& request) {
  RAPPORT_ASSIGN_OR_RETURN(const json::object body, internal::ParseObjectBody(request, {"words"}));
  RAPPORT_ASSIGN_OR_RETURN(const json::array* words, http::GetArray(body, "words"));
  std::vector<std::string> out;
  for (std::size_t i = 0; i < words->size(); ++i) {
    const json::value& w = (*words)[i];
    if (!w.is_string()) {
      return core::InvalidArgument("must be a string", http::IndexPath("words", i));
    }
    out.emplace_back(w.get_string());
  }
  return out;
}

core::Result<store::SynonymGroupId> SynonymIdOf(const Request& request) {
  return store::SynonymGroupId::Parse(request.PathParam("id"));
}

Handled ListSynonyms(const ApiContext& ctx, const Request&, const Principal& principal) {
  RAPPORT_ASSIGN_OR_RETURN(const auto groups, ctx.search->Synonyms(principal));
  json::array out;
  for (const auto& g : groups) out.emplace_back(SynonymJson(g));
  return JsonResponse(200, json::object{{"synonyms", std::move(out)}});
}

Handled CreateSynonyms(const ApiContext& ctx, const Request& request, const Principal& principal) {
  RAPPORT_ASSIGN_OR_RETURN(const auto words, DecodeWords(request));
  RAPPORT_ASSIGN_OR_RETURN(const auto group, ctx.search->CreateSynonyms(principal, words));
  return JsonResponse(201, SynonymJson(group));
}

Handled UpdateSynonyms(const ApiContext& ctx, const Request& request, const Principal& principal) {
  RAPPORT_ASSIGN_OR_RETURN(const auto id, SynonymIdOf(request));
  RAPPORT_ASSIGN_OR_RETURN(const auto words, DecodeWords(request));
  RAPPORT_ASSIGN_OR_RETURN(const auto group, ctx.search->UpdateSynonyms(principal, id, words));
  return JsonResponse(200, SynonymJson(group));
}

Handled DeleteSynonyms(const ApiContext& ctx, const Request& request, const Principal& principal) {
  RAPPORT_ASSIGN_OR_RETURN(const auto id, SynonymIdOf(request));
  RAPPORT_RETURN_IF_ERROR(ctx.search->DeleteSynonyms(principal, id));
  return Response{.status = 204, .content_type = {}, .body = {}, .headers = {}};
}

json::object SettingsJson(const store::SearchSettings& settings) {
  return json::object{{"query_retention_days", settings.query_retention_days}};
}

Handled GetSettings(const ApiContext& ctx, const Request&, const Principal& principal) {
  RAPPORT_ASSIGN_OR_RETURN(const auto settings, ctx.search->Settings(principal));
  return JsonResponse(200, SettingsJson(settings));
}

Handled UpdateSettings(const ApiContext& ctx, const Request& request, const Principal& principal) {
  RAPPORT_ASSIGN_OR_RETURN(const json::object body,
                           internal::ParseObjectBody(request, {"query_retention_days"}));
  RAPPORT_ASSIGN_OR_RETURN(const std::int64_t days, http::GetInt(body, "query_retention_days"));
  if (days < 1 || days > search::kMaxRetentionDays) {
    return core::Unprocessable("keep searches for 1 to 3650 days", "query_retention_days");
  }
  RAPPORT_ASSIGN_OR_RETURN(
      const auto settings,
      ctx.search->UpdateSettings(principal, {.query_retention_days = static_cast<int>(days)}));
  return JsonResponse(200, SettingsJson(settings));
}

http::RouteOptions PublicApi(std::string summary) {
  return {.execution = http::Execution::kBlocking,
          .public_access = true,
          .permission = {},
          .summary = std::move(summary)};
}

}  // namespace

void RegisterSearchRoutes(http::Router& router, const ApiContext& ctx) {
  internal::AddCheckedBlocking(
      router, ctx, Method::kGet, "/api/v1/search", Action::kKbRead, Search,
      "Search the articles the caller may read: ?q=&limit=&cursor=&category=&tag=&language="
      "&status=&facets=&final=.");
  internal::AddCheckedBlocking(router, ctx, Method::kPost, "/api/v1/search/clicks", Action::kKbRead,
                               StaffClick,
                               "The caller opened a result: {\"q\",\"article_id\",\"position\"}.");
  const auto checked = [&](Method method, std::string pattern, Action action,
                           internal::CheckedFn fn, std::string summary) {
    internal::AddCheckedBlocking(router, ctx, method, std::move(pattern), action, fn,
                                 std::move(summary));
  };
  checked(Method::kGet, "/api/v1/search/analytics", Action::kKbPublish, GetInsights,
          "The content-gap reports: top, zero-result and low click-through queries: "
          "?days=30&audience=all|staff|public&limit=20.");
  checked(Method::kGet, "/api/v1/search/synonyms", Action::kKbPublish, ListSynonyms,
          "The organisation's synonym groups.");
  checked(Method::kPost, "/api/v1/search/synonyms", Action::kKbManage, CreateSynonyms,
          "Add a synonym group: {\"words\":[...]} (2-20 words).");
  checked(Method::kPatch, "/api/v1/search/synonyms/{id}", Action::kKbManage, UpdateSynonyms,
          "Replace a synonym group's words: {\"words\":[...]}.");
  checked(Method::kDelete, "/api/v1/search/synonyms/{id}", Action::kKbManage, DeleteSynonyms,
          "Delete a synonym group.");
  checked(Method::kGet, "/api/v1/search/settings", Action::kKbManage, GetSettings,
          "Search settings: {\"query_retention_days\"}.");
  checked(Method::kPatch, "/api/v1/search/settings", Action::kKbManage, UpdateSettings,
          "Change how long searches are kept: {\"query_retention_days\": 1-3650}.");
  router.Add(
      Method::kGet, "/api/v1/help/search",
      [&ctx](const Request& r) { return internal::Respond(PublicSearch(ctx, r)); },
      PublicApi("Search the help center: ?q=&limit=&cursor=&category=&tag=&lang=&facets=&final=."));
  router.Add(
      Method::kPost, "/api/v1/help/search/clicks",
      [&ctx](const Request& r) { return internal::Respond(PublicClick(ctx, r)); },
      PublicApi("A help-center reader opened a result: {\"q\",\"article_id\",\"position\"}."));
}

}  // namespace rapport::api

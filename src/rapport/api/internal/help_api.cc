// The help center's public JSON API under /api/v1/help: categories, articles and anonymous
// feedback. Like the pages, it shows public, published articles of ApiContext::help_org only.

#include <boost/json.hpp>
#include <memory>
#include <string>
#include <utility>

#include "rapport/api/internal/auth_json.h"
#include "rapport/api/internal/checked.h"
#include "rapport/api/internal/help_shared.h"
#include "rapport/api/internal/kb_json.h"
#include "rapport/api/internal/params.h"
#include "rapport/core/url.h"
#include "rapport/kb/service.h"

namespace rapport::api::internal {
namespace {

namespace json = boost::json;
using core::EncodePathSegment;
using http::Method;
using http::Request;
using http::Response;

core::Result<Response> GetCategories(const ApiContext& ctx) {
  RAPPORT_ASSIGN_OR_RETURN(const auto categories, ctx.kb->HelpCategories(*ctx.help_org));
  json::array out;
  for (const auto& c : categories) {
    json::object entry = CategoryJson(c.category, c.article_count);
    json::array sections;
    for (const auto& s : c.sections) sections.emplace_back(CategoryJson(s, 0));
    entry["sections"] = std::move(sections);
    out.emplace_back(std::move(entry));
  }
  return JsonResponse(200, json::object{{"categories", std::move(out)}});
}

core::Result<Response> ListArticles(const ApiContext& ctx, const Request& r) {
  RAPPORT_ASSIGN_OR_RETURN(const std::string category, TextParam(r, "category", 200));
  RAPPORT_ASSIGN_OR_RETURN(const std::string lang, TextParam(r, "lang", 20));
  RAPPORT_ASSIGN_OR_RETURN(const std::string q, TextParam(r, "q", kMaxQueryTextBytes));
  RAPPORT_ASSIGN_OR_RETURN(const auto page_request, PageParams(r));
  RAPPORT_ASSIGN_OR_RETURN(const auto found,
                           ctx.kb->HelpArticles(*ctx.help_org, category, lang, q, page_request));
  json::array out;
  for (const store::Article& a : found.articles) {
    out.emplace_back(HelpArticleJson(a, "/help/articles/" + EncodePathSegment(a.slug)));
  }
  json::value next = nullptr;
  if (!found.next_cursor.empty()) next = found.next_cursor;
  return JsonResponse(200, json::object{{"articles", std::move(out)}, {"next_cursor", next}});
}

core::Result<Response> GetArticle(const ApiContext& ctx, const Request& r) {
  const HelpReader reader = HelpReaderOf(r);
  RAPPORT_ASSIGN_OR_RETURN(
      const auto found, ctx.kb->HelpArticleFor(*ctx.help_org, r.PathParam("id"), reader.languages));
  json::object out = HelpArticleJson(
      found.article,
      "/help/" + EncodePathSegment(found.category_slug.empty() ? "articles" : found.category_slug) +
          "/" + EncodePathSegment(found.article.slug));
  out["body"] = found.article.head.body;
  out["body_html"] = found.rendered.html;
  out["category"] = found.category_name;
  out["section"] = found.section_name;
  out["language_matched"] = found.language_matched;
  json::array translations;
  for (const auto& t : found.translations) {
    translations.emplace_back(
        json::object{{"id", t.id.str()}, {"language", t.language}, {"title", t.title}});
  }
  out["translations"] = std::move(translations);
  return JsonResponse(200, out);
}

core::Result<Response> PostFeedback(const ApiContext& ctx, auth::LoginThrottle& throttle,
                                    const Request& r) {
  RAPPORT_RETURN_IF_ERROR(throttle.Admit({}, r.remote_address));
  RAPPORT_ASSIGN_OR_RETURN(const auto id, store::ArticleId::Parse(r.PathParam("id")));
  RAPPORT_ASSIGN_OR_RETURN(const auto input, DecodeFeedback(r));
  RAPPORT_RETURN_IF_ERROR(ctx.kb->HelpFeedback(*ctx.help_org, id, input));
  return JsonResponse(201, json::object{{"ok", true}});
}

http::RouteOptions PublicApi(std::string summary) {
  return {.execution = http::Execution::kBlocking,
          .public_access = true,
          .permission = {},
          .summary = std::move(summary)};
}

}  // namespace

void RegisterHelpApi(http::Router& router, const ApiContext& ctx,
                     std::shared_ptr<auth::LoginThrottle> feedback_throttle) {
  router.Add(
      Method::kGet, "/api/v1/help/categories",
      [&ctx](const Request&) { return Respond(GetCategories(ctx)); },
      PublicApi("The help center's categories and sections (public articles only)."));
  router.Add(
      Method::kGet, "/api/v1/help/articles",
      [&ctx](const Request& r) { return Respond(ListArticles(ctx, r)); },
      PublicApi("Public, published articles: ?category=<slug>&lang=&q=&limit=&cursor=."));
  router.Add(
      Method::kGet, "/api/v1/help/articles/{id}",
      [&ctx](const Request& r) { return Respond(GetArticle(ctx, r)); },
      PublicApi("One public article by id or slug: ?lang=; counts a public view."));
  router.Add(
      Method::kPost, "/api/v1/help/articles/{id}/feedback",
      [&ctx, throttle = std::move(feedback_throttle)](const Request& r) {
        return Respond(PostFeedback(ctx, *throttle, r));
      },
      PublicApi("Anonymous \"was this helpful?\" on a public article; rate-limited per address."));
}

}  // namespace rapport::api::internal

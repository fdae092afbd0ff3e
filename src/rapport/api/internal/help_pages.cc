#include "rapport/api/internal/help_pages.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "rapport/api/internal/help_shared.h"
#include "rapport/api/internal/params.h"
#include "rapport/api/search_routes.h"
#include "rapport/auth/throttle.h"
#include "rapport/core/html.h"
#include "rapport/core/url.h"
#include "rapport/kb/attachment_rules.h"
#include "rapport/kb/rules.h"
#include "rapport/search/service.h"

namespace rapport::api::internal {
namespace {

using core::EncodePathSegment;
using http::Method;
using http::Request;
using http::Response;

constexpr int kHelpPageSize = 100;
constexpr std::string_view kPageCache = "public, max-age=60";
// Anonymous feedback per client address: generous for people, useless for a flood.
constexpr int kFeedbackPerAddress = 30;
constexpr auto kFeedbackWindow = std::chrono::minutes(10);

std::string WithLang(std::string url, const HelpReader& page) {
  if (page.lang_param.empty()) return url;
  url += url.find('?') == std::string::npos ? "?lang=" : "&lang=";
  return url + page.lang_param;
}

Response HtmlPage(int status, std::string_view title, std::string_view lang,
                  std::string_view main_html, std::string_view query = {}) {
  std::string html = fmt::format(
      R"(<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>{title} · Help center</title>
<link rel="stylesheet" href="/help-assets/help.css">
<script src="/help-assets/help.js" defer></script>
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="site"><div class="wrap">
<a class="home" href="/help">Help center</a>
<form class="search" role="search" action="/help" method="get">
<label class="skip" for="q">Search the help center</label>
<input id="q" name="q" type="search" placeholder="Search for answers" value="{query}" autocomplete="off">
<button type="submit">Search</button>
</form>
</div></header>
<main id="main" class="wrap">
<div id="live-results" aria-live="polite"></div>
{main}
</main>
<footer class="site"><div class="wrap">Answers from our knowledge base. Can't find what you need? Tell us with the feedback form on any article.</div></footer>
</body>
</html>
)",
      fmt::arg("lang", core::EscapeHtml(lang.empty() ? "en" : lang)),
      fmt::arg("title", core::EscapeHtml(title)), fmt::arg("query", core::EscapeHtml(query)),
      fmt::arg("main", main_html));
  Response response = Response::Text(status, std::move(html), "text/html; charset=utf-8");
  response.headers.emplace_back("Cache-Control", status == 200 ? kPageCache : "no-store");
  response.headers.emplace_back("Vary", "Accept-Language");
  return response;
}

Response NotFoundPage(std::string_view message) {
  return HtmlPage(404, "Not found", "en",
                  fmt::format("<h1>Not found</h1><p>{}</p><p><a href=\"/help\">Back to the help "
                              "center</a></p>",
                              core::EscapeHtml(message)));
}

Response ErrorPage(const core::Error& error) {
  if (error.code() == core::ErrorCode::kNotFound) return NotFoundPage(error.message());
  const int status = http::StatusFor(error.code());
  return HtmlPage(
      status, "Something went wrong", "en",
      fmt::format("<h1>Something went wrong</h1><p>{}</p>", core::EscapeHtml(error.message())));
}

std::string ArticleList(const std::vector<store::Article>& articles, std::string_view category,
                        const HelpReader& page) {
  std::string html = "<ul class=\"results\">";
  for (const store::Article& a : articles) {
    const std::string& title = a.head.title;
    html += fmt::format(
        "<li><a href=\"{}\">{}</a>",
        core::EscapeHtml(WithLang(
            fmt::format("/help/{}/{}", EncodePathSegment(category), EncodePathSegment(a.slug)),
            page)),
        core::EscapeHtml(title));
    if (!a.head.summary.empty()) {
      html += fmt::format("<br><span class=\"muted\">{}</span>", core::EscapeHtml(a.head.summary));
    }
    html += "</li>";
  }
  return html + "</ul>";
}

// --- Pages ---------------------------------------------------------------------------------

Response HomePage(const ApiContext& ctx, const Request& request) {
  const HelpReader page = HelpReaderOf(request);
  const std::string lang = page.languages.empty() ? "en" : page.languages.front();
  if (const auto q = request.Query("q"); q && !q->empty()) {
    if (q->size() > kMaxQueryTextBytes)
      return ErrorPage(core::Error(core::ErrorCode::kInvalidArgument, "The search is too long."));
    search::SearchRequest query{.text = std::string(*q),
                                .limit = kHelpPageSize,
                                .language = page.lang_param,
                                .as_you_type = false,
                                .searcher = HelpSearcher(request)};
    auto found = ctx.search->PublicSearch(*ctx.help_org, query);
    if (!found) return ErrorPage(found.error());
    std::string html = fmt::format("<h1>Results for “{}”</h1>", core::EscapeHtml(*q));
    if (!found->did_you_mean.empty()) {
      const std::string link =
          fmt::format("<a href=\"{}\">{}</a>",
                      core::EscapeHtml(WithLang(
                          "/help?q=" + core::EncodeQueryComponent(found->did_you_mean), page)),
                      core::EscapeHtml(found->did_you_mean));
      html += found->corrected ? "<p class=\"muted\">Showing results for " + link + ".</p>"
                               : "<p class=\"muted\">Did you mean " + link + "?</p>";
    }
    if (found->results.empty()) {
      html += "<p>No article matches. Try other words, or browse the categories.</p>";
    }
    // Titles and snippets come escaped from the index, with only <mark> added.
    html += "<ul class=\"results\">";
    for (const auto& r : found->results) {
      html += fmt::format("<li><a href=\"{}\">{}</a>", core::EscapeHtml(WithLang(r.url, page)),
                          r.title_html);
      if (!r.snippet.empty()) html += "<br><span class=\"muted\">" + r.snippet + "</span>";
      html += "</li>";
    }
    html += "</ul>";
    return HtmlPage(200, "Search", lang, html, *q);
  }
  auto categories = ctx.kb->HelpCategories(*ctx.help_org);
  if (!categories) return ErrorPage(categories.error());
  std::string html = "<h1>How can we help?</h1>";
  if (categories->empty()) html += "<p>No articles are published yet.</p>";
  html += "<ul class=\"grid\">";
  for (const auto& c : *categories) {
    html += fmt::format(
        "<li class=\"card\"><h2><a href=\"{}\">{}</a></h2><p class=\"muted\">{} "
        "article{}</p>",
        core::EscapeHtml(WithLang("/help/" + EncodePathSegment(c.category.slug), page)),
        core::EscapeHtml(c.category.name), c.article_count, c.article_count == 1 ? "" : "s");
    if (!c.category.description.empty()) {
      html += "<p>" + core::EscapeHtml(c.category.description) + "</p>";
    }
    html += "</li>";
  }
  html += "</ul>";
  return HtmlPage(200, "Help center", lang, html);
}

Response CategoryPage(const ApiContext& ctx, const Request& request) {
  const HelpReader page = HelpReaderOf(request);
  const std::string lang = page.languages.empty() ? "en" : page.languages.front();
  const std::string_view slug = request.PathParam("category");
  auto categories = ctx.kb->HelpCategories(*ctx.help_org);
  if (!categories) return ErrorPage(categories.error());
  const auto it = std::find_if(categories->begin(), categories->end(),
                               [&](const auto& c) { return c.category.slug == slug; });
  if (it == categories->end()) return NotFoundPage("There is no such category.");
  auto found = ctx.kb->HelpArticles(*ctx.help_org, slug, page.lang_param, {},
                                    {.limit = store::kMaxPageLimit, .cursor = {}});
  if (!found) return ErrorPage(found.error());
  std::string html = fmt::format(
      "<nav class=\"crumbs\" aria-label=\"Breadcrumb\"><ol><li><a href=\"/help\">Help "
      "center</a></li><li aria-current=\"page\">{}</li></ol></nav><h1>{}</h1>",
      core::EscapeHtml(it->category.name), core::EscapeHtml(it->category.name));
  if (!it->category.description.empty()) {
    html += "<p>" + core::EscapeHtml(it->category.description) + "</p>";
  }
  // Articles filed directly in the category, then one list per section.
  std::vector<store::Article> direct;
  for (const store::Article& a : found->articles) {
    if (a.category_id && *a.category_id == it->category.id) direct.push_back(a);
  }
  if (!direct.empty()) html += ArticleList(direct, slug, page);
  for (const store::Category& section : it->sections) {
    std::vector<store::Article> in;
    for (const store::Article& a : found->articles) {
      if (a.category_id && *a.category_id == section.id) in.push_back(a);
    }
    if (in.empty()) continue;
    html += fmt::format("<section aria-labelledby=\"s-{0}\"><h2 id=\"s-{0}\">{1}</h2>",
                        core::EscapeHtml(section.slug), core::EscapeHtml(section.name));
    html += ArticleList(in, slug, page) + "</section>";
  }
  return HtmlPage(200, it->category.name, lang, html);
}

Response ArticlePage(const ApiContext& ctx, const Request& request) {
  const HelpReader page = HelpReaderOf(request);
  const std::string_view category = request.PathParam("category");
  const std::string_view slug = request.PathParam("slug");
  auto found = ctx.kb->HelpArticleFor(*ctx.help_org, slug, page.languages);
  if (!found) return ErrorPage(found.error());
  const store::Article& article = found->article;
  const std::string canonical_category =
      found->category_slug.empty() ? "articles" : found->category_slug;
  if (category != canonical_category || slug != article.slug) {
    // One address per article: moved, renamed or translated articles redirect.
    Response redirect{.status = 301, .content_type = {}, .body = {}, .headers = {}};
    redirect.headers.emplace_back("Location",
                                  WithLang("/help/" + EncodePathSegment(canonical_category) + "/" +
                                               EncodePathSegment(article.slug),
                                           page));
    redirect.headers.emplace_back("Cache-Control", kPageCache);
    return redirect;
  }
  const store::ArticleContent& content = article.head;
  std::string html =
      "<nav class=\"crumbs\" aria-label=\"Breadcrumb\"><ol><li><a "
      "href=\"/help\">Help center</a></li>";
  if (!found->category_name.empty()) {
    html += fmt::format(
        "<li><a href=\"{}\">{}</a></li>",
        core::EscapeHtml(WithLang("/help/" + EncodePathSegment(found->category_slug), page)),
        core::EscapeHtml(found->category_name));
  }
  if (!found->section_name.empty())
    html += "<li>" + core::EscapeHtml(found->section_name) + "</li>";
  html += "</ol></nav>";
  if (!found->language_matched) {
    html += fmt::format(
        "<p class=\"notice\" role=\"note\">This article is not available in your language yet; "
        "it is shown in “{}”.</p>",
        core::EscapeHtml(article.language));
  }
  html += fmt::format("<h1>{}</h1>", core::EscapeHtml(content.title));
  if (!content.summary.empty()) {
    html += "<p class=\"muted\">" + core::EscapeHtml(content.summary) + "</p>";
  }
  if (!found->translations.empty()) {
    html += "<p>Also in: ";
    bool first = true;
    for (const kb::Translation& t : found->translations) {
      if (!first) html += ", ";
      first = false;
      html += fmt::format("<a href=\"{}?lang={}\" hreflang=\"{}\" lang=\"{}\">{}</a>",
                          core::EscapeHtml("/help/" + EncodePathSegment(canonical_category) + "/" +
                                           EncodePathSegment(article.slug)),
                          core::EscapeHtml(t.language), core::EscapeHtml(t.language),
                          core::EscapeHtml(t.language),
                          core::EscapeHtml(t.title.empty() ? t.language : t.title));
    }
    html += "</p>";
  }
  // The body comes from the safe renderer: raw HTML is never passed through and dangerous
  // link schemes are dropped, so it is inserted as it is.
  html += "<article class=\"body\">" + found->rendered.html + "</article>";
  if (request.Query("thanks")) {
    html += "<p class=\"notice\" role=\"status\">Thank you for your feedback.</p>";
  } else {
    html += fmt::format(
        R"(<form method="post" action="/help/feedback/{id}">
<fieldset class="helpful"><legend>Was this article helpful?</legend>
<input type="hidden" name="back" value="{back}">
<div><button type="submit" name="helpful" value="yes">Yes</button>
<button type="submit" name="helpful" value="no" class="plain">No</button></div>
<p><label for="reason">If not, why? (optional)</label>
<select id="reason" name="reason"><option value="">Choose a reason</option>
<option value="outdated">It is out of date</option><option value="incorrect">It is incorrect</option>
<option value="unclear">It is unclear</option><option value="missing_information">Information is missing</option></select></p>
<p><label for="comment">Comment (optional)</label><textarea id="comment" name="comment" rows="3" maxlength="4000"></textarea></p>
</fieldset></form>)",
        fmt::arg("id", core::EscapeHtml(article.id.str())),
        fmt::arg("back", core::EscapeHtml("/help/" + EncodePathSegment(canonical_category) + "/" +
                                          EncodePathSegment(article.slug))));
  }
  if (article.published_at != core::TimePoint{}) {
    html += fmt::format("<p class=\"muted\">Updated {}</p>",
                        core::EscapeHtml(core::FormatIso8601(article.published_at).substr(0, 10)));
  }
  return HtmlPage(200, content.title, article.language, html);
}

// application/x-www-form-urlencoded → value of `name` (first occurrence), decoded.
std::string FormValue(std::string_view body, std::string_view name) {
  while (!body.empty()) {
    const auto amp = body.find('&');
    const std::string_view pair = body.substr(0, amp);
    body = amp == std::string_view::npos ? std::string_view() : body.substr(amp + 1);
    const auto eq = pair.find('=');
    if (pair.substr(0, eq) != name) continue;
    const std::string_view raw = eq == std::string_view::npos ? "" : pair.substr(eq + 1);
    std::string out;
    for (std::size_t i = 0; i < raw.size(); ++i) {
      if (raw[i] == '+') {
        out += ' ';
      } else if (raw[i] == '%' && i + 2 < raw.size() + 0 &&
                 std::isxdigit(static_cast<unsigned char>(raw[i + 1])) &&
                 std::isxdigit(static_cast<unsigned char>(raw[i + 2]))) {
        out += static_cast<char>(std::stoi(std::string(raw.substr(i + 1, 2)), nullptr, 16));
        i += 2;
      } else {
        out += raw[i];
      }
    }
    return out;
  }
  return {};
}

Response FilePage(const ApiContext& ctx, const Request& request) {
  auto id = store::AttachmentId::Parse(request.PathParam("id"));
  if (!id) return NotFoundPage("There is no such file.");
  auto content = ctx.kb->HelpAttachment(*ctx.help_org, *id);
  if (!content) return ErrorPage(content.error());
  Response response = FileResponse(*content);
  response.headers.emplace_back("Cache-Control", kHelpAssetCache);
  return response;
}

// The article page's form: 303 back to the article (or /help) with ?thanks=1.
Response FeedbackForm(const ApiContext& ctx, auth::LoginThrottle& throttle,
                      const Request& request) {
  if (auto admitted = throttle.Admit({}, request.remote_address); !admitted) {
    return ErrorPage(admitted.error());
  }
  auto id = store::ArticleId::Parse(request.PathParam("id"));
  if (!id) return NotFoundPage("There is no such article.");
  kb::FeedbackInput input;
  input.helpful = FormValue(request.body, "helpful") == "yes";
  auto reason = kb::ParseReason(FormValue(request.body, "reason"), "reason");
  if (!reason) return ErrorPage(reason.error());
  input.reason = *reason;
  input.comment = FormValue(request.body, "comment");
  if (auto done = ctx.kb->HelpFeedback(*ctx.help_org, *id, input); !done) {
    return ErrorPage(done.error());
  }
  std::string back = FormValue(request.body, "back");
  // Only a path of this help center: never an open redirect.
  if (!back.starts_with("/help/") || back.find("//") != std::string::npos ||
      back.find('\\') != std::string::npos) {
    back = "/help";
  }
  Response redirect{.status = 303, .content_type = {}, .body = {}, .headers = {}};
  redirect.headers.emplace_back("Location", back + "?thanks=1");
  return redirect;
}

}  // namespace

HelpReader HelpReaderOf(const Request& request) {
  HelpReader reader;
  if (const auto lang = request.Query("lang")) {
    if (auto tag = kb::NormaliseLanguage(*lang)) {
      reader.lang_param = *tag;
      reader.languages.push_back(*tag);
      if (const auto dash = tag->find('-'); dash != std::string::npos) {
        reader.languages.push_back(tag->substr(0, dash));
      }
    }
  }
  if (reader.languages.empty()) {
    if (const auto header = request.Header("accept-language")) {
      reader.languages = kb::ParseAcceptLanguage(*header);
    }
  }
  return reader;
}

Response FileResponse(const kb::AttachmentContent& content) {
  const kb::SniffedType type{content.attachment.content_type, {}, content.inline_safe};
  Response response = Response::Text(200, content.bytes, content.attachment.content_type);
  response.headers.emplace_back("Content-Disposition",
                                kb::ContentDisposition(content.attachment.filename, type));
  response.headers.emplace_back("Content-Security-Policy", "default-src 'none'; sandbox");
  response.headers.emplace_back("X-Content-Type-Options", "nosniff");
  return response;
}

void RegisterHelpRoutes(http::Router& router, const ApiContext& ctx) {
  const http::RouteOptions page_route{.execution = http::Execution::kBlocking,
                                      .public_access = true,
                                      .permission = {},
                                      .summary = {}};
  router.Add(
      Method::kGet, "/help", [&ctx](const Request& r) { return HomePage(ctx, r); }, page_route);
  router.Add(
      Method::kGet, "/help/{category}", [&ctx](const Request& r) { return CategoryPage(ctx, r); },
      page_route);
  router.Add(
      Method::kGet, "/help/{category}/{slug}",
      [&ctx](const Request& r) { return ArticlePage(ctx, r); }, page_route);
  router.Add(
      Method::kGet, "/help/files/{id}/{name}",
      [&ctx](const Request& r) { return FilePage(ctx, r); }, page_route);
  RegisterHelpAssets(router);

  // Anonymous feedback, from the page's form (303 back to the article) or as JSON: one
  // allowance per client address for both.
  auto throttle = std::make_shared<auth::LoginThrottle>(
      ctx.clock, auth::ThrottleOptions{.failures_per_account = kFeedbackPerAddress,
                                       .failures_per_address = kFeedbackPerAddress,
                                       .window = kFeedbackWindow,
                                       .max_keys = 50'000});
  router.Add(
      Method::kPost, "/help/feedback/{id}",
      [&ctx, throttle](const Request& r) { return FeedbackForm(ctx, *throttle, r); }, page_route);
  RegisterHelpApi(router, ctx, std::move(throttle));
}

}  // namespace rapport::api::internal

#include "rapport/api/kb_routes.h"

#include <boost/json.hpp>
#include <charconv>
#include <memory>
#include <string>
#include <utility>

#include "rapport/api/internal/auth_json.h"
#include "rapport/api/internal/checked.h"
#include "rapport/api/internal/help_pages.h"
#include "rapport/api/internal/kb_json.h"
#include "rapport/api/internal/params.h"
#include "rapport/auth/throttle.h"
#include "rapport/kb/rules.h"
#include "rapport/kb/service.h"

namespace rapport::api {
namespace {

namespace json = boost::json;
using auth::Action;
using auth::Principal;
using http::Method;
using http::Request;
using http::Response;
using internal::CheckedFn;
using internal::Handled;
using internal::JsonResponse;

constexpr std::size_t kMaxFilenameBytes = 255;
constexpr int kMaxRevision = 1'000'000;

json::value NextCursor(const std::string& cursor) {
  if (cursor.empty()) return nullptr;
  return json::value(cursor);
}

core::Result<store::ArticleId> ArticleIdOf(const Request& request) {
  return store::ArticleId::Parse(request.PathParam("id"));
}

core::Result<kb::View> ViewParam(const Request& request) {
  const auto text = request.Query("view");
  if (!text) return kb::View::kDefault;
  if (*text == "live") return kb::View::kLive;
  if (*text == "head") return kb::View::kHead;
  return core::InvalidArgument("view must be live or head", "view");
}

// ?owner=me or ?owner=<user id>.
core::Result<std::optional<store::UserId>> OwnerParam(const Request& request,
                                                      const Principal& principal,
                                                      std::string_view name) {
  const auto text = request.Query(name);
  if (!text) return std::optional<store::UserId>();
  if (*text == "me") return std::optional<store::UserId>(principal.user_id);
  RAPPORT_ASSIGN_OR_RETURN(auto id, store::UserId::Parse(*text, name));
  return std::optional<store::UserId>(std::move(id));
}

// --- Articles ------------------------------------------------------------------------------

Handled ListArticles(const ApiContext& ctx, const Request& request, const Principal& principal) {
  kb::ArticleQuery query;
  RAPPORT_ASSIGN_OR_RETURN(query.query,
                           internal::TextParam(request, "q", internal::kMaxQueryTextBytes));
  RAPPORT_ASSIGN_OR_RETURN(const std::string statuses, internal::TextParam(request, "status", 100));
  std::string_view rest = statuses;
  while (!rest.empty()) {
    const auto comma = rest.find(',');
    RAPPORT_ASSIGN_OR_RETURN(const auto status, kb::ParseStatus(rest.substr(0, comma), "status"));
    query.statuses.push_back(status);
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
  }
  RAPPORT_ASSIGN_OR_RETURN(query.category_id,
                           internal::IdParam<store::CategoryTag>(request, "category_id"));
  RAPPORT_ASSIGN_OR_RETURN(query.owner_id, OwnerParam(request, principal, "owner"));
  RAPPORT_ASSIGN_OR_RETURN(query.language, internal::TextParam(request, "language", 20));
  if (const auto visibility = request.Query("visibility")) {
    RAPPORT_ASSIGN_OR_RETURN(query.visibility, kb::ParseVisibility(*visibility, "visibility"));
  }
  RAPPORT_ASSIGN_OR_RETURN(query.stale_only, internal::BoolParam(request, "stale", false));
  RAPPORT_ASSIGN_OR_RETURN(query.view, ViewParam(request));
  RAPPORT_ASSIGN_OR_RETURN(const auto page, internal::PageParams(request));
  RAPPORT_ASSIGN_OR_RETURN(const auto found, ctx.kb->ListArticles(principal, query, page));
  json::array out;
  for (const auto& view : found.articles) out.emplace_back(internal::ArticleJson(view));
  return JsonResponse(200, json::object{{"articles", std::move(out)},
                                        {"next_cursor", NextCursor(found.next_cursor)}});
}

Handled GetArticle(const ApiContext& ctx, const Request& request, const Principal& principal) {
  RAPPORT_ASSIGN_OR_RETURN(const auto id, ArticleIdOf(request));
  RAPPORT_ASSIGN_OR_RETURN(const auto view, ViewParam(request));
  RAPPORT_ASSIGN_OR_RETURN(const auto article, ctx.kb->GetArticle(principal, id, view));
  return JsonResponse(200, internal::ArticleJson(article));
}

Handled CreateArticle(const ApiContext& ctx, const Request& request, const Principal& principal) {
  RAPPORT_ASSIGN_OR_RETURN(const auto input, internal::DecodeNewArticle(request));
  RAPPORT_ASSIGN_OR_RETURN(const auto article, ctx.kb->CreateArticle(principal, input));
  return JsonResponse(201, internal::ArticleJson(article));
}

Handled UpdateArticle(const ApiContext& ctx, const Request& request, const Principal& principal) {
  RAPPORT_ASSIGN_OR_RETURN(const auto id, ArticleIdOf(request));
  RAPPORT_ASSIGN_OR_RETURN(const auto patch, internal::DecodeArticlePatch(request));
  RAPPORT_ASSIGN_OR_RETURN(const auto article, ctx.kb->UpdateArticle(principal, id, patch));
  return JsonResponse(200, internal::ArticleJson(article));
}

Handled DeleteArticle(const ApiContext& ctx, const Request& request, const Principal& principal) {
  RAPPORT_ASSIGN_OR_RETURN(const auto id, ArticleIdOf(request));
  RAPPORT_RETURN_IF_ERROR(ctx.kb->DeleteArticle(principal, id));
  return Response{.status = 204, .content_type = {}, .body = {}, .headers = {}};
}

Handled TransitionArticle(const ApiContext& ctx, const Request& request,
                          const Principal& principal) {
  RAPPORT_ASSIGN_OR_RETURN(const auto id, ArticleIdOf(request));
  RAPPORT_ASSIGN_OR_RETURN(const json::object body,
                           internal::ParseObjectBody(request, {"to", "note"}));
  RAPPORT_ASSIGN_OR_RETURN(const std::string_view to, http::GetString(body, "to"));
  RAPPORT_ASSIGN_OR_RETURN(const auto status, kb::ParseStatus(to, "to"));
  RAPPORT_ASSIGN_OR_RETURN(const auto note, http::GetOptionalString(body, "note"));
  if (note && note->size() > 500) return core::InvalidArgument("note is too long", "note");
  RAPPORT_ASSIGN_OR_RETURN(const auto article,
                           ctx.kb->Transition(principal, id, status, note.value_or("")));
  return JsonResponse(200, internal::ArticleJson(article));
}

Handled VerifyArticle(const ApiContext& ctx, const Request& request, const Principal& principal) {
  RAPPORT_ASSIGN_OR_RETURN(const auto id, ArticleIdOf(request));
  RAPPORT_ASSIGN_OR_RETURN(const auto article, ctx.kb->Verify(principal, id));
  return JsonResponse(200, internal::ArticleJson(article));
}

Handled ListRevisions(const ApiContext& ctx, const Request& request, const Principal& principal) {
  RAPPORT_ASSIGN_OR_RETURN(const auto id, ArticleIdOf(request));
  RAPPORT_ASSIGN_OR_RETURN(const auto revisions, ctx.kb->ListRevisions(principal, id));
  json::array out;
  for (const auto& r : revisions) out.emplace_back(internal::RevisionJson(r));
  return JsonResponse(200, json::object{{"revisions", std::move(out)}});
}

core::Result<int> RevisionNumber(std::string_view text, std::string_view field) {
  int value = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || ptr != text.data() + text.size() || value < 1 ||
      value > kMaxRevision) {
    return core::InvalidArgument(std::string(field) + " must be a revision number",
                                 std::string(field));
  }
  return value;
}

Handled GetRevision(const ApiContext& ctx, const Request& request, const Principal& principal) {
  RAPPORT_ASSIGN_OR_RETURN(const auto id, ArticleIdOf(request));
  RAPPORT_ASSIGN_OR_RETURN(const int number, RevisionNumber(request.PathParam("n"), "n"));
  RAPPORT_ASSIGN_OR_RETURN(const auto revision, ctx.kb->GetRevision(principal, id, number));
  return JsonResponse(200, internal::RevisionJson(revision));
}

Handled DiffRevisions(const ApiContext& ctx, const Request& request, const Principal& principal) {
  RAPPORT_ASSIGN_OR_RETURN(const auto id, ArticleIdOf(request));
  RAPPORT_ASSIGN_OR_RETURN(const int from, internal::IntParam(request, "from", 0, 1, kMaxRevision));
  RAPPORT_ASSIGN_OR_RETURN(const int to, internal::IntParam(request, "to", 0, 1, kMaxRevision));
  RAPPORT_ASSIGN_OR_RETURN(const auto diff, ctx.kb->Diff(principal, id, from, to));
  return JsonResponse(200, internal::DiffJson(diff));
}

Handled RestoreRevision(const ApiContext& ctx, const Request& request, const Principal& principal) {
  RAPPORT_ASSIGN_OR_RETURN(const auto id, ArticleIdOf(request));
  RAPPORT_ASSIGN_OR_RETURN(const json::object body,
                           internal::ParseObjectBody(request, {"revision"}));
  RAPPORT_ASSIGN_OR_RETURN(const std::int64_t number, http::GetInt(body, "revision"));
  if (number < 1 || number > kMaxRevision) {
    return core::InvalidArgument("revision must be a revision number", "revision");
  }
  RAPPORT_ASSIGN_OR_RETURN(const auto article,
                           ctx.kb->Restore(principal, id, static_cast<int>(number)));
  return JsonResponse(200, internal::ArticleJson(article));
}

Handled AddFeedback(const ApiContext& ctx, const Request& request, const Principal& principal) {
  RAPPORT_ASSIGN_OR_RETURN(const auto id, ArticleIdOf(request));
  RAPPORT_ASSIGN_OR_RETURN(const auto input, internal::DecodeFeedback(request));
  RAPPORT_ASSIGN_OR_RETURN(const auto feedback, ctx.kb->AddFeedback(principal, id, input));
  return JsonResponse(201, internal::FeedbackJson(feedback));
}

Handled ArticleStats(const ApiContext& ctx, const Request& request, const Principal& principal) {
  RAPPORT_ASSIGN_OR_RETURN(const auto id, ArticleIdOf(request));
  RAPPORT_ASSIGN_OR_RETURN(const int days, internal::IntParam(request, "days", 30, 1, 366));
  RAPPORT_ASSIGN_OR_RETURN(const auto report, ctx.kb->Stats(principal, id, days));
  json::array views;
  for (const auto& day : report.views) {
    views.emplace_back(
        json::object{{"day", day.day}, {"staff", day.staff}, {"public", day.public_views}});
  }
  return JsonResponse(
      200, json::object{{"stats", internal::StatsJson(report.stats)}, {"views", std::move(views)}});
}

Handled ListFeedback(const ApiContext& ctx, const Request& request, const Principal& principal) {
  kb::FeedbackQuery query;
  RAPPORT_ASSIGN_OR_RETURN(query.owner_id, OwnerParam(request, principal, "owner"));
  RAPPORT_ASSIGN_OR_RETURN(query.article_id,
                           internal::IdParam<store::ArticleTag>(request, "article_id"));
  RAPPORT_ASSIGN_OR_RETURN(query.open_only, internal::BoolParam(request, "open", false));
  RAPPORT_ASSIGN_OR_RETURN(query.include_helpful, internal::BoolParam(request, "all", false));
  RAPPORT_ASSIGN_OR_RETURN(const auto page, internal::PageParams(request));
  RAPPORT_ASSIGN_OR_RETURN(const auto found, ctx.kb->ListFeedback(principal, query, page));
  json::array out;
  for (const auto& f : found.feedback) out.emplace_back(internal::FeedbackJson(f));
  return JsonResponse(200, json::object{{"feedback", std::move(out)},
                                        {"next_cursor", NextCursor(found.next_cursor)}});
}

Handled ResolveFeedback(const ApiContext& ctx, const Request& request, const Principal& principal) {
  RAPPORT_ASSIGN_OR_RETURN(const auto id, store::FeedbackId::Parse(request.PathParam("id")));
  RAPPORT_ASSIGN_OR_RETURN(const auto feedback, ctx.kb->ResolveFeedback(principal, id));
  return JsonResponse(200, internal::FeedbackJson(feedback));
}

Handled Preview(const ApiContext& ctx, const Request& request, const Principal& principal) {
  RAPPORT_ASSIGN_OR_RETURN(const json::object body,
                           internal::ParseObjectBody(request, {"markdown"}));
  RAPPORT_ASSIGN_OR_RETURN(const std::string_view markdown, http::GetString(body, "markdown"));
  RAPPORT_ASSIGN_OR_RETURN(const auto rendered, ctx.kb->Preview(principal, markdown));
  return JsonResponse(200, internal::RenderedJson(rendered));
}

// --- Categories and settings ---------------------------------------------------------------

Handled ListCategories(const ApiContext& ctx, const Request&, const Principal& principal) {
  RAPPORT_ASSIGN_OR_RETURN(const auto categories, ctx.kb->ListCategories(principal));
  json::array out;
  for (const auto& c : categories) {
    out.emplace_back(internal::CategoryJson(c.category, c.article_count));
  }
  return JsonResponse(200, json::object{{"categories", std::move(out)}});
}

Handled CreateCategory(const ApiContext& ctx, const Request& request, const Principal& principal) {
  RAPPORT_ASSIGN_OR_RETURN(const auto input, internal::DecodeCategory(request));
  RAPPORT_ASSIGN_OR_RETURN(const auto category, ctx.kb->CreateCategory(principal, input));
  return JsonResponse(201, internal::CategoryJson(category, 0));
}

Handled UpdateCategory(const ApiContext& ctx, const Request& request, const Principal& principal) {
  RAPPORT_ASSIGN_OR_RETURN(const auto id, store::CategoryId::Parse(request.PathParam("id")));
  RAPPORT_ASSIGN_OR_RETURN(const auto input, internal::DecodeCategory(request));
  RAPPORT_ASSIGN_OR_RETURN(const auto category, ctx.kb->UpdateCategory(principal, id, input));
  return JsonResponse(200, internal::CategoryJson(category, 0));
}

Handled DeleteCategory(const ApiContext& ctx, const Request& request, const Principal& principal) {
  RAPPORT_ASSIGN_OR_RETURN(const auto id, store::CategoryId::Parse(request.PathParam("id")));
  RAPPORT_RETURN_IF_ERROR(ctx.kb->DeleteCategory(principal, id));
  return Response{.status = 204, .content_type = {}, .body = {}, .headers = {}};
}

Handled ListWriters(const ApiContext& ctx, const Request&, const Principal& principal) {
  RAPPORT_ASSIGN_OR_RETURN(const auto writers, ctx.kb->ListWriters(principal));
  json::array out;
  for (const kb::UserRef& w : writers) {
    out.emplace_back(json::object{{"id", w.id.str()}, {"name", w.name}});
  }
  return JsonResponse(200, json::object{{"writers", std::move(out)}});
}

Handled GetSettings(const ApiContext& ctx, const Request&, const Principal& principal) {
  RAPPORT_ASSIGN_OR_RETURN(const auto settings, ctx.kb->GetSettings(principal));
  return JsonResponse(200, internal::SettingsJson(settings));
}

Handled UpdateSettings(const ApiContext& ctx, const Request& request, const Principal& principal) {
  RAPPORT_ASSIGN_OR_RETURN(
      const json::object body,
      internal::ParseObjectBody(request, {"allow_self_approval", "default_verify_interval_days"}));
  RAPPORT_ASSIGN_OR_RETURN(const auto self, http::GetOptionalBool(body, "allow_self_approval"));
  RAPPORT_ASSIGN_OR_RETURN(const auto days,
                           http::GetOptionalInt(body, "default_verify_interval_days"));
  std::optional<int> interval;
  if (days) {
    if (*days < 0 || *days > 100'000) {
      return core::Unprocessable("default_verify_interval_days is out of range",
                                 "default_verify_interval_days");
    }
    interval = static_cast<int>(*days);
  }
  RAPPORT_ASSIGN_OR_RETURN(const auto settings, ctx.kb->UpdateSettings(principal, self, interval));
  return JsonResponse(200, internal::SettingsJson(settings));
}

// --- Attachments ---------------------------------------------------------------------------

Handled UploadAttachment(const ApiContext& ctx, const Request& request,
                         const Principal& principal) {
  RAPPORT_ASSIGN_OR_RETURN(const std::string filename,
                           internal::TextParam(request, "filename", kMaxFilenameBytes));
  RAPPORT_ASSIGN_OR_RETURN(const auto article,
                           internal::IdParam<store::ArticleTag>(request, "article_id"));
  RAPPORT_ASSIGN_OR_RETURN(const auto attachment,
                           ctx.kb->UploadAttachment(principal, filename, article, request.body));
  return JsonResponse(201, internal::AttachmentJson(attachment));
}

Handled GetAttachment(const ApiContext& ctx, const Request& request, const Principal& principal) {
  RAPPORT_ASSIGN_OR_RETURN(const auto id, store::AttachmentId::Parse(request.PathParam("id")));
  RAPPORT_ASSIGN_OR_RETURN(auto content, ctx.kb->ReadAttachment(principal, id));
  Response response = internal::FileResponse(content);
  response.headers.emplace_back("Cache-Control", "private, max-age=300");
  return response;
}

// --- Import and export ---------------------------------------------------------------------

json::array FileErrorsJson(const std::vector<kb::ImportFileError>& errors) {
  json::array out;
  for (const auto& e : errors) {
    out.emplace_back(json::object{{"path", e.path},
                                  {"line", e.line > 0 ? json::value(e.line) : json::value(nullptr)},
                                  {"message", e.message}});
  }
  return out;
}

Handled ImportKb(const ApiContext& ctx, const Request& request, const Principal& principal) {
  kb::ImportOptions options;
  // A real run must be asked for: an accidental POST only previews.
  RAPPORT_ASSIGN_OR_RETURN(options.dry_run, internal::BoolParam(request, "dry_run", true));
  RAPPORT_ASSIGN_OR_RETURN(options.publish, internal::BoolParam(request, "publish", false));
  if (const auto visibility = request.Query("visibility")) {
    RAPPORT_ASSIGN_OR_RETURN(options.visibility, kb::ParseVisibility(*visibility, "visibility"));
  }
  if (const auto language = request.Query("language")) {
    RAPPORT_ASSIGN_OR_RETURN(options.language, kb::NormaliseLanguage(*language));
  }
  RAPPORT_ASSIGN_OR_RETURN(const auto report,
                           ctx.kb->ImportArchive(principal, request.body, options));
  const int status = report.errors.empty() ? 200 : 422;
  return JsonResponse(status, json::object{{"dry_run", report.dry_run},
                                           {"applied", report.applied},
                                           {"files", report.files},
                                           {"articles_created", report.articles_created},
                                           {"articles_updated", report.articles_updated},
                                           {"articles_unchanged", report.articles_unchanged},
                                           {"categories_created", report.categories_created},
                                           {"categories_updated", report.categories_updated},
                                           {"attachments_created", report.attachments_created},
                                           {"errors", FileErrorsJson(report.errors)},
                                           {"warnings", FileErrorsJson(report.warnings)}});
}

Handled ExportKb(const ApiContext& ctx, const Request&, const Principal& principal) {
  RAPPORT_ASSIGN_OR_RETURN(std::string zip, ctx.kb->ExportArchive(principal));
  Response response = Response::Text(200, std::move(zip), "application/zip");
  response.headers.emplace_back("Content-Disposition",
                                "attachment; filename=\"knowledge-base.zip\"");
  response.headers.emplace_back("Cache-Control", "no-store");
  return response;
}

}  // namespace

void RegisterKbRoutes(http::Router& router, const ApiContext& ctx) {
  const auto checked = [&](Method method, std::string pattern, Action action, CheckedFn fn,
                           std::string summary) {
    internal::AddCheckedBlocking(router, ctx, method, std::move(pattern), action, fn,
                                 std::move(summary));
  };
  checked(Method::kGet, "/api/v1/articles", Action::kKbRead, ListArticles,
          "Articles: "
          "?q=&status=&category_id=&owner=&language=&visibility=&stale=&view=&limit=&cursor=.");
  checked(Method::kPost, "/api/v1/articles", Action::kKbWrite, CreateArticle,
          "Create an article (a draft owned by the caller).");
  checked(Method::kGet, "/api/v1/articles/{id}", Action::kKbRead, GetArticle,
          "One article with its rendered body: ?view=live|head.");
  checked(Method::kPatch, "/api/v1/articles/{id}", Action::kKbWrite, UpdateArticle,
          "Edit content (adds a revision) and/or metadata.");
  checked(Method::kDelete, "/api/v1/articles/{id}", Action::kKbWrite, DeleteArticle,
          "Delete an article with its revisions, feedback and attachments.");
  checked(Method::kPost, "/api/v1/articles/{id}/transitions", Action::kKbWrite, TransitionArticle,
          "Move an article through its lifecycle: {\"to\":\"in_review\"|\"published\"|...}.");
  checked(Method::kPost, "/api/v1/articles/{id}/verify", Action::kKbWrite, VerifyArticle,
          "Mark the live revision verified now.");
  checked(Method::kGet, "/api/v1/articles/{id}/revisions", Action::kKbWrite, ListRevisions,
          "Every revision, newest first.");
  checked(Method::kGet, "/api/v1/articles/{id}/revisions/{n}", Action::kKbWrite, GetRevision,
          "One revision with its body.");
  checked(Method::kGet, "/api/v1/articles/{id}/diff", Action::kKbWrite, DiffRevisions,
          "A line diff between two revisions: ?from=&to=.");
  checked(Method::kPost, "/api/v1/articles/{id}/restore", Action::kKbWrite, RestoreRevision,
          "Make an old revision's content the new head (a draft).");
  checked(Method::kPost, "/api/v1/articles/{id}/feedback", Action::kKbRead, AddFeedback,
          "Was this helpful? {\"helpful\",\"reason\"?,\"comment\"?}.");
  checked(Method::kGet, "/api/v1/articles/{id}/stats", Action::kKbWrite, ArticleStats,
          "Views per day, helpfulness and open feedback: ?days=30.");
  checked(Method::kGet, "/api/v1/feedback", Action::kKbWrite, ListFeedback,
          "Feedback on articles: ?owner=me&article_id=&open=true&all=true&limit=&cursor=.");
  checked(Method::kPost, "/api/v1/feedback/{id}/resolve", Action::kKbWrite, ResolveFeedback,
          "Mark feedback handled.");
  checked(Method::kPost, "/api/v1/markdown/preview", Action::kKbWrite, Preview,
          "Render Markdown exactly as an article body: {\"markdown\"}.");
  checked(Method::kGet, "/api/v1/categories", Action::kKbRead, ListCategories,
          "Categories and sections.");
  checked(Method::kPost, "/api/v1/categories", Action::kKbManage, CreateCategory,
          "Create a category (or a section with parent_id).");
  checked(Method::kPatch, "/api/v1/categories/{id}", Action::kKbManage, UpdateCategory,
          "Rename, move or reorder a category.");
  checked(Method::kDelete, "/api/v1/categories/{id}", Action::kKbManage, DeleteCategory,
          "Delete an empty category.");
  checked(Method::kGet, "/api/v1/kb/writers", Action::kKbWrite, ListWriters,
          "The accounts that may own or verify an article, by name: {writers:[{id,name}]}.");
  checked(Method::kGet, "/api/v1/kb/settings", Action::kKbRead, GetSettings,
          "Knowledge-base settings.");
  checked(Method::kPatch, "/api/v1/kb/settings", Action::kKbManage, UpdateSettings,
          "Change self-approval and the default verification interval.");
  checked(Method::kPost, "/api/v1/attachments", Action::kKbWrite, UploadAttachment,
          "Upload a file (raw body): ?filename=&article_id=; the type is sniffed.");
  checked(Method::kGet, "/api/v1/attachments/{id}", Action::kKbRead, GetAttachment,
          "An attachment's bytes, with safe headers.");
  checked(Method::kPost, "/api/v1/kb/import", Action::kKbManage, ImportKb,
          "Import a zip or tar of Markdown and HTML files: ?dry_run=true (default) | false, "
          "&publish=&visibility=&language=.");
  checked(Method::kGet, "/api/v1/kb/export", Action::kKbManage, ExportKb,
          "The whole knowledge base as a zip of Markdown with front matter and attachments.");
  internal::RegisterHelpRoutes(router, ctx);
}

}  // namespace rapport::api

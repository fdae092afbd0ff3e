#include "rapport/api/internal/kb_json.h"

#include <boost/json.hpp>
#include <string>
#include <utility>

#include "rapport/api/internal/auth_json.h"
#include "rapport/api/internal/params.h"
#include "rapport/http/json.h"
#include "rapport/kb/rules.h"

namespace rapport::api::internal {
namespace {

namespace json = boost::json;

constexpr std::size_t kMaxListItems = 100;

json::value RefJson(const std::optional<kb::UserRef>& ref) {
  if (!ref) return nullptr;
  return json::object{{"id", ref->id.str()}, {"name", ref->name}};
}

json::array Strings(const std::vector<std::string>& values) {
  json::array out;
  for (const std::string& v : values) out.emplace_back(v);
  return out;
}

json::value EpochOrTime(core::TimePoint t) {
  if (t == core::TimePoint{}) return nullptr;
  return TimeJson(t);
}

json::array HeadingsJson(const std::vector<kb::Heading>& headings) {
  json::array out;
  for (const kb::Heading& h : headings) {
    out.emplace_back(json::object{{"level", h.level}, {"text", h.text}, {"anchor", h.anchor}});
  }
  return out;
}

// A list of strings: absent -> unchanged; else an array of at most kMaxListItems strings.
core::Status ReadStrings(const json::object& body, std::string_view key,
                         std::optional<std::vector<std::string>>& target) {
  if (!body.contains(key)) return core::Ok();
  RAPPORT_ASSIGN_OR_RETURN(const json::array* items, http::GetArray(body, key));
  if (items->size() > kMaxListItems) {
    return core::InvalidArgument(std::string(key) + " has too many items", std::string(key));
  }
  std::vector<std::string> out;
  for (std::size_t i = 0; i < items->size(); ++i) {
    if (!(*items)[i].is_string()) {
      return core::InvalidArgument("must be a string", http::IndexPath(key, i));
    }
    out.emplace_back((*items)[i].as_string());
  }
  target = std::move(out);
  return core::Ok();
}

core::Status ReadInt(const json::object& body, std::string_view key, std::optional<int>& target) {
  if (!body.contains(key)) return core::Ok();
  RAPPORT_ASSIGN_OR_RETURN(const std::int64_t value, http::GetInt(body, key));
  if (value < -1'000'000'000 || value > 1'000'000'000) {
    return core::InvalidArgument(std::string(key) + " is out of range", std::string(key));
  }
  target = static_cast<int>(value);
  return core::Ok();
}

core::Status ReadVisibility(const json::object& body, std::optional<store::Visibility>& target) {
  if (!body.contains("visibility")) return core::Ok();
  RAPPORT_ASSIGN_OR_RETURN(const std::string_view text, http::GetString(body, "visibility"));
  RAPPORT_ASSIGN_OR_RETURN(target, kb::ParseVisibility(text, "visibility"));
  return core::Ok();
}

}  // namespace

json::object ArticleJson(const kb::ArticleView& view) {
  const store::Article& a = view.article;
  json::object out{
      {"id", a.id.str()},
      {"translation_group", a.translation_group},
      {"language", a.language},
      {"slug", a.slug},
      {"category_id", a.category_id ? json::value(a.category_id->str()) : json::value(nullptr)},
      {"visibility", kb::VisibilityName(a.visibility)},
      {"roles", Strings(a.roles)},
      {"status", kb::StatusName(a.status)},
      {"owner", RefJson(view.owner)},
      {"verifier", RefJson(view.verifier)},
      {"verify_interval_days", a.verify_interval_days},
      {"verified_at", EpochOrTime(a.verified_at)},
      {"verification_due_at", TimeJson(view.verification_due_at)},
      {"stale", view.stale},
      {"head_revision", a.head_revision},
      {"published_revision", a.published_revision},
      {"has_unpublished_changes", view.has_unpublished_changes},
      {"created_at", TimeJson(a.created_at)},
      {"updated_at", TimeJson(a.updated_at)},
      {"published_at", EpochOrTime(a.published_at)},
      {"revision", view.revision},
      {"title", view.content.title},
      {"summary", view.content.summary},
      {"tags", Strings(view.content.tags)},
  };
  if (view.rendered) {
    out["body"] = view.content.body;
    out["body_html"] = view.rendered->html;
    out["headings"] = HeadingsJson(view.rendered->headings);
    json::array translations;
    for (const kb::Translation& t : view.translations) {
      translations.emplace_back(
          json::object{{"id", t.id.str()}, {"language", t.language}, {"title", t.title}});
    }
    out["translations"] = std::move(translations);
    const kb::ArticlePermissions& can = view.can;
    out["can"] = json::object{{"edit", can.edit},           {"submit", can.submit},
                              {"approve", can.approve},     {"archive", can.archive},
                              {"unarchive", can.unarchive}, {"delete", can.remove},
                              {"verify", can.verify},       {"manage", can.manage}};
    out["stats"] = view.stats ? json::value(StatsJson(*view.stats)) : json::value(nullptr);
  }
  return out;
}

json::object StatsJson(const kb::ArticleStatsView& stats) {
  return json::object{
      {"staff_views", stats.counts.staff_views},
      {"public_views", stats.counts.public_views},
      {"helpful", stats.counts.helpful},
      {"unhelpful", stats.counts.unhelpful},
      {"helpful_ratio",
       stats.helpful_ratio ? json::value(*stats.helpful_ratio) : json::value(nullptr)},
      {"open_feedback", stats.counts.open_feedback},
  };
}

json::object RevisionJson(const kb::RevisionView& view) {
  const store::Revision& r = view.revision;
  json::object out{{"number", r.number},
                   {"title", r.content.title},
                   {"summary", r.content.summary},
                   {"tags", Strings(r.content.tags)},
                   {"author", RefJson(view.author)},
                   {"note", r.note},
                   {"created_at", TimeJson(r.created_at)},
                   {"published", view.published}};
  if (view.rendered) {
    out["body"] = r.content.body;
    out["body_html"] = view.rendered->html;
  }
  return out;
}

json::object DiffJson(const kb::RevisionDiff& diff) {
  json::array fields;
  for (const kb::FieldChange& f : diff.fields) {
    fields.emplace_back(json::object{{"field", f.field}, {"from", f.from}, {"to", f.to}});
  }
  json::array lines;
  for (const kb::DiffLine& line : diff.lines) {
    std::string_view op = "equal";
    if (line.op == kb::DiffOp::kInsert) op = "insert";
    if (line.op == kb::DiffOp::kDelete) op = "delete";
    lines.emplace_back(json::object{{"op", op}, {"text", line.text}});
  }
  return json::object{{"from", diff.from},
                      {"to", diff.to},
                      {"fields", std::move(fields)},
                      {"lines", std::move(lines)}};
}

json::object FeedbackJson(const kb::FeedbackView& view) {
  const store::Feedback& f = view.feedback;
  const std::string_view reason = kb::ReasonName(f.reason);
  return json::object{
      {"id", f.id.str()},
      {"article", json::object{{"id", f.article_id.str()}, {"title", view.article_title}}},
      {"helpful", f.helpful},
      {"reason", reason.empty() ? json::value(nullptr) : json::value(reason)},
      {"comment", f.comment},
      {"from_public", f.from_public},
      {"user", RefJson(view.user)},
      {"revision", f.revision},
      {"resolved", f.resolved},
      {"resolved_by", RefJson(view.resolved_by)},
      {"created_at", TimeJson(f.created_at)},
      {"resolved_at", EpochOrTime(f.resolved_at)},
  };
}

json::object CategoryJson(const store::Category& c, int article_count) {
  return json::object{
      {"id", c.id.str()},
      {"parent_id", c.parent_id ? json::value(c.parent_id->str()) : json::value(nullptr)},
      {"name", c.name},
      {"slug", c.slug},
      {"description", c.description},
      {"position", c.position},
      {"article_count", article_count},
  };
}

json::object AttachmentJson(const store::Attachment& a) {
  const std::string url = "/api/v1/attachments/" + a.id.str();
  const bool image = a.content_type.starts_with("image/");
  std::string label = a.filename;
  for (char& c : label) {
    if (c == '[' || c == ']' || c == '\\') c = ' ';
  }
  return json::object{
      {"id", a.id.str()},
      {"article_id", a.article_id ? json::value(a.article_id->str()) : json::value(nullptr)},
      {"filename", a.filename},
      {"content_type", a.content_type},
      {"size", a.size},
      {"created_at", TimeJson(a.created_at)},
      {"url", url},
      {"markdown", (image ? "![" : "[") + label + "](attachment:" + a.id.str() + ")"},
  };
}

json::object SettingsJson(const store::KbSettings& settings) {
  return json::object{{"allow_self_approval", settings.allow_self_approval},
                      {"default_verify_interval_days", settings.default_verify_interval_days}};
}

json::object RenderedJson(const kb::RenderedMarkdown& rendered) {
  return json::object{{"html", rendered.html}, {"headings", HeadingsJson(rendered.headings)}};
}

json::object HelpArticleJson(const store::Article& a, const std::string& url) {
  const store::ArticleContent content = a.published.value_or(store::ArticleContent{});
  return json::object{{"id", a.id.str()},
                      {"language", a.language},
                      {"slug", a.slug},
                      {"url", url},
                      {"title", content.title},
                      {"summary", content.summary},
                      {"tags", Strings(content.tags)},
                      {"published_at", EpochOrTime(a.published_at)},
                      {"updated_at", EpochOrTime(a.published_at)}};
}

core::Result<kb::NewArticle> DecodeNewArticle(const http::Request& request) {
  RAPPORT_ASSIGN_OR_RETURN(
      const json::object body,
      ParseObjectBody(request,
                      {"title", "summary", "body", "tags", "category_id", "language", "visibility",
                       "roles", "slug", "verifier_id", "verify_interval_days", "translation_of"}));
  kb::NewArticle article;
  RAPPORT_ASSIGN_OR_RETURN(const std::string_view title, http::GetString(body, "title"));
  article.title = std::string(title);
  RAPPORT_ASSIGN_OR_RETURN(const std::string_view text, http::GetString(body, "body"));
  article.body = std::string(text);
  std::optional<std::string> summary, language, slug;
  RAPPORT_RETURN_IF_ERROR(ReadText(body, "summary", summary));
  RAPPORT_RETURN_IF_ERROR(ReadText(body, "language", language));
  RAPPORT_RETURN_IF_ERROR(ReadText(body, "slug", slug));
  article.summary = summary.value_or("");
  article.language = language.value_or("");
  article.slug = slug.value_or("");
  std::optional<std::vector<std::string>> tags, roles;
  RAPPORT_RETURN_IF_ERROR(ReadStrings(body, "tags", tags));
  RAPPORT_RETURN_IF_ERROR(ReadStrings(body, "roles", roles));
  article.tags = tags.value_or(std::vector<std::string>{});
  article.roles = roles.value_or(std::vector<std::string>{});
  std::optional<std::optional<store::CategoryId>> category;
  RAPPORT_RETURN_IF_ERROR(ReadId(body, "category_id", category));
  if (category) article.category_id = *category;
  std::optional<std::optional<store::UserId>> verifier;
  RAPPORT_RETURN_IF_ERROR(ReadId(body, "verifier_id", verifier));
  if (verifier) article.verifier_id = *verifier;
  std::optional<std::optional<store::ArticleId>> original;
  RAPPORT_RETURN_IF_ERROR(ReadId(body, "translation_of", original));
  if (original) article.translation_of = *original;
  RAPPORT_RETURN_IF_ERROR(ReadVisibility(body, article.visibility));
  RAPPORT_RETURN_IF_ERROR(ReadInt(body, "verify_interval_days", article.verify_interval_days));
  return article;
}

core::Result<kb::ArticlePatch> DecodeArticlePatch(const http::Request& request) {
  RAPPORT_ASSIGN_OR_RETURN(
      const json::object body,
      ParseObjectBody(request, {"title", "summary", "body", "tags", "note", "base_revision",
                                "category_id", "visibility", "roles", "slug", "owner_id",
                                "verifier_id", "verify_interval_days"}));
  kb::ArticlePatch patch;
  for (const auto& [key, target] :
       {std::pair{"title", &patch.title}, std::pair{"summary", &patch.summary},
        std::pair{"body", &patch.body}, std::pair{"slug", &patch.slug}}) {
    if (!body.contains(key)) continue;
    RAPPORT_ASSIGN_OR_RETURN(const std::string_view text, http::GetString(body, key));
    *target = std::string(text);
  }
  if (body.contains("note")) {
    RAPPORT_ASSIGN_OR_RETURN(const std::string_view note, http::GetString(body, "note"));
    if (note.size() > 500) return core::InvalidArgument("note is too long", "note");
    patch.note = std::string(note);
  }
  RAPPORT_RETURN_IF_ERROR(ReadStrings(body, "tags", patch.tags));
  RAPPORT_RETURN_IF_ERROR(ReadStrings(body, "roles", patch.roles));
  RAPPORT_RETURN_IF_ERROR(ReadInt(body, "base_revision", patch.base_revision));
  RAPPORT_RETURN_IF_ERROR(ReadInt(body, "verify_interval_days", patch.verify_interval_days));
  RAPPORT_RETURN_IF_ERROR(ReadId(body, "category_id", patch.category_id));
  RAPPORT_RETURN_IF_ERROR(ReadId(body, "verifier_id", patch.verifier_id));
  if (body.contains("owner_id")) {
    RAPPORT_ASSIGN_OR_RETURN(const std::string_view owner, http::GetString(body, "owner_id"));
    RAPPORT_ASSIGN_OR_RETURN(patch.owner_id, store::UserId::Parse(owner, "owner_id"));
  }
  RAPPORT_RETURN_IF_ERROR(ReadVisibility(body, patch.visibility));
  return patch;
}

core::Result<kb::FeedbackInput> DecodeFeedback(const http::Request& request) {
  RAPPORT_ASSIGN_OR_RETURN(const json::object body,
                           ParseObjectBody(request, {"helpful", "reason", "comment"}));
  kb::FeedbackInput input;
  RAPPORT_ASSIGN_OR_RETURN(input.helpful, http::GetBool(body, "helpful"));
  RAPPORT_ASSIGN_OR_RETURN(const auto reason, http::GetOptionalString(body, "reason"));
  if (reason) {
    RAPPORT_ASSIGN_OR_RETURN(input.reason, kb::ParseReason(*reason, "reason"));
  }
  RAPPORT_ASSIGN_OR_RETURN(const auto comment, http::GetOptionalString(body, "comment"));
  if (comment) input.comment = std::string(*comment);
  return input;
}

core::Result<kb::CategoryInput> DecodeCategory(const http::Request& request) {
  RAPPORT_ASSIGN_OR_RETURN(
      const json::object body,
      ParseObjectBody(request, {"name", "slug", "description", "parent_id", "position"}));
  kb::CategoryInput input;
  for (const auto& [key, target] : {std::pair{"name", &input.name}, std::pair{"slug", &input.slug},
                                    std::pair{"description", &input.description}}) {
    if (!body.contains(key)) continue;
    RAPPORT_ASSIGN_OR_RETURN(const std::string_view text, http::GetString(body, key));
    *target = std::string(text);
  }
  RAPPORT_RETURN_IF_ERROR(ReadId(body, "parent_id", input.parent_id));
  RAPPORT_RETURN_IF_ERROR(ReadInt(body, "position", input.position));
  return input;
}

}  // namespace rapport::api::internal

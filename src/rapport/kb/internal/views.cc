#include "rapport/kb/internal/views.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <utility>

#include "rapport/core/url.h"
#include "rapport/kb/rules.h"

namespace rapport::kb::internal {
namespace {

using core::EncodePathSegment;

// "article:<id>#fragment" → ("<id>", "#fragment").
std::pair<std::string_view, std::string_view> SplitFragment(std::string_view target) {
  const auto hash = target.find('#');
  if (hash == std::string_view::npos) return {target, {}};
  return {target.substr(0, hash), target.substr(hash)};
}

}  // namespace

std::string DayOf(core::TimePoint t) {
  const auto day = std::chrono::floor<std::chrono::days>(t);
  const std::chrono::year_month_day ymd{std::chrono::sys_days(day)};
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
}

core::Result<std::string> CheckComment(std::string_view comment) {
  if (comment.size() > kMaxCommentBytes) {
    return core::Unprocessable(
        "comment is longer than " + std::to_string(kMaxCommentBytes) + " bytes", "comment");
  }
  if (std::any_of(comment.begin(), comment.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return (u < 0x20 && c != '\n' && c != '\r' && c != '\t') || u == 0x7f;
      })) {
    return core::Unprocessable("comment must not contain control characters", "comment");
  }
  return std::string(comment);
}

core::Result<store::Article> LoadReadable(store::ReadTx& tx, const auth::Principal& principal,
                                          const store::ArticleId& id) {
  RAPPORT_RETURN_IF_ERROR(auth::Authorize(principal, auth::Action::kKbRead));
  auto article = tx.articles().Get(principal.org_id, id);
  if (!article) return std::unexpected(article.error());
  if (!CanRead(principal, *article)) return core::NotFound("no such article");
  return article;
}

core::Result<std::optional<store::UserId>> HeadAuthor(store::ReadTx& tx,
                                                      const store::OrganisationId& org,
                                                      const store::Article& article) {
  RAPPORT_ASSIGN_OR_RETURN(const store::Revision head,
                           tx.articles().GetRevision(org, article.id, article.head_revision));
  return head.author_id;
}

core::Result<Changeable> LoadChangeable(store::ReadTx& tx, const auth::Principal& principal,
                                        const store::ArticleId& id) {
  Changeable out;
  RAPPORT_ASSIGN_OR_RETURN(out.article, LoadReadable(tx, principal, id));
  RAPPORT_ASSIGN_OR_RETURN(out.settings, tx.kb_settings().Get(principal.org_id));
  RAPPORT_ASSIGN_OR_RETURN(out.head_author, HeadAuthor(tx, principal.org_id, out.article));
  out.can = PermissionsFor(principal, out.article, out.settings, out.head_author);
  return out;
}

std::optional<UserRef> UserRefOf(store::ReadTx& tx, const store::OrganisationId& org,
                                 const std::optional<store::UserId>& id) {
  if (!id) return std::nullopt;
  auto user = tx.users().Get(org, *id);
  if (!user) return UserRef{*id, "(removed account)"};
  return UserRef{*id, user->name.empty() ? user->email : user->name};
}

std::string HelpUrl(store::ReadTx& tx, const store::OrganisationId& org,
                    const store::Article& article) {
  std::string category = "articles";
  if (article.category_id) {
    if (auto c = tx.categories().Get(org, *article.category_id)) {
      if (c->parent_id) {
        if (auto parent = tx.categories().Get(org, *c->parent_id)) category = parent->slug;
      } else {
        category = c->slug;
      }
    }
  }
  std::string url = "/help/" + EncodePathSegment(category) + "/" + EncodePathSegment(article.slug);
  return url;
}

core::Result<RenderedMarkdown> Render(store::ReadTx& tx, const store::OrganisationId& org,
                                      std::string_view markdown, Audience audience) {
  LinkTargets targets;
  targets.article = [&](std::string_view target) -> std::optional<std::string> {
    const auto [id, fragment] = SplitFragment(target);
    auto article = tx.articles().Get(org, store::ArticleId::FromTrusted(std::string(id)));
    if (!article) return std::nullopt;
    if (audience == Audience::kStaff) {
      return "/knowledge/articles/" + EncodePathSegment(id) + std::string(fragment);
    }
    if (!IsPublicLive(*article)) return std::nullopt;
    return HelpUrl(tx, org, *article) + std::string(fragment);
  };
  targets.attachment = [&](std::string_view id) -> std::optional<std::string> {
    auto attachment = tx.attachments().Get(org, store::AttachmentId::FromTrusted(std::string(id)));
    if (!attachment) return std::nullopt;
    if (audience == Audience::kStaff) return "/api/v1/attachments/" + EncodePathSegment(id);
    if (!attachment->article_id) return std::nullopt;
    auto article = tx.articles().Get(org, *attachment->article_id);
    if (!article || !IsPublicLive(*article)) return std::nullopt;
    return "/help/files/" + EncodePathSegment(id) + "/" + EncodePathSegment(attachment->filename);
  };
  return RenderMarkdown(markdown, targets);
}

core::Result<ArticleView> MakeView(store::ReadTx& tx, const auth::Principal& principal,
                                   const store::Article& article, View view, bool single,
                                   core::TimePoint now) {
  ArticleView out;
  out.article = article;
  const bool drafts = CanSeeDrafts(principal, article);
  const bool show_head = !article.published || (view == View::kHead && drafts);
  if (!article.published && !drafts && !IsOwner(principal, article) &&
      !auth::Authorize(principal, auth::Action::kKbPublish)) {
    return core::NotFound("no such article");
  }
  out.revision = show_head ? article.head_revision : article.published_revision;
  out.content = show_head ? article.head : *article.published;
  out.owner = UserRefOf(tx, principal.org_id, article.owner_id);
  out.verifier = UserRefOf(tx, principal.org_id, article.verifier_id);
  out.stale = IsStale(article, now);
  out.verification_due_at = VerificationDueAt(article);
  out.has_unpublished_changes =
      article.published_revision > 0 && article.head_revision != article.published_revision;
  if (!drafts) {
    // Readers who may not see drafts do not learn about them either.
    out.has_unpublished_changes = false;
    out.article.head = {};
  }
  if (!single) {
    out.article.head.body.clear();
    if (out.article.published) out.article.published->body.clear();
    out.content.body.clear();
    return out;
  }
  RAPPORT_ASSIGN_OR_RETURN(out.rendered,
                           Render(tx, principal.org_id, out.content.body, Audience::kStaff));
  store::ArticleFilter group;
  group.translation_group = article.translation_group;
  RAPPORT_ASSIGN_OR_RETURN(const auto translations,
                           tx.articles().List(principal.org_id, group, {.limit = 100}));
  for (const store::Article& t : translations.items) {
    if (t.id == article.id || !CanRead(principal, t)) continue;
    const std::string& title = t.published && !drafts ? t.published->title : t.head.title;
    out.translations.push_back({t.id, t.language, title});
  }
  RAPPORT_ASSIGN_OR_RETURN(const store::KbSettings settings,
                           tx.kb_settings().Get(principal.org_id));
  RAPPORT_ASSIGN_OR_RETURN(const auto author, HeadAuthor(tx, principal.org_id, article));
  out.can = PermissionsFor(principal, article, settings, author);
  if (drafts) {
    RAPPORT_ASSIGN_OR_RETURN(const store::ArticleStats counts,
                             tx.feedback().Stats(principal.org_id, article.id));
    ArticleStatsView stats{.counts = counts, .helpful_ratio = std::nullopt};
    if (const int votes = counts.helpful + counts.unhelpful; votes > 0) {
      stats.helpful_ratio = static_cast<double>(counts.helpful) / votes;
    }
    out.stats = stats;
  }
  return out;
}

store::AuditEntry AuditFor(const auth::Principal& principal, core::TimePoint now,
                           std::string action, std::string target, std::string detail) {
  return auth::AuditEntryFor(principal, now, std::move(action), std::move(target),
                             std::move(detail));
}

}  // namespace rapport::kb::internal

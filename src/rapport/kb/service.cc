#include "rapport/kb/service.h"

#include <algorithm>
#include <cstdint>
#include <tuple>
#include <utility>

#include "rapport/core/audit_detail.h"
#include "rapport/kb/internal/view_tally.h"
#include "rapport/kb/internal/views.h"
#include "rapport/kb/slug.h"

namespace rapport::kb {
namespace {

using internal::AuditFor;
using internal::LoadReadable;
using internal::MakeView;
using store::ArticleStatus;

constexpr int kMaxSlugSuffix = 100;

std::string TransitionAction(ArticleStatus from, ArticleStatus to) {
  switch (to) {
    case ArticleStatus::kInReview:
      return "kb.article.submitted";
    case ArticleStatus::kPublished:
      return "kb.article.published";
    case ArticleStatus::kArchived:
      return "kb.article.archived";
    case ArticleStatus::kDraft:
      return from == ArticleStatus::kArchived ? "kb.article.restored" : "kb.article.withdrawn";
  }
  return "kb.article.changed";
}

// A slug free in the language: the title's, with "-2", "-3", ... appended when taken.
core::Result<std::string> FreeSlug(store::ReadTx& tx, const store::OrganisationId& org,
                                   std::string_view language, std::string_view title) {
  std::string base = Slugify(title);
  if (base.empty()) base = "article";
  for (int n = 1; n <= kMaxSlugSuffix; ++n) {
    std::string candidate = n == 1 ? base : base + "-" + std::to_string(n);
    auto existing = tx.articles().GetBySlug(org, language, candidate);
    if (!existing && existing.error().code() == core::ErrorCode::kNotFound) return candidate;
    if (!existing) return std::unexpected(existing.error());
  }
  return core::MakeError(core::ErrorCode::kConflict,
                         "too many articles share this title; choose a slug", "slug");
}

core::Status CheckSlug(std::string_view slug) {
  if (!IsValidSlug(slug)) {
    return core::Unprocessable(
        "slug must be lower-case letters, digits and single hyphens (like \"reset-a-password\")",
        "slug");
  }
  return core::Ok();
}

core::Status CheckUser(store::ReadTx& tx, const store::OrganisationId& org, const store::UserId& id,
                       std::string_view field) {
  auto user = tx.users().Get(org, id);
  if (!user) {
    if (user.error().code() == core::ErrorCode::kNotFound) {
      return core::MakeError(core::ErrorCode::kNotFound, "no such user", std::string(field));
    }
    return std::unexpected(user.error());
  }
  return core::Ok();
}

bool ChangesContent(const ArticlePatch& patch) {
  return patch.title || patch.summary || patch.body || patch.tags;
}

bool ChangesMetadata(const ArticlePatch& patch) {
  return patch.category_id || patch.visibility || patch.roles || patch.slug || patch.owner_id ||
         patch.verifier_id || patch.verify_interval_days;
}

core::Result<store::ArticleContent> CheckContent(store::ArticleContent content) {
  RAPPORT_ASSIGN_OR_RETURN(content.title, CheckTitle(content.title));
  RAPPORT_ASSIGN_OR_RETURN(content.summary, CheckSummary(content.summary));
  RAPPORT_RETURN_IF_ERROR(CheckBody(content.body));
  RAPPORT_ASSIGN_OR_RETURN(content.tags, NormaliseTags(content.tags));
  // Rendering checks what the size check cannot: nesting depth.
  RAPPORT_RETURN_IF_ERROR(RenderMarkdown(content.body));
  return content;
}

// Attachments the principal uploaded while writing, before the article existed (or before
// linking them), join the article whose body links them: then they are read with the article
// (by colleagues, and in the help center when it is public). Someone else's loose upload stays
// loose.
core::Status AdoptUploads(store::WriteTx& tx, const auth::Principal& principal,
                          const store::ArticleId& article, std::string_view body) {
  RAPPORT_ASSIGN_OR_RETURN(const MarkdownReferences references, FindReferences(body));
  for (const std::string& raw : references.attachment_links) {
    auto id = store::AttachmentId::Parse(raw);
    if (!id) continue;
    auto attachment = tx.attachments().Get(principal.org_id, *id);
    if (!attachment) {
      if (attachment.error().code() == core::ErrorCode::kNotFound) continue;
      return std::unexpected(attachment.error());
    }
    if (attachment->article_id || attachment->uploaded_by != principal.user_id) continue;
    RAPPORT_RETURN_IF_ERROR(tx.attachments().AttachTo(principal.org_id, *id, article));
  }
  return core::Ok();
}

}  // namespace

KnowledgeBase::KnowledgeBase(store::Store& store, BlobStore& blobs, const core::Clock& clock,
                             core::IdGenerator& ids)
    : store_(store),
      blobs_(blobs),
      clock_(clock),
      ids_(ids),
      views_(std::make_unique<internal::ViewTally>()),
      last_flush_(clock.Now()) {}

KnowledgeBase::~KnowledgeBase() {
  // Nobody is left to report a failure to; the views are lost, as on a crash.
  (void)FlushViews();
}

std::string KnowledgeBase::NewId() {
  core::MutexLock lock(ids_mu_);
  return ids_.NewRaw();
}

core::Result<ArticlesPage> KnowledgeBase::ListArticles(const auth::Principal& principal,
                                                       const ArticleQuery& query,
                                                       const store::PageRequest& page) {
  RAPPORT_RETURN_IF_ERROR(auth::Authorize(principal, auth::Action::kKbRead));
  RAPPORT_RETURN_IF_ERROR(store::ValidatePageLimit(page.limit));
  const core::TimePoint now = clock_.Now();
  store::ArticleFilter filter;
  filter.statuses = query.statuses;
  filter.category_id = query.category_id;
  filter.owner_id = query.owner_id;
  filter.visibility = query.visibility;
  filter.query = query.query;
  if (!query.language.empty()) {
    RAPPORT_ASSIGN_OR_RETURN(filter.language, NormaliseLanguage(query.language));
  }
  if (query.stale_only) filter.due_before = now;
  const bool publisher = auth::Authorize(principal, auth::Action::kKbPublish).has_value();
  const bool own = query.owner_id && *query.owner_id == principal.user_id;
  if (!publisher && !own) filter.published_only = true;
  ArticlesPage out;
  const core::Status listed = store_.Read([&](store::ReadTx& tx) -> core::Status {
    RAPPORT_ASSIGN_OR_RETURN(auto found, tx.articles().List(principal.org_id, filter, page));
    for (const store::Article& article : found.items) {
      if (!CanRead(principal, article)) continue;
      if (query.stale_only && !IsStale(article, now)) continue;
      auto view = MakeView(tx, principal, article, query.view, false, now);
      if (!view) continue;
      out.articles.push_back(std::move(*view));
    }
    out.next_cursor = std::move(found.next_cursor);
    return core::Ok();
  });
  RAPPORT_RETURN_IF_ERROR(listed);
  return out;
}

core::Result<ArticleView> KnowledgeBase::GetArticle(const auth::Principal& principal,
                                                    const store::ArticleId& id, View view) {
  const core::TimePoint now = clock_.Now();
  RAPPORT_ASSIGN_OR_RETURN(
      ArticleView out,
      store::ReadValue<ArticleView>(store_, [&](store::ReadTx& tx) -> core::Result<ArticleView> {
        RAPPORT_ASSIGN_OR_RETURN(const store::Article article, LoadReadable(tx, principal, id));
        return MakeView(tx, principal, article, view, true, now);
      }));
  // The views still counted in memory belong in the figures, and so does this one.
  const store::ArticleStats pending = views_->PendingFor(principal.org_id, id);
  if (out.stats) {
    out.stats->counts.staff_views += pending.staff_views;
    out.stats->counts.public_views += pending.public_views;
  }
  // Views count readers of the live text; editors loading the head to edit are not readers.
  if (view != View::kHead && out.revision == out.article.published_revision) {
    CountView(principal.org_id, id, /*is_public=*/false);
    if (out.stats) ++out.stats->counts.staff_views;
  }
  return out;
}

core::Result<ArticleView> KnowledgeBase::CreateArticle(const auth::Principal& principal,
                                                       const NewArticle& request) {
  RAPPORT_RETURN_IF_ERROR(auth::Authorize(principal, auth::Action::kKbWrite));
  RAPPORT_ASSIGN_OR_RETURN(const store::ArticleContent content,
                           CheckContent({.title = request.title,
                                         .summary = request.summary,
                                         .body = request.body,
                                         .tags = request.tags}));
  std::string language = "en";
  if (!request.language.empty()) {
    RAPPORT_ASSIGN_OR_RETURN(language, NormaliseLanguage(request.language));
  }
  RAPPORT_ASSIGN_OR_RETURN(const std::vector<std::string> roles, NormaliseRoles(request.roles));
  const store::Visibility visibility = request.visibility.value_or(store::Visibility::kInternal);
  if (visibility == store::Visibility::kRestricted && roles.empty()) {
    return core::Unprocessable("a restricted article needs at least one role", "roles");
  }
  if (request.verify_interval_days) {
    RAPPORT_RETURN_IF_ERROR(CheckInterval(*request.verify_interval_days));
  }
  if (!request.slug.empty()) {
    RAPPORT_RETURN_IF_ERROR(CheckSlug(request.slug));
  }
  const core::TimePoint now = clock_.Now();
  const store::ArticleId id = store::ArticleId::FromTrusted(NewId());
  return store::WriteValue<ArticleView>(
      store_, [&](store::WriteTx& tx) -> core::Result<ArticleView> {
        RAPPORT_ASSIGN_OR_RETURN(const store::KbSettings settings,
                                 tx.kb_settings().Get(principal.org_id));
        store::Article article;
        article.id = id;
        article.translation_group = id.str();
        if (request.translation_of) {
          auto original = LoadReadable(tx, principal, *request.translation_of);
          if (!original) {
            return core::MakeError(core::ErrorCode::kNotFound, "no such article", "translation_of");
          }
          article.translation_group = original->translation_group;
        }
        article.language = language;
        if (request.slug.empty()) {
          RAPPORT_ASSIGN_OR_RETURN(article.slug,
                                   FreeSlug(tx, principal.org_id, language, content.title));
        } else {
          article.slug = request.slug;
        }
        article.category_id = request.category_id;
        article.visibility = visibility;
        article.roles =
            visibility == store::Visibility::kRestricted ? roles : std::vector<std::string>{};
        article.status = ArticleStatus::kDraft;
        article.owner_id = principal.user_id;
        if (request.verifier_id) {
          RAPPORT_RETURN_IF_ERROR(
              CheckUser(tx, principal.org_id, *request.verifier_id, "verifier_id"));
          article.verifier_id = request.verifier_id;
        }
        article.verify_interval_days =
            request.verify_interval_days.value_or(settings.default_verify_interval_days);
        const store::Revision first{.article_id = id,
                                    .number = 1,
                                    .content = content,
                                    .author_id = principal.user_id,
                                    .note = "Created",
                                    .created_at = now};
        RAPPORT_ASSIGN_OR_RETURN(const store::Article stored,
                                 tx.articles().Create(principal.org_id, article, first));
        RAPPORT_RETURN_IF_ERROR(AdoptUploads(tx, principal, id, content.body));
        RAPPORT_RETURN_IF_ERROR(tx.audit().Append(AuditFor(
            principal, now, "kb.article.created", id.str(),
            core::AuditDetail().Add("title", content.title).Add("language", language).str())));
        return MakeView(tx, principal, stored, View::kHead, true, now);
      });
}

core::Result<ArticleView> KnowledgeBase::UpdateArticle(const auth::Principal& principal,
                                                       const store::ArticleId& id,
                                                       const ArticlePatch& patch) {
  RAPPORT_RETURN_IF_ERROR(auth::Authorize(principal, auth::Action::kKbWrite));
  const core::TimePoint now = clock_.Now();
  return store::WriteValue<ArticleView>(
      store_, [&](store::WriteTx& tx) -> core::Result<ArticleView> {
        RAPPORT_ASSIGN_OR_RETURN(internal::Changeable loaded,
                                 internal::LoadChangeable(tx, principal, id));
        store::Article& article = loaded.article;
        const ArticlePermissions& can = loaded.can;
        core::AuditDetail detail;
        std::vector<std::string> changed;
        if (ChangesContent(patch)) {
          if (!can.edit) return core::PermissionDenied("you cannot edit this article");
          if (patch.base_revision && *patch.base_revision != article.head_revision) {
            return core::MakeError(core::ErrorCode::kConflict,
                                   "the article changed since revision " +
                                       std::to_string(*patch.base_revision) + " (now revision " +
                                       std::to_string(article.head_revision) + ")",
                                   "base_revision");
          }
          store::ArticleContent content = article.head;
          if (patch.title) content.title = *patch.title;
          if (patch.summary) content.summary = *patch.summary;
          if (patch.body) content.body = *patch.body;
          if (patch.tags) content.tags = *patch.tags;
          RAPPORT_ASSIGN_OR_RETURN(content, CheckContent(std::move(content)));
          if (content != article.head) {
            RAPPORT_ASSIGN_OR_RETURN(
                const store::Revision added,
                tx.articles().AddRevision(principal.org_id, id,
                                          {.article_id = id,
                                           .number = 0,
                                           .content = content,
                                           .author_id = principal.user_id,
                                           .note = patch.note.empty() ? "Edited" : patch.note,
                                           .created_at = now}));
            RAPPORT_RETURN_IF_ERROR(AdoptUploads(tx, principal, id, content.body));
            article.head_revision = added.number;
            article.head = content;
            if (article.status == ArticleStatus::kPublished ||
                article.status == ArticleStatus::kInReview) {
              article.status = ArticleStatus::kDraft;
            }
            changed.emplace_back("content");
            detail.Add("revision", std::int64_t{added.number});
          }
        }
        if (ChangesMetadata(patch)) {
          if (!can.manage) {
            return core::PermissionDenied(
                "only a knowledge editor can change where and to whom this article is shown");
          }
          if (patch.category_id) {
            article.category_id = *patch.category_id;
            changed.emplace_back("category_id");
          }
          if (patch.roles) {
            RAPPORT_ASSIGN_OR_RETURN(article.roles, NormaliseRoles(*patch.roles));
            changed.emplace_back("roles");
          }
          if (patch.visibility) {
            article.visibility = *patch.visibility;
            changed.emplace_back("visibility");
          }
          if (article.visibility != store::Visibility::kRestricted) article.roles.clear();
          if (article.visibility == store::Visibility::kRestricted && article.roles.empty()) {
            return core::Unprocessable("a restricted article needs at least one role", "roles");
          }
          if (patch.slug) {
            RAPPORT_RETURN_IF_ERROR(CheckSlug(*patch.slug));
            article.slug = *patch.slug;
            changed.emplace_back("slug");
          }
          if (patch.owner_id) {
            RAPPORT_RETURN_IF_ERROR(CheckUser(tx, principal.org_id, *patch.owner_id, "owner_id"));
            article.owner_id = *patch.owner_id;
            changed.emplace_back("owner_id");
          }
          if (patch.verifier_id) {
            if (*patch.verifier_id) {
              RAPPORT_RETURN_IF_ERROR(
                  CheckUser(tx, principal.org_id, **patch.verifier_id, "verifier_id"));
            }
            article.verifier_id = *patch.verifier_id;
            changed.emplace_back("verifier_id");
          }
          if (patch.verify_interval_days) {
            RAPPORT_RETURN_IF_ERROR(CheckInterval(*patch.verify_interval_days));
            article.verify_interval_days = *patch.verify_interval_days;
            changed.emplace_back("verify_interval_days");
          }
        }
        if (changed.empty()) return MakeView(tx, principal, article, View::kHead, true, now);
        RAPPORT_ASSIGN_OR_RETURN(const store::Article stored,
                                 tx.articles().Update(principal.org_id, article));
        detail.Add("changed", changed);
        RAPPORT_RETURN_IF_ERROR(tx.audit().Append(
            AuditFor(principal, now, "kb.article.updated", id.str(), detail.str())));
        return MakeView(tx, principal, stored, View::kHead, true, now);
      });
}

core::Status KnowledgeBase::DeleteArticle(const auth::Principal& principal,
                                          const store::ArticleId& id) {
  RAPPORT_RETURN_IF_ERROR(auth::Authorize(principal, auth::Action::kKbWrite));
  const core::TimePoint now = clock_.Now();
  std::vector<std::string> contents;
  const core::Status deleted = store_.Write([&](store::WriteTx& tx) -> core::Status {
    RAPPORT_ASSIGN_OR_RETURN(internal::Changeable loaded,
                             internal::LoadChangeable(tx, principal, id));
    store::Article& article = loaded.article;
    if (!loaded.can.remove) {
      return core::PermissionDenied(
          "only a knowledge editor, or the owner of a never-published article, can delete it");
    }
    RAPPORT_ASSIGN_OR_RETURN(const auto attachments,
                             tx.attachments().ListForArticle(principal.org_id, id));
    for (const store::Attachment& a : attachments) contents.push_back(a.sha256);
    RAPPORT_RETURN_IF_ERROR(tx.articles().Delete(principal.org_id, id));
    RAPPORT_RETURN_IF_ERROR(tx.audit().Append(AuditFor(
        principal, now, "kb.article.deleted", id.str(),
        core::AuditDetail()
            .Add("title", article.published ? article.published->title : article.head.title)
            .str())));
    return core::Ok();
  });
  RAPPORT_RETURN_IF_ERROR(deleted);
  // Files go after the rows, and only when no row (of any organisation) still names them.
  for (const std::string& sha : contents) {
    auto used = store::ReadValue<bool>(
        store_, [&](store::ReadTx& tx) { return tx.attachments().ContentInUse(sha); });
    if (used && !*used) (void)blobs_.Remove(sha);
  }
  return core::Ok();
}

core::Result<ArticleView> KnowledgeBase::Transition(const auth::Principal& principal,
                                                    const store::ArticleId& id, ArticleStatus to,
                                                    std::string_view note) {
  RAPPORT_RETURN_IF_ERROR(auth::Authorize(principal, auth::Action::kKbWrite));
  const core::TimePoint now = clock_.Now();
  return store::WriteValue<ArticleView>(
      store_, [&](store::WriteTx& tx) -> core::Result<ArticleView> {
        RAPPORT_ASSIGN_OR_RETURN(internal::Changeable loaded,
                                 internal::LoadChangeable(tx, principal, id));
        store::Article& article = loaded.article;
        RAPPORT_RETURN_IF_ERROR(
            CheckTransition(principal, article, to, loaded.settings, loaded.head_author));
        const ArticleStatus from = article.status;
        article.status = to;
        if (to == ArticleStatus::kPublished) {
          article.published_revision = article.head_revision;
          article.published_at = now;
          article.verified_at = now;
        }
        if (from == ArticleStatus::kArchived) {
          // A restored article goes back through review before it is shown again.
          article.published_revision = 0;
          article.published_at = {};
        }
        RAPPORT_ASSIGN_OR_RETURN(const store::Article stored,
                                 tx.articles().Update(principal.org_id, article));
        core::AuditDetail detail;
        detail.Add("from", StatusName(from)).Add("to", StatusName(to));
        detail.Add("revision", std::int64_t{stored.head_revision});
        if (!note.empty()) detail.Add("note", note);
        RAPPORT_RETURN_IF_ERROR(tx.audit().Append(
            AuditFor(principal, now, TransitionAction(from, to), id.str(), detail.str())));
        return MakeView(tx, principal, stored, View::kHead, true, now);
      });
}

core::Result<ArticleView> KnowledgeBase::Verify(const auth::Principal& principal,
                                                const store::ArticleId& id) {
  RAPPORT_RETURN_IF_ERROR(auth::Authorize(principal, auth::Action::kKbWrite));
  const core::TimePoint now = clock_.Now();
  return store::WriteValue<ArticleView>(
      store_, [&](store::WriteTx& tx) -> core::Result<ArticleView> {
        RAPPORT_ASSIGN_OR_RETURN(internal::Changeable loaded,
                                 internal::LoadChangeable(tx, principal, id));
        store::Article& article = loaded.article;
        if (!loaded.can.verify) {
          if (article.published_revision == 0 || article.status == ArticleStatus::kArchived) {
            return core::Unprocessable("only a published article can be verified", "status");
          }
          return core::PermissionDenied(
              "only the verifier, the owner or a knowledge editor can verify this article");
        }
        article.verified_at = now;
        RAPPORT_ASSIGN_OR_RETURN(const store::Article stored,
                                 tx.articles().Update(principal.org_id, article));
        RAPPORT_RETURN_IF_ERROR(tx.audit().Append(AuditFor(
            principal, now, "kb.article.verified", id.str(),
            core::AuditDetail().Add("revision", std::int64_t{stored.published_revision}).str())));
        return MakeView(tx, principal, stored, View::kLive, true, now);
      });
}

core::Result<RenderedMarkdown> KnowledgeBase::Preview(const auth::Principal& principal,
                                                      std::string_view markdown) {
  RAPPORT_RETURN_IF_ERROR(auth::Authorize(principal, auth::Action::kKbWrite));
  RAPPORT_RETURN_IF_ERROR(CheckBody(markdown));
  return store::ReadValue<RenderedMarkdown>(store_, [&](store::ReadTx& tx) {
    return internal::Render(tx, principal.org_id, markdown, Audience::kStaff);
  });
}

core::Result<std::vector<UserRef>> KnowledgeBase::ListWriters(const auth::Principal& principal) {
  RAPPORT_RETURN_IF_ERROR(auth::Authorize(principal, auth::Action::kKbWrite));
  RAPPORT_ASSIGN_OR_RETURN(
      const auto users, store::ReadValue<std::vector<store::User>>(store_, [&](store::ReadTx& tx) {
        return tx.users().ListAll(principal.org_id);
      }));
  std::vector<UserRef> out;
  for (const store::User& user : users) {
    const auto role = auth::ParseRole(user.role);
    if (user.disabled || !role || !auth::RoleAllows(*role, auth::Action::kKbWrite)) continue;
    out.push_back({.id = user.id, .name = user.name.empty() ? user.email : user.name});
  }
  std::ranges::sort(out, [](const UserRef& a, const UserRef& b) {
    return std::tie(a.name, a.id) < std::tie(b.name, b.id);
  });
  return out;
}

}  // namespace rapport::kb

// KnowledgeBase: the help center's read-only view of public articles.

#include <algorithm>
#include <map>
#include <utility>

#include "rapport/kb/internal/views.h"
#include "rapport/kb/service.h"

namespace rapport::kb {
namespace {

store::ArticleFilter PublicFilter() {
  store::ArticleFilter filter;
  filter.published_only = true;
  filter.visibility = store::Visibility::kPublic;
  filter.statuses = {store::ArticleStatus::kDraft, store::ArticleStatus::kInReview,
                     store::ArticleStatus::kPublished};
  return filter;
}

// What the public may know of an article: the live revision only.
store::Article PublicCopy(store::Article article) {
  article.head = article.published.value_or(store::ArticleContent{});
  article.head_revision = article.published_revision;
  article.owner_id.reset();
  article.verifier_id.reset();
  article.roles.clear();
  return article;
}

bool LooksLikeId(std::string_view text) {
  return text.size() == 26 && std::all_of(text.begin(), text.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
         });
}

}  // namespace

core::Result<std::vector<KnowledgeBase::HelpCategory>> KnowledgeBase::HelpCategories(
    const store::OrganisationId& org) {
  return store::ReadValue<std::vector<HelpCategory>>(
      store_, [&](store::ReadTx& tx) -> core::Result<std::vector<HelpCategory>> {
        RAPPORT_ASSIGN_OR_RETURN(const auto categories, tx.categories().ListAll(org));
        std::map<std::string, int> counts;
        RAPPORT_RETURN_IF_ERROR(
            internal::ForEachArticle(tx, org, PublicFilter(), [&](const store::Article& a) {
              if (a.category_id) ++counts[a.category_id->str()];
            }));
        std::vector<HelpCategory> out;
        for (const store::Category& c : categories) {
          if (c.parent_id) continue;
          HelpCategory entry{c, {}, counts[c.id.str()]};
          for (const store::Category& s : categories) {
            if (!s.parent_id || *s.parent_id != c.id) continue;
            const int n = counts[s.id.str()];
            if (n == 0) continue;
            entry.sections.push_back(s);
            entry.article_count += n;
          }
          if (entry.article_count > 0) out.push_back(std::move(entry));
        }
        return out;
      });
}

core::Result<KnowledgeBase::HelpListing> KnowledgeBase::HelpArticles(
    const store::OrganisationId& org, std::string_view category_slug, std::string_view language,
    std::string_view query, const store::PageRequest& page) {
  RAPPORT_RETURN_IF_ERROR(store::ValidatePageLimit(page.limit));
  store::ArticleFilter filter = PublicFilter();
  filter.query = std::string(query);
  if (!language.empty()) {
    RAPPORT_ASSIGN_OR_RETURN(filter.language, NormaliseLanguage(language));
  }
  return store::ReadValue<HelpListing>(store_, [&](store::ReadTx& tx) -> core::Result<HelpListing> {
    if (!category_slug.empty()) {
      RAPPORT_ASSIGN_OR_RETURN(const auto categories, tx.categories().ListAll(org));
      const auto it = std::find_if(
          categories.begin(), categories.end(),
          [&](const store::Category& c) { return !c.parent_id && c.slug == category_slug; });
      if (it == categories.end()) return core::NotFound("no such category");
      filter.category_id = it->id;
    }
    RAPPORT_ASSIGN_OR_RETURN(auto found, tx.articles().List(org, filter, page));
    HelpListing out;
    for (store::Article& a : found.items) out.articles.push_back(PublicCopy(std::move(a)));
    out.next_cursor = std::move(found.next_cursor);
    return out;
  });
}

core::Result<KnowledgeBase::HelpArticle> KnowledgeBase::HelpArticleFor(
    const store::OrganisationId& org, std::string_view id_or_slug,
    const std::vector<std::string>& languages) {
  RAPPORT_ASSIGN_OR_RETURN(
      HelpArticle out,
      store::ReadValue<HelpArticle>(store_, [&](store::ReadTx& tx) -> core::Result<HelpArticle> {
        std::optional<store::Article> base;
        if (LooksLikeId(id_or_slug)) {
          if (auto a =
                  tx.articles().Get(org, store::ArticleId::FromTrusted(std::string(id_or_slug)))) {
            base = std::move(*a);
          }
        }
        if (!base) {
          std::vector<std::string> tries = languages;
          tries.emplace_back("en");
          for (const std::string& language : tries) {
            if (auto a = tx.articles().GetBySlug(org, language, id_or_slug)) {
              base = std::move(*a);
              break;
            }
          }
        }
        if (!base || !IsPublicLive(*base)) return core::NotFound("no such article");
        // The reader's language, when a public translation has it.
        store::ArticleFilter group = PublicFilter();
        group.translation_group = base->translation_group;
        RAPPORT_ASSIGN_OR_RETURN(const auto siblings,
                                 tx.articles().List(org, group, {.limit = 100, .cursor = {}}));
        HelpArticle result;
        result.language_matched = languages.empty();
        store::ArticleId chosen = base->id;
        for (const std::string& language : languages) {
          if (base->language == language) {
            result.language_matched = true;
            break;
          }
          const auto it =
              std::find_if(siblings.items.begin(), siblings.items.end(),
                           [&](const store::Article& a) { return a.language == language; });
          if (it != siblings.items.end()) {
            chosen = it->id;
            result.language_matched = true;
            break;
          }
        }
        RAPPORT_ASSIGN_OR_RETURN(store::Article article, tx.articles().Get(org, chosen));
        for (const store::Article& s : siblings.items) {
          if (s.id == article.id) continue;
          result.translations.push_back({s.id, s.language, s.published ? s.published->title : ""});
        }
        if (article.category_id) {
          if (auto c = tx.categories().Get(org, *article.category_id)) {
            if (c->parent_id) {
              result.section_name = c->name;
              if (auto parent = tx.categories().Get(org, *c->parent_id)) {
                result.category_slug = parent->slug;
                result.category_name = parent->name;
              }
            } else {
              result.category_slug = c->slug;
              result.category_name = c->name;
            }
          }
        }
        RAPPORT_ASSIGN_OR_RETURN(
            result.rendered, internal::Render(tx, org, article.published->body, Audience::kPublic));
        result.article = PublicCopy(std::move(article));
        return result;
      }));
  CountView(org, out.article.id, /*is_public=*/true);
  return out;
}

core::Status KnowledgeBase::HelpFeedback(const store::OrganisationId& org,
                                         const store::ArticleId& id, const FeedbackInput& input) {
  RAPPORT_ASSIGN_OR_RETURN(const std::string comment, internal::CheckComment(input.comment));
  const std::string feedback_id = NewId();
  return store_.Write([&](store::WriteTx& tx) -> core::Status {
    auto article = tx.articles().Get(org, id);
    if (!article || !IsPublicLive(*article)) return core::NotFound("no such article");
    store::Feedback feedback;
    feedback.id = store::FeedbackId::FromTrusted(feedback_id);
    feedback.article_id = id;
    feedback.helpful = input.helpful;
    feedback.reason = input.helpful ? store::FeedbackReason::kNone : input.reason;
    feedback.comment = comment;
    feedback.from_public = true;
    feedback.revision = article->published_revision;
    RAPPORT_RETURN_IF_ERROR(tx.feedback().Add(org, feedback));
    return core::Ok();
  });
}

core::Result<AttachmentContent> KnowledgeBase::HelpAttachment(const store::OrganisationId& org,
                                                              const store::AttachmentId& id) {
  RAPPORT_ASSIGN_OR_RETURN(store::Attachment attachment,
                           store::ReadValue<store::Attachment>(
                               store_, [&](store::ReadTx& tx) -> core::Result<store::Attachment> {
                                 RAPPORT_ASSIGN_OR_RETURN(store::Attachment a,
                                                          tx.attachments().Get(org, id));
                                 if (!a.article_id) return core::NotFound("no such file");
                                 auto article = tx.articles().Get(org, *a.article_id);
                                 if (!article || !IsPublicLive(*article))
                                   return core::NotFound("no such file");
                                 return a;
                               }));
  RAPPORT_ASSIGN_OR_RETURN(std::string bytes, blobs_.Get(attachment.sha256));
  RAPPORT_ASSIGN_OR_RETURN(const SniffedType type, CheckUpload(bytes, {.max_bytes = bytes.size()}));
  return AttachmentContent{std::move(attachment), std::move(bytes), type.inline_safe};
}

}  // namespace rapport::kb

#include "rapport/search/projection.h"

#include <chrono>

#include "rapport/kb/markdown.h"
#include "rapport/kb/rules.h"

namespace rapport::search {
namespace {

std::int64_t UnixSeconds(core::TimePoint t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

}  // namespace

CategoryParents ParentsOf(const std::vector<store::Category>& categories) {
  CategoryParents parents;
  for (const auto& c : categories) {
    parents[c.id.str()] = c.parent_id ? c.parent_id->str() : std::string();
  }
  return parents;
}

index::Document ToDocument(const store::OrganisationId& org, const store::Article& article,
                           const store::ArticleStats& stats, const CategoryParents& parents) {
  const bool live = article.published_revision != 0 && article.published.has_value();
  const store::ArticleContent& content = live ? *article.published : article.head;
  index::Document doc;
  doc.org = org.str();
  doc.id = article.id.str();
  doc.language = article.language;
  doc.slug = article.slug;
  doc.title = content.title;
  doc.summary = content.summary;
  if (auto text = kb::MarkdownToPlainText(content.body)) doc.body = std::move(*text);
  doc.tags = content.tags;
  if (article.category_id) {
    doc.category = article.category_id->str();
    if (auto it = parents.find(doc.category); it != parents.end()) {
      doc.parent_category = it->second;
    }
  }
  doc.visibility = std::string(kb::VisibilityName(article.visibility));
  doc.roles = article.roles;
  doc.status = std::string(kb::StatusName(article.status));
  doc.live = live;
  if (article.owner_id) doc.owner = article.owner_id->str();
  doc.updated_at = UnixSeconds(article.updated_at);
  if (auto due = kb::VerificationDueAt(article)) doc.verify_due_at = UnixSeconds(*due);
  doc.helpful = stats.helpful;
  doc.unhelpful = stats.unhelpful;
  return doc;
}

}  // namespace rapport::search

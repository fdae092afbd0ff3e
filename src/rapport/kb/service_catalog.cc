// KnowledgeBase: categories, settings and attachments.

#include <algorithm>
#include <map>
#include <utility>

#include "rapport/core/audit_detail.h"
#include "rapport/kb/internal/views.h"
#include "rapport/kb/service.h"
#include "rapport/kb/slug.h"

namespace rapport::kb {
namespace {

using internal::AuditFor;
using internal::ForEachArticle;

constexpr std::size_t kMaxCategoryNameBytes = 120;
constexpr std::size_t kMaxDescriptionBytes = 1000;
constexpr int kMaxPosition = 1'000'000;

core::Result<std::string> CheckText(std::string_view value, std::string_view field,
                                    std::size_t max_bytes, bool required) {
  std::string text(value);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.pop_back();
  text.erase(0, std::min(text.find_first_not_of(" \t"), text.size()));
  if (required && text.empty()) {
    return core::Unprocessable(std::string(field) + " must not be empty", std::string(field));
  }
  if (text.size() > max_bytes) {
    return core::Unprocessable(
        std::string(field) + " is longer than " + std::to_string(max_bytes) + " bytes",
        std::string(field));
  }
  if (std::any_of(text.begin(), text.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return (u < 0x20 && c != '\n') || u == 0x7f;
      })) {
    return core::Unprocessable(std::string(field) + " must not contain control characters",
                               std::string(field));
  }
  return text;
}

// The category an article is filed under at the top level (its section's parent).
std::optional<store::CategoryId> TopLevelOf(const std::vector<store::Category>& categories,
                                            const std::optional<store::CategoryId>& id) {
  if (!id) return std::nullopt;
  for (const store::Category& c : categories) {
    if (c.id == *id) return c.parent_id ? c.parent_id : id;
  }
  return std::nullopt;
}

}  // namespace

core::Result<std::vector<CategoryView>> KnowledgeBase::ListCategories(
    const auth::Principal& principal) {
  RAPPORT_RETURN_IF_ERROR(auth::Authorize(principal, auth::Action::kKbRead));
  return store::ReadValue<std::vector<CategoryView>>(
      store_, [&](store::ReadTx& tx) -> core::Result<std::vector<CategoryView>> {
        RAPPORT_ASSIGN_OR_RETURN(const auto categories, tx.categories().ListAll(principal.org_id));
        std::map<std::string, int> counts;
        RAPPORT_RETURN_IF_ERROR(
            ForEachArticle(tx, principal.org_id, {}, [&](const store::Article& article) {
              if (!article.category_id || !CanRead(principal, article)) return;
              ++counts[article.category_id->str()];
              if (const auto top = TopLevelOf(categories, article.category_id);
                  top && *top != *article.category_id) {
                ++counts[top->str()];
              }
            }));
        std::vector<CategoryView> out;
        for (const store::Category& c : categories) {
          out.push_back({c, counts[c.id.str()]});
        }
        return out;
      });
}

core::Result<store::Category> KnowledgeBase::CreateCategory(const auth::Principal& principal,
                                                            const CategoryInput& input) {
  RAPPORT_RETURN_IF_ERROR(auth::Authorize(principal, auth::Action::kKbManage));
  store::Category category;
  category.id = store::CategoryId::FromTrusted(NewId());
  RAPPORT_ASSIGN_OR_RETURN(category.name,
                           CheckText(input.name.value_or(""), "name", kMaxCategoryNameBytes, true));
  RAPPORT_ASSIGN_OR_RETURN(
      category.description,
      CheckText(input.description.value_or(""), "description", kMaxDescriptionBytes, false));
  category.slug = input.slug.value_or(Slugify(category.name));
  if (category.slug.empty()) category.slug = "category";
  if (!IsValidSlug(category.slug)) {
    return core::Unprocessable("slug must be lower-case letters, digits and single hyphens",
                               "slug");
  }
  category.position = input.position.value_or(0);
  if (category.position < 0 || category.position > kMaxPosition) {
    return core::Unprocessable("position must be between 0 and 1000000", "position");
  }
  if (input.parent_id) category.parent_id = *input.parent_id;
  const core::TimePoint now = clock_.Now();
  return store::WriteValue<store::Category>(
      store_, [&](store::WriteTx& tx) -> core::Result<store::Category> {
        if (category.parent_id) {
          auto parent = tx.categories().Get(principal.org_id, *category.parent_id);
          if (!parent) {
            return core::MakeError(core::ErrorCode::kNotFound, "no such category", "parent_id");
          }
          if (parent->parent_id) {
            return core::Unprocessable("sections live in categories, not in other sections",
                                       "parent_id");
          }
        }
        RAPPORT_ASSIGN_OR_RETURN(store::Category stored,
                                 tx.categories().Create(principal.org_id, category));
        RAPPORT_RETURN_IF_ERROR(
            tx.audit().Append(AuditFor(principal, now, "kb.category.created", stored.id.str(),
                                       core::AuditDetail().Add("name", stored.name).str())));
        return stored;
      });
}

core::Result<store::Category> KnowledgeBase::UpdateCategory(const auth::Principal& principal,
                                                            const store::CategoryId& id,
                                                            const CategoryInput& input) {
  RAPPORT_RETURN_IF_ERROR(auth::Authorize(principal, auth::Action::kKbManage));
  const core::TimePoint now = clock_.Now();
  return store::WriteValue<store::Category>(
      store_, [&](store::WriteTx& tx) -> core::Result<store::Category> {
        RAPPORT_ASSIGN_OR_RETURN(store::Category category,
                                 tx.categories().Get(principal.org_id, id));
        if (input.name) {
          RAPPORT_ASSIGN_OR_RETURN(category.name,
                                   CheckText(*input.name, "name", kMaxCategoryNameBytes, true));
        }
        if (input.description) {
          RAPPORT_ASSIGN_OR_RETURN(
              category.description,
              CheckText(*input.description, "description", kMaxDescriptionBytes, false));
        }
        if (input.slug) {
          if (!IsValidSlug(*input.slug)) {
            return core::Unprocessable("slug must be lower-case letters, digits and single hyphens",
                                       "slug");
          }
          category.slug = *input.slug;
        }
        if (input.position) {
          if (*input.position < 0 || *input.position > kMaxPosition) {
            return core::Unprocessable("position must be between 0 and 1000000", "position");
          }
          category.position = *input.position;
        }
        if (input.parent_id) {
          category.parent_id = *input.parent_id;
          if (category.parent_id) {
            if (*category.parent_id == id) {
              return core::Unprocessable("a category cannot be its own section", "parent_id");
            }
            auto parent = tx.categories().Get(principal.org_id, *category.parent_id);
            if (!parent) {
              return core::MakeError(core::ErrorCode::kNotFound, "no such category", "parent_id");
            }
            if (parent->parent_id) {
              return core::Unprocessable("sections live in categories, not in other sections",
                                         "parent_id");
            }
            RAPPORT_ASSIGN_OR_RETURN(const auto all, tx.categories().ListAll(principal.org_id));
            if (std::any_of(all.begin(), all.end(), [&](const store::Category& c) {
                  return c.parent_id && *c.parent_id == id;
                })) {
              return core::Unprocessable("a category with sections cannot become a section",
                                         "parent_id");
            }
          }
        }
        RAPPORT_ASSIGN_OR_RETURN(store::Category stored,
                                 tx.categories().Update(principal.org_id, category));
        RAPPORT_RETURN_IF_ERROR(
            tx.audit().Append(AuditFor(principal, now, "kb.category.updated", id.str(),
                                       core::AuditDetail().Add("name", stored.name).str())));
        return stored;
      });
}

core::Status KnowledgeBase::DeleteCategory(const auth::Principal& principal,
                                           const store::CategoryId& id) {
  RAPPORT_RETURN_IF_ERROR(auth::Authorize(principal, auth::Action::kKbManage));
  const core::TimePoint now = clock_.Now();
  return store_.Write([&](store::WriteTx& tx) -> core::Status {
    RAPPORT_ASSIGN_OR_RETURN(const store::Category category,
                             tx.categories().Get(principal.org_id, id));
    RAPPORT_RETURN_IF_ERROR(tx.categories().Delete(principal.org_id, id));
    RAPPORT_RETURN_IF_ERROR(
        tx.audit().Append(AuditFor(principal, now, "kb.category.deleted", id.str(),
                                   core::AuditDetail().Add("name", category.name).str())));
    return core::Ok();
  });
}

core::Result<store::KbSettings> KnowledgeBase::GetSettings(const auth::Principal& principal) {
  RAPPORT_RETURN_IF_ERROR(auth::Authorize(principal, auth::Action::kKbRead));
  return store::ReadValue<store::KbSettings>(
      store_, [&](store::ReadTx& tx) { return tx.kb_settings().Get(principal.org_id); });
}

core::Result<store::KbSettings> KnowledgeBase::UpdateSettings(
    const auth::Principal& principal, std::optional<bool> allow_self_approval,
    std::optional<int> default_interval_days) {
  RAPPORT_RETURN_IF_ERROR(auth::Authorize(principal, auth::Action::kKbManage));
  if (default_interval_days) {
    auto checked = CheckInterval(*default_interval_days);
    if (!checked) {
      return core::Unprocessable(checked.error().message(), "default_verify_interval_days");
    }
  }
  const core::TimePoint now = clock_.Now();
  return store::WriteValue<store::KbSettings>(
      store_, [&](store::WriteTx& tx) -> core::Result<store::KbSettings> {
        RAPPORT_ASSIGN_OR_RETURN(store::KbSettings settings,
                                 tx.kb_settings().Get(principal.org_id));
        const store::KbSettings before = settings;
        if (allow_self_approval) settings.allow_self_approval = *allow_self_approval;
        if (default_interval_days) settings.default_verify_interval_days = *default_interval_days;
        if (settings == before) return settings;
        RAPPORT_RETURN_IF_ERROR(tx.kb_settings().Put(principal.org_id, settings));
        RAPPORT_RETURN_IF_ERROR(tx.audit().Append(AuditFor(
            principal, now, "settings.changed", "knowledge_base",
            core::AuditDetail()
                .Add("allow_self_approval", settings.allow_self_approval ? "true" : "false")
                .Add("default_verify_interval_days",
                     std::int64_t{settings.default_verify_interval_days})
                .str())));
        return settings;
      });
}

core::Result<store::Attachment> KnowledgeBase::UploadAttachment(
    const auth::Principal& principal, std::string_view filename,
    const std::optional<store::ArticleId>& article_id, std::string_view bytes) {
  RAPPORT_RETURN_IF_ERROR(auth::Authorize(principal, auth::Action::kKbWrite));
  RAPPORT_ASSIGN_OR_RETURN(const SniffedType type, CheckUpload(bytes));
  if (article_id) {
    // Check before writing the file, so a refused upload leaves nothing behind.
    const core::Status editable = store_.Read([&](store::ReadTx& tx) -> core::Status {
      RAPPORT_ASSIGN_OR_RETURN(const store::Article article,
                               internal::LoadReadable(tx, principal, *article_id));
      if (article.status == store::ArticleStatus::kArchived) {
        return core::Unprocessable("the article is archived", "article_id");
      }
      return core::Ok();
    });
    RAPPORT_RETURN_IF_ERROR(editable);
  }
  RAPPORT_ASSIGN_OR_RETURN(const std::string sha, blobs_.Put(bytes));
  const core::TimePoint now = clock_.Now();
  store::Attachment attachment;
  attachment.id = store::AttachmentId::FromTrusted(NewId());
  attachment.article_id = article_id;
  attachment.filename = CleanFilename(filename, type);
  attachment.content_type = type.content_type;
  attachment.size = static_cast<std::int64_t>(bytes.size());
  attachment.sha256 = sha;
  attachment.uploaded_by = principal.user_id;
  return store::WriteValue<store::Attachment>(
      store_, [&](store::WriteTx& tx) -> core::Result<store::Attachment> {
        if (article_id) {
          RAPPORT_RETURN_IF_ERROR(internal::LoadReadable(tx, principal, *article_id));
        }
        RAPPORT_ASSIGN_OR_RETURN(store::Attachment stored,
                                 tx.attachments().Create(principal.org_id, attachment));
        RAPPORT_RETURN_IF_ERROR(tx.audit().Append(
            AuditFor(principal, now, "kb.attachment.uploaded", stored.id.str(),
                     core::AuditDetail()
                         .Add("filename", stored.filename)
                         .Add("size", stored.size)
                         .Add("article_id", article_id ? article_id->str() : std::string())
                         .str())));
        return stored;
      });
}

core::Result<AttachmentContent> KnowledgeBase::ReadAttachment(const auth::Principal& principal,
                                                              const store::AttachmentId& id) {
  RAPPORT_RETURN_IF_ERROR(auth::Authorize(principal, auth::Action::kKbRead));
  RAPPORT_ASSIGN_OR_RETURN(
      store::Attachment attachment,
      store::ReadValue<store::Attachment>(
          store_, [&](store::ReadTx& tx) -> core::Result<store::Attachment> {
            RAPPORT_ASSIGN_OR_RETURN(store::Attachment a,
                                     tx.attachments().Get(principal.org_id, id));
            if (a.article_id) {
              RAPPORT_RETURN_IF_ERROR(internal::LoadReadable(tx, principal, *a.article_id));
            } else if (!(a.uploaded_by && *a.uploaded_by == principal.user_id) &&
                       !auth::Authorize(principal, auth::Action::kKbPublish).has_value()) {
              return core::NotFound("no such attachment");
            }
            return a;
          }));
  RAPPORT_ASSIGN_OR_RETURN(std::string bytes, blobs_.Get(attachment.sha256));
  RAPPORT_ASSIGN_OR_RETURN(const SniffedType type, CheckUpload(bytes, {.max_bytes = bytes.size()}));
  return AttachmentContent{std::move(attachment), std::move(bytes), type.inline_safe};
}

}  // namespace rapport::kb

#include "rapport/kb/rules.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <utility>

namespace rapport::kb {
namespace {

using store::ArticleStatus;
using store::Visibility;

constexpr std::array kStatusNames = {
    std::pair{ArticleStatus::kDraft, std::string_view("draft")},
    std::pair{ArticleStatus::kInReview, std::string_view("in_review")},
    std::pair{ArticleStatus::kPublished, std::string_view("published")},
    std::pair{ArticleStatus::kArchived, std::string_view("archived")},
};
constexpr std::array kVisibilityNames = {
    std::pair{Visibility::kInternal, std::string_view("internal")},
    std::pair{Visibility::kPublic, std::string_view("public")},
    std::pair{Visibility::kRestricted, std::string_view("restricted")},
};
constexpr std::array kReasonNames = {
    std::pair{store::FeedbackReason::kNone, std::string_view("")},
    std::pair{store::FeedbackReason::kOutdated, std::string_view("outdated")},
    std::pair{store::FeedbackReason::kIncorrect, std::string_view("incorrect")},
    std::pair{store::FeedbackReason::kUnclear, std::string_view("unclear")},
    std::pair{store::FeedbackReason::kMissingInformation, std::string_view("missing_information")},
};

template <typename Table, typename Value>
std::string_view NameIn(const Table& table, Value value) {
  for (const auto& [v, name] : table) {
    if (v == value) return name;
  }
  return table.front().second;
}

template <typename Value, typename Table>
core::Result<Value> ParseIn(const Table& table, std::string_view name, std::string_view field,
                            std::string_view what) {
  for (const auto& [v, n] : table) {
    if (n == name && !n.empty()) return v;
  }
  std::string choices;
  for (const auto& [v, n] : table) {
    if (n.empty()) continue;
    if (!choices.empty()) choices += ", ";
    choices += n;
  }
  return core::InvalidArgument(std::string(what) + " must be one of " + choices,
                               std::string(field));
}

bool Allowed(const auth::Principal& principal, auth::Action action) {
  return auth::Authorize(principal, action).has_value();
}

bool RoleListed(const auth::Principal& principal, const std::vector<std::string>& roles) {
  const std::string_view role = auth::RoleName(principal.role);
  return std::find(roles.begin(), roles.end(), role) != roles.end();
}

}  // namespace

std::string_view StatusName(ArticleStatus status) { return NameIn(kStatusNames, status); }
core::Result<ArticleStatus> ParseStatus(std::string_view name, std::string_view field) {
  return ParseIn<ArticleStatus>(kStatusNames, name, field, "status");
}
std::string_view VisibilityName(Visibility visibility) {
  return NameIn(kVisibilityNames, visibility);
}
core::Result<Visibility> ParseVisibility(std::string_view name, std::string_view field) {
  return ParseIn<Visibility>(kVisibilityNames, name, field, "visibility");
}
std::string_view ReasonName(store::FeedbackReason reason) { return NameIn(kReasonNames, reason); }
core::Result<store::FeedbackReason> ParseReason(std::string_view name, std::string_view field) {
  if (name.empty()) return store::FeedbackReason::kNone;
  return ParseIn<store::FeedbackReason>(kReasonNames, name, field, "reason");
}

bool IsOwner(const auth::Principal& principal, const store::Article& article) {
  return article.owner_id && *article.owner_id == principal.user_id;
}

bool CanRead(const auth::Principal& principal, const store::Article& article) {
  if (!Allowed(principal, auth::Action::kKbRead)) return false;
  if (Allowed(principal, auth::Action::kKbPublish) || IsOwner(principal, article)) return true;
  if (article.published_revision == 0 || article.status == ArticleStatus::kArchived) {
    return false;
  }
  switch (article.visibility) {
    case Visibility::kInternal:
    case Visibility::kPublic:
      return true;
    case Visibility::kRestricted:
      return RoleListed(principal, article.roles);
  }
  return false;
}

bool IsPublicLive(const store::Article& article) {
  return article.visibility == Visibility::kPublic && article.published_revision > 0 &&
         article.status != ArticleStatus::kArchived;
}

bool CanSeeDrafts(const auth::Principal& principal, const store::Article& article) {
  return CanRead(principal, article) && Allowed(principal, auth::Action::kKbWrite);
}

ArticlePermissions PermissionsFor(const auth::Principal& principal, const store::Article& article,
                                  const store::KbSettings& settings,
                                  const std::optional<store::UserId>& head_author) {
  ArticlePermissions can;
  if (!CanRead(principal, article)) return can;
  const bool publisher = Allowed(principal, auth::Action::kKbPublish);
  const bool writer = Allowed(principal, auth::Action::kKbWrite);
  const bool owner = IsOwner(principal, article);
  const bool author = head_author && *head_author == principal.user_id;
  const bool archived = article.status == ArticleStatus::kArchived;
  can.edit = writer && !archived;
  can.submit = writer && !archived && (publisher || owner || author) &&
               article.status != ArticleStatus::kPublished;
  can.approve =
      CheckTransition(principal, article, ArticleStatus::kPublished, settings, head_author)
          .has_value();
  can.archive = publisher && !archived;
  can.unarchive = publisher && archived;
  can.remove = publisher || (owner && writer && article.published_revision == 0);
  can.verify =
      article.published_revision > 0 && !archived &&
      (publisher ||
       (writer && (owner || (article.verifier_id && *article.verifier_id == principal.user_id))));
  can.manage = publisher || (owner && writer && article.published_revision == 0);
  return can;
}

core::Status CheckTransition(const auth::Principal& principal, const store::Article& article,
                             ArticleStatus to, const store::KbSettings& settings,
                             const std::optional<store::UserId>& head_author) {
  RAPPORT_RETURN_IF_ERROR(auth::Authorize(principal, auth::Action::kKbWrite));
  const ArticleStatus from = article.status;
  const bool publisher = Allowed(principal, auth::Action::kKbPublish);
  const bool author = head_author && *head_author == principal.user_id;
  const bool proposer = publisher || IsOwner(principal, article) || author;
  const auto invalid = [&]() -> core::Status {
    return core::Unprocessable("an article cannot go from " + std::string(StatusName(from)) +
                                   " to " + std::string(StatusName(to)),
                               "to");
  };
  switch (to) {
    case ArticleStatus::kInReview:
      if (from != ArticleStatus::kDraft) return invalid();
      if (!proposer) {
        return core::PermissionDenied(
            "only the owner, the author or a knowledge editor can submit this article");
      }
      return core::Ok();
    case ArticleStatus::kDraft:
      if (from == ArticleStatus::kInReview) {
        if (!proposer) {
          return core::PermissionDenied(
              "only the owner, the author or a knowledge editor can withdraw this article");
        }
        return core::Ok();
      }
      if (from == ArticleStatus::kArchived) {
        return publisher ? core::Ok()
                         : core::PermissionDenied("only a knowledge editor can restore an article");
      }
      return invalid();
    case ArticleStatus::kPublished:
      if (from != ArticleStatus::kInReview) return invalid();
      RAPPORT_RETURN_IF_ERROR(auth::Authorize(principal, auth::Action::kKbPublish));
      if (author && !settings.allow_self_approval) {
        return core::PermissionDenied(
            "you wrote this revision; another knowledge editor must approve it (self-approval "
            "is off for this organisation)");
      }
      return core::Ok();
    case ArticleStatus::kArchived:
      if (from == ArticleStatus::kArchived) return invalid();
      return auth::Authorize(principal, auth::Action::kKbPublish);
  }
  return invalid();
}

std::optional<core::TimePoint> VerificationDueAt(const store::Article& article) {
  if (article.published_revision == 0) return std::nullopt;
  return article.verified_at + std::chrono::days(article.verify_interval_days);
}

bool IsStale(const store::Article& article, core::TimePoint now) {
  if (article.status == ArticleStatus::kArchived) return false;
  const auto due = VerificationDueAt(article);
  return due && *due <= now;
}

core::Result<std::vector<std::string>> NormaliseRoles(const std::vector<std::string>& roles) {
  std::vector<std::string> out;
  for (const std::string& name : roles) {
    auto role = auth::ParseRole(name);
    if (!role) return core::Unprocessable(role.error().message(), "roles");
    out.emplace_back(auth::RoleName(*role));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace rapport::kb

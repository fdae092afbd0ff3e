#pragma once

// The knowledge base's rules as pure functions: who may read, edit, approve or verify an
// article, which lifecycle transitions exist, when an article is stale, and how role lists are
// checked. How titles, tags, languages and the other fields are checked is in fields.h, which
// this header includes for its callers. KnowledgeBase (service.h) applies them with the store;
// they are tested here cell by cell. Thread-safety: pure functions.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rapport/auth/policy.h"
#include "rapport/core/clock.h"
#include "rapport/core/error.h"
#include "rapport/kb/fields.h"
#include "rapport/store/kb.h"

namespace rapport::kb {

inline constexpr std::size_t kMaxCommentBytes = 4000;

struct ArticlePermissions {
  friend bool operator==(const ArticlePermissions&, const ArticlePermissions&) = default;

  bool edit = false;
  bool submit = false;   // to in_review, or back to draft
  bool approve = false;  // to published
  bool archive = false;
  bool unarchive = false;  // archived back to draft
  bool remove = false;
  bool verify = false;
  bool manage = false;  // metadata: visibility, roles, category, slug, owner, verifier
};

std::string_view StatusName(store::ArticleStatus status);  // "draft", "in_review", ...
core::Result<store::ArticleStatus> ParseStatus(std::string_view name, std::string_view field);
std::string_view VisibilityName(store::Visibility visibility);  // "internal", "public", ...
core::Result<store::Visibility> ParseVisibility(std::string_view name, std::string_view field);
std::string_view ReasonName(store::FeedbackReason reason);  // "" for kNone, "outdated", ...
core::Result<store::FeedbackReason> ParseReason(std::string_view name, std::string_view field);

bool IsOwner(const auth::Principal& principal, const store::Article& article);

// Whether the principal may read the article at all (its live revision, or its head when
// nothing is live). See service.h for the rule.
bool CanRead(const auth::Principal& principal, const store::Article& article);
// Whether the public help center shows the article: public, with a live revision, not
// archived.
bool IsPublicLive(const store::Article& article);
// Whether the principal may see revisions other than the live one (and edit).
bool CanSeeDrafts(const auth::Principal& principal, const store::Article& article);

// What the principal may do with the article now. `head_author` wrote the head revision.
ArticlePermissions PermissionsFor(const auth::Principal& principal, const store::Article& article,
                                  const store::KbSettings& settings,
                                  const std::optional<store::UserId>& head_author);

// Ok when the principal may move the article to `to`: PermissionDenied when they may not,
// Unprocessable (field "to") when no such transition exists from the article's status.
core::Status CheckTransition(const auth::Principal& principal, const store::Article& article,
                             store::ArticleStatus to, const store::KbSettings& settings,
                             const std::optional<store::UserId>& head_author);

// When verification of a published article falls due; empty when nothing is live.
std::optional<core::TimePoint> VerificationDueAt(const store::Article& article);
bool IsStale(const store::Article& article, core::TimePoint now);

// Role names (auth::ParseRole), unique and sorted (field "roles").
core::Result<std::vector<std::string>> NormaliseRoles(const std::vector<std::string>& roles);

}  // namespace rapport::kb

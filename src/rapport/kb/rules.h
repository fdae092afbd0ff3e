#pragma once

// The knowledge base's rules as pure functions: who may read, edit, approve or verify an
// article, which lifecycle transitions exist, when an article is stale, and how titles, tags,
// languages and role lists are checked. KnowledgeBase (service.h) applies them with the store;
// they are tested here cell by cell. Thread-safety: pure functions.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rapport/auth/policy.h"
#include "rapport/core/clock.h"
#include "rapport/core/error.h"
#include "rapport/store/kb.h"

namespace rapport::kb {

inline constexpr std::size_t kMaxTitleBytes = 300;
inline constexpr std::size_t kMaxSummaryBytes = 2000;
inline constexpr std::size_t kMaxBodyBytes = 1 << 20;
inline constexpr std::size_t kMaxTags = 30;
inline constexpr std::size_t kMaxTagBytes = 60;
inline constexpr std::size_t kMaxCommentBytes = 4000;
inline constexpr int kMaxVerifyIntervalDays = 3650;

struct ArticlePermissions {
  friend bool operator==(const ArticlePermissions&, const ArticlePermissions&) = default;

  bool edit = false;
  bool submit = false;   // to in_review, or back to draft
  bool approve = false;  // to published
  bool archive = false;
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

// Trimmed, 1-kMaxTitleBytes of UTF-8 without control characters (field "title").
core::Result<std::string> CheckTitle(std::string_view title);
core::Result<std::string> CheckSummary(std::string_view summary);
core::Status CheckBody(std::string_view body);
// Trimmed, lower-cased, unique, non-empty tags (field "tags").
core::Result<std::vector<std::string>> NormaliseTags(const std::vector<std::string>& tags);
// A BCP 47 language tag in the simple shape "ll" or "ll-rr" (letters and digits), lower-cased
// (field "language").
core::Result<std::string> NormaliseLanguage(std::string_view language);
// Role names (auth::ParseRole), unique and sorted (field "roles").
core::Result<std::vector<std::string>> NormaliseRoles(const std::vector<std::string>& roles);
core::Status CheckInterval(int days);

// Accept-Language ("fr-CH, fr;q=0.9, en;q=0.8") as languages in preference order, each
// lower-cased, with the base language added after a regional one ("fr-ch", "fr"). Malformed
// parts are skipped; at most 10 languages.
std::vector<std::string> ParseAcceptLanguage(std::string_view header);

}  // namespace rapport::kb

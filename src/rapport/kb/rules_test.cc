#include "rapport/kb/rules.h"

#include <gtest/gtest.h>

#include <array>
#include <chrono>
#include <string>

namespace rapport::kb {
namespace {

using auth::Role;
using store::ArticleStatus;
using store::Visibility;

store::UserId User(char c) { return store::UserId::FromTrusted(std::string(26, c)); }

auth::Principal As(Role role, char id = 'u') {
  auth::Principal p;
  p.org_id = store::OrganisationId::FromTrusted(std::string(26, 'o'));
  p.user_id = User(id);
  p.role = role;
  return p;
}

store::Article Published(Visibility visibility = Visibility::kInternal) {
  store::Article a;
  a.id = store::ArticleId::FromTrusted(std::string(26, 'a'));
  a.status = ArticleStatus::kPublished;
  a.visibility = visibility;
  a.owner_id = User('o');
  a.head_revision = 2;
  a.published_revision = 2;
  a.verify_interval_days = 90;
  return a;
}

store::Article Draft() {
  store::Article a = Published();
  a.status = ArticleStatus::kDraft;
  a.published_revision = 0;
  return a;
}

TEST(KbRules, EveryRoleReadsPublishedInternalAndPublicArticles) {
  for (Role role : auth::AllRoles()) {
    EXPECT_TRUE(CanRead(As(role), Published(Visibility::kInternal))) << auth::RoleName(role);
    EXPECT_TRUE(CanRead(As(role), Published(Visibility::kPublic))) << auth::RoleName(role);
  }
}

TEST(KbRules, RestrictedArticlesAreReadByTheirRolesAndEditorsOnly) {
  store::Article a = Published(Visibility::kRestricted);
  a.roles = {"hr"};
  EXPECT_TRUE(CanRead(As(Role::kHr), a));
  EXPECT_FALSE(CanRead(As(Role::kEmployee), a));
  EXPECT_FALSE(CanRead(As(Role::kCxLead), a));
  EXPECT_TRUE(CanRead(As(Role::kKnowledgeEditor), a));
  EXPECT_TRUE(CanRead(As(Role::kAdmin), a));
  // The owner reads their own article whatever its audience.
  EXPECT_TRUE(CanRead(As(Role::kEmployee, 'o'), a));
}

TEST(KbRules, DraftsAndArchivedArticlesAreHiddenFromReaders) {
  EXPECT_FALSE(CanRead(As(Role::kEmployee), Draft()));
  EXPECT_TRUE(CanRead(As(Role::kEmployee, 'o'), Draft()));
  EXPECT_TRUE(CanRead(As(Role::kKnowledgeEditor), Draft()));
  store::Article archived = Published();
  archived.status = ArticleStatus::kArchived;
  EXPECT_FALSE(CanRead(As(Role::kHr), archived));
  EXPECT_TRUE(CanRead(As(Role::kKnowledgeEditor), archived));
}

TEST(KbRules, ATokenWithoutTheKbScopeReadsNothing) {
  auth::Principal p = As(Role::kAdmin);
  p.token_id = store::ApiTokenId::FromTrusted(std::string(26, 't'));
  p.scopes = {"directory:read"};
  EXPECT_FALSE(CanRead(p, Published()));
  p.scopes = {"kb:read"};
  EXPECT_TRUE(CanRead(p, Published()));
  EXPECT_FALSE(CanSeeDrafts(p, Published()));
}

TEST(KbRules, TheLifecycleHasExactlyTheDocumentedTransitions) {
  const store::KbSettings settings{.allow_self_approval = true, .default_verify_interval_days = 90};
  const auth::Principal editor = As(Role::kKnowledgeEditor);
  struct Case {
    ArticleStatus from;
    ArticleStatus to;
    bool valid;
  };
  const std::array cases = {
      Case{ArticleStatus::kDraft, ArticleStatus::kInReview, true},
      Case{ArticleStatus::kDraft, ArticleStatus::kPublished, false},
      Case{ArticleStatus::kDraft, ArticleStatus::kArchived, true},
      Case{ArticleStatus::kDraft, ArticleStatus::kDraft, false},
      Case{ArticleStatus::kInReview, ArticleStatus::kPublished, true},
      Case{ArticleStatus::kInReview, ArticleStatus::kDraft, true},
      Case{ArticleStatus::kInReview, ArticleStatus::kArchived, true},
      Case{ArticleStatus::kInReview, ArticleStatus::kInReview, false},
      Case{ArticleStatus::kPublished, ArticleStatus::kArchived, true},
      Case{ArticleStatus::kPublished, ArticleStatus::kDraft, false},
      Case{ArticleStatus::kPublished, ArticleStatus::kInReview, false},
      Case{ArticleStatus::kArchived, ArticleStatus::kDraft, true},
      Case{ArticleStatus::kArchived, ArticleStatus::kPublished, false},
      Case{ArticleStatus::kArchived, ArticleStatus::kArchived, false},
  };
  for (const Case& c : cases) {
    store::Article a = Published();
    a.status = c.from;
    const auto result = CheckTransition(editor, a, c.to, settings, User('w'));
    EXPECT_EQ(result.has_value(), c.valid) << StatusName(c.from) << " -> " << StatusName(c.to);
    if (!c.valid) {
      EXPECT_EQ(result.error().code(), core::ErrorCode::kUnprocessable);
    }
  }
}

TEST(KbRules, OnlyPublishersApproveAndNotTheirOwnRevisionUnlessAllowed) {
  store::Article a = Draft();
  a.status = ArticleStatus::kInReview;
  const store::KbSettings strict{.allow_self_approval = false, .default_verify_interval_days = 90};
  const store::KbSettings relaxed{.allow_self_approval = true, .default_verify_interval_days = 90};
  // An employee who owns and wrote it may submit but never approve.
  const auto owner = As(Role::kEmployee, 'o');
  EXPECT_EQ(CheckTransition(owner, a, ArticleStatus::kPublished, relaxed, User('o')).error().code(),
            core::ErrorCode::kPermissionDenied);
  // An editor approving their own revision: refused unless the organisation allows it.
  const auto editor = As(Role::kKnowledgeEditor, 'e');
  EXPECT_FALSE(CheckTransition(editor, a, ArticleStatus::kPublished, strict, User('e')));
  EXPECT_TRUE(CheckTransition(editor, a, ArticleStatus::kPublished, relaxed, User('e')));
  EXPECT_TRUE(CheckTransition(editor, a, ArticleStatus::kPublished, strict, User('o')));
}

TEST(KbRules, SubmittingNeedsOwnershipAuthorshipOrPublishing) {
  const store::KbSettings settings{};
  const store::Article a = Draft();
  EXPECT_TRUE(
      CheckTransition(As(Role::kEmployee, 'o'), a, ArticleStatus::kInReview, settings, User('x')));
  EXPECT_TRUE(
      CheckTransition(As(Role::kEmployee, 'w'), a, ArticleStatus::kInReview, settings, User('w')));
  EXPECT_EQ(
      CheckTransition(As(Role::kEmployee, 'z'), a, ArticleStatus::kInReview, settings, User('w'))
          .error()
          .code(),
      core::ErrorCode::kPermissionDenied);
  EXPECT_FALSE(CheckTransition(As(Role::kHr, 'z'), a, ArticleStatus::kArchived, settings, {}));
}

TEST(KbRules, PermissionsFollowRoleOwnershipAndState) {
  const store::KbSettings settings{};
  const auto reader = PermissionsFor(As(Role::kEmployee), Published(), settings, User('w'));
  EXPECT_TRUE(reader.edit);  // proposes a new draft; publishing needs an editor
  EXPECT_FALSE(reader.approve);
  EXPECT_FALSE(reader.archive);
  EXPECT_FALSE(reader.remove);
  EXPECT_FALSE(reader.verify);
  EXPECT_FALSE(reader.manage);
  const auto owner = PermissionsFor(As(Role::kEmployee, 'o'), Published(), settings, User('w'));
  EXPECT_TRUE(owner.verify);
  EXPECT_FALSE(owner.remove);  // published once: only editors delete
  const auto draft_owner = PermissionsFor(As(Role::kEmployee, 'o'), Draft(), settings, User('o'));
  EXPECT_TRUE(draft_owner.remove);
  EXPECT_TRUE(draft_owner.manage);
  EXPECT_TRUE(draft_owner.submit);
  store::Article verifiable = Published();
  verifiable.verifier_id = User('v');
  EXPECT_TRUE(PermissionsFor(As(Role::kCxLead, 'v'), verifiable, settings, {}).verify);
  const auto editor = PermissionsFor(As(Role::kKnowledgeEditor), Published(), settings, {});
  EXPECT_TRUE(editor.archive && editor.remove && editor.verify && editor.manage);
  EXPECT_FALSE(editor.unarchive);
  store::Article archived = Published();
  archived.status = ArticleStatus::kArchived;
  const auto editor_of_archived =
      PermissionsFor(As(Role::kKnowledgeEditor), archived, settings, {});
  EXPECT_TRUE(editor_of_archived.unarchive);
  EXPECT_FALSE(editor_of_archived.archive || editor_of_archived.edit);
  EXPECT_FALSE(PermissionsFor(As(Role::kEmployee, 'o'), archived, settings, User('o')).unarchive);
  EXPECT_EQ(PermissionsFor(As(Role::kEmployee), Draft(), settings, {}), ArticlePermissions{});
}

TEST(KbRules, StaleWhenTheVerificationIntervalHasPassed) {
  store::Article a = Published();
  a.verified_at = core::TimePoint(std::chrono::hours(24 * 1000));
  a.verify_interval_days = 30;
  const auto due = a.verified_at + std::chrono::days(30);
  EXPECT_EQ(VerificationDueAt(a), due);
  EXPECT_FALSE(IsStale(a, due - std::chrono::seconds(1)));
  EXPECT_TRUE(IsStale(a, due));
  a.status = ArticleStatus::kArchived;
  EXPECT_FALSE(IsStale(a, due));
  EXPECT_FALSE(VerificationDueAt(Draft()));
}

// Titles, tags, languages and the other fields are tested in fields_test.cc.
TEST(KbRules, NormalisesRoles) {
  EXPECT_EQ(*NormaliseRoles({"hr", "admin", "hr"}), (std::vector<std::string>{"admin", "hr"}));
  EXPECT_FALSE(NormaliseRoles({"superuser"}));
}

TEST(KbRules, NamesRoundTrip) {
  for (auto s : {ArticleStatus::kDraft, ArticleStatus::kInReview, ArticleStatus::kPublished,
                 ArticleStatus::kArchived}) {
    EXPECT_EQ(*ParseStatus(StatusName(s), "status"), s);
  }
  for (auto v : {Visibility::kInternal, Visibility::kPublic, Visibility::kRestricted}) {
    EXPECT_EQ(*ParseVisibility(VisibilityName(v), "visibility"), v);
  }
  EXPECT_EQ(*ParseReason("missing_information", "reason"),
            store::FeedbackReason::kMissingInformation);
  EXPECT_EQ(*ParseReason("", "reason"), store::FeedbackReason::kNone);
  EXPECT_EQ(ParseStatus("live", "to").error().field(), "to");
}

}  // namespace
}  // namespace rapport::kb

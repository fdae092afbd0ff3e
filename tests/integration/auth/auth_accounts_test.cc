// AuthService against a real SQLite store: accounts, roles, links, tokens, audit, tenancy.

#include <gtest/gtest.h>

#include "tests/integration/auth/auth_fixture.h"

namespace rapport::auth::testing {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

class AuthAccounts : public AuthFixture {
 protected:
  store::Person AddPerson(const store::Organisation& org, std::string employee_id) {
    store::Person person;
    person.id = ids_.New<store::PersonTag>();
    person.employee_id = std::move(employee_id);
    person.name = "Person " + person.employee_id;
    auto created = store::WriteValue<store::Person>(*store_, [&](store::WriteTx& tx) {
      return tx.people().Create(org.id, person, "2026-01-01");
    });
    if (!created) throw std::runtime_error(created.error().ToString());
    return *created;
  }
};

TEST_F(AuthAccounts, CreatesAccountsWithoutPasswordAndAuditsThem) {
  const Principal owner = SignedIn(owner_);
  const store::Person person = AddPerson(org_, "E1");
  const auto user = auth_->CreateUser(
      owner,
      {.email = " Ada@Acme.TEST ", .name = " Ada ", .role = Role::kHr, .person_id = person.id});
  ASSERT_TRUE(user) << user.error().ToString();
  EXPECT_EQ(user->email, "ada@acme.test");
  EXPECT_EQ(user->name, "Ada");
  EXPECT_EQ(user->role, "hr");
  EXPECT_EQ(user->person_id, person.id);
  EXPECT_TRUE(user->password_hash.empty());
  const auto entries = AuditOf(org_, "user.created");
  ASSERT_FALSE(entries.empty());
  EXPECT_EQ(entries.front().target, user->id.str());
  EXPECT_EQ(entries.front().actor_id, owner_.id.str());

  const auto duplicate =
      auth_->CreateUser(owner, {.email = "ada@acme.test", .name = "Ada", .role = Role::kHr});
  ASSERT_FALSE(duplicate);
  EXPECT_EQ(duplicate.error().code(), core::ErrorCode::kConflict);

  const auto bad_email = auth_->CreateUser(owner, {.email = "nope", .name = "N"});
  ASSERT_FALSE(bad_email);
  EXPECT_EQ(bad_email.error().field(), "email");
}

TEST_F(AuthAccounts, OnlyUsersManageCreatesAndOnlyOwnersCreateOwners) {
  const store::User admin = AddUser(org_, "admin@acme.test", Role::kAdmin);
  const store::User hr = AddUser(org_, "hr@acme.test", Role::kHr);
  EXPECT_EQ(auth_->CreateUser(SignedIn(hr), {.email = "x@acme.test", .name = "X"}).error().code(),
            core::ErrorCode::kPermissionDenied);
  EXPECT_EQ(
      auth_
          ->CreateUser(SignedIn(admin), {.email = "x@acme.test", .name = "X", .role = Role::kOwner})
          .error()
          .code(),
      core::ErrorCode::kPermissionDenied);
  EXPECT_TRUE(auth_->CreateUser(SignedIn(admin),
                                {.email = "x@acme.test", .name = "X", .role = Role::kAdmin}));
  EXPECT_TRUE(auth_->ListUsers(SignedIn(hr)));
  EXPECT_FALSE(auth_->ListUsers(SignedIn(AddUser(org_, "e@acme.test", Role::kEmployee))));
}

TEST_F(AuthAccounts, RoleChangesFollowTheOwnerRulesAndKeepAnOwner) {
  const store::User admin = AddUser(org_, "admin@acme.test", Role::kAdmin);
  const store::User employee = AddUser(org_, "e@acme.test", Role::kEmployee);
  const Principal as_admin = SignedIn(admin);
  const Principal as_owner = SignedIn(owner_);

  EXPECT_TRUE(auth_->UpdateUser(as_admin, employee.id, {.role = Role::kCxLead}));
  EXPECT_EQ(auth_->UpdateUser(as_admin, employee.id, {.role = Role::kOwner}).error().code(),
            core::ErrorCode::kPermissionDenied);
  EXPECT_EQ(auth_->UpdateUser(as_admin, owner_.id, {.role = Role::kAdmin}).error().code(),
            core::ErrorCode::kPermissionDenied);
  EXPECT_EQ(auth_->UpdateUser(as_admin, owner_.id, {.disabled = true}).error().code(),
            core::ErrorCode::kPermissionDenied);
  EXPECT_EQ(auth_->UpdateUser(as_admin, admin.id, {.role = Role::kHr}).error().code(),
            core::ErrorCode::kPermissionDenied);  // own role

  // The only owner can neither step down nor be disabled, even by an owner.
  EXPECT_EQ(auth_->UpdateUser(as_owner, owner_.id, {.role = Role::kAdmin}).error().code(),
            core::ErrorCode::kPermissionDenied);  // own role, first
  const auto promoted = auth_->UpdateUser(as_owner, admin.id, {.role = Role::kOwner});
  ASSERT_TRUE(promoted);
  EXPECT_EQ(promoted->role, "owner");
  const Principal second_owner = SignedIn(admin);
  EXPECT_TRUE(auth_->UpdateUser(second_owner, owner_.id, {.role = Role::kAdmin}));
  const auto last = auth_->UpdateUser(SignedIn(owner_), admin.id, {.role = Role::kHr});
  ASSERT_FALSE(last);
  EXPECT_EQ(last.error().code(), core::ErrorCode::kPermissionDenied);  // owner_ is admin now

  const auto changes = AuditOf(org_, "user.role_changed");
  ASSERT_EQ(changes.size(), 3u);
  EXPECT_NE(changes.front().detail.find("\"from\":\"owner\""), std::string::npos);
}

// With "only owners act on owners" and "nobody changes themselves", the last owner can only
// be removed by an owner whose own demotion is still in flight: two owners demoting each other
// at once. The store-backed check stops the second.
TEST_F(AuthAccounts, TheLastEnabledOwnerIsKeptEvenAgainstARacingOwner) {
  const store::User second = AddUser(org_, "second@acme.test", Role::kOwner);
  const Principal first = SignedIn(owner_);
  const Principal stale_second = SignedIn(second);
  ASSERT_TRUE(auth_->UpdateUser(first, second.id, {.role = Role::kAdmin}));

  const auto demote = auth_->UpdateUser(stale_second, owner_.id, {.role = Role::kAdmin});
  ASSERT_FALSE(demote);
  EXPECT_EQ(demote.error().code(), core::ErrorCode::kConflict);
  const auto disable = auth_->UpdateUser(stale_second, owner_.id, {.disabled = true});
  ASSERT_FALSE(disable);
  EXPECT_EQ(disable.error().code(), core::ErrorCode::kConflict);

  // A disabled owner does not count as the one kept.
  const store::User third = AddUser(org_, "third@acme.test", Role::kOwner);
  ASSERT_TRUE(auth_->UpdateUser(first, third.id, {.disabled = true}));
  EXPECT_EQ(auth_->UpdateUser(stale_second, owner_.id, {.disabled = true}).error().code(),
            core::ErrorCode::kConflict);
  // An enabled one does.
  ASSERT_TRUE(auth_->UpdateUser(first, third.id, {.disabled = false}));
  EXPECT_TRUE(auth_->UpdateUser(stale_second, owner_.id, {.role = Role::kAdmin}));
}

TEST_F(AuthAccounts, DisablingRevokesTokensAndNobodyDisablesThemselves) {
  const store::User hr = AddUser(org_, "hr@acme.test", Role::kHr);
  const Principal as_hr = SignedIn(hr);
  const auto token = auth_->CreateToken(as_hr, {.name = "sync", .scopes = {"directory:write"}});
  ASSERT_TRUE(token);
  ASSERT_TRUE(auth_->AuthenticateToken(token->secret));
  ASSERT_TRUE(auth_->UpdateUser(SignedIn(owner_), hr.id, {.disabled = true}));
  EXPECT_FALSE(auth_->AuthenticateToken(token->secret));
  EXPECT_TRUE(ReadToken(token->token).revoked_at);
  EXPECT_EQ(auth_->UpdateUser(SignedIn(owner_), owner_.id, {.disabled = true}).error().code(),
            core::ErrorCode::kPermissionDenied);
  ASSERT_TRUE(auth_->UpdateUser(SignedIn(owner_), hr.id, {.disabled = false}));
  EXPECT_EQ(AuditOf(org_, "user.enabled").size(), 1u);
}

TEST_F(AuthAccounts, InvitationsAreSingleUseAndSignIn) {
  const Principal owner = SignedIn(owner_);
  const auto user = auth_->CreateUser(owner, {.email = "new@acme.test", .name = "New"});
  ASSERT_TRUE(user);
  const auto link = auth_->CreateLink(owner, user->id, store::LinkPurpose::kInvitation);
  ASSERT_TRUE(link) << link.error().ToString();
  EXPECT_TRUE(link->secret.starts_with("rpl_"));
  EXPECT_EQ(link->expires_at, clock_.Now() + hours(24 * 7));

  const auto weak = auth_->RedeemLink(link->secret, "short", "10.0.0.1", "");
  ASSERT_FALSE(weak);
  EXPECT_EQ(weak.error().code(), core::ErrorCode::kUnprocessable);

  const auto redeemed = auth_->RedeemLink(link->secret, "my own new password", "10.0.0.1", "");
  ASSERT_TRUE(redeemed) << redeemed.error().ToString();
  EXPECT_EQ(redeemed->user.id, user->id);
  EXPECT_TRUE(auth_->Authenticate(redeemed->session_secret));
  EXPECT_TRUE(auth_->Login("new@acme.test", "my own new password", "10.0.0.1", ""));

  const auto again = auth_->RedeemLink(link->secret, "another new password", "10.0.0.1", "");
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code(), core::ErrorCode::kNotFound);
  EXPECT_EQ(AuditOf(org_, "user.invitation_created").size(), 1u);
  EXPECT_EQ(AuditOf(org_, "user.invitation_accepted").size(), 1u);

  // An account with a password gets resets, not invitations.
  EXPECT_EQ(auth_->CreateLink(owner, user->id, store::LinkPurpose::kInvitation).error().code(),
            core::ErrorCode::kConflict);
}

TEST_F(AuthAccounts, ExpiredUnknownAndDisabledLinksAllAnswerNotFound) {
  const Principal owner = SignedIn(owner_);
  const store::User hr = AddUser(org_, "hr@acme.test", Role::kHr);
  const auto reset = auth_->CreateLink(owner, hr.id, store::LinkPurpose::kPasswordReset);
  ASSERT_TRUE(reset);
  EXPECT_EQ(reset->expires_at, clock_.Now() + hours(24));
  clock_.Advance(hours(24));
  const auto expired = auth_->RedeemLink(reset->secret, "a fresh password!", "10.0.0.1", "");
  ASSERT_FALSE(expired);
  EXPECT_EQ(expired.error().code(), core::ErrorCode::kNotFound);

  const auto unknown = auth_->RedeemLink("rpl_unknownunknownunknown", "a fresh password!", "1", "");
  EXPECT_EQ(unknown.error(), expired.error());

  const auto other = auth_->CreateLink(owner, hr.id, store::LinkPurpose::kPasswordReset);
  ASSERT_TRUE(auth_->UpdateUser(owner, hr.id, {.disabled = true}));
  EXPECT_EQ(auth_->RedeemLink(other->secret, "a fresh password!", "10.0.0.1", "").error(),
            expired.error());
}

TEST_F(AuthAccounts, ResetsEndEverySessionIncludingThePresentedOne) {
  const store::User hr = AddUser(org_, "hr@acme.test", Role::kHr);
  const SignIn old = LoginOrDie("hr@acme.test");
  const auto link = auth_->CreateLink(SignedIn(owner_), hr.id, store::LinkPurpose::kPasswordReset);
  ASSERT_TRUE(link);
  const auto redeemed =
      auth_->RedeemLink(link->secret, "a fresh password!", "10.0.0.1", old.session_secret);
  ASSERT_TRUE(redeemed);
  EXPECT_FALSE(auth_->Authenticate(old.session_secret));
  EXPECT_FALSE(auth_->Login("hr@acme.test", kPassword, "10.0.0.1", ""));
  EXPECT_EQ(AuditOf(org_, "auth.password_reset").size(), 1u);
}

TEST_F(AuthAccounts, AdminsCannotIssueLinksForOwners) {
  const store::User admin = AddUser(org_, "admin@acme.test", Role::kAdmin);
  EXPECT_EQ(auth_->CreateLink(SignedIn(admin), owner_.id, store::LinkPurpose::kPasswordReset)
                .error()
                .code(),
            core::ErrorCode::kPermissionDenied);
}

TEST_F(AuthAccounts, TokensCarrySortedScopesAndRecordUse) {
  const Principal owner = SignedIn(owner_);
  const auto token =
      auth_->CreateToken(owner, {.name = "export",
                                 .scopes = {"users:admin", "directory:read", "users:admin"},
                                 .expires_in_days = 30});
  ASSERT_TRUE(token) << token.error().ToString();
  EXPECT_TRUE(token->secret.starts_with("rpt_"));
  EXPECT_EQ(token->token.scopes, (std::vector<std::string>{"directory:read", "users:admin"}));
  EXPECT_EQ(token->token.expires_at, clock_.Now() + hours(24 * 30));
  EXPECT_FALSE(ReadToken(token->token).last_used_at);

  const auto principal = auth_->AuthenticateToken(token->secret);
  ASSERT_TRUE(principal);
  EXPECT_EQ(principal->token_id, token->token.id);
  EXPECT_EQ(principal->scopes, token->token.scopes);
  EXPECT_EQ(ReadToken(token->token).last_used_at, clock_.Now());
  const core::TimePoint first_use = clock_.Now();
  clock_.Advance(seconds(10));
  ASSERT_TRUE(auth_->AuthenticateToken(token->secret));
  EXPECT_EQ(ReadToken(token->token).last_used_at, first_use);

  // Narrowed: users:admin and directory:read, nothing else.
  EXPECT_TRUE(Authorize(*principal, Action::kUsersManage));
  EXPECT_FALSE(Authorize(*principal, Action::kPeopleWrite));
  EXPECT_FALSE(Authorize(*principal, Action::kAuditRead));
  EXPECT_FALSE(auth_->CreateToken(*principal, {.name = "more", .scopes = {"audit:read"}}));
  EXPECT_EQ(auth_->PermissionsOf(*principal),
            (std::vector<std::string>{"directory.read", "people.read_sensitive", "users.read",
                                      "users.manage", "tokens.manage", "settings.manage"}));

  clock_.Advance(hours(24 * 30));
  EXPECT_EQ(auth_->AuthenticateToken(token->secret).error().code(),
            core::ErrorCode::kUnauthenticated);
}

TEST_F(AuthAccounts, TokenScopesMustBeKnownAndUsableByTheRole) {
  const Principal editor = SignedIn(AddUser(org_, "kb@acme.test", Role::kKnowledgeEditor));
  const auto unknown =
      auth_->CreateToken(editor, {.name = "t", .scopes = {"directory:read", "root"}});
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code(), core::ErrorCode::kInvalidArgument);
  EXPECT_EQ(unknown.error().field(), "scopes[1]");
  const auto unusable = auth_->CreateToken(editor, {.name = "t", .scopes = {"audit:read"}});
  ASSERT_FALSE(unusable);
  EXPECT_EQ(unusable.error().code(), core::ErrorCode::kPermissionDenied);
  EXPECT_EQ(unusable.error().field(), "scopes[0]");
  EXPECT_EQ(auth_->CreateToken(editor, {.name = "t", .scopes = {}}).error().field(), "scopes");
  EXPECT_EQ(
      auth_->CreateToken(editor, {.name = "t", .scopes = {"directory:read"}, .expires_in_days = 0})
          .error()
          .field(),
      "expires_in_days");
  EXPECT_TRUE(auth_->CreateToken(editor, {.name = "t", .scopes = {"directory:read"}}));
  // Employees may not have tokens at all.
  const Principal employee = SignedIn(AddUser(org_, "e@acme.test", Role::kEmployee));
  EXPECT_EQ(
      auth_->CreateToken(employee, {.name = "t", .scopes = {"directory:read"}}).error().code(),
      core::ErrorCode::kPermissionDenied);
}

TEST_F(AuthAccounts, RevokingIsForOneselfOrTokenManagersAndIsAudited) {
  const Principal hr = SignedIn(AddUser(org_, "hr@acme.test", Role::kHr));
  const Principal editor = SignedIn(AddUser(org_, "kb@acme.test", Role::kKnowledgeEditor));
  const auto token = auth_->CreateToken(hr, {.name = "hr", .scopes = {"directory:read"}});
  ASSERT_TRUE(token);
  EXPECT_EQ(auth_->RevokeToken(editor, token->token.id).error().code(), core::ErrorCode::kNotFound);
  EXPECT_EQ(auth_->ListTokens(editor, false)->size(), 0u);
  EXPECT_FALSE(auth_->ListTokens(editor, true));
  EXPECT_EQ(auth_->ListTokens(SignedIn(owner_), true)->size(), 1u);
  const auto revoked = auth_->RevokeToken(SignedIn(owner_), token->token.id);
  ASSERT_TRUE(revoked);
  EXPECT_TRUE(revoked->revoked_at);
  EXPECT_EQ(auth_->AuthenticateToken(token->secret).error().code(),
            core::ErrorCode::kUnauthenticated);
  ASSERT_TRUE(auth_->RevokeToken(hr, token->token.id));  // again: keeps the first time
  EXPECT_EQ(AuditOf(org_, "token.revoked").size(), 1u);
  EXPECT_EQ(AuditOf(org_, "token.created").size(), 1u);
}

TEST_F(AuthAccounts, AnotherOrganisationsIdsAreNotFound) {
  const store::User stranger = AddUser(other_org_, "stranger@other.test", Role::kOwner);
  const Principal theirs = SignedIn(stranger);
  const auto their_token = auth_->CreateToken(theirs, {.name = "t", .scopes = {"audit:read"}});
  ASSERT_TRUE(their_token);
  const store::Person their_person = AddPerson(other_org_, "X1");

  const Principal mine = SignedIn(owner_);
  EXPECT_EQ(auth_->UpdateUser(mine, stranger.id, {.name = "x"}).error().code(),
            core::ErrorCode::kNotFound);
  EXPECT_EQ(auth_->CreateLink(mine, stranger.id, store::LinkPurpose::kPasswordReset).error().code(),
            core::ErrorCode::kNotFound);
  EXPECT_EQ(auth_->RevokeToken(mine, their_token->token.id).error().code(),
            core::ErrorCode::kNotFound);
  const auto person = auth_->UpdateUser(mine, owner_.id, {.person_id = their_person.id});
  ASSERT_FALSE(person);
  EXPECT_EQ(person.error().field(), "person_id");
  const auto users = auth_->ListUsers(mine);
  ASSERT_TRUE(users);
  for (const auto& user : *users) EXPECT_EQ(user.org_id, org_.id);
  EXPECT_EQ(auth_->ListTokens(mine, true)->size(), 0u);
}

TEST_F(AuthAccounts, AuditIsReadableByAuditReadersOnlyAndFiltersByPrefix) {
  ASSERT_TRUE(auth_->Login("owner@acme.test", "bad password", "10.0.0.1", "").error().code() ==
              core::ErrorCode::kUnauthenticated);
  const Principal owner = SignedIn(owner_);
  const auto page = auth_->ListAudit(owner, {.action = "auth.", .actor_id = {}}, {.limit = 50});
  ASSERT_TRUE(page) << page.error().ToString();
  ASSERT_EQ(page->items.size(), 2u);
  EXPECT_EQ(page->items[0].action, "auth.login");  // newest first
  EXPECT_EQ(page->items[1].action, "auth.login_failed");
  const Principal hr = SignedIn(AddUser(org_, "hr@acme.test", Role::kHr));
  EXPECT_EQ(auth_->ListAudit(hr, {}, {}).error().code(), core::ErrorCode::kPermissionDenied);
}

TEST_F(AuthAccounts, CommandLineAccountsAreAuditedAsTheSystem) {
  const auto entries = AuditOf(org_, "user.created");
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].actor_label, "system");
  EXPECT_TRUE(entries[0].actor_id.empty());
  EXPECT_EQ(entries[0].target, owner_.id.str());
  const auto missing =
      auth_->CreateUserWithPassword(store::OrganisationId::FromTrusted(std::string(26, '0')),
                                    "x@y.test", "X", Role::kOwner, kPassword);
  EXPECT_EQ(missing.error().code(), core::ErrorCode::kNotFound);
  EXPECT_EQ(
      auth_->CreateUserWithPassword(org_.id, "x@y.test", "X", Role::kOwner, "short").error().code(),
      core::ErrorCode::kUnprocessable);
}

}  // namespace
}  // namespace rapport::auth::testing

#include "rapport/auth/policy.h"

#include <gtest/gtest.h>

#include <array>
#include <set>
#include <string>

namespace rapport::auth {
namespace {

// The expected matrix, written out cell by cell rather than derived from the implementation.
// Columns: owner, admin, hr, cx_lead, knowledge_editor, employee. 'Y' allowed, '-' denied.
struct Row {
  Action action;
  std::string_view name;
  std::string_view cells;  // one character per role, in AllRoles() order
};

constexpr std::array<Row, 17> kExpected = {{
    //                                                      o a h c k e
    {Action::kSelf, "self", "YYYYYY"},
    {Action::kDirectoryRead, "directory.read", "YYYYYY"},
    {Action::kPeopleReadSensitive, "people.read_sensitive", "YYY---"},
    {Action::kPeopleWrite, "people.write", "YYY---"},
    {Action::kPeopleImport, "people.import", "YYY---"},
    {Action::kPeopleExport, "people.export", "YYY---"},
    {Action::kTeamsWrite, "teams.write", "YYY---"},
    {Action::kUsersRead, "users.read", "YYY---"},
    {Action::kUsersManage, "users.manage", "YY----"},
    {Action::kTokensOwn, "tokens.own", "YYYYY-"},
    {Action::kTokensManage, "tokens.manage", "YY----"},
    {Action::kAuditRead, "audit.read", "YY----"},
    {Action::kSettingsManage, "settings.manage", "YY----"},
    {Action::kKbRead, "kb.read", "YYYYYY"},
    {Action::kKbWrite, "kb.write", "YYYYYY"},
    {Action::kKbPublish, "kb.publish", "YY--Y-"},
    {Action::kKbManage, "kb.manage", "YY--Y-"},
}};

constexpr std::array<std::string_view, 6> kRoleNames = {
    "owner", "admin", "hr", "cx_lead", "knowledge_editor", "employee"};

store::UserId UserIdOf(char c) { return store::UserId::FromTrusted(std::string(26, c)); }

Principal SessionOf(Role role, char id = 'a') {
  Principal p;
  p.org_id = store::OrganisationId::FromTrusted(std::string(26, 'o'));
  p.user_id = UserIdOf(id);
  p.role = role;
  return p;
}

Principal TokenOf(Role role, std::vector<std::string> scopes) {
  Principal p = SessionOf(role);
  p.token_id = store::ApiTokenId::FromTrusted(std::string(26, 't'));
  p.scopes = std::move(scopes);
  return p;
}

TEST(Policy, EveryRoleAndActionCellMatchesTheDocumentedMatrix) {
  ASSERT_EQ(AllRoles().size(), kRoleNames.size());
  ASSERT_EQ(AllActions().size(), kExpected.size());
  for (std::size_t a = 0; a < kExpected.size(); ++a) {
    const Row& row = kExpected[a];
    EXPECT_EQ(AllActions()[a], row.action);
    EXPECT_EQ(ActionName(row.action), row.name);
    for (std::size_t r = 0; r < kRoleNames.size(); ++r) {
      const Role role = AllRoles()[r];
      EXPECT_EQ(RoleName(role), kRoleNames[r]);
      const bool expected = row.cells[r] == 'Y';
      EXPECT_EQ(RoleAllows(role, row.action), expected) << kRoleNames[r] << " x " << row.name;
      EXPECT_EQ(Authorize(SessionOf(role), row.action).has_value(), expected)
          << kRoleNames[r] << " x " << row.name;
    }
  }
}

TEST(Policy, DenialsArePermissionDeniedAndNameTheAction) {
  const auto status = Authorize(SessionOf(Role::kEmployee), Action::kPeopleImport);
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().code(), core::ErrorCode::kPermissionDenied);
  EXPECT_NE(status.error().message().find("people.import"), std::string::npos);
}

TEST(Policy, ManagerRelationGrantsSensitiveReadsToAnyRoleAndNothingElse) {
  for (Role role : AllRoles()) {
    EXPECT_TRUE(RoleAllows(role, Action::kPeopleReadSensitive, Relation::kManagerOf));
    EXPECT_TRUE(Authorize(SessionOf(role), Action::kPeopleReadSensitive, Relation::kManagerOf));
  }
  EXPECT_FALSE(RoleAllows(Role::kEmployee, Action::kPeopleWrite, Relation::kManagerOf));
  EXPECT_FALSE(RoleAllows(Role::kEmployee, Action::kPeopleExport, Relation::kManagerOf));
  EXPECT_FALSE(RoleAllows(Role::kEmployee, Action::kPeopleReadSensitive, Relation::kNone));
}

TEST(Policy, RolesParseFromTheirNamesOnly) {
  for (Role role : AllRoles()) {
    const auto parsed = ParseRole(RoleName(role));
    ASSERT_TRUE(parsed);
    EXPECT_EQ(*parsed, role);
  }
  for (std::string_view bad : {"", "Owner", "root", "admin ", "cx-lead"}) {
    const auto parsed = ParseRole(bad);
    ASSERT_FALSE(parsed) << bad;
    EXPECT_EQ(parsed.error().code(), core::ErrorCode::kInvalidArgument);
    EXPECT_EQ(parsed.error().field(), "role");
  }
}

TEST(Policy, ScopesAreSortedAndEveryTokenGrantableActionHasAKnownScope) {
  const auto scopes = AllScopes();
  EXPECT_EQ(std::vector<std::string_view>(scopes.begin(), scopes.end()),
            (std::vector<std::string_view>{"audit:read", "directory:read", "directory:write",
                                           "kb:admin", "kb:read", "kb:write", "users:admin"}));
  struct ScopeRow {
    Action action;
    std::string_view scope;
  };
  const std::array<ScopeRow, 17> expected = {{
      {Action::kSelf, ""},
      {Action::kDirectoryRead, "directory:read"},
      {Action::kPeopleReadSensitive, "directory:read"},
      {Action::kPeopleWrite, "directory:write"},
      {Action::kPeopleImport, "directory:write"},
      {Action::kPeopleExport, "directory:write"},
      {Action::kTeamsWrite, "directory:write"},
      {Action::kUsersRead, "users:admin"},
      {Action::kUsersManage, "users:admin"},
      {Action::kTokensOwn, ""},
      {Action::kTokensManage, "users:admin"},
      {Action::kAuditRead, "audit:read"},
      {Action::kSettingsManage, "users:admin"},
      {Action::kKbRead, "kb:read"},
      {Action::kKbWrite, "kb:write"},
      {Action::kKbPublish, "kb:write"},
      {Action::kKbManage, "kb:admin"},
  }};
  for (const auto& row : expected) {
    EXPECT_EQ(ScopeOf(row.action), row.scope) << ActionName(row.action);
    EXPECT_EQ(SessionOnly(row.action), row.scope.empty()) << ActionName(row.action);
  }
}

TEST(Policy, TokenScopesNarrowButNeverWidenTheRole) {
  // An owner's token with only directory:read.
  const Principal reader = TokenOf(Role::kOwner, {"directory:read"});
  EXPECT_TRUE(Authorize(reader, Action::kDirectoryRead));
  EXPECT_TRUE(Authorize(reader, Action::kPeopleReadSensitive));
  EXPECT_FALSE(Authorize(reader, Action::kPeopleWrite));
  EXPECT_FALSE(Authorize(reader, Action::kUsersRead));
  EXPECT_FALSE(Authorize(reader, Action::kAuditRead));

  // An employee's token with every scope still cannot do what the role cannot.
  const Principal employee =
      TokenOf(Role::kEmployee, {"audit:read", "directory:read", "directory:write", "users:admin"});
  EXPECT_TRUE(Authorize(employee, Action::kDirectoryRead));
  EXPECT_FALSE(Authorize(employee, Action::kPeopleWrite));
  EXPECT_FALSE(Authorize(employee, Action::kAuditRead));
  EXPECT_FALSE(Authorize(employee, Action::kUsersManage));

  // A token without scopes can do nothing.
  const Principal none = TokenOf(Role::kOwner, {});
  for (Action action : AllActions()) EXPECT_FALSE(Authorize(none, action)) << ActionName(action);
}

TEST(Policy, SessionOnlyActionsAreNeverGrantedToTokens) {
  const Principal all = TokenOf(Role::kOwner, {"audit:read", "directory:read", "directory:write",
                                               "kb:admin", "kb:read", "kb:write", "users:admin"});
  for (Action action : AllActions()) {
    EXPECT_EQ(Authorize(all, action).has_value(), !SessionOnly(action)) << ActionName(action);
  }
  const auto status = Authorize(all, Action::kTokensOwn);
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().code(), core::ErrorCode::kPermissionDenied);
}

TEST(Policy, RoleChangesFollowTheOwnerRules) {
  const Principal owner = SessionOf(Role::kOwner, 'a');
  const Principal admin = SessionOf(Role::kAdmin, 'b');
  const Principal hr = SessionOf(Role::kHr, 'c');
  const store::UserId other = UserIdOf('z');

  struct Case {
    const Principal* actor;
    Role from;
    Role to;
    bool allowed;
  };
  const Case cases[] = {
      {&owner, Role::kEmployee, Role::kOwner, true},
      {&owner, Role::kOwner, Role::kAdmin, true},
      {&owner, Role::kEmployee, Role::kAdmin, true},
      {&admin, Role::kEmployee, Role::kAdmin, true},
      {&admin, Role::kHr, Role::kEmployee, true},
      {&admin, Role::kEmployee, Role::kOwner, false},  // admin cannot grant owner
      {&admin, Role::kOwner, Role::kAdmin, false},     // nor remove it
      {&admin, Role::kOwner, Role::kOwner, true},      // no change
      {&hr, Role::kEmployee, Role::kCxLead, false},    // hr lacks users.manage
  };
  for (const auto& c : cases) {
    EXPECT_EQ(AuthorizeRoleChange(*c.actor, other, c.from, c.to).has_value(), c.allowed)
        << RoleName(c.actor->role) << ": " << RoleName(c.from) << " -> " << RoleName(c.to);
  }
  // Nobody changes their own role, not even an owner.
  EXPECT_FALSE(AuthorizeRoleChange(owner, owner.user_id, Role::kOwner, Role::kAdmin));
  EXPECT_FALSE(AuthorizeRoleChange(admin, admin.user_id, Role::kAdmin, Role::kOwner));
  EXPECT_FALSE(AuthorizeRoleChange(admin, admin.user_id, Role::kAdmin, Role::kEmployee));
}

TEST(Policy, OnlyOwnersGrantOwnerAndActOnOwnerAccounts) {
  const Principal owner = SessionOf(Role::kOwner);
  const Principal admin = SessionOf(Role::kAdmin);
  const Principal hr = SessionOf(Role::kHr);
  EXPECT_TRUE(AuthorizeRoleGrant(owner, Role::kOwner));
  EXPECT_FALSE(AuthorizeRoleGrant(admin, Role::kOwner));
  EXPECT_TRUE(AuthorizeRoleGrant(admin, Role::kAdmin));
  EXPECT_FALSE(AuthorizeRoleGrant(hr, Role::kEmployee));

  EXPECT_TRUE(AuthorizeAccountChange(owner, Role::kOwner));
  EXPECT_FALSE(AuthorizeAccountChange(admin, Role::kOwner));
  EXPECT_TRUE(AuthorizeAccountChange(admin, Role::kAdmin));
  EXPECT_FALSE(AuthorizeAccountChange(hr, Role::kEmployee));

  // A token needs users:admin for these, like for any users.manage action.
  EXPECT_FALSE(AuthorizeRoleGrant(TokenOf(Role::kOwner, {"directory:read"}), Role::kEmployee));
  EXPECT_TRUE(AuthorizeRoleGrant(TokenOf(Role::kOwner, {"users:admin"}), Role::kEmployee));
}

TEST(Policy, ActionNamesAreUnique) {
  std::set<std::string_view> names;
  for (Action action : AllActions()) EXPECT_TRUE(names.insert(ActionName(action)).second);
}

}  // namespace
}  // namespace rapport::auth

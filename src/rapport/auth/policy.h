#pragma once

// Who may do what. Every access decision in Rapport is made here, from a principal (who is
// asking, in which organisation, with which role, through a session or a scoped API token)
// and an action; handlers and services call Authorize and never compare roles themselves.
//
// The matrix (role x action) is data in policy.cc, documented in docs/security.md, and
// covered cell by cell by policy_test.cc. One relation widens it: a manager (any role whose
// directory entry has reports) may read the sensitive fields of people in their reporting
// subtree; the caller establishes the relation from the org chart.
//
// Objects of another organisation never reach these checks: repositories filter by the
// principal's organisation and answer NotFound, so a probe cannot tell "forbidden" from
// "absent".
//
// Thread-safety: pure functions over immutable data.

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "rapport/core/clock.h"
#include "rapport/core/error.h"
#include "rapport/store/access.h"
#include "rapport/store/audit.h"
#include "rapport/store/directory.h"
#include "rapport/store/organisation.h"

namespace rapport::auth {

enum class Role { kOwner, kAdmin, kHr, kCxLead, kKnowledgeEditor, kEmployee };

std::span<const Role> AllRoles();
std::string_view RoleName(Role role);  // "owner", "admin", "hr", "cx_lead", ...
// InvalidArgument (field "role") for anything but a role name.
core::Result<Role> ParseRole(std::string_view name);

enum class Action {
  kSelf,                 // read one's own account, sign out, change one's password
  kDirectoryRead,        // names, e-mails, titles, teams, managers, the org chart
  kPeopleReadSensitive,  // employee id, hire date, employment type, attributes, status
  kPeopleWrite,          // create and edit people
  kPeopleImport,
  kPeopleExport,
  kTeamsWrite,
  kUsersRead,     // list accounts and roles
  kUsersManage,   // create accounts, change roles, disable, invitation and reset links
  kTokensOwn,     // create, list and revoke one's own API tokens
  kTokensManage,  // list and revoke every token of the organisation
  kAuditRead,
  kSettingsManage,
  kKbRead,     // published internal articles, and those restricted to one's role
  kKbWrite,    // write drafts, propose changes, give feedback
  kKbPublish,  // approve, archive, delete and verify articles; visibility and ownership
  kKbManage,   // knowledge-base categories and settings
};

std::span<const Action> AllActions();
std::string_view ActionName(Action action);  // "people.import", ...
// The API-token scope that grants the action: "directory:read", "directory:write",
// "users:admin", "audit:read", ... Several actions share a scope; empty for session-only
// actions (see SessionOnly).
std::string_view ScopeOf(Action action);
// Every scope a token may carry, sorted.
std::span<const std::string_view> AllScopes();
// Actions that need a signed-in session and that no token scope grants (ScopeOf answers ""):
// kSelf (changing the password, reading and ending one's session) and kTokensOwn (minting
// tokens), so a leaked token can neither take over the account nor multiply itself.
bool SessionOnly(Action action);

enum class Relation {
  kNone,
  kManagerOf,  // the object is a person in the principal's reporting subtree
};

struct Principal {
  store::OrganisationId org_id;
  store::UserId user_id;
  std::string email;
  std::string name;
  Role role = Role::kEmployee;
  std::optional<store::PersonId> person_id;
  // Set when the request authenticated with an API token: the token and its scopes, which
  // narrow (never widen) what the role allows.
  std::optional<store::ApiTokenId> token_id;
  std::vector<std::string> scopes;
  // Where the request came from, for the audit log; empty when unknown (the CLI).
  std::string remote_address;
};

// The matrix itself: whether `role` may perform `action`, given `relation`.
bool RoleAllows(Role role, Action action, Relation relation = Relation::kNone);

// Ok when the role allows the action (with the relation) and, for a token, one of its
// scopes grants it. PermissionDenied otherwise, with a message naming the action.
core::Status Authorize(const Principal& principal, Action action,
                       Relation relation = Relation::kNone);

// Role changes have their own rule: only an owner grants or removes the owner role; nobody
// changes their own role. (Keeping at least one owner is the service's check: it needs the
// store.) Includes Authorize(actor, kUsersManage). `from == to` is no change and needs only
// users.manage.
core::Status AuthorizeRoleChange(const Principal& actor, const store::UserId& target, Role from,
                                 Role to);

// Giving a new account `role`: users.manage, and only an owner creates owners.
core::Status AuthorizeRoleGrant(const Principal& actor, Role role);

// Acting on another account whose role is `target_role` (disabling it, renaming it, issuing
// an invitation or a password-reset link): users.manage, and only an owner acts on an owner's
// account, since a reset link for an owner would hand its holder the owner role.
core::Status AuthorizeAccountChange(const Principal& actor, Role target_role);

// The audit entry for `principal` doing `action` on `target` at `now`: the actor is the
// account (labelled with its e-mail, and the token when one was used) and the address the
// request came from.
store::AuditEntry AuditEntryFor(const Principal& principal, core::TimePoint now, std::string action,
                                std::string target, std::string detail);

}  // namespace rapport::auth

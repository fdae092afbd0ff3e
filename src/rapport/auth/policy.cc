#include "rapport/auth/policy.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <initializer_list>

namespace rapport::auth {
namespace {

constexpr std::array kRoles = {Role::kOwner,  Role::kAdmin,           Role::kHr,
                               Role::kCxLead, Role::kKnowledgeEditor, Role::kEmployee};

constexpr std::array kActions = {
    Action::kSelf,           Action::kDirectoryRead, Action::kPeopleReadSensitive,
    Action::kPeopleWrite,    Action::kPeopleImport,  Action::kPeopleExport,
    Action::kTeamsWrite,     Action::kUsersRead,     Action::kUsersManage,
    Action::kTokensOwn,      Action::kTokensManage,  Action::kAuditRead,
    Action::kSettingsManage, Action::kKbRead,        Action::kKbWrite,
    Action::kKbPublish,      Action::kKbManage,
};
constexpr std::size_t kActionCount = kActions.size();

constexpr std::size_t Bit(Action action) { return static_cast<std::size_t>(action); }

// One row of the matrix: the set of actions a role may perform, as bits.
using ActionSet = unsigned;
static_assert(kActionCount <= sizeof(ActionSet) * 8);

constexpr ActionSet SetOf(std::initializer_list<Action> actions) {
  ActionSet set = 0;
  for (Action a : actions) set |= 1U << Bit(a);
  return set;
}

constexpr ActionSet kEverything = (1U << kActionCount) - 1;

// The matrix. Owner and admin differ only in what AuthorizeRoleChange/AuthorizeAccountChange
// reserve for owners; both may do every action here.
constexpr ActionSet RowOf(Role role) {
  switch (role) {
    case Role::kOwner:
    case Role::kAdmin:
      return kEverything;
    case Role::kHr:
      return SetOf({Action::kSelf, Action::kDirectoryRead, Action::kPeopleReadSensitive,
                    Action::kPeopleWrite, Action::kPeopleImport, Action::kPeopleExport,
                    Action::kTeamsWrite, Action::kUsersRead, Action::kTokensOwn, Action::kKbRead,
                    Action::kKbWrite});
    case Role::kCxLead:
      return SetOf({Action::kSelf, Action::kDirectoryRead, Action::kTokensOwn, Action::kKbRead,
                    Action::kKbWrite});
    case Role::kKnowledgeEditor:
      return SetOf({Action::kSelf, Action::kDirectoryRead, Action::kTokensOwn, Action::kKbRead,
                    Action::kKbWrite, Action::kKbPublish, Action::kKbManage});
    case Role::kEmployee:
      return SetOf({Action::kSelf, Action::kDirectoryRead, Action::kKbRead, Action::kKbWrite});
  }
  return 0;
}

// Scope names, sorted (AllScopes promises the order).
constexpr std::string_view kAuditRead = "audit:read";
constexpr std::string_view kDirectoryRead = "directory:read";
constexpr std::string_view kDirectoryWrite = "directory:write";
constexpr std::string_view kKbAdmin = "kb:admin";
constexpr std::string_view kKbRead = "kb:read";
constexpr std::string_view kKbWrite = "kb:write";
constexpr std::string_view kUsersAdmin = "users:admin";
constexpr std::array kScopes = {kAuditRead, kDirectoryRead, kDirectoryWrite, kKbAdmin,
                                kKbRead,    kKbWrite,       kUsersAdmin};

bool HasScope(const Principal& principal, std::string_view scope) {
  return std::find(principal.scopes.begin(), principal.scopes.end(), scope) !=
         principal.scopes.end();
}

std::unexpected<core::Error> Denied(Action action) {
  return core::PermissionDenied("your role does not allow " + std::string(ActionName(action)));
}

}  // namespace

std::span<const Role> AllRoles() { return kRoles; }

std::string_view RoleName(Role role) {
  switch (role) {
    case Role::kOwner:
      return "owner";
    case Role::kAdmin:
      return "admin";
    case Role::kHr:
      return "hr";
    case Role::kCxLead:
      return "cx_lead";
    case Role::kKnowledgeEditor:
      return "knowledge_editor";
    case Role::kEmployee:
      return "employee";
  }
  return "employee";
}

core::Result<Role> ParseRole(std::string_view name) {
  for (Role role : kRoles) {
    if (RoleName(role) == name) return role;
  }
  return core::InvalidArgument(
      "role must be one of owner, admin, hr, cx_lead, knowledge_editor, employee", "role");
}

std::span<const Action> AllActions() { return kActions; }

std::string_view ActionName(Action action) {
  switch (action) {
    case Action::kSelf:
      return "self";
    case Action::kDirectoryRead:
      return "directory.read";
    case Action::kPeopleReadSensitive:
      return "people.read_sensitive";
    case Action::kPeopleWrite:
      return "people.write";
    case Action::kPeopleImport:
      return "people.import";
    case Action::kPeopleExport:
      return "people.export";
    case Action::kTeamsWrite:
      return "teams.write";
    case Action::kUsersRead:
      return "users.read";
    case Action::kUsersManage:
      return "users.manage";
    case Action::kTokensOwn:
      return "tokens.own";
    case Action::kTokensManage:
      return "tokens.manage";
    case Action::kAuditRead:
      return "audit.read";
    case Action::kSettingsManage:
      return "settings.manage";
    case Action::kKbRead:
      return "kb.read";
    case Action::kKbWrite:
      return "kb.write";
    case Action::kKbPublish:
      return "kb.publish";
    case Action::kKbManage:
      return "kb.manage";
  }
  return "self";
}

std::string_view ScopeOf(Action action) {
  switch (action) {
    case Action::kSelf:
    case Action::kTokensOwn:
      return {};
    case Action::kDirectoryRead:
    case Action::kPeopleReadSensitive:
      return kDirectoryRead;
    case Action::kPeopleWrite:
    case Action::kPeopleImport:
    case Action::kPeopleExport:
    case Action::kTeamsWrite:
      return kDirectoryWrite;
    case Action::kUsersRead:
    case Action::kUsersManage:
    case Action::kTokensManage:
    case Action::kSettingsManage:
      return kUsersAdmin;
    case Action::kAuditRead:
      return kAuditRead;
    case Action::kKbRead:
      return kKbRead;
    case Action::kKbWrite:
    case Action::kKbPublish:
      return kKbWrite;
    case Action::kKbManage:
      return kKbAdmin;
  }
  return {};
}

std::span<const std::string_view> AllScopes() { return kScopes; }

bool SessionOnly(Action action) { return ScopeOf(action).empty(); }

bool RoleAllows(Role role, Action action, Relation relation) {
  if (relation == Relation::kManagerOf && action == Action::kPeopleReadSensitive) return true;
  return (RowOf(role) & (1U << Bit(action))) != 0;
}

core::Status Authorize(const Principal& principal, Action action, Relation relation) {
  if (!RoleAllows(principal.role, action, relation)) return Denied(action);
  if (!principal.token_id) return core::Ok();
  const std::string_view scope = ScopeOf(action);
  if (scope.empty()) {
    return core::PermissionDenied(std::string(ActionName(action)) +
                                  " needs a signed-in session; API tokens cannot do it");
  }
  if (!HasScope(principal, scope)) {
    return core::PermissionDenied("this API token lacks the scope " + std::string(scope) +
                                  " needed for " + std::string(ActionName(action)));
  }
  return core::Ok();
}

core::Status AuthorizeRoleGrant(const Principal& actor, Role role) {
  RAPPORT_RETURN_IF_ERROR(Authorize(actor, Action::kUsersManage));
  if (role == Role::kOwner && actor.role != Role::kOwner) {
    return core::PermissionDenied("only an owner can grant the owner role");
  }
  return core::Ok();
}

core::Status AuthorizeRoleChange(const Principal& actor, const store::UserId& target, Role from,
                                 Role to) {
  RAPPORT_RETURN_IF_ERROR(Authorize(actor, Action::kUsersManage));
  if (from == to) return core::Ok();
  if (actor.user_id == target) return core::PermissionDenied("you cannot change your own role");
  if ((from == Role::kOwner || to == Role::kOwner) && actor.role != Role::kOwner) {
    return core::PermissionDenied("only an owner can grant or remove the owner role");
  }
  return core::Ok();
}

core::Status AuthorizeAccountChange(const Principal& actor, Role target_role) {
  RAPPORT_RETURN_IF_ERROR(Authorize(actor, Action::kUsersManage));
  if (target_role == Role::kOwner && actor.role != Role::kOwner) {
    return core::PermissionDenied("only an owner can change an owner's account");
  }
  return core::Ok();
}

store::AuditEntry AuditEntryFor(const Principal& principal, core::TimePoint now, std::string action,
                                std::string target, std::string detail) {
  std::string label = principal.email;
  if (principal.token_id) label += " (token " + principal.token_id->str() + ")";
  return store::AuditEntry{.seq = 0,
                           .org_id = principal.org_id,
                           .at = now,
                           .actor_id = principal.user_id.str(),
                           .actor_label = std::move(label),
                           .action = std::move(action),
                           .target = std::move(target),
                           .detail = std::move(detail),
                           .remote_address = principal.remote_address};
}

}  // namespace rapport::auth

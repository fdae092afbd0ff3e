// AuthService: accounts, their roles, and invitation and password-reset links.

#include <string>
#include <utility>
#include <vector>

#include "rapport/auth/internal/service_util.h"
#include "rapport/auth/internal/text.h"
#include "rapport/auth/service.h"
#include "rapport/core/audit_detail.h"

namespace rapport::auth {
namespace {

using core::AuditDetail;

// The person an account links to must be in the account's organisation.
core::Status CheckPerson(store::ReadTx& tx, const store::OrganisationId& org,
                         const store::PersonId& person) {
  auto found = tx.people().Get(org, person);
  if (found) return core::Ok();
  if (found.error().code() == core::ErrorCode::kNotFound) {
    return core::Unprocessable("no such person in the directory", "person_id");
  }
  return std::unexpected(std::move(found).error());
}

core::Status CheckEmailFree(store::ReadTx& tx, const std::string& email) {
  auto found = tx.users().GetByEmail(email);
  if (found) return core::Conflict("an account with this e-mail already exists");
  if (found.error().code() == core::ErrorCode::kNotFound) return core::Ok();
  return std::unexpected(std::move(found).error());
}

core::Result<Role> StoredRole(const store::User& user) {
  const auto role = ParseRole(user.role);
  if (!role) return core::Internal("account " + user.id.str() + " has an unknown role");
  return *role;
}

std::string_view LinkAction(store::LinkPurpose purpose) {
  return purpose == store::LinkPurpose::kInvitation ? "user.invitation_created"
                                                    : "user.password_reset_created";
}

}  // namespace

core::Status AuthService::KeepAnEnabledOwner(store::WriteTx& tx, const store::User& leaving) {
  if (leaving.disabled || leaving.role != RoleName(Role::kOwner)) return core::Ok();
  RAPPORT_ASSIGN_OR_RETURN(const auto users, tx.users().ListAll(leaving.org_id));
  for (const auto& user : users) {
    if (user.id != leaving.id && !user.disabled && user.role == RoleName(Role::kOwner)) {
      return core::Ok();
    }
  }
  return core::Conflict("the organisation needs at least one enabled owner");
}

core::Result<std::pair<int, int>> AuthService::CutOff(store::WriteTx& tx, const store::User& user) {
  RAPPORT_ASSIGN_OR_RETURN(const int sessions, tx.sessions().DeleteForUser(user.org_id, user.id));
  RAPPORT_ASSIGN_OR_RETURN(const auto tokens, tx.api_tokens().List(user.org_id, user.id));
  int revoked = 0;
  const core::TimePoint now = clock_.Now();
  for (const auto& token : tokens) {
    if (token.revoked_at) continue;
    RAPPORT_RETURN_IF_ERROR(tx.api_tokens().Revoke(user.org_id, token.id, now));
    ++revoked;
  }
  return std::pair{sessions, revoked};
}

core::Result<std::vector<store::User>> AuthService::ListUsers(const Principal& principal) {
  RAPPORT_RETURN_IF_ERROR(Authorize(principal, Action::kUsersRead));
  return store::ReadValue<std::vector<store::User>>(
      store_, [&](store::ReadTx& tx) { return tx.users().ListAll(principal.org_id); });
}

core::Result<store::User> AuthService::CreateUser(const Principal& principal, const NewUser& user) {
  RAPPORT_RETURN_IF_ERROR(AuthorizeRoleGrant(principal, user.role));
  const std::string email = internal::NormaliseEmail(user.email);
  RAPPORT_RETURN_IF_ERROR(internal::ValidateEmail(email, "email"));
  RAPPORT_ASSIGN_OR_RETURN(std::string name, internal::NormaliseName(user.name, "name"));
  return store::WriteValue<store::User>(
      store_, [&](store::WriteTx& tx) -> core::Result<store::User> {
        if (user.person_id)
          RAPPORT_RETURN_IF_ERROR(CheckPerson(tx, principal.org_id, *user.person_id));
        RAPPORT_RETURN_IF_ERROR(CheckEmailFree(tx, email));
        store::User row;
        row.id = ids_.New<store::UserTag>();
        row.org_id = principal.org_id;
        row.email = email;
        row.name = name;
        row.role = std::string(RoleName(user.role));
        row.person_id = user.person_id;
        RAPPORT_ASSIGN_OR_RETURN(store::User created, tx.users().Create(row));
        RAPPORT_RETURN_IF_ERROR(
            Audit(tx, ActorOf(principal), "user.created", created.id.str(),
                  AuditDetail().Add("email", created.email).Add("role", created.role).str()));
        return created;
      });
}

core::Result<store::User> AuthService::UpdateUser(const Principal& principal,
                                                  const store::UserId& id, const UserPatch& patch) {
  RAPPORT_RETURN_IF_ERROR(Authorize(principal, Action::kUsersManage));
  std::optional<std::string> name;
  if (patch.name) {
    RAPPORT_ASSIGN_OR_RETURN(name, internal::NormaliseName(*patch.name, "name"));
  }
  return store::WriteValue<
      store::User>(store_, [&](store::WriteTx& tx) -> core::Result<store::User> {
    RAPPORT_ASSIGN_OR_RETURN(store::User user, tx.users().Get(principal.org_id, id));
    RAPPORT_ASSIGN_OR_RETURN(const Role role, StoredRole(user));
    RAPPORT_RETURN_IF_ERROR(AuthorizeAccountChange(principal, role));
    store::User next = user;
    if (patch.role && *patch.role != role) {
      RAPPORT_RETURN_IF_ERROR(AuthorizeRoleChange(principal, id, role, *patch.role));
      RAPPORT_RETURN_IF_ERROR(KeepAnEnabledOwner(tx, user));
      next.role = std::string(RoleName(*patch.role));
    }
    const bool disabling = patch.disabled && *patch.disabled && !user.disabled;
    const bool enabling = patch.disabled && !*patch.disabled && user.disabled;
    if (disabling) {
      if (id == principal.user_id) {
        return core::PermissionDenied("you cannot disable your own account");
      }
      RAPPORT_RETURN_IF_ERROR(KeepAnEnabledOwner(tx, user));
    }
    if (patch.disabled) next.disabled = *patch.disabled;
    if (name) next.name = *name;
    if (patch.person_id) {
      if (*patch.person_id) {
        RAPPORT_RETURN_IF_ERROR(CheckPerson(tx, principal.org_id, **patch.person_id));
      }
      next.person_id = *patch.person_id;
    }
    if (next == user) return user;
    RAPPORT_ASSIGN_OR_RETURN(store::User updated, tx.users().Update(next));

    const Actor actor = ActorOf(principal);
    const std::string& target = id.str();
    if (next.role != user.role) {
      RAPPORT_RETURN_IF_ERROR(
          Audit(tx, actor, "user.role_changed", target,
                AuditDetail().Add("from", user.role).Add("to", next.role).str()));
    }
    if (disabling) {
      RAPPORT_ASSIGN_OR_RETURN(const auto cut, CutOff(tx, updated));
      RAPPORT_RETURN_IF_ERROR(Audit(
          tx, actor, "user.disabled", target,
          AuditDetail().Add("sessions_ended", cut.first).Add("tokens_revoked", cut.second).str()));
    }
    if (enabling) RAPPORT_RETURN_IF_ERROR(Audit(tx, actor, "user.enabled", target));
    std::vector<std::string> fields;
    if (next.name != user.name) fields.emplace_back("name");
    if (next.person_id != user.person_id) fields.emplace_back("person_id");
    if (!fields.empty()) {
      RAPPORT_RETURN_IF_ERROR(
          Audit(tx, actor, "user.updated", target, AuditDetail().Add("fields", fields).str()));
    }
    return updated;
  });
}

core::Result<IssuedLink> AuthService::CreateLink(const Principal& principal,
                                                 const store::UserId& id,
                                                 store::LinkPurpose purpose) {
  RAPPORT_RETURN_IF_ERROR(Authorize(principal, Action::kUsersManage));
  return store::WriteValue<IssuedLink>(store_, [&](store::WriteTx& tx) -> core::Result<IssuedLink> {
    RAPPORT_ASSIGN_OR_RETURN(const store::User user, tx.users().Get(principal.org_id, id));
    RAPPORT_ASSIGN_OR_RETURN(const Role role, StoredRole(user));
    RAPPORT_RETURN_IF_ERROR(AuthorizeAccountChange(principal, role));
    if (user.disabled) return core::Conflict("the account is disabled; enable it first");
    if (purpose == store::LinkPurpose::kInvitation && !user.password_hash.empty()) {
      return core::Conflict("the account already has a password; send a password reset instead");
    }
    const core::TimePoint now = clock_.Now();
    IssuedLink issued;
    issued.secret = NewSecret(random_, kLinkSecretPrefix);
    issued.purpose = purpose;
    issued.expires_at =
        now + (purpose == store::LinkPurpose::kInvitation ? options_.invitation_lifetime
                                                          : options_.reset_lifetime);
    store::UserLink link;
    link.token_hash = HashSecret(issued.secret);
    link.org_id = user.org_id;
    link.user_id = user.id;
    link.purpose = purpose;
    link.created_by = principal.user_id;
    link.created_at = now;
    link.expires_at = issued.expires_at;
    RAPPORT_RETURN_IF_ERROR(tx.user_links().Create(link));
    RAPPORT_RETURN_IF_ERROR(
        Audit(tx, ActorOf(principal), std::string(LinkAction(purpose)), user.id.str(),
              AuditDetail().Add("expires_at", core::FormatIso8601(issued.expires_at)).str()));
    return issued;
  });
}

core::Result<SignIn> AuthService::RedeemLink(std::string_view secret, std::string_view new_password,
                                             std::string_view remote_address,
                                             std::string_view presented_session_secret) {
  RAPPORT_RETURN_IF_ERROR(CheckPasswordPolicy(new_password, "password"));
  // Links carry 256 bits, so guessing is hopeless; the address limit still bounds the argon2
  // work a client can cause.
  RAPPORT_RETURN_IF_ERROR(throttle_.Admit({}, remote_address));
  if (!internal::PlausibleSecret(secret, kLinkSecretPrefix)) return internal::LinkUnusable();
  const std::string hash = HashSecret(secret);

  // Checks the link, and again when it is consumed: the hash in between runs outside any
  // transaction, because argon2 must not hold the store's single writer.
  const auto usable = [&](store::WriteTx& tx) -> core::Result<store::UserLink> {
    auto link = tx.user_links().GetByHash(hash);
    if (!link) {
      if (link.error().code() == core::ErrorCode::kNotFound) return internal::LinkUnusable();
      return std::unexpected(std::move(link).error());
    }
    if (link->used_at || clock_.Now() >= link->expires_at) return internal::LinkUnusable();
    RAPPORT_ASSIGN_OR_RETURN(const store::User user, tx.users().Get(link->org_id, link->user_id));
    if (user.disabled) return internal::LinkUnusable();
    return link;
  };
  const core::Status checked = store_.Write([&](store::WriteTx& tx) -> core::Status {
    RAPPORT_RETURN_IF_ERROR(usable(tx));
    return core::Ok();
  });
  if (!checked) return std::unexpected(checked.error());

  std::string password_hash;
  {
    RAPPORT_ASSIGN_OR_RETURN(const auto slot, hash_slots_.Acquire());
    RAPPORT_ASSIGN_OR_RETURN(password_hash, HashPassword(new_password, options_.password_hash));
  }

  auto signed_in =
      store::WriteValue<SignIn>(store_, [&](store::WriteTx& tx) -> core::Result<SignIn> {
        RAPPORT_ASSIGN_OR_RETURN(const store::UserLink link, usable(tx));
        const core::TimePoint now = clock_.Now();
        const core::Status marked = tx.user_links().MarkUsed(hash, now);
        if (!marked) {
          if (marked.error().code() == core::ErrorCode::kConflict) return internal::LinkUnusable();
          return std::unexpected(marked.error());
        }
        RAPPORT_ASSIGN_OR_RETURN(store::User user, tx.users().Get(link.org_id, link.user_id));
        user.password_hash = password_hash;
        user.password_changed_at = now;
        RAPPORT_ASSIGN_OR_RETURN(user, tx.users().Update(user));
        // Whoever knew the old password (or planted a session) is signed out.
        RAPPORT_ASSIGN_OR_RETURN(const int ended,
                                 tx.sessions().DeleteForUser(user.org_id, user.id));
        if (internal::PlausibleSecret(presented_session_secret, kSessionSecretPrefix)) {
          RAPPORT_RETURN_IF_ERROR(tx.sessions().Delete(HashSecret(presented_session_secret)));
        }
        const bool invitation = link.purpose == store::LinkPurpose::kInvitation;
        RAPPORT_RETURN_IF_ERROR(
            Audit(tx, ActorOf(user, remote_address),
                  invitation ? "user.invitation_accepted" : "auth.password_reset", user.id.str(),
                  AuditDetail().Add("sessions_ended", ended).str()));
        return StartSession(tx, user, remote_address, "auth.login");
      });
  if (signed_in) throttle_.Succeeded({}, remote_address);
  return signed_in;
}

core::Result<store::User> AuthService::CreateUserWithPassword(const store::OrganisationId& org,
                                                              std::string_view email_text,
                                                              std::string_view name_text, Role role,
                                                              std::string_view password) {
  const std::string email = internal::NormaliseEmail(email_text);
  RAPPORT_RETURN_IF_ERROR(internal::ValidateEmail(email, "email"));
  RAPPORT_ASSIGN_OR_RETURN(const std::string name, internal::NormaliseName(name_text, "name"));
  RAPPORT_RETURN_IF_ERROR(CheckPasswordPolicy(password, "password"));
  std::string password_hash;
  {
    RAPPORT_ASSIGN_OR_RETURN(const auto slot, hash_slots_.Acquire());
    RAPPORT_ASSIGN_OR_RETURN(password_hash, HashPassword(password, options_.password_hash));
  }
  return store::WriteValue<store::User>(
      store_, [&](store::WriteTx& tx) -> core::Result<store::User> {
        RAPPORT_RETURN_IF_ERROR(tx.organisations().Get(org));
        RAPPORT_RETURN_IF_ERROR(CheckEmailFree(tx, email));
        store::User row;
        row.id = ids_.New<store::UserTag>();
        row.org_id = org;
        row.email = email;
        row.name = name;
        row.role = std::string(RoleName(role));
        row.password_hash = password_hash;
        row.password_changed_at = clock_.Now();
        RAPPORT_ASSIGN_OR_RETURN(store::User created, tx.users().Create(row));
        const Actor system{org, "", "system", ""};
        RAPPORT_RETURN_IF_ERROR(Audit(tx, system, "user.created", created.id.str(),
                                      AuditDetail()
                                          .Add("email", created.email)
                                          .Add("role", created.role)
                                          .Add("via", "cli")
                                          .str()));
        return created;
      });
}

}  // namespace rapport::auth

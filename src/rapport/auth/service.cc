// AuthService: sign-in, sessions, tokens as credentials, and the helpers the other parts
// (service_users.cc, service_tokens.cc) share.

#include "rapport/auth/service.h"

#include <utility>

#include "rapport/auth/internal/service_util.h"
#include "rapport/auth/internal/text.h"
#include "rapport/core/audit_detail.h"

namespace rapport::auth {

using core::AuditDetail;
using internal::BadCredentials;
using internal::SessionEnded;
using internal::ThrottleKey;

void AuthService::LockedRandom::Fill(std::span<std::byte> out) {
  core::MutexLock lock(mu_);
  inner_->Fill(out);
}

AuthService::AuthService(store::Store& store, const core::Clock& clock, core::Random& random,
                         AuthOptions options)
    : store_(store),
      clock_(clock),
      random_(random),
      ids_(clock, random_),
      options_(options),
      throttle_(clock, options_.throttle),
      hash_slots_(options_.max_concurrent_hashes, options_.hash_wait) {
  // Only fails without a source of entropy; the first hash would then report Internal.
  // app/ calls InitCrypto() at start-up and refuses to start instead.
  (void)InitCrypto();
}

AuthService::Actor AuthService::ActorOf(const Principal& principal) {
  std::string label = principal.email;
  if (principal.token_id) label += " (token " + principal.token_id->str() + ")";
  return {principal.org_id, principal.user_id.str(), std::move(label), principal.remote_address};
}

AuthService::Actor AuthService::ActorOf(const store::User& user, std::string_view remote_address) {
  return {user.org_id, user.id.str(), user.email, std::string(remote_address)};
}

core::Status AuthService::Audit(store::WriteTx& tx, const Actor& actor, std::string action,
                                std::string target, std::string detail) {
  store::AuditEntry entry;
  entry.org_id = actor.org_id;
  entry.at = clock_.Now();
  entry.actor_id = actor.id;
  entry.actor_label = actor.label;
  entry.action = std::move(action);
  entry.target = std::move(target);
  entry.detail = std::move(detail);
  entry.remote_address = actor.remote_address;
  RAPPORT_RETURN_IF_ERROR(tx.audit().Append(entry));
  return core::Ok();
}

core::Result<SignIn> AuthService::StartSession(store::WriteTx& tx, const store::User& user,
                                               std::string_view remote_address,
                                               std::string action) {
  const core::TimePoint now = clock_.Now();
  std::string secret = NewSecret(random_, kSessionSecretPrefix);
  store::Session session;
  session.token_hash = HashSecret(secret);
  session.org_id = user.org_id;
  session.user_id = user.id;
  session.created_at = now;
  session.last_seen_at = now;
  session.expires_at = now + options_.session_absolute;
  session.remote_address = std::string(remote_address);
  RAPPORT_RETURN_IF_ERROR(tx.sessions().Create(session));
  if (!action.empty()) {
    RAPPORT_RETURN_IF_ERROR(
        Audit(tx, ActorOf(user, remote_address), std::move(action), user.id.str()));
  }
  std::string csrf = CsrfTokenFor(secret);
  return SignIn{user, std::move(secret), std::move(csrf), session.expires_at};
}

core::Result<Principal> AuthService::PrincipalOf(const store::User& user) const {
  const auto role = ParseRole(user.role);
  if (!role) return core::Internal("account " + user.id.str() + " has an unknown role");
  Principal principal;
  principal.org_id = user.org_id;
  principal.user_id = user.id;
  principal.email = user.email;
  principal.name = user.name;
  principal.role = *role;
  principal.person_id = user.person_id;
  return principal;
}

core::Status AuthService::AuditLoginFailure(const store::User& user, std::string_view reason,
                                            std::string_view remote_address) {
  return store_.Write([&](store::WriteTx& tx) {
    return Audit(tx, ActorOf(user, remote_address), "auth.login_failed", user.id.str(),
                 AuditDetail().Add("reason", reason).str());
  });
}

core::Result<SignIn> AuthService::Login(std::string_view email_text, std::string_view password,
                                        std::string_view remote_address,
                                        std::string_view presented_session_secret) {
  const std::string email = internal::NormaliseEmail(email_text);
  const std::string throttle_key = ThrottleKey(email);
  // Before anything that depends on whether the account exists.
  RAPPORT_RETURN_IF_ERROR(throttle_.Admit(throttle_key, remote_address));

  std::optional<store::User> user;
  if (!email.empty() && email.size() <= internal::kMaxEmailBytes) {
    auto found = store::ReadValue<store::User>(
        store_, [&](store::ReadTx& tx) { return tx.users().GetByEmail(email); });
    if (found) {
      user = std::move(*found);
    } else if (found.error().code() != core::ErrorCode::kNotFound) {
      return std::unexpected(std::move(found).error());
    }
  }

  // A password longer than the policy allows can never be right; it is checked at the
  // policy's length so that its cost matches every other attempt.
  const bool too_long = password.size() > kMaxPasswordBytes;
  const std::string_view candidate = password.substr(0, kMaxPasswordBytes);
  const bool has_password = user && !user->password_hash.empty();
  bool verified = false;
  std::string rehashed;
  {
    RAPPORT_ASSIGN_OR_RETURN(const auto slot, hash_slots_.Acquire());
    if (has_password) {
      verified = VerifyPassword(user->password_hash, candidate) && !too_long;
      if (verified && !user->disabled && NeedsRehash(user->password_hash, options_.password_hash)) {
        // Upgrading the hash is an optimisation; a failure leaves the old one in place.
        if (auto next = HashPassword(candidate, options_.password_hash)) rehashed = *next;
      }
    } else {
      DummyVerify(candidate, options_.password_hash);
    }
  }

  if (!user) return BadCredentials();
  if (!verified || user->disabled) {
    const std::string_view reason = !has_password ? "no_password"
                                    : !verified   ? "wrong_password"
                                                  : "disabled";
    RAPPORT_RETURN_IF_ERROR(AuditLoginFailure(*user, reason, remote_address));
    return BadCredentials();
  }

  auto signed_in =
      store::WriteValue<SignIn>(store_, [&](store::WriteTx& tx) -> core::Result<SignIn> {
        RAPPORT_ASSIGN_OR_RETURN(store::User current, tx.users().Get(user->org_id, user->id));
        // Disabled or given a new password since we verified: the attempt no longer holds.
        if (current.disabled || current.password_hash != user->password_hash)
          return BadCredentials();
        if (!rehashed.empty()) {
          current.password_hash = rehashed;
          RAPPORT_ASSIGN_OR_RETURN(current, tx.users().Update(current));
        }
        if (internal::PlausibleSecret(presented_session_secret, kSessionSecretPrefix)) {
          RAPPORT_RETURN_IF_ERROR(tx.sessions().Delete(HashSecret(presented_session_secret)));
        }
        return StartSession(tx, current, remote_address, "auth.login");
      });
  if (signed_in) throttle_.Succeeded(throttle_key, remote_address);
  return signed_in;
}

core::Status AuthService::Logout(std::string_view session_secret, std::string_view remote_address) {
  if (!internal::PlausibleSecret(session_secret, kSessionSecretPrefix)) return core::Ok();
  const std::string hash = HashSecret(session_secret);
  return store_.Write([&](store::WriteTx& tx) -> core::Status {
    auto session = tx.sessions().GetByHash(hash);
    if (!session) {
      if (session.error().code() == core::ErrorCode::kNotFound) return core::Ok();
      return std::unexpected(std::move(session).error());
    }
    RAPPORT_RETURN_IF_ERROR(tx.sessions().Delete(hash));
    auto user = tx.users().Get(session->org_id, session->user_id);
    if (!user) return std::unexpected(std::move(user).error());
    return Audit(tx, ActorOf(*user, remote_address), "auth.logout", user->id.str());
  });
}

core::Result<Principal> AuthService::Authenticate(std::string_view session_secret) {
  if (!internal::PlausibleSecret(session_secret, kSessionSecretPrefix)) return SessionEnded();
  const std::string hash = HashSecret(session_secret);
  std::optional<store::Session> session;
  std::optional<store::User> user;
  const core::Status read = store_.Read([&](store::ReadTx& tx) -> core::Status {
    RAPPORT_ASSIGN_OR_RETURN(session, tx.sessions().GetByHash(hash));
    RAPPORT_ASSIGN_OR_RETURN(user, tx.users().Get(session->org_id, session->user_id));
    return core::Ok();
  });
  if (!read) {
    if (read.error().code() == core::ErrorCode::kNotFound) return SessionEnded();
    return std::unexpected(read.error());
  }
  const core::TimePoint now = clock_.Now();
  if (now >= session->expires_at || now - session->last_seen_at >= options_.session_idle ||
      user->disabled) {
    return SessionEnded();
  }
  if (now - session->last_seen_at >= options_.touch_interval) {
    // Best effort: a failed touch only shortens the idle expiry by the touch interval, so it
    // must not fail a request that is otherwise fine.
    (void)store_.Write([&](store::WriteTx& tx) { return tx.sessions().Touch(hash, now); });
  }
  return PrincipalOf(*user);
}

core::Result<int> AuthService::PurgeExpiredSessions() {
  const core::TimePoint now = clock_.Now();
  return store::WriteValue<int>(
      store_, [&](store::WriteTx& tx) { return tx.sessions().DeleteExpired(now); });
}

core::Result<Principal> AuthService::AuthenticateToken(std::string_view bearer_secret) {
  if (!internal::PlausibleSecret(bearer_secret, kTokenSecretPrefix)) {
    return core::Unauthenticated("invalid API token");
  }
  const std::string hash = HashSecret(bearer_secret);
  std::optional<store::ApiToken> token;
  std::optional<store::User> user;
  const core::Status read = store_.Read([&](store::ReadTx& tx) -> core::Status {
    RAPPORT_ASSIGN_OR_RETURN(token, tx.api_tokens().GetByHash(hash));
    RAPPORT_ASSIGN_OR_RETURN(user, tx.users().Get(token->org_id, token->user_id));
    return core::Ok();
  });
  if (!read) {
    if (read.error().code() == core::ErrorCode::kNotFound) {
      return core::Unauthenticated("invalid API token");
    }
    return std::unexpected(read.error());
  }
  const core::TimePoint now = clock_.Now();
  if (token->revoked_at) return core::Unauthenticated("this API token was revoked");
  if (token->expires_at && now >= *token->expires_at) {
    return core::Unauthenticated("this API token has expired");
  }
  if (user->disabled) return core::Unauthenticated("invalid API token");
  if (!token->last_used_at || now - *token->last_used_at >= options_.touch_interval) {
    // Best effort, as for sessions: last_used_at is informational.
    (void)store_.Write([&](store::WriteTx& tx) {
      return tx.api_tokens().MarkUsed(token->org_id, token->id, now);
    });
  }
  RAPPORT_ASSIGN_OR_RETURN(Principal principal, PrincipalOf(*user));
  principal.token_id = token->id;
  principal.scopes = token->scopes;
  return principal;
}

core::Result<SignIn> AuthService::ChangePassword(const Principal& principal,
                                                 std::string_view current, std::string_view next) {
  RAPPORT_RETURN_IF_ERROR(Authorize(principal, Action::kSelf));
  RAPPORT_RETURN_IF_ERROR(CheckPasswordPolicy(next, "new_password"));
  // Guessing the current password through a stolen session counts like guessing at sign-in.
  const std::string throttle_key = ThrottleKey(principal.email);
  RAPPORT_RETURN_IF_ERROR(throttle_.Admit(throttle_key, principal.remote_address));
  RAPPORT_ASSIGN_OR_RETURN(const store::User user,
                           store::ReadValue<store::User>(store_, [&](store::ReadTx& tx) {
                             return tx.users().Get(principal.org_id, principal.user_id);
                           }));
  bool verified = false;
  std::string new_hash;
  {
    RAPPORT_ASSIGN_OR_RETURN(const auto slot, hash_slots_.Acquire());
    verified = current.size() <= kMaxPasswordBytes && VerifyPassword(user.password_hash, current);
    if (verified) {
      RAPPORT_ASSIGN_OR_RETURN(new_hash, HashPassword(next, options_.password_hash));
    }
  }
  if (!verified) {
    RAPPORT_RETURN_IF_ERROR(store_.Write([&](store::WriteTx& tx) {
      return Audit(tx, ActorOf(principal), "auth.password_change_failed", user.id.str(),
                   AuditDetail().Add("reason", "wrong_password").str());
    }));
    return core::Unprocessable("the current password is wrong", "current_password");
  }
  auto signed_in =
      store::WriteValue<SignIn>(store_, [&](store::WriteTx& tx) -> core::Result<SignIn> {
        RAPPORT_ASSIGN_OR_RETURN(store::User fresh, tx.users().Get(user.org_id, user.id));
        if (fresh.password_hash != user.password_hash) {
          return core::Conflict("the password was changed meanwhile; sign in again");
        }
        fresh.password_hash = new_hash;
        fresh.password_changed_at = clock_.Now();
        RAPPORT_ASSIGN_OR_RETURN(fresh, tx.users().Update(fresh));
        RAPPORT_ASSIGN_OR_RETURN(const int ended,
                                 tx.sessions().DeleteForUser(fresh.org_id, fresh.id));
        RAPPORT_RETURN_IF_ERROR(Audit(tx, ActorOf(principal), "auth.password_changed",
                                      fresh.id.str(),
                                      AuditDetail().Add("sessions_ended", ended).str()));
        // The entry above records the new session too.
        return StartSession(tx, fresh, principal.remote_address, "");
      });
  if (signed_in) throttle_.Succeeded(throttle_key, principal.remote_address);
  return signed_in;
}

core::Result<store::User> AuthService::Me(const Principal& principal) {
  RAPPORT_RETURN_IF_ERROR(Authorize(principal, Action::kSelf));
  return store::ReadValue<store::User>(store_, [&](store::ReadTx& tx) {
    return tx.users().Get(principal.org_id, principal.user_id);
  });
}

std::vector<std::string> AuthService::PermissionsOf(const Principal& principal) const {
  std::vector<std::string> names;
  for (Action action : AllActions()) {
    if (Authorize(principal, action)) names.emplace_back(ActionName(action));
  }
  return names;
}

}  // namespace rapport::auth

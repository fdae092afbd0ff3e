#pragma once

// AuthService: accounts, sign-in, sessions, API tokens, invitation and reset links, and the
// audit log's reading side. It is the only way the rest of Rapport authenticates a caller or
// changes an account, and every decision goes through policy.h first.
//
// Secrets: session, token and link secrets are 256-bit random strings handed to the client
// once; the store sees only their BLAKE2b hash. Passwords are argon2id hashes (crypto.h).
// Every security event (sign-in and its failures, sign-out, password changes, account, role,
// link and token changes) appends an audit entry in the same transaction as the change, so an
// event without its entry, or the reverse, cannot be committed.
//
// Errors (semantic; http/ maps them): Unauthenticated for bad credentials, always with the
// same message whatever was wrong; ResourceExhausted (with retry-after) when the login
// throttle refuses; Unavailable (retry-after 1 s) when the password-hash slots stay busy for
// `hash_wait`; PermissionDenied from the policy; NotFound for ids of another organisation;
// InvalidArgument / Unprocessable naming the field for bad input.
//
// Thread-safety: safe for concurrent use from the worker threads. Calls block on the store
// and on argon2 (tens of milliseconds), so never call them on an I/O thread.

#include <chrono>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "rapport/auth/crypto.h"
#include "rapport/auth/internal/hash_slots.h"
#include "rapport/auth/policy.h"
#include "rapport/auth/throttle.h"
#include "rapport/core/clock.h"
#include "rapport/core/error.h"
#include "rapport/core/id.h"
#include "rapport/core/random.h"
#include "rapport/core/thread_annotations.h"
#include "rapport/store/store.h"

namespace rapport::auth {

inline constexpr std::string_view kSessionSecretPrefix = "rps_";
inline constexpr std::string_view kTokenSecretPrefix = "rpt_";
inline constexpr std::string_view kLinkSecretPrefix = "rpl_";
inline constexpr int kMaxTokenLifetimeDays = 3650;

struct AuthOptions {
  // A session ends after this long without a request. A working day, so that people who keep
  // Rapport open (support agents with the knowledge base) are not signed out at lunch.
  std::chrono::minutes session_idle = std::chrono::hours(8);
  // ... and this long after sign-in whatever happens, which bounds a stolen cookie's use.
  std::chrono::hours session_absolute = std::chrono::hours(24 * 7);
  PasswordHashParams password_hash;
  ThrottleOptions throttle;
  int max_concurrent_hashes = 2;              // argon2 computations at once
  std::chrono::milliseconds hash_wait{2000};  // then Unavailable
  std::chrono::seconds touch_interval{60};    // last-seen / last-used granularity
  std::chrono::hours invitation_lifetime{24 * 7};
  std::chrono::hours reset_lifetime{24};
};

// A started session: the secret goes into the cookie, the CSRF token to the page.
struct SignIn {
  store::User user;
  std::string session_secret;
  std::string csrf_token;
  core::TimePoint expires_at;  // absolute expiry (idle expiry comes sooner without use)
};

struct NewUser {
  std::string email = {};
  std::string name = {};
  Role role = Role::kEmployee;
  std::optional<store::PersonId> person_id = {};
};

// Fields absent stay as they are. `person_id` holding nullopt unlinks the person.
struct UserPatch {
  std::optional<Role> role = {};
  std::optional<std::string> name = {};
  std::optional<bool> disabled = {};
  std::optional<std::optional<store::PersonId>> person_id = {};
};

struct IssuedLink {
  std::string secret;  // shown once; the URL is /invite/<secret> or /reset/<secret>
  store::LinkPurpose purpose = store::LinkPurpose::kInvitation;
  core::TimePoint expires_at;
};

struct NewToken {
  std::string name = {};
  std::vector<std::string> scopes = {};
  std::optional<int> expires_in_days = {};  // none: until revoked
};

struct IssuedToken {
  store::ApiToken token;
  std::string secret;  // "rpt_...", shown once
};

class AuthService {
 public:
  // `store`, `clock` and `random` outlive the service. `random` must be a CSPRNG
  // (core::SystemRandom) outside tests; the service serialises its use, so a SeededRandom is
  // fine in tests. REQUIRES: options within the ranges config.cc enforces.
  AuthService(store::Store& store, const core::Clock& clock, core::Random& random,
              AuthOptions options);

  // --- Sessions -----------------------------------------------------------------------------

  // Signs in with e-mail and password, ending `presented_session_secret` (if any) so a session
  // planted before sign-in never becomes authenticated. Unknown e-mail, wrong password,
  // disabled account and account without password all answer the same Unauthenticated after
  // the same argon2 work. Failures for known accounts are audited (auth.login_failed) in the
  // account's organisation; failures for unknown e-mails are not audited (see security.md).
  core::Result<SignIn> Login(std::string_view email, std::string_view password,
                             std::string_view remote_address,
                             std::string_view presented_session_secret);
  // Ends the session (idempotent: unknown secrets are Ok).
  core::Status Logout(std::string_view session_secret, std::string_view remote_address);
  // The principal of a session cookie; Unauthenticated when unknown, idle or past its
  // absolute expiry, or when the account is disabled.
  core::Result<Principal> Authenticate(std::string_view session_secret);
  // The principal of an API token, narrowed to its scopes; Unauthenticated when unknown,
  // revoked, expired, or its user is disabled.
  core::Result<Principal> AuthenticateToken(std::string_view bearer_secret);
  // Deletes sessions past their absolute expiry (idle ones go when their absolute time
  // comes); returns how many. For a periodic task in app/.
  core::Result<int> PurgeExpiredSessions();
  // Checks `current`, sets `next`, ends every session of the account and starts a new one.
  // Unprocessable (field "current_password") for a wrong current password, counted by the
  // login throttle.
  core::Result<SignIn> ChangePassword(const Principal& principal, std::string_view current,
                                      std::string_view next);

  // --- Accounts -----------------------------------------------------------------------------

  core::Result<store::User> Me(const Principal& principal);
  core::Result<std::vector<store::User>> ListUsers(const Principal& principal);
  // Conflict when the e-mail is taken (anywhere in the installation: sign-in names no tenant).
  core::Result<store::User> CreateUser(const Principal& principal, const NewUser& user);
  // Role changes follow AuthorizeRoleChange; the last enabled owner can be neither demoted
  // nor disabled (Conflict); nobody disables themselves. Disabling ends the account's sessions
  // and revokes its tokens.
  core::Result<store::User> UpdateUser(const Principal& principal, const store::UserId& id,
                                       const UserPatch& patch);
  // A single-use link: invitations last `invitation_lifetime` and need an account without a
  // password (Conflict otherwise); resets last `reset_lifetime`.
  core::Result<IssuedLink> CreateLink(const Principal& principal, const store::UserId& id,
                                      store::LinkPurpose purpose);
  // Sets the password through a link and signs in. An unknown, used or expired link, or one
  // for a disabled account, answers NotFound (one message for all, so a probe learns nothing).
  // Ends every session of the account, and the presented one, before starting the new one.
  core::Result<SignIn> RedeemLink(std::string_view secret, std::string_view new_password,
                                  std::string_view remote_address,
                                  std::string_view presented_session_secret);
  // For `rapport admin create-user`: no principal, audited with actor "system".
  core::Result<store::User> CreateUserWithPassword(const store::OrganisationId& org,
                                                   std::string_view email, std::string_view name,
                                                   Role role, std::string_view password);

  // --- Tokens and audit ---------------------------------------------------------------------

  // The principal's own tokens, or with `all` (tokens.manage) every token of the organisation.
  core::Result<std::vector<store::ApiToken>> ListTokens(const Principal& principal, bool all);
  // InvalidArgument for unknown scopes or a bad lifetime; PermissionDenied (field
  // "scopes[i]") for a scope of which the principal's role allows no action.
  core::Result<IssuedToken> CreateToken(const Principal& principal, const NewToken& token);
  // One's own token, or any token of the organisation with tokens.manage; NotFound otherwise.
  core::Result<store::ApiToken> RevokeToken(const Principal& principal,
                                            const store::ApiTokenId& id);
  core::Result<store::Page<store::AuditEntry>> ListAudit(const Principal& principal,
                                                         const store::AuditFilter& filter,
                                                         const store::PageRequest& page);

  // Names of the actions the principal may perform, in AllActions() order.
  std::vector<std::string> PermissionsOf(const Principal& principal) const;

  const AuthOptions& options() const { return options_; }

 private:
  // Serialises a Random that may not be thread-safe (SeededRandom in tests).
  class LockedRandom final : public core::Random {
   public:
    explicit LockedRandom(core::Random& inner) : inner_(&inner) {}
    void Fill(std::span<std::byte> out) override RAPPORT_EXCLUDES(mu_);

   private:
    core::Mutex mu_;
    core::Random* const inner_ RAPPORT_PT_GUARDED_BY(mu_);
  };

  // Who an audit entry names as the actor.
  struct Actor {
    store::OrganisationId org_id;
    std::string id;     // user id; empty for the system
    std::string label;  // e-mail, or "system"
    std::string remote_address;
  };
  static Actor ActorOf(const Principal& principal);
  static Actor ActorOf(const store::User& user, std::string_view remote_address);

  // Appends an audit entry stamped now.
  core::Status Audit(store::WriteTx& tx, const Actor& actor, std::string action, std::string target,
                     std::string detail = "{}");
  // Inside `tx`: stores a new session for `user` and audits `action` (auth.login, ...; none
  // when empty).
  core::Result<SignIn> StartSession(store::WriteTx& tx, const store::User& user,
                                    std::string_view remote_address, std::string action);
  core::Result<Principal> PrincipalOf(const store::User& user) const;
  // Audits a failed sign-in of a known account, in a transaction of its own.
  core::Status AuditLoginFailure(const store::User& user, std::string_view reason,
                                 std::string_view remote_address);
  // Ends sessions and revokes tokens of an account being disabled; {sessions, tokens}.
  core::Result<std::pair<int, int>> CutOff(store::WriteTx& tx, const store::User& user);
  // Conflict when `leaving` is the organisation's last enabled owner.
  static core::Status KeepAnEnabledOwner(store::WriteTx& tx, const store::User& leaving);

  store::Store& store_;
  const core::Clock& clock_;
  LockedRandom random_;
  core::IdGenerator ids_;
  const AuthOptions options_;
  LoginThrottle throttle_;
  internal::HashSlots hash_slots_;
};

}  // namespace rapport::auth

#pragma once

// Access in store terms: user accounts, sign-in sessions, API tokens and single-use links
// (invitations and password resets). Secrets never reach the store in clear: sessions,
// tokens and links are stored as a hash of the secret (computed by rapport/auth), passwords
// as an argon2id string. Every row carries `org_id`; lookups by secret hash are the one
// exception to "every method takes the organisation", because the secret is what tells which
// organisation a request belongs to.
//
// Thread-safety: as for every repository (see organisation.h).

#include <optional>
#include <string>
#include <vector>

#include "rapport/core/clock.h"
#include "rapport/core/error.h"
#include "rapport/core/id.h"
#include "rapport/store/directory.h"
#include "rapport/store/organisation.h"

namespace rapport::store {

struct UserTag {};
using UserId = core::Id<UserTag>;
struct ApiTokenTag {};
using ApiTokenId = core::Id<ApiTokenTag>;

// Role names as stored: "owner", "admin", "hr", "cx_lead", "knowledge_editor", "employee".
// rapport/auth owns their meaning.
struct User {
  UserId id = {};
  OrganisationId org_id = {};
  std::string email = {};  // lower case; unique across the installation (sign-in names no tenant)
  std::string name = {};
  std::string role = {};
  std::optional<PersonId> person_id = {};  // the directory entry, which gives "manager of"
  std::string password_hash = {};          // argon2id string; empty until a password is set
  bool disabled = false;
  core::TimePoint created_at = {};
  core::TimePoint password_changed_at = {};  // epoch when no password was ever set

  friend bool operator==(const User&, const User&) = default;
};

struct Session {
  std::string token_hash = {};  // hex digest of the cookie's secret
  OrganisationId org_id = {};
  UserId user_id = {};
  core::TimePoint created_at = {};
  core::TimePoint last_seen_at = {};
  core::TimePoint expires_at = {};  // absolute expiry; idle expiry is last_seen_at + idle timeout
  std::string remote_address = {};

  friend bool operator==(const Session&, const Session&) = default;
};

struct ApiToken {
  ApiTokenId id = {};
  OrganisationId org_id = {};
  UserId user_id = {};  // the token acts as this user, narrowed by its scopes
  std::string name = {};
  std::string token_hash = {};
  std::vector<std::string> scopes = {};  // sorted, unique
  core::TimePoint created_at = {};
  std::optional<core::TimePoint> last_used_at = {};
  std::optional<core::TimePoint> expires_at = {};
  std::optional<core::TimePoint> revoked_at = {};

  friend bool operator==(const ApiToken&, const ApiToken&) = default;
};

enum class LinkPurpose { kInvitation, kPasswordReset };

struct UserLink {
  std::string token_hash = {};
  OrganisationId org_id = {};
  UserId user_id = {};
  LinkPurpose purpose = LinkPurpose::kInvitation;
  UserId created_by = {};
  core::TimePoint created_at = {};
  core::TimePoint expires_at = {};
  std::optional<core::TimePoint> used_at = {};

  friend bool operator==(const UserLink&, const UserLink&) = default;
};

class UserReader {
 public:
  virtual ~UserReader() = default;
  virtual core::Result<User> Get(const OrganisationId& org, const UserId& id) = 0;
  // Installation-wide: sign-in knows only the e-mail. NotFound when no user has it.
  virtual core::Result<User> GetByEmail(std::string_view email) = 0;
  // Users of the organisation, ordered by e-mail.
  virtual core::Result<std::vector<User>> ListAll(const OrganisationId& org) = 0;
};

class UserRepository : public UserReader {
 public:
  // Stamps created_at. Conflict when the id or the e-mail is taken.
  virtual core::Result<User> Create(const User& user) = 0;
  // Replaces email, name, role, person_id, password_hash, disabled and password_changed_at.
  // NotFound outside the organisation; Conflict for a taken e-mail.
  virtual core::Result<User> Update(const User& user) = 0;
};

class SessionReader {
 public:
  virtual ~SessionReader() = default;
  // NotFound when no session has this hash (expired sessions may still be returned; the
  // caller checks expiry against its clock).
  virtual core::Result<Session> GetByHash(std::string_view token_hash) = 0;
};

class SessionRepository : public SessionReader {
 public:
  virtual core::Status Create(const Session& session) = 0;
  virtual core::Status Touch(std::string_view token_hash, core::TimePoint last_seen_at) = 0;
  // Deleting a session that does not exist is Ok (sign-out is idempotent).
  virtual core::Status Delete(std::string_view token_hash) = 0;
  // Revokes every session of a user (password change, disabling); returns how many.
  virtual core::Result<int> DeleteForUser(const OrganisationId& org, const UserId& user) = 0;
  // Removes sessions whose absolute expiry is before `now`; returns how many.
  virtual core::Result<int> DeleteExpired(core::TimePoint now) = 0;
};

class ApiTokenReader {
 public:
  virtual ~ApiTokenReader() = default;
  virtual core::Result<ApiToken> GetByHash(std::string_view token_hash) = 0;
  virtual core::Result<ApiToken> Get(const OrganisationId& org, const ApiTokenId& id) = 0;
  // Tokens of the organisation (of one user when `user` is set), newest first, revoked ones
  // included.
  virtual core::Result<std::vector<ApiToken>> List(const OrganisationId& org,
                                                   const std::optional<UserId>& user) = 0;
};

class ApiTokenRepository : public ApiTokenReader {
 public:
  // Stamps created_at. Conflict when the id or hash is taken.
  virtual core::Result<ApiToken> Create(const ApiToken& token) = 0;
  virtual core::Status MarkUsed(const OrganisationId& org, const ApiTokenId& id,
                                core::TimePoint at) = 0;
  // NotFound outside the organisation. Revoking a revoked token keeps the first time.
  virtual core::Result<ApiToken> Revoke(const OrganisationId& org, const ApiTokenId& id,
                                        core::TimePoint at) = 0;
};

class UserLinkRepository {
 public:
  virtual ~UserLinkRepository() = default;
  virtual core::Status Create(const UserLink& link) = 0;
  virtual core::Result<UserLink> GetByHash(std::string_view token_hash) = 0;
  // Marks the link used. Conflict when it was already used: links are single-use even under
  // concurrent redemption.
  virtual core::Status MarkUsed(std::string_view token_hash, core::TimePoint at) = 0;
};

}  // namespace rapport::store

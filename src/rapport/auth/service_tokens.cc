// AuthService: API tokens and the audit log's reading side.

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "rapport/auth/internal/text.h"
#include "rapport/auth/service.h"
#include "rapport/core/audit_detail.h"

namespace rapport::auth {
namespace {

using core::AuditDetail;

constexpr std::size_t kMaxTokenNameCodePoints = 100;
// Bounds what one account can accumulate; revoked and expired tokens do not count.
constexpr std::size_t kMaxActiveTokensPerUser = 100;

bool KnownScope(std::string_view scope) {
  const auto scopes = AllScopes();
  return std::find(scopes.begin(), scopes.end(), scope) != scopes.end();
}

// Whether the role may perform at least one action the scope grants: a token with a scope
// the role cannot use would only be a trap.
bool RoleUsesScope(Role role, std::string_view scope) {
  for (Action action : AllActions()) {
    if (ScopeOf(action) == scope && RoleAllows(role, action)) return true;
  }
  return false;
}

core::Result<std::vector<std::string>> CheckScopes(const Principal& principal,
                                                   const std::vector<std::string>& scopes) {
  if (scopes.empty()) return core::InvalidArgument("scopes must name at least one scope", "scopes");
  for (std::size_t i = 0; i < scopes.size(); ++i) {
    const std::string field = "scopes[" + std::to_string(i) + "]";
    if (!KnownScope(scopes[i])) {
      return core::InvalidArgument(
          "unknown scope; known scopes are audit:read, directory:read, directory:write, "
          "users:admin",
          field);
    }
    if (!RoleUsesScope(principal.role, scopes[i])) {
      return core::MakeError(core::ErrorCode::kPermissionDenied,
                             "your role allows nothing in the scope " + scopes[i], field);
    }
  }
  std::vector<std::string> sorted = scopes;
  std::sort(sorted.begin(), sorted.end());
  sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
  return sorted;
}

}  // namespace

core::Result<std::vector<store::ApiToken>> AuthService::ListTokens(const Principal& principal,
                                                                   bool all) {
  RAPPORT_RETURN_IF_ERROR(Authorize(principal, Action::kTokensOwn));
  if (all) RAPPORT_RETURN_IF_ERROR(Authorize(principal, Action::kTokensManage));
  std::optional<store::UserId> owner;
  if (!all) owner = principal.user_id;
  return store::ReadValue<std::vector<store::ApiToken>>(
      store_, [&](store::ReadTx& tx) { return tx.api_tokens().List(principal.org_id, owner); });
}

core::Result<IssuedToken> AuthService::CreateToken(const Principal& principal,
                                                   const NewToken& token) {
  RAPPORT_RETURN_IF_ERROR(Authorize(principal, Action::kTokensOwn));
  RAPPORT_ASSIGN_OR_RETURN(std::string name,
                           internal::NormaliseName(token.name, "name", kMaxTokenNameCodePoints));
  RAPPORT_ASSIGN_OR_RETURN(std::vector<std::string> scopes, CheckScopes(principal, token.scopes));
  if (token.expires_in_days &&
      (*token.expires_in_days < 1 || *token.expires_in_days > kMaxTokenLifetimeDays)) {
    return core::InvalidArgument(
        "expires_in_days must be between 1 and " + std::to_string(kMaxTokenLifetimeDays),
        "expires_in_days");
  }
  return store::WriteValue<IssuedToken>(
      store_, [&](store::WriteTx& tx) -> core::Result<IssuedToken> {
        const core::TimePoint now = clock_.Now();
        RAPPORT_ASSIGN_OR_RETURN(const auto existing,
                                 tx.api_tokens().List(principal.org_id, principal.user_id));
        const auto active = std::count_if(existing.begin(), existing.end(), [&](const auto& t) {
          return !t.revoked_at && (!t.expires_at || *t.expires_at > now);
        });
        if (static_cast<std::size_t>(active) >= kMaxActiveTokensPerUser) {
          return core::Conflict("too many active API tokens; revoke some first");
        }
        IssuedToken issued;
        issued.secret = NewSecret(random_, kTokenSecretPrefix);
        store::ApiToken row;
        row.id = ids_.New<store::ApiTokenTag>();
        row.org_id = principal.org_id;
        row.user_id = principal.user_id;
        row.name = name;
        row.token_hash = HashSecret(issued.secret);
        row.scopes = scopes;
        if (token.expires_in_days) row.expires_at = now + std::chrono::days(*token.expires_in_days);
        RAPPORT_ASSIGN_OR_RETURN(issued.token, tx.api_tokens().Create(row));
        AuditDetail detail;
        detail.Add("name", name).Add("scopes", scopes);
        if (row.expires_at) detail.Add("expires_at", core::FormatIso8601(*row.expires_at));
        RAPPORT_RETURN_IF_ERROR(
            Audit(tx, ActorOf(principal), "token.created", issued.token.id.str(), detail.str()));
        return issued;
      });
}

core::Result<store::ApiToken> AuthService::RevokeToken(const Principal& principal,
                                                       const store::ApiTokenId& id) {
  RAPPORT_RETURN_IF_ERROR(Authorize(principal, Action::kTokensOwn));
  const bool manages = Authorize(principal, Action::kTokensManage).has_value();
  return store::WriteValue<store::ApiToken>(
      store_, [&](store::WriteTx& tx) -> core::Result<store::ApiToken> {
        RAPPORT_ASSIGN_OR_RETURN(const store::ApiToken token,
                                 tx.api_tokens().Get(principal.org_id, id));
        // Someone else's token is as absent as a missing one, unless one manages tokens.
        if (token.user_id != principal.user_id && !manages) {
          return core::NotFound("no such API token");
        }
        RAPPORT_ASSIGN_OR_RETURN(store::ApiToken revoked,
                                 tx.api_tokens().Revoke(principal.org_id, id, clock_.Now()));
        if (!token.revoked_at) {
          RAPPORT_RETURN_IF_ERROR(Audit(
              tx, ActorOf(principal), "token.revoked", id.str(),
              AuditDetail().Add("name", token.name).Add("owner_id", token.user_id.str()).str()));
        }
        return revoked;
      });
}

core::Result<store::Page<store::AuditEntry>> AuthService::ListAudit(
    const Principal& principal, const store::AuditFilter& filter, const store::PageRequest& page) {
  RAPPORT_RETURN_IF_ERROR(Authorize(principal, Action::kAuditRead));
  return store::ReadValue<store::Page<store::AuditEntry>>(
      store_, [&](store::ReadTx& tx) { return tx.audit().List(principal.org_id, filter, page); });
}

}  // namespace rapport::auth

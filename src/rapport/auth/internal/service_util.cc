#include "rapport/auth/internal/service_util.h"

#include "rapport/auth/crypto.h"
#include "rapport/auth/internal/text.h"

namespace rapport::auth::internal {

std::unexpected<core::Error> BadCredentials() {
  return core::Unauthenticated("invalid e-mail or password");
}

std::unexpected<core::Error> SessionEnded() {
  return core::Unauthenticated("not signed in, or the session has ended; sign in again");
}

std::unexpected<core::Error> LinkUnusable() {
  return core::NotFound("this link is invalid, has been used or has expired; ask for a new one");
}

bool PlausibleSecret(std::string_view secret, std::string_view prefix) {
  if (secret.size() > kMaxSecretBytes || secret.size() <= prefix.size()) return false;
  if (!secret.starts_with(prefix)) return false;
  for (char c : secret.substr(prefix.size())) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

std::string ThrottleKey(const std::string& email) {
  if (email.size() <= kMaxEmailBytes) return email;
  return "#" + HashSecret(email);
}

}  // namespace rapport::auth::internal

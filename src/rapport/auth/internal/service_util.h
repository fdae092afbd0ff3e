#pragma once

// Small pieces shared by the parts of AuthService (service*.cc): the uniform credential
// errors and the checks applied to secrets before they are hashed and looked up.
// Thread-safety: pure functions.

#include <string>
#include <string_view>

#include "rapport/core/error.h"

namespace rapport::auth::internal {

// Longer presented secrets are refused before hashing: ours are 47 characters.
inline constexpr std::size_t kMaxSecretBytes = 128;

// The one answer to a failed sign-in, whatever failed (unknown e-mail, wrong password,
// disabled account, no password yet).
std::unexpected<core::Error> BadCredentials();
// The one answer to a session cookie that does not (or no longer) authenticate.
std::unexpected<core::Error> SessionEnded();
// The one answer to a link that cannot be redeemed (unknown, used, expired, disabled account).
std::unexpected<core::Error> LinkUnusable();

// Whether `secret` could be one of ours with this prefix: bounded length, the prefix, and only
// url-safe base64 after it. Anything else is refused without touching the store.
bool PlausibleSecret(std::string_view secret, std::string_view prefix);

// The throttle's account key for a normalised e-mail: the e-mail itself, or a digest when it
// is too long to be an address (bounded memory per key).
std::string ThrottleKey(const std::string& email);

}  // namespace rapport::auth::internal

#pragma once

// The cryptography of sign-in, on libsodium: argon2id password hashes, random secrets for
// sessions, API tokens and links, the hashes under which the store keeps those secrets, CSRF
// tokens derived from a session's secret, and constant-time comparison. Nothing else in
// Rapport includes <sodium.h>.
//
// Thread-safety: every function is safe for concurrent use (libsodium is initialised once,
// under std::call_once, by the first call of any of them).

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "rapport/core/error.h"
#include "rapport/core/random.h"

namespace rapport::auth {

// argon2id cost. The defaults take ~60 ms per hash on a 2-core machine of 2026 (see
// docs/security.md and bench/auth) and are above OWASP's minimum (19 MiB, t=2).
struct PasswordHashParams {
  std::uint64_t ops_limit = 2;                       // argon2 passes (t)
  std::size_t memory_bytes = std::size_t{32} << 20;  // argon2 memory (m), bytes
};

// libsodium's bounds for argon2id, for validating configuration.
inline constexpr std::uint64_t kMinHashOps = 1;
inline constexpr std::size_t kMinHashMemoryBytes = 8 * 1024;

// Passwords: at least 12 characters (Unicode code points), at most 1024 bytes (argon2 copes
// with any length, the limit only bounds work), valid UTF-8.
inline constexpr std::size_t kMinPasswordCodePoints = 12;
inline constexpr std::size_t kMaxPasswordBytes = 1024;

// Initialises libsodium (idempotent). Internal when the library cannot start (no entropy).
core::Status InitCrypto();

// Unprocessable naming `field` when `password` breaks the policy above.
core::Status CheckPasswordPolicy(std::string_view password, std::string_view field = "password");

// An argon2id string ("$argon2id$v=19$m=...") embedding salt and parameters. Internal when
// libsodium cannot allocate the memory the parameters ask for.
// REQUIRES: params within libsodium's bounds (config validation ensures it).
core::Result<std::string> HashPassword(std::string_view password, const PasswordHashParams& params);

// Whether `password` matches `hash`. False (never an error) for a malformed or empty hash.
// Costs what `hash`'s own parameters cost.
bool VerifyPassword(std::string_view hash, std::string_view password);

// True when `hash` is not an argon2id string with exactly these parameters: the caller then
// rehashes after a successful verification, so raising the parameters upgrades accounts as
// their users sign in.
bool NeedsRehash(std::string_view hash, const PasswordHashParams& params);

// Spends the time of one verification against a hash made with `params`, and discards the
// result, so that an unknown e-mail answers as slowly as a wrong password. (Verifying costs one
// argon2 computation with the hash's parameters, so it hashes `password` once with `params`.)
void DummyVerify(std::string_view password, const PasswordHashParams& params);

// `prefix` followed by 256 random bits in unpadded url-safe base64 (43 characters):
// "rpt_Q2x...". REQUIRES: `random` is a CSPRNG (core::SystemRandom) outside tests.
std::string NewSecret(core::Random& random, std::string_view prefix);

// Lower-case hex BLAKE2b-256 of `secret`: the form in which the store keeps and looks up
// session, token and link secrets. Secrets carry 256 bits of entropy, so a fast hash suffices
// (nothing to brute-force), and a leaked database yields no usable secret.
std::string HashSecret(std::string_view secret);

// The CSRF token of a session: BLAKE2b-256 of the session's secret under a fixed
// domain-separation key, as unpadded url-safe base64. It is stable for the session's lifetime,
// differs between sessions, and cannot be computed without the secret: the store keeps only
// the unkeyed HashSecret, from which neither the secret nor this value follows.
std::string CsrfTokenFor(std::string_view session_secret);

// Equality in time that depends only on the lengths (sodium_memcmp), for comparing secrets and
// tokens presented by clients.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace rapport::auth

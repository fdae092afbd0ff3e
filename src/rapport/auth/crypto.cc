#include "rapport/auth/crypto.h"

#include <sodium.h>

#include <array>
#include <mutex>

#include "rapport/auth/internal/text.h"

namespace rapport::auth {
namespace {

constexpr std::size_t kSecretBytes = 32;  // 256 bits
constexpr std::size_t kDigestBytes = 32;  // BLAKE2b-256

// The key under which CSRF tokens are derived from session secrets. Public: it only separates
// this use of BLAKE2b from HashSecret's unkeyed one.
constexpr std::string_view kCsrfKey = "rapport/csrf-token/v1 (BLAKE2b)";
static_assert(kCsrfKey.size() >= crypto_generichash_KEYBYTES_MIN &&
              kCsrfKey.size() <= crypto_generichash_KEYBYTES_MAX);

const unsigned char* Bytes(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

void EnsureInitialised() {
  // sodium_init is itself idempotent and thread-safe since 1.0.11; call_once keeps its cost
  // out of every call. A failure is reported by InitCrypto, which the service calls first.
  static std::once_flag once;
  std::call_once(once, [] {
    if (sodium_init() < 0) return;  // InitCrypto reports it
  });
}

std::string Base64Url(const unsigned char* data, std::size_t size) {
  std::string out(sodium_base64_ENCODED_LEN(size, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), data, size, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(out.size() - 1);  // the encoded length counts the terminating NUL
  return out;
}

}  // namespace

core::Status InitCrypto() {
  EnsureInitialised();
  if (sodium_init() < 0) return core::Internal("libsodium failed to initialise");
  return core::Ok();
}

core::Status CheckPasswordPolicy(std::string_view password, std::string_view field) {
  if (password.size() > kMaxPasswordBytes) {
    return core::Unprocessable(
        "password must be at most " + std::to_string(kMaxPasswordBytes) + " bytes",
        std::string(field));
  }
  const std::optional<std::size_t> code_points = internal::CountCodePoints(password);
  if (!code_points) {
    return core::Unprocessable("password must be valid UTF-8", std::string(field));
  }
  if (*code_points < kMinPasswordCodePoints) {
    return core::Unprocessable(
        "password must have at least " + std::to_string(kMinPasswordCodePoints) + " characters",
        std::string(field));
  }
  return core::Ok();
}

core::Result<std::string> HashPassword(std::string_view password,
                                       const PasswordHashParams& params) {
  EnsureInitialised();
  std::array<char, crypto_pwhash_STRBYTES> out{};
  if (crypto_pwhash_str_alg(out.data(), password.data(), password.size(), params.ops_limit,
                            params.memory_bytes, crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return core::Internal("argon2id could not allocate its memory");
  }
  return std::string(out.data());
}

bool VerifyPassword(std::string_view hash, std::string_view password) {
  EnsureInitialised();
  // libsodium reads a NUL-terminated string of at most STRBYTES - 1 characters.
  std::array<char, crypto_pwhash_STRBYTES> terminated{};
  if (hash.empty() || hash.size() >= terminated.size()) return false;
  if (hash.find('\0') != std::string_view::npos) return false;
  hash.copy(terminated.data(), hash.size());
  return crypto_pwhash_str_verify(terminated.data(), password.data(), password.size()) == 0;
}

bool NeedsRehash(std::string_view hash, const PasswordHashParams& params) {
  EnsureInitialised();
  std::array<char, crypto_pwhash_STRBYTES> terminated{};
  if (hash.empty() || hash.size() >= terminated.size()) return true;
  hash.copy(terminated.data(), hash.size());
  // 0: argon2id with these parameters; 1: other parameters; -1: not an argon2id string.
  return crypto_pwhash_argon2id_str_needs_rehash(terminated.data(), params.ops_limit,
                                                 params.memory_bytes) != 0;
}

void DummyVerify(std::string_view password, const PasswordHashParams& params) {
  (void)HashPassword(password, params);
}

std::string NewSecret(core::Random& random, std::string_view prefix) {
  std::array<std::byte, kSecretBytes> bytes{};
  random.Fill(bytes);
  std::string out(prefix);
  out += Base64Url(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  sodium_memzero(bytes.data(), bytes.size());
  return out;
}

std::string HashSecret(std::string_view secret) {
  EnsureInitialised();
  std::array<unsigned char, kDigestBytes> digest{};
  crypto_generichash(digest.data(), digest.size(), Bytes(secret), secret.size(), nullptr, 0);
  std::string hex(digest.size() * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
  hex.pop_back();
  return hex;
}

std::string CsrfTokenFor(std::string_view session_secret) {
  EnsureInitialised();
  std::array<unsigned char, kDigestBytes> digest{};
  crypto_generichash(digest.data(), digest.size(), Bytes(session_secret), session_secret.size(),
                     Bytes(kCsrfKey), kCsrfKey.size());
  return Base64Url(digest.data(), digest.size());
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  if (a.empty()) return true;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace rapport::auth

// AuthService against a real SQLite store: sign-in, sessions, throttling and passwords.

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "tests/integration/auth/auth_fixture.h"

namespace rapport::auth::testing {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

class AuthSessions : public AuthFixture {};

TEST_F(AuthSessions, LoginStartsASessionThatAuthenticates) {
  const SignIn signed_in = LoginOrDie(" Owner@ACME.test ");
  EXPECT_EQ(signed_in.user.id, owner_.id);
  EXPECT_TRUE(signed_in.session_secret.starts_with("rps_"));
  EXPECT_EQ(signed_in.csrf_token, CsrfTokenFor(signed_in.session_secret));
  EXPECT_EQ(signed_in.expires_at, clock_.Now() + hours(24 * 7));

  const auto principal = auth_->Authenticate(signed_in.session_secret);
  ASSERT_TRUE(principal) << principal.error().ToString();
  EXPECT_EQ(principal->user_id, owner_.id);
  EXPECT_EQ(principal->org_id, org_.id);
  EXPECT_EQ(principal->role, Role::kOwner);
  EXPECT_FALSE(principal->token_id);

  // The store keeps only the hash of the secret.
  const auto session = ReadSession(signed_in.session_secret);
  ASSERT_TRUE(session);
  EXPECT_EQ(session->token_hash, HashSecret(signed_in.session_secret));
  EXPECT_EQ(session->remote_address, "198.51.100.1");

  const auto entries = AuditOf(org_, "auth.login");
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].actor_id, owner_.id.str());
  EXPECT_EQ(entries[0].remote_address, "198.51.100.1");
}

TEST_F(AuthSessions, EveryKindOfBadCredentialAnswersTheSameError) {
  const store::User disabled = AddUser(org_, "gone@acme.test", Role::kEmployee);
  ASSERT_TRUE(auth_->UpdateUser(SignedIn(owner_), disabled.id, {.disabled = true}));
  const store::User invited = *auth_->CreateUser(
      SignedIn(owner_), {.email = "new@acme.test", .name = "New", .role = Role::kEmployee});

  std::vector<core::Error> errors;
  for (const auto& [email, password] : std::vector<std::pair<std::string, std::string>>{
           {"nobody@acme.test", std::string(kPassword)},
           {"owner@acme.test", "wrong password!"},
           {"gone@acme.test", std::string(kPassword)},
           {"new@acme.test", std::string(kPassword)},
           {"", ""},
           {std::string(5000, 'a'), "x"}}) {
    const auto result = auth_->Login(email, password, "203.0.113.9", "");
    ASSERT_FALSE(result) << email;
    errors.push_back(result.error());
  }
  for (const auto& error : errors) {
    EXPECT_EQ(error, errors.front());
    EXPECT_EQ(error.code(), core::ErrorCode::kUnauthenticated);
  }
  (void)invited;
}

TEST_F(AuthSessions, FailuresOfKnownAccountsAreAuditedInTheirOrganisationOnly) {
  ASSERT_FALSE(auth_->Login("owner@acme.test", "wrong password!", "203.0.113.9", ""));
  ASSERT_FALSE(auth_->Login("nobody@acme.test", "wrong password!", "203.0.113.9", ""));
  const auto failures = AuditOf(org_, "auth.login_failed");
  ASSERT_EQ(failures.size(), 1u);
  EXPECT_EQ(failures[0].target, owner_.id.str());
  EXPECT_EQ(failures[0].remote_address, "203.0.113.9");
  EXPECT_NE(failures[0].detail.find("wrong_password"), std::string::npos);
  EXPECT_TRUE(AuditOf(other_org_, "auth.login_failed").empty());
}

TEST_F(AuthSessions, ThrottleRefusesKnownAndUnknownAccountsAlikeUntilTheWindowPasses) {
  for (const std::string email : {"owner@acme.test", "nobody@acme.test"}) {
    for (int i = 0; i < 5; ++i) {
      const auto r = auth_->Login(email, "wrong password!", "10.1.0." + std::to_string(i), "");
      ASSERT_EQ(r.error().code(), core::ErrorCode::kUnauthenticated) << email << i;
    }
    // Even the right password is refused now, from any address.
    const auto refused = auth_->Login(email, kPassword, "10.2.0.1", "");
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code(), core::ErrorCode::kResourceExhausted) << email;
    EXPECT_EQ(refused.error().retry_after(), minutes(15));
  }
  clock_.Advance(minutes(15));
  EXPECT_TRUE(auth_->Login("owner@acme.test", kPassword, "10.2.0.1", ""));
}

TEST_F(AuthSessions, ThrottleCountsPerAddressAcrossAccounts) {
  for (int i = 0; i < 20; ++i) {
    ASSERT_FALSE(auth_->Login("user" + std::to_string(i) + "@acme.test", "x", "192.0.2.50", ""));
  }
  const auto refused = auth_->Login("owner@acme.test", kPassword, "192.0.2.50", "");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code(), core::ErrorCode::kResourceExhausted);
  EXPECT_TRUE(auth_->Login("owner@acme.test", kPassword, "192.0.2.51", ""));
}

TEST_F(AuthSessions, SuccessClearsTheAccountsFailures) {
  for (int i = 0; i < 4; ++i) ASSERT_FALSE(auth_->Login("owner@acme.test", "bad", "10.0.0.1", ""));
  ASSERT_TRUE(auth_->Login("owner@acme.test", kPassword, "10.0.0.1", ""));
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(auth_->Login("owner@acme.test", "bad", "10.0.0.1", "").error().code(),
              core::ErrorCode::kUnauthenticated);
  }
}

TEST_F(AuthSessions, LoginEndsThePresentedSession) {
  const SignIn planted = LoginOrDie("owner@acme.test");
  const auto fresh = auth_->Login("owner@acme.test", kPassword, "10.0.0.1", planted.session_secret);
  ASSERT_TRUE(fresh);
  EXPECT_NE(fresh->session_secret, planted.session_secret);
  EXPECT_FALSE(auth_->Authenticate(planted.session_secret));
  EXPECT_TRUE(auth_->Authenticate(fresh->session_secret));
}

TEST_F(AuthSessions, SessionsExpireWhenIdleAndAfterTheirAbsoluteLifetime) {
  const SignIn idle = LoginOrDie("owner@acme.test");
  clock_.Advance(hours(8) - seconds(1));
  ASSERT_TRUE(auth_->Authenticate(idle.session_secret));  // touches last_seen
  clock_.Advance(hours(8) - seconds(1));
  ASSERT_TRUE(auth_->Authenticate(idle.session_secret));
  clock_.Advance(hours(8));
  const auto expired = auth_->Authenticate(idle.session_secret);
  ASSERT_FALSE(expired);
  EXPECT_EQ(expired.error().code(), core::ErrorCode::kUnauthenticated);

  // Used every 4 hours, a session still ends 7 days (42 x 4 h) after sign-in.
  const SignIn busy = LoginOrDie("owner@acme.test");
  for (int i = 1; i < 42; ++i) {
    clock_.Advance(hours(4));
    ASSERT_TRUE(auth_->Authenticate(busy.session_secret)) << i;
  }
  clock_.Advance(hours(4));
  EXPECT_FALSE(auth_->Authenticate(busy.session_secret));
}

TEST_F(AuthSessions, PurgingRemovesOnlySessionsPastTheirAbsoluteExpiry) {
  const SignIn old = LoginOrDie("owner@acme.test");
  clock_.Advance(hours(24 * 7) - seconds(1));
  const SignIn recent = LoginOrDie("owner@acme.test");
  clock_.Advance(seconds(2));  // `old` expired a second ago
  const auto purged = auth_->PurgeExpiredSessions();
  ASSERT_TRUE(purged);
  EXPECT_EQ(*purged, 1);
  EXPECT_FALSE(ReadSession(old.session_secret));
  EXPECT_TRUE(ReadSession(recent.session_secret));
}

TEST_F(AuthSessions, LastSeenIsWrittenAtMostOncePerMinute) {
  const SignIn s = LoginOrDie("owner@acme.test");
  const core::TimePoint start = clock_.Now();
  clock_.Advance(seconds(30));
  ASSERT_TRUE(auth_->Authenticate(s.session_secret));
  EXPECT_EQ(ReadSession(s.session_secret)->last_seen_at, start);
  clock_.Advance(seconds(31));
  ASSERT_TRUE(auth_->Authenticate(s.session_secret));
  EXPECT_EQ(ReadSession(s.session_secret)->last_seen_at, clock_.Now());
}

TEST_F(AuthSessions, MalformedSecretsAreRefusedWithoutAnError) {
  for (std::string_view bad :
       {"", "rps_", "rpt_abc", "rps_has space", "rps_\xff\xfe",
        "rps_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}) {
    const auto result = auth_->Authenticate(bad);
    ASSERT_FALSE(result) << bad;
    EXPECT_EQ(result.error().code(), core::ErrorCode::kUnauthenticated);
  }
}

TEST_F(AuthSessions, DisablingAnAccountEndsItsSessions) {
  const store::User hr = AddUser(org_, "hr@acme.test", Role::kHr);
  const SignIn s = LoginOrDie("hr@acme.test");
  ASSERT_TRUE(auth_->UpdateUser(SignedIn(owner_), hr.id, {.disabled = true}));
  EXPECT_FALSE(auth_->Authenticate(s.session_secret));
  EXPECT_FALSE(ReadSession(s.session_secret));
  const auto entries = AuditOf(org_, "user.disabled");
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_NE(entries[0].detail.find("\"sessions_ended\":1"), std::string::npos) << entries[0].detail;
}

TEST_F(AuthSessions, LogoutEndsTheSessionAndIsIdempotent) {
  const SignIn s = LoginOrDie("owner@acme.test");
  ASSERT_TRUE(auth_->Logout(s.session_secret, "10.0.0.1"));
  EXPECT_FALSE(auth_->Authenticate(s.session_secret));
  EXPECT_TRUE(auth_->Logout(s.session_secret, "10.0.0.1"));
  EXPECT_TRUE(auth_->Logout("", "10.0.0.1"));
  EXPECT_TRUE(auth_->Logout("garbage", "10.0.0.1"));
  EXPECT_EQ(AuditOf(org_, "auth.logout").size(), 1u);
}

TEST_F(AuthSessions, ChangingThePasswordEndsEverySessionAndStartsANewOne) {
  const SignIn other_device = LoginOrDie("owner@acme.test");
  const Principal me = SignedIn(owner_);
  const auto wrong = auth_->ChangePassword(me, "not my password", "a brand new password");
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().code(), core::ErrorCode::kUnprocessable);
  EXPECT_EQ(wrong.error().field(), "current_password");
  EXPECT_EQ(AuditOf(org_, "auth.password_change_failed").size(), 1u);

  const auto weak = auth_->ChangePassword(me, kPassword, "short");
  ASSERT_FALSE(weak);
  EXPECT_EQ(weak.error().field(), "new_password");

  const auto changed = auth_->ChangePassword(me, kPassword, "a brand new password");
  ASSERT_TRUE(changed) << changed.error().ToString();
  EXPECT_FALSE(auth_->Authenticate(other_device.session_secret));
  EXPECT_TRUE(auth_->Authenticate(changed->session_secret));
  EXPECT_FALSE(auth_->Login("owner@acme.test", kPassword, "10.0.0.1", ""));
  EXPECT_TRUE(auth_->Login("owner@acme.test", "a brand new password", "10.0.0.1", ""));
  EXPECT_EQ(AuditOf(org_, "auth.password_changed").size(), 1u);
  EXPECT_EQ(ReadUser(owner_).password_changed_at, clock_.Now());
}

TEST_F(AuthSessions, ChangePasswordGuessesCountAgainstTheAccount) {
  const Principal me = SignedIn(owner_);
  for (int i = 0; i < 5; ++i)
    ASSERT_FALSE(auth_->ChangePassword(me, "guess", "a brand new password"));
  const auto refused = auth_->ChangePassword(me, kPassword, "a brand new password");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code(), core::ErrorCode::kResourceExhausted);
}

TEST_F(AuthSessions, TokensCannotChangePasswords) {
  const Principal me = SignedIn(owner_);
  const auto token = auth_->CreateToken(me, {.name = "ci", .scopes = {"users:admin"}});
  ASSERT_TRUE(token);
  const auto as_token = auth_->AuthenticateToken(token->secret);
  ASSERT_TRUE(as_token);
  const auto refused = auth_->ChangePassword(*as_token, kPassword, "a brand new password");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code(), core::ErrorCode::kPermissionDenied);
}

TEST_F(AuthSessions, StrongerParametersRehashOnTheNextSignIn) {
  const std::string before = ReadUser(owner_).password_hash;
  AuthOptions stronger = FastOptions();
  stronger.password_hash.ops_limit = 2;
  Restart(stronger);
  ASSERT_TRUE(auth_->Login("owner@acme.test", kPassword, "10.0.0.1", ""));
  const std::string after = ReadUser(owner_).password_hash;
  EXPECT_NE(after, before);
  EXPECT_FALSE(NeedsRehash(after, stronger.password_hash));
  EXPECT_TRUE(auth_->Login("owner@acme.test", kPassword, "10.0.0.1", ""));
}

TEST_F(AuthSessions, ABurstBeyondTheHashSlotsAnswersUnavailableWithRetryAfter) {
  AuthOptions slow = FastOptions();
  slow.password_hash = {.ops_limit = 4, .memory_bytes = std::size_t{16} << 20};
  slow.max_concurrent_hashes = 1;
  slow.hash_wait = std::chrono::milliseconds(1);
  slow.throttle.failures_per_address = 1000;
  Restart(slow);
  std::atomic<int> unavailable{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      const auto r = auth_->Login("user" + std::to_string(t) + "@acme.test", "x", "10.0.0.1", "");
      if (!r && r.error().code() == core::ErrorCode::kUnavailable) {
        EXPECT_EQ(r.error().retry_after(), seconds(1));
        ++unavailable;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_GE(unavailable.load(), 1);
}

}  // namespace
}  // namespace rapport::auth::testing

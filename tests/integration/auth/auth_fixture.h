#pragma once

// A real SQLite store in a temporary folder, two organisations, a fake clock, a seeded random
// source and an AuthService with the cheapest argon2 parameters: the fixture for the auth
// service and route tests.

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "rapport/auth/service.h"
#include "rapport/core/clock.h"
#include "rapport/core/id.h"
#include "rapport/core/random.h"
#include "rapport/core/testing/temp_dir.h"
#include "rapport/store/store.h"

namespace rapport::auth::testing {

inline constexpr std::string_view kPassword = "correct horse battery";
inline constexpr PasswordHashParams kFastHash{.ops_limit = 1, .memory_bytes = 8 * 1024};

class AuthFixture : public ::testing::Test {
 protected:
  AuthFixture();

  static AuthOptions FastOptions();
  // Replaces the service (e.g. with other options); sessions and accounts stay in the store.
  void Restart(AuthOptions options);

  store::Organisation CreateOrg(std::string slug);
  store::User AddUser(const store::Organisation& org, std::string email, Role role,
                      std::string_view password = kPassword);
  // Signs `user` in and returns the session's principal, as the middleware would see it.
  Principal SignedIn(const store::User& user, std::string_view password = kPassword);
  SignIn LoginOrDie(std::string_view email, std::string_view password = kPassword,
                    std::string_view remote = "198.51.100.1");

  std::vector<store::AuditEntry> AuditOf(const store::Organisation& org, std::string action = {});
  store::User ReadUser(const store::User& user);
  std::optional<store::Session> ReadSession(std::string_view secret);
  store::ApiToken ReadToken(const store::ApiToken& token);

  core::testing::TempDir dir_;
  core::FakeClock clock_{core::TimePoint(std::chrono::seconds(1'800'000'000))};
  core::SeededRandom random_{42};
  core::IdGenerator ids_{clock_, random_};
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<AuthService> auth_;
  store::Organisation org_;
  store::Organisation other_org_;
  store::User owner_;
};

}  // namespace rapport::auth::testing

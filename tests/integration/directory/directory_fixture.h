#pragma once

// A real SQLite store in a temporary folder with two organisations, a fake clock, a seeded
// random source and a DirectoryService; principals are made directly (the directory trusts
// what the auth middleware established). The fixture for the directory service and import
// tests; the route tests add an AuthService on top.

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "rapport/auth/policy.h"
#include "rapport/core/clock.h"
#include "rapport/core/id.h"
#include "rapport/core/random.h"
#include "rapport/core/testing/temp_dir.h"
#include "rapport/directory/service.h"
#include "rapport/store/store.h"

namespace rapport::directory::testing {

// 2026-11-22T10:00:00Z.
core::TimePoint TestNow();

// A patch with an employee id and a name, the two required fields.
PersonPatch NamedPatch(std::string employee_id, std::string name);

class DirectoryFixture : public ::testing::Test {
 protected:
  DirectoryFixture();

  store::Organisation CreateOrg(std::string slug);
  auth::Principal PrincipalFor(const store::Organisation& org, auth::Role role,
                               std::optional<store::PersonId> person = std::nullopt);

  PersonView CreateOrDie(PersonPatch patch, const auth::Principal* as = nullptr);
  store::TeamId TeamOrDie(std::string name, store::TeamKind kind,
                          std::optional<store::TeamId> parent = std::nullopt);
  ImportReport ImportOrDie(std::string_view csv, bool dry_run = false, bool force = false);

  std::vector<store::Person> PeopleOf(const store::Organisation& org);
  store::Person PersonByEmployeeId(std::string_view employee_id);
  std::vector<store::AuditEntry> AuditOf(const store::Organisation& org, std::string action);

  core::testing::TempDir dir_;
  core::FakeClock clock_{TestNow()};
  core::SeededRandom random_{7};
  core::IdGenerator ids_{clock_, random_};
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<DirectoryService> directory_;
  store::Organisation org_;
  store::Organisation other_org_;
  auth::Principal admin_;
  auth::Principal other_admin_;
};

}  // namespace rapport::directory::testing

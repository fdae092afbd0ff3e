#pragma once

// The repository contract every store adapter must pass, written against the port only.
// An adapter instantiates it with a harness factory:
//
//   INSTANTIATE_TEST_SUITE_P(Sqlite, StoreContractTest,
//                            ::testing::Values(StoreContractParam{"sqlite", MakeHarness}),
//                            StoreContractParamName);
//
// Each test gets a fresh harness, i.e. a fresh, empty database. Thread-safety: a harness is
// used by the test thread only; the stores it opens are shared with the test's threads.

#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "rapport/core/clock.h"
#include "rapport/core/error.h"
#include "rapport/core/id.h"
#include "rapport/core/random.h"
#include "rapport/store/store.h"

namespace rapport::store::testing {

// One empty database and the adapter-specific means to open, damage and age it.
class StoreHarness {
 public:
  virtual ~StoreHarness() = default;
  // Opens a store on this harness's database; every call opens the same database.
  virtual core::Result<std::unique_ptr<Store>> Open() = 0;
  // Records, outside the store, that migration `version` was applied, as a newer binary would.
  // REQUIRES: the database is migrated and no store is open.
  virtual void SimulateNewerSchema(int version) = 0;
  // Overwrites the database with garbage. REQUIRES: no store is open.
  virtual void CorruptDatabase() = 0;
};

struct StoreContractParam {
  std::string name;
  // Makes a harness whose stores use `clock`; the clock outlives the harness.
  std::function<std::unique_ptr<StoreHarness>(const core::Clock& clock)> make_harness;
};

// Helpers shared by the contract tests.
NewOrganisation MakeNewOrganisation(const OrganisationId& id, std::string slug);
core::Result<Organisation> CreateOrganisation(Store& store, const NewOrganisation& org);
core::Result<Organisation> GetOrganisation(Store& store, const OrganisationId& id);
// Every organisation, following cursors.
core::Result<std::vector<Organisation>> ListAllOrganisations(Store& store, int page_limit);

std::string StoreContractParamName(const ::testing::TestParamInfo<StoreContractParam>& info);

class StoreContractTest : public ::testing::TestWithParam<StoreContractParam> {
 protected:
  void SetUp() override;

  // Opens a store and migrates it; fails the test on error.
  std::unique_ptr<Store> OpenMigrated();

  core::FakeClock clock_{core::TimePoint(std::chrono::seconds(1'800'000'000))};
  core::SeededRandom random_{20260101};
  core::IdGenerator ids_{clock_, random_};
  std::unique_ptr<StoreHarness> harness_;
};

}  // namespace rapport::store::testing

// DirectoryService's organisation settings on a real store: who may read and change them,
// validation, tenancy, and the settings.changed audit entry.

#include "rapport/directory/organisation_settings.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "tests/integration/directory/directory_fixture.h"

namespace rapport::directory::testing {
namespace {

class OrganisationSettingsTest : public DirectoryFixture {
 protected:
  store::Organisation Stored(const store::Organisation& org) {
    auto stored = store::ReadValue<store::Organisation>(
        *store_, [&](store::ReadTx& tx) { return tx.organisations().Get(org.id); });
    if (!stored) throw std::runtime_error(stored.error().ToString());
    return *stored;
  }

  static OrganisationPatch Patch(std::optional<std::string> name,
                                 std::optional<std::string> time_zone) {
    OrganisationPatch patch;
    patch.name = std::move(name);
    patch.time_zone = std::move(time_zone);
    return patch;
  }
};

TEST_F(OrganisationSettingsTest, EveryMemberReadsTheirOwnOrganisation) {
  for (const auth::Role role : auth::AllRoles()) {
    const auto org = directory_->GetOrganisation(PrincipalFor(org_, role));
    ASSERT_TRUE(org.has_value()) << auth::RoleName(role) << ": " << org.error().ToString();
    EXPECT_EQ(*org, org_);
  }
  const auto other = directory_->GetOrganisation(other_admin_);
  ASSERT_TRUE(other.has_value());
  EXPECT_EQ(other->id, other_org_.id);
}

TEST_F(OrganisationSettingsTest, OnlyOwnersAndAdminsChangeSettings) {
  for (const auth::Role role : {auth::Role::kHr, auth::Role::kCxLead, auth::Role::kKnowledgeEditor,
                                auth::Role::kEmployee}) {
    const auto denied =
        directory_->UpdateOrganisation(PrincipalFor(org_, role), Patch("Taken over", {}));
    ASSERT_FALSE(denied.has_value()) << auth::RoleName(role);
    EXPECT_EQ(denied.error().code(), core::ErrorCode::kPermissionDenied);
  }
  const auto by_owner =
      directory_->UpdateOrganisation(PrincipalFor(org_, auth::Role::kOwner), Patch("Owned", {}));
  ASSERT_TRUE(by_owner.has_value()) << by_owner.error().ToString();
  EXPECT_EQ(Stored(org_).name, "Owned");
}

TEST_F(OrganisationSettingsTest, ChangeIsStoredAndAuditedWithFromAndTo) {
  const auto updated = directory_->UpdateOrganisation(admin_, Patch("  Acme Études ", "UTC"));
  ASSERT_TRUE(updated.has_value()) << updated.error().ToString();
  EXPECT_EQ(updated->name, "Acme Études");
  EXPECT_EQ(updated->time_zone, "UTC");
  EXPECT_EQ(updated->slug, org_.slug);
  EXPECT_EQ(updated->created_at, org_.created_at);
  EXPECT_EQ(Stored(org_), *updated);
  EXPECT_EQ(Stored(other_org_), other_org_);

  const auto entries = AuditOf(org_, "settings.changed");
  ASSERT_EQ(entries.size(), 1U);
  EXPECT_EQ(entries[0].target, "organisation");
  EXPECT_EQ(entries[0].actor_id, admin_.user_id.str());
  EXPECT_EQ(entries[0].actor_label, admin_.email);
  EXPECT_EQ(entries[0].remote_address, admin_.remote_address);
  // The zone did not change ("UTC" before and after), so only the name is recorded.
  EXPECT_EQ(entries[0].detail, R"({"changed":{"name":{"from":"acme","to":"Acme Études"}}})");
  EXPECT_TRUE(AuditOf(other_org_, "settings.changed").empty());
}

TEST_F(OrganisationSettingsTest, ATimeZoneChangeIsAuditedToo) {
  if (!std::filesystem::is_directory(kSystemZoneInfo)) GTEST_SKIP() << "no tzdata";
  const auto updated = directory_->UpdateOrganisation(admin_, Patch({}, "Europe/Paris"));
  ASSERT_TRUE(updated.has_value()) << updated.error().ToString();
  EXPECT_EQ(updated->time_zone, "Europe/Paris");
  EXPECT_EQ(updated->name, org_.name);
  const auto entries = AuditOf(org_, "settings.changed");
  ASSERT_EQ(entries.size(), 1U);
  EXPECT_EQ(entries[0].detail, R"({"changed":{"time_zone":{"from":"UTC","to":"Europe/Paris"}}})");
}

TEST_F(OrganisationSettingsTest, InvalidValuesChangeNothing) {
  struct Case {
    OrganisationPatch patch;
    std::string field;
  };
  std::vector<Case> cases = {
      {Patch("", {}), "name"},
      {Patch("   ", {}), "name"},
      {Patch("two\nlines", {}), "name"},
      {Patch(std::string(kMaxOrganisationNameBytes + 1, 'x'), {}), "name"},
      {Patch({}, "../etc/passwd"), "time_zone"},
      {Patch({}, "Europe/../../etc/passwd"), "time_zone"},
      {Patch({}, "/etc/passwd"), "time_zone"},
      {Patch({}, ""), "time_zone"},
      // A valid name beside an invalid zone is not applied either.
      {Patch("Fine", "../etc/passwd"), "time_zone"},
  };
  if (std::filesystem::is_directory(kSystemZoneInfo)) {
    cases.push_back({Patch({}, "Mars/Olympus"), "time_zone"});
    cases.push_back({Patch("Fine", "Mars/Olympus"), "time_zone"});
  }
  for (const Case& c : cases) {
    const auto result = directory_->UpdateOrganisation(admin_, c.patch);
    ASSERT_FALSE(result.has_value())
        << c.patch.name.value_or("-") << " " << c.patch.time_zone.value_or("-");
    EXPECT_EQ(result.error().code(), core::ErrorCode::kUnprocessable);
    EXPECT_EQ(result.error().field(), c.field);
  }
  EXPECT_EQ(Stored(org_), org_);
  EXPECT_TRUE(AuditOf(org_, "settings.changed").empty());
}

TEST_F(OrganisationSettingsTest, APatchThatChangesNothingIsNotAudited) {
  for (const OrganisationPatch& patch :
       {Patch({}, {}), Patch(org_.name, {}), Patch(" " + org_.name + " ", org_.time_zone)}) {
    const auto result = directory_->UpdateOrganisation(admin_, patch);
    ASSERT_TRUE(result.has_value()) << result.error().ToString();
    EXPECT_EQ(*result, org_);
  }
  EXPECT_EQ(Stored(org_), org_);
  EXPECT_TRUE(AuditOf(org_, "settings.changed").empty());
}

}  // namespace
}  // namespace rapport::directory::testing

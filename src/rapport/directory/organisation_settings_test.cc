#include "rapport/directory/organisation_settings.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "rapport/core/testing/temp_dir.h"

namespace rapport::directory {
namespace {

namespace fs = std::filesystem;

template <typename R>
std::string FieldOf(const R& result) {
  return result ? std::string("(ok)") : result.error().field();
}

// A time-zone database in a temporary folder: compiled zone files are recognised by their
// first four bytes only, so a stub with the magic stands in for a real one.
class FakeZoneInfo {
 public:
  FakeZoneInfo() {
    fs::create_directories(root());
    WriteZone(root() / "Europe" / "Paris");
    WriteZone(root() / "America" / "Argentina" / "Buenos_Aires");
    WriteZone(root() / "Etc" / "GMT+5");
    WriteZone(root() / "localtime");
    WriteZone(root() / "right" / "Europe" / "Paris");
    WriteFile(root() / "leapseconds", "# not a zone\n");
    // A zone-looking file outside the database, and links to it and within the database.
    WriteZone(dir_.path() / "outside");
    fs::create_symlink(dir_.path() / "outside", root() / "Escape");
    fs::create_symlink("../outside", root() / "Relative");
    fs::create_symlink("Europe/Paris", root() / "Alias");
    fs::create_symlink("Nowhere/Else", root() / "Dangling");
  }

  fs::path root() const { return dir_.path() / "zoneinfo"; }
  fs::path missing() const { return dir_.path() / "no-such-folder"; }

 private:
  static void WriteFile(const fs::path& path, std::string_view content) {
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << content;
  }
  static void WriteZone(const fs::path& path) { WriteFile(path, "TZif2\n"); }

  core::testing::TempDir dir_;
};

TEST(OrganisationSettings, NameIsTrimmedAndKeptExactly) {
  EXPECT_EQ(NormaliseOrganisationName("  Acme Études 日本 \t"), "Acme Études 日本");
  EXPECT_EQ(NormaliseOrganisationName(std::string(kMaxOrganisationNameBytes, 'x')),
            std::string(kMaxOrganisationNameBytes, 'x'));
}

TEST(OrganisationSettings, RejectsEmptyLongOrControlledNames) {
  EXPECT_EQ(FieldOf(NormaliseOrganisationName("")), "name");
  EXPECT_EQ(FieldOf(NormaliseOrganisationName(" \t\r\n ")), "name");
  EXPECT_EQ(FieldOf(NormaliseOrganisationName(std::string(kMaxOrganisationNameBytes + 1, 'x'))),
            "name");
  EXPECT_EQ(FieldOf(NormaliseOrganisationName("two\nlines")), "name");
  EXPECT_EQ(FieldOf(NormaliseOrganisationName(std::string("nul\0byte", 8))), "name");
  EXPECT_EQ(FieldOf(NormaliseOrganisationName("del\x7F")), "name");
  EXPECT_EQ(FieldOf(NormaliseOrganisationName("c1\xC2\x85next-line")), "name");
  auto rejected = NormaliseOrganisationName("\x1B[31mred");
  ASSERT_FALSE(rejected);
  EXPECT_EQ(rejected.error().code(), core::ErrorCode::kUnprocessable);
}

TEST(OrganisationSettings, RejectsInvalidUtf8InNames) {
  for (const std::string bad :
       {"latin1 caf\xE9", "stray \x80 byte", "truncated \xE2\x82", "overlong \xC0\xAF",
        "surrogate \xED\xA0\x80", "beyond \xF4\x90\x80\x80", "bad lead \xF8\x88\x80\x80\x80"}) {
    auto result = NormaliseOrganisationName(bad);
    ASSERT_FALSE(result) << bad;
    EXPECT_EQ(result.error().field(), "name");
    EXPECT_NE(result.error().message().find("UTF-8"), std::string::npos) << bad;
  }
  EXPECT_TRUE(NormaliseOrganisationName("four bytes \xF0\x9F\x98\x80"));
}

TEST(OrganisationSettings, TimeZoneShape) {
  for (const std::string_view good :
       {"UTC", "Europe/Paris", "America/Argentina/Buenos_Aires", "Etc/GMT+5", "Etc/GMT-14",
        "EST5EDT", "America/Port-au-Prince"}) {
    EXPECT_TRUE(HasTimeZoneShape(good)) << good;
  }
  const std::string too_long = "Area/" + std::string(kMaxTimeZoneBytes, 'x');
  for (const std::string_view bad : std::initializer_list<std::string_view>{
           "", "/", "Europe/", "/Europe/Paris", "Europe//Paris", "../etc/passwd",
           "Europe/../../etc/passwd", "Europe/./Paris", ".hidden", "Europe/Paris ", "Europe\\Paris",
           "1Europe/Paris", "Europe/_Paris", "A/B/C/D", "Europe/Par\xC3\xADs", "Europe/Paris\n",
           std::string_view(too_long)}) {
    EXPECT_FALSE(HasTimeZoneShape(bad)) << bad;
  }
}

TEST(OrganisationSettings, TimeZoneMustBeACompiledZoneInTheDatabase) {
  const FakeZoneInfo zones;
  EXPECT_EQ(NormaliseTimeZone(" Europe/Paris ", zones.root()), "Europe/Paris");
  EXPECT_EQ(NormaliseTimeZone("America/Argentina/Buenos_Aires", zones.root()),
            "America/Argentina/Buenos_Aires");
  EXPECT_EQ(NormaliseTimeZone("Etc/GMT+5", zones.root()), "Etc/GMT+5");
  EXPECT_EQ(NormaliseTimeZone("Alias", zones.root()), "Alias");  // links inside are zones too
  // UTC is always known, even to a database that lacks it.
  EXPECT_EQ(NormaliseTimeZone("UTC", zones.root()), "UTC");

  for (const std::string_view bad :
       {"Mars/Olympus", "Europe", "Europe/Lyon", "leapseconds", "localtime", "right/Europe/Paris",
        "Escape", "Relative", "Dangling", "../etc/passwd", "Europe/../../etc/passwd", "",
        "/etc/passwd"}) {
    auto result = NormaliseTimeZone(bad, zones.root());
    ASSERT_FALSE(result) << bad;
    EXPECT_EQ(result.error().code(), core::ErrorCode::kUnprocessable) << bad;
    EXPECT_EQ(result.error().field(), "time_zone") << bad;
  }
}

TEST(OrganisationSettings, WithoutADatabaseTheShapeDecides) {
  const FakeZoneInfo zones;
  EXPECT_EQ(NormaliseTimeZone("Mars/Olympus", zones.missing()), "Mars/Olympus");
  EXPECT_EQ(FieldOf(NormaliseTimeZone("../etc/passwd", zones.missing())), "time_zone");
  EXPECT_EQ(FieldOf(NormaliseTimeZone("Europe/../../etc/passwd", zones.missing())), "time_zone");
}

TEST(OrganisationSettings, SystemDatabaseKnowsRealZones) {
  if (!fs::is_directory(kSystemZoneInfo)) GTEST_SKIP() << "no tzdata on this machine";
  EXPECT_EQ(NormaliseTimeZone("Europe/Paris"), "Europe/Paris");
  EXPECT_EQ(NormaliseTimeZone("America/Argentina/Buenos_Aires"), "America/Argentina/Buenos_Aires");
  EXPECT_EQ(FieldOf(NormaliseTimeZone("Mars/Olympus")), "time_zone");
  EXPECT_EQ(FieldOf(NormaliseTimeZone("leapseconds")), "time_zone");
  EXPECT_EQ(FieldOf(NormaliseTimeZone("localtime")), "time_zone");
}

TEST(OrganisationSettings, PatchIsNormalisedAndAppliedFieldByField) {
  const FakeZoneInfo zones;
  OrganisationPatch patch;
  patch.name = "  New name ";
  auto clean = NormaliseOrganisationPatch(patch, zones.root());
  ASSERT_TRUE(clean) << clean.error().ToString();
  EXPECT_EQ(clean->name, "New name");
  EXPECT_FALSE(clean->time_zone.has_value());

  const store::Organisation before{.id = store::OrganisationId::FromTrusted("01ORG"),
                                   .slug = "acme",
                                   .name = "Acme",
                                   .time_zone = "UTC",
                                   .created_at = {}};
  const store::Organisation after = ApplyOrganisationPatch(before, *clean);
  EXPECT_EQ(after.name, "New name");
  EXPECT_EQ(after.time_zone, "UTC");
  EXPECT_EQ(after.slug, "acme");

  patch.time_zone = "Mars/Olympus";
  EXPECT_EQ(FieldOf(NormaliseOrganisationPatch(patch, zones.root())), "time_zone");
  patch.name = "";
  EXPECT_EQ(FieldOf(NormaliseOrganisationPatch(patch, zones.root())), "name");
}

TEST(OrganisationSettings, ChangeDetailListsOnlyChangedSettingsAsJson) {
  store::Organisation before;
  before.name = "Acme";
  before.time_zone = "UTC";
  store::Organisation after = before;
  after.time_zone = "Europe/Paris";
  EXPECT_EQ(SettingsChangeDetail(before, after),
            R"({"changed":{"time_zone":{"from":"UTC","to":"Europe/Paris"}}})");

  after.name = R"(Say "hi" \ bye)";
  EXPECT_EQ(SettingsChangeDetail(before, after),
            R"({"changed":{"name":{"from":"Acme","to":"Say \"hi\" \\ bye"},)"
            R"("time_zone":{"from":"UTC","to":"Europe/Paris"}}})");

  after.name = std::string("tab\there", 8);
  EXPECT_NE(SettingsChangeDetail(before, after).find(R"(tab\u0009here)"), std::string::npos);
  EXPECT_EQ(SettingsChangeDetail(before, before), R"({"changed":{}})");
}

}  // namespace
}  // namespace rapport::directory

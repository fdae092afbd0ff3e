#include "rapport/directory/person_fields.h"

#include <gtest/gtest.h>

#include <string>

namespace rapport::directory {
namespace {

using std::chrono::sys_days;
using namespace std::chrono_literals;  // NOLINT(google-build-using-namespace): date literals

constexpr sys_days kToday{2026y / 11 / 22};

std::string FieldOf(const core::Status& status) {
  return status ? std::string("(ok)") : status.error().field();
}

TEST(PersonFields, TrimRemovesAsciiWhitespaceOnly) {
  EXPECT_EQ(Trim(" \t a b \r\n"), "a b");
  EXPECT_EQ(Trim("\xC2\xA0x"), "\xC2\xA0x");  // NBSP is content
  EXPECT_EQ(Trim("   "), "");
}

TEST(PersonFields, TodayIsTheUtcDay) {
  const core::TimePoint t = std::chrono::sys_days{2026y / 11 / 22} + 23h + 59min;
  EXPECT_EQ(FormatDate(TodayUtc(std::chrono::time_point_cast<std::chrono::microseconds>(t))),
            "2026-11-22");
}

TEST(PersonFields, EmployeeIdShape) {
  EXPECT_TRUE(ValidateEmployeeId("E-1001_a.b"));
  EXPECT_EQ(FieldOf(ValidateEmployeeId("")), "employee_id");
  EXPECT_FALSE(ValidateEmployeeId("E 1"));
  EXPECT_FALSE(ValidateEmployeeId("E/1"));
  EXPECT_FALSE(ValidateEmployeeId("é"));
  EXPECT_TRUE(ValidateEmployeeId(std::string(64, 'a')));
  EXPECT_FALSE(ValidateEmployeeId(std::string(65, 'a')));
}

TEST(PersonFields, EmailIsLowerCasedAndShaped) {
  EXPECT_EQ(*NormaliseEmail("Ada.Lovelace@Example.COM"), "ada.lovelace@example.com");
  EXPECT_EQ(*NormaliseEmail(""), "");
  EXPECT_TRUE(NormaliseEmail("o'brien+hr@mail.example.co.uk").has_value());
  for (const char* bad :
       {"ada", "@example.com", "ada@", "ada@example", "ada@@example.com", "a da@example.com",
        ".ada@example.com", "ada..x@example.com", "ada@-example.com", "ada@example..com",
        "ad\xC3\xA9@example.com", "ada@exa_mple.com"}) {
    const auto result = NormaliseEmail(bad);
    ASSERT_FALSE(result.has_value()) << bad;
    EXPECT_EQ(result.error().field(), "email");
    EXPECT_EQ(result.error().code(), core::ErrorCode::kUnprocessable);
  }
}

TEST(PersonFields, HireDateIsARealDateNotFarAhead) {
  EXPECT_TRUE(ValidateHireDate("", kToday));
  EXPECT_TRUE(ValidateHireDate("2024-02-29", kToday));
  EXPECT_FALSE(ValidateHireDate("2023-02-29", kToday));
  EXPECT_FALSE(ValidateHireDate("2024-13-01", kToday));
  EXPECT_FALSE(ValidateHireDate("2024-00-10", kToday));
  EXPECT_FALSE(ValidateHireDate("2024-04-31", kToday));
  EXPECT_FALSE(ValidateHireDate("24-01-01", kToday));
  EXPECT_FALSE(ValidateHireDate("2024/01/01", kToday));
  EXPECT_FALSE(ValidateHireDate("2024-1-01 ", kToday));
  EXPECT_FALSE(ValidateHireDate("+024-01-01", kToday));
  EXPECT_FALSE(ValidateHireDate("1899-12-31", kToday));
  EXPECT_TRUE(ValidateHireDate("2027-11-23", kToday));  // 366 days ahead
  EXPECT_FALSE(ValidateHireDate("2027-11-24", kToday));
  EXPECT_EQ(FieldOf(ValidateHireDate("x", kToday)), "hire_date");
}

TEST(PersonFields, EmploymentTypeFromTheList) {
  EXPECT_TRUE(ValidateEmploymentType(""));
  EXPECT_TRUE(ValidateEmploymentType("contractor"));
  EXPECT_FALSE(ValidateEmploymentType("Contractor"));
  EXPECT_EQ(FieldOf(ValidateEmploymentType("boss")), "employment_type");
}

TEST(PersonFields, LinesRejectControlCharactersAndLength) {
  EXPECT_TRUE(ValidateLine("Zoë O'Brien", "name", 200, true));
  EXPECT_EQ(FieldOf(ValidateLine("", "name", 200, true)), "name");
  EXPECT_TRUE(ValidateLine("", "location", 200, false));
  EXPECT_FALSE(ValidateLine("a\nb", "name", 200, true));
  EXPECT_FALSE(ValidateLine("a\x7F", "name", 200, true));
  EXPECT_FALSE(ValidateLine(std::string(201, 'x'), "name", 200, true));
}

TEST(PersonFields, AttributeNames) {
  EXPECT_TRUE(IsValidAttributeName("cost_centre"));
  EXPECT_TRUE(IsValidAttributeName("a"));
  EXPECT_TRUE(IsValidAttributeName("a" + std::string(63, '1')));
  EXPECT_FALSE(IsValidAttributeName("a" + std::string(64, '1')));
  EXPECT_FALSE(IsValidAttributeName("1st"));
  EXPECT_FALSE(IsValidAttributeName("_x"));
  EXPECT_FALSE(IsValidAttributeName("Cost"));
  EXPECT_FALSE(IsValidAttributeName(""));
  EXPECT_EQ(NormaliseColumnName(" Cost Centre "), "cost_centre");
  EXPECT_EQ(NormaliseColumnName("Employee ID"), "employee_id");
  EXPECT_EQ(NormaliseColumnName("Cost-Centre / Region.Code"), "cost_centre_region_code");
  EXPECT_EQ(NormaliseColumnName("__x__"), "x");
  EXPECT_EQ(NormaliseColumnName("Coût"), "co\xC3\xBBt");  // kept, and then rejected
  EXPECT_FALSE(IsValidAttributeName(NormaliseColumnName("Coût")));
}

TEST(PersonFields, AttributeValuesAndCount) {
  EXPECT_TRUE(ValidateAttributes({{"notes", "line one\nline two"}}));
  EXPECT_EQ(FieldOf(ValidateAttributes({{"notes", "tab\there"}})), "attributes.notes");
  EXPECT_EQ(FieldOf(ValidateAttributes({{"notes", ""}})), "attributes.notes");
  EXPECT_EQ(FieldOf(ValidateAttributes({{"Bad", "x"}})), "attributes");
  store::Attributes many;
  for (int i = 0; i < 51; ++i) many.emplace("a" + std::to_string(i), "x");
  EXPECT_EQ(FieldOf(ValidateAttributes(many)), "attributes");
}

TEST(PersonFields, TeamKindsAndStatuses) {
  EXPECT_EQ(*ParseTeamKind("department"), store::TeamKind::kDepartment);
  EXPECT_EQ(TeamKindName(store::TeamKind::kTeam), "team");
  EXPECT_EQ(ParseTeamKind("squad").error().field(), "kind");
  EXPECT_EQ(*ParseStatus("inactive"), store::PersonStatus::kInactive);
  EXPECT_EQ(StatusName(store::PersonStatus::kActive), "active");
  EXPECT_FALSE(ParseStatus("Active").has_value());
}

}  // namespace
}  // namespace rapport::directory

#include "rapport/directory/people_csv.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

namespace rapport::directory {
namespace {

using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::HasSubstr;
using namespace std::chrono_literals;  // NOLINT(google-build-using-namespace): date literals

constexpr std::chrono::sys_days kToday{2026y / 11 / 22};

PeopleFile Parse(std::string_view csv) { return ParsePeopleCsv(csv, kToday); }

// "line:field" of every error, for compact assertions.
std::vector<std::string> ErrorKeys(const PeopleFile& file) {
  std::vector<std::string> keys;
  for (const auto& e : file.errors) keys.push_back(std::to_string(e.line) + ":" + e.field);
  return keys;
}

TEST(ParsePeopleCsv, ReadsKnownColumnsCaseInsensitivelyAndAttributes) {
  const PeopleFile file = Parse(
      " Employee ID ,NAME,E-mail,Job Title,Department,Team,Manager Employee ID,Hire Date,"
      "Location,Employment Type,Cost Centre\n"
      "E1, Ada Lovelace ,ADA@EXAMPLE.COM,CTO,Engineering,Platform,,2020-01-15,London,"
      "full_time,CC-1\n");
  ASSERT_TRUE(file.errors.empty()) << file.errors.front().message;
  EXPECT_EQ(file.rows, 1);
  ASSERT_EQ(file.people.size(), 1U);
  const Candidate& c = file.people.front();
  EXPECT_EQ(c.line, 2);
  EXPECT_EQ(c.employee_id, "E1");
  EXPECT_EQ(c.name, "Ada Lovelace");
  EXPECT_EQ(c.email, "ada@example.com");
  EXPECT_EQ(c.department, "Engineering");
  EXPECT_EQ(c.team, "Platform");
  EXPECT_EQ(c.hire_date, "2020-01-15");
  EXPECT_EQ(c.employment_type, "full_time");
  EXPECT_EQ(c.attributes, (store::Attributes{{"cost_centre", "CC-1"}}));
  EXPECT_TRUE(c.valid);
  EXPECT_TRUE(file.header.Has(Column::kLocation));
  EXPECT_FALSE(file.header.Has(Column::kStatus));
}

TEST(ParsePeopleCsv, RequiresEmployeeIdAndNameColumns) {
  const PeopleFile file = Parse("email\nx@example.com\n");
  EXPECT_THAT(ErrorKeys(file), ElementsAre("1:employee_id", "1:name"));
  EXPECT_TRUE(file.people.empty());
}

TEST(ParsePeopleCsv, RejectsBadHeaders) {
  EXPECT_THAT(ErrorKeys(Parse("employee_id,name,,x\n")), ElementsAre("1:"));
  EXPECT_THAT(ErrorKeys(Parse("employee_id,name,Name\n")), ElementsAre("1:name"));
  EXPECT_THAT(ErrorKeys(Parse("employee_id,name,2nd language\n")), ElementsAre("1:2nd language"));
  EXPECT_THAT(ErrorKeys(Parse("employee_id,name,Coût\n")), ElementsAre("1:Coût"));
  std::string many = "employee_id,name";
  for (int i = 0; i < 51; ++i) many += ",attr" + std::to_string(i);
  EXPECT_THAT(ErrorKeys(Parse(many + "\n")), ElementsAre("1:"));
  many.erase(many.rfind(','));
  EXPECT_TRUE(Parse(many + "\n").errors.empty());
}

TEST(ParsePeopleCsv, EmptyFileAndHeaderOnly) {
  EXPECT_THAT(ErrorKeys(Parse("")), ElementsAre("1:"));
  const PeopleFile header_only = Parse(
      "\xEF\xBB\xBF"
      "employee_id,name\r\n");
  EXPECT_TRUE(header_only.errors.empty());
  EXPECT_EQ(header_only.rows, 0);
}

TEST(ParsePeopleCsv, CsvErrorsBecomeReportErrorsWithTheLine) {
  const PeopleFile file = Parse("employee_id,name\nE1,Zo\xEB\n");
  ASSERT_EQ(file.errors.size(), 1U);
  EXPECT_EQ(file.errors[0].line, 2);
  EXPECT_THAT(file.errors[0].message, HasSubstr("column 6"));
  EXPECT_THAT(file.errors[0].message, HasSubstr("UTF-8"));
}

TEST(ParsePeopleCsv, ValidatesEachRowAndNamesTheField) {
  const PeopleFile file = Parse(
      "employee_id,name,email,hire_date,employment_type,status,team,department\n"
      "E1,Ada,not-an-address,2020-02-30,boss,gone,Platform,\n"
      "E 2,Bad Id,,,,,,\n"
      "E3,,,,,,,\n");
  EXPECT_THAT(ErrorKeys(file),
              ElementsAre("2:email", "2:department", "2:hire_date", "2:employment_type", "2:status",
                          "3:employee_id", "4:name"));
  ASSERT_EQ(file.people.size(), 2U);  // E 2 has no usable id
  EXPECT_FALSE(file.people[0].valid);
  EXPECT_FALSE(file.people[1].valid);
}

TEST(ParsePeopleCsv, RowsWithTheWrongNumberOfFields) {
  const PeopleFile file = Parse("employee_id,name\nE1,Ada,extra\nE2\n");
  EXPECT_THAT(ErrorKeys(file), ElementsAre("2:", "3:", "3:name"));
  ASSERT_EQ(file.people.size(), 2U);
  EXPECT_FALSE(file.people[0].valid);
}

TEST(ParsePeopleCsv, StripsSpreadsheetApostrophesAndKeepsNewlinesInAttributes) {
  const PeopleFile file = Parse(
      "employee_id,name,notes\n"
      "'-7,'=Eve,\"'@first\r\nsecond\"\n"
      "E8,'Quote,x\n");
  ASSERT_TRUE(file.errors.empty()) << file.errors.front().message;
  EXPECT_EQ(file.people[0].employee_id, "-7");
  EXPECT_EQ(file.people[0].name, "=Eve");
  EXPECT_EQ(file.people[0].attributes.at("notes"), "@first\nsecond");
  EXPECT_EQ(file.people[1].name, "'Quote");
}

TEST(ParsePeopleCsv, DuplicateEmployeeIdNamesTheFirstLine) {
  const PeopleFile file = Parse("employee_id,name\nE1,Ada\nE2,Bob\nE1,Cy\n");
  ASSERT_EQ(file.errors.size(), 1U);
  EXPECT_EQ(file.errors[0].line, 4);
  EXPECT_EQ(file.errors[0].field, "employee_id");
  EXPECT_THAT(file.errors[0].message, HasSubstr("line 2"));
  EXPECT_THAT(file.people,
              ElementsAre(Field(&Candidate::name, "Ada"), Field(&Candidate::name, "Bob")));
}

TEST(ParsePeopleCsv, UnknownAndSelfManagers) {
  const PeopleFile file = Parse(
      "employee_id,name,manager_employee_id\n"
      "E1,Ada,\n"
      "E2,Bob,E9\n"
      "E3,Cy,E3\n"
      "E4,Di,E1\n");
  EXPECT_THAT(ErrorKeys(file), ElementsAre("3:manager_employee_id", "4:manager_employee_id"));
  EXPECT_THAT(file.errors[0].message, HasSubstr("\"E9\" is not in the file"));
  EXPECT_THAT(file.errors[1].message, HasSubstr("own manager"));
}

TEST(ParsePeopleCsv, ReportsEveryRowOfAManagerCycle) {
  const PeopleFile file = Parse(
      "employee_id,name,manager_employee_id\n"
      "A,Ann,C\n"
      "B,Ben,A\n"
      "C,Cat,B\n"
      "D,Dan,A\n"  // below the cycle, not in it
      "E,Eve,F\n"  // a second cycle of two
      "F,Fay,E\n"
      "G,Gus,\n");
  EXPECT_THAT(ErrorKeys(file),
              ElementsAre("2:manager_employee_id", "3:manager_employee_id", "4:manager_employee_id",
                          "6:manager_employee_id", "7:manager_employee_id"));
  EXPECT_THAT(file.errors[0].message, HasSubstr("cycle"));
  EXPECT_THAT(file.errors[0].message, HasSubstr("A -> C -> B -> A"));
  EXPECT_TRUE(file.people[3].valid);  // D
  EXPECT_TRUE(file.people[6].valid);  // G
}

TEST(ParsePeopleCsv, LongChainIsNotACycle) {
  std::string csv = "employee_id,name,manager_employee_id\nP0,Top,\n";
  for (int i = 1; i < 5000; ++i) {
    csv += "P" + std::to_string(i) + ",N,P" + std::to_string(i - 1) + "\n";
  }
  const PeopleFile file = Parse(csv);
  EXPECT_TRUE(file.errors.empty());
  EXPECT_EQ(file.people.size(), 5000U);
}

TEST(ParsePeopleCsv, StatusColumn) {
  const PeopleFile file = Parse("employee_id,name,status\nE1,Ada,inactive\nE2,Bob,\n");
  ASSERT_TRUE(file.errors.empty());
  EXPECT_EQ(file.people[0].status, store::PersonStatus::kInactive);
  EXPECT_EQ(file.people[1].status, store::PersonStatus::kActive);
}

}  // namespace
}  // namespace rapport::directory

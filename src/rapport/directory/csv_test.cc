#include "rapport/directory/csv.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace rapport::directory {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::vector<std::vector<std::string>> Fields(std::string_view text, const CsvLimits& limits = {}) {
  const auto records = ReadCsv(text, limits);
  EXPECT_TRUE(records.has_value()) << records.error().ToString();
  std::vector<std::vector<std::string>> out;
  if (records) {
    for (const auto& r : *records) out.push_back(r.fields);
  }
  return out;
}

CsvError ErrorOf(std::string_view text, const CsvLimits& limits = {}) {
  const auto records = ReadCsv(text, limits);
  EXPECT_FALSE(records.has_value());
  return records ? CsvError{} : records.error();
}

TEST(ReadCsv, ReadsPlainRecordsWithLfOrCrlf) {
  EXPECT_THAT(Fields("a,b\n1,2\n"), ElementsAre(ElementsAre("a", "b"), ElementsAre("1", "2")));
  EXPECT_THAT(Fields("a,b\r\n1,2\r\n"), ElementsAre(ElementsAre("a", "b"), ElementsAre("1", "2")));
  EXPECT_THAT(Fields("a,b\r\n1,2\n3,4"),
              ElementsAre(ElementsAre("a", "b"), ElementsAre("1", "2"), ElementsAre("3", "4")));
}

TEST(ReadCsv, KeepsEmptyFieldsAndWhitespace) {
  EXPECT_THAT(Fields(",\n a , b\n"), ElementsAre(ElementsAre("", ""), ElementsAre(" a ", " b")));
  EXPECT_THAT(Fields("a,b,\n"), ElementsAre(ElementsAre("a", "b", "")));
}

TEST(ReadCsv, ReadsQuotedFieldsWithCommasQuotesAndLineBreaks) {
  EXPECT_THAT(Fields("\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"\"\n"),
              ElementsAre(ElementsAre("a,b", "say \"hi\"", "two\nlines", "")));
  EXPECT_THAT(Fields("\"crlf\r\ninside\"\r\n"), ElementsAre(ElementsAre("crlf\r\ninside")));
}

TEST(ReadCsv, ReportsThePhysicalLineWhereEachRecordStarts) {
  const auto records = ReadCsv("h\n\"a\nb\nc\"\n\nd\n");
  ASSERT_TRUE(records.has_value());
  ASSERT_EQ(records->size(), 3U);
  EXPECT_EQ((*records)[0].line, 1);
  EXPECT_EQ((*records)[1].line, 2);
  EXPECT_EQ((*records)[2].line, 6);
}

TEST(ReadCsv, SkipsByteOrderMarkAndBlankLines) {
  EXPECT_THAT(Fields("\xEF\xBB\xBF"
                     "a\n\n\r\nb\n\n"),
              ElementsAre(ElementsAre("a"), ElementsAre("b")));
  // A BOM anywhere else is content.
  EXPECT_THAT(Fields("a,\xEF\xBB\xBF"
                     "b\n"),
              ElementsAre(ElementsAre("a",
                                      "\xEF\xBB\xBF"
                                      "b")));
}

TEST(ReadCsv, EmptyInputHasNoRecords) {
  EXPECT_TRUE(Fields("").empty());
  EXPECT_TRUE(Fields("\xEF\xBB\xBF").empty());
  EXPECT_TRUE(Fields("\n\r\n\n").empty());
}

TEST(ReadCsv, HeaderOnly) { EXPECT_THAT(Fields("a,b"), ElementsAre(ElementsAre("a", "b"))); }

TEST(ReadCsv, RejectsQuoteInsideUnquotedField) {
  const CsvError e = ErrorOf("a,b\nx,y\"z\n");
  EXPECT_EQ(e.line, 2);
  EXPECT_EQ(e.column, 4);
  EXPECT_THAT(e.message, HasSubstr("quote inside an unquoted field"));
}

TEST(ReadCsv, RejectsTextAfterClosingQuote) {
  const CsvError e = ErrorOf("a\n\"ab\"c\n");
  EXPECT_EQ(e.line, 2);
  EXPECT_THAT(e.message, HasSubstr("after a closing quote"));
  EXPECT_FALSE(ReadCsv("\"a\" ,b").has_value());
}

TEST(ReadCsv, RejectsUnterminatedQuoteAtEndOfFile) {
  const CsvError e = ErrorOf("a\nb\n\"never\nclosed,\n");
  EXPECT_EQ(e.line, 3);
  EXPECT_EQ(e.column, 1);
  EXPECT_THAT(e.message, HasSubstr("never closed"));
  EXPECT_FALSE(ReadCsv("\"").has_value());
  EXPECT_FALSE(ReadCsv("\"\"\"").has_value());
}

TEST(ReadCsv, RejectsBareCarriageReturn) {
  const CsvError e = ErrorOf("a\rb\n");
  EXPECT_EQ(e.line, 1);
  EXPECT_THAT(e.message, HasSubstr("carriage return"));
  EXPECT_FALSE(ReadCsv("a\r").has_value());
}

TEST(ReadCsv, RejectsLatin1WithLineAndCharacterColumn) {
  // "Zoë" in Latin-1 on line 2, after a multi-byte character on the same line.
  const CsvError e = ErrorOf("name\n\xC3\xA9,Zo\xEB\n");
  EXPECT_EQ(e.line, 2);
  EXPECT_EQ(e.column, 5);
  EXPECT_THAT(e.message, HasSubstr("UTF-8"));
  EXPECT_THAT(e.ToString(), HasSubstr("line 2, column 5"));
}

TEST(ReadCsv, RejectsMalformedUtf8) {
  EXPECT_FALSE(ReadCsv("\xC0\xAF").has_value());          // overlong '/'
  EXPECT_FALSE(ReadCsv("\xE0\x80\xAF").has_value());      // overlong, three bytes
  EXPECT_FALSE(ReadCsv("\xF0\x80\x80\xAF").has_value());  // overlong, four bytes
  EXPECT_FALSE(ReadCsv("\xED\xA0\x80").has_value());      // surrogate
  EXPECT_FALSE(ReadCsv("\xF4\x90\x80\x80").has_value());  // above U+10FFFF
  EXPECT_FALSE(ReadCsv("\xF5\x80\x80\x80").has_value());
  EXPECT_FALSE(ReadCsv("\x80").has_value());          // stray continuation
  EXPECT_FALSE(ReadCsv("a\xC3").has_value());         // truncated at the end
  EXPECT_FALSE(ReadCsv("\"\xE2\x82\"").has_value());  // truncated inside quotes
  EXPECT_THAT(Fields("\xE2\x82\xAC,\xF0\x9F\x98\x80\n"),
              ElementsAre(ElementsAre("\xE2\x82\xAC", "\xF0\x9F\x98\x80")));
}

TEST(ReadCsv, RejectsNulBytes) {
  const CsvError e =
      ErrorOf(std::string_view("a,b\x00"
                               "c\n",
                               6));
  EXPECT_EQ(e.line, 1);
  EXPECT_EQ(e.column, 4);
  EXPECT_THAT(e.message, HasSubstr("NUL"));
  EXPECT_FALSE(ReadCsv(std::string_view("\"\x00\"", 3)).has_value());
}

TEST(ReadCsv, EnforcesFieldSize) {
  const CsvLimits limits{.max_field_bytes = 8, .max_columns = 10, .max_records = 10};
  EXPECT_THAT(Fields("12345678", limits), ElementsAre(ElementsAre("12345678")));
  EXPECT_THAT(ErrorOf("123456789", limits).message, HasSubstr("longer than 8 bytes"));
  EXPECT_THAT(ErrorOf("\"1234\"\"5678\"", limits).message, HasSubstr("longer than 8 bytes"));
  const std::string huge(CsvLimits{}.max_field_bytes + 1, 'x');
  EXPECT_FALSE(ReadCsv(huge).has_value());
}

TEST(ReadCsv, EnforcesColumnAndRecordCounts) {
  const CsvLimits limits{.max_field_bytes = 8, .max_columns = 3, .max_records = 2};
  EXPECT_TRUE(ReadCsv("a,b,c\n1,2,3\n", limits).has_value());
  EXPECT_THAT(ErrorOf("a,b,c,d\n", limits).message, HasSubstr("more than 3 columns"));
  const CsvError rows = ErrorOf("a\nb\nc\n", limits);
  EXPECT_EQ(rows.line, 3);
  EXPECT_THAT(rows.message, HasSubstr("more than 2 records"));
  EXPECT_FALSE(ReadCsv(std::string(201, ','), CsvLimits{}).has_value());
}

TEST(Formula, NeutralisesEveryTrigger) {
  for (const char* cell : {"=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"}) {
    EXPECT_EQ(NeutraliseFormula(cell), std::string("'") + cell);
  }
  EXPECT_EQ(NeutraliseFormula("plain"), "plain");
  EXPECT_EQ(NeutraliseFormula(""), "");
  EXPECT_EQ(NeutraliseFormula("'quoted"), "'quoted");
  EXPECT_EQ(NeutraliseFormula("'=already"), "''=already");
}

TEST(Formula, UnneutraliseInvertsNeutralise) {
  for (const char* cell : {"=1+1", "-5", "'", "''", "'x", "'=x", "''-x", "x'=", "", "@", "'\t"}) {
    EXPECT_EQ(UnneutraliseFormula(NeutraliseFormula(cell)), cell) << cell;
  }
  EXPECT_EQ(UnneutraliseFormula("'x"), "'x");
}

TEST(CsvWriter, QuotesOnlyWhenNeeded) {
  CsvWriter writer(CsvWriter::Options{.byte_order_mark = false, .neutralise_formulas = false});
  writer.AddRecord(std::vector<std::string>{"a", "b,c", "say \"hi\"", "two\nlines", "é"});
  EXPECT_EQ(writer.text(), "a,\"b,c\",\"say \"\"hi\"\"\",\"two\nlines\",é\r\n");
}

TEST(CsvWriter, WritesBomAndNeutralisesFormulas) {
  CsvWriter writer(CsvWriter::Options{.byte_order_mark = true, .neutralise_formulas = true});
  writer.AddRecord(std::vector<std::string>{"=HYPERLINK(\"x\")", "-2", "ok"});
  EXPECT_EQ(writer.text(), "\xEF\xBB\xBF\"'=HYPERLINK(\"\"x\"\")\",'-2,ok\r\n");
}

TEST(CsvWriter, RoundTripsThroughTheReader) {
  const std::vector<std::string> record = {"", "=x", "a,b", "\"q\"", "l1\nl2", "ünï", "  sp  "};
  CsvWriter writer;
  writer.AddRecord(record);
  writer.AddRecord(std::vector<std::string>{""});
  const auto read = ReadCsv(writer.text());
  ASSERT_TRUE(read.has_value()) << read.error().ToString();
  ASSERT_EQ(read->size(), 2U);
  std::vector<std::string> back;
  for (const auto& f : (*read)[0].fields) back.emplace_back(UnneutraliseFormula(f));
  EXPECT_EQ(back, record);
  EXPECT_THAT((*read)[1].fields, ElementsAre(""));
}

}  // namespace
}  // namespace rapport::directory

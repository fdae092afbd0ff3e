#include "rapport/http/json.h"

#include <gtest/gtest.h>

#include <string>

namespace rapport::http {
namespace {

TEST(ParseJsonBody, ParsesObjects) {
  const auto value = ParseJsonBody(R"({"name":"Ada","age":36,"tags":["a"],"x":null})");
  ASSERT_TRUE(value.has_value()) << value.error().ToString();
  EXPECT_TRUE(value->is_object());
}

TEST(ParseJsonBody, ReportsOffsetOfSyntaxError) {
  const auto value = ParseJsonBody(R"({"name": nope})");
  ASSERT_FALSE(value.has_value());
  EXPECT_EQ(value.error().code(), core::ErrorCode::kInvalidArgument);
  EXPECT_NE(value.error().message().find("offset 9"), std::string::npos) << value.error().message();
}

TEST(ParseJsonBody, RejectsEmptyTruncatedAndTrailingData) {
  EXPECT_FALSE(ParseJsonBody("").has_value());
  EXPECT_FALSE(ParseJsonBody("   ").has_value());
  EXPECT_FALSE(ParseJsonBody(R"({"a":1)").has_value());
  const auto trailing = ParseJsonBody(R"({"a":1} {"b":2})");
  ASSERT_FALSE(trailing.has_value());
  EXPECT_NE(trailing.error().message().find("after the JSON value"), std::string::npos);
  EXPECT_TRUE(ParseJsonBody("{\"a\":1}\n").has_value());
}

TEST(ParseJsonBody, RejectsCommentsAndTrailingCommas) {
  EXPECT_FALSE(ParseJsonBody(R"({"a":1 /* x */})").has_value());
  EXPECT_FALSE(ParseJsonBody(R"([1,2,])").has_value());
}

TEST(ParseJsonBody, RejectsExcessiveNesting) {
  const std::string deep = std::string(65, '[') + std::string(65, ']');
  const auto value = ParseJsonBody(deep);
  ASSERT_FALSE(value.has_value());
  EXPECT_NE(value.error().message().find("deeper than 64"), std::string::npos);
  const std::string ok = std::string(64, '[') + std::string(64, ']');
  EXPECT_TRUE(ParseJsonBody(ok).has_value());
  EXPECT_FALSE(ParseJsonBody("[[[]]]", JsonLimits{.max_depth = 2}).has_value());
}

TEST(ParseJsonBody, RejectsInvalidUtf8) {
  EXPECT_FALSE(ParseJsonBody("{\"a\":\"\xff\"}").has_value());
  EXPECT_FALSE(ParseJsonBody("{\"a\":\"\xc0\xaf\"}").has_value());
  EXPECT_TRUE(ParseJsonBody("{\"a\":\"\xc3\xa9\"}").has_value());
}

TEST(ParseJsonBody, RejectsDuplicateKeysAtAnyDepth) {
  const auto top = ParseJsonBody(R"({"a":1,"a":2})");
  ASSERT_FALSE(top.has_value());
  EXPECT_NE(top.error().message().find("duplicate key \"a\""), std::string::npos);
  EXPECT_FALSE(ParseJsonBody(R"({"x":[{"b":1,"c":2,"b":3}]})").has_value());
  // The same key in sibling objects is fine.
  EXPECT_TRUE(ParseJsonBody(R"([{"a":1},{"a":2}])").has_value());
  // Escapes are decoded before comparing.
  EXPECT_FALSE(ParseJsonBody(R"({"a":1,"\u0061":2})").has_value());
}

TEST(ParseJsonBody, RejectsNumbersBeyondDoubleRange) {
  // Boost.JSON would turn these into infinity and later serialise invalid JSON.
  const auto huge = ParseJsonBody(R"({"d":1e400})");
  ASSERT_FALSE(huge.has_value());
  EXPECT_NE(huge.error().message().find("out of range"), std::string::npos);
  EXPECT_FALSE(ParseJsonBody(R"([-172036854775823078e308])").has_value());
  EXPECT_TRUE(ParseJsonBody(R"([1.7976931348623157e308, 1e-400])").has_value());
}

TEST(ParseJsonBody, RejectsOversizedBodyAsTooLarge) {
  const auto value = ParseJsonBody(R"({"a":"0123456789"})", JsonLimits{.max_bytes = 10});
  ASSERT_FALSE(value.has_value());
  EXPECT_EQ(value.error().code(), core::ErrorCode::kTooLarge);
}

class JsonFieldsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto parsed = ParseJsonBody(
        R"({"name":"Ada","age":36,"ratio":0.5,"big":18446744073709551615,"three":3.0,)"
        R"("ok":true,"nothing":null,"child":{"k":"v"},"list":[1,2]})");
    ASSERT_TRUE(parsed.has_value());
    value_ = std::move(*parsed);
    obj_ = &value_.get_object();
  }
  boost::json::value value_;
  const boost::json::object* obj_ = nullptr;
};

TEST_F(JsonFieldsTest, ReadsTypedFields) {
  EXPECT_EQ(GetString(*obj_, "name").value(), "Ada");
  EXPECT_EQ(GetInt(*obj_, "age").value(), 36);
  EXPECT_EQ(GetInt(*obj_, "three").value(), 3);
  EXPECT_DOUBLE_EQ(GetNumber(*obj_, "ratio").value(), 0.5);
  EXPECT_DOUBLE_EQ(GetNumber(*obj_, "age").value(), 36.0);
  EXPECT_TRUE(GetBool(*obj_, "ok").value());
  EXPECT_EQ(GetObject(*obj_, "child").value()->size(), 1u);
  EXPECT_EQ(GetArray(*obj_, "list").value()->size(), 2u);
}

TEST_F(JsonFieldsTest, MissingAndNullRequiredFieldsNameTheField) {
  const auto missing = GetString(*obj_, "email", "people[3]");
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code(), core::ErrorCode::kInvalidArgument);
  EXPECT_EQ(missing.error().field(), "people[3].email");
  EXPECT_EQ(missing.error().message(), "people[3].email is required");
  EXPECT_EQ(GetString(*obj_, "nothing").error().field(), "nothing");
}

TEST_F(JsonFieldsTest, WrongTypesNameTheField) {
  const auto wrong = GetInt(*obj_, "name", "survey");
  ASSERT_FALSE(wrong.has_value());
  EXPECT_EQ(wrong.error().field(), "survey.name");
  EXPECT_EQ(wrong.error().message(), "survey.name must be an integer");
  EXPECT_FALSE(GetInt(*obj_, "ratio").has_value());
  EXPECT_FALSE(GetInt(*obj_, "big").has_value());  // above int64
  EXPECT_FALSE(GetString(*obj_, "age").has_value());
  EXPECT_FALSE(GetBool(*obj_, "name").has_value());
  EXPECT_FALSE(GetObject(*obj_, "list").has_value());
  EXPECT_FALSE(GetArray(*obj_, "child").has_value());
}

TEST_F(JsonFieldsTest, OptionalFieldsAcceptAbsentAndNull) {
  EXPECT_EQ(GetOptionalString(*obj_, "email").value(), std::nullopt);
  EXPECT_EQ(GetOptionalInt(*obj_, "nothing").value(), std::nullopt);
  EXPECT_EQ(GetOptionalBool(*obj_, "ok").value(), true);
  EXPECT_EQ(GetOptionalNumber(*obj_, "ratio").value(), 0.5);
  EXPECT_FALSE(GetOptionalString(*obj_, "age").has_value());
}

TEST(JsonPaths, BuildFieldPaths) {
  EXPECT_EQ(FieldPath("", "name"), "name");
  EXPECT_EQ(FieldPath("survey", "name"), "survey.name");
  EXPECT_EQ(FieldPath(IndexPath("questions", 2), "scale"), "questions[2].scale");
}

TEST(AsObject, RequiresAnObject) {
  EXPECT_TRUE(AsObject(boost::json::value(boost::json::object())).has_value());
  EXPECT_FALSE(AsObject(boost::json::value(boost::json::array())).has_value());
}

}  // namespace
}  // namespace rapport::http

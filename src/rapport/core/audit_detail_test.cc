#include "rapport/core/audit_detail.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace rapport::core {
namespace {

TEST(AuditDetail, WritesAFlatJsonObject) {
  const std::vector<std::string> scopes = {"audit:read", "directory:read"};
  EXPECT_EQ(AuditDetail().str(), "{}");
  EXPECT_EQ(
      AuditDetail().Add("role", "hr").Add("count", std::int64_t{3}).Add("scopes", scopes).str(),
      R"({"role":"hr","count":3,"scopes":["audit:read","directory:read"]})");
}

TEST(AuditDetail, EscapesHostileText) {
  EXPECT_EQ(JsonQuote("a\"b\\c"), R"("a\"b\\c")");
  EXPECT_EQ(JsonQuote(std::string("nl\n nul\0 del\x7f", 13)), R"("nl\u000a nul\u0000 del\u007f")");
  EXPECT_EQ(JsonQuote("é"), "\"é\"");
}

}  // namespace
}  // namespace rapport::core

#include "rapport/store/migrations.h"

#include <gtest/gtest.h>

namespace rapport::store {
namespace {

TEST(KnownMigrations, AreNumberedFromOneWithoutGaps) {
  int expected = 1;
  for (const MigrationInfo& m : KnownMigrations()) {
    EXPECT_EQ(m.version, expected++);
    EXPECT_FALSE(m.name.empty());
  }
  EXPECT_EQ(LatestSchemaVersion(), expected - 1);
}

}  // namespace
}  // namespace rapport::store

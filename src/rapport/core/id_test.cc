#include "rapport/core/id.h"

#include <gtest/gtest.h>

#include <set>

namespace rapport::core {
namespace {

struct TeamTag {};
using TeamId = Id<TeamTag>;

TEST(IdGenerator, MakesWellFormedUniqueTimeOrderedIds) {
  FakeClock clock(TimePoint(std::chrono::milliseconds(1'700'000'000'000)));
  SeededRandom random(1);
  IdGenerator ids(clock, random);
  std::set<std::string> seen;
  std::string previous;
  for (int i = 0; i < 1000; ++i) {
    clock.Advance(std::chrono::milliseconds(1));
    const std::string id = ids.NewRaw();
    ASSERT_TRUE(IsWellFormedId(id)) << id;
    EXPECT_GT(id, previous);
    previous = id;
    seen.insert(id);
  }
  EXPECT_EQ(seen.size(), 1000u);
}

TEST(Id, ParseRejectsHostileInput) {
  EXPECT_TRUE(TeamId::Parse("01hzzzzzzzzzzzzzzzzzzzzzzz").has_value());
  for (std::string_view bad :
       {"", "01HZZZZZZZZZZZZZZZZZZZZZZZ", "01hzzzzzzzzzzzzzzzzzzzzzz", "../../etc/passwd",
        "01hzzzzzzzzzzzzzzzzzzzzzzzz", "81hzzzzzzzzzzzzzzzzzzzzzzz", "01hzzzzzzzzzzzzzzzzzzzzzzu",
        "01hzzzzzzzzzzzz'zzzzzzzzzz"}) {
    const auto r = TeamId::Parse(bad, "team_id");
    ASSERT_FALSE(r.has_value()) << bad;
    EXPECT_EQ(r.error().field(), "team_id");
  }
}

}  // namespace
}  // namespace rapport::core

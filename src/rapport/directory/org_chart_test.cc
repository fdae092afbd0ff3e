#include "rapport/directory/org_chart.h"

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

namespace rapport::directory {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

store::PersonId Id(int n) { return store::PersonId::FromTrusted(fmt::format("{:026d}", n)); }

store::Person P(int n, std::string name, std::optional<int> manager = std::nullopt,
                store::PersonStatus status = store::PersonStatus::kActive) {
  store::Person p;
  p.id = Id(n);
  p.employee_id = fmt::format("E{}", n);
  p.name = std::move(name);
  if (manager) p.manager_id = Id(*manager);
  p.status = status;
  return p;
}

std::vector<std::string> Names(const std::vector<const store::Person*>& people) {
  std::vector<std::string> out;
  for (const store::Person* p : people) out.push_back(p->name);
  return out;
}

//        Ann(1)
//       /      \.
//   Ben(2)    Cat(3)
//   /    \        \.
// Dan(4) Eve(5)  Fay(6, inactive)
//                   \.
//                   Gus(7)     Hal(8), no manager
OrgChart SmallCompany() {
  return OrgChart({P(1, "Ann"), P(2, "Ben", 1), P(3, "Cat", 1), P(4, "Dan", 2), P(5, "Eve", 2),
                   P(6, "Fay", 3, store::PersonStatus::kInactive), P(7, "Gus", 6), P(8, "Hal")});
}

TEST(OrgChart, RootsAreActivePeopleWithoutAnActiveManager) {
  const OrgChart chart = SmallCompany();
  EXPECT_THAT(Names(chart.Roots()), ElementsAre("Ann", "Gus", "Hal"));
  EXPECT_EQ(chart.ActiveCount(), 7);
}

TEST(OrgChart, CountsReportsAndSubtrees) {
  const OrgChart chart = SmallCompany();
  EXPECT_EQ(chart.ReportCount(Id(1)), 2);
  EXPECT_EQ(chart.SubtreeCount(Id(1)), 4);
  EXPECT_EQ(chart.ReportCount(Id(2)), 2);
  EXPECT_EQ(chart.SubtreeCount(Id(2)), 2);
  EXPECT_EQ(chart.ReportCount(Id(3)), 0);  // Fay is inactive
  EXPECT_EQ(chart.SubtreeCount(Id(4)), 0);
  EXPECT_EQ(chart.SubtreeCount(Id(6)), 0);
  EXPECT_EQ(chart.SubtreeCount(Id(99)), 0);
}

TEST(OrgChart, ChainIsTopFirstAndReportsAreSorted) {
  const OrgChart chart = SmallCompany();
  EXPECT_THAT(Names(chart.Chain(Id(5))), ElementsAre("Ann", "Ben"));
  EXPECT_THAT(Names(chart.Chain(Id(1))), IsEmpty());
  EXPECT_THAT(Names(chart.Chain(Id(6))), ElementsAre("Ann", "Cat"));  // inactive still placed
  EXPECT_THAT(Names(chart.DirectReports(Id(2))), ElementsAre("Dan", "Eve"));
  EXPECT_THAT(Names(chart.DirectReports(Id(99))), IsEmpty());
}

TEST(OrgChart, SubtreeRelationFollowsActiveManagers) {
  const OrgChart chart = SmallCompany();
  EXPECT_TRUE(chart.IsInSubtree(Id(1), Id(5)));
  EXPECT_TRUE(chart.IsInSubtree(Id(2), Id(4)));
  EXPECT_TRUE(chart.IsInSubtree(Id(1), Id(6)));  // an inactive report is still below
  EXPECT_FALSE(chart.IsInSubtree(Id(5), Id(1)));
  EXPECT_FALSE(chart.IsInSubtree(Id(2), Id(2)));
  EXPECT_FALSE(chart.IsInSubtree(Id(3), Id(7)));  // through an inactive manager: no
  EXPECT_FALSE(chart.IsInSubtree(Id(99), Id(1)));
}

TEST(OrgChart, SurvivesManagerCyclesInOldData) {
  // 1 -> 2 -> 3 -> 1 (each manages the next), 4 reports into the cycle, 5 manages itself.
  const OrgChart chart({P(1, "A", 3), P(2, "B", 1), P(3, "C", 2), P(4, "D", 2), P(5, "E", 5)});
  // The cycle is cut above its smallest id, which becomes a root.
  EXPECT_THAT(Names(chart.Roots()), ElementsAre("A", "E"));
  EXPECT_EQ(chart.SubtreeCount(Id(1)), 3);
  EXPECT_THAT(Names(chart.Chain(Id(4))), ElementsAre("A", "B"));
  EXPECT_TRUE(chart.IsInSubtree(Id(1), Id(3)));
  EXPECT_FALSE(chart.IsInSubtree(Id(3), Id(1)));
  EXPECT_EQ(chart.ReportCount(Id(5)), 0);
}

TEST(OrgChart, HandlesDeepChainsWithoutRecursion) {
  std::vector<store::Person> people;
  constexpr int kDepth = 20000;
  people.push_back(P(0, "Top"));
  for (int i = 1; i < kDepth; ++i) people.push_back(P(i, "N", i - 1));
  const OrgChart chart(std::move(people));
  EXPECT_EQ(chart.SubtreeCount(Id(0)), kDepth - 1);
  EXPECT_EQ(chart.Chain(Id(kDepth - 1)).size(), static_cast<std::size_t>(kDepth - 1));
  EXPECT_TRUE(chart.IsInSubtree(Id(0), Id(kDepth - 1)));
}

}  // namespace
}  // namespace rapport::directory

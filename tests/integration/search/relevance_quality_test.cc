// Search quality on two classic test collections with human judgments: Cranfield
// (aeronautics, graded judgments read strictly) and CISI (library science, binary). Each is
// indexed into a fresh Xapian index with the default options and every judged query is run as
// the public help center would; the mean nDCG@10 must stay at or above a floor set just under
// the measured figure (see docs/PERFORMANCE.md, "Search relevance"), so that a change that
// makes ranking worse fails here. The collections are read from ../shared/ir-eval/ beside the
// checkout and never copied into the repository; when they are missing the test fails.

#include <gtest/gtest.h>

#include <filesystem>
#include <iostream>
#include <memory>
#include <string>

#include "bench/search/relevance.h"
#include "rapport/core/testing/temp_dir.h"
#include "rapport/index/xapian/xapian_index.h"

namespace rapport::search_eval {
namespace {

// Floors: above the baselines of ../shared/ir-eval/README.md (Xapian BM25 0.345 and SQLite
// FTS5 0.356 on Cranfield; 0.378 for both on CISI).
constexpr double kCranfieldNdcgFloor = 0.36;
constexpr double kCisiNdcgFloor = 0.39;

std::filesystem::path CollectionsDir() {
  return std::filesystem::path(RAPPORT_TEST_SOURCE_DIR) / ".." / "shared" / "ir-eval";
}

Metrics MeasureWithDefaults(const Collection& collection) {
  core::testing::TempDir dir;
  auto index = index::OpenXapianIndex(dir.path() / "index");
  EXPECT_TRUE(index) << index.error().ToString();
  if (!index) return {};
  auto metrics = EvaluateIndex(**index, collection);
  EXPECT_TRUE(metrics) << metrics.error().ToString();
  if (!metrics) return {};
  ::testing::Test::RecordProperty(collection.name + " nDCG@10",
                                  std::to_string(metrics->ndcg_at_10));
  std::cout << collection.name << ": nDCG@10 " << metrics->ndcg_at_10 << ", MAP "
            << metrics->average_precision << ", P@10 " << metrics->precision_at_10
            << ", recall@100 " << metrics->recall_at_100 << " over " << metrics->queries
            << " queries\n";
  return *metrics;
}

TEST(SearchRelevance, CranfieldStrictNdcgAt10StaysAboveTheFloor) {
  const auto collection = LoadCranfield(CollectionsDir() / "cranfield");
  ASSERT_TRUE(collection) << "the Cranfield collection is required for this test: "
                          << collection.error().ToString();
  ASSERT_EQ(collection->documents.size(), 1400u);
  ASSERT_EQ(collection->topics.size(), 225u);

  const Metrics metrics = MeasureWithDefaults(*collection);
  EXPECT_EQ(metrics.queries, 225);
  EXPECT_GE(metrics.ndcg_at_10, kCranfieldNdcgFloor);
}

TEST(SearchRelevance, CisiNdcgAt10StaysAboveTheFloor) {
  const auto collection = LoadCisi(CollectionsDir() / "cisi");
  ASSERT_TRUE(collection) << "the CISI collection is required for this test: "
                          << collection.error().ToString();
  ASSERT_EQ(collection->documents.size(), 1460u);
  ASSERT_EQ(collection->topics.size(), 76u);

  const Metrics metrics = MeasureWithDefaults(*collection);
  EXPECT_EQ(metrics.queries, 76);
  EXPECT_GE(metrics.ndcg_at_10, kCisiNdcgFloor);
}

}  // namespace
}  // namespace rapport::search_eval

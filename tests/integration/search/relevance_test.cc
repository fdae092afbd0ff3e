// The relevance harness itself: the measures on rankings computed by hand, the parsers on
// small inline samples, the query neutralisation, and how a collection goes through the index
// port (with a fake index).

#include "bench/search/relevance.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <utility>
#include <vector>

namespace rapport::search_eval {
namespace {

constexpr double kTolerance = 1e-9;

std::vector<std::string> Irrelevant(int from, int to) {
  std::vector<std::string> docs;
  for (int i = from; i <= to; ++i) {
    docs.push_back("n" + std::to_string(i));
  }
  return docs;
}

TEST(RelevanceMeasure, GradedRankingMatchesHandComputedValues) {
  // Relevant a (gain 3), b (2), d (1); c judged not relevant; x, y unjudged.
  const std::map<std::string, int> judged = {{"a", 3}, {"b", 2}, {"c", 0}, {"d", 1}};
  const Metrics m = Measure({"x", "a", "c", "d", "y"}, judged);
  // DCG = (2^3-1)/log2(3) + (2^1-1)/log2(5); ideal = 7/log2(2) + 3/log2(3) + 1/log2(4).
  const double dcg = 7 / std::log2(3.0) + 1 / std::log2(5.0);
  const double ideal = 7 + 3 / std::log2(3.0) + 0.5;
  EXPECT_NEAR(m.ndcg_at_10, dcg / ideal, kTolerance);
  EXPECT_NEAR(m.ndcg_at_10, 0.5160538258, 1e-9);
  EXPECT_NEAR(m.average_precision, (1.0 / 2 + 2.0 / 4) / 3, kTolerance);  // 1/3
  EXPECT_NEAR(m.precision_at_10, 0.2, kTolerance);
  EXPECT_NEAR(m.recall_at_100, 2.0 / 3, kTolerance);
  EXPECT_EQ(m.queries, 1);
}

TEST(RelevanceMeasure, CountsRanksBeyondTheCutoffsOnlyWhereTheyApply) {
  const std::map<std::string, int> judged = {{"r1", 1}, {"r2", 1}, {"r3", 1}};
  std::vector<std::string> ranking = {"r1"};
  for (const auto& doc : Irrelevant(2, 10)) ranking.push_back(doc);
  ranking.push_back("r2");  // rank 11: past nDCG@10 and P@10, within recall@100
  for (const auto& doc : Irrelevant(12, 100)) ranking.push_back(doc);
  ranking.push_back("r3");  // rank 101: only in average precision
  ASSERT_EQ(ranking.size(), 101u);

  const Metrics m = Measure(ranking, judged);
  EXPECT_NEAR(m.ndcg_at_10, 1 / (1 + 1 / std::log2(3.0) + 0.5), kTolerance);
  EXPECT_NEAR(m.ndcg_at_10, 0.4692787260, 1e-9);
  EXPECT_NEAR(m.average_precision, (1.0 + 2.0 / 11 + 3.0 / 101) / 3, kTolerance);
  EXPECT_NEAR(m.precision_at_10, 0.1, kTolerance);
  EXPECT_NEAR(m.recall_at_100, 2.0 / 3, kTolerance);
}

TEST(RelevanceMeasure, PerfectRankingScoresOne) {
  const Metrics m = Measure({"a", "b"}, {{"a", 2}, {"b", 1}, {"z", 0}});
  EXPECT_NEAR(m.ndcg_at_10, 1, kTolerance);
  EXPECT_NEAR(m.average_precision, 1, kTolerance);
  EXPECT_NEAR(m.precision_at_10, 0.2, kTolerance);  // over 10, not over what was returned
  EXPECT_NEAR(m.recall_at_100, 1, kTolerance);
}

TEST(RelevanceMeasure, SwappingGradesLowersNdcgButNotBinaryMeasures) {
  const std::map<std::string, int> judged = {{"a", 4}, {"b", 1}};
  const Metrics best = Measure({"a", "b"}, judged);
  const Metrics swapped = Measure({"b", "a"}, judged);
  EXPECT_LT(swapped.ndcg_at_10, best.ndcg_at_10);
  EXPECT_NEAR(swapped.average_precision, best.average_precision, kTolerance);
  // (2^1-1)/1 + (2^4-1)/log2(3) over 15/1 + 1/log2(3).
  EXPECT_NEAR(swapped.ndcg_at_10, (1 + 15 / std::log2(3.0)) / (15 + 1 / std::log2(3.0)),
              kTolerance);
}

TEST(RelevanceMeasure, DuplicateDocumentsCountOnceAtTheirFirstRank) {
  const Metrics m = Measure({"a", "a", "b"}, {{"a", 1}, {"b", 1}});
  EXPECT_NEAR(m.ndcg_at_10, 1, kTolerance);
  EXPECT_NEAR(m.average_precision, 1, kTolerance);
}

TEST(RelevanceMeasure, EmptyRankingScoresZero) {
  const Metrics m = Measure({}, {{"a", 1}});
  EXPECT_EQ(m.ndcg_at_10, 0);
  EXPECT_EQ(m.average_precision, 0);
  EXPECT_EQ(m.queries, 1);
}

TEST(RelevanceEvaluate, AveragesOverQueriesWithARelevantDocument) {
  const Judgments judgments = {
      {"1", {{"a", 1}}},            // perfect below
      {"2", {{"b", 1}, {"c", 1}}},  // missing from the run: zero
      {"3", {{"d", 0}}},            // nothing relevant: not counted
  };
  const Rankings rankings = {{"1", {"a"}}, {"3", {"d"}}};
  const Metrics m = Evaluate(judgments, rankings);
  EXPECT_EQ(m.queries, 2);
  EXPECT_NEAR(m.ndcg_at_10, 0.5, kTolerance);
  EXPECT_NEAR(m.average_precision, 0.5, kTolerance);
  EXPECT_NEAR(m.precision_at_10, 0.05, kTolerance);
  EXPECT_NEAR(m.recall_at_100, 0.5, kTolerance);
}

TEST(RelevanceParse, ReadsRecordsFieldsAndMultiLineText) {
  const auto records = ParseRecords(
      ".I 1\r\n.T\r\nexperimental investigation of the\r\naerodynamics .\r\n.A\r\nbrenckman,m.\r\n"
      ".B\r\nj. ae. scs. 25, 1958, 324.\r\n.W\r\nfirst line .\r\n.5 inch is not a marker\r\n"
      "\r\n.I 2\n.T \nUse Made of \"Technical\" Libraries\n.A \nSlater, M.\n.W\nbody\n"
      ".X\n1\t5\t1\n");
  ASSERT_TRUE(records) << records.error().ToString();
  ASSERT_EQ(records->size(), 2u);
  const Record& first = (*records)[0];
  EXPECT_EQ(first.id, "1");
  EXPECT_EQ(first.Field('T'), "experimental investigation of the\naerodynamics .");
  EXPECT_EQ(first.Field('A'), "brenckman,m.");
  EXPECT_EQ(first.Field('B'), "j. ae. scs. 25, 1958, 324.");
  EXPECT_EQ(first.Field('W'), "first line .\n.5 inch is not a marker");
  EXPECT_EQ(first.Field('X'), "");
  const Record& second = (*records)[1];
  EXPECT_EQ(second.Field('T'), "Use Made of \"Technical\" Libraries");
  EXPECT_EQ(second.Field('A'), "Slater, M.");
  EXPECT_EQ(second.Field('W'), "body");
  EXPECT_EQ(second.Field('X'), "1\t5\t1");
}

TEST(RelevanceParse, KeepsBothTextsOfARepeatedFieldAndTextOnTheMarkerLine) {
  const auto records = ParseRecords(".I 7\n.W\none\n.A\nx\n.W\ntwo\n.T Inline title\n");
  ASSERT_TRUE(records) << records.error().ToString();
  ASSERT_EQ(records->size(), 1u);
  EXPECT_EQ((*records)[0].Field('W'), "one\ntwo");
  EXPECT_EQ((*records)[0].Field('T'), "Inline title");
}

TEST(RelevanceParse, RejectsTextBeforeTheFirstRecordAndMissingIds) {
  EXPECT_FALSE(ParseRecords("stray\n.I 1\n.W\nx\n"));
  EXPECT_FALSE(ParseRecords(".I\n.W\nx\n"));
  EXPECT_FALSE(ParseRecords(".I 1\nno field yet\n"));
  const auto empty = ParseRecords("\n\n");
  ASSERT_TRUE(empty);
  EXPECT_TRUE(empty->empty());
}

TEST(RelevanceParse, NumbersCranfieldTopicsByOrderAndCisiTopicsById) {
  const auto records = ParseRecords(".I 001\n.W\nfirst ?\n.I 004\n.T\nTitle\n.W\nsecond\n");
  ASSERT_TRUE(records);
  const auto by_order = TopicsFromRecords(*records, /*number_by_order=*/true, "W");
  ASSERT_EQ(by_order.size(), 2u);
  EXPECT_EQ(by_order[0].id, "1");
  EXPECT_EQ(by_order[1].id, "2");
  EXPECT_EQ(by_order[1].text, "second");
  const auto by_id = TopicsFromRecords(*records, /*number_by_order=*/false, "TW");
  EXPECT_EQ(by_id[0].id, "1");
  EXPECT_EQ(by_id[0].text, "first ?");
  EXPECT_EQ(by_id[1].id, "4");
  EXPECT_EQ(by_id[1].text, "Title second");
}

TEST(RelevanceParse, ReadsCranfieldCodesStrictly) {
  const auto judgments = ParseCranfieldJudgments("1 184 2 \n1 29 -1\n1 12 1\n1 51 4\n\n2 012 3\n");
  ASSERT_TRUE(judgments) << judgments.error().ToString();
  const std::map<std::string, int> first = {{"184", 3}, {"29", 0}, {"12", 4}, {"51", 1}};
  EXPECT_EQ(judgments->at("1"), first);
  EXPECT_EQ(judgments->at("2").at("12"), 2);
  EXPECT_FALSE(ParseCranfieldJudgments("1 2 5\n"));
  EXPECT_FALSE(ParseCranfieldJudgments("1 2 x\n"));
  EXPECT_FALSE(ParseCranfieldJudgments("1 2\n"));
}

TEST(RelevanceParse, ReadsCisiJudgmentsAsBinary) {
  const auto judgments = ParseCisiJudgments(
      "     1     28\t0\t0.000000\n     1     35\t0\t0.000000\n    2 28 0 0.0\n1 28 0 0\n");
  ASSERT_TRUE(judgments) << judgments.error().ToString();
  const std::map<std::string, int> first = {{"28", 1}, {"35", 1}};
  EXPECT_EQ(judgments->at("1"), first);
  EXPECT_EQ(judgments->at("2").size(), 1u);
}

TEST(RelevanceQuery, NeutralisesPhrasesAndExclusionsOnly) {
  EXPECT_EQ(NeutraliseQuery("what \"similarity laws\" -must be"), "what similarity laws must be");
  EXPECT_EQ(NeutraliseQuery("high-speed flow -- at m=6 .5"), "high-speed flow  at m=6 .5");
  EXPECT_EQ(NeutraliseQuery("-\"a b\"\n--c \"-d\""), "a b c d");
  EXPECT_EQ(NeutraliseQuery("  Why?\r\n"), "  Why?  ");
}

TEST(RelevanceQuery, FitsWholeWordsIntoTheLimits) {
  EXPECT_EQ(FitQuery("  one two  three ", {}), "  one two  three");
  EXPECT_EQ(FitQuery("one two  three", {.max_words = 2, .max_bytes = 0}), "one two");
  EXPECT_EQ(FitQuery("one two  three", {.max_words = 0, .max_bytes = 8}), "one two");
  EXPECT_EQ(FitQuery("one two  three", {.max_words = 0, .max_bytes = 7}), "one two");
  EXPECT_EQ(FitQuery("one two  three", {.max_words = 0, .max_bytes = 6}), "one");
  EXPECT_EQ(FitQuery("one two  three", {.max_words = 3, .max_bytes = 14}), "one two  three");
  EXPECT_EQ(FitQuery("longword", {.max_words = 0, .max_bytes = 4}), "");
}

// Records what the harness gives the index port and answers every search with fixed hits.
class FakeIndex : public index::SearchIndex {
 public:
  core::Status Apply(const std::vector<index::Change>& changes, std::int64_t sequence) override {
    batch_sizes.push_back(changes.size());
    sequences.push_back(sequence);
    for (const auto& change : changes) {
      documents.push_back(*change.document);
    }
    return core::Ok();
  }
  core::Result<std::int64_t> Sequence() override {
    return sequences.empty() ? 0 : sequences.back();
  }
  core::Status Clear() override {
    ++clears;
    return core::Ok();
  }
  core::Result<std::int64_t> Count(std::string_view) override {
    return static_cast<std::int64_t>(documents.size());
  }
  core::Result<index::Results> Search(const index::Query& query) override {
    queries.push_back(query);
    index::Results results;
    for (const char* id : {"2", "1"}) {
      index::Hit hit;
      hit.id = id;
      results.hits.push_back(std::move(hit));
    }
    return results;
  }

  std::vector<std::size_t> batch_sizes;
  std::vector<std::int64_t> sequences;
  std::vector<index::Document> documents;
  std::vector<index::Query> queries;
  int clears = 0;
};

TEST(RelevanceHarness, IndexesInBatchesAndSearchesEveryTopicAsThePublic) {
  Collection collection;
  for (int i = 1; i <= kApplyBatch + 5; ++i) {
    collection.documents.push_back(
        {.id = std::to_string(i), .title = "t" + std::to_string(i), .body = "body"});
  }
  collection.topics = {{.id = "1", .text = "\"flow\" -past plates"}, {.id = "2", .text = "x"}};
  collection.judgments = {{"1", {{"1", 1}}}, {"2", {{"2", 1}, {"3", 1}}}};

  FakeIndex index;
  const auto metrics = EvaluateIndex(index, collection);
  ASSERT_TRUE(metrics) << metrics.error().ToString();

  EXPECT_EQ(index.clears, 1);
  EXPECT_EQ(index.batch_sizes, (std::vector<std::size_t>{kApplyBatch, 5}));
  EXPECT_EQ(index.sequences, (std::vector<std::int64_t>{1, 2}));
  ASSERT_EQ(index.documents.size(), static_cast<std::size_t>(kApplyBatch + 5));
  const index::Document& doc = index.documents[0];
  EXPECT_EQ(doc.org, kOrg);
  EXPECT_EQ(doc.id, "1");
  EXPECT_EQ(doc.title, "t1");
  EXPECT_EQ(doc.body, "body");
  EXPECT_EQ(doc.language, "en");
  EXPECT_EQ(doc.status, "published");
  EXPECT_EQ(doc.visibility, "public");
  EXPECT_TRUE(doc.live);

  ASSERT_EQ(index.queries.size(), 2u);
  const index::Query& query = index.queries[0];
  EXPECT_EQ(query.org, kOrg);
  EXPECT_EQ(query.text, "flow past plates");
  EXPECT_EQ(query.limit, kRecallDepth);
  EXPECT_FALSE(query.prefix_last);
  EXPECT_TRUE(query.audience.public_only);
  EXPECT_TRUE(query.signals.enabled);
  EXPECT_EQ(query.signals.now, kNow);

  // Topic 1: its document at rank 2 (nDCG 1/log2(3), AP 1/2); topic 2: both at ranks 1, 2
  // but one of them is "3", never returned.
  EXPECT_EQ(metrics->queries, 2);
  const double topic2_ndcg = 1 / (1 + 1 / std::log2(3.0));
  EXPECT_NEAR(metrics->ndcg_at_10, (1 / std::log2(3.0) + topic2_ndcg) / 2, kTolerance);
  EXPECT_NEAR(metrics->average_precision, (0.5 + 0.5) / 2, kTolerance);
}

}  // namespace
}  // namespace rapport::search_eval

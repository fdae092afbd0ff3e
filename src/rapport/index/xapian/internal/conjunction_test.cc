// ConjunctionQuery against Xapian's own OP_AND under BM25Weight: the same documents with the
// same weights in the same order, with and without the matcher's pruning, and bounds that
// follow the database as it changes.

#include "rapport/index/xapian/internal/conjunction.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <random>
#include <string>
#include <utility>
#include <vector>

namespace rapport::index::xapian::internal {
namespace {

using Ranked = std::vector<std::pair<Xapian::docid, double>>;

class ConjunctionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    static std::atomic<int> counter{0};
    dir_ = std::filesystem::temp_directory_path() /
           ("rapport-conjunction-" + std::to_string(::getpid()) + "-" + std::to_string(++counter));
    writer_.emplace(dir_.string(), Xapian::DB_CREATE_OR_OVERWRITE);
    // "a" in most documents, "b" in a third, "c" in a twentieth (too few for block bounds),
    // "d" in half; varied lengths; a word is mostly mentioned once or twice, and in a few
    // documents (about them) many times.
    std::mt19937 random(11);
    std::geometric_distribution<Xapian::termcount> few(0.7);
    std::geometric_distribution<Xapian::termcount> many(0.3);
    const auto wdf = [&](std::mt19937& r) {
      return std::uniform_int_distribution<int>(0, 99)(r) < 3 ? 8 + many(r) : 1 + few(r);
    };
    std::uniform_int_distribution<Xapian::termcount> filler(0, 400);
    std::uniform_int_distribution<int> percent(0, 99);
    for (int i = 0; i < 6000; ++i) {
      Xapian::Document doc;
      for (const auto& [word, share] :
           {std::pair{"Za", 85}, std::pair{"Zb", 35}, std::pair{"Zc", 5}, std::pair{"Zd", 50}}) {
        if (percent(random) < share) doc.add_term(word, wdf(random));
      }
      doc.add_term("filler", 1 + filler(random));
      writer_->add_document(doc);
    }
    writer_->commit();
    db_ = Xapian::Database(dir_.string());
  }

  void TearDown() override {
    db_.close();
    writer_->close();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  Ranked Run(const Xapian::Query& query, Xapian::doccount count) const {
    Xapian::Enquire enquire(db_);
    enquire.set_weighting_scheme(
        Xapian::BM25Weight(bm25_.k1, bm25_.k2, bm25_.k3, bm25_.b, bm25_.min_normlen));
    enquire.set_query(query);
    const Xapian::MSet mset = enquire.get_mset(0, count, count);
    Ranked out;
    for (auto it = mset.begin(); it != mset.end(); ++it) out.emplace_back(*it, it.get_weight());
    return out;
  }

  static Xapian::Query And(const std::vector<std::string>& terms) {
    return {Xapian::Query::OP_AND, terms.begin(), terms.end()};
  }

  static void ExpectSame(const Ranked& expected, const Ranked& actual) {
    ASSERT_EQ(expected.size(), actual.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
      EXPECT_EQ(expected[i].first, actual[i].first) << "rank " << i;
      EXPECT_NEAR(expected[i].second, actual[i].second, 1e-9) << "rank " << i;
    }
  }

  std::filesystem::path dir_;
  std::optional<Xapian::WritableDatabase> writer_;
  Xapian::Database db_;
  Bm25Parameters bm25_;
  // Bounds for the words in at least 1,000 documents: all but "c".
  BlockBounds cache_{1000};
};

TEST_F(ConjunctionTest, EveryMatchWeighsWhatXapiansBm25Gives) {
  for (const std::vector<std::string>& terms :
       std::vector<std::vector<std::string>>{{"Za"},
                                             {"Zb"},
                                             {"Zc"},
                                             {"Za", "Zb"},
                                             {"Zd", "Za", "Zb"},
                                             {"Zc", "Za"},
                                             {"Za", "Zmissing"},
                                             {"Za", "Zb", "Za"}}) {
    SCOPED_TRACE(terms.front() + " ... (" + std::to_string(terms.size()) + " words)");
    const Ranked expected = Run(And(terms), db_.get_doccount());
    ExpectSame(expected, Run(ConjunctionQuery(db_, terms, bm25_, cache_), db_.get_doccount()));
  }
}

TEST_F(ConjunctionTest, PruningKeepsTheTopAndSkipsMatches) {
  for (const std::vector<std::string>& terms : std::vector<std::vector<std::string>>{
           {"Za"}, {"Za", "Zd"}, {"Zd", "Zb", "Za"}, {"Zd", "Zd", "Za"}}) {
    SCOPED_TRACE(terms.front() + " ... (" + std::to_string(terms.size()) + " words)");
    ConjunctionStats all;
    const std::size_t matches =
        Run(ConjunctionQuery(db_, terms, bm25_, cache_, &all), db_.get_doccount()).size();
    EXPECT_EQ(all.weighed, matches);
    for (const Xapian::doccount count : {1U, 10U, 30U}) {
      ConjunctionStats pruned;
      ExpectSame(Run(And(terms), count),
                 Run(ConjunctionQuery(db_, terms, bm25_, cache_, &pruned), count));
      // Fewer documents weighed than match; for the first place alone, under half of them.
      EXPECT_LT(pruned.weighed * (count == 1 ? 2 : 1), matches) << count;
    }
  }
}

TEST_F(ConjunctionTest, DisjunctionRanksAsXapiansOrWithAndWithoutPruning) {
  for (const std::vector<std::string>& terms : std::vector<std::vector<std::string>>{
           {"Za", "Zb"}, {"Zc", "Za", "Zd"}, {"Zb", "Zb", "Zc"}, {"Zc", "Zmissing"}}) {
    SCOPED_TRACE(terms.front() + " ... (" + std::to_string(terms.size()) + " words)");
    // As the partial fill uses it: documents with some of the words but not all.
    const auto some = [&](const Xapian::Query& any) {
      return Xapian::Query(Xapian::Query::OP_AND_NOT, any, And(terms));
    };
    const Xapian::Query plain(Xapian::Query::OP_OR, terms.begin(), terms.end());
    Xapian::doccount postings = 0;
    bool bounded = false;  // a word has block bounds
    for (const std::string& term : terms) {
      postings += db_.get_termfreq(term);
      bounded = bounded || db_.get_termfreq(term) >= 1000;
    }
    for (const Xapian::doccount count : {1U, 10U, 30U, db_.get_doccount()}) {
      ConjunctionStats stats;
      ExpectSame(Run(some(plain), count),
                 Run(some(DisjunctionQuery(db_, terms, bm25_, cache_, &stats)), count));
      // The first place needs fewer postings weighed than the words have.
      if (count == 1 && bounded) {
        EXPECT_LT(stats.weighed, postings);
      }
    }
  }
}

TEST_F(ConjunctionTest, LengthlessAndFlatParametersMatchXapianToo) {
  for (const Bm25Parameters bm25 :
       {Bm25Parameters{.k1 = 1.2, .b = 0.0}, Bm25Parameters{.k1 = 0.0, .b = 0.75},
        Bm25Parameters{.k1 = 2.0, .b = 1.0, .min_normlen = 0.1}}) {
    bm25_ = bm25;
    BlockBounds fresh{1000};
    ExpectSame(Run(And({"Za", "Zd"}), 10),
               Run(ConjunctionQuery(db_, {"Za", "Zd"}, bm25, fresh), 10));
  }
}

TEST_F(ConjunctionTest, BoundsFollowTheDatabaseAsItChanges) {
  ExpectSame(Run(And({"Za"}), 5), Run(ConjunctionQuery(db_, {"Za"}, bm25_, cache_), 5));
  ASSERT_EQ(cache_.size(), 1U);
  // A document heavier in "a" than any so far, replacing one in the first block, whose bound
  // the cache computed from the earlier revision.
  Xapian::Document heavy;
  heavy.add_term("Za", 60);
  writer_->replace_document(2, heavy);
  writer_->commit();
  ASSERT_TRUE(db_.reopen());
  const Ranked expected = Run(And({"Za"}), 5);
  ASSERT_EQ(expected.front().first, 2U);
  ExpectSame(expected, Run(ConjunctionQuery(db_, {"Za"}, bm25_, cache_), 5));
}

TEST_F(ConjunctionTest, WordsWithoutK2ArePruned) {
  EXPECT_TRUE(CanPrune({"Za", "Zb"}, bm25_));
  EXPECT_TRUE(CanPrune({"Za", "Za"}, bm25_));
  EXPECT_FALSE(CanPrune({}, bm25_));
  EXPECT_FALSE(CanPrune({"Za"}, Bm25Parameters{.k2 = 0.5}));
}

}  // namespace
}  // namespace rapport::index::xapian::internal

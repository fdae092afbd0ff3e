// The adapter's storage behaviour: Apply, Sequence, Clear, Count, limits, handles across
// processes and threads.

#include "rapport/index/xapian/xapian_index.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>
#include <xapian.h>

#include <thread>

#include "rapport/index/xapian/internal/index_fixture.h"

namespace rapport::index {
namespace {

using ::rapport::index::testing::Ask;
using ::rapport::index::testing::Doc;
using ::rapport::index::testing::Ids;
using ::rapport::index::testing::IndexTest;
using ::rapport::index::testing::Put;
using ::rapport::index::testing::Remove;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

using XapianIndexStorage = IndexTest;

TEST_F(XapianIndexStorage, NewIndexHasSequenceZeroAndNoDocuments) {
  EXPECT_EQ(index_->Sequence().value(), 0);
  EXPECT_EQ(index_->Count("org1").value(), 0);
  EXPECT_THAT(Find("anything").hits, IsEmpty());
}

TEST_F(XapianIndexStorage, ApplyStoresDocumentsAndSequence) {
  Index({Doc("a1", "Reset your password"), Doc("a2", "Configure the printer")}, 42);
  EXPECT_EQ(index_->Sequence().value(), 42);
  EXPECT_EQ(index_->Count("org1").value(), 2);
  EXPECT_EQ(index_->Count("org2").value(), 0);
  const Results results = Find("password");
  ASSERT_THAT(Ids(results), ElementsAre("a1"));
  EXPECT_EQ(results.hits[0].title, "Reset your password");
  EXPECT_EQ(results.hits[0].slug, "a1");
  EXPECT_EQ(results.hits[0].language, "en");
  EXPECT_GT(results.hits[0].score, 0);
}

TEST_F(XapianIndexStorage, ApplyReplacesAndDeletes) {
  Index({Doc("a1", "Reset your password"), Doc("a2", "Configure the printer")}, 1);
  ASSERT_TRUE(index_->Apply({Put(Doc("a1", "Unlock your account")), Remove("org1", "a2")}, 2));
  EXPECT_EQ(index_->Count("org1").value(), 1);
  EXPECT_THAT(Find("password").hits, IsEmpty());
  EXPECT_THAT(Ids(Find("unlock")), ElementsAre("a1"));
  EXPECT_THAT(Find("printer").hits, IsEmpty());
  EXPECT_EQ(index_->Sequence().value(), 2);
}

TEST_F(XapianIndexStorage, SameIdInTwoOrganisationsIsTwoDocuments) {
  Document other = Doc("a1", "Reset your password");
  other.org = "org2";
  Index({Doc("a1", "Reset your password"), other});
  EXPECT_EQ(index_->Count("org1").value(), 1);
  EXPECT_EQ(index_->Count("org2").value(), 1);
  Query query = Ask("password");
  query.org = "org2";
  EXPECT_THAT(Ids(Find(query)), ElementsAre("a1"));
}

TEST_F(XapianIndexStorage, ApplyRejectsMismatchedChangeWithoutWriting) {
  Change change = Put(Doc("a1", "Reset your password"));
  change.id = "other";
  auto status = index_->Apply({Put(Doc("a0", "Valid")), change}, 5);
  ASSERT_FALSE(status.has_value());
  EXPECT_EQ(status.error().code(), core::ErrorCode::kInvalidArgument);
  EXPECT_EQ(index_->Sequence().value(), 0);
  EXPECT_EQ(index_->Count("org1").value(), 0);
}

TEST_F(XapianIndexStorage, ClearEmptiesAndResetsSequence) {
  Index({Doc("a1", "Reset your password")}, 9);
  ASSERT_TRUE(index_->Clear());
  EXPECT_EQ(index_->Sequence().value(), 0);
  EXPECT_EQ(index_->Count("org1").value(), 0);
  EXPECT_THAT(Find("password").hits, IsEmpty());
  // The spelling dictionary is emptied too: nothing to suggest.
  EXPECT_EQ(Find("pasword").did_you_mean, "");
}

TEST_F(XapianIndexStorage, IndexOfAnotherLayoutReportsSequenceZeroSoItIsRebuilt) {
  Index({Doc("a1", "Reset your password")}, 9);
  index_.reset();
  {
    Xapian::WritableDatabase db(dir_.string(), Xapian::DB_OPEN);
    db.set_metadata("rapport.layout", "1");
    db.commit();
  }
  auto reopened = OpenXapianIndex(dir_);
  ASSERT_TRUE(reopened.has_value());
  index_ = std::move(*reopened);
  EXPECT_EQ(index_->Sequence().value(), 0);
  Index({Doc("a1", "Reset your password")}, 10);  // the rebuild writes the current layout
  EXPECT_EQ(index_->Sequence().value(), 10);
}

TEST_F(XapianIndexStorage, SpellingDictionaryFollowsReplacesAndDeletesInOneBatch) {
  // One batch adds a word twice, then replaces and deletes its documents: nothing is left to
  // suggest, while a word still indexed is.
  ASSERT_TRUE(index_->Apply(
      {Put(Doc("a1", "Kaleidoscope settings")), Put(Doc("a2", "Kaleidoscope colours")),
       Put(Doc("a3", "Printer")), Put(Doc("a1", "Scanner settings")), Remove("org1", "a2")},
      1));
  EXPECT_EQ(Find("kaleidoscpe").did_you_mean, "");
  EXPECT_EQ(Find("scaner").did_you_mean, "scanner");
  ASSERT_TRUE(index_->Apply({Remove("org1", "a1")}, 2));
  EXPECT_EQ(Find("scaner").did_you_mean, "");
  EXPECT_EQ(Find("priner").did_you_mean, "printer");
}

TEST_F(XapianIndexStorage, RejectsLimitAndOffsetOutOfRange) {
  for (int limit : {0, 101, -1}) {
    Query query = Ask("password");
    query.limit = limit;
    auto results = index_->Search(query);
    ASSERT_FALSE(results.has_value());
    EXPECT_EQ(results.error().code(), core::ErrorCode::kInvalidArgument);
    EXPECT_EQ(results.error().field(), "limit");
  }
  Query query = Ask("password");
  query.offset = -1;
  auto results = index_->Search(query);
  ASSERT_FALSE(results.has_value());
  EXPECT_EQ(results.error().field(), "offset");
}

TEST_F(XapianIndexStorage, RejectsOverlongQueryTextButReducesManyWords) {
  auto results = index_->Search(Ask(std::string(4097, 'a')));
  ASSERT_FALSE(results.has_value());
  EXPECT_EQ(results.error().field(), "q");
  // A pasted message of many words keeps its rarest ones, and still finds the article.
  Index({Doc("a1", "Reset your password"), Doc("a2", "Words words words")});
  std::string many = "password";
  for (int i = 0; i < 200; ++i) many += " words";
  results = index_->Search(Ask(many));
  ASSERT_TRUE(results.has_value()) << results.error().ToString();
  ASSERT_FALSE(results->hits.empty());
  std::vector<std::string> ids;
  for (const auto& hit : results->hits) ids.push_back(hit.id);
  EXPECT_THAT(ids, ::testing::Contains("a1"));
}

TEST_F(XapianIndexStorage, EmptyOrExcludedOnlyTextMatchesNothing) {
  Index({Doc("a1", "Reset your password")});
  EXPECT_THAT(Find("").hits, IsEmpty());
  EXPECT_THAT(Find("   ").hits, IsEmpty());
  EXPECT_THAT(Find("-password").hits, IsEmpty());
  EXPECT_THAT(Find("!!! ???").hits, IsEmpty());
}

TEST_F(XapianIndexStorage, SecondWriterIsUnavailable) {
  auto second = OpenXapianIndex(dir_);
  ASSERT_FALSE(second.has_value());
  EXPECT_EQ(second.error().code(), core::ErrorCode::kUnavailable);
}

TEST_F(XapianIndexStorage, ReadOnlyHandleSeesWriterCommits) {
  auto reader = OpenXapianIndex(dir_, {.read_only = true});
  ASSERT_TRUE(reader.has_value()) << reader.error().ToString();
  EXPECT_THAT((*reader)->Search(Ask("password"))->hits, IsEmpty());
  Index({Doc("a1", "Reset your password")}, 3);
  EXPECT_THAT(Ids(*(*reader)->Search(Ask("password"))), ElementsAre("a1"));
  EXPECT_EQ((*reader)->Sequence().value(), 3);
  auto status = (*reader)->Apply({}, 4);
  EXPECT_FALSE(status.has_value());
}

TEST_F(XapianIndexStorage, ReadOnlyHandleSeesCommitOfAnotherProcess) {
  auto reader = OpenXapianIndex(dir_, {.read_only = true});
  ASSERT_TRUE(reader.has_value());
  index_.reset();  // release the write lock for the child
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    auto writer = OpenXapianIndex(dir_);
    const bool ok =
        writer.has_value() && (*writer)->Apply({Put(Doc("a7", "Printer driver"))}, 7).has_value();
    ::_exit(ok ? 0 : 1);
  }
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  EXPECT_THAT(Ids(*(*reader)->Search(Ask("printer"))), ElementsAre("a7"));
  EXPECT_EQ((*reader)->Sequence().value(), 7);
}

TEST_F(XapianIndexStorage, ReadOnlyOpenOfMissingDirectoryIsUnavailable) {
  auto reader = OpenXapianIndex(dir_ / "missing", {.read_only = true});
  ASSERT_FALSE(reader.has_value());
  EXPECT_EQ(reader.error().code(), core::ErrorCode::kUnavailable);
}

TEST_F(XapianIndexStorage, ConcurrentSearchesAndApplyFromFourThreads) {
  std::vector<Document> docs;
  for (int i = 0; i < 50; ++i) {
    docs.push_back(Doc("a" + std::to_string(i), "Printer guide " + std::to_string(i),
                       "How to configure the office printer and scanner"));
  }
  Index(docs, 1);
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 30; ++i) {
        if (t == 0 && i % 10 == 0) {
          if (!index_->Apply({Put(Doc("n" + std::to_string(i), "Printer news"))}, 2 + i)) {
            ++failures;
          }
          continue;
        }
        Query query = Ask("printer scanner");
        query.facets = i % 2 == 0;
        auto results = index_->Search(query);
        if (!results || results->hits.empty()) ++failures;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(index_->Count("org1").value(), 53);
}

}  // namespace
}  // namespace rapport::index

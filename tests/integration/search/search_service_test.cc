// The search domain against a real store and a real Xapian index: the index follows every
// committed change (also across restarts and rebuilds), access is the knowledge base's (with
// attacks: restricted articles, drafts, the public help center, a lagging index), and the
// query log keeps final queries only.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "rapport/index/xapian/xapian_index.h"
#include "rapport/search/indexer.h"
#include "rapport/search/query_log.h"
#include "rapport/search/service.h"
#include "tests/integration/kb/kb_fixture.h"

namespace rapport::search {
namespace {

using store::ArticleStatus;
using store::Visibility;

kb::ArticlePatch BodyPatch(std::string body) {
  kb::ArticlePatch patch;
  patch.body = std::move(body);
  return patch;
}

kb::ArticlePatch VisibilityPatch(Visibility visibility, std::vector<std::string> roles = {}) {
  kb::ArticlePatch patch;
  patch.visibility = visibility;
  if (!roles.empty()) patch.roles = std::move(roles);
  return patch;
}

class SearchServiceTest : public kb::testing::KbFixture {
 protected:
  SearchServiceTest() { Open(); }

  void Open() {
    service_.reset();
    indexer_.reset();
    log_.reset();
    index_.reset();
    auto index = index::OpenXapianIndex(dir_.path() / "search");
    if (!index) throw std::runtime_error(index.error().ToString());
    index_ = std::move(*index);
    log_ = std::make_unique<QueryLog>(*store_, clock_, ids_);
    indexer_ = std::make_unique<Indexer>(*store_, *index_);
    service_ = std::make_unique<SearchService>(*store_, *index_, *log_, clock_, ids_);
  }

  void CatchUp() {
    auto applied = indexer_->CatchUp();
    ASSERT_TRUE(applied) << applied.error().ToString();
  }

  // Titles found by `as` for `text` (final query).
  std::vector<std::string> Titles(const auth::Principal& as, const std::string& text) {
    auto found = service_->Search(as, {.text = text, .as_you_type = false});
    EXPECT_TRUE(found) << found.error().ToString();
    std::vector<std::string> out;
    if (found) {
      for (const auto& r : found->results) out.push_back(r.title);
    }
    return out;
  }

  std::vector<std::string> PublicTitles(const std::string& text) {
    auto found = service_->PublicSearch(org_.id, {.text = text, .as_you_type = false});
    EXPECT_TRUE(found) << found.error().ToString();
    std::vector<std::string> out;
    if (found) {
      for (const auto& r : found->results) out.push_back(r.title);
    }
    return out;
  }

  std::unique_ptr<index::SearchIndex> index_;
  std::unique_ptr<QueryLog> log_;
  std::unique_ptr<Indexer> indexer_;
  std::unique_ptr<SearchService> service_;
};

using ::testing::ElementsAre;
using ::testing::IsEmpty;

TEST_F(SearchServiceTest, FindsPublishedArticlesOnceTheIndexCaughtUp) {
  PublishedOrDie(editor_, "Resetting a forgotten password", "Open the sign-in page.");
  EXPECT_THAT(Titles(employee_, "password"), IsEmpty());  // not caught up yet
  CatchUp();
  EXPECT_THAT(Titles(employee_, "password"), ElementsAre("Resetting a forgotten password"));
}

TEST_F(SearchServiceTest, FollowsEditsUnpublishingAndDeletion) {
  const auto a = PublishedOrDie(editor_, "Printer setup", "Install the driver.");
  CatchUp();
  // A new draft revision does not change what readers (and search) see.
  ASSERT_TRUE(kb_->UpdateArticle(editor_, a.article.id, BodyPatch("Plug in the cable.")));
  CatchUp();
  EXPECT_THAT(Titles(employee_, "driver"), ElementsAre("Printer setup"));
  EXPECT_THAT(Titles(employee_, "cable"), IsEmpty());
  TransitionOrDie(owner_, a.article.id, ArticleStatus::kArchived);
  CatchUp();
  EXPECT_THAT(Titles(employee_, "printer"), IsEmpty());
  ASSERT_TRUE(kb_->DeleteArticle(owner_, a.article.id));
  CatchUp();
  auto count = index_->Count(org_.id.str());
  ASSERT_TRUE(count);
  EXPECT_EQ(*count, 0);
}

TEST_F(SearchServiceTest, ARestartResumesFromTheRecordedSequence) {
  PublishedOrDie(editor_, "Expense reports", "Submit receipts monthly.");
  CatchUp();
  Open();  // as after a restart: a new indexer on the same index
  PublishedOrDie(editor_, "Travel booking", "Book flights through the portal.");
  CatchUp();
  EXPECT_THAT(Titles(employee_, "receipts"), ElementsAre("Expense reports"));
  EXPECT_THAT(Titles(employee_, "flights"), ElementsAre("Travel booking"));
}

TEST_F(SearchServiceTest, ANewIndexIsBuiltFromTheStore) {
  PublishedOrDie(editor_, "Holiday calendar", "Public holidays per country.");
  CatchUp();
  // The index folder is lost (a restore of the data folder without it, say).
  index_.reset();
  service_.reset();
  indexer_.reset();
  std::filesystem::remove_all(dir_.path() / "search");
  Open();
  CatchUp();
  EXPECT_THAT(Titles(employee_, "holidays"), ElementsAre("Holiday calendar"));
}

TEST_F(SearchServiceTest, RestrictedArticlesAreFoundOnlyByTheirRoles) {
  const auto a = PublishedOrDie(editor_, "Salary bands", "Bands per level.");
  ASSERT_TRUE(
      kb_->UpdateArticle(owner_, a.article.id, VisibilityPatch(Visibility::kRestricted, {"hr"})));
  CatchUp();
  EXPECT_THAT(Titles(employee_, "salary"), IsEmpty());
  EXPECT_THAT(Titles(hr_, "salary"), ElementsAre("Salary bands"));
  EXPECT_THAT(PublicTitles("salary"), IsEmpty());
}

TEST_F(SearchServiceTest, DraftsAreFoundOnlyByTheirOwnerAndEditorsWhoAskForThem) {
  CreateOrDie(employee_, "Unfinished onboarding guide", "Work in progress.");
  CatchUp();
  EXPECT_THAT(Titles(employee_, "onboarding"), ElementsAre("Unfinished onboarding guide"));
  EXPECT_THAT(Titles(hr_, "onboarding"), IsEmpty());
  // Editors search what readers see unless they ask for a status.
  EXPECT_THAT(Titles(editor_, "onboarding"), IsEmpty());
  auto drafts = service_->Search(editor_, {.text = "onboarding", .statuses = {"draft"}});
  ASSERT_TRUE(drafts);
  EXPECT_EQ(drafts->results.size(), 1U);
  auto refused = service_->Search(hr_, {.text = "onboarding", .statuses = {"draft"}});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code(), core::ErrorCode::kPermissionDenied);
}

TEST_F(SearchServiceTest, ThePublicFindsOnlyPublicLiveArticles) {
  PublishedOrDie(editor_, "Public shipping times", "Parcels arrive in three days.",
                 Visibility::kPublic);
  PublishedOrDie(editor_, "Internal shipping escalation", "Call the carrier.");
  CatchUp();
  EXPECT_THAT(PublicTitles("shipping"), ElementsAre("Public shipping times"));
  auto found = service_->PublicSearch(org_.id, {.text = "shipping"});
  ASSERT_TRUE(found);
  ASSERT_EQ(found->results.size(), 1U);
  EXPECT_TRUE(found->results[0].url.starts_with("/help/")) << found->results[0].url;
  auto status = service_->PublicSearch(org_.id, {.text = "shipping", .statuses = {"draft"}});
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().code(), core::ErrorCode::kInvalidArgument);
}

TEST_F(SearchServiceTest, ARegionalLanguageAlsoFindsArticlesInItsPrimaryLanguage) {
  PublishedOrDie(editor_, "Public shipping times", "Parcels arrive in three days.",
                 Visibility::kPublic);  // language "en"
  CatchUp();
  for (const char* language : {"en", "en-US", "EN-gb"}) {
    auto found = service_->PublicSearch(org_.id, {.text = "shipping", .language = language});
    ASSERT_TRUE(found) << found.error().ToString();
    EXPECT_EQ(found->results.size(), 1U) << language;
  }
  auto other = service_->PublicSearch(org_.id, {.text = "shipping", .language = "de-DE"});
  ASSERT_TRUE(other);
  EXPECT_THAT(other->results, IsEmpty());
  for (const char* malformed : {"-", "e", "en-", "english", "en-US-x-private", "en US"}) {
    auto refused = service_->PublicSearch(org_.id, {.text = "shipping", .language = malformed});
    ASSERT_FALSE(refused) << malformed;
    EXPECT_EQ(refused.error().field(), "language") << malformed;
  }
}

TEST_F(SearchServiceTest, ALaggingIndexNeverShowsWhatWasJustHidden) {
  const auto a = PublishedOrDie(editor_, "Merger plans", "Confidential.", Visibility::kPublic);
  CatchUp();
  ASSERT_THAT(PublicTitles("merger"), ElementsAre("Merger plans"));
  // Made internal, restricted, then archived: each before the index catches up.
  ASSERT_TRUE(kb_->UpdateArticle(owner_, a.article.id, VisibilityPatch(Visibility::kInternal)));
  EXPECT_THAT(PublicTitles("merger"), IsEmpty());
  ASSERT_TRUE(
      kb_->UpdateArticle(owner_, a.article.id, VisibilityPatch(Visibility::kRestricted, {"hr"})));
  EXPECT_THAT(Titles(employee_, "merger"), IsEmpty());
  EXPECT_THAT(Titles(hr_, "merger"), ElementsAre("Merger plans"));
}

TEST_F(SearchServiceTest, OtherOrganisationsArticlesAreNeverFound) {
  PublishedOrDie(editor_, "Quarterly targets", "Targets.");
  CatchUp();
  EXPECT_THAT(Titles(other_admin_, "targets"), IsEmpty());
  auto other_public = service_->PublicSearch(other_org_.id, {.text = "targets"});
  ASSERT_TRUE(other_public);
  EXPECT_THAT(other_public->results, IsEmpty());
}

TEST_F(SearchServiceTest, RefusesBadLimitsAndForgedCursors) {
  EXPECT_EQ(service_->Search(employee_, {.text = "x", .limit = 0}).error().field(), "limit");
  EXPECT_EQ(service_->Search(employee_, {.text = "x", .limit = 101}).error().field(), "limit");
  EXPECT_EQ(service_->Search(employee_, {.text = "x", .cursor = "not-a-cursor"}).error().field(),
            "cursor");
  const std::string deep = store::EncodeCursor("5000");
  EXPECT_EQ(service_->Search(employee_, {.text = "x", .cursor = deep}).error().field(), "cursor");
  const std::string negative = store::EncodeCursor("-1");
  EXPECT_EQ(service_->Search(employee_, {.text = "x", .cursor = negative}).error().field(),
            "cursor");
}

TEST_F(SearchServiceTest, PagesThroughResultsWithTheCursor) {
  for (int i = 0; i < 5; ++i) {
    PublishedOrDie(editor_, "Laptop guide " + std::to_string(i), "About laptops.");
  }
  CatchUp();
  auto first = service_->Search(employee_, {.text = "laptop", .limit = 3, .as_you_type = false});
  ASSERT_TRUE(first);
  EXPECT_EQ(first->results.size(), 3U);
  ASSERT_FALSE(first->next_cursor.empty());
  auto second = service_->Search(
      employee_,
      {.text = "laptop", .limit = 3, .cursor = first->next_cursor, .as_you_type = false});
  ASSERT_TRUE(second);
  EXPECT_EQ(second->results.size(), 2U);
  EXPECT_TRUE(second->next_cursor.empty());
}

TEST_F(SearchServiceTest, TheQueryLogKeepsTheFinalQueryOfATypingRun) {
  PublishedOrDie(editor_, "Printer setup", "Install the driver.");
  CatchUp();
  for (const char* text : {"pri", "prin", "print", "printer"}) {
    ASSERT_TRUE(service_->Search(employee_, {.text = text, .searcher = "u:1"}));
    clock_.Advance(std::chrono::milliseconds(300));
  }
  clock_.Advance(QueryLog::kSettle);
  ASSERT_TRUE(service_->Search(employee_, {.text = "vpn", .searcher = "u:1"}));
  ASSERT_TRUE(log_->Flush(/*all=*/true));
  auto insights = service_->GetInsights(editor_, {});
  ASSERT_TRUE(insights) << insights.error().ToString();
  std::vector<std::string> queries;
  for (const auto& q : insights->top) queries.push_back(q.query);
  EXPECT_THAT(queries, ::testing::UnorderedElementsAre("printer", "vpn"));
  ASSERT_EQ(insights->zero_results.size(), 1U);
  EXPECT_EQ(insights->zero_results[0].query, "vpn");
}

TEST_F(SearchServiceTest, AClickMakesTheQueryFinalAndCountsForClickThrough) {
  const auto a = PublishedOrDie(editor_, "Printer setup", "Install the driver.");
  CatchUp();
  ASSERT_TRUE(service_->Search(employee_, {.text = "printer", .searcher = "u:1"}));
  ASSERT_TRUE(service_->Clicked(org_.id, "u:1", "Printer", a.article.id, 1));
  auto insights = service_->GetInsights(editor_, {});
  ASSERT_TRUE(insights);
  ASSERT_EQ(insights->top.size(), 1U);
  EXPECT_EQ(insights->top[0].clicks, 1);
  // A click for a search that was never made is refused, not invented.
  auto unknown = service_->Clicked(org_.id, "u:2", "printer", a.article.id, 1);
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code(), core::ErrorCode::kNotFound);
  EXPECT_EQ(service_->Clicked(org_.id, "u:1", "printer", a.article.id, 0).error().field(),
            "position");
}

TEST_F(SearchServiceTest, InsightsNeedKbPublishAndRetentionDeletesOldSearches) {
  ASSERT_TRUE(service_->Search(employee_, {.text = "old query", .searcher = "u:1"}));
  ASSERT_TRUE(log_->Flush(/*all=*/true));
  EXPECT_EQ(service_->GetInsights(employee_, {}).error().code(),
            core::ErrorCode::kPermissionDenied);
  ASSERT_TRUE(service_->UpdateSettings(owner_, {.query_retention_days = 7}));
  clock_.Advance(std::chrono::days(8));
  auto deleted = service_->ApplyRetention();
  ASSERT_TRUE(deleted);
  EXPECT_EQ(*deleted, 1);
  EXPECT_EQ(service_->UpdateSettings(owner_, {.query_retention_days = 0}).error().field(),
            "query_retention_days");
}

TEST_F(SearchServiceTest, SynonymsAreNormalisedAndWidenTheSearch) {
  PublishedOrDie(editor_, "Annual leave policy", "How to request leave.");
  CatchUp();
  EXPECT_THAT(Titles(employee_, "vacation"), IsEmpty());
  auto group = service_->CreateSynonyms(editor_, {"  Vacation ", "leave", "PTO"});
  ASSERT_TRUE(group) << group.error().ToString();
  EXPECT_THAT(group->words, ElementsAre("vacation", "leave", "pto"));
  EXPECT_THAT(Titles(employee_, "vacation"), ElementsAre("Annual leave policy"));
  EXPECT_EQ(service_->CreateSynonyms(editor_, {"one"}).error().field(), "words");
  EXPECT_EQ(service_->CreateSynonyms(editor_, {"a", "a"}).error().field(), "words");
  EXPECT_EQ(service_->CreateSynonyms(employee_, {"a", "b"}).error().code(),
            core::ErrorCode::kPermissionDenied);
  ASSERT_TRUE(service_->DeleteSynonyms(editor_, group->id));
  EXPECT_THAT(Titles(employee_, "vacation"), IsEmpty());
}

}  // namespace
}  // namespace rapport::search

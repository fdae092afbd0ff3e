// Search part of the store contract beside the change sequence: the query log and its
// reports (exact figures on a small fixture), clicks, retention, synonym groups, search
// settings, and another organisation's rows answering NotFound.

#include <chrono>

#include "store_contract_helpers.h"

namespace rapport::store::testing {
namespace {

using core::ErrorCode;
using std::chrono::hours;
using std::chrono::microseconds;
using std::chrono::minutes;

constexpr std::string_view kStaff = kSearchAudienceStaff;
constexpr std::string_view kPublic = kSearchAudiencePublic;
constexpr int kLimit = 10;

SearchQueryRecord MakeSearch(const SearchQueryId& id, std::string_view audience, std::string query,
                             int results) {
  SearchQueryRecord record;
  record.id = id;
  record.audience = std::string(audience);
  record.language = "en";
  record.query = std::move(query);
  record.results = results;
  return record;
}

core::Result<SearchQueryRecord> AddSearch(Store& store, const OrganisationId& org,
                                          const SearchQueryRecord& record) {
  return WriteValue<SearchQueryRecord>(
      store, [&](WriteTx& tx) { return tx.search_log().Add(org, record); });
}

core::Result<SearchQueryRecord> GetSearch(Store& store, const OrganisationId& org,
                                          const SearchQueryId& id) {
  return ReadValue<SearchQueryRecord>(store,
                                      [&](ReadTx& tx) { return tx.search_log().Get(org, id); });
}

core::Status Click(Store& store, const OrganisationId& org, const SearchQueryId& id,
                   const ArticleId& article, int position) {
  return store.Write(
      [&](WriteTx& tx) { return tx.search_log().RecordClick(org, id, article, position); });
}

std::optional<std::string> Audience(std::string_view audience) { return std::string(audience); }

core::Result<std::vector<SynonymGroup>> Synonyms(Store& store, const OrganisationId& org) {
  return ReadValue<std::vector<SynonymGroup>>(
      store, [&](ReadTx& tx) { return tx.synonyms().ListAll(org); });
}

core::Result<SynonymGroup> CreateSynonyms(Store& store, const OrganisationId& org,
                                          const SynonymGroup& group) {
  return WriteValue<SynonymGroup>(store,
                                  [&](WriteTx& tx) { return tx.synonyms().Create(org, group); });
}

core::Result<SynonymGroup> UpdateSynonyms(Store& store, const OrganisationId& org,
                                          const SynonymGroup& group) {
  return WriteValue<SynonymGroup>(store,
                                  [&](WriteTx& tx) { return tx.synonyms().Update(org, group); });
}

core::Status DeleteSynonyms(Store& store, const OrganisationId& org, const SynonymGroupId& id) {
  return store.Write([&](WriteTx& tx) { return tx.synonyms().Delete(org, id); });
}

core::Result<SearchSettings> GetSearchSettings(Store& store, const OrganisationId& org) {
  return ReadValue<SearchSettings>(store,
                                   [&](ReadTx& tx) { return tx.search_settings().Get(org); });
}

core::Status PutSearchSettings(Store& store, const OrganisationId& org,
                               const SearchSettings& settings) {
  return store.Write([&](WriteTx& tx) { return tx.search_settings().Put(org, settings); });
}

// The query log fixture: one day of searches of `org` (a minute apart, starting at `from_`)
// plus searches just outside the day and searches of `other` that no report may count.
//
//   vpn      staff   5 results, clicked    holiday  staff   2 results (3 searches)
//   vpn      staff   5 results             expense  public  0 results (2 searches)
//   vpn      public  5 results, clicked    payroll  staff   0 results
//   vpn      staff   0 results             wifi     staff   1 result, clicked; then unclicked
class SearchLogFixture {
 public:
  SearchLogFixture(Store& store, core::FakeClock& clock, core::IdGenerator& ids, OrganisationId org,
                   OrganisationId other)
      : store_(store), clock_(clock), ids_(ids), org_(std::move(org)), other_(std::move(other)) {}

  void Build() {
    article_ = MakeArticle(ids_.New<ArticleTag>(), "vpn");
    CONTRACT_ASSERT_OK(CreateArticle(store_, org_, article_, MakeRevision("VPN")));
    from_ = clock_.Now();
    to_ = from_ + hours(24);

    clock_.Set(from_ - microseconds(1));
    Add(org_, kStaff, "vpn", 5);  // just before the day
    clock_.Set(from_);
    Add(org_, kStaff, "vpn", 5, 1);
    Add(org_, kStaff, "vpn", 5);
    Add(org_, kPublic, "vpn", 5, 2);
    Add(org_, kStaff, "vpn", 0);
    for (int i = 0; i < 3; ++i) Add(org_, kStaff, "holiday", 2);
    Add(org_, kPublic, "expense", 0);
    Add(org_, kPublic, "expense", 0);
    expense_last_at_ = clock_.Now() - minutes(1);
    Add(org_, kStaff, "payroll", 0);
    Add(org_, kStaff, "wifi", 1, 1);
    Add(org_, kStaff, "wifi", 1);
    for (int i = 0; i < 5; ++i) Add(other_, kStaff, "vpn", 0);  // another organisation's
    clock_.Set(to_);
    Add(org_, kStaff, "payroll", 0);  // just after the day
  }

  const OrganisationId& org() const { return org_; }
  core::TimePoint from() const { return from_; }
  core::TimePoint to() const { return to_; }
  core::TimePoint expense_last_at() const { return expense_last_at_; }
  const Article& article() const { return article_; }
  const SearchQueryId& first_vpn() const { return first_vpn_; }

 private:
  // Adds a search at now, clicked at `click_position` when it is not 0, and moves the clock
  // a minute on.
  void Add(const OrganisationId& org, std::string_view audience, std::string query, int results,
           int click_position = 0) {
    const SearchQueryId id = ids_.New<SearchQueryTag>();
    CONTRACT_ASSERT_OK(AddSearch(store_, org, MakeSearch(id, audience, query, results)));
    if (click_position != 0) {
      CONTRACT_ASSERT_OK(Click(store_, org, id, article_.id, click_position));
    }
    if (first_vpn_.empty() && query == "vpn" && clock_.Now() == from_) first_vpn_ = id;
    clock_.Advance(minutes(1));
  }

  Store& store_;
  core::FakeClock& clock_;
  core::IdGenerator& ids_;
  OrganisationId org_;
  OrganisationId other_;
  Article article_;
  core::TimePoint from_;
  core::TimePoint to_;
  core::TimePoint expense_last_at_;
  SearchQueryId first_vpn_;
};

TEST_P(StoreContractTest, SearchLogStoresSearchesAndTheLatestClick) {
  CONTRACT_SETUP_TWO_ORGANISATIONS();
  const Article first = MakeArticle(ids_.New<ArticleTag>(), "first");
  const Article second = MakeArticle(ids_.New<ArticleTag>(), "second");
  CONTRACT_ASSERT_OK(CreateArticle(*store, org, first, MakeRevision("First")));
  CONTRACT_ASSERT_OK(CreateArticle(*store, org, second, MakeRevision("Second")));
  SearchQueryRecord record = MakeSearch(ids_.New<SearchQueryTag>(), kPublic, "reset password", 7);
  record.language = "pt-br";
  record.at = core::TimePoint(hours(1));  // the store stamps its own time
  clock_.Advance(minutes(5));
  auto added = AddSearch(*store, org, record);
  CONTRACT_ASSERT_OK(added);
  record.at = clock_.Now();
  EXPECT_EQ(*added, record);
  EXPECT_EQ(GetSearch(*store, org, record.id), record);

  CONTRACT_ASSERT_OK(Click(*store, org, record.id, first.id, 3));
  CONTRACT_ASSERT_OK(Click(*store, org, record.id, second.id, 1));
  record.clicked_article = second.id;
  record.clicked_position = 1;
  EXPECT_EQ(GetSearch(*store, org, record.id), record);

  EXPECT_EQ(CodeOf(AddSearch(*store, org, record)), ErrorCode::kConflict);
  EXPECT_EQ(FieldOf(AddSearch(*store, org, record)), "id");
  EXPECT_EQ(
      FieldOf(AddSearch(*store, org, MakeSearch(ids_.New<SearchQueryTag>(), "robots", "x", 1))),
      "audience");
  EXPECT_EQ(
      FieldOf(AddSearch(*store, org, MakeSearch(ids_.New<SearchQueryTag>(), kStaff, "x", -1))),
      "results");
  EXPECT_EQ(CodeOf(Click(*store, org, ids_.New<SearchQueryTag>(), first.id, 1)),
            ErrorCode::kNotFound);
  EXPECT_EQ(FieldOf(Click(*store, org, record.id, ids_.New<ArticleTag>(), 1)), "article_id");
  EXPECT_EQ(CodeOf(Click(*store, org, record.id, ids_.New<ArticleTag>(), 1)), ErrorCode::kNotFound);
  EXPECT_EQ(GetSearch(*store, org, record.id), record) << "a failed click changed the search";
}

TEST_P(StoreContractTest, SearchLogReportsTopQueries) {
  CONTRACT_SETUP_TWO_ORGANISATIONS();
  SearchLogFixture fixture(*store, clock_, ids_, org, other);
  ASSERT_NO_FATAL_FAILURE(fixture.Build());
  const auto top = [&](std::optional<std::string> audience, int limit) {
    return ReadValue<std::vector<TopQuery>>(*store, [&](ReadTx& tx) {
      return tx.search_log().TopQueries(org, fixture.from(), fixture.to(), audience, limit);
    });
  };

  EXPECT_EQ(top(std::nullopt, kLimit), (std::vector<TopQuery>{
                                           {"vpn", 4, 2, 1},
                                           {"holiday", 3, 0, 0},
                                           {"expense", 2, 0, 2},
                                           {"wifi", 2, 1, 0},
                                           {"payroll", 1, 0, 1},
                                       }));
  EXPECT_EQ(top(std::nullopt, 2), (std::vector<TopQuery>{{"vpn", 4, 2, 1}, {"holiday", 3, 0, 0}}));
  EXPECT_EQ(top(Audience(kStaff), kLimit), (std::vector<TopQuery>{
                                               {"holiday", 3, 0, 0},
                                               {"vpn", 3, 1, 1},
                                               {"wifi", 2, 1, 0},
                                               {"payroll", 1, 0, 1},
                                           }));
  EXPECT_EQ(top(Audience(kPublic), kLimit),
            (std::vector<TopQuery>{{"expense", 2, 0, 2}, {"vpn", 1, 1, 0}}));

  EXPECT_EQ(FieldOf(top(std::nullopt, 0)), "limit");
  EXPECT_EQ(FieldOf(top(std::nullopt, kMaxPageLimit + 1)), "limit");
  EXPECT_EQ(FieldOf(top(Audience("robots"), kLimit)), "audience");
  EXPECT_EQ(CodeOf(top(Audience("robots"), kLimit)), ErrorCode::kInvalidArgument);
}

TEST_P(StoreContractTest, SearchLogReportsQueriesThatNeverFoundAnything) {
  CONTRACT_SETUP_TWO_ORGANISATIONS();
  SearchLogFixture fixture(*store, clock_, ids_, org, other);
  ASSERT_NO_FATAL_FAILURE(fixture.Build());
  const auto zero = [&](std::optional<std::string> audience, int limit) {
    return ReadValue<std::vector<ZeroResultQuery>>(*store, [&](ReadTx& tx) {
      return tx.search_log().ZeroResultQueries(org, fixture.from(), fixture.to(), audience, limit);
    });
  };
  const core::TimePoint payroll_at = fixture.expense_last_at() + minutes(1);

  EXPECT_EQ(zero(std::nullopt, kLimit), (std::vector<ZeroResultQuery>{
                                            {"expense", 2, fixture.expense_last_at()},
                                            {"payroll", 1, payroll_at},
                                        }));
  EXPECT_EQ(zero(std::nullopt, 1),
            (std::vector<ZeroResultQuery>{{"expense", 2, fixture.expense_last_at()}}));
  EXPECT_EQ(zero(Audience(kStaff), kLimit),
            (std::vector<ZeroResultQuery>{{"payroll", 1, payroll_at}}));
  EXPECT_EQ(FieldOf(zero(std::nullopt, 0)), "limit");
  EXPECT_EQ(FieldOf(zero(Audience(""), kLimit)), "audience");
}

TEST_P(StoreContractTest, SearchLogReportsQueriesWhoseResultsAreSeldomOpened) {
  CONTRACT_SETUP_TWO_ORGANISATIONS();
  SearchLogFixture fixture(*store, clock_, ids_, org, other);
  ASSERT_NO_FATAL_FAILURE(fixture.Build());
  const auto low = [&](std::optional<std::string> audience, int min_searches, int limit) {
    return ReadValue<std::vector<LowClickQuery>>(*store, [&](ReadTx& tx) {
      return tx.search_log().LowClickQueries(org, fixture.from(), fixture.to(), audience,
                                             min_searches, limit);
    });
  };

  EXPECT_EQ(low(std::nullopt, 2, kLimit), (std::vector<LowClickQuery>{
                                              {"holiday", 3, 0, 0.0},
                                              {"wifi", 2, 1, 0.5},
                                              {"vpn", 3, 2, 2.0 / 3.0},
                                          }));
  EXPECT_EQ(low(std::nullopt, 3, kLimit), (std::vector<LowClickQuery>{
                                              {"holiday", 3, 0, 0.0},
                                              {"vpn", 3, 2, 2.0 / 3.0},
                                          }));
  // Equal rates: more searches first, then the query.
  EXPECT_EQ(low(Audience(kStaff), 1, kLimit), (std::vector<LowClickQuery>{
                                                  {"holiday", 3, 0, 0.0},
                                                  {"vpn", 2, 1, 0.5},
                                                  {"wifi", 2, 1, 0.5},
                                              }));
  EXPECT_EQ(low(Audience(kStaff), 1, 1), (std::vector<LowClickQuery>{{"holiday", 3, 0, 0.0}}));
  EXPECT_EQ(low(Audience(kPublic), 1, kLimit), (std::vector<LowClickQuery>{{"vpn", 1, 1, 1.0}}));
  EXPECT_EQ(FieldOf(low(std::nullopt, 0, kLimit)), "min_searches");
  EXPECT_EQ(FieldOf(low(std::nullopt, 1, 0)), "limit");
}

TEST_P(StoreContractTest, SearchLogRetentionDeletesOneOrganisationsOldSearches) {
  CONTRACT_SETUP_TWO_ORGANISATIONS();
  SearchLogFixture fixture(*store, clock_, ids_, org, other);
  ASSERT_NO_FATAL_FAILURE(fixture.Build());
  const auto delete_before = [&](const OrganisationId& which, core::TimePoint cutoff) {
    return WriteValue<std::int64_t>(
        *store, [&](WriteTx& tx) { return tx.search_log().DeleteBefore(which, cutoff); });
  };
  const auto searches = [&](const OrganisationId& which) -> std::int64_t {
    auto rows = ReadValue<std::vector<TopQuery>>(*store, [&](ReadTx& tx) {
      return tx.search_log().TopQueries(which, core::TimePoint(), fixture.to() + hours(1),
                                        std::nullopt, kLimit);
    });
    std::int64_t total = 0;
    if (rows.has_value()) {
      for (const TopQuery& row : *rows) total += row.searches;
    }
    return total;
  };
  ASSERT_EQ(searches(org), 14);
  ASSERT_EQ(searches(other), 5);

  // The search a microsecond before the day and the first four of the day.
  EXPECT_EQ(delete_before(org, fixture.from() + minutes(4)), std::int64_t{5});
  EXPECT_EQ(searches(org), 9);
  EXPECT_EQ(searches(other), 5) << "retention reached another organisation";
  EXPECT_EQ(CodeOf(GetSearch(*store, org, fixture.first_vpn())), ErrorCode::kNotFound);
  EXPECT_EQ(delete_before(org, fixture.from() + minutes(4)), std::int64_t{0});
  EXPECT_EQ(delete_before(org, fixture.to() + hours(1)), std::int64_t{9});
  EXPECT_EQ(searches(org), 0);
  EXPECT_EQ(searches(other), 5);
}

TEST_P(StoreContractTest, SearchLogOfAnotherOrganisationIsInvisibleAndUntouchable) {
  CONTRACT_SETUP_TWO_ORGANISATIONS();
  const Article mine = MakeArticle(ids_.New<ArticleTag>(), "mine");
  const Article theirs = MakeArticle(ids_.New<ArticleTag>(), "theirs");
  CONTRACT_ASSERT_OK(CreateArticle(*store, org, mine, MakeRevision("Mine")));
  CONTRACT_ASSERT_OK(CreateArticle(*store, other, theirs, MakeRevision("Theirs")));
  const SearchQueryRecord search = MakeSearch(ids_.New<SearchQueryTag>(), kStaff, "secret", 1);
  CONTRACT_ASSERT_OK(AddSearch(*store, org, search));

  EXPECT_EQ(CodeOf(GetSearch(*store, other, search.id)), ErrorCode::kNotFound);
  EXPECT_EQ(CodeOf(Click(*store, other, search.id, theirs.id, 1)), ErrorCode::kNotFound);
  // A search of this organisation cannot point at another organisation's article.
  EXPECT_EQ(FieldOf(Click(*store, org, search.id, theirs.id, 1)), "article_id");
  auto theirs_top = ReadValue<std::vector<TopQuery>>(*store, [&](ReadTx& tx) {
    return tx.search_log().TopQueries(other, core::TimePoint(), clock_.Now() + hours(1),
                                      std::nullopt, kLimit);
  });
  CONTRACT_ASSERT_OK(theirs_top);
  EXPECT_TRUE(theirs_top->empty());
  EXPECT_EQ(GetSearch(*store, org, search.id)->clicked_article, std::nullopt);
}

TEST_P(StoreContractTest, SynonymGroupsAreKeptInCreationOrder) {
  CONTRACT_SETUP_TWO_ORGANISATIONS();
  EXPECT_EQ(Synonyms(*store, org), std::vector<SynonymGroup>{});
  const SynonymGroup leave{.id = ids_.New<SynonymGroupTag>(),
                           .words = {"vacation", "holiday", "pto"}};
  const SynonymGroup laptop{.id = ids_.New<SynonymGroupTag>(), .words = {"laptop", "notebook"}};
  const SynonymGroup odd{.id = ids_.New<SynonymGroupTag>(),
                         .words = {"a, b", "line\nbreak", "\"quoted\"", "\xc3\xa9t\xc3\xa9"}};
  EXPECT_EQ(CreateSynonyms(*store, org, leave), leave);
  EXPECT_EQ(CreateSynonyms(*store, org, laptop), laptop);
  EXPECT_EQ(CreateSynonyms(*store, org, odd), odd);
  EXPECT_EQ(Synonyms(*store, org), (std::vector<SynonymGroup>{leave, laptop, odd}));

  EXPECT_EQ(CodeOf(CreateSynonyms(*store, org, leave)), ErrorCode::kConflict);
  EXPECT_EQ(FieldOf(CreateSynonyms(*store, org, leave)), "id");
  EXPECT_EQ(FieldOf(CreateSynonyms(*store, org, SynonymGroup{.words = {"x", "y"}})), "id");

  const SynonymGroup longer{.id = leave.id, .words = {"vacation", "holiday", "pto", "leave"}};
  EXPECT_EQ(UpdateSynonyms(*store, org, longer), longer);
  EXPECT_EQ(Synonyms(*store, org), (std::vector<SynonymGroup>{longer, laptop, odd}));

  CONTRACT_ASSERT_OK(DeleteSynonyms(*store, org, laptop.id));
  EXPECT_EQ(Synonyms(*store, org), (std::vector<SynonymGroup>{longer, odd}));
  EXPECT_EQ(CodeOf(DeleteSynonyms(*store, org, laptop.id)), ErrorCode::kNotFound);
  EXPECT_EQ(CodeOf(UpdateSynonyms(*store, org, laptop)), ErrorCode::kNotFound);

  const SynonymGroup later{.id = ids_.New<SynonymGroupTag>(), .words = {"wifi", "wlan"}};
  CONTRACT_ASSERT_OK(CreateSynonyms(*store, org, later));
  EXPECT_EQ(Synonyms(*store, org), (std::vector<SynonymGroup>{longer, odd, later}));
}

TEST_P(StoreContractTest, SynonymGroupsOfAnotherOrganisationAreInvisibleAndUntouchable) {
  CONTRACT_SETUP_TWO_ORGANISATIONS();
  const SynonymGroup mine{.id = ids_.New<SynonymGroupTag>(), .words = {"car", "auto"}};
  CONTRACT_ASSERT_OK(CreateSynonyms(*store, org, mine));

  EXPECT_EQ(Synonyms(*store, other), std::vector<SynonymGroup>{});
  const SynonymGroup stolen{.id = mine.id, .words = {"stolen"}};
  EXPECT_EQ(CodeOf(UpdateSynonyms(*store, other, stolen)), ErrorCode::kNotFound);
  EXPECT_EQ(CodeOf(DeleteSynonyms(*store, other, mine.id)), ErrorCode::kNotFound);
  EXPECT_EQ(Synonyms(*store, org), std::vector<SynonymGroup>{mine});
}

TEST_P(StoreContractTest, SearchSettingsDefaultUntilPutPerOrganisation) {
  CONTRACT_SETUP_TWO_ORGANISATIONS();
  EXPECT_EQ(GetSearchSettings(*store, org), SearchSettings{});
  EXPECT_EQ(GetSearchSettings(*store, org)->query_retention_days, 90);

  CONTRACT_ASSERT_OK(PutSearchSettings(*store, org, SearchSettings{.query_retention_days = 30}));
  EXPECT_EQ(GetSearchSettings(*store, org), SearchSettings{.query_retention_days = 30});
  EXPECT_EQ(GetSearchSettings(*store, other), SearchSettings{});
  CONTRACT_ASSERT_OK(PutSearchSettings(*store, org, SearchSettings{.query_retention_days = 365}));
  EXPECT_EQ(GetSearchSettings(*store, org), SearchSettings{.query_retention_days = 365});
}

}  // namespace
}  // namespace rapport::store::testing

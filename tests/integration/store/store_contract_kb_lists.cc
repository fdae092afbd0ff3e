// Knowledge-base article lists part of the store contract: title order, cursor pagination,
// every filter, and lists leaving bodies out.

#include <algorithm>
#include <cctype>
#include <chrono>

#include "store_contract_helpers.h"

namespace rapport::store::testing {
namespace {

using core::ErrorCode;
using std::chrono::hours;
using Titles = std::vector<std::string>;

core::Result<Page<Article>> ListArticles(Store& store, const OrganisationId& org,
                                         const ArticleFilter& filter, const PageRequest& page) {
  return ReadValue<Page<Article>>(
      store, [&](ReadTx& tx) { return tx.articles().List(org, filter, page); });
}

// The head titles of every article matching `filter`, following cursors.
core::Result<Titles> ListTitles(Store& store, const OrganisationId& org,
                                const ArticleFilter& filter, int limit = 2) {
  Titles titles;
  PageRequest request{.limit = limit};
  do {
    RAPPORT_ASSIGN_OR_RETURN(auto page, ListArticles(store, org, filter, request));
    for (const Article& article : page.items) titles.push_back(article.head.title);
    request.cursor = page.next_cursor;
  } while (!request.cursor.empty());
  return titles;
}

std::string Folded(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

TEST_P(StoreContractTest, ArticleListPaginatesByTitleIgnoringCaseThenIdWithoutGapsOrRepeats) {
  CONTRACT_SETUP_TWO_ORGANISATIONS();
  const std::vector<std::string> titles = {"banana", "Apple", "cherry", "apple",
                                           "APPLE",  "Date",  "éclair"};
  std::vector<std::pair<std::string, ArticleId>> expected;
  for (std::size_t i = 0; i < titles.size(); ++i) {
    const ArticleId id = ids_.New<ArticleTag>();
    CONTRACT_ASSERT_OK(CreateArticle(*store, org, MakeArticle(id, "a" + std::to_string(i)),
                                     MakeRevision(titles[i])));
    expected.emplace_back(titles[i], id);
  }
  std::sort(expected.begin(), expected.end(), [](const auto& a, const auto& b) {
    return std::make_pair(Folded(a.first), a.second) < std::make_pair(Folded(b.first), b.second);
  });
  std::vector<std::size_t> sizes;
  std::vector<ArticleId> listed;
  PageRequest request{.limit = 3};
  do {
    auto page = ListArticles(*store, org, {}, request);
    CONTRACT_ASSERT_OK(page);
    sizes.push_back(page->items.size());
    for (const Article& article : page->items) listed.push_back(article.id);
    request.cursor = page->next_cursor;
  } while (!request.cursor.empty());
  EXPECT_EQ(sizes, (std::vector<std::size_t>{3, 3, 1}));
  std::vector<ArticleId> expected_ids;
  for (const auto& [title, id] : expected) expected_ids.push_back(id);
  EXPECT_EQ(listed, expected_ids);

  // The order follows the head title: a new revision can move an article.
  CONTRACT_ASSERT_OK(AddRevision(*store, org, expected.back().second, MakeRevision("aardvark")));
  auto first = ListArticles(*store, org, {}, {.limit = 1});
  CONTRACT_ASSERT_OK(first);
  ASSERT_EQ(first->items.size(), 1u);
  EXPECT_EQ(first->items[0].id, expected.back().second);
  auto exact = ListArticles(*store, org, {}, {.limit = 7});
  CONTRACT_ASSERT_OK(exact);
  EXPECT_EQ(exact->items.size(), 7u);
  EXPECT_TRUE(exact->next_cursor.empty());
}

TEST_P(StoreContractTest, ArticleListStaysStableWhileArticlesAreAdded) {
  CONTRACT_SETUP_TWO_ORGANISATIONS();
  for (const char* title : {"Bea", "Dora", "Fay", "Hal"}) {
    CONTRACT_ASSERT_OK(CreateArticle(*store, org, MakeArticle(ids_.New<ArticleTag>(), title),
                                     MakeRevision(title)));
  }
  auto first = ListArticles(*store, org, {}, {.limit = 2});
  CONTRACT_ASSERT_OK(first);
  ASSERT_EQ(first->items.size(), 2u);
  EXPECT_EQ(first->items[1].head.title, "Dora");
  CONTRACT_ASSERT_OK(
      CreateArticle(*store, org, MakeArticle(ids_.New<ArticleTag>(), "abe"), MakeRevision("Abe")));
  CONTRACT_ASSERT_OK(
      CreateArticle(*store, org, MakeArticle(ids_.New<ArticleTag>(), "eli"), MakeRevision("Eli")));
  Titles rest;
  PageRequest request{.limit = 2, .cursor = first->next_cursor};
  do {
    auto page = ListArticles(*store, org, {}, request);
    CONTRACT_ASSERT_OK(page);
    for (const Article& article : page->items) rest.push_back(article.head.title);
    request.cursor = page->next_cursor;
  } while (!request.cursor.empty());
  EXPECT_EQ(rest, (Titles{"Eli", "Fay", "Hal"}));
}

TEST_P(StoreContractTest, ArticleListLeavesBodiesOut) {
  CONTRACT_SETUP_TWO_ORGANISATIONS();
  Article live = MakeArticle(ids_.New<ArticleTag>(), "live");
  live.published_revision = 1;
  const Revision first = MakeRevision("Live", "live body");
  CONTRACT_ASSERT_OK(CreateArticle(*store, org, live, first));
  const Revision second = MakeRevision("Live edited", "edited body");
  CONTRACT_ASSERT_OK(AddRevision(*store, org, live.id, second));
  CONTRACT_ASSERT_OK(CreateArticle(*store, org, MakeArticle(ids_.New<ArticleTag>(), "draft"),
                                   MakeRevision("Draft")));
  auto page = ListArticles(*store, org, {}, {});
  CONTRACT_ASSERT_OK(page);
  ASSERT_EQ(page->items.size(), 2u);
  const Article& draft = page->items[0];
  EXPECT_EQ(draft.head.title, "Draft");
  EXPECT_TRUE(draft.head.body.empty());
  EXPECT_FALSE(draft.published.has_value());
  const Article& listed = page->items[1];
  ArticleContent head_without_body = second.content;
  head_without_body.body.clear();
  ArticleContent live_without_body = first.content;
  live_without_body.body.clear();
  EXPECT_EQ(listed.head, head_without_body);
  ASSERT_TRUE(listed.published.has_value());
  EXPECT_EQ(*listed.published, live_without_body);
  // Everything else is as Get reads it.
  auto got = GetArticle(*store, org, live.id);
  CONTRACT_ASSERT_OK(got);
  Article got_without_bodies = *got;
  got_without_bodies.head.body.clear();
  got_without_bodies.published->body.clear();
  EXPECT_EQ(listed, got_without_bodies);
}

TEST_P(StoreContractTest, ArticleListFiltersByEveryField) {
  CONTRACT_SETUP_TWO_ORGANISATIONS();
  const CategoryId guides = ids_.New<CategoryTag>();
  const CategoryId setup = ids_.New<CategoryTag>();
  const CategoryId policies = ids_.New<CategoryTag>();
  CONTRACT_ASSERT_OK(CreateCategory(*store, org, MakeCategory(guides, "Guides")));
  CONTRACT_ASSERT_OK(CreateCategory(*store, org, MakeCategory(setup, "Setup", guides)));
  CONTRACT_ASSERT_OK(CreateCategory(*store, org, MakeCategory(policies, "Policies")));
  const User owner = KbUser(org, ids_.New<UserTag>(), "owner@a.example");
  CONTRACT_ASSERT_OK(CreateKbUser(*store, owner));

  // Alpha: published guide (en, public, owned); Beta: draft in a section (en); Gamma: archived
  // policy (fr, translation of Alpha, restricted, owned); Delta: in review, no category (de).
  Article alpha = MakeArticle(ids_.New<ArticleTag>(), "alpha", "en");
  alpha.category_id = guides;
  alpha.status = ArticleStatus::kPublished;
  alpha.visibility = Visibility::kPublic;
  alpha.owner_id = owner.id;
  alpha.published_revision = 1;
  CONTRACT_ASSERT_OK(CreateArticle(*store, org, alpha, MakeRevision("Alpha")));
  Article beta = MakeArticle(ids_.New<ArticleTag>(), "beta", "en");
  beta.category_id = setup;
  CONTRACT_ASSERT_OK(CreateArticle(*store, org, beta, MakeRevision("Beta")));
  Article gamma = MakeArticle(ids_.New<ArticleTag>(), "gamma", "fr");
  gamma.category_id = policies;
  gamma.status = ArticleStatus::kArchived;
  gamma.visibility = Visibility::kRestricted;
  gamma.owner_id = owner.id;
  gamma.translation_group = alpha.id.str();
  gamma.published_revision = 1;
  CONTRACT_ASSERT_OK(CreateArticle(*store, org, gamma, MakeRevision("Gamma")));
  Article delta = MakeArticle(ids_.New<ArticleTag>(), "delta", "de");
  delta.status = ArticleStatus::kInReview;
  CONTRACT_ASSERT_OK(CreateArticle(*store, org, delta, MakeRevision("Delta")));
  // Another organisation's article never shows.
  CONTRACT_ASSERT_OK(CreateArticle(*store, other, MakeArticle(ids_.New<ArticleTag>(), "alpha"),
                                   MakeRevision("Alpha elsewhere")));

  const auto titles = [&](const ArticleFilter& filter) {
    auto listed = ListTitles(*store, org, filter);
    EXPECT_TRUE(listed.has_value()) << listed.error().ToString();
    return listed.value_or(Titles{});
  };
  const auto with = [](auto set) {
    ArticleFilter filter;
    set(filter);
    return filter;
  };
  EXPECT_EQ(titles({}), (Titles{"Alpha", "Beta", "Delta", "Gamma"}));
  EXPECT_EQ(titles(with([](ArticleFilter& f) { f.statuses = {ArticleStatus::kDraft}; })),
            (Titles{"Beta"}));
  EXPECT_EQ(
      titles(with([](ArticleFilter& f) {
        f.statuses = {ArticleStatus::kArchived, ArticleStatus::kInReview, ArticleStatus::kArchived};
      })),
      (Titles{"Delta", "Gamma"}));
  // A category includes its sections; a section only itself.
  EXPECT_EQ(titles(with([&](ArticleFilter& f) { f.category_id = guides; })),
            (Titles{"Alpha", "Beta"}));
  EXPECT_EQ(titles(with([&](ArticleFilter& f) { f.category_id = setup; })), (Titles{"Beta"}));
  EXPECT_EQ(titles(with([&](ArticleFilter& f) { f.category_id = policies; })), (Titles{"Gamma"}));
  EXPECT_EQ(titles(with([&](ArticleFilter& f) { f.owner_id = owner.id; })),
            (Titles{"Alpha", "Gamma"}));
  EXPECT_EQ(titles(with([](ArticleFilter& f) { f.visibility = Visibility::kInternal; })),
            (Titles{"Beta", "Delta"}));
  EXPECT_EQ(titles(with([](ArticleFilter& f) { f.visibility = Visibility::kRestricted; })),
            (Titles{"Gamma"}));
  EXPECT_EQ(titles(with([](ArticleFilter& f) { f.language = "en"; })), (Titles{"Alpha", "Beta"}));
  EXPECT_EQ(titles(with([&](ArticleFilter& f) { f.translation_group = alpha.id.str(); })),
            (Titles{"Alpha", "Gamma"}));
  EXPECT_EQ(titles(with([](ArticleFilter& f) { f.published_only = true; })),
            (Titles{"Alpha", "Gamma"}));
  EXPECT_EQ(titles(with([&](ArticleFilter& f) {
              f.language = "en";
              f.published_only = true;
              f.owner_id = owner.id;
              f.statuses = {ArticleStatus::kPublished};
            })),
            (Titles{"Alpha"}));
  EXPECT_EQ(titles(with([&](ArticleFilter& f) { f.category_id = ids_.New<CategoryTag>(); })),
            Titles{});
}

TEST_P(StoreContractTest, ArticleQueryMatchesHeadOrLiveTitleIgnoringCase) {
  CONTRACT_SETUP_TWO_ORGANISATIONS();
  Article renamed = MakeArticle(ids_.New<ArticleTag>(), "renamed");
  renamed.published_revision = 1;
  CONTRACT_ASSERT_OK(CreateArticle(*store, org, renamed, MakeRevision("Expense Claims")));
  CONTRACT_ASSERT_OK(AddRevision(*store, org, renamed.id, MakeRevision("Travel Costs")));
  CONTRACT_ASSERT_OK(CreateArticle(*store, org, MakeArticle(ids_.New<ArticleTag>(), "wifi"),
                                   MakeRevision("Office WiFi", "expense claims in the body")));
  const auto titles = [&](std::string query) {
    ArticleFilter filter;
    filter.query = std::move(query);
    auto listed = ListTitles(*store, org, filter);
    EXPECT_TRUE(listed.has_value()) << listed.error().ToString();
    return listed.value_or(Titles{});
  };
  EXPECT_EQ(titles("travel"), (Titles{"Travel Costs"}));
  EXPECT_EQ(titles("EXPENSE"), (Titles{"Travel Costs"}));  // the live title, not the body
  EXPECT_EQ(titles("wifi"), (Titles{"Office WiFi"}));
  EXPECT_EQ(titles("body"), Titles{});
}

TEST_P(StoreContractTest, ArticleQueryMatchesWildcardCharactersLiterally) {
  CONTRACT_SETUP_TWO_ORGANISATIONS();
  int n = 0;
  for (const char* title : {"100% Sure", "100 Percent", "a_b", "axb", "back\\slash", "backslash"}) {
    CONTRACT_ASSERT_OK(CreateArticle(*store, org,
                                     MakeArticle(ids_.New<ArticleTag>(), "s" + std::to_string(n++)),
                                     MakeRevision(title)));
  }
  const auto titles = [&](std::string query) {
    ArticleFilter filter;
    filter.query = std::move(query);
    auto listed = ListTitles(*store, org, filter);
    EXPECT_TRUE(listed.has_value()) << listed.error().ToString();
    return listed.value_or(Titles{});
  };
  EXPECT_EQ(titles("%"), (Titles{"100% Sure"}));
  EXPECT_EQ(titles("_"), (Titles{"a_b"}));
  EXPECT_EQ(titles("k\\s"), (Titles{"back\\slash"}));
}

TEST_P(StoreContractTest, ArticleDueFilterIncludesTheBoundaryAndLiveArticlesOnly) {
  CONTRACT_SETUP_TWO_ORGANISATIONS();
  const core::TimePoint verified = clock_.Now() - hours(24 * 100);
  const auto create = [&](std::string title, int interval_days, bool live) {
    Article article = MakeArticle(ids_.New<ArticleTag>(), Folded(title));
    article.verify_interval_days = interval_days;
    article.verified_at = verified;
    article.published_revision = live ? 1 : 0;
    return CreateArticle(*store, org, article, MakeRevision(std::move(title)));
  };
  CONTRACT_ASSERT_OK(create("Thirty", 30, true));
  CONTRACT_ASSERT_OK(create("Ninety", 90, true));
  CONTRACT_ASSERT_OK(create("Year", 365, true));
  CONTRACT_ASSERT_OK(create("Unpublished", 30, false));
  const auto due = [&](core::TimePoint before) {
    ArticleFilter filter;
    filter.due_before = before;
    auto listed = ListTitles(*store, org, filter);
    EXPECT_TRUE(listed.has_value()) << listed.error().ToString();
    return listed.value_or(Titles{});
  };
  const core::TimePoint ninety_due = verified + hours(24 * 90);
  EXPECT_EQ(due(ninety_due), (Titles{"Ninety", "Thirty"}));
  EXPECT_EQ(due(ninety_due - std::chrono::microseconds(1)), (Titles{"Thirty"}));
  EXPECT_EQ(due(verified), Titles{});
  EXPECT_EQ(due(verified + hours(24 * 1000)), (Titles{"Ninety", "Thirty", "Year"}));
}

TEST_P(StoreContractTest, ArticleListRejectsBadLimitsAndCursors) {
  CONTRACT_SETUP_TWO_ORGANISATIONS();
  const std::string not_an_id(core::kIdLength, '!');
  for (const PageRequest& bad :
       {PageRequest{.limit = 0}, PageRequest{.limit = kMaxPageLimit + 1},
        PageRequest{.limit = 5, .cursor = "garbage"},
        PageRequest{.limit = 5, .cursor = EncodeCursor("short")},
        PageRequest{.limit = 5, .cursor = EncodeCursor(not_an_id + "Title")}}) {
    auto page = ListArticles(*store, org, {}, bad);
    ASSERT_EQ(CodeOf(page), ErrorCode::kInvalidArgument) << bad.limit << " " << bad.cursor;
    EXPECT_EQ(page.error().field(), bad.limit == 5 ? "cursor" : "limit");
  }
}

}  // namespace
}  // namespace rapport::store::testing

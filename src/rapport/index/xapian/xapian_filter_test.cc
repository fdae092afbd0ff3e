// Audience and Filter as boolean filters, facets and ranking signals on a real index.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "rapport/index/xapian/internal/index_fixture.h"
#include "rapport/index/xapian/internal/ranking.h"
#include "rapport/index/xapian/xapian_index.h"

// Designated initialisers of the port's structs name only the fields a test sets.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

namespace rapport::index {
namespace {

using ::rapport::index::testing::Ask;
using ::rapport::index::testing::Doc;
using ::rapport::index::testing::Ids;
using ::rapport::index::testing::IndexTest;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::Pair;
using ::testing::UnorderedElementsAre;

Document With(Document doc, std::string visibility, std::string status, bool live) {
  doc.visibility = std::move(visibility);
  doc.status = std::move(status);
  doc.live = live;
  return doc;
}

class XapianAudience : public IndexTest {
 protected:
  void SetUp() override {
    IndexTest::SetUp();
    Document restricted = With(Doc("restricted", "Guide"), "restricted", "published", true);
    restricted.roles = {"hr", "finance"};
    Document draft = With(Doc("draft", "Guide"), "internal", "draft", false);
    draft.owner = "u1";
    Index({With(Doc("public", "Guide"), "public", "published", true),
           With(Doc("internal", "Guide"), "internal", "published", true), restricted, draft,
           With(Doc("archived", "Guide"), "public", "archived", true),
           With(Doc("unpublished", "Guide"), "public", "in_review", false)});
  }

  std::vector<std::string> As(Audience audience) {
    Query query = Ask("guide");
    query.audience = std::move(audience);
    query.limit = 100;
    return Ids(Find(query));
  }
};

TEST_F(XapianAudience, PublicOnlySeesLivePublicDocuments) {
  EXPECT_THAT(As({.public_only = true}), ElementsAre("public"));
}

TEST_F(XapianAudience, SeeAllSeesEverything) {
  EXPECT_THAT(As({.see_all = true}), UnorderedElementsAre("public", "internal", "restricted",
                                                          "draft", "archived", "unpublished"));
}

TEST_F(XapianAudience, StaffSeeInternalAndPublicLiveDocuments) {
  EXPECT_THAT(As({.role = "agent"}), UnorderedElementsAre("public", "internal"));
}

TEST_F(XapianAudience, RestrictedNeedsAListedRole) {
  EXPECT_THAT(As({.role = "finance"}), UnorderedElementsAre("public", "internal", "restricted"));
}

TEST_F(XapianAudience, OwnersSeeTheirDraftsInAnyStatus) {
  EXPECT_THAT(As({.role = "agent", .user = "u1"}),
              UnorderedElementsAre("public", "internal", "draft"));
  EXPECT_THAT(As({.role = "agent", .user = "u2"}), UnorderedElementsAre("public", "internal"));
}

TEST_F(XapianAudience, ReaderTermsCannotBeForgedAcrossOrganisations) {
  // Organisation "org1" with role "x" and organisation "org" with role "1x" spell the same
  // characters; the reader terms keep them apart.
  Query query = Ask("guide");
  query.org = "org";
  query.audience = {.role = "1finance", .user = "1u1"};
  query.limit = 100;
  EXPECT_THAT(Find(query).hits, IsEmpty());
  Document restricted = With(Doc("restricted", "Guide"), "restricted", "published", true);
  restricted.org = "org";
  restricted.roles = {"1finance"};
  Index({restricted});
  EXPECT_THAT(Ids(Find(query)), ElementsAre("restricted"));
  EXPECT_THAT(As({.role = "finance"}), UnorderedElementsAre("public", "internal", "restricted"));
}

TEST_F(XapianAudience, OrganisationAndRoleTooLongForOneTermAreRejected) {
  Document doc = With(Doc("long", "Guide"), "restricted", "published", true);
  doc.org = std::string(200, 'o');
  doc.roles = {std::string(100, 'r')};
  auto status = index_->Apply({{.org = doc.org, .id = doc.id, .document = doc}}, 2);
  ASSERT_FALSE(status.has_value());
  EXPECT_EQ(status.error().code(), core::ErrorCode::kInvalidArgument);
}

using XapianFilter = IndexTest;

// A filter part that every document passes is left out of the query (it changes nothing and
// costs a posting list walk); the answers must stay those of the full filter, also once a
// document that fails it arrives.
TEST_F(XapianFilter, FiltersEveryDocumentPassesStayCorrectAsTheIndexChanges) {
  Index({Doc("one", "Guide"), Doc("two", "Guide")});  // internal and live: staff read both
  auto ids = [&](Audience audience, Filter filter = {}) {
    Query query = Ask("guide");
    query.audience = std::move(audience);
    query.filter = std::move(filter);
    return Ids(Find(query));
  };
  EXPECT_THAT(ids({.role = "agent"}), UnorderedElementsAre("one", "two"));
  EXPECT_THAT(ids({.role = "agent"}, {.languages = {"en"}}), UnorderedElementsAre("one", "two"));
  EXPECT_THAT(ids({.public_only = true}), IsEmpty());
  EXPECT_THAT(ids({.role = "agent"}, {.languages = {"fr"}}), IsEmpty());

  Document secret = With(Doc("secret", "Guide"), "restricted", "published", true);
  secret.roles = {"hr"};
  secret.language = "fr";
  Index({secret}, 2);
  EXPECT_THAT(ids({.role = "agent"}), UnorderedElementsAre("one", "two"));
  EXPECT_THAT(ids({.role = "hr"}), UnorderedElementsAre("one", "two", "secret"));
  EXPECT_THAT(ids({.role = "hr"}, {.languages = {"en"}}), UnorderedElementsAre("one", "two"));
  EXPECT_THAT(ids({.role = "agent"}, {.languages = {"fr"}}), IsEmpty());
}

TEST_F(XapianFilter, FiltersByLanguageCategoryTagsStatusAndDueDate) {
  Document a = Doc("a", "Guide");
  a.category = "section1";
  a.parent_category = "cat1";
  a.tags = {"vpn", "mac"};
  a.verify_due_at = 1000;
  Document b = Doc("b", "Guide");
  b.language = "fr";
  b.category = "cat2";
  b.tags = {"vpn"};
  b.status = "draft";
  b.verify_due_at = 3000;
  Document c = Doc("c", "Guide");
  Index({a, b, c});

  auto only = [&](Filter filter) {
    Query query = Ask("guide");
    query.filter = std::move(filter);
    return Ids(Find(query));
  };
  EXPECT_THAT(only({.languages = {"fr"}}), ElementsAre("b"));
  EXPECT_THAT(only({.languages = {"fr", "en"}}), UnorderedElementsAre("a", "b", "c"));
  EXPECT_THAT(only({.categories = {"cat1"}}), ElementsAre("a"));  // via the parent
  EXPECT_THAT(only({.categories = {"section1", "cat2"}}), UnorderedElementsAre("a", "b"));
  EXPECT_THAT(only({.tags = {"vpn"}}), UnorderedElementsAre("a", "b"));
  EXPECT_THAT(only({.tags = {"vpn", "mac"}}), ElementsAre("a"));
  EXPECT_THAT(only({.statuses = {"draft"}}), ElementsAre("b"));
  EXPECT_THAT(only({.due_before = 2000}), ElementsAre("a"));
  EXPECT_THAT(only({.due_before = 3000}), UnorderedElementsAre("a", "b"));
}

TEST_F(XapianFilter, OtherOrganisationsNeverMatch) {
  Document other = Doc("x", "Guide");
  other.org = "org2";
  Index({other});
  EXPECT_THAT(Find("guide").hits, IsEmpty());
  EXPECT_EQ(Find("guidd").did_you_mean, "");  // no suggestion from another organisation
}

TEST_F(XapianFilter, FacetsCountLeafCategoriesAndTagsAmongAllMatches) {
  std::vector<Document> docs;
  for (int i = 0; i < 30; ++i) {
    Document doc = Doc("d" + std::to_string(i), "Guide");
    doc.category = i % 3 == 0 ? "s1" : "s2";
    doc.parent_category = "top";
    doc.tags =
        i % 2 == 0 ? std::vector<std::string>{"even", "all"} : std::vector<std::string>{"all"};
    docs.push_back(doc);
  }
  Index(docs);
  Query query = Ask("guide");
  query.facets = true;
  query.limit = 5;
  const Results results = Find(query);
  EXPECT_EQ(results.total, 30);
  EXPECT_THAT(results.facets,
              ElementsAre(Pair("category", ElementsAre(FacetCount{"s2", 20}, FacetCount{"s1", 10})),
                          Pair("tag", ElementsAre(FacetCount{"all", 30}, FacetCount{"even", 15}))));
  query.facets = false;
  EXPECT_THAT(Find(query).facets, IsEmpty());
}

TEST_F(XapianFilter, FacetsIncludePartialMatches) {
  Document a = Doc("a", "Printer network");
  a.tags = {"t1"};
  Document b = Doc("b", "Printer");
  b.tags = {"t2"};
  Index({a, b});
  Query query = Ask("printer network");
  query.facets = true;
  const Results results = Find(query);
  EXPECT_THAT(results.facets[1].second,
              UnorderedElementsAre(FacetCount{"t1", 1}, FacetCount{"t2", 1}));
}

TEST(XapianSignals, AreSmallAndBounded) {
  using xapian::internal::SignalWeight;
  constexpr std::int64_t kNow = 1'700'000'000;
  EXPECT_EQ(SignalWeight(0, 0, 0, 0, 0), 0);
  EXPECT_NEAR(SignalWeight(kNow, kNow, 0, 0, 0), 0.1, 1e-9);
  EXPECT_NEAR(SignalWeight(kNow, kNow - 180 * 86400, 0, 0, 0), 0.05, 1e-9);
  EXPECT_NEAR(SignalWeight(kNow, 0, kNow + 10, 0, 0), 0.1, 1e-9);
  EXPECT_EQ(SignalWeight(kNow, 0, kNow - 10, 0, 0), 0);
  EXPECT_EQ(SignalWeight(kNow, 0, 0, 0, 50), 0);
  EXPECT_GT(SignalWeight(kNow, 0, 0, 50, 0), 0.07);
  EXPECT_LE(SignalWeight(kNow, kNow, kNow + 1, 1000000, 0), xapian::internal::kMaxSignalWeight);
}

TEST_F(XapianFilter, SignalsReorderTiesOnly) {
  constexpr std::int64_t kNow = 1'700'000'000;
  Document stale = Doc("stale", "Printer setup");
  Document fresh = Doc("fresh", "Printer setup");
  fresh.updated_at = kNow;
  fresh.verify_due_at = kNow + 86400;
  fresh.helpful = 20;
  Document strong = Doc("strong", "Printer printer printer setup");
  std::vector<Document> docs = {stale, fresh, strong};
  for (int i = 0; i < 30; ++i) docs.push_back(Doc("other" + std::to_string(i), "Scanner"));
  Index(docs);
  Query query = Ask("printer");
  query.signals.now = kNow;
  EXPECT_THAT(Ids(Find(query)), ElementsAre("strong", "fresh", "stale"));
  query.signals.enabled = false;
  const Results plain = Find(query);
  EXPECT_EQ(plain.hits[0].id, "strong");
  EXPECT_DOUBLE_EQ(plain.hits[1].score, plain.hits[2].score);
}

}  // namespace
}  // namespace rapport::index

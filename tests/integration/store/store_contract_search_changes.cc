// Search part of the store contract, the change sequence: every committed write to an article,
// its revisions or its feedback reaches the sequence, whatever repository method made it;
// a rolled-back write leaves nothing; the sequence is read in order across organisations and
// trimmed without ever reusing a seq.

#include <algorithm>

#include "store_contract_helpers.h"

namespace rapport::store::testing {
namespace {

using core::ErrorCode;

constexpr int kBatch = 100;

core::Result<std::vector<ArticleChange>> ChangesAfter(Store& store, std::int64_t seq,
                                                      int limit = kBatch) {
  return ReadValue<std::vector<ArticleChange>>(
      store, [&](ReadTx& tx) { return tx.search_changes().After(seq, limit); });
}

core::Result<std::int64_t> LatestChange(Store& store) {
  return ReadValue<std::int64_t>(store, [](ReadTx& tx) { return tx.search_changes().Latest(); });
}

core::Status TrimThrough(Store& store, std::int64_t seq) {
  return store.Write([&](WriteTx& tx) { return tx.search_changes().TrimThrough(seq); });
}

core::Result<Feedback> Resolve(Store& store, const OrganisationId& org, const FeedbackId& id,
                               const UserId& by) {
  return WriteValue<Feedback>(store,
                              [&](WriteTx& tx) { return tx.feedback().Resolve(org, id, by); });
}

// Asserts that the changes recorded since `*seen` are at least one, all name `article` of
// `org` and come in increasing seq order; then moves `*seen` to the newest.
void ExpectChangedSince(Store& store, std::int64_t* seen, const OrganisationId& org,
                        const ArticleId& article, std::string_view what) {
  SCOPED_TRACE(what);
  auto changes = ChangesAfter(store, *seen);
  ASSERT_TRUE(changes.has_value()) << changes.error().ToString();
  ASSERT_FALSE(changes->empty()) << "no change recorded";
  std::int64_t previous = *seen;
  for (const ArticleChange& change : *changes) {
    EXPECT_GT(change.seq, previous);
    EXPECT_EQ(change.org, org);
    EXPECT_EQ(change.article, article);
    previous = change.seq;
  }
  auto latest = LatestChange(store);
  ASSERT_TRUE(latest.has_value()) << latest.error().ToString();
  EXPECT_EQ(*latest, changes->back().seq);
  *seen = changes->back().seq;
}

TEST_P(StoreContractTest, SearchChangesStartEmpty) {
  auto store = OpenMigrated();
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(LatestChange(*store), std::int64_t{0});
  auto changes = ChangesAfter(*store, 0);
  CONTRACT_ASSERT_OK(changes);
  EXPECT_TRUE(changes->empty());
}

TEST_P(StoreContractTest, SearchChangesFollowEveryWriteToAnArticle) {
  CONTRACT_SETUP_TWO_ORGANISATIONS();
  const User editor = KbUser(org, ids_.New<UserTag>(), "editor@a.example");
  CONTRACT_ASSERT_OK(CreateKbUser(*store, editor));
  std::int64_t seen = 0;

  const Article draft = MakeArticle(ids_.New<ArticleTag>(), "vpn");
  auto created = CreateArticle(*store, org, draft, MakeRevision("VPN"));
  CONTRACT_ASSERT_OK(created);
  ExpectChangedSince(*store, &seen, org, draft.id, "create");

  Article metadata = *created;
  metadata.slug = "vpn-setup";
  metadata.visibility = Visibility::kPublic;
  CONTRACT_ASSERT_OK(UpdateArticle(*store, org, metadata));
  ExpectChangedSince(*store, &seen, org, draft.id, "update metadata");

  CONTRACT_ASSERT_OK(AddRevision(*store, org, draft.id, MakeRevision("VPN, second take")));
  ExpectChangedSince(*store, &seen, org, draft.id, "add revision");

  auto current = GetArticle(*store, org, draft.id);
  CONTRACT_ASSERT_OK(current);
  Article published = *current;
  published.status = ArticleStatus::kPublished;
  published.published_revision = 2;
  CONTRACT_ASSERT_OK(UpdateArticle(*store, org, published));
  ExpectChangedSince(*store, &seen, org, draft.id, "publish");

  const FeedbackId vote = ids_.New<FeedbackTag>();
  CONTRACT_ASSERT_OK(AddFeedback(*store, org, MakeFeedback(vote, draft.id, false)));
  ExpectChangedSince(*store, &seen, org, draft.id, "add feedback");

  CONTRACT_ASSERT_OK(Resolve(*store, org, vote, editor.id));
  ExpectChangedSince(*store, &seen, org, draft.id, "resolve feedback");

  CONTRACT_ASSERT_OK(
      store->Write([&](WriteTx& tx) { return tx.articles().Delete(org, draft.id); }));
  ExpectChangedSince(*store, &seen, org, draft.id, "delete");
}

TEST_P(StoreContractTest, SearchChangesOfARolledBackWriteNeverAppear) {
  CONTRACT_SETUP_TWO_ORGANISATIONS();
  const Article kept = MakeArticle(ids_.New<ArticleTag>(), "kept");
  CONTRACT_ASSERT_OK(CreateArticle(*store, org, kept, MakeRevision("Kept")));
  auto before = LatestChange(*store);
  CONTRACT_ASSERT_OK(before);

  const Article lost = MakeArticle(ids_.New<ArticleTag>(), "lost");
  auto failed = store->Write([&](WriteTx& tx) -> core::Status {
    RAPPORT_RETURN_IF_ERROR(tx.articles().Create(org, lost, MakeRevision("Lost")));
    RAPPORT_RETURN_IF_ERROR(tx.articles().AddRevision(org, kept.id, MakeRevision("Lost too")));
    // The transaction sees its own changes until it rolls back.
    RAPPORT_ASSIGN_OR_RETURN(auto own, tx.search_changes().After(*before, kBatch));
    if (own.size() < 2) return core::Internal("the write does not see its own changes");
    return core::Conflict("changed my mind");
  });
  ASSERT_FALSE(failed.has_value());
  EXPECT_EQ(failed.error().code(), ErrorCode::kConflict) << failed.error().ToString();

  auto after = ChangesAfter(*store, *before);
  CONTRACT_ASSERT_OK(after);
  EXPECT_TRUE(after->empty());
  EXPECT_EQ(LatestChange(*store), *before);

  CONTRACT_ASSERT_OK(AddRevision(*store, org, kept.id, MakeRevision("Kept, edited")));
  auto next = ChangesAfter(*store, *before);
  CONTRACT_ASSERT_OK(next);
  ASSERT_FALSE(next->empty());
  for (const ArticleChange& change : *next) EXPECT_EQ(change.article, kept.id);
}

TEST_P(StoreContractTest, SearchChangesAreReadInOrderAcrossOrganisations) {
  CONTRACT_SETUP_TWO_ORGANISATIONS();
  const Article mine = MakeArticle(ids_.New<ArticleTag>(), "mine");
  const Article theirs = MakeArticle(ids_.New<ArticleTag>(), "theirs");
  CONTRACT_ASSERT_OK(CreateArticle(*store, org, mine, MakeRevision("Mine")));
  CONTRACT_ASSERT_OK(CreateArticle(*store, other, theirs, MakeRevision("Theirs")));
  CONTRACT_ASSERT_OK(AddRevision(*store, org, mine.id, MakeRevision("Mine again")));

  auto all = ChangesAfter(*store, 0);
  CONTRACT_ASSERT_OK(all);
  ASSERT_GE(all->size(), 3u);
  EXPECT_TRUE(std::is_sorted(all->begin(), all->end(),
                             [](const auto& a, const auto& b) { return a.seq < b.seq; }));
  EXPECT_EQ(all->front().org, org);
  EXPECT_EQ(all->front().article, mine.id);
  EXPECT_EQ(all->back().org, org);
  EXPECT_EQ(all->back().article, mine.id);
  const auto is_theirs = [&](const ArticleChange& c) {
    return c.org == other && c.article == theirs.id;
  };
  EXPECT_TRUE(std::any_of(all->begin(), all->end(), is_theirs));

  auto first = ChangesAfter(*store, 0, 1);
  CONTRACT_ASSERT_OK(first);
  ASSERT_EQ(first->size(), 1u);
  EXPECT_EQ(first->front(), all->front());
  auto rest = ChangesAfter(*store, all->front().seq);
  CONTRACT_ASSERT_OK(rest);
  EXPECT_EQ(rest->size(), all->size() - 1);
  EXPECT_EQ(rest->front(), (*all)[1]);
  auto none = ChangesAfter(*store, all->back().seq);
  CONTRACT_ASSERT_OK(none);
  EXPECT_TRUE(none->empty());

  EXPECT_EQ(FieldOf(ChangesAfter(*store, 0, 0)), "limit");
  EXPECT_EQ(CodeOf(ChangesAfter(*store, 0, 0)), ErrorCode::kInvalidArgument);
  EXPECT_EQ(FieldOf(ChangesAfter(*store, 0, kMaxChangeBatch + 1)), "limit");
  CONTRACT_ASSERT_OK(ChangesAfter(*store, 0, kMaxChangeBatch));
}

TEST_P(StoreContractTest, TrimmedSearchChangesAreGoneAndTheirSeqsNeverReused) {
  CONTRACT_SETUP_TWO_ORGANISATIONS();
  const Article article = MakeArticle(ids_.New<ArticleTag>(), "trimmed");
  CONTRACT_ASSERT_OK(CreateArticle(*store, org, article, MakeRevision("One")));
  CONTRACT_ASSERT_OK(AddRevision(*store, org, article.id, MakeRevision("Two")));
  CONTRACT_ASSERT_OK(AddRevision(*store, org, article.id, MakeRevision("Three")));
  auto all = ChangesAfter(*store, 0);
  CONTRACT_ASSERT_OK(all);
  ASSERT_GE(all->size(), 3u);

  CONTRACT_ASSERT_OK(TrimThrough(*store, (*all)[1].seq));
  auto left = ChangesAfter(*store, 0);
  CONTRACT_ASSERT_OK(left);
  EXPECT_EQ(left->size(), all->size() - 2);
  EXPECT_EQ(left->front(), (*all)[2]);

  const std::int64_t newest = all->back().seq;
  CONTRACT_ASSERT_OK(TrimThrough(*store, newest));
  auto empty = ChangesAfter(*store, 0);
  CONTRACT_ASSERT_OK(empty);
  EXPECT_TRUE(empty->empty());
  EXPECT_EQ(LatestChange(*store), newest) << "Latest forgot trimmed changes";
  CONTRACT_ASSERT_OK(TrimThrough(*store, newest));  // trimming again is harmless

  CONTRACT_ASSERT_OK(AddRevision(*store, org, article.id, MakeRevision("Four")));
  auto fresh = ChangesAfter(*store, 0);
  CONTRACT_ASSERT_OK(fresh);
  ASSERT_FALSE(fresh->empty());
  EXPECT_GT(fresh->front().seq, newest);
  EXPECT_EQ(LatestChange(*store), fresh->back().seq);
}

}  // namespace
}  // namespace rapport::store::testing

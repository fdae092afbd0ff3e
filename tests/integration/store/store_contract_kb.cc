// Knowledge-base articles part of the store contract: storing every field, uniqueness of ids,
// slugs and translations, references, revisions, metadata updates and deletion.

#include <chrono>

#include "store_contract_helpers.h"

namespace rapport::store::testing {
namespace {

using core::ErrorCode;
using std::chrono::hours;
using std::chrono::seconds;

std::vector<int> Numbers(const std::vector<Revision>& revisions) {
  std::vector<int> numbers;
  numbers.reserve(revisions.size());
  for (const Revision& revision : revisions) numbers.push_back(revision.number);
  return numbers;
}

TEST_P(StoreContractTest, ArticleIsStoredExactlyWithItsFirstRevision) {
  CONTRACT_SETUP_TWO_ORGANISATIONS();
  const CategoryId category = ids_.New<CategoryTag>();
  CONTRACT_ASSERT_OK(CreateCategory(*store, org, MakeCategory(category, "Guides")));
  const User owner = KbUser(org, ids_.New<UserTag>(), "owner@a.example");
  const User verifier = KbUser(org, ids_.New<UserTag>(), "verifier@a.example");
  CONTRACT_ASSERT_OK(CreateKbUser(*store, owner));
  CONTRACT_ASSERT_OK(CreateKbUser(*store, verifier));

  Article article = MakeArticle(ids_.New<ArticleTag>(), "vpn-setup", "pt-br");
  article.translation_group = "group-vpn";
  article.category_id = category;
  article.visibility = Visibility::kRestricted;
  article.roles = {"hr", "people manager", "\"quoted\" [role]"};
  article.status = ArticleStatus::kPublished;
  article.owner_id = owner.id;
  article.verifier_id = verifier.id;
  article.verify_interval_days = 30;
  article.verified_at = clock_.Now() - hours(48);
  article.published_revision = 1;
  article.published_at = clock_.Now() - seconds(1);
  article.head_revision = 7;               // assigned by the store
  article.created_at = core::TimePoint();  // stamped by the store
  article.head.title = "ignored";          // taken from the revision
  Revision first = MakeRevision("Configurer le VPN « Zoë »", "# VPN\n\n```\n100% \\ ok\n```\n");
  first.content.tags = {"réseau", "with space", "", "{\"json\":[1]}"};
  first.author_id = owner.id;
  first.note = "Imported";
  clock_.Advance(seconds(5));

  auto created = CreateArticle(*store, org, article, first);
  CONTRACT_ASSERT_OK(created);
  Article expected = article;
  expected.head_revision = 1;
  expected.created_at = expected.updated_at = clock_.Now();
  expected.head = first.content;
  expected.published = first.content;
  EXPECT_EQ(*created, expected);
  auto by_id = GetArticle(*store, org, article.id);
  CONTRACT_ASSERT_OK(by_id);
  EXPECT_EQ(*by_id, expected);
  auto by_slug = ReadValue<Article>(
      *store, [&](ReadTx& tx) { return tx.articles().GetBySlug(org, "pt-br", "vpn-setup"); });
  CONTRACT_ASSERT_OK(by_slug);
  EXPECT_EQ(*by_slug, expected);
  EXPECT_EQ(
      CodeOf(ReadValue<Article>(
          *store, [&](ReadTx& tx) { return tx.articles().GetBySlug(org, "en", "vpn-setup"); })),
      ErrorCode::kNotFound);
  auto all = ReadValue<std::vector<Article>>(
      *store, [&](ReadTx& tx) { return tx.articles().ListAll(org); });
  CONTRACT_ASSERT_OK(all);
  EXPECT_EQ(*all, std::vector<Article>{expected});

  Revision expected_revision = first;
  expected_revision.article_id = article.id;
  expected_revision.number = 1;
  expected_revision.created_at = clock_.Now();
  auto revision = ReadValue<Revision>(
      *store, [&](ReadTx& tx) { return tx.articles().GetRevision(org, article.id, 1); });
  CONTRACT_ASSERT_OK(revision);
  EXPECT_EQ(*revision, expected_revision);
}

TEST_P(StoreContractTest, DraftArticleHasNothingLiveAndStartsItsOwnGroup) {
  CONTRACT_SETUP_TWO_ORGANISATIONS();
  const Article article = MakeArticle(ids_.New<ArticleTag>(), "draft");
  auto created = CreateArticle(*store, org, article, MakeRevision("Draft"));
  CONTRACT_ASSERT_OK(created);
  EXPECT_EQ(created->translation_group, article.id.str());
  EXPECT_EQ(created->head_revision, 1);
  EXPECT_EQ(created->published_revision, 0);
  EXPECT_FALSE(created->published.has_value());
  EXPECT_FALSE(created->owner_id.has_value());
  auto got = GetArticle(*store, org, article.id);
  CONTRACT_ASSERT_OK(got);
  EXPECT_EQ(*got, *created);
  // A new article has only revision 1, which is all it can publish.
  Article beyond = MakeArticle(ids_.New<ArticleTag>(), "beyond");
  beyond.published_revision = 2;
  EXPECT_EQ(CodeOf(CreateArticle(*store, org, beyond, MakeRevision("Beyond"))),
            ErrorCode::kInternal);
}

TEST_P(StoreContractTest, ArticleSlugsAreUniquePerOrganisationAndLanguage) {
  CONTRACT_SETUP_TWO_ORGANISATIONS();
  const Article first = MakeArticle(ids_.New<ArticleTag>(), "holidays", "en");
  CONTRACT_ASSERT_OK(CreateArticle(*store, org, first, MakeRevision("Holidays")));
  auto twin = CreateArticle(*store, org, MakeArticle(ids_.New<ArticleTag>(), "holidays", "en"),
                            MakeRevision("Twin"));
  ASSERT_EQ(CodeOf(twin), ErrorCode::kConflict);
  EXPECT_EQ(FieldOf(twin), "slug");
  EXPECT_NE(twin.error().message().find("holidays"), std::string::npos);
  // The same slug in another language or another organisation is fine.
  CONTRACT_ASSERT_OK(CreateArticle(*store, org,
                                   MakeArticle(ids_.New<ArticleTag>(), "holidays", "fr"),
                                   MakeRevision("Vacances")));
  CONTRACT_ASSERT_OK(CreateArticle(*store, other,
                                   MakeArticle(ids_.New<ArticleTag>(), "holidays", "en"),
                                   MakeRevision("Holidays")));
  // Update cannot take another article's slug, may keep its own, and changes nothing when
  // refused.
  const Article second = MakeArticle(ids_.New<ArticleTag>(), "expenses", "en");
  CONTRACT_ASSERT_OK(CreateArticle(*store, org, second, MakeRevision("Expenses")));
  Article renamed = second;
  renamed.slug = "holidays";
  renamed.status = ArticleStatus::kArchived;
  auto refused = UpdateArticle(*store, org, renamed);
  EXPECT_EQ(CodeOf(refused), ErrorCode::kConflict);
  EXPECT_EQ(FieldOf(refused), "slug");
  auto unchanged = GetArticle(*store, org, second.id);
  CONTRACT_ASSERT_OK(unchanged);
  EXPECT_EQ(unchanged->slug, "expenses");
  EXPECT_EQ(unchanged->status, ArticleStatus::kDraft);
  Article same = second;
  same.status = ArticleStatus::kInReview;
  CONTRACT_ASSERT_OK(UpdateArticle(*store, org, same));
}

TEST_P(StoreContractTest, TranslationGroupHoldsOneArticlePerLanguage) {
  CONTRACT_SETUP_TWO_ORGANISATIONS();
  const Article english = MakeArticle(ids_.New<ArticleTag>(), "leave", "en");
  CONTRACT_ASSERT_OK(CreateArticle(*store, org, english, MakeRevision("Leave")));
  Article french = MakeArticle(ids_.New<ArticleTag>(), "conges", "fr");
  french.translation_group = english.id.str();
  CONTRACT_ASSERT_OK(CreateArticle(*store, org, french, MakeRevision("Congés")));
  Article second_french = MakeArticle(ids_.New<ArticleTag>(), "conges-2", "fr");
  second_french.translation_group = english.id.str();
  auto twin = CreateArticle(*store, org, second_french, MakeRevision("Congés 2"));
  ASSERT_EQ(CodeOf(twin), ErrorCode::kConflict);
  EXPECT_EQ(FieldOf(twin), "language");
  // Moving an article into the group is refused the same way.
  Article german = MakeArticle(ids_.New<ArticleTag>(), "urlaub", "fr");
  CONTRACT_ASSERT_OK(CreateArticle(*store, org, german, MakeRevision("Urlaub")));
  german.translation_group = english.id.str();
  auto moved = UpdateArticle(*store, org, german);
  EXPECT_EQ(CodeOf(moved), ErrorCode::kConflict);
  EXPECT_EQ(FieldOf(moved), "language");
  german.language = "de";
  auto fixed = UpdateArticle(*store, org, german);
  CONTRACT_ASSERT_OK(fixed);
  EXPECT_EQ(fixed->translation_group, english.id.str());
  ArticleFilter group;
  group.translation_group = english.id.str();
  auto members = ReadValue<Page<Article>>(
      *store, [&](ReadTx& tx) { return tx.articles().List(org, group, {}); });
  CONTRACT_ASSERT_OK(members);
  EXPECT_EQ(members->items.size(), 3u);
}

TEST_P(StoreContractTest, ArticleIdsAreUnique) {
  CONTRACT_SETUP_TWO_ORGANISATIONS();
  const Article article = MakeArticle(ids_.New<ArticleTag>(), "one");
  CONTRACT_ASSERT_OK(CreateArticle(*store, org, article, MakeRevision("One")));
  auto again =
      CreateArticle(*store, org, MakeArticle(article.id, "two", "de"), MakeRevision("Two"));
  ASSERT_EQ(CodeOf(again), ErrorCode::kConflict);
  EXPECT_EQ(FieldOf(again), "id");
  auto revisions = RevisionsOf(*store, org, article.id);
  CONTRACT_ASSERT_OK(revisions);
  EXPECT_EQ(Numbers(*revisions), std::vector<int>{1});
}

TEST_P(StoreContractTest, ArticleReferencesMustBelongToTheOrganisation) {
  CONTRACT_SETUP_TWO_ORGANISATIONS();
  const CategoryId theirs = ids_.New<CategoryTag>();
  CONTRACT_ASSERT_OK(CreateCategory(*store, other, MakeCategory(theirs, "Theirs")));
  const User their_user = KbUser(other, ids_.New<UserTag>(), "them@b.example");
  CONTRACT_ASSERT_OK(CreateKbUser(*store, their_user));

  for (const CategoryId& category : {theirs, ids_.New<CategoryTag>()}) {
    Article article = MakeArticle(ids_.New<ArticleTag>(), "x");
    article.category_id = category;
    auto created = CreateArticle(*store, org, article, MakeRevision("X"));
    EXPECT_EQ(CodeOf(created), ErrorCode::kNotFound);
    EXPECT_EQ(FieldOf(created), "category_id");
  }
  Article owned = MakeArticle(ids_.New<ArticleTag>(), "owned");
  owned.owner_id = their_user.id;
  auto with_owner = CreateArticle(*store, org, owned, MakeRevision("X"));
  EXPECT_EQ(CodeOf(with_owner), ErrorCode::kNotFound);
  EXPECT_EQ(FieldOf(with_owner), "owner_id");
  Article verified = MakeArticle(ids_.New<ArticleTag>(), "verified");
  verified.verifier_id = their_user.id;
  auto with_verifier = CreateArticle(*store, org, verified, MakeRevision("X"));
  EXPECT_EQ(CodeOf(with_verifier), ErrorCode::kNotFound);
  EXPECT_EQ(FieldOf(with_verifier), "verifier_id");
  Revision theirs_revision = MakeRevision("X");
  theirs_revision.author_id = their_user.id;
  const Article authored = MakeArticle(ids_.New<ArticleTag>(), "authored");
  auto with_author = CreateArticle(*store, org, authored, theirs_revision);
  EXPECT_EQ(CodeOf(with_author), ErrorCode::kNotFound);
  EXPECT_EQ(FieldOf(with_author), "author_id");
  // Nothing of a refused article remains.
  EXPECT_EQ(CodeOf(GetArticle(*store, org, authored.id)), ErrorCode::kNotFound);

  const Article article = MakeArticle(ids_.New<ArticleTag>(), "mine");
  CONTRACT_ASSERT_OK(CreateArticle(*store, org, article, MakeRevision("Mine")));
  Article moved = article;
  moved.category_id = theirs;
  auto update = UpdateArticle(*store, org, moved);
  EXPECT_EQ(CodeOf(update), ErrorCode::kNotFound);
  EXPECT_EQ(FieldOf(update), "category_id");
  auto added = AddRevision(*store, org, article.id, theirs_revision);
  EXPECT_EQ(CodeOf(added), ErrorCode::kNotFound);
  EXPECT_EQ(FieldOf(added), "author_id");
}

TEST_P(StoreContractTest, AddRevisionAppendsAndMovesOnlyTheHead) {
  CONTRACT_SETUP_TWO_ORGANISATIONS();
  const User author = KbUser(org, ids_.New<UserTag>(), "author@a.example");
  CONTRACT_ASSERT_OK(CreateKbUser(*store, author));
  Article article = MakeArticle(ids_.New<ArticleTag>(), "policy");
  article.published_revision = 1;
  article.status = ArticleStatus::kPublished;
  const Revision first = MakeRevision("Policy v1", "one");
  auto created = CreateArticle(*store, org, article, first);
  CONTRACT_ASSERT_OK(created);
  auto before = RevisionsOf(*store, org, article.id);
  CONTRACT_ASSERT_OK(before);

  clock_.Advance(hours(1));
  Revision second = MakeRevision("Policy v2", "two");
  second.author_id = author.id;
  second.number = 42;                          // assigned by the store
  second.article_id = ids_.New<ArticleTag>();  // assigned by the store
  auto added = AddRevision(*store, org, article.id, second);
  CONTRACT_ASSERT_OK(added);
  EXPECT_EQ(added->number, 2);
  EXPECT_EQ(added->article_id, article.id);
  EXPECT_EQ(added->created_at, clock_.Now());
  EXPECT_EQ(added->content, second.content);
  EXPECT_EQ(added->author_id, author.id);
  clock_.Advance(hours(1));
  auto third = AddRevision(*store, org, article.id, MakeRevision("Policy v3", "three"));
  CONTRACT_ASSERT_OK(third);
  EXPECT_EQ(third->number, 3);

  auto got = GetArticle(*store, org, article.id);
  CONTRACT_ASSERT_OK(got);
  EXPECT_EQ(got->head_revision, 3);
  EXPECT_EQ(got->published_revision, 1);
  EXPECT_EQ(got->head, third->content);
  ASSERT_TRUE(got->published.has_value());
  EXPECT_EQ(*got->published, first.content);  // the live text does not move
  EXPECT_EQ(got->updated_at, clock_.Now());
  EXPECT_EQ(got->created_at, created->created_at);

  auto revisions = RevisionsOf(*store, org, article.id);
  CONTRACT_ASSERT_OK(revisions);
  ASSERT_EQ(Numbers(*revisions), (std::vector<int>{3, 2, 1}));
  EXPECT_EQ((*revisions)[0], *third);
  EXPECT_EQ((*revisions)[1], *added);
  EXPECT_EQ((*revisions)[2], before->front());  // written once, never changed
  EXPECT_EQ((*revisions)[0].content.body, "three");

  auto missing = ReadValue<Revision>(
      *store, [&](ReadTx& tx) { return tx.articles().GetRevision(org, article.id, 4); });
  EXPECT_EQ(CodeOf(missing), ErrorCode::kNotFound);
  EXPECT_EQ(FieldOf(missing), "revision");
  EXPECT_EQ(CodeOf(AddRevision(*store, org, ids_.New<ArticleTag>(), second)), ErrorCode::kNotFound);
}

TEST_P(StoreContractTest, ArticleUpdateReplacesMetadataButNotContentsOrCreation) {
  CONTRACT_SETUP_TWO_ORGANISATIONS();
  const CategoryId category = ids_.New<CategoryTag>();
  CONTRACT_ASSERT_OK(CreateCategory(*store, org, MakeCategory(category, "HR")));
  const User owner = KbUser(org, ids_.New<UserTag>(), "owner@a.example");
  CONTRACT_ASSERT_OK(CreateKbUser(*store, owner));
  const Article article = MakeArticle(ids_.New<ArticleTag>(), "benefits");
  auto created = CreateArticle(*store, org, article, MakeRevision("Benefits v1"));
  CONTRACT_ASSERT_OK(created);
  auto second = AddRevision(*store, org, article.id, MakeRevision("Benefits v2", "new body"));
  CONTRACT_ASSERT_OK(second);

  clock_.Advance(hours(3));
  Article changed = *created;
  changed.slug = "perks";
  changed.language = "de";
  changed.category_id = category;
  changed.visibility = Visibility::kPublic;
  changed.roles = {"manager"};
  changed.status = ArticleStatus::kPublished;
  changed.owner_id = owner.id;
  changed.verifier_id = owner.id;
  changed.verify_interval_days = 7;
  changed.verified_at = clock_.Now();
  changed.published_revision = 2;
  changed.published_at = clock_.Now();
  changed.head_revision = 9;                       // ignored
  changed.created_at = core::TimePoint();          // ignored
  changed.head = MakeRevision("Ignored").content;  // ignored
  auto updated = UpdateArticle(*store, org, changed);
  CONTRACT_ASSERT_OK(updated);
  Article expected = changed;
  expected.head_revision = 2;
  expected.created_at = created->created_at;
  expected.updated_at = clock_.Now();
  expected.head = second->content;
  expected.published = second->content;
  EXPECT_EQ(*updated, expected);
  auto got = GetArticle(*store, org, article.id);
  CONTRACT_ASSERT_OK(got);
  EXPECT_EQ(*got, expected);

  // Publishing an older revision, then withdrawing.
  Article older = expected;
  older.published_revision = 1;
  auto republished = UpdateArticle(*store, org, older);
  CONTRACT_ASSERT_OK(republished);
  ASSERT_TRUE(republished->published.has_value());
  EXPECT_EQ(republished->published->title, "Benefits v1");
  Article withdrawn = expected;
  withdrawn.published_revision = 0;
  auto unpublished = UpdateArticle(*store, org, withdrawn);
  CONTRACT_ASSERT_OK(unpublished);
  EXPECT_FALSE(unpublished->published.has_value());
  // Only existing revisions can be published.
  Article beyond = expected;
  beyond.published_revision = 3;
  EXPECT_EQ(CodeOf(UpdateArticle(*store, org, beyond)), ErrorCode::kInternal);
  EXPECT_EQ(CodeOf(UpdateArticle(*store, org, MakeArticle(ids_.New<ArticleTag>(), "nobody"))),
            ErrorCode::kNotFound);
}

TEST_P(StoreContractTest, RevisionsCannotBeRewritten) {
  CONTRACT_SETUP_TWO_ORGANISATIONS();
  const Article article = MakeArticle(ids_.New<ArticleTag>(), "fixed");
  CONTRACT_ASSERT_OK(CreateArticle(*store, org, article, MakeRevision("Fixed", "original")));
  for (int i = 0; i < 3; ++i) {
    clock_.Advance(seconds(1));
    CONTRACT_ASSERT_OK(
        AddRevision(*store, org, article.id, MakeRevision("Fixed", "edit " + std::to_string(i))));
  }
  auto revisions = RevisionsOf(*store, org, article.id);
  CONTRACT_ASSERT_OK(revisions);
  ASSERT_EQ(Numbers(*revisions), (std::vector<int>{4, 3, 2, 1}));
  EXPECT_EQ(revisions->back().content.body, "original");
  EXPECT_EQ(revisions->front().content.body, "edit 2");
  // Every revision reads back as written, one by one.
  for (const Revision& revision : *revisions) {
    auto one = ReadValue<Revision>(*store, [&](ReadTx& tx) {
      return tx.articles().GetRevision(org, article.id, revision.number);
    });
    CONTRACT_ASSERT_OK(one);
    EXPECT_EQ(*one, revision);
  }
}

TEST_P(StoreContractTest, ArticleDeleteRemovesItsRowsAndNothingElse) {
  CONTRACT_SETUP_TWO_ORGANISATIONS();
  const Article doomed = MakeArticle(ids_.New<ArticleTag>(), "doomed");
  const Article kept = MakeArticle(ids_.New<ArticleTag>(), "kept");
  CONTRACT_ASSERT_OK(CreateArticle(*store, org, doomed, MakeRevision("Doomed")));
  CONTRACT_ASSERT_OK(CreateArticle(*store, org, kept, MakeRevision("Kept")));
  CONTRACT_ASSERT_OK(AddRevision(*store, org, doomed.id, MakeRevision("Doomed 2")));
  for (const Article* article : {&doomed, &kept}) {
    CONTRACT_ASSERT_OK(
        AddFeedback(*store, org, MakeFeedback(ids_.New<FeedbackTag>(), article->id, false)));
    CONTRACT_ASSERT_OK(RecordView(*store, org, article->id, "2026-01-05", false));
  }
  const std::string doomed_only(64, 'a');
  const std::string shared(64, 'b');
  CONTRACT_ASSERT_OK(CreateAttachment(
      *store, org, MakeAttachment(ids_.New<AttachmentTag>(), doomed.id, doomed_only)));
  CONTRACT_ASSERT_OK(
      CreateAttachment(*store, org, MakeAttachment(ids_.New<AttachmentTag>(), doomed.id, shared)));
  const AttachmentId kept_attachment = ids_.New<AttachmentTag>();
  CONTRACT_ASSERT_OK(
      CreateAttachment(*store, org, MakeAttachment(kept_attachment, kept.id, shared)));

  CONTRACT_ASSERT_OK(
      store->Write([&](WriteTx& tx) { return tx.articles().Delete(org, doomed.id); }));
  EXPECT_EQ(CodeOf(GetArticle(*store, org, doomed.id)), ErrorCode::kNotFound);
  EXPECT_EQ(CodeOf(RevisionsOf(*store, org, doomed.id)), ErrorCode::kNotFound);
  EXPECT_EQ(CodeOf(ReadValue<ArticleStats>(
                *store, [&](ReadTx& tx) { return tx.feedback().Stats(org, doomed.id); })),
            ErrorCode::kNotFound);
  auto feedback = ReadValue<Page<Feedback>>(
      *store, [&](ReadTx& tx) { return tx.feedback().List(org, {}, {}); });
  CONTRACT_ASSERT_OK(feedback);
  ASSERT_EQ(feedback->items.size(), 1u);
  EXPECT_EQ(feedback->items[0].article_id, kept.id);
  auto attachments = ReadValue<std::vector<Attachment>>(
      *store, [&](ReadTx& tx) { return tx.attachments().ListAll(org); });
  CONTRACT_ASSERT_OK(attachments);
  ASSERT_EQ(attachments->size(), 1u);
  EXPECT_EQ((*attachments)[0].id, kept_attachment);
  const auto in_use = [&](const std::string& sha256) {
    return ReadValue<bool>(*store,
                           [&](ReadTx& tx) { return tx.attachments().ContentInUse(sha256); });
  };
  EXPECT_EQ(in_use(doomed_only).value_or(true), false);
  EXPECT_EQ(in_use(shared).value_or(false), true);

  // The other article keeps everything, and the slug is free again.
  auto stats = ReadValue<ArticleStats>(
      *store, [&](ReadTx& tx) { return tx.feedback().Stats(org, kept.id); });
  CONTRACT_ASSERT_OK(stats);
  EXPECT_EQ(
      *stats,
      (ArticleStats{
          .staff_views = 1, .public_views = 0, .helpful = 0, .unhelpful = 1, .open_feedback = 1}));
  CONTRACT_ASSERT_OK(GetArticle(*store, org, kept.id));
  CONTRACT_ASSERT_OK(CreateArticle(*store, org, MakeArticle(ids_.New<ArticleTag>(), "doomed"),
                                   MakeRevision("Reborn")));
  EXPECT_EQ(CodeOf(store->Write([&](WriteTx& tx) { return tx.articles().Delete(org, doomed.id); })),
            ErrorCode::kNotFound);
}

}  // namespace
}  // namespace rapport::store::testing

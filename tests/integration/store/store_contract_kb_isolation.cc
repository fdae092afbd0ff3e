// Knowledge-base part of the store contract: every method that takes an organisation treats
// another organisation's rows as absent, and lists never show them.

#include "store_contract_helpers.h"

namespace rapport::store::testing {
namespace {

using core::ErrorCode;

TEST_P(StoreContractTest, KnowledgeBaseOfAnotherOrganisationIsInvisibleAndUntouchable) {
  CONTRACT_SETUP_TWO_ORGANISATIONS();
  const User mine = KbUser(org, ids_.New<UserTag>(), "me@a.example");
  const User theirs = KbUser(other, ids_.New<UserTag>(), "them@b.example");
  CONTRACT_ASSERT_OK(CreateKbUser(*store, mine));
  CONTRACT_ASSERT_OK(CreateKbUser(*store, theirs));
  const CategoryId category = ids_.New<CategoryTag>();
  CONTRACT_ASSERT_OK(CreateCategory(*store, org, MakeCategory(category, "Mine")));
  Article article = MakeArticle(ids_.New<ArticleTag>(), "secret");
  article.published_revision = 1;
  auto created = CreateArticle(*store, org, article, MakeRevision("Secret"));
  CONTRACT_ASSERT_OK(created);
  const FeedbackId feedback = ids_.New<FeedbackTag>();
  CONTRACT_ASSERT_OK(AddFeedback(*store, org, MakeFeedback(feedback, article.id, false)));
  CONTRACT_ASSERT_OK(RecordView(*store, org, article.id, "2026-01-05", true));
  const AttachmentId attachment = ids_.New<AttachmentTag>();
  CONTRACT_ASSERT_OK(
      CreateAttachment(*store, org, MakeAttachment(attachment, article.id, std::string(64, 'c'))));

  const auto read_code = [&](auto fn) {
    core::Status status = store->Read([&](ReadTx& tx) -> core::Status {
      RAPPORT_RETURN_IF_ERROR(fn(tx));
      return core::Ok();
    });
    return CodeOf(status);
  };
  const auto write_code = [&](auto fn) {
    core::Status status = store->Write([&](WriteTx& tx) -> core::Status {
      RAPPORT_RETURN_IF_ERROR(fn(tx));
      return core::Ok();
    });
    return CodeOf(status);
  };
  const auto not_found = std::optional(ErrorCode::kNotFound);
  EXPECT_EQ(read_code([&](ReadTx& tx) { return tx.articles().Get(other, article.id); }), not_found);
  EXPECT_EQ(read_code([&](ReadTx& tx) { return tx.articles().GetBySlug(other, "en", "secret"); }),
            not_found);
  EXPECT_EQ(read_code([&](ReadTx& tx) { return tx.articles().Revisions(other, article.id); }),
            not_found);
  EXPECT_EQ(read_code([&](ReadTx& tx) { return tx.articles().GetRevision(other, article.id, 1); }),
            not_found);
  EXPECT_EQ(read_code([&](ReadTx& tx) { return tx.categories().Get(other, category); }), not_found);
  EXPECT_EQ(read_code([&](ReadTx& tx) { return tx.feedback().Get(other, feedback); }), not_found);
  EXPECT_EQ(read_code([&](ReadTx& tx) { return tx.feedback().Stats(other, article.id); }),
            not_found);
  EXPECT_EQ(read_code([&](ReadTx& tx) {
              return tx.feedback().Views(other, article.id, "2026-01-01", "2026-12-31");
            }),
            not_found);
  EXPECT_EQ(read_code([&](ReadTx& tx) { return tx.attachments().Get(other, attachment); }),
            not_found);
  EXPECT_EQ(
      read_code([&](ReadTx& tx) { return tx.attachments().ListForArticle(other, article.id); }),
      not_found);

  Article changed = *created;
  changed.slug = "stolen";
  EXPECT_EQ(write_code([&](WriteTx& tx) { return tx.articles().Update(other, changed); }),
            not_found);
  EXPECT_EQ(write_code([&](WriteTx& tx) {
              return tx.articles().AddRevision(other, article.id, MakeRevision("Stolen"));
            }),
            not_found);
  EXPECT_EQ(write_code([&](WriteTx& tx) { return tx.articles().Delete(other, article.id); }),
            not_found);
  Category renamed = MakeCategory(category, "Stolen");
  EXPECT_EQ(write_code([&](WriteTx& tx) { return tx.categories().Update(other, renamed); }),
            not_found);
  EXPECT_EQ(write_code([&](WriteTx& tx) { return tx.categories().Delete(other, category); }),
            not_found);
  EXPECT_EQ(write_code([&](WriteTx& tx) {
              return tx.feedback().Add(other,
                                       MakeFeedback(ids_.New<FeedbackTag>(), article.id, true));
            }),
            not_found);
  EXPECT_EQ(
      write_code([&](WriteTx& tx) { return tx.feedback().Resolve(other, feedback, theirs.id); }),
      not_found);
  EXPECT_EQ(write_code([&](WriteTx& tx) {
              return tx.feedback().RecordView(other, article.id, "2026-01-05", true);
            }),
            not_found);
  EXPECT_EQ(write_code([&](WriteTx& tx) {
              return tx.attachments().Create(
                  other, MakeAttachment(ids_.New<AttachmentTag>(), article.id, "d"));
            }),
            not_found);
  EXPECT_EQ(write_code([&](WriteTx& tx) { return tx.attachments().Delete(other, attachment); }),
            not_found);
  EXPECT_EQ(write_code([&](WriteTx& tx) {
              return tx.attachments().AttachTo(other, attachment, article.id);
            }),
            not_found);
  // Users of another organisation cannot be referenced either.
  Feedback by_them = MakeFeedback(ids_.New<FeedbackTag>(), article.id, true);
  by_them.user_id = theirs.id;
  auto refused = AddFeedback(*store, org, by_them);
  EXPECT_EQ(CodeOf(refused), ErrorCode::kNotFound);
  EXPECT_EQ(FieldOf(refused), "user_id");
  EXPECT_EQ(
      write_code([&](WriteTx& tx) { return tx.feedback().Resolve(org, feedback, theirs.id); }),
      not_found);

  // Lists of the other organisation are empty.
  auto listed = ReadValue<Page<Article>>(
      *store, [&](ReadTx& tx) { return tx.articles().List(other, {}, {}); });
  CONTRACT_ASSERT_OK(listed);
  EXPECT_TRUE(listed->items.empty());
  auto all = ReadValue<std::vector<Article>>(
      *store, [&](ReadTx& tx) { return tx.articles().ListAll(other); });
  CONTRACT_ASSERT_OK(all);
  EXPECT_TRUE(all->empty());
  auto categories = ReadValue<std::vector<Category>>(
      *store, [&](ReadTx& tx) { return tx.categories().ListAll(other); });
  CONTRACT_ASSERT_OK(categories);
  EXPECT_TRUE(categories->empty());
  auto feedbacks = ReadValue<Page<Feedback>>(
      *store, [&](ReadTx& tx) { return tx.feedback().List(other, {}, {}); });
  CONTRACT_ASSERT_OK(feedbacks);
  EXPECT_TRUE(feedbacks->items.empty());
  auto attachments = ReadValue<std::vector<Attachment>>(
      *store, [&](ReadTx& tx) { return tx.attachments().ListAll(other); });
  CONTRACT_ASSERT_OK(attachments);
  EXPECT_TRUE(attachments->empty());

  // Nothing changed.
  auto after = GetArticle(*store, org, article.id);
  CONTRACT_ASSERT_OK(after);
  EXPECT_EQ(*after, *created);
  auto open =
      ReadValue<Feedback>(*store, [&](ReadTx& tx) { return tx.feedback().Get(org, feedback); });
  CONTRACT_ASSERT_OK(open);
  EXPECT_FALSE(open->resolved);
  auto views = ReadValue<std::vector<DayViews>>(*store, [&](ReadTx& tx) {
    return tx.feedback().Views(org, article.id, "2026-01-01", "2026-12-31");
  });
  CONTRACT_ASSERT_OK(views);
  EXPECT_EQ(*views, (std::vector<DayViews>{{.day = "2026-01-05", .staff = 0, .public_views = 1}}));
}

}  // namespace
}  // namespace rapport::store::testing

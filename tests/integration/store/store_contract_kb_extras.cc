// Knowledge-base part of the store contract beside articles: categories and sections,
// feedback and its statistics, daily views, attachments and settings.

#include <chrono>

#include "store_contract_helpers.h"

namespace rapport::store::testing {
namespace {

using core::ErrorCode;
using std::chrono::hours;
using std::chrono::seconds;

core::Result<std::vector<Category>> ListCategories(Store& store, const OrganisationId& org) {
  return ReadValue<std::vector<Category>>(store,
                                          [&](ReadTx& tx) { return tx.categories().ListAll(org); });
}

core::Result<Category> UpdateCategory(Store& store, const OrganisationId& org,
                                      const Category& category) {
  return WriteValue<Category>(store,
                              [&](WriteTx& tx) { return tx.categories().Update(org, category); });
}

core::Status DeleteCategory(Store& store, const OrganisationId& org, const CategoryId& id) {
  return store.Write([&](WriteTx& tx) { return tx.categories().Delete(org, id); });
}

core::Result<Page<Feedback>> ListFeedback(Store& store, const OrganisationId& org,
                                          const FeedbackFilter& filter, const PageRequest& page) {
  return ReadValue<Page<Feedback>>(
      store, [&](ReadTx& tx) { return tx.feedback().List(org, filter, page); });
}

// The ids of every feedback matching `filter`, following cursors.
core::Result<std::vector<FeedbackId>> ListFeedbackIds(Store& store, const OrganisationId& org,
                                                      const FeedbackFilter& filter, int limit = 2) {
  std::vector<FeedbackId> ids;
  PageRequest request{.limit = limit};
  do {
    RAPPORT_ASSIGN_OR_RETURN(auto page, ListFeedback(store, org, filter, request));
    for (const Feedback& feedback : page.items) ids.push_back(feedback.id);
    request.cursor = page.next_cursor;
  } while (!request.cursor.empty());
  return ids;
}

core::Result<Feedback> Resolve(Store& store, const OrganisationId& org, const FeedbackId& id,
                               const UserId& by) {
  return WriteValue<Feedback>(store,
                              [&](WriteTx& tx) { return tx.feedback().Resolve(org, id, by); });
}

std::vector<std::string> Names(const std::vector<Category>& categories) {
  std::vector<std::string> names;
  names.reserve(categories.size());
  for (const Category& category : categories) names.push_back(category.name);
  return names;
}

TEST_P(StoreContractTest, CategoriesAreListedTopLevelFirstThenByPositionAndName) {
  CONTRACT_SETUP_TWO_ORGANISATIONS();
  const CategoryId it = ids_.New<CategoryTag>();
  const CategoryId hr = ids_.New<CategoryTag>();
  Category it_category = MakeCategory(it, "IT");
  it_category.position = 2;
  clock_.Advance(seconds(7));
  auto created = CreateCategory(*store, org, it_category);
  CONTRACT_ASSERT_OK(created);
  it_category.created_at = clock_.Now();
  EXPECT_EQ(*created, it_category);
  Category hr_category = MakeCategory(hr, "HR");
  hr_category.position = 1;
  CONTRACT_ASSERT_OK(CreateCategory(*store, org, hr_category));
  Category about = MakeCategory(ids_.New<CategoryTag>(), "about");
  about.position = 2;
  CONTRACT_ASSERT_OK(CreateCategory(*store, org, about));
  Category laptops = MakeCategory(ids_.New<CategoryTag>(), "Laptops", it);
  laptops.position = 0;
  CONTRACT_ASSERT_OK(CreateCategory(*store, org, laptops));
  CONTRACT_ASSERT_OK(
      CreateCategory(*store, org, MakeCategory(ids_.New<CategoryTag>(), "Leave", hr)));
  auto all = ListCategories(*store, org);
  CONTRACT_ASSERT_OK(all);
  EXPECT_EQ(Names(*all), (std::vector<std::string>{"HR", "about", "IT", "Laptops", "Leave"}));
  auto got = ReadValue<Category>(*store, [&](ReadTx& tx) { return tx.categories().Get(org, it); });
  CONTRACT_ASSERT_OK(got);
  EXPECT_EQ(*got, it_category);
  EXPECT_EQ(
      CodeOf(ReadValue<Category>(
          *store, [&](ReadTx& tx) { return tx.categories().Get(org, ids_.New<CategoryTag>()); })),
      ErrorCode::kNotFound);
}

TEST_P(StoreContractTest, CategorySlugsAndNamesAreUniqueAmongSiblings) {
  CONTRACT_SETUP_TWO_ORGANISATIONS();
  const CategoryId a = ids_.New<CategoryTag>();
  const CategoryId b = ids_.New<CategoryTag>();
  CONTRACT_ASSERT_OK(CreateCategory(*store, org, MakeCategory(a, "A")));
  CONTRACT_ASSERT_OK(CreateCategory(*store, org, MakeCategory(b, "B")));
  Category same_slug = MakeCategory(ids_.New<CategoryTag>(), "Other");
  same_slug.slug = "A-slug";
  auto slug = CreateCategory(*store, org, same_slug);
  EXPECT_EQ(CodeOf(slug), ErrorCode::kConflict);
  EXPECT_EQ(FieldOf(slug), "slug");
  Category same_name = MakeCategory(ids_.New<CategoryTag>(), "A");
  same_name.slug = "fresh";
  auto name = CreateCategory(*store, org, same_name);
  EXPECT_EQ(CodeOf(name), ErrorCode::kConflict);
  EXPECT_EQ(FieldOf(name), "name");
  auto id = CreateCategory(*store, org, MakeCategory(a, "Fresh"));
  EXPECT_EQ(CodeOf(id), ErrorCode::kConflict);
  EXPECT_EQ(FieldOf(id), "id");
  // Sections of one category are siblings; of different categories, or at the top level and
  // in another organisation, the same slug and name are fine.
  CONTRACT_ASSERT_OK(CreateCategory(*store, org, MakeCategory(ids_.New<CategoryTag>(), "S", a)));
  auto twin = CreateCategory(*store, org, MakeCategory(ids_.New<CategoryTag>(), "S", a));
  EXPECT_EQ(CodeOf(twin), ErrorCode::kConflict);
  EXPECT_EQ(FieldOf(twin), "slug");
  CONTRACT_ASSERT_OK(CreateCategory(*store, org, MakeCategory(ids_.New<CategoryTag>(), "S", b)));
  CONTRACT_ASSERT_OK(CreateCategory(*store, org, MakeCategory(ids_.New<CategoryTag>(), "S")));
  CONTRACT_ASSERT_OK(CreateCategory(*store, other, MakeCategory(ids_.New<CategoryTag>(), "A")));
  // Parents must be categories of the organisation.
  const CategoryId theirs = ids_.New<CategoryTag>();
  CONTRACT_ASSERT_OK(CreateCategory(*store, other, MakeCategory(theirs, "Theirs")));
  for (const CategoryId& parent : {theirs, ids_.New<CategoryTag>()}) {
    auto created = CreateCategory(*store, org, MakeCategory(ids_.New<CategoryTag>(), "X", parent));
    EXPECT_EQ(CodeOf(created), ErrorCode::kNotFound);
    EXPECT_EQ(FieldOf(created), "parent_id");
  }
}

TEST_P(StoreContractTest, CategoryUpdateReplacesFieldsAndKeepsCreationTime) {
  CONTRACT_SETUP_TWO_ORGANISATIONS();
  const CategoryId a = ids_.New<CategoryTag>();
  const CategoryId b = ids_.New<CategoryTag>();
  auto created = CreateCategory(*store, org, MakeCategory(a, "A"));
  CONTRACT_ASSERT_OK(created);
  CONTRACT_ASSERT_OK(CreateCategory(*store, org, MakeCategory(b, "B")));
  const CategoryId section = ids_.New<CategoryTag>();
  CONTRACT_ASSERT_OK(CreateCategory(*store, org, MakeCategory(section, "S", a)));
  clock_.Advance(hours(1));
  Category changed = *created;
  changed.name = "A renamed";
  changed.slug = "a-renamed";
  changed.description = "New words";
  changed.position = 5;
  changed.created_at = core::TimePoint();  // ignored
  auto updated = UpdateCategory(*store, org, changed);
  CONTRACT_ASSERT_OK(updated);
  changed.created_at = created->created_at;
  EXPECT_EQ(*updated, changed);
  auto got = ReadValue<Category>(*store, [&](ReadTx& tx) { return tx.categories().Get(org, a); });
  CONTRACT_ASSERT_OK(got);
  EXPECT_EQ(*got, changed);
  // Keeping its own slug and name is fine; a sibling's is not; moving a section is an update.
  Category taken = changed;
  taken.name = "B";
  auto refused = UpdateCategory(*store, org, taken);
  EXPECT_EQ(CodeOf(refused), ErrorCode::kConflict);
  EXPECT_EQ(FieldOf(refused), "name");
  Category moved = MakeCategory(section, "S", b);
  CONTRACT_ASSERT_OK(UpdateCategory(*store, org, moved));
  Category orphan = moved;
  orphan.parent_id = ids_.New<CategoryTag>();
  auto unknown_parent = UpdateCategory(*store, org, orphan);
  EXPECT_EQ(CodeOf(unknown_parent), ErrorCode::kNotFound);
  EXPECT_EQ(FieldOf(unknown_parent), "parent_id");
  EXPECT_EQ(CodeOf(UpdateCategory(*store, org, MakeCategory(ids_.New<CategoryTag>(), "None"))),
            ErrorCode::kNotFound);
}

TEST_P(StoreContractTest, CategoryDeleteRefusesWhileSectionsOrArticlesBelongToIt) {
  CONTRACT_SETUP_TWO_ORGANISATIONS();
  const CategoryId parent = ids_.New<CategoryTag>();
  const CategoryId section = ids_.New<CategoryTag>();
  CONTRACT_ASSERT_OK(CreateCategory(*store, org, MakeCategory(parent, "Parent")));
  CONTRACT_ASSERT_OK(CreateCategory(*store, org, MakeCategory(section, "Section", parent)));
  Article article = MakeArticle(ids_.New<ArticleTag>(), "in-section");
  article.category_id = section;
  auto created = CreateArticle(*store, org, article, MakeRevision("In section"));
  CONTRACT_ASSERT_OK(created);

  auto with_section = DeleteCategory(*store, org, parent);
  ASSERT_EQ(CodeOf(with_section), ErrorCode::kConflict);
  EXPECT_NE(with_section.error().message().find("sections"), std::string::npos);
  auto with_article = DeleteCategory(*store, org, section);
  ASSERT_EQ(CodeOf(with_article), ErrorCode::kConflict);
  EXPECT_NE(with_article.error().message().find("articles"), std::string::npos);

  Article uncategorised = *created;
  uncategorised.category_id.reset();
  CONTRACT_ASSERT_OK(UpdateArticle(*store, org, uncategorised));
  CONTRACT_ASSERT_OK(DeleteCategory(*store, org, section));
  CONTRACT_ASSERT_OK(DeleteCategory(*store, org, parent));
  auto all = ListCategories(*store, org);
  CONTRACT_ASSERT_OK(all);
  EXPECT_TRUE(all->empty());
  EXPECT_EQ(CodeOf(DeleteCategory(*store, org, parent)), ErrorCode::kNotFound);
}

TEST_P(StoreContractTest, FeedbackIsStoredAndListedNewestFirst) {
  CONTRACT_SETUP_TWO_ORGANISATIONS();
  const User reader = KbUser(org, ids_.New<UserTag>(), "reader@a.example");
  CONTRACT_ASSERT_OK(CreateKbUser(*store, reader));
  const Article article = MakeArticle(ids_.New<ArticleTag>(), "faq");
  CONTRACT_ASSERT_OK(CreateArticle(*store, org, article, MakeRevision("FAQ")));

  Feedback full = MakeFeedback(ids_.New<FeedbackTag>(), article.id, false);
  full.reason = FeedbackReason::kMissingInformation;
  full.comment = "What about \"part-time\"? 100% unclear; ünïcode";
  full.user_id = reader.id;
  full.revision = 1;
  clock_.Advance(seconds(3));
  auto added = AddFeedback(*store, org, full);
  CONTRACT_ASSERT_OK(added);
  full.created_at = clock_.Now();
  EXPECT_EQ(*added, full);
  auto got =
      ReadValue<Feedback>(*store, [&](ReadTx& tx) { return tx.feedback().Get(org, full.id); });
  CONTRACT_ASSERT_OK(got);
  EXPECT_EQ(*got, full);

  // Newest first; feedback of one instant comes in descending id order.
  std::vector<FeedbackId> expected = {full.id};
  for (int i = 0; i < 4; ++i) {
    if (i != 2) clock_.Advance(seconds(1));
    Feedback vote = MakeFeedback(ids_.New<FeedbackTag>(), article.id, i % 2 == 0);
    vote.from_public = true;
    CONTRACT_ASSERT_OK(AddFeedback(*store, org, vote));
    expected.push_back(vote.id);
  }
  std::reverse(expected.begin(), expected.end());
  if (expected[1] < expected[2]) std::swap(expected[1], expected[2]);  // the same instant
  auto listed = ListFeedbackIds(*store, org, {}, 2);
  CONTRACT_ASSERT_OK(listed);
  EXPECT_EQ(*listed, expected);

  EXPECT_EQ(CodeOf(AddFeedback(*store, org, full)), ErrorCode::kConflict);
  auto unknown =
      AddFeedback(*store, org, MakeFeedback(ids_.New<FeedbackTag>(), ids_.New<ArticleTag>(), true));
  EXPECT_EQ(CodeOf(unknown), ErrorCode::kNotFound);
  EXPECT_EQ(FieldOf(unknown), "article_id");
  auto bad_cursor = ListFeedback(*store, org, {}, {.limit = 2, .cursor = EncodeCursor("x")});
  EXPECT_EQ(CodeOf(bad_cursor), ErrorCode::kInvalidArgument);
}

TEST_P(StoreContractTest, FeedbackListFiltersByArticleOwnerAndState) {
  CONTRACT_SETUP_TWO_ORGANISATIONS();
  const User owner = KbUser(org, ids_.New<UserTag>(), "owner@a.example");
  CONTRACT_ASSERT_OK(CreateKbUser(*store, owner));
  Article owned = MakeArticle(ids_.New<ArticleTag>(), "owned");
  owned.owner_id = owner.id;
  CONTRACT_ASSERT_OK(CreateArticle(*store, org, owned, MakeRevision("Owned")));
  const Article unowned = MakeArticle(ids_.New<ArticleTag>(), "unowned");
  CONTRACT_ASSERT_OK(CreateArticle(*store, org, unowned, MakeRevision("Unowned")));
  const auto add = [&](const Article& article, bool helpful) {
    clock_.Advance(seconds(1));
    const FeedbackId id = ids_.New<FeedbackTag>();
    EXPECT_TRUE(AddFeedback(*store, org, MakeFeedback(id, article.id, helpful)).has_value());
    return id;
  };
  const FeedbackId owned_up = add(owned, true);
  const FeedbackId owned_down = add(owned, false);
  const FeedbackId owned_down_resolved = add(owned, false);
  const FeedbackId unowned_down = add(unowned, false);
  CONTRACT_ASSERT_OK(Resolve(*store, org, owned_down_resolved, owner.id));

  const auto ids = [&](const FeedbackFilter& filter) {
    auto listed = ListFeedbackIds(*store, org, filter);
    EXPECT_TRUE(listed.has_value()) << listed.error().ToString();
    return listed.value_or(std::vector<FeedbackId>{});
  };
  using Ids = std::vector<FeedbackId>;
  EXPECT_EQ(ids({}), (Ids{unowned_down, owned_down_resolved, owned_down, owned_up}));
  EXPECT_EQ(ids({.article_id = unowned.id}), (Ids{unowned_down}));
  EXPECT_EQ(ids({.owner_id = owner.id}), (Ids{owned_down_resolved, owned_down, owned_up}));
  EXPECT_EQ(ids({.open_only = true}), (Ids{unowned_down, owned_down, owned_up}));
  EXPECT_EQ(ids({.unhelpful_only = true}), (Ids{unowned_down, owned_down_resolved, owned_down}));
  EXPECT_EQ(ids({.owner_id = owner.id, .open_only = true, .unhelpful_only = true}),
            (Ids{owned_down}));
  EXPECT_EQ(ids({.article_id = owned.id, .owner_id = ids_.New<UserTag>()}), Ids{});
}

TEST_P(StoreContractTest, ResolvingFeedbackIsIdempotentAndKeepsTheFirstResolution) {
  CONTRACT_SETUP_TWO_ORGANISATIONS();
  const User first = KbUser(org, ids_.New<UserTag>(), "first@a.example");
  const User second = KbUser(org, ids_.New<UserTag>(), "second@a.example");
  CONTRACT_ASSERT_OK(CreateKbUser(*store, first));
  CONTRACT_ASSERT_OK(CreateKbUser(*store, second));
  const Article article = MakeArticle(ids_.New<ArticleTag>(), "a");
  CONTRACT_ASSERT_OK(CreateArticle(*store, org, article, MakeRevision("A")));
  auto added = AddFeedback(*store, org, MakeFeedback(ids_.New<FeedbackTag>(), article.id, false));
  CONTRACT_ASSERT_OK(added);
  EXPECT_FALSE(added->resolved);
  EXPECT_EQ(added->resolved_at, core::TimePoint());

  clock_.Advance(hours(2));
  const core::TimePoint resolved_at = clock_.Now();
  auto resolved = Resolve(*store, org, added->id, first.id);
  CONTRACT_ASSERT_OK(resolved);
  Feedback expected = *added;
  expected.resolved = true;
  expected.resolved_by = first.id;
  expected.resolved_at = resolved_at;
  EXPECT_EQ(*resolved, expected);
  clock_.Advance(hours(1));
  auto again = Resolve(*store, org, added->id, second.id);
  CONTRACT_ASSERT_OK(again);
  EXPECT_EQ(*again, expected);
  auto got =
      ReadValue<Feedback>(*store, [&](ReadTx& tx) { return tx.feedback().Get(org, added->id); });
  CONTRACT_ASSERT_OK(got);
  EXPECT_EQ(*got, expected);
  EXPECT_EQ(CodeOf(Resolve(*store, org, ids_.New<FeedbackTag>(), first.id)), ErrorCode::kNotFound);
}

TEST_P(StoreContractTest, StatsCountViewsVotesAndOpenUnhelpfulFeedback) {
  CONTRACT_SETUP_TWO_ORGANISATIONS();
  const User editor = KbUser(org, ids_.New<UserTag>(), "editor@a.example");
  CONTRACT_ASSERT_OK(CreateKbUser(*store, editor));
  const Article article = MakeArticle(ids_.New<ArticleTag>(), "counted");
  const Article quiet = MakeArticle(ids_.New<ArticleTag>(), "quiet");
  CONTRACT_ASSERT_OK(CreateArticle(*store, org, article, MakeRevision("Counted")));
  CONTRACT_ASSERT_OK(CreateArticle(*store, org, quiet, MakeRevision("Quiet")));
  const auto stats = [&](const ArticleId& id) {
    return ReadValue<ArticleStats>(*store,
                                   [&](ReadTx& tx) { return tx.feedback().Stats(org, id); });
  };
  auto empty = stats(quiet.id);
  CONTRACT_ASSERT_OK(empty);
  EXPECT_EQ(*empty, ArticleStats{});

  for (bool helpful : {true, true, false, false, false}) {
    CONTRACT_ASSERT_OK(
        AddFeedback(*store, org, MakeFeedback(ids_.New<FeedbackTag>(), article.id, helpful)));
  }
  auto resolved_one =
      AddFeedback(*store, org, MakeFeedback(ids_.New<FeedbackTag>(), article.id, false));
  CONTRACT_ASSERT_OK(resolved_one);
  CONTRACT_ASSERT_OK(Resolve(*store, org, resolved_one->id, editor.id));
  CONTRACT_ASSERT_OK(RecordView(*store, org, article.id, "2026-01-01", false));
  CONTRACT_ASSERT_OK(RecordView(*store, org, article.id, "2026-01-01", true));
  CONTRACT_ASSERT_OK(RecordView(*store, org, article.id, "2026-01-02", true));
  CONTRACT_ASSERT_OK(RecordView(*store, org, article.id, "2026-01-03", false));
  CONTRACT_ASSERT_OK(RecordView(*store, org, quiet.id, "2026-01-03", false));
  auto counted = stats(article.id);
  CONTRACT_ASSERT_OK(counted);
  EXPECT_EQ(
      *counted,
      (ArticleStats{
          .staff_views = 2, .public_views = 2, .helpful = 2, .unhelpful = 4, .open_feedback = 3}));
  EXPECT_EQ(CodeOf(stats(ids_.New<ArticleTag>())), ErrorCode::kNotFound);
}

TEST_P(StoreContractTest, RecordViewAddsUpPerDayAndViewsRangeIsInclusive) {
  CONTRACT_SETUP_TWO_ORGANISATIONS();
  const Article article = MakeArticle(ids_.New<ArticleTag>(), "viewed");
  CONTRACT_ASSERT_OK(CreateArticle(*store, org, article, MakeRevision("Viewed")));
  for (int i = 0; i < 3; ++i) {
    CONTRACT_ASSERT_OK(RecordView(*store, org, article.id, "2026-02-10", false));
  }
  CONTRACT_ASSERT_OK(RecordView(*store, org, article.id, "2026-02-10", true));
  CONTRACT_ASSERT_OK(RecordView(*store, org, article.id, "2026-02-01", true));
  CONTRACT_ASSERT_OK(RecordView(*store, org, article.id, "2026-02-28", false));
  CONTRACT_ASSERT_OK(RecordView(*store, org, article.id, "2026-03-01", false));
  CONTRACT_ASSERT_OK(RecordView(*store, org, article.id, "2026-01-31", false));
  const auto views = [&](std::string_view from, std::string_view to) {
    return ReadValue<std::vector<DayViews>>(
        *store, [&](ReadTx& tx) { return tx.feedback().Views(org, article.id, from, to); });
  };
  auto february = views("2026-02-01", "2026-02-28");
  CONTRACT_ASSERT_OK(february);
  EXPECT_EQ(*february,
            (std::vector<DayViews>{{.day = "2026-02-01", .staff = 0, .public_views = 1},
                                   {.day = "2026-02-10", .staff = 3, .public_views = 1},
                                   {.day = "2026-02-28", .staff = 1, .public_views = 0}}));
  auto one_day = views("2026-03-01", "2026-03-01");
  CONTRACT_ASSERT_OK(one_day);
  EXPECT_EQ(one_day->size(), 1u);
  auto none = views("2025-01-01", "2025-12-31");
  CONTRACT_ASSERT_OK(none);
  EXPECT_TRUE(none->empty());

  auto bad_day = RecordView(*store, org, article.id, "2026-2-1", false);
  EXPECT_EQ(CodeOf(bad_day), ErrorCode::kInvalidArgument);
  EXPECT_EQ(CodeOf(views("yesterday", "2026-03-01")), ErrorCode::kInvalidArgument);
  EXPECT_EQ(CodeOf(RecordView(*store, org, ids_.New<ArticleTag>(), "2026-02-10", false)),
            ErrorCode::kNotFound);
}

TEST_P(StoreContractTest, AttachmentsAreStoredListedAndDeleted) {
  CONTRACT_SETUP_TWO_ORGANISATIONS();
  const User uploader = KbUser(org, ids_.New<UserTag>(), "up@a.example");
  CONTRACT_ASSERT_OK(CreateKbUser(*store, uploader));
  const Article article = MakeArticle(ids_.New<ArticleTag>(), "with-files");
  CONTRACT_ASSERT_OK(CreateArticle(*store, org, article, MakeRevision("With files")));
  const std::string sha_a(64, '1');
  const std::string sha_b(64, '2');

  Attachment first = MakeAttachment(ids_.New<AttachmentTag>(), article.id, sha_a);
  first.filename = "Screenshot 2026-01-01 at 10.00.png";
  first.uploaded_by = uploader.id;
  first.size = 5'000'000'000;
  auto created = CreateAttachment(*store, org, first);
  CONTRACT_ASSERT_OK(created);
  first.created_at = clock_.Now();
  EXPECT_EQ(*created, first);
  clock_.Advance(seconds(1));
  auto second =
      CreateAttachment(*store, org, MakeAttachment(ids_.New<AttachmentTag>(), article.id, sha_b));
  CONTRACT_ASSERT_OK(second);
  clock_.Advance(seconds(1));
  // Not yet attached to an article (uploaded while writing a new one).
  auto loose =
      CreateAttachment(*store, org, MakeAttachment(ids_.New<AttachmentTag>(), std::nullopt, sha_b));
  CONTRACT_ASSERT_OK(loose);
  // Another organisation stores the same content.
  auto theirs = CreateAttachment(*store, other,
                                 MakeAttachment(ids_.New<AttachmentTag>(), std::nullopt, sha_a));
  CONTRACT_ASSERT_OK(theirs);

  auto got = ReadValue<Attachment>(*store,
                                   [&](ReadTx& tx) { return tx.attachments().Get(org, first.id); });
  CONTRACT_ASSERT_OK(got);
  EXPECT_EQ(*got, first);
  auto for_article = ReadValue<std::vector<Attachment>>(
      *store, [&](ReadTx& tx) { return tx.attachments().ListForArticle(org, article.id); });
  CONTRACT_ASSERT_OK(for_article);
  EXPECT_EQ(*for_article, (std::vector<Attachment>{first, *second}));
  auto all = ReadValue<std::vector<Attachment>>(
      *store, [&](ReadTx& tx) { return tx.attachments().ListAll(org); });
  CONTRACT_ASSERT_OK(all);
  EXPECT_EQ(*all, (std::vector<Attachment>{first, *second, *loose}));

  EXPECT_EQ(CodeOf(CreateAttachment(*store, org, first)), ErrorCode::kConflict);
  auto unknown = CreateAttachment(
      *store, org, MakeAttachment(ids_.New<AttachmentTag>(), ids_.New<ArticleTag>(), sha_a));
  EXPECT_EQ(CodeOf(unknown), ErrorCode::kNotFound);
  EXPECT_EQ(FieldOf(unknown), "article_id");

  const auto in_use = [&](const std::string& sha256) {
    auto result =
        ReadValue<bool>(*store, [&](ReadTx& tx) { return tx.attachments().ContentInUse(sha256); });
    EXPECT_TRUE(result.has_value());
    return result.value_or(false);
  };
  const auto remove = [&](const OrganisationId& owner, const AttachmentId& id) {
    return store->Write([&](WriteTx& tx) { return tx.attachments().Delete(owner, id); });
  };
  CONTRACT_ASSERT_OK(remove(org, first.id));
  EXPECT_EQ(CodeOf(ReadValue<Attachment>(
                *store, [&](ReadTx& tx) { return tx.attachments().Get(org, first.id); })),
            ErrorCode::kNotFound);
  EXPECT_TRUE(in_use(sha_a));  // still named by the other organisation's row
  CONTRACT_ASSERT_OK(remove(other, theirs->id));
  EXPECT_FALSE(in_use(sha_a));
  CONTRACT_ASSERT_OK(remove(org, second->id));
  EXPECT_TRUE(in_use(sha_b));

  // The loose upload joins the article it was written for.
  const auto attach = [&](const AttachmentId& id, const ArticleId& to) {
    return WriteValue<Attachment>(
        *store, [&](WriteTx& tx) { return tx.attachments().AttachTo(org, id, to); });
  };
  auto attached = attach(loose->id, article.id);
  CONTRACT_ASSERT_OK(attached);
  EXPECT_EQ(attached->article_id, article.id);
  EXPECT_EQ(attached->created_at, loose->created_at);
  auto unknown_article = attach(loose->id, ids_.New<ArticleTag>());
  EXPECT_EQ(CodeOf(unknown_article), ErrorCode::kNotFound);
  EXPECT_EQ(FieldOf(unknown_article), "article_id");
  EXPECT_EQ(CodeOf(attach(ids_.New<AttachmentTag>(), article.id)), ErrorCode::kNotFound);

  CONTRACT_ASSERT_OK(remove(org, loose->id));
  EXPECT_FALSE(in_use(sha_b));
  EXPECT_EQ(CodeOf(remove(org, loose->id)), ErrorCode::kNotFound);
}

TEST_P(StoreContractTest, KbSettingsAreDefaultsUntilPutAndBelongToOneOrganisation) {
  CONTRACT_SETUP_TWO_ORGANISATIONS();
  const auto get = [&](const OrganisationId& id) {
    return ReadValue<KbSettings>(*store, [&](ReadTx& tx) { return tx.kb_settings().Get(id); });
  };
  auto defaults = get(org);
  CONTRACT_ASSERT_OK(defaults);
  EXPECT_EQ(*defaults, KbSettings{});
  const KbSettings saved{.allow_self_approval = true, .default_verify_interval_days = 30};
  CONTRACT_ASSERT_OK(store->Write([&](WriteTx& tx) { return tx.kb_settings().Put(org, saved); }));
  auto got = get(org);
  CONTRACT_ASSERT_OK(got);
  EXPECT_EQ(*got, saved);
  const KbSettings changed{.allow_self_approval = false, .default_verify_interval_days = 180};
  CONTRACT_ASSERT_OK(store->Write([&](WriteTx& tx) { return tx.kb_settings().Put(org, changed); }));
  auto again = get(org);
  CONTRACT_ASSERT_OK(again);
  EXPECT_EQ(*again, changed);
  auto theirs = get(other);
  CONTRACT_ASSERT_OK(theirs);
  EXPECT_EQ(*theirs, KbSettings{});
}

}  // namespace
}  // namespace rapport::store::testing

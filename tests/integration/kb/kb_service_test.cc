// KnowledgeBase on a real SQLite store: the lifecycle and who may drive it, what readers and
// the public may see, revisions with diff and restore, verification, feedback and views,
// categories and attachments, and isolation between organisations.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "tests/integration/kb/kb_fixture.h"

namespace rapport::kb::testing {
namespace {

using store::ArticleStatus;
using store::Visibility;
using ::testing::HasSubstr;
using ::testing::Not;

core::ErrorCode CodeOf(const core::Status& status) { return status.error().code(); }
template <typename T>
core::ErrorCode CodeOf(const core::Result<T>& result) {
  return result.error().code();
}

const std::string kPng = [] {
  std::string png("\x89PNG\r\n\x1a\n", 8);
  png += std::string("\0\0\0\rIHDR\0\0\0\1\0\0\0\1\x08\x06\0\0\0\x1f\x15\xc4\x89", 25);
  return png;
}();

class KbServiceTest : public KbFixture {};

TEST_F(KbServiceTest, ANewArticleIsADraftOwnedByItsAuthor) {
  const ArticleView view =
      CreateOrDie(employee_, "How to reset a password", "# Steps\n\nClick *Reset*.");
  EXPECT_EQ(view.article.status, ArticleStatus::kDraft);
  EXPECT_EQ(view.article.owner_id, employee_.user_id);
  EXPECT_EQ(view.article.slug, "how-to-reset-a-password");
  EXPECT_EQ(view.article.language, "en");
  EXPECT_EQ(view.article.head_revision, 1);
  EXPECT_EQ(view.article.published_revision, 0);
  ASSERT_TRUE(view.rendered);
  EXPECT_THAT(view.rendered->html, HasSubstr("<em>Reset</em>"));
  // A second article with the same title gets the next free slug.
  EXPECT_EQ(CreateOrDie(employee_, "How to reset a password").article.slug,
            "how-to-reset-a-password-2");
}

TEST_F(KbServiceTest, DraftsAreHiddenFromOtherReadersUntilPublished) {
  const ArticleView draft = CreateOrDie(employee_, "Draft notes");
  EXPECT_EQ(CodeOf(kb_->GetArticle(hr_, draft.article.id, View::kDefault)),
            core::ErrorCode::kNotFound);
  EXPECT_TRUE(kb_->GetArticle(editor_, draft.article.id, View::kDefault));
  const auto listed = kb_->ListArticles(hr_, {}, {});
  ASSERT_TRUE(listed);
  EXPECT_TRUE(listed->articles.empty());
}

TEST_F(KbServiceTest, TheWholeLifecycleWithReview) {
  const ArticleView draft = CreateOrDie(employee_, "VPN setup", "Install the client.");
  const store::ArticleId id = draft.article.id;
  // The author may not publish; an editor must, after review.
  EXPECT_EQ(CodeOf(kb_->Transition(employee_, id, ArticleStatus::kPublished, "")),
            core::ErrorCode::kUnprocessable);
  TransitionOrDie(employee_, id, ArticleStatus::kInReview);
  EXPECT_EQ(CodeOf(kb_->Transition(employee_, id, ArticleStatus::kPublished, "")),
            core::ErrorCode::kPermissionDenied);
  const ArticleView live = TransitionOrDie(editor_, id, ArticleStatus::kPublished);
  EXPECT_EQ(live.article.status, ArticleStatus::kPublished);
  EXPECT_EQ(live.article.published_revision, 1);
  EXPECT_EQ(live.article.verified_at, clock_.Now());
  // Everyone reads it now.
  EXPECT_TRUE(kb_->GetArticle(hr_, id, View::kDefault));
  const ArticleView archived = TransitionOrDie(editor_, id, ArticleStatus::kArchived);
  EXPECT_EQ(archived.article.status, ArticleStatus::kArchived);
  EXPECT_EQ(CodeOf(kb_->GetArticle(hr_, id, View::kDefault)), core::ErrorCode::kNotFound);
  // Restored articles go back through review.
  const ArticleView restored = TransitionOrDie(editor_, id, ArticleStatus::kDraft);
  EXPECT_EQ(restored.article.published_revision, 0);
}

TEST_F(KbServiceTest, SelfApprovalFollowsTheOrganisationSetting) {
  const ArticleView draft = CreateOrDie(editor_, "Editor's own article");
  TransitionOrDie(editor_, draft.article.id, ArticleStatus::kInReview);
  const auto refused = kb_->Transition(editor_, draft.article.id, ArticleStatus::kPublished, "");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code(), core::ErrorCode::kPermissionDenied);
  EXPECT_THAT(refused.error().message(), HasSubstr("self-approval"));
  ASSERT_TRUE(kb_->UpdateSettings(owner_, true, std::nullopt));
  EXPECT_TRUE(kb_->Transition(editor_, draft.article.id, ArticleStatus::kPublished, ""));
  // Only kb.manage changes the setting.
  EXPECT_EQ(CodeOf(kb_->UpdateSettings(employee_, false, std::nullopt)),
            core::ErrorCode::kPermissionDenied);
}

TEST_F(KbServiceTest, EditingAPublishedArticleKeepsTheLiveRevisionUntilApproved) {
  const ArticleView live = PublishedOrDie(employee_, "Expenses", "Old policy.");
  const store::ArticleId id = live.article.id;
  ArticlePatch patch;
  patch.body = "New policy.";
  patch.base_revision = 1;
  const auto edited = kb_->UpdateArticle(hr_, id, patch);
  ASSERT_TRUE(edited) << edited.error().ToString();
  EXPECT_EQ(edited->article.head_revision, 2);
  EXPECT_EQ(edited->article.published_revision, 1);
  EXPECT_EQ(edited->article.status, ArticleStatus::kDraft);
  EXPECT_TRUE(edited->has_unpublished_changes);
  // Readers still see the live text; the head is there for writers who ask for it.
  const auto seen = kb_->GetArticle(employee_, id, View::kDefault);
  ASSERT_TRUE(seen);
  EXPECT_EQ(seen->content.body, "Old policy.");
  EXPECT_EQ(kb_->GetArticle(employee_, id, View::kHead)->content.body, "New policy.");
  // A stale base revision is a conflict, not a silent overwrite.
  patch.body = "Someone else's edit.";
  EXPECT_EQ(CodeOf(kb_->UpdateArticle(employee_, id, patch)), core::ErrorCode::kConflict);
  TransitionOrDie(hr_, id, ArticleStatus::kInReview);
  const ArticleView republished = TransitionOrDie(editor_, id, ArticleStatus::kPublished);
  EXPECT_EQ(republished.article.published_revision, 2);
  EXPECT_EQ(kb_->GetArticle(employee_, id, View::kDefault)->content.body, "New policy.");
}

TEST_F(KbServiceTest, OnlyEditorsChangeVisibilityOfPublishedArticles) {
  const ArticleView live = PublishedOrDie(employee_, "Holidays");
  ArticlePatch patch;
  patch.visibility = Visibility::kPublic;
  EXPECT_EQ(CodeOf(kb_->UpdateArticle(employee_, live.article.id, patch)),
            core::ErrorCode::kPermissionDenied);
  EXPECT_TRUE(kb_->UpdateArticle(editor_, live.article.id, patch));
  patch.visibility = Visibility::kRestricted;
  EXPECT_EQ(CodeOf(kb_->UpdateArticle(editor_, live.article.id, patch)),
            core::ErrorCode::kUnprocessable);  // restricted needs roles
  patch.roles = std::vector<std::string>{"hr"};
  ASSERT_TRUE(kb_->UpdateArticle(editor_, live.article.id, patch));
  EXPECT_TRUE(kb_->GetArticle(hr_, live.article.id, View::kDefault));
  EXPECT_TRUE(kb_->GetArticle(second_editor_, live.article.id, View::kDefault));
  const auto cx_view =
      kb_->GetArticle(UserOf(org_, auth::Role::kCxLead, "Cy"), live.article.id, View::kDefault);
  EXPECT_EQ(CodeOf(cx_view), core::ErrorCode::kNotFound);
}

TEST_F(KbServiceTest, RevisionsDiffAndRestore) {
  const ArticleView created = CreateOrDie(employee_, "Printer", "line one\nline two\nline three");
  const store::ArticleId id = created.article.id;
  ArticlePatch patch;
  patch.body = "line one\nline 2\nline three\nline four";
  patch.title = "Printers";
  ASSERT_TRUE(kb_->UpdateArticle(employee_, id, patch));
  const auto revisions = kb_->ListRevisions(employee_, id);
  ASSERT_TRUE(revisions);
  ASSERT_EQ(revisions->size(), 2U);
  EXPECT_EQ(revisions->front().revision.number, 2);
  EXPECT_TRUE(revisions->front().revision.content.body.empty());  // lists carry no bodies
  ASSERT_TRUE(revisions->front().author);
  EXPECT_EQ(revisions->front().author->name, "Emil Employee");
  const auto diff = kb_->Diff(employee_, id, 1, 2);
  ASSERT_TRUE(diff);
  ASSERT_EQ(diff->fields.size(), 1U);
  EXPECT_EQ(diff->fields[0].field, "title");
  int inserted = 0;
  int deleted = 0;
  for (const DiffLine& line : diff->lines) {
    inserted += line.op == DiffOp::kInsert;
    deleted += line.op == DiffOp::kDelete;
  }
  EXPECT_EQ(inserted, 2);  // "line 2", "line four"
  EXPECT_EQ(deleted, 1);   // "line two"
  const auto restored = kb_->Restore(employee_, id, 1);
  ASSERT_TRUE(restored) << restored.error().ToString();
  EXPECT_EQ(restored->article.head_revision, 3);
  EXPECT_EQ(restored->content.title, "Printer");
  EXPECT_EQ(restored->content.body, "line one\nline two\nline three");
  EXPECT_EQ(CodeOf(kb_->Restore(employee_, id, 9)), core::ErrorCode::kNotFound);
  EXPECT_EQ(CodeOf(kb_->GetRevision(employee_, id, 9)), core::ErrorCode::kNotFound);
}

TEST_F(KbServiceTest, StaleArticlesAreListedAndVerificationResetsThem) {
  const ArticleView live = PublishedOrDie(employee_, "Wi-Fi");
  ArticleQuery stale;
  stale.stale_only = true;
  EXPECT_TRUE(kb_->ListArticles(editor_, stale, {})->articles.empty());
  clock_.Advance(std::chrono::days(91));
  const auto due = kb_->ListArticles(editor_, stale, {});
  ASSERT_TRUE(due);
  ASSERT_EQ(due->articles.size(), 1U);
  EXPECT_TRUE(due->articles[0].stale);
  // A reader who is neither owner, verifier nor editor cannot verify.
  EXPECT_EQ(CodeOf(kb_->Verify(hr_, live.article.id)), core::ErrorCode::kPermissionDenied);
  const auto verified = kb_->Verify(employee_, live.article.id);
  ASSERT_TRUE(verified);
  EXPECT_FALSE(verified->stale);
  EXPECT_TRUE(kb_->ListArticles(editor_, stale, {})->articles.empty());
}

TEST_F(KbServiceTest, UnhelpfulVotesLandInTheOwnersQueue) {
  const ArticleView live = PublishedOrDie(employee_, "Payroll dates");
  FeedbackInput no{.helpful = false,
                   .reason = store::FeedbackReason::kOutdated,
                   .comment = "The dates changed in 2026."};
  const auto given = kb_->AddFeedback(hr_, live.article.id, no);
  ASSERT_TRUE(given) << given.error().ToString();
  ASSERT_TRUE(
      kb_->AddFeedback(hr_, live.article.id, {.helpful = true, .reason = {}, .comment = {}}));
  FeedbackQuery mine;
  mine.owner_id = employee_.user_id;
  mine.open_only = true;
  const auto queue = kb_->ListFeedback(employee_, mine, {});
  ASSERT_TRUE(queue);
  ASSERT_EQ(queue->feedback.size(), 1U);  // the "yes" vote is not a task
  EXPECT_EQ(queue->feedback[0].feedback.reason, store::FeedbackReason::kOutdated);
  EXPECT_EQ(queue->feedback[0].article_title, "Payroll dates");
  // Someone else's queue is not theirs to read.
  FeedbackQuery theirs;
  theirs.owner_id = editor_.user_id;
  EXPECT_EQ(CodeOf(kb_->ListFeedback(hr_, theirs, {})), core::ErrorCode::kPermissionDenied);
  EXPECT_EQ(CodeOf(kb_->ResolveFeedback(hr_, given->feedback.id)),
            core::ErrorCode::kPermissionDenied);
  ASSERT_TRUE(kb_->ResolveFeedback(employee_, given->feedback.id));
  EXPECT_TRUE(kb_->ListFeedback(employee_, mine, {})->feedback.empty());
  const auto stats = kb_->Stats(employee_, live.article.id, 30);
  ASSERT_TRUE(stats);
  EXPECT_EQ(stats->stats.counts.helpful, 1);
  EXPECT_EQ(stats->stats.counts.unhelpful, 1);
  EXPECT_EQ(stats->stats.helpful_ratio, 0.5);
}

TEST_F(KbServiceTest, ViewsAreCountedPerDayForStaffAndPublic) {
  const ArticleView live =
      PublishedOrDie(employee_, "Opening hours", "9 to 5", Visibility::kPublic);
  ASSERT_TRUE(kb_->GetArticle(hr_, live.article.id, View::kDefault));
  ASSERT_TRUE(kb_->GetArticle(hr_, live.article.id, View::kDefault));
  ASSERT_TRUE(kb_->HelpArticleFor(org_.id, live.article.slug, {"en"}));
  clock_.Advance(std::chrono::days(1));
  ASSERT_TRUE(kb_->HelpArticleFor(org_.id, live.article.id.str(), {}));
  const auto stats = kb_->Stats(employee_, live.article.id, 7);
  ASSERT_TRUE(stats);
  EXPECT_EQ(stats->stats.counts.staff_views, 2);
  EXPECT_EQ(stats->stats.counts.public_views, 2);
  ASSERT_EQ(stats->views.size(), 2U);
  EXPECT_EQ(stats->views[0].staff, 2);
  EXPECT_EQ(stats->views[0].public_views, 1);
  EXPECT_EQ(stats->views[1].public_views, 1);
}

// Views wait in memory and reach the store in one write a second (or on FlushViews), so a read
// never waits for a durable write; the figures shown include the views still waiting.
TEST_F(KbServiceTest, ViewsAreWrittenInBatchesAndShownBeforeThat) {
  const ArticleView live = PublishedOrDie(employee_, "Batched", "Text", Visibility::kPublic);
  const auto stored = [&](const store::ArticleId& id) {
    return store::ReadValue<store::ArticleStats>(
               *store_, [&](store::ReadTx& tx) { return tx.feedback().Stats(org_.id, id); })
        .value_or(store::ArticleStats{.staff_views = -1});
  };
  ASSERT_TRUE(kb_->GetArticle(hr_, live.article.id, View::kDefault));
  ASSERT_TRUE(kb_->HelpArticleFor(org_.id, live.article.slug, {"en"}));
  const auto seen = kb_->GetArticle(editor_, live.article.id, View::kDefault);
  ASSERT_TRUE(seen);
  ASSERT_TRUE(seen->stats);
  EXPECT_EQ(seen->stats->counts.staff_views, 2);  // hr's and this one
  EXPECT_EQ(seen->stats->counts.public_views, 1);
  EXPECT_EQ(stored(live.article.id).staff_views, 0);  // nothing written yet

  ASSERT_TRUE(kb_->FlushViews());
  EXPECT_EQ(stored(live.article.id).staff_views, 2);
  EXPECT_EQ(stored(live.article.id).public_views, 1);

  // A read after the interval writes what waits, its own view included.
  clock_.Advance(std::chrono::seconds(2));
  ASSERT_TRUE(kb_->HelpArticleFor(org_.id, live.article.slug, {"en"}));
  EXPECT_EQ(stored(live.article.id).public_views, 2);

  // Views of an article deleted before the flush go with it and hold up no one else's.
  const ArticleView gone = PublishedOrDie(employee_, "Gone soon", "Text");
  ASSERT_TRUE(kb_->GetArticle(hr_, gone.article.id, View::kDefault));
  ASSERT_TRUE(kb_->GetArticle(hr_, live.article.id, View::kDefault));
  ASSERT_TRUE(kb_->DeleteArticle(editor_, gone.article.id));
  ASSERT_TRUE(kb_->FlushViews());
  EXPECT_EQ(stored(live.article.id).staff_views, 3);
}

TEST_F(KbServiceTest, TheHelpCenterShowsOnlyPublicLiveRevisions) {
  const ArticleView open =
      PublishedOrDie(employee_, "Public answer", "Live text.", Visibility::kPublic);
  PublishedOrDie(employee_, "Internal answer", "Secret.", Visibility::kInternal);
  CreateOrDie(employee_, "Public draft", "Not yet.", Visibility::kPublic);
  ArticlePatch patch;
  patch.body = "Unreviewed text.";
  ASSERT_TRUE(kb_->UpdateArticle(employee_, open.article.id, patch));
  const auto listing = kb_->HelpArticles(org_.id, {}, {}, {}, {});
  ASSERT_TRUE(listing);
  ASSERT_EQ(listing->articles.size(), 1U);
  EXPECT_EQ(listing->articles[0].head.title, "Public answer");
  EXPECT_FALSE(listing->articles[0].owner_id);
  const auto page = kb_->HelpArticleFor(org_.id, "public-answer", {});
  ASSERT_TRUE(page);
  EXPECT_THAT(page->rendered.html, HasSubstr("Live text."));
  EXPECT_THAT(page->rendered.html, Not(HasSubstr("Unreviewed")));
  EXPECT_EQ(page->article.head.body, "Live text.");
  EXPECT_EQ(CodeOf(kb_->HelpArticleFor(org_.id, "internal-answer", {})),
            core::ErrorCode::kNotFound);
  EXPECT_EQ(CodeOf(kb_->HelpArticleFor(org_.id, "public-draft", {})), core::ErrorCode::kNotFound);
  // Archiving takes it off the help center at once.
  TransitionOrDie(editor_, open.article.id, ArticleStatus::kArchived);
  EXPECT_EQ(CodeOf(kb_->HelpArticleFor(org_.id, "public-answer", {})), core::ErrorCode::kNotFound);
  EXPECT_TRUE(kb_->HelpArticles(org_.id, {}, {}, {}, {})->articles.empty());
}

TEST_F(KbServiceTest, TheHelpCenterPicksTheReadersLanguageAndSaysWhenItCannot) {
  const ArticleView en = PublishedOrDie(employee_, "Returns", "Send it back.", Visibility::kPublic);
  NewArticle fr;
  fr.title = "Retours";
  fr.body = "Renvoyez-le.";
  fr.language = "fr";
  fr.visibility = Visibility::kPublic;
  fr.translation_of = en.article.id;
  const auto created = kb_->CreateArticle(employee_, fr);
  ASSERT_TRUE(created) << created.error().ToString();
  EXPECT_EQ(created->article.translation_group, en.article.translation_group);
  TransitionOrDie(employee_, created->article.id, ArticleStatus::kInReview);
  TransitionOrDie(editor_, created->article.id, ArticleStatus::kPublished);
  const auto french = kb_->HelpArticleFor(org_.id, "returns", {"fr-ch", "fr"});
  ASSERT_TRUE(french);
  EXPECT_EQ(french->article.language, "fr");
  EXPECT_TRUE(french->language_matched);
  ASSERT_EQ(french->translations.size(), 1U);
  EXPECT_EQ(french->translations[0].language, "en");
  const auto german = kb_->HelpArticleFor(org_.id, "returns", {"de"});
  ASSERT_TRUE(german);
  EXPECT_EQ(german->article.language, "en");
  EXPECT_FALSE(german->language_matched);
  // One article per language in a group.
  EXPECT_EQ(CodeOf(kb_->CreateArticle(employee_, fr)), core::ErrorCode::kConflict);
}

TEST_F(KbServiceTest, LinksBetweenArticlesSurviveRenamesAndRespectTheAudience) {
  const ArticleView target = PublishedOrDie(employee_, "Target", "x", Visibility::kPublic);
  const ArticleView internal = PublishedOrDie(employee_, "Internal", "y", Visibility::kInternal);
  const std::string body = "See [the target](article:" + target.article.id.str() +
                           "#step-2) and [internal](article:" + internal.article.id.str() + ").";
  const ArticleView linking = PublishedOrDie(employee_, "Linking", body, Visibility::kPublic);
  ArticlePatch rename;
  rename.slug = "renamed-target";
  ASSERT_TRUE(kb_->UpdateArticle(editor_, target.article.id, rename));
  const auto staff = kb_->GetArticle(hr_, linking.article.id, View::kDefault);
  ASSERT_TRUE(staff);
  EXPECT_THAT(staff->rendered->html,
              HasSubstr("/knowledge/articles/" + target.article.id.str() + "#step-2"));
  const auto page = kb_->HelpArticleFor(org_.id, "linking", {});
  ASSERT_TRUE(page);
  EXPECT_THAT(page->rendered.html, HasSubstr("href=\"/help/articles/renamed-target#step-2\""));
  // The internal article is not linked for the public: its title stays as plain text.
  EXPECT_THAT(page->rendered.html, Not(HasSubstr(internal.article.id.str())));
  EXPECT_THAT(page->rendered.html, HasSubstr("internal"));
}

TEST_F(KbServiceTest, HostileMarkdownNeverBecomesScript) {
  const std::string body =
      "<script>alert(1)</script>\n\n<img src=x onerror=alert(2)>\n\n[x](javascript:alert(3))\n\n"
      "![y](javascript:alert(4))\n\n<a href=\"javascript:alert(5)\">z</a>";
  const ArticleView view = CreateOrDie(employee_, "Hostile", body);
  ASSERT_TRUE(view.rendered);
  EXPECT_THAT(view.rendered->html, Not(HasSubstr("<script")));
  EXPECT_THAT(view.rendered->html, Not(HasSubstr("onerror")));
  EXPECT_THAT(view.rendered->html, Not(HasSubstr("javascript:")));
  const auto preview = kb_->Preview(employee_, body);
  ASSERT_TRUE(preview);
  EXPECT_EQ(preview->html, view.rendered->html);
  // Far too deep or too large: a clear error, nothing stored.
  NewArticle deep;
  deep.title = "Deep";
  deep.body = std::string(100000, '>') + " x";
  EXPECT_EQ(CodeOf(kb_->CreateArticle(employee_, deep)), core::ErrorCode::kInvalidArgument);
  NewArticle huge;
  huge.title = "Huge";
  huge.body = std::string(kMaxBodyBytes + 1, 'a');
  EXPECT_EQ(CodeOf(kb_->CreateArticle(employee_, huge)), core::ErrorCode::kTooLarge);
  EXPECT_EQ(kb_->ListArticles(editor_, {}, {})->articles.size(), 1U);
}

TEST_F(KbServiceTest, AttachmentsAreSniffedLimitedAndScopedToTheirArticle) {
  const ArticleView draft = CreateOrDie(employee_, "With picture");
  const auto uploaded = kb_->UploadAttachment(employee_, "../../shot.exe", draft.article.id, kPng);
  ASSERT_TRUE(uploaded) << uploaded.error().ToString();
  EXPECT_EQ(uploaded->content_type, "image/png");
  EXPECT_EQ(uploaded->filename, "shot.png");
  // HTML dressed up as an image is refused, and so is anything too large.
  EXPECT_EQ(CodeOf(kb_->UploadAttachment(employee_, "cat.png", draft.article.id,
                                         "<html><script>alert(1)</script></html>")),
            core::ErrorCode::kUnprocessable);
  EXPECT_EQ(CodeOf(kb_->UploadAttachment(employee_, "big.png", draft.article.id,
                                         kPng + std::string(11 << 20, 'x'))),
            core::ErrorCode::kTooLarge);
  // The draft's attachment is as private as the draft.
  EXPECT_EQ(CodeOf(kb_->ReadAttachment(hr_, uploaded->id)), core::ErrorCode::kNotFound);
  const auto mine = kb_->ReadAttachment(employee_, uploaded->id);
  ASSERT_TRUE(mine);
  EXPECT_EQ(mine->bytes, kPng);
  EXPECT_TRUE(mine->inline_safe);
  EXPECT_EQ(CodeOf(kb_->HelpAttachment(org_.id, uploaded->id)), core::ErrorCode::kNotFound);
  // Deleting the article removes the file too.
  ASSERT_TRUE(kb_->DeleteArticle(employee_, draft.article.id));
  EXPECT_EQ(CodeOf(blobs_->Get(uploaded->sha256)), core::ErrorCode::kNotFound);
}

// A picture uploaded while writing a new article (no article yet) joins the article that
// links it, so colleagues and, once public, the help center can show it; another writer's loose
// upload is never taken over.
TEST_F(KbServiceTest, UploadsMadeBeforeTheFirstSaveJoinTheArticleThatLinksThem) {
  const auto early = kb_->UploadAttachment(employee_, "early.png", std::nullopt, kPng);
  ASSERT_TRUE(early) << early.error().ToString();
  const auto theirs = kb_->UploadAttachment(hr_, "theirs.png", std::nullopt, kPng + "x");
  ASSERT_TRUE(theirs) << theirs.error().ToString();
  const std::string body = "![early](attachment:" + early->id.str() +
                           ")\n\n![theirs](attachment:" + theirs->id.str() + ")\n";
  const ArticleView created = PublishedOrDie(employee_, "Pictures first", body);
  const auto read = kb_->ReadAttachment(hr_, early->id);
  ASSERT_TRUE(read) << read.error().ToString();
  EXPECT_EQ(read->attachment.article_id, created.article.id);
  EXPECT_FALSE(kb_->ReadAttachment(employee_, theirs->id));  // still hr's loose upload

  // The same holds for an upload linked by a later edit.
  const auto later = kb_->UploadAttachment(employee_, "later.png", std::nullopt, kPng + "y");
  ASSERT_TRUE(later) << later.error().ToString();
  ArticlePatch patch;
  patch.body = body + "![later](attachment:" + later->id.str() + ")\n";
  ASSERT_TRUE(kb_->UpdateArticle(employee_, created.article.id, patch));
  const auto attached = kb_->ReadAttachment(editor_, later->id);
  ASSERT_TRUE(attached) << attached.error().ToString();
  EXPECT_EQ(attached->attachment.article_id, created.article.id);
}

TEST_F(KbServiceTest, CategoriesAreATwoLevelTree) {
  const auto Named = [](std::string name, std::optional<store::CategoryId> parent = {}) {
    CategoryInput input;
    input.name = std::move(name);
    if (parent) input.parent_id = parent;
    return input;
  };
  const auto category = kb_->CreateCategory(editor_, Named("Getting started"));
  ASSERT_TRUE(category) << category.error().ToString();
  EXPECT_EQ(category->slug, "getting-started");
  const auto section = kb_->CreateCategory(editor_, Named("Accounts", category->id));
  ASSERT_TRUE(section);
  EXPECT_EQ(CodeOf(kb_->CreateCategory(editor_, Named("Deeper", section->id))),
            core::ErrorCode::kUnprocessable);
  EXPECT_EQ(CodeOf(kb_->CreateCategory(employee_, Named("Mine"))),
            core::ErrorCode::kPermissionDenied);
  NewArticle article;
  article.title = "Sign in";
  article.body = "Use your e-mail.";
  article.category_id = section->id;
  const auto created = kb_->CreateArticle(employee_, article);
  ASSERT_TRUE(created);
  EXPECT_EQ(CodeOf(kb_->DeleteCategory(editor_, section->id)), core::ErrorCode::kConflict);
  const auto listed = kb_->ListCategories(editor_);
  ASSERT_TRUE(listed);
  ASSERT_EQ(listed->size(), 2U);
  EXPECT_EQ((*listed)[0].article_count, 1);  // the category counts its sections' articles
}

TEST_F(KbServiceTest, AnotherOrganisationsArticlesAreAbsent) {
  const ArticleView live = PublishedOrDie(employee_, "Ours", "x", Visibility::kPublic);
  EXPECT_EQ(CodeOf(kb_->GetArticle(other_admin_, live.article.id, View::kDefault)),
            core::ErrorCode::kNotFound);
  ArticlePatch patch;
  patch.body = "defaced";
  EXPECT_EQ(CodeOf(kb_->UpdateArticle(other_admin_, live.article.id, patch)),
            core::ErrorCode::kNotFound);
  EXPECT_EQ(CodeOf(kb_->Transition(other_admin_, live.article.id, ArticleStatus::kArchived, "")),
            core::ErrorCode::kNotFound);
  EXPECT_EQ(CodeOf(kb_->DeleteArticle(other_admin_, live.article.id)), core::ErrorCode::kNotFound);
  EXPECT_EQ(CodeOf(kb_->HelpArticleFor(other_org_.id, "ours", {})), core::ErrorCode::kNotFound);
  EXPECT_TRUE(kb_->ListArticles(other_admin_, {}, {})->articles.empty());
}

TEST_F(KbServiceTest, EveryLifecycleChangeIsAudited) {
  const ArticleView live = PublishedOrDie(employee_, "Audited");
  TransitionOrDie(editor_, live.article.id, ArticleStatus::kArchived);
  auto entries = store::ReadValue<store::Page<store::AuditEntry>>(*store_, [&](store::ReadTx& tx) {
    return tx.audit().List(org_.id, {.action = "kb.", .actor_id = {}}, {.limit = 50});
  });
  ASSERT_TRUE(entries);
  std::vector<std::string> actions;
  for (const auto& e : entries->items) actions.push_back(e.action);
  EXPECT_THAT(actions, ::testing::ElementsAre("kb.article.archived", "kb.article.published",
                                              "kb.article.submitted", "kb.article.created"));
}

}  // namespace
}  // namespace rapport::kb::testing

// ImportBundle against a real store: what lands where, idempotence, all or nothing.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/integration/kb/kb_bundle_fixture.h"

namespace rapport::kb::bundle_testing {
namespace {

using ::testing::HasSubstr;

std::vector<BundleFile> HelpCentre() {
  return {
      {"getting-started/_category.md",
       "---\nname: Getting started\nposition: 1\n---\nFirst steps with the product.\n"},
      {"getting-started/welcome.md",
       "---\ntitle: Welcome\ntags: [intro]\nowner: editor@acme.test\nvisibility: public\n---\n"
       "Read [the password guide](accounts/reset-password.md#steps) first.\n\n"
       "![Logo](img/logo.png)\n"},
      {"getting-started/img/logo.png", TinyPng()},
      {"getting-started/accounts/reset-password.md",
       "# Resetting your password\n\n| Step | What |\n|---|---|\n| 1 | Open the page |\n\n"
       "Back to [welcome](../welcome.md).\n"},
      {"faq.html",
       "<html lang=\"en-GB\"><head><title>FAQ</title>"
       "<meta name=\"keywords\" content=\"questions\"></head><body>"
       "<p>See <a href=\"getting-started/welcome.md\">welcome</a>.</p></body></html>"},
  };
}

class KbBundleImport : public KbBundleFixture {};

TEST_F(KbBundleImport, WritesArticlesCategoriesAndAttachments) {
  const ImportReport report = ImportOrDie(HelpCentre(), {.publish = true});
  ASSERT_TRUE(report.errors.empty()) << Describe(report.errors);
  EXPECT_TRUE(report.applied);
  EXPECT_EQ(report.articles_created, 3);
  EXPECT_EQ(report.categories_created, 2);
  EXPECT_EQ(report.attachments_created, 1);

  const store::Article welcome = ArticleBySlug(org_, "welcome");
  const store::Article reset = ArticleBySlug(org_, "reset-password");
  const store::Article faq = ArticleBySlug(org_, "faq", "en-gb");
  EXPECT_EQ(welcome.head.title, "Welcome");
  EXPECT_EQ(welcome.visibility, store::Visibility::kPublic);
  EXPECT_EQ(welcome.owner_id, editor_.id);
  EXPECT_EQ(welcome.status, store::ArticleStatus::kPublished);
  EXPECT_EQ(welcome.published_revision, 1);
  EXPECT_EQ(reset.head.title, "Resetting your password");
  EXPECT_EQ(reset.visibility, store::Visibility::kInternal);
  EXPECT_EQ(faq.head.tags, std::vector<std::string>{"questions"});

  const std::vector<store::Attachment> attachments = Attachments(org_);
  ASSERT_EQ(attachments.size(), 1U);
  EXPECT_EQ(attachments[0].article_id, welcome.id);
  EXPECT_EQ(attachments[0].content_type, "image/png");
  EXPECT_EQ(db_.blobs->Get(attachments[0].sha256), TinyPng());
  EXPECT_THAT(welcome.head.body, HasSubstr("(article:" + reset.id.str() + "#steps)"));
  EXPECT_THAT(welcome.head.body, HasSubstr("(attachment:" + attachments[0].id.str() + ")"));
  EXPECT_THAT(reset.head.body, HasSubstr("(article:" + welcome.id.str() + ")"));
  EXPECT_THAT(faq.head.body, HasSubstr("(article:" + welcome.id.str() + ")"));

  const std::vector<store::Category> categories = Categories(org_);
  ASSERT_EQ(categories.size(), 2U);
  EXPECT_EQ(categories[0].name, "Getting started");
  EXPECT_EQ(categories[0].description, "First steps with the product.\n");
  EXPECT_EQ(categories[0].position, 1);
  EXPECT_EQ(categories[1].name, "Accounts");
  EXPECT_EQ(welcome.category_id, categories[0].id);
  EXPECT_EQ(reset.category_id, categories[1].id);

  const auto audit = AuditOf(org_, "kb.import");
  ASSERT_EQ(audit.size(), 1U);
  EXPECT_THAT(audit[0].detail, HasSubstr("\"articles_created\":3"));
  EXPECT_EQ(audit[0].actor_label, "system");
  EXPECT_TRUE(Articles(other_org_).empty());
}

TEST_F(KbBundleImport, ImportingTheSameBundleTwiceChangesNothing) {
  ASSERT_TRUE(ImportOrDie(HelpCentre(), {.publish = true}).errors.empty());
  const auto before = Articles(org_);
  clock_.Advance(std::chrono::hours(1));
  const ImportReport again = ImportOrDie(HelpCentre(), {.publish = true});
  ASSERT_TRUE(again.errors.empty()) << Describe(again.errors);
  EXPECT_TRUE(again.applied);
  EXPECT_FALSE(again.HasChanges());
  EXPECT_EQ(again.articles_unchanged, 3);
  EXPECT_EQ(Articles(org_), before);  // updated_at included
  EXPECT_EQ(Attachments(org_).size(), 1U);
  EXPECT_EQ(AuditOf(org_, "kb.import").size(), 1U);
}

TEST_F(KbBundleImport, AddsARevisionOnlyForChangedText) {
  ASSERT_TRUE(ImportOrDie(HelpCentre(), {.publish = true}).errors.empty());
  std::vector<BundleFile> edited = HelpCentre();
  edited[3].bytes += "\nOne more line.\n";
  const ImportReport report = ImportOrDie(edited);
  ASSERT_TRUE(report.errors.empty()) << Describe(report.errors);
  EXPECT_EQ(report.articles_updated, 1);
  EXPECT_EQ(report.articles_unchanged, 2);
  const store::Article reset = ArticleBySlug(org_, "reset-password");
  EXPECT_EQ(reset.head_revision, 2);
  EXPECT_EQ(reset.published_revision, 1);  // without --publish the live text stays
  EXPECT_EQ(Revisions(org_, reset.id).size(), 2U);
  EXPECT_EQ(AuditOf(org_, "kb.import").size(), 2U);
}

TEST_F(KbBundleImport, WritesNothingWhenAnyFileHasAnError) {
  std::vector<BundleFile> files = HelpCentre();
  files.push_back({"broken/a.md", "---\ntitle: A\nvisiblity: public\n---\nx\n"});
  files.push_back({"broken/b.md", "---\ntitle: B\nowner: ghost@acme.test\n---\nx\n"});
  files.push_back({"broken/c.md", "no title\n"});
  files.push_back({"broken/d.md", "---\ntitle: D\nslug: same\n---\nx\n"});
  files.push_back({"broken/e.md", "---\ntitle: E\nslug: same\n---\nx\n"});
  const ImportReport report = ImportOrDie(files, {.publish = true});
  EXPECT_FALSE(report.applied);
  EXPECT_THAT(Describe(report.errors), HasSubstr("broken/a.md:3: unknown key \"visiblity\""));
  EXPECT_THAT(Describe(report.errors), HasSubstr("broken/b.md:3: no user"));
  EXPECT_THAT(Describe(report.errors), HasSubstr("broken/c.md:0: no title"));
  EXPECT_THAT(Describe(report.errors),
              HasSubstr("broken/e.md:3: slug \"same\" (en) is also the slug of broken/d.md"));
  EXPECT_EQ(report.errors.size(), 4U);
  EXPECT_TRUE(Articles(org_).empty());
  EXPECT_TRUE(Categories(org_).empty());
  EXPECT_TRUE(Attachments(org_).empty());
  EXPECT_TRUE(AuditOf(org_, "kb.import").empty());
}

TEST_F(KbBundleImport, DryRunReportsWithoutWriting) {
  const ImportReport report = ImportOrDie(HelpCentre(), {.dry_run = true});
  EXPECT_TRUE(report.dry_run);
  EXPECT_FALSE(report.applied);
  EXPECT_EQ(report.articles_created, 3);
  EXPECT_TRUE(Articles(org_).empty());
  EXPECT_TRUE(Attachments(org_).empty());
}

TEST_F(KbBundleImport, MatchesExistingArticlesBySlugAndKeepsWhatFilesDoNotSay) {
  ASSERT_TRUE(ImportOrDie(HelpCentre(), {.publish = true}).errors.empty());
  const store::Article welcome = ArticleBySlug(org_, "welcome");
  // A second bundle, without owner or tags, naming the article by its slug.
  const ImportReport report =
      ImportOrDie({{"welcome.md", "---\ntitle: Welcome\nslug: welcome\n---\nShorter.\n"}});
  ASSERT_TRUE(report.errors.empty()) << Describe(report.errors);
  EXPECT_EQ(report.articles_updated, 1);
  const store::Article after = ArticleBySlug(org_, "welcome");
  EXPECT_EQ(after.id, welcome.id);
  EXPECT_EQ(after.owner_id, editor_.id);
  EXPECT_EQ(after.head.tags, std::vector<std::string>{"intro"});
  EXPECT_EQ(after.head.body, "Shorter.\n");
  EXPECT_FALSE(after.category_id);  // the file is at the top of its bundle
}

}  // namespace
}  // namespace rapport::kb::bundle_testing

// Export -> import -> export gives the same bytes: into another organisation of the same
// database, into another database, and back into the organisation it came from (which then
// changes nothing).

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>

#include "tests/integration/kb/kb_bundle_fixture.h"

namespace rapport::kb::bundle_testing {
namespace {

using ::testing::HasSubstr;

class KbRoundTrip : public KbBundleFixture {
 protected:
  // A knowledge base with everything an export must carry. `people` gives owners and
  // verifiers (e-mails are unique across an installation, so only another database can hold
  // the same users).
  void BuildKnowledgeBase(bool people) {
    const std::optional<store::UserId> owner = people ? std::optional(editor_.id) : std::nullopt;
    const auto written = db_.store->Write([&](store::WriteTx& tx) -> core::Status {
      auto& categories = tx.categories();
      RAPPORT_ASSIGN_OR_RETURN(
          const store::Category start,
          categories.Create(org_.id, {.id = ids_.New<store::CategoryTag>(),
                                      .name = "Getting started",
                                      .slug = "getting-started",
                                      .description = "Where to begin.\n\nTwo paragraphs.\n",
                                      .position = 2}));
      RAPPORT_ASSIGN_OR_RETURN(const store::Category accounts,
                               categories.Create(org_.id, {.id = ids_.New<store::CategoryTag>(),
                                                           .parent_id = start.id,
                                                           .name = "Comptes & accès",
                                                           .slug = "comptes",
                                                           .description = "",
                                                           .position = 0}));
      RAPPORT_ASSIGN_OR_RETURN(const store::Category policies,
                               categories.Create(org_.id, {.id = ids_.New<store::CategoryTag>(),
                                                           .name = "Policies: \"HR\"",
                                                           .slug = "policies",
                                                           .description = "Rules.",
                                                           .position = 1}));
      // Attachments need their article: ids first.
      const store::ArticleId welcome_id = ids_.New<store::ArticleTag>();
      const store::ArticleId reset_id = ids_.New<store::ArticleTag>();
      const store::AttachmentId png_id = ids_.New<store::AttachmentTag>();
      const store::AttachmentId notes_id = ids_.New<store::AttachmentTag>();

      auto create = [&](store::Article a, store::ArticleContent content,
                        bool publish) -> core::Status {
        a.head_revision = 1;
        a.published_revision = publish ? 1 : 0;
        a.head = content;
        if (publish) a.published = content;
        RAPPORT_RETURN_IF_ERROR(tx.articles().Create(
            org_.id, a, {.content = content, .author_id = owner, .note = "", .created_at = {}}));
        return core::Ok();
      };
      RAPPORT_RETURN_IF_ERROR(create(
          {.id = welcome_id,
           .translation_group = welcome_id.str(),
           .language = "en",
           .slug = "welcome",
           .category_id = start.id,
           .visibility = store::Visibility::kPublic,
           .status = store::ArticleStatus::kPublished,
           .owner_id = owner,
           .verifier_id = owner,
           .verify_interval_days = 30,
           .verified_at = TestNow() - std::chrono::days(3)},
          {.title = "Welcome aboard",
           .summary = "Everything: in one place",
           .body = "| Tool | Use |\n|---|---|\n| Chat | talk |\n\n```cpp\nint main() {}\n```\n\n"
                   "Read [how to reset](article:" +
                   reset_id.str() +
                   "#steps).\n\n"
                   "![Logo](attachment:" +
                   png_id.str() + ")\n",
           .tags = {"intro", "onboarding"}},
          true));
      RAPPORT_RETURN_IF_ERROR(create({.id = ids_.New<store::ArticleTag>(),
                                      .translation_group = welcome_id.str(),
                                      .language = "fr",
                                      .slug = "bienvenue",
                                      .category_id = start.id,
                                      .visibility = store::Visibility::kPublic,
                                      .status = store::ArticleStatus::kPublished},
                                     {.title = "Bienvenue à bord ✨",
                                      .summary = "",
                                      .body = "Tout est là — même les émojis 🎉.\n",
                                      .tags = {"accueil"}},
                                     true));
      // Published, with a pending draft on top.
      RAPPORT_RETURN_IF_ERROR(create({.id = reset_id,
                                      .translation_group = reset_id.str(),
                                      .language = "en",
                                      .slug = "reset-password",
                                      .category_id = accounts.id,
                                      .visibility = store::Visibility::kRestricted,
                                      .roles = {"hr", "knowledge_editor"},
                                      .status = store::ArticleStatus::kInReview,
                                      .owner_id = owner},
                                     {.title = "Reset your password",
                                      .summary = "Live version",
                                      .body = "## Steps\n\n1. Open the page\n",
                                      .tags = {"accounts"}},
                                     true));
      RAPPORT_RETURN_IF_ERROR(
          tx.articles().AddRevision(org_.id, reset_id,
                                    {.content = {.title = "Reset your password (new)",
                                                 .summary = "Draft version",
                                                 .body = "## Steps\n\n1. Open the "
                                                         "new page\n2. Done\n",
                                                 .tags = {"accounts", "draft"}},
                                     .author_id = owner,
                                     .note = "",
                                     .created_at = {}}));
      RAPPORT_RETURN_IF_ERROR(
          create({.id = ids_.New<store::ArticleTag>(),
                  .translation_group = "leave-policy",
                  .language = "en",
                  .slug = "leave",
                  .category_id = policies.id,
                  .visibility = store::Visibility::kInternal,
                  .status = store::ArticleStatus::kDraft,
                  .verify_interval_days = 365},
                 {.title = "Leave policy", .summary = "", .body = "", .tags = {}}, false));
      // Archived but still live, and an article without a category.
      RAPPORT_RETURN_IF_ERROR(
          create({.id = ids_.New<store::ArticleTag>(),
                  .translation_group = "old",
                  .language = "en",
                  .slug = "old-vpn",
                  .status = store::ArticleStatus::kArchived},
                 {.title = "Old VPN", .summary = "", .body = "Gone.\n", .tags = {}}, true));
      RAPPORT_ASSIGN_OR_RETURN(const std::string png_sha, db_.blobs->Put(TinyPng()));
      RAPPORT_RETURN_IF_ERROR(tx.attachments().Create(org_.id, {.id = png_id,
                                                                .article_id = welcome_id,
                                                                .filename = "logo.png",
                                                                .content_type = "image/png",
                                                                .size = 67,
                                                                .sha256 = png_sha,
                                                                .uploaded_by = owner}));
      const std::string notes = "Notes for HR, not linked from the text.\n";
      RAPPORT_ASSIGN_OR_RETURN(const std::string notes_sha, db_.blobs->Put(notes));
      RAPPORT_RETURN_IF_ERROR(
          tx.attachments().Create(org_.id, {.id = notes_id,
                                            .article_id = reset_id,
                                            .filename = "notes.txt",
                                            .content_type = "text/plain; charset=utf-8",
                                            .size = static_cast<std::int64_t>(notes.size()),
                                            .sha256 = notes_sha,
                                            .uploaded_by = owner}));
      return core::Ok();
    });
    ASSERT_TRUE(written) << written.error().ToString();
  }

  static void ExpectSameBundle(const std::vector<BundleFile>& a, const std::vector<BundleFile>& b) {
    ASSERT_EQ(a.size(), b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
      EXPECT_EQ(a[i].path, b[i].path);
      EXPECT_EQ(a[i].bytes, b[i].bytes) << a[i].path;
    }
  }

  static const BundleFile* Find(const std::vector<BundleFile>& files, std::string_view path) {
    for (const BundleFile& f : files) {
      if (f.path == path) return &f;
    }
    return nullptr;
  }
};

TEST_F(KbRoundTrip, WritesTheDocumentedLayout) {
  BuildKnowledgeBase(/*people=*/true);
  const std::vector<BundleFile> files = ExportOrDie();
  std::vector<std::string> paths;
  for (const BundleFile& f : files) paths.push_back(f.path);
  store::Attachment png;
  for (const store::Attachment& a : Attachments(org_)) {
    if (a.filename == "logo.png") png = a;
  }
  EXPECT_THAT(paths, ::testing::IsSupersetOf(std::vector<std::string>{
                         "getting-started/_category.md", "getting-started/welcome.en.md",
                         "getting-started/bienvenue.fr.md", "getting-started/comptes/_section.md",
                         "getting-started/comptes/reset-password.en.md",
                         "getting-started/comptes/reset-password.en.published.md",
                         "policies/_category.md", "policies/leave.en.md", "old-vpn.en.md",
                         "attachments/" + png.id.str() + "/logo.png"}));
  EXPECT_EQ(files.size(), 11U);
  const BundleFile* welcome = Find(files, "getting-started/welcome.en.md");
  ASSERT_NE(welcome, nullptr);
  EXPECT_THAT(welcome->bytes, HasSubstr("owner: editor@acme.test\n"));
  EXPECT_THAT(welcome->bytes, HasSubstr("category: [Getting started]\n"));
  EXPECT_THAT(Find(files, "old-vpn.en.md")->bytes, HasSubstr("live: head\n"));
  EXPECT_THAT(Find(files, "getting-started/comptes/reset-password.en.published.md")->bytes,
              HasSubstr("revision_of: "));
}

TEST_F(KbRoundTrip, SameBytesThroughAnotherOrganisation) {
  BuildKnowledgeBase(/*people=*/false);
  const std::vector<BundleFile> first = ExportOrDie();
  const ImportReport report = ImportOrDie(first, {}, &db_, &other_org_);
  ASSERT_TRUE(report.errors.empty()) << Describe(report.errors);
  EXPECT_TRUE(report.warnings.empty()) << Describe(report.warnings);
  EXPECT_EQ(report.articles_created, 5);
  EXPECT_EQ(report.categories_created, 3);
  EXPECT_EQ(report.attachments_created, 2);
  ExpectSameBundle(first, ExportOrDie(&db_, &other_org_));
}

TEST_F(KbRoundTrip, SameBytesThroughAnotherDatabase) {
  BuildKnowledgeBase(/*people=*/true);
  const std::vector<BundleFile> first = ExportOrDie();
  TestDatabase other(clock_);
  const store::Organisation org = CreateOrg(*other.store, "elsewhere");
  CreateUser(*other.store, org.id, "editor@acme.test");
  const ImportReport report = ImportOrDie(first, {}, &other, &org);
  ASSERT_TRUE(report.errors.empty()) << Describe(report.errors);
  ExpectSameBundle(first, ExportOrDie(&other, &org));
  // Through a zip too.
  const auto zip = WriteBundleZip(first);
  ASSERT_TRUE(zip);
  const auto unzipped = ReadBundleZip(*zip);
  ASSERT_TRUE(unzipped);
  ExpectSameBundle(first, *unzipped);
}

TEST_F(KbRoundTrip, ImportingAnExportIntoItsOwnOrganisationChangesNothing) {
  BuildKnowledgeBase(/*people=*/true);
  const auto articles = Articles(org_);
  const auto categories = Categories(org_);
  const auto attachments = Attachments(org_);
  clock_.Advance(std::chrono::hours(2));
  const ImportReport report = ImportOrDie(ExportOrDie());
  ASSERT_TRUE(report.errors.empty()) << Describe(report.errors);
  EXPECT_TRUE(report.applied);
  EXPECT_FALSE(report.HasChanges());
  EXPECT_EQ(report.articles_unchanged, 5);
  EXPECT_EQ(Articles(org_), articles);
  EXPECT_EQ(Categories(org_), categories);
  EXPECT_EQ(Attachments(org_), attachments);
  EXPECT_TRUE(AuditOf(org_, "kb.import").empty());
}

}  // namespace
}  // namespace rapport::kb::bundle_testing

// The store-free parts of the bundle import: link resolution, Markdown destinations, front
// matter mapping and its errors, and planning against an in-memory knowledge base.

#include "rapport/kb/bundle.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "rapport/core/clock.h"
#include "rapport/core/id.h"
#include "rapport/core/random.h"
#include "rapport/kb/internal/bundle_links.h"
#include "rapport/kb/internal/bundle_parse.h"
#include "rapport/kb/internal/bundle_plan.h"
#include "rapport/kb/internal/bundle_revisions.h"
#include "rapport/kb/internal/bundle_text.h"

namespace rapport::kb {
namespace {

using namespace std::chrono_literals;  // NOLINT(google-build-using-namespace): date literals
using ::testing::HasSubstr;

const std::string kPng = std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16) + std::string(64, '\1');

core::TimePoint TestNow() {
  return std::chrono::time_point_cast<std::chrono::microseconds>(
      std::chrono::sys_days{2026y / 11 / 22} + 10h);
}

class BundlePlanTest : public ::testing::Test {
 protected:
  BundlePlanTest() {
    store::User editor;
    editor.id = ids_.New<store::UserTag>();
    editor.email = "editor@example.com";
    snapshot_.users.push_back(editor);
  }

  BundlePlan Plan(const std::vector<BundleFile>& files, ImportOptions options = {}) {
    const ParsedBundle parsed = ParseBundle(files, options);
    return PlanBundle(parsed, snapshot_, options, ids_, clock_.Now());
  }

  // The plan's error messages as "path:line: message".
  static std::vector<std::string> Errors(const BundlePlan& plan) {
    std::vector<std::string> out;
    for (const ImportFileError& e : plan.report.errors) {
      out.push_back(e.path + ":" + std::to_string(e.line) + ": " + e.message);
    }
    return out;
  }

  static const PlannedArticle& ArticleAt(const BundlePlan& plan, std::string_view path) {
    for (const PlannedArticle& a : plan.articles) {
      if (a.path == path) return a;
    }
    throw std::runtime_error("no planned article " + std::string(path));
  }

  core::FakeClock clock_{TestNow()};
  core::SeededRandom random_{11};
  core::IdGenerator ids_{clock_, random_};
  KbSnapshot snapshot_;
};

TEST(BundleLinks, ResolvesRelativePathsAgainstTheFilesFolder) {
  EXPECT_EQ(ResolveBundleLink("a/b/x.md", "../guide/other.md"),
            (BundleLink{.path = "a/guide/other.md", .fragment = ""}));
  EXPECT_EQ(ResolveBundleLink("a/x.md", "img/a%20b.png?v=2#top"),
            (BundleLink{.path = "a/img/a b.png", .fragment = "top"}));
  EXPECT_EQ(ResolveBundleLink("a/b/x.md", "./../../top.md"),
            (BundleLink{.path = "top.md", .fragment = ""}));
  EXPECT_EQ(ResolveBundleLink("a/b/x.md", "/root.md"),
            (BundleLink{.path = "root.md", .fragment = ""}));
  // LibreOffice pages: <base href="../../../../"> joined textually before resolution.
  EXPECT_EQ(ResolveBundleLink("help/en-US/text/swriter/guide/x.html",
                              "../../../../en-US/text/shared/01/y.html#bm_1"),
            (BundleLink{.path = "help/en-US/text/shared/01/y.html", .fragment = "bm_1"}));
}

TEST(BundleLinks, LeavesUrlsFragmentsAndEscapesAlone) {
  EXPECT_FALSE(ResolveBundleLink("x.md", "https://example.com/a.md"));
  EXPECT_FALSE(ResolveBundleLink("x.md", "mailto:a@example.com"));
  EXPECT_FALSE(ResolveBundleLink("x.md", "article:0123"));
  EXPECT_FALSE(ResolveBundleLink("x.md", "//host/a.md"));
  EXPECT_FALSE(ResolveBundleLink("x.md", "#section"));
  EXPECT_FALSE(ResolveBundleLink("a/x.md", "../../etc/passwd"));
  EXPECT_FALSE(ResolveBundleLink("x.md", "folder/"));
}

TEST(BundleLinks, RewritesMarkdownDestinationsOutsideCode) {
  const std::string md =
      "See [the guide](guide.md \"Guide\") and ![logo](<img/logo.png>).\n"
      "Code `[not](a.md)` stays, \\[escaped](b.md) too.\n"
      "\n"
      "```\n[fenced](c.md)\n```\n"
      "[![badge](badge.png)](target.md)\n"
      "[ref]: other.md \"Other\"\n";
  std::vector<std::pair<std::string, bool>> seen;
  const std::string out = RewriteMarkdownDestinations(md, [&](std::string_view dest, bool image) {
    seen.emplace_back(std::string(dest), image);
    return std::optional<std::string>("X" + std::string(dest.substr(0, 1)));
  });
  EXPECT_EQ(seen, (std::vector<std::pair<std::string, bool>>{{"guide.md", false},
                                                             {"img/logo.png", true},
                                                             {"badge.png", true},
                                                             {"target.md", false},
                                                             {"other.md", false}}));
  EXPECT_EQ(out,
            "See [the guide](Xg \"Guide\") and ![logo](Xi).\n"
            "Code `[not](a.md)` stays, \\[escaped](b.md) too.\n"
            "\n"
            "```\n[fenced](c.md)\n```\n"
            "[![badge](Xb)](Xt)\n"
            "[ref]: Xo \"Other\"\n");
}

TEST(BundleLinks, PlaceholdersAvoidTextOfTheBundle) {
  const std::vector<BundleFile> files{{"a.md", "mentions bundleref0x in passing"}};
  const Placeholders p(files);
  EXPECT_EQ(p.prefix(), "bundleref1x");
  const std::string text = "a " + p.Make(3) + "#x " + p.Make(12) + " bundleref1x9";
  EXPECT_EQ(p.Substitute(text, [](std::size_t i) { return "id" + std::to_string(i); }),
            "a id3#x id12 bundleref1x9");
}

TEST(BundleText, ParsesIsoTimes) {
  EXPECT_EQ(ParseIsoTime("2026-11-22T10:00:00Z"), TestNow());
  EXPECT_EQ(ParseIsoTime("2026-11-22T10:00:00.250Z"), TestNow() + 250ms);
  EXPECT_EQ(ParseIsoTime("2026-11-22T11:30:00+01:30"), TestNow());
  EXPECT_EQ(ParseIsoTime("2026-11-22"), TestNow() - 10h);
  EXPECT_EQ(ParseIsoTime(core::FormatIso8601(TestNow() + 7ms)), TestNow() + 7ms);
  for (const std::string_view bad : {"", "2026-13-01", "2026-02-30T00:00:00Z", "yesterday",
                                     "2026-11-22T10:00:00", "2026-11-22T25:00:00Z"}) {
    EXPECT_FALSE(ParseIsoTime(bad)) << bad;
  }
}

TEST(BundleText, NormalisesLanguagesAndFolderNames) {
  EXPECT_EQ(NormaliseLanguageTag("en-US"), "en-us");
  EXPECT_EQ(NormaliseLanguageTag("pt-BR"), "pt-br");
  EXPECT_FALSE(NormaliseLanguageTag("english"));
  EXPECT_FALSE(NormaliseLanguageTag("e"));
  EXPECT_EQ(FolderDisplayName("getting-started"), "Getting started");
  EXPECT_EQ(FolderDisplayName("how_to__guides"), "How to guides");
}

TEST_F(BundlePlanTest, MapsFrontMatterToAnArticle) {
  const auto plan = Plan({{"guides/setup/install.md",
                           "---\n"
                           "title: Installing\n"
                           "summary: How to install\n"
                           "tags: Setup, linux, setup\n"
                           "visibility: restricted\n"
                           "roles: [hr, admin]\n"
                           "owner: Editor@Example.com\n"
                           "verify_interval_days: 30\n"
                           "verified_at: 2026-11-01T00:00:00Z\n"
                           "---\n"
                           "Body\n"}});
  ASSERT_TRUE(plan.report.errors.empty()) << testing::PrintToString(Errors(plan));
  ASSERT_EQ(plan.articles.size(), 1U);
  const PlannedArticle& a = plan.articles[0];
  EXPECT_EQ(a.head.title, "Installing");
  EXPECT_EQ(a.head.summary, "How to install");
  EXPECT_EQ(a.head.tags, (std::vector<std::string>{"setup", "linux"}));
  EXPECT_EQ(a.head.body, "Body\n");
  EXPECT_EQ(a.article.slug, "install");
  EXPECT_EQ(a.article.language, "en");
  EXPECT_EQ(a.article.translation_group, a.article.id.str());
  EXPECT_EQ(a.article.visibility, store::Visibility::kRestricted);
  EXPECT_EQ(a.article.roles, (std::vector<std::string>{"admin", "hr"}));
  EXPECT_EQ(a.article.owner_id, snapshot_.users[0].id);
  EXPECT_EQ(a.article.verify_interval_days, 30);
  EXPECT_EQ(a.article.status, store::ArticleStatus::kDraft);
  EXPECT_EQ(a.article.published_revision, 0);
  // Folders: "guides" -> category "Guides", "setup" -> its section "Setup".
  ASSERT_EQ(plan.categories.size(), 2U);
  EXPECT_EQ(plan.categories[0].category.name, "Guides");
  EXPECT_EQ(plan.categories[1].category.name, "Setup");
  EXPECT_EQ(plan.categories[1].category.parent_id, plan.categories[0].category.id);
  EXPECT_EQ(a.article.category_id, plan.categories[1].category.id);
  EXPECT_EQ(plan.report.articles_created, 1);
  EXPECT_EQ(plan.report.categories_created, 2);
}

TEST_F(BundlePlanTest, TakesTheTitleFromALeadingHeading) {
  const auto plan = Plan({{"faq.md", "\n# Frequently asked #\n\nFirst line\n"}}, {.publish = true});
  ASSERT_TRUE(plan.report.errors.empty()) << testing::PrintToString(Errors(plan));
  const PlannedArticle& a = plan.articles[0];
  EXPECT_EQ(a.head.title, "Frequently asked");
  EXPECT_EQ(a.head.body, "First line\n");
  EXPECT_EQ(a.article.status, store::ArticleStatus::kPublished);
  EXPECT_EQ(a.article.published_revision, 1);
  EXPECT_FALSE(a.article.category_id);
}

TEST_F(BundlePlanTest, ReportsEveryMappingErrorWithItsLine) {
  const auto plan = Plan({
      {"a.md", "---\ntitle: A\ntitel: typo\n---\nx\n"},
      {"b.md", "---\ntitle: B\nvisibility: secret\n---\nx\n"},
      {"c.md", "---\ntitle: C\n\nowner: nobody@example.com\n---\nx\n"},
      {"d.md", "no title here\n"},
      {"e.md", "---\ntitle: E\nslug: same\n---\nx\n"},
      {"f.md", "---\ntitle: F\nslug: same\n---\nx\n"},
      {"g.md", "---\ntitle: G\nroles: [hr, wizard]\nstatus: done\n---\nx\n"},
      {"h.md", "---\ntitle: [a, b]\nverified_at: soon\n---\nx\n"},
      {"i.md", "---\ntitle: I\nbroken: &anchor x\n---\n"},
  });
  EXPECT_THAT(Errors(plan),
              testing::UnorderedElementsAre(
                  "a.md:3: unknown key \"titel\"",
                  "b.md:3: visibility must be internal, public or restricted",
                  "c.md:4: no user of this organisation has the e-mail nobody@example.com",
                  HasSubstr("d.md:0: no title"), HasSubstr("f.md:3: slug \"same\" (en)"),
                  "g.md:3: unknown role \"wizard\"",
                  "g.md:4: status must be draft, in_review, published or archived",
                  "h.md:2: title must be text, not a list", HasSubstr("h.md:3: verified_at"),
                  HasSubstr("i.md:3:")));
  EXPECT_TRUE(plan.report.errors.size() >= 10);
}

TEST_F(BundlePlanTest, RejectsDuplicateIds) {
  const std::string id = ids_.New<store::ArticleTag>().str();
  const auto plan = Plan({{"a.md", "---\nid: " + id + "\ntitle: A\n---\n"},
                          {"b.md", "---\nid: " + id + "\ntitle: B\n---\n"}});
  EXPECT_THAT(Errors(plan), testing::ElementsAre(HasSubstr("b.md:2: id " + id)));
}

TEST_F(BundlePlanTest, DisambiguatesDerivedSlugs) {
  const auto plan = Plan({{"writer/print.html", "<title>Printing</title><p>w</p>"},
                          {"calc/print.html", "<title>Printing</title><p>c</p>"}});
  ASSERT_TRUE(plan.report.errors.empty()) << testing::PrintToString(Errors(plan));
  EXPECT_EQ(ArticleAt(plan, "calc/print.html").article.slug, "printing");
  EXPECT_EQ(ArticleAt(plan, "writer/print.html").article.slug, "printing-writer");
}

TEST_F(BundlePlanTest, ResolvesLinksBetweenFilesToIds) {
  const auto plan = Plan({
      {"guide/a.md",
       "# A\n\nSee [B](../ref/b.html#usage), ![logo](img/logo.png) and "
       "[missing](nope.md).\n"},
      {"guide/img/logo.png", kPng},
      {"guide/img/unused.png", kPng},
      {"ref/b.html",
       "<html lang=\"en-US\"><head><base href=\"../\"><title>B</title>"
       "<meta name=\"keywords\" content=\"Alpha, beta\"></head>"
       "<body><p><a href=\"guide/a.md#top\">back</a> <a href=\"https://example.com\">out</a> "
       "<a href=\"javascript:alert(1)\">bad</a> <img src=\"guide/img/logo.png\" alt=\"L\"> "
       "<img src=\"missing.png\" alt=\"M\"></p></body></html>"},
  });
  ASSERT_TRUE(plan.report.errors.empty()) << testing::PrintToString(Errors(plan));
  const PlannedArticle& a = ArticleAt(plan, "guide/a.md");
  const PlannedArticle& b = ArticleAt(plan, "ref/b.html");
  ASSERT_EQ(plan.attachments.size(), 1U);
  const store::Attachment& logo = plan.attachments[0].attachment;
  EXPECT_EQ(logo.filename, "logo.png");
  EXPECT_EQ(logo.content_type, "image/png");
  EXPECT_EQ(logo.article_id, a.article.id);
  EXPECT_EQ(a.head.body, "See [B](article:" + b.article.id.str() + "#usage), ![logo](attachment:" +
                             logo.id.str() + ") and [missing](nope.md).\n");
  EXPECT_THAT(b.head.body, HasSubstr("(article:" + a.article.id.str() + "#top)"));
  EXPECT_THAT(b.head.body, HasSubstr("(https://example.com)"));
  EXPECT_THAT(b.head.body, HasSubstr("(attachment:" + logo.id.str() + ")"));
  EXPECT_THAT(b.head.body, testing::Not(HasSubstr("javascript")));
  EXPECT_THAT(b.head.body, testing::Not(HasSubstr("missing.png")));
  EXPECT_EQ(b.article.language, "en-us");
  EXPECT_EQ(b.head.tags, (std::vector<std::string>{"alpha", "beta"}));
  ASSERT_EQ(plan.report.warnings.size(), 1U);
  EXPECT_EQ(plan.report.warnings[0].path, "guide/a.md");
}

TEST_F(BundlePlanTest, WarnsAboutLinkedFilesThatCannotBeAttachments) {
  const auto plan = Plan(
      {{"a.md", "# A\n\n[page](evil.svg)\n"}, {"evil.svg", "<svg onload=\"alert(1)\"></svg>"}});
  EXPECT_TRUE(plan.report.errors.empty()) << testing::PrintToString(Errors(plan));
  EXPECT_TRUE(plan.attachments.empty());
  ASSERT_FALSE(plan.report.warnings.empty());
  EXPECT_EQ(plan.report.warnings[0].path, "evil.svg");
}

TEST_F(BundlePlanTest, RemapsArticleLinksByFrontMatterId) {
  const std::string id = ids_.New<store::ArticleTag>().str();
  const auto plan = Plan({{"a.md", "---\nid: " + id + "\ntitle: A\n---\nself\n"},
                          {"b.md", "# B\n\n[a](article:" + id + "#x) [z](article:zzz)\n"}});
  ASSERT_TRUE(plan.report.errors.empty()) << testing::PrintToString(Errors(plan));
  EXPECT_EQ(ArticleAt(plan, "a.md").article.id.str(), id);
  EXPECT_EQ(ArticleAt(plan, "b.md").head.body, "[a](article:" + id + "#x) [z](article:zzz)\n");
}

TEST_F(BundlePlanTest, UpdatesOnlyWhatDiffers) {
  const auto first = Plan({{"a.md", "---\ntitle: A\ntags: [x]\n---\nBody\n"}}, {.publish = true});
  ASSERT_EQ(first.articles.size(), 1U);
  store::Article stored = first.articles[0].article;
  stored.published = stored.head;
  snapshot_.articles.push_back(stored);
  for (const PlannedCategory& c : first.categories) snapshot_.categories.push_back(c.category);

  const auto same = Plan({{"a.md", "---\ntitle: A\ntags: [x]\n---\nBody\n"}}, {.publish = true});
  EXPECT_TRUE(same.report.errors.empty());
  EXPECT_TRUE(same.articles.empty());
  EXPECT_EQ(same.report.articles_unchanged, 1);
  EXPECT_FALSE(same.report.HasChanges());

  const auto edited = Plan({{"a.md", "---\ntitle: A\n---\nNew body\n"}}, {.publish = true});
  ASSERT_EQ(edited.articles.size(), 1U);
  const PlannedArticle& p = edited.articles[0];
  ASSERT_EQ(p.new_revisions.size(), 1U);
  EXPECT_EQ(p.new_revisions[0].body, "New body\n");
  EXPECT_EQ(p.new_revisions[0].tags, std::vector<std::string>{"x"});  // absent key: kept
  EXPECT_EQ(p.article.published_revision, 2);
  EXPECT_EQ(edited.report.articles_updated, 1);

  // Without --publish and without a status, an edit leaves the live revision where it is.
  const auto draft = Plan({{"a.md", "---\ntitle: A\n---\nDraft body\n"}});
  ASSERT_EQ(draft.articles.size(), 1U);
  EXPECT_EQ(draft.articles[0].article.published_revision, 1);
  EXPECT_EQ(draft.articles[0].article.head_revision, 2);
}

TEST(BundleRevisions, KeepsALiveRevisionApartFromAPendingDraft) {
  const store::ArticleContent live{.title = "T", .summary = "", .body = "live", .tags = {}};
  const store::ArticleContent draft{.title = "T", .summary = "", .body = "draft", .tags = {}};
  const RevisionSteps fresh = StepsFor(nullptr, draft, LiveKind::kSeparate, live);
  ASSERT_EQ(fresh.revisions.size(), 2U);
  EXPECT_EQ(fresh.revisions[0], live);
  EXPECT_EQ(fresh.published_revision, 1);
  EXPECT_EQ(fresh.head_revision, 2);

  store::Article existing;
  existing.head_revision = 4;
  existing.published_revision = 3;
  existing.head = draft;
  existing.published = live;
  const RevisionSteps same = StepsFor(&existing, draft, LiveKind::kSeparate, live);
  EXPECT_TRUE(same.revisions.empty());
  EXPECT_EQ(same.published_revision, 3);

  const RevisionSteps publish_head = StepsFor(&existing, draft, LiveKind::kHead, live);
  EXPECT_TRUE(publish_head.revisions.empty());
  EXPECT_EQ(publish_head.published_revision, 4);

  const RevisionSteps unpublish = StepsFor(&existing, draft, LiveKind::kNone, live);
  EXPECT_EQ(unpublish.published_revision, 0);
}

}  // namespace
}  // namespace rapport::kb

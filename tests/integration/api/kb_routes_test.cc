// The knowledge-base endpoints and the help center through the real route table: bodies and
// parameters that are malformed, wrong-typed, oversized or hostile get a 4xx in the JSON
// error shape and write nothing; the public pages and API show public live revisions only,
// render without script, and send safe headers.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json.hpp>
#include <string>
#include <vector>

#include "tests/integration/api/harness.h"

namespace rapport::api::testing {
namespace {

namespace json = boost::json;
using http::Method;
using ::testing::HasSubstr;
using ::testing::Not;

std::string HeaderOf(const http::Response& response, std::string_view name) {
  for (const auto& [key, value] : response.headers) {
    if (key == name) return value;
  }
  return {};
}

class KbRoutesTest : public ::testing::Test {
 protected:
  KbRoutesTest() {
    api_.CreateUser(api_.help_org(), "editor@help.example", auth::Role::kKnowledgeEditor);
    api_.CreateUser(api_.help_org(), "second@help.example", auth::Role::kKnowledgeEditor);
    api_.CreateUser(api_.help_org(), "employee@help.example", auth::Role::kEmployee);
    editor_ = api_.SignIn("editor@help.example");
    second_ = api_.SignIn("second@help.example");
    employee_ = api_.SignIn("employee@help.example");
  }

  json::object Ok(const http::Response& response, int status = 200) {
    EXPECT_EQ(response.status, status) << response.body;
    auto parsed = json::parse(response.body);
    return parsed.is_object() ? parsed.as_object() : json::object{};
  }

  // An article by the editor, approved by the second editor.
  std::string Published(const std::string& title, const std::string& body,
                        const std::string& visibility, const std::string& category = {}) {
    json::object request{{"title", title}, {"body", body}, {"visibility", visibility}};
    if (!category.empty()) request["category_id"] = category;
    const auto created =
        Ok(api_.Call(Method::kPost, "/api/v1/articles", json::serialize(request), editor_), 201);
    const std::string id(created.at("id").as_string());
    Ok(api_.Call(Method::kPost, "/api/v1/articles/" + id + "/transitions", R"({"to":"in_review"})",
                 editor_));
    Ok(api_.Call(Method::kPost, "/api/v1/articles/" + id + "/transitions", R"({"to":"published"})",
                 second_));
    return id;
  }

  void ExpectError(const http::Response& response, int status, std::string_view field = {}) {
    EXPECT_EQ(response.status, status) << response.body;
    const auto parsed = json::parse(response.body);
    ASSERT_TRUE(parsed.is_object()) << response.body;
    ASSERT_TRUE(parsed.as_object().contains("error")) << response.body;
    if (!field.empty()) {
      EXPECT_EQ(parsed.at("error").at("field").as_string(), field) << response.body;
    }
  }

  int ArticleCount() {
    return static_cast<int>(Ok(api_.Call(Method::kGet, "/api/v1/articles", "", editor_))
                                .at("articles")
                                .as_array()
                                .size());
  }

  ApiHarness api_;
  Caller editor_;
  Caller second_;
  Caller employee_;
};

// The editor's owner and verifier pickers: enabled accounts of the caller's organisation only.
TEST_F(KbRoutesTest, WritersAreTheEnabledAccountsOfTheOrganisation) {
  store::User gone = api_.CreateUser(api_.help_org(), "gone@help.example", auth::Role::kEmployee);
  gone.disabled = true;
  ASSERT_TRUE(store::WriteValue<store::User>(
      api_.store(), [&](store::WriteTx& tx) { return tx.users().Update(gone); }));
  const auto other = api_.CreateOrganisation("elsewhere");
  api_.CreateUser(other.id, "stranger@elsewhere.example", auth::Role::kKnowledgeEditor);

  const auto listed = Ok(api_.Call(Method::kGet, "/api/v1/kb/writers", "", employee_));
  std::vector<std::string> names;
  for (const auto& w : listed.at("writers").as_array()) {
    EXPECT_FALSE(w.at("id").as_string().empty());
    names.emplace_back(w.at("name").as_string());
  }
  EXPECT_TRUE(std::ranges::is_sorted(names)) << json::serialize(listed);
  const std::string all = json::serialize(listed);
  EXPECT_THAT(all, HasSubstr("editor@help.example"));
  EXPECT_THAT(all, HasSubstr("employee@help.example"));
  EXPECT_THAT(all, Not(HasSubstr("gone@help.example")));
  EXPECT_THAT(all, Not(HasSubstr("stranger@elsewhere.example")));
  ExpectError(api_.Call(Method::kGet, "/api/v1/kb/writers"), 401);
}

TEST_F(KbRoutesTest, BadBodiesAnswer4xxAndWriteNothing) {
  ExpectError(api_.Call(Method::kPost, "/api/v1/articles", "{not json", editor_), 400);
  ExpectError(api_.Call(Method::kPost, "/api/v1/articles", R"([1,2])", editor_), 400);
  ExpectError(api_.Call(Method::kPost, "/api/v1/articles", R"({"title":5,"body":"x"})", editor_),
              400, "title");
  ExpectError(api_.Call(Method::kPost, "/api/v1/articles", R"({"body":"x"})", editor_), 400,
              "title");
  ExpectError(api_.Call(Method::kPost, "/api/v1/articles",
                        R"({"title":"T","body":"x","colour":"red"})", editor_),
              400, "colour");
  ExpectError(api_.Call(Method::kPost, "/api/v1/articles",
                        R"({"title":"T","body":"x","tags":["a",7]})", editor_),
              400, "tags[1]");
  ExpectError(api_.Call(Method::kPost, "/api/v1/articles",
                        R"({"title":"T","body":"x","visibility":"everyone"})", editor_),
              400, "visibility");
  ExpectError(api_.Call(Method::kPost, "/api/v1/articles",
                        R"({"title":"T","body":"x","category_id":"../../etc"})", editor_),
              400, "category_id");
  ExpectError(
      api_.Call(Method::kPost, "/api/v1/articles", R"({"title":"   ","body":"x"})", editor_), 422,
      "title");
  ExpectError(api_.Call(Method::kPost, "/api/v1/articles",
                        R"({"title":"T","body":"x","language":"klingon!"})", editor_),
              422, "language");
  ExpectError(api_.Call(Method::kPost, "/api/v1/articles",
                        R"({"title":"T","body":"x","slug":"Not A Slug"})", editor_),
              422, "slug");
  ExpectError(api_.Call(Method::kPost, "/api/v1/articles",
                        R"({"title":"T","body":"x","verify_interval_days":0})", editor_),
              422, "verify_interval_days");
  const std::string huge = R"({"title":"T","body":")" + std::string(1'100'000, 'a') + R"("})";
  const auto too_large = api_.Call(Method::kPost, "/api/v1/articles", huge, editor_);
  EXPECT_EQ(too_large.status, 413) << too_large.body.substr(0, 200);
  EXPECT_EQ(ArticleCount(), 0);
}

TEST_F(KbRoutesTest, BadParametersAnswer400) {
  ExpectError(api_.Call(Method::kGet, "/api/v1/articles?status=live", "", editor_), 400, "status");
  ExpectError(api_.Call(Method::kGet, "/api/v1/articles?limit=0", "", editor_), 400, "limit");
  ExpectError(api_.Call(Method::kGet, "/api/v1/articles?cursor=%%%", "", editor_), 400, "cursor");
  ExpectError(api_.Call(Method::kGet, "/api/v1/articles?stale=maybe", "", editor_), 400, "stale");
  ExpectError(api_.Call(Method::kGet, "/api/v1/articles/not-an-id", "", editor_), 400);
  const std::string id = Published("Doc", "x", "internal");
  ExpectError(api_.Call(Method::kGet, "/api/v1/articles/" + id + "/revisions/0", "", editor_), 400,
              "n");
  ExpectError(api_.Call(Method::kGet, "/api/v1/articles/" + id + "/diff?from=x", "", editor_), 400,
              "from");
  ExpectError(api_.Call(Method::kGet, "/api/v1/articles/" + id + "/diff?to=7", "", editor_), 404,
              "revision");
  ExpectError(api_.Call(Method::kGet, "/api/v1/articles/" + id + "/stats?days=9999", "", editor_),
              400, "days");
  ExpectError(api_.Call(Method::kPost, "/api/v1/articles/" + id + "/transitions",
                        R"({"to":"deleted"})", editor_),
              400, "to");
}

TEST_F(KbRoutesTest, EditingWithAStaleBaseRevisionIsAConflict) {
  const std::string id = Published("Policy", "v1", "internal");
  Ok(api_.Call(Method::kPatch, "/api/v1/articles/" + id, R"({"body":"v2","base_revision":1})",
               employee_));
  ExpectError(api_.Call(Method::kPatch, "/api/v1/articles/" + id,
                        R"({"body":"v2b","base_revision":1})", editor_),
              409, "base_revision");
  const auto live = Ok(api_.Call(Method::kGet, "/api/v1/articles/" + id, "", employee_));
  EXPECT_EQ(live.at("body").as_string(), "v1");
  EXPECT_EQ(live.at("has_unpublished_changes").as_bool(), true);
}

TEST_F(KbRoutesTest, PreviewRendersSafely) {
  const auto preview = Ok(api_.Call(
      Method::kPost, "/api/v1/markdown/preview",
      R"({"markdown":"# Hi\n\n<script>x</script> [a](javascript:alert(1))\n\n| a | b |\n|---|---|\n| 1 | 2 |"})",
      employee_));
  const std::string html(preview.at("html").as_string());
  EXPECT_THAT(html, HasSubstr("<table>"));
  EXPECT_THAT(html, Not(HasSubstr("<script")));
  EXPECT_THAT(html, Not(HasSubstr("javascript:")));
  EXPECT_EQ(preview.at("headings").as_array().size(), 1U);
}

TEST_F(KbRoutesTest, PublicApiShowsPublicLiveArticlesOnly) {
  Published("Public one", "Shown.", "public");
  Published("Internal one", "Hidden.", "internal");
  Ok(api_.Call(Method::kPost, "/api/v1/articles",
               R"({"title":"Public draft","body":"Not yet.","visibility":"public"})", editor_),
     201);
  const auto listing = Ok(api_.Call(Method::kGet, "/api/v1/help/articles", ""));
  const auto& articles = listing.at("articles").as_array();
  ASSERT_EQ(articles.size(), 1U);
  EXPECT_EQ(articles[0].at("title").as_string(), "Public one");
  EXPECT_FALSE(articles[0].as_object().contains("owner"));
  const auto one = Ok(api_.Call(Method::kGet, "/api/v1/help/articles/public-one", ""));
  EXPECT_THAT(std::string(one.at("body_html").as_string()), HasSubstr("Shown."));
  ExpectError(api_.Call(Method::kGet, "/api/v1/help/articles/internal-one", ""), 404);
  ExpectError(api_.Call(Method::kGet, "/api/v1/help/articles/public-draft", ""), 404);
  const auto searched = Ok(api_.Call(Method::kGet, "/api/v1/help/articles?q=internal", ""));
  EXPECT_TRUE(searched.at("articles").as_array().empty());
}

TEST_F(KbRoutesTest, HelpCenterPagesWorkWithoutScriptAndHideEverythingElse) {
  const auto category =
      Ok(api_.Call(Method::kPost, "/api/v1/categories",
                   R"({"name":"Billing","description":"Money matters"})", editor_),
         201);
  const std::string category_id(category.at("id").as_string());
  Published("Refunds <fast>", "Ask **support**.\n\n<script>alert(1)</script>", "public",
            category_id);
  Published("Staff only", "Internal.", "internal", category_id);

  const auto home = api_.Call(Method::kGet, "/help", "");
  EXPECT_EQ(home.status, 200);
  EXPECT_EQ(home.content_type, "text/html; charset=utf-8");
  EXPECT_THAT(home.body, HasSubstr("href=\"/help/billing\""));
  EXPECT_EQ(HeaderOf(home, "Cache-Control"), "public, max-age=60");

  const auto listing = api_.Call(Method::kGet, "/help/billing", "");
  EXPECT_EQ(listing.status, 200);
  EXPECT_THAT(listing.body, HasSubstr("Refunds &lt;fast&gt;"));
  EXPECT_THAT(listing.body, Not(HasSubstr("Staff only")));

  const auto page = api_.Call(Method::kGet, "/help/billing/refunds-fast", "");
  EXPECT_EQ(page.status, 200) << page.body;
  EXPECT_THAT(page.body, HasSubstr("<strong>support</strong>"));
  EXPECT_THAT(page.body, Not(HasSubstr("<script>alert")));
  EXPECT_THAT(page.body, HasSubstr("<form method=\"post\" action=\"/help/feedback/"));
  // Wrong category in the address: one canonical URL.
  const auto moved = api_.Call(Method::kGet, "/help/articles/refunds-fast", "");
  EXPECT_EQ(moved.status, 301);
  EXPECT_EQ(HeaderOf(moved, "Location"), "/help/billing/refunds-fast");
  EXPECT_EQ(api_.Call(Method::kGet, "/help/billing/staff-only", "").status, 404);
  EXPECT_EQ(api_.Call(Method::kGet, "/help/nothing-here", "").status, 404);

  api_.CatchUpSearch();
  const auto search = api_.Call(Method::kGet, "/help?q=refund", "");
  EXPECT_EQ(search.status, 200);
  EXPECT_THAT(search.body, HasSubstr("/help/billing/refunds-fast"));
  EXPECT_THAT(search.body, Not(HasSubstr("staff-only")));
  const auto css = api_.Call(Method::kGet, "/help-assets/help.css", "");
  EXPECT_EQ(css.status, 200);
  EXPECT_EQ(css.content_type, "text/css; charset=utf-8");
}

TEST_F(KbRoutesTest, PublicFeedbackIsRateLimitedAndNeverAnOpenRedirect) {
  const std::string id = Published("Shipping", "Two days.", "public");
  const auto voted =
      api_.Call(Method::kPost, "/help/feedback/" + id,
                "helpful=no&reason=unclear&comment=Which+days%3F&back=https%3A%2F%2Fevil.example",
                {}, "application/x-www-form-urlencoded");
  EXPECT_EQ(voted.status, 303);
  EXPECT_EQ(HeaderOf(voted, "Location"), "/help?thanks=1");
  const auto queue = Ok(api_.Call(Method::kGet, "/api/v1/feedback?owner=me", "", editor_));
  ASSERT_EQ(queue.at("feedback").as_array().size(), 1U);
  EXPECT_EQ(queue.at("feedback").as_array()[0].at("comment").as_string(), "Which days?");
  EXPECT_EQ(queue.at("feedback").as_array()[0].at("from_public").as_bool(), true);
  ExpectError(
      api_.Call(Method::kPost, "/api/v1/help/articles/" + id + "/feedback", R"({"helpful":"yes"})"),
      400, "helpful");
  int limited = 0;
  for (int i = 0; i < 40; ++i) {
    const auto r = api_.Call(Method::kPost, "/api/v1/help/articles/" + id + "/feedback",
                             R"({"helpful":true})");
    if (r.status == 429) ++limited;
  }
  EXPECT_GT(limited, 0);
}

TEST_F(KbRoutesTest, AttachmentsAreServedWithSafeHeaders) {
  const std::string png =
      std::string("\x89PNG\r\n\x1a\n", 8) +
      std::string("\0\0\0\rIHDR\0\0\0\1\0\0\0\1\x08\x06\0\0\0\x1f\x15\xc4\x89", 25);
  const auto draft = Ok(api_.Call(Method::kPost, "/api/v1/articles",
                                  R"({"title":"Pic","body":"x","visibility":"public"})", editor_),
                        201);
  const std::string article(draft.at("id").as_string());
  const auto uploaded =
      Ok(api_.Call(Method::kPost, "/api/v1/attachments?filename=shot.png&article_id=" + article,
                   png, editor_),
         201);
  const std::string id(uploaded.at("id").as_string());
  EXPECT_EQ(uploaded.at("markdown").as_string(), "![shot.png](attachment:" + id + ")");
  const auto file = api_.Call(Method::kGet, "/api/v1/attachments/" + id, "", editor_);
  EXPECT_EQ(file.status, 200);
  EXPECT_EQ(file.content_type, "image/png");
  EXPECT_EQ(file.body, png);
  EXPECT_EQ(HeaderOf(file, "X-Content-Type-Options"), "nosniff");
  EXPECT_THAT(HeaderOf(file, "Content-Security-Policy"), HasSubstr("sandbox"));
  // Not public until the article is.
  EXPECT_EQ(api_.Call(Method::kGet, "/help/files/" + id + "/shot.png", "").status, 404);
  ExpectError(api_.Call(Method::kPost, "/api/v1/attachments?filename=x.svg",
                        "<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>", editor_),
              422, "file");
  ExpectError(api_.Call(Method::kPost, "/api/v1/attachments?filename=empty.txt", "", editor_), 422);
}

TEST_F(KbRoutesTest, ExportImportsBackUnchangedAndGarbageIsRefused) {
  Published("Exported", "Round *trip*.", "public");
  const auto zip = api_.Call(Method::kGet, "/api/v1/kb/export", "", editor_);
  ASSERT_EQ(zip.status, 200) << zip.body.substr(0, 200);
  EXPECT_EQ(zip.content_type, "application/zip");
  EXPECT_EQ(zip.body.substr(0, 2), "PK");
  const auto again =
      Ok(api_.Call(Method::kPost, "/api/v1/kb/import?dry_run=false", zip.body, editor_));
  EXPECT_EQ(again.at("articles_created").as_int64(), 0);
  EXPECT_EQ(again.at("articles_unchanged").as_int64(), 1);
  const auto garbage = api_.Call(Method::kPost, "/api/v1/kb/import", "not an archive", editor_);
  EXPECT_GE(garbage.status, 400);
  EXPECT_LT(garbage.status, 500);
  EXPECT_EQ(api_.Call(Method::kGet, "/api/v1/kb/export", "", employee_).status, 403);
  EXPECT_EQ(ArticleCount(), 1);
}

}  // namespace
}  // namespace rapport::api::testing

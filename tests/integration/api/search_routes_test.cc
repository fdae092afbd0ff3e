// The search endpoints through the real route table, with the real store and Xapian index:
// hostile, malformed and oversized parameters get a 4xx in the JSON error shape; results
// never carry markup from article text; the help center finds public live articles only;
// analytics, synonyms and settings are for knowledge editors.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

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

class SearchRoutesTest : public ::testing::Test {
 protected:
  SearchRoutesTest() {
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

  std::string Published(const std::string& title, const std::string& body,
                        const std::string& visibility) {
    json::object request{{"title", title}, {"body", body}, {"visibility", visibility}};
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

  std::vector<std::string> Titles(const json::object& found) {
    std::vector<std::string> out;
    for (const auto& r : found.at("results").as_array()) {
      out.emplace_back(r.at("title").as_string());
    }
    return out;
  }

  ApiHarness api_;
  Caller editor_;
  Caller second_;
  Caller employee_;
};

TEST_F(SearchRoutesTest, StaffSearchAnswersTheDocumentedShape) {
  Published("Printer setup", "Install the printer driver first.", "internal");
  api_.CatchUpSearch();
  const auto found =
      Ok(api_.Call(Method::kGet, "/api/v1/search?q=printer&facets=true", "", employee_));
  ASSERT_EQ(found.at("results").as_array().size(), 1U);
  const auto& hit = found.at("results").as_array()[0].as_object();
  for (const char* key : {"id", "title", "title_html", "snippet", "score", "slug", "language",
                          "category_id", "url"}) {
    EXPECT_TRUE(hit.contains(key)) << key;
  }
  EXPECT_THAT(std::string(hit.at("title_html").as_string()), HasSubstr("<mark>Printer</mark>"));
  EXPECT_EQ(found.at("total").as_int64(), 1);
  EXPECT_TRUE(found.at("did_you_mean").is_null());
  EXPECT_TRUE(found.at("facets").as_object().contains("category"));
}

TEST_F(SearchRoutesTest, ArticleTextNeverBecomesMarkup) {
  Published("<script>alert(1)</script> printer", "<img src=x onerror=alert(1)> printer & \"q\"",
            "public");
  api_.CatchUpSearch();
  for (const std::string& target :
       {std::string("/api/v1/search?q=printer"), std::string("/api/v1/help/search?q=printer")}) {
    const auto found = Ok(api_.Call(Method::kGet, target, "", employee_));
    ASSERT_EQ(found.at("results").as_array().size(), 1U) << target;
    const auto& hit = found.at("results").as_array()[0].as_object();
    const std::string title_html(hit.at("title_html").as_string());
    const std::string snippet(hit.at("snippet").as_string());
    EXPECT_THAT(title_html, Not(HasSubstr("<script")));
    EXPECT_THAT(snippet, Not(HasSubstr("<img")));
    EXPECT_THAT(title_html, HasSubstr("&lt;script&gt;"));
  }
  // The help center's page renders the same results without markup from the article.
  const auto page = api_.Call(Method::kGet, "/help?q=printer");
  EXPECT_EQ(page.status, 200);
  EXPECT_THAT(page.body, Not(HasSubstr("<script>alert")));
  EXPECT_THAT(page.body, Not(HasSubstr("<img src=x")));
}

TEST_F(SearchRoutesTest, MalformedParametersAreRefused) {
  ExpectError(api_.Call(Method::kGet, "/api/v1/search?q=a&limit=abc", "", employee_), 400, "limit");
  ExpectError(api_.Call(Method::kGet, "/api/v1/search?q=a&limit=0", "", employee_), 400, "limit");
  ExpectError(api_.Call(Method::kGet, "/api/v1/search?q=a&limit=101", "", employee_), 400, "limit");
  ExpectError(api_.Call(Method::kGet, "/api/v1/search?q=a&cursor=zzz", "", employee_), 400,
              "cursor");
  ExpectError(api_.Call(Method::kGet, "/api/v1/search?q=a&facets=maybe", "", employee_), 400,
              "facets");
  ExpectError(api_.Call(Method::kGet, "/api/v1/search?q=" + std::string(2001, 'a'), "", employee_),
              400, "q");
  std::string many = "/api/v1/search?q=a&tag=";
  for (int i = 0; i < 21; ++i) many += "t" + std::to_string(i) + ",";
  ExpectError(api_.Call(Method::kGet, many, "", employee_), 400, "tag");
  ExpectError(api_.Call(Method::kGet, "/api/v1/search?q=a&status=draft", "", employee_), 403);
  ExpectError(api_.Call(Method::kGet, "/api/v1/search?q=a&status=nonsense", "", editor_), 400,
              "status");
  ExpectError(api_.Call(Method::kGet, "/api/v1/help/search?q=a&limit=-1"), 400, "limit");
  ExpectError(api_.Call(Method::kGet, "/api/v1/search?q=a&language=english", "", employee_), 400,
              "language");
  ExpectError(api_.Call(Method::kGet, "/api/v1/help/search?q=a&lang=en-"), 400, "lang");
  // Hostile query text is only text.
  for (const char* q : {"%22", "-", "%22%22%22", "-%22a", "*", "a%20OR%20b", "%00", "%C3%28"}) {
    const auto response =
        api_.Call(Method::kGet, std::string("/api/v1/search?q=") + q, "", employee_);
    EXPECT_LT(response.status, 500) << q << ": " << response.body;
  }
}

TEST_F(SearchRoutesTest, SearchNeedsSignInButTheHelpCenterDoesNot) {
  EXPECT_EQ(api_.Call(Method::kGet, "/api/v1/search?q=printer").status, 401);
  EXPECT_EQ(api_.Call(Method::kGet, "/api/v1/help/search?q=printer").status, 200);
}

TEST_F(SearchRoutesTest, TheHelpCenterFindsPublicArticlesOnly) {
  Published("Public returns policy", "Returns within 30 days.", "public");
  Published("Internal returns escalation", "Escalate returns to finance.", "internal");
  api_.CatchUpSearch();
  const auto found = Ok(api_.Call(Method::kGet, "/api/v1/help/search?q=returns"));
  EXPECT_THAT(Titles(found), ::testing::ElementsAre("Public returns policy"));
  EXPECT_THAT(std::string(found.at("results").as_array()[0].at("url").as_string()),
              ::testing::StartsWith("/help/"));
  const auto page = api_.Call(Method::kGet, "/help?q=returns");
  EXPECT_THAT(page.body, HasSubstr("/public-returns-policy\""));
  EXPECT_THAT(page.body, Not(HasSubstr("Internal returns escalation")));
}

TEST_F(SearchRoutesTest, ClicksAreValidatedAndRecorded) {
  const std::string id = Published("Printer setup", "Install the driver.", "internal");
  api_.CatchUpSearch();
  Ok(api_.Call(Method::kGet, "/api/v1/search?q=printer", "", employee_));
  ExpectError(api_.Call(Method::kPost, "/api/v1/search/clicks", "{", employee_), 400);
  ExpectError(api_.Call(Method::kPost, "/api/v1/search/clicks",
                        R"({"q":"printer","article_id":"x","position":1})", employee_),
              400, "article_id");
  ExpectError(api_.Call(Method::kPost, "/api/v1/search/clicks",
                        R"({"q":"printer","article_id":")" + id + R"(","position":0})", employee_),
              400, "position");
  ExpectError(api_.Call(Method::kPost, "/api/v1/search/clicks",
                        R"({"q":"printer","article_id":")" + id + R"(","position":1,"extra":true})",
                        employee_),
              400);
  ExpectError(
      api_.Call(Method::kPost, "/api/v1/search/clicks",
                R"({"q":"never searched","article_id":")" + id + R"(","position":1})", employee_),
      404);
  Ok(api_.Call(Method::kPost, "/api/v1/search/clicks",
               R"({"q":"printer","article_id":")" + id + R"(","position":1})", employee_),
     201);
  const auto insights = Ok(api_.Call(Method::kGet, "/api/v1/search/analytics", "", editor_));
  ASSERT_EQ(insights.at("top").as_array().size(), 1U);
  EXPECT_EQ(insights.at("top").as_array()[0].at("clicks").as_int64(), 1);
}

TEST_F(SearchRoutesTest, AnalyticsShowZeroResultQueriesToEditorsOnly) {
  Ok(api_.Call(Method::kGet, "/api/v1/help/search?q=Warranty&final=true"));
  api_.FlushSearchLog();
  ExpectError(api_.Call(Method::kGet, "/api/v1/search/analytics", "", employee_), 403);
  ExpectError(api_.Call(Method::kGet, "/api/v1/search/analytics?audience=robots", "", editor_), 400,
              "audience");
  ExpectError(api_.Call(Method::kGet, "/api/v1/search/analytics?days=0", "", editor_), 400, "days");
  const auto insights =
      Ok(api_.Call(Method::kGet, "/api/v1/search/analytics?audience=public", "", editor_));
  ASSERT_EQ(insights.at("zero_results").as_array().size(), 1U);
  EXPECT_EQ(insights.at("zero_results").as_array()[0].at("query").as_string(), "warranty");
  const auto staff =
      Ok(api_.Call(Method::kGet, "/api/v1/search/analytics?audience=staff", "", editor_));
  EXPECT_TRUE(staff.at("zero_results").as_array().empty());
}

TEST_F(SearchRoutesTest, SynonymsAreEditedByKnowledgeEditors) {
  const auto created = Ok(api_.Call(Method::kPost, "/api/v1/search/synonyms",
                                    R"({"words":["Vacation","leave","PTO"]})", editor_),
                          201);
  const std::string id(created.at("id").as_string());
  const auto listed = Ok(api_.Call(Method::kGet, "/api/v1/search/synonyms", "", editor_));
  ASSERT_EQ(listed.at("synonyms").as_array().size(), 1U);
  ExpectError(
      api_.Call(Method::kPost, "/api/v1/search/synonyms", R"({"words":["a","b"]})", employee_),
      403);
  ExpectError(api_.Call(Method::kPost, "/api/v1/search/synonyms", R"({"words":["only"]})", editor_),
              422, "words");
  ExpectError(api_.Call(Method::kPost, "/api/v1/search/synonyms", R"({"words":["a",3]})", editor_),
              400, "words[1]");
  ExpectError(api_.Call(Method::kPost, "/api/v1/search/synonyms", R"({"words":"a"})", editor_), 400,
              "words");
  Ok(api_.Call(Method::kPatch, "/api/v1/search/synonyms/" + id, R"({"words":["holiday","leave"]})",
               editor_));
  ExpectError(api_.Call(Method::kPatch, "/api/v1/search/synonyms/01m82tbcm7fdqpphfd7hcnn1e2",
                        R"({"words":["a","b"]})", editor_),
              404);
  EXPECT_EQ(api_.Call(Method::kDelete, "/api/v1/search/synonyms/" + id, "", editor_).status, 204);
  EXPECT_EQ(api_.Call(Method::kDelete, "/api/v1/search/synonyms/" + id, "", editor_).status, 404);
}

TEST_F(SearchRoutesTest, RetentionIsASetting) {
  const auto settings = Ok(api_.Call(Method::kGet, "/api/v1/search/settings", "", editor_));
  EXPECT_EQ(settings.at("query_retention_days").as_int64(), 90);
  Ok(api_.Call(Method::kPatch, "/api/v1/search/settings", R"({"query_retention_days":30})",
               editor_));
  ExpectError(api_.Call(Method::kPatch, "/api/v1/search/settings", R"({"query_retention_days":0})",
                        editor_),
              422, "query_retention_days");
  ExpectError(api_.Call(Method::kPatch, "/api/v1/search/settings",
                        R"({"query_retention_days":"30"})", editor_),
              400, "query_retention_days");
  ExpectError(api_.Call(Method::kGet, "/api/v1/search/settings", "", employee_), 403);
}

}  // namespace
}  // namespace rapport::api::testing

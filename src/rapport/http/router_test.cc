#include "rapport/http/router.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace rapport::http {
namespace {

using ::testing::ElementsAre;
using ::testing::Pair;

Handler Returns(std::string body) {
  return [body](const Request&) { return Response::Text(200, body, "text/plain"); };
}

std::string Call(const RouteMatch& match) {
  Request request;
  return match.route->handler(request).body;
}

Router MakeRouter() {
  Router router;
  router.Add(Method::kGet, "/api/v1/people", Returns("list"));
  router.Add(Method::kPost, "/api/v1/people", Returns("create"));
  router.Add(Method::kGet, "/api/v1/people/{id}", Returns("get"));
  router.Add(Method::kDelete, "/api/v1/people/{id}", Returns("delete"));
  router.Add(Method::kGet, "/api/v1/people/me", Returns("me"));
  router.Add(Method::kGet, "/api/v1/teams/{team}/members/{member}", Returns("member"));
  router.Add(Method::kGet, "/", Returns("root"));
  return router;
}

TEST(Router, MatchesLiteralRoutes) {
  const Router router = MakeRouter();
  const RouteMatch match = router.Match(Method::kGet, "/api/v1/people");
  ASSERT_NE(match.route, nullptr);
  EXPECT_EQ(Call(match), "list");
  EXPECT_EQ(match.route->pattern, "/api/v1/people");
  EXPECT_TRUE(match.path_params.empty());
}

TEST(Router, MatchesRootPath) {
  const Router router = MakeRouter();
  const RouteMatch match = router.Match(Method::kGet, "/");
  ASSERT_NE(match.route, nullptr);
  EXPECT_EQ(Call(match), "root");
}

TEST(Router, ExtractsParameters) {
  const Router router = MakeRouter();
  const RouteMatch match = router.Match(Method::kGet, "/api/v1/teams/t 1/members/m-2");
  ASSERT_NE(match.route, nullptr);
  EXPECT_THAT(match.path_params, ElementsAre(Pair("team", "t 1"), Pair("member", "m-2")));
}

TEST(Router, PrefersLiteralSegmentOverParameter) {
  const Router router = MakeRouter();
  EXPECT_EQ(Call(router.Match(Method::kGet, "/api/v1/people/me")), "me");
  EXPECT_EQ(Call(router.Match(Method::kGet, "/api/v1/people/42")), "get");
  // DELETE has only the parameter route, which still matches "me".
  const RouteMatch del = router.Match(Method::kDelete, "/api/v1/people/me");
  ASSERT_NE(del.route, nullptr);
  EXPECT_THAT(del.path_params, ElementsAre(Pair("id", "me")));
}

TEST(Router, UnknownPathHasNoRouteAndNoAllowedMethods) {
  const Router router = MakeRouter();
  const RouteMatch match = router.Match(Method::kGet, "/api/v1/nothing");
  EXPECT_EQ(match.route, nullptr);
  EXPECT_TRUE(match.allowed.empty());
}

TEST(Router, ParameterDoesNotMatchEmptySegmentOrExtraSegments) {
  const Router router = MakeRouter();
  EXPECT_EQ(router.Match(Method::kGet, "/api/v1/people/").route, nullptr);
  EXPECT_EQ(router.Match(Method::kGet, "/api/v1/people/1/2").route, nullptr);
  EXPECT_EQ(router.Match(Method::kGet, "/api/v1//people").route, nullptr);
}

TEST(Router, WrongMethodListsAllowedMethods) {
  const Router router = MakeRouter();
  const RouteMatch match = router.Match(Method::kPut, "/api/v1/people");
  EXPECT_EQ(match.route, nullptr);
  EXPECT_THAT(match.allowed,
              ElementsAre(Method::kGet, Method::kHead, Method::kPost, Method::kOptions));
  EXPECT_EQ(FormatAllow(match.allowed), "GET, HEAD, POST, OPTIONS");
}

TEST(Router, HeadIsServedByGetRoute) {
  const Router router = MakeRouter();
  const RouteMatch match = router.Match(Method::kHead, "/api/v1/people/7");
  ASSERT_NE(match.route, nullptr);
  EXPECT_EQ(match.route->method, Method::kGet);
  EXPECT_THAT(match.path_params, ElementsAre(Pair("id", "7")));
}

TEST(Router, ExplicitHeadRouteWinsOverGet) {
  Router router;
  router.Add(Method::kGet, "/x", Returns("get"));
  router.Add(Method::kHead, "/x", Returns("head"));
  EXPECT_EQ(Call(router.Match(Method::kHead, "/x")), "head");
}

TEST(Router, OptionsReturnsAllowListWithoutRoute) {
  const Router router = MakeRouter();
  const RouteMatch match = router.Match(Method::kOptions, "/api/v1/people/3");
  EXPECT_EQ(match.route, nullptr);
  EXPECT_THAT(match.allowed,
              ElementsAre(Method::kGet, Method::kHead, Method::kDelete, Method::kOptions));
}

TEST(Router, FallbackServesUnmatchedGetAndHeadOnly) {
  Router router = MakeRouter();
  router.SetFallback(Returns("spa"));
  const RouteMatch get = router.Match(Method::kGet, "/surveys/12/edit");
  ASSERT_NE(get.route, nullptr);
  EXPECT_EQ(Call(get), "spa");
  EXPECT_EQ(get.route->pattern, "*");
  EXPECT_NE(router.Match(Method::kHead, "/anything").route, nullptr);
  EXPECT_EQ(router.Match(Method::kPost, "/anything").route, nullptr);
  // A known path with the wrong method is still 405, not the fallback.
  const RouteMatch put = router.Match(Method::kPut, "/api/v1/people");
  EXPECT_EQ(put.route, nullptr);
  EXPECT_FALSE(put.allowed.empty());
}

TEST(Router, PathsNotStartingWithSlashMatchNothing) {
  const Router router = MakeRouter();
  EXPECT_EQ(router.Match(Method::kGet, "").route, nullptr);
  EXPECT_EQ(router.Match(Method::kGet, "api").route, nullptr);
}

TEST(RouterDeathTest, RejectsInvalidPatterns) {
  EXPECT_DEATH(Router().Add(Method::kGet, "no-slash", Returns("")), "must start with");
  EXPECT_DEATH(Router().Add(Method::kGet, "/a/{id}/{id}", Returns("")), "duplicate parameter");
  EXPECT_DEATH(Router().Add(Method::kGet, "/a/x{id}", Returns("")), "whole segment");
  EXPECT_DEATH(
      {
        Router r;
        r.Add(Method::kGet, "/a/{x}", Returns(""));
        r.Add(Method::kGet, "/a/{y}", Returns(""));
      },
      "duplicate of");
}

TEST(DecodePath, DecodesPercentEscapes) {
  EXPECT_EQ(DecodePath("/a%20b/%C3%A9").value(), "/a b/\xC3\xA9");
  EXPECT_EQ(DecodePath("/plus+stays").value(), "/plus+stays");
}

TEST(DecodePath, RejectsInvalidPercentEncoding) {
  EXPECT_FALSE(DecodePath("/a%2").has_value());
  EXPECT_FALSE(DecodePath("/a%zz").has_value());
  EXPECT_FALSE(DecodePath("/a%").has_value());
  EXPECT_EQ(DecodePath("/a%g0").error().code(), core::ErrorCode::kInvalidArgument);
}

TEST(DecodePath, RejectsNulControlAndInvalidUtf8) {
  EXPECT_FALSE(DecodePath("/a%00b").has_value());
  EXPECT_FALSE(DecodePath("/a%0Ab").has_value());
  EXPECT_FALSE(DecodePath("/a%FF").has_value());
  EXPECT_FALSE(DecodePath("/%C0%AF").has_value());  // overlong '/'
}

TEST(DecodePath, RejectsDotSegmentsIncludingEncodedOnes) {
  EXPECT_FALSE(DecodePath("/a/../b").has_value());
  EXPECT_FALSE(DecodePath("/..").has_value());
  EXPECT_FALSE(DecodePath("/a/./b").has_value());
  EXPECT_FALSE(DecodePath("/a/%2e%2E/b").has_value());
  EXPECT_TRUE(DecodePath("/a/..b/c.").has_value());
}

TEST(DecodePath, RejectsEncodedSlashAndRelativePaths) {
  EXPECT_FALSE(DecodePath("/a%2Fb").has_value());
  EXPECT_FALSE(DecodePath("a/b").has_value());
  EXPECT_FALSE(DecodePath("").has_value());
}

}  // namespace
}  // namespace rapport::http

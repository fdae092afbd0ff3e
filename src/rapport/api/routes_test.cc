#include "rapport/api/routes.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace rapport::api {
namespace {

namespace json = boost::json;

// A seam fake: only liveness matters to these handlers.
class FakeStore final : public store::Store {
 public:
  core::Status Ping() override {
    if (healthy) return core::Ok();
    return core::Unavailable("disk I/O error at /secret/path");
  }
  core::Result<int> SchemaVersion() override {
    if (healthy) return 3;
    return core::Unavailable("disk I/O error at /secret/path");
  }
  core::Status Migrate() override { return core::Ok(); }
  core::Status Write(const store::WriteFn&) override { return core::Internal("unused"); }
  core::Status Read(const store::ReadFn&) override { return core::Internal("unused"); }
  bool healthy = true;
};

class RoutesTest : public ::testing::Test {
 protected:
  RoutesTest()
      : clock_(core::TimePoint(std::chrono::seconds(1'000'000))),
        assets_({{"/index.html", "text/html; charset=utf-8", "<html></html>", false}}),
        context_{store_, metrics_, clock_, core::NullLogger(), assets_, {"1.2.3"}, clock_.Now()} {
    RegisterSystemRoutes(router_, context_);
  }

  http::Response Get(std::string_view path) {
    const auto match = router_.Match(http::Method::kGet, path);
    http::Request request;
    request.path = std::string(path);
    const http::Route* route = match.route != nullptr ? match.route : router_.fallback();
    return route->handler(request);
  }

  FakeStore store_;
  core::MetricsRegistry metrics_;
  core::FakeClock clock_;
  StaticAssets assets_;
  ApiContext context_;
  http::Router router_;
};

TEST_F(RoutesTest, HealthIsOkWhileTheStoreAnswers) {
  clock_.Advance(std::chrono::seconds(42));
  const auto response = Get("/api/v1/health");
  EXPECT_EQ(response.status, 200);
  const auto body = json::parse(response.body).as_object();
  EXPECT_EQ(body.at("status").as_string(), "ok");
  EXPECT_EQ(body.at("version").as_string(), "1.2.3");
  EXPECT_EQ(body.at("schema_version").as_int64(), 3);
  EXPECT_EQ(body.at("uptime_seconds").as_int64(), 42);
}

TEST_F(RoutesTest, HealthIs503WithoutLeakingTheCauseWhenTheStoreFails) {
  store_.healthy = false;
  const auto response = Get("/api/v1/health");
  EXPECT_EQ(response.status, 503);
  EXPECT_EQ(json::parse(response.body).as_object().at("status").as_string(), "unavailable");
  EXPECT_EQ(response.body.find("/secret/path"), std::string::npos);
}

TEST_F(RoutesTest, MetricsUseThePrometheusTextFormat) {
  metrics_.Counter("rapport_test_total", "Test.").Inc();
  const auto response = Get("/metrics");
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.content_type, "text/plain; version=0.0.4; charset=utf-8");
  EXPECT_NE(response.body.find("rapport_test_total 1"), std::string::npos);
}

TEST_F(RoutesTest, OpenApiDescribesEveryApiRoute) {
  const auto doc = json::parse(Get("/api/v1/openapi.json").body).as_object();
  EXPECT_EQ(doc.at("openapi").as_string(), "3.0.3");
  const auto& paths = doc.at("paths").as_object();
  std::size_t described = 0;
  for (const auto& route : router_.routes()) {
    if (!route.pattern.starts_with("/api/") && route.pattern != "/metrics") continue;
    ASSERT_TRUE(paths.contains(route.pattern)) << route.pattern;
    ++described;
  }
  EXPECT_EQ(described, paths.size());
  EXPECT_GE(described, 3u);
}

TEST(OpenApiDocument, DeclaresPathParameters) {
  http::Router router;
  router.Add(http::Method::kGet, "/api/v1/teams/{team_id}/people/{id}",
             [](const http::Request&) { return http::Response::Json(200, "{}"); });
  const auto doc = json::parse(OpenApiDocument(router, {"1"})).as_object();
  const auto& op = doc.at("paths").at("/api/v1/teams/{team_id}/people/{id}").at("get");
  const auto& params = op.at("parameters").as_array();
  ASSERT_EQ(params.size(), 2u);
  EXPECT_EQ(params[0].at("name").as_string(), "team_id");
  EXPECT_EQ(params[1].at("name").as_string(), "id");
  EXPECT_EQ(op.at("operationId").as_string(), "getApiV1TeamsTeamIdPeopleId");
}

}  // namespace
}  // namespace rapport::api

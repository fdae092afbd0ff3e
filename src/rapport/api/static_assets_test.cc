#include "rapport/api/static_assets.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace rapport::api {
namespace {

std::optional<std::string> HeaderOf(const http::Response& r, std::string_view name) {
  for (const auto& [k, v] : r.headers) {
    if (k == name) return v;
  }
  return std::nullopt;
}

http::Request GetRequest(std::string path) {
  http::Request r;
  r.path = std::move(path);
  return r;
}

StaticAssets SampleAssets() {
  return StaticAssets({{"/index.html", "text/html; charset=utf-8", "<html>app</html>", false},
                       {"/assets/app-1a2b.js", "text/javascript; charset=utf-8", "run()", true},
                       {"/favicon.svg", "image/svg+xml", "<svg/>", false}});
}

TEST(StaticAssets, HashedAssetsAreCachedForAYearAndIndexIsRevalidated) {
  const auto assets = SampleAssets();
  const auto js = assets.Serve(GetRequest("/assets/app-1a2b.js"));
  EXPECT_EQ(js.status, 200);
  EXPECT_EQ(js.body, "run()");
  EXPECT_EQ(js.content_type, "text/javascript; charset=utf-8");
  EXPECT_EQ(HeaderOf(js, "Cache-Control"), "public, max-age=31536000, immutable");
  const auto index = assets.Serve(GetRequest("/"));
  EXPECT_EQ(index.body, "<html>app</html>");
  EXPECT_EQ(HeaderOf(index, "Cache-Control"), "no-cache");
}

TEST(StaticAssets, ClientRoutesGetIndexButReservedPathsGetJson404) {
  const auto assets = SampleAssets();
  EXPECT_EQ(assets.Serve(GetRequest("/knowledge/articles/42")).body, "<html>app</html>");
  for (const char* path : {"/api/v1/nothing", "/assets/missing.js", "/metrics", "/api"}) {
    const auto r = assets.Serve(GetRequest(path));
    EXPECT_EQ(r.status, 404) << path;
    EXPECT_NE(r.body.find("\"not_found\""), std::string::npos) << path;
  }
}

TEST(StaticAssets, MatchingEtagAnswers304WithoutBody) {
  const auto assets = SampleAssets();
  const auto first = assets.Serve(GetRequest("/favicon.svg"));
  auto request = GetRequest("/favicon.svg");
  request.headers.emplace_back("if-none-match", *HeaderOf(first, "ETag"));
  const auto second = assets.Serve(request);
  EXPECT_EQ(second.status, 304);
  EXPECT_TRUE(second.body.empty());
}

TEST(StaticAssets, WithoutABuiltUiExplainsHowToBuildIt) {
  const StaticAssets none({});
  const auto r = none.Serve(GetRequest("/"));
  EXPECT_EQ(r.status, 404);
  EXPECT_NE(r.body.find("make web"), std::string::npos);
}

TEST(StaticAssets, LoadsAFolderAndMarksAssetsImmutable) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("rapport_assets_" + std::to_string(getpid()));
  fs::create_directories(dir / "assets");
  std::ofstream(dir / "index.html") << "<p>hi</p>";
  std::ofstream(dir / "assets" / "x-9.css") << "p{}";
  const auto assets = StaticAssets::FromDirectory(dir.string());
  ASSERT_TRUE(assets) << assets.error().ToString();
  EXPECT_EQ(assets->size(), 2u);
  const auto css = assets->Serve(GetRequest("/assets/x-9.css"));
  EXPECT_EQ(css.body, "p{}");
  EXPECT_EQ(css.content_type, "text/css; charset=utf-8");
  EXPECT_EQ(HeaderOf(css, "Cache-Control"), "public, max-age=31536000, immutable");
  fs::remove_all(dir);
  EXPECT_FALSE(StaticAssets::FromDirectory(dir.string()));
}

}  // namespace
}  // namespace rapport::api

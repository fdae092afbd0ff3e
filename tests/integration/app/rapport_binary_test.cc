// Black-box tests of the `rapport` binary: started as a real process on a loopback port with a
// SQLite store in a temporary folder.

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <cstdio>
#include <fstream>

#include "tests/integration/app/server_process.h"

namespace rapport::testing {
namespace {

namespace json = boost::json;

std::string RunPromtool(const std::string& metrics_text, int& exit_code) {
  TempDir dir;
  const auto input = dir.path() / "metrics.txt";
  std::ofstream(input) << metrics_text;
  const std::string cmd = "promtool check metrics < '" + input.string() + "' 2>&1";
  FILE* pipe = ::popen(cmd.c_str(), "r");
  std::string out;
  char buf[512];
  while (pipe != nullptr && std::fgets(buf, sizeof buf, pipe) != nullptr) out += buf;
  const int status = pipe != nullptr ? ::pclose(pipe) : -1;
  exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return out;
}

TEST(RapportServe, AnswersHealthMetricsAndOpenApiThenStopsCleanlyOnSigterm) {
  TempDir data;
  ServerProcess server(data.path());
  ASSERT_NE(server.port(), 0) << server.log();

  const auto health = HttpGet(server.port(), "/api/v1/health");
  ASSERT_EQ(health.status, 200) << health.body;
  const auto body = json::parse(health.body).as_object();
  EXPECT_EQ(body.at("status").as_string(), "ok");
  EXPECT_GE(body.at("schema_version").as_int64(), 1);
  EXPECT_EQ(health.headers.at("content-type"), "application/json");
  EXPECT_EQ(health.headers.at("x-content-type-options"), "nosniff");
  EXPECT_NE(health.headers.at("content-security-policy").find("frame-ancestors 'none'"),
            std::string::npos);
  EXPECT_FALSE(health.headers.at("x-request-id").empty());

  const auto openapi = HttpGet(server.port(), "/api/v1/openapi.json");
  ASSERT_EQ(openapi.status, 200);
  EXPECT_TRUE(
      json::parse(openapi.body).as_object().at("paths").as_object().contains("/api/v1/health"));

  const auto metrics = HttpGet(server.port(), "/metrics");
  ASSERT_EQ(metrics.status, 200);
  EXPECT_NE(metrics.body.find("rapport_http_requests_total"), std::string::npos);
  EXPECT_NE(metrics.body.find("rapport_store_operation_duration_seconds"), std::string::npos);
  int promtool_exit = -1;
  const std::string verdict = RunPromtool(metrics.body, promtool_exit);
  EXPECT_EQ(promtool_exit, 0) << verdict << "\n" << metrics.body;

  EXPECT_EQ(server.Stop(SIGTERM), 0) << server.log();
  EXPECT_NE(server.log().find("\"msg\":\"stopped\""), std::string::npos);
}

TEST(RapportServe, UnknownApiRoutesAnswerTheJsonErrorShape) {
  TempDir data;
  ServerProcess server(data.path());
  ASSERT_NE(server.port(), 0) << server.log();
  const auto missing = HttpGet(server.port(), "/api/v1/no-such-thing");
  EXPECT_EQ(missing.status, 404);
  const auto error = json::parse(missing.body).as_object().at("error").as_object();
  EXPECT_EQ(error.at("code").as_string(), "not_found");
  EXPECT_EQ(server.Stop(SIGINT), 0);
}

TEST(RapportServe, ServesTheWebUiWithSpaFallbackAndCachingHeaders) {
  TempDir data;
  TempDir web;
  std::filesystem::create_directories(web.path() / "assets");
  std::ofstream(web.path() / "index.html") << "<!doctype html><title>Rapport</title>";
  std::ofstream(web.path() / "assets" / "index-AbC123.js") << "console.log(1)";
  ServerProcess server(data.path(), {"--set", "server.web_dir=" + web.path().string()});
  ASSERT_NE(server.port(), 0) << server.log();

  const auto index = HttpGet(server.port(), "/");
  EXPECT_EQ(index.status, 200);
  EXPECT_EQ(index.headers.at("content-type"), "text/html; charset=utf-8");
  EXPECT_EQ(index.headers.at("cache-control"), "no-cache");
  const auto deep = HttpGet(server.port(), "/knowledge/some/article");
  EXPECT_EQ(deep.status, 200);
  EXPECT_EQ(deep.body, index.body);
  const auto js = HttpGet(server.port(), "/assets/index-AbC123.js");
  EXPECT_EQ(js.status, 200);
  EXPECT_EQ(js.headers.at("cache-control"), "public, max-age=31536000, immutable");
  const auto revalidated = HttpGet(server.port(), "/assets/index-AbC123.js",
                                   {"If-None-Match: " + js.headers.at("etag")});
  EXPECT_EQ(revalidated.status, 304);
  EXPECT_EQ(HttpGet(server.port(), "/assets/missing.js").status, 404);
}

TEST(RapportServe, KeepsDataAcrossRestartsAndMigrateIsIdempotent) {
  TempDir data;
  const auto first = RunRapport({"migrate", "--data-dir", data.path().string()});
  ASSERT_EQ(first.exit_code, 0) << first.output;
  EXPECT_NE(first.output.find("schema version"), std::string::npos);
  const auto again = RunRapport({"migrate", "--data-dir", data.path().string()});
  ASSERT_EQ(again.exit_code, 0) << again.output;
  EXPECT_EQ(first.output.substr(first.output.find("schema version")),
            again.output.substr(again.output.find("schema version")));
  for (int run = 0; run < 2; ++run) {
    ServerProcess server(data.path());
    ASSERT_NE(server.port(), 0) << server.log();
    EXPECT_EQ(HttpGet(server.port(), "/api/v1/health").status, 200);
    EXPECT_EQ(server.Stop(SIGTERM), 0);
  }
  EXPECT_TRUE(std::filesystem::exists(data.path() / "rapport.db"));
}

TEST(RapportCli, RejectsBadConfigurationWithAClearMessageAndExitCode2) {
  TempDir data;
  const std::string dir = data.path().string();
  struct Case {
    std::vector<std::string> args;
    std::vector<std::string> env;
    std::string expected;
  };
  const std::vector<Case> cases = {
      {{"serve", "--data-dir", dir, "--set", "server.lisen=:80"}, {}, "server.lisen"},
      {{"serve", "--data-dir", dir, "--listen", "no-port"}, {}, "server.listen"},
      {{"serve", "--data-dir", dir}, {"RAPPORT_SERVER_PROT=1"}, "RAPPORT_SERVER_PROT"},
      {{"serve", "--data-dir", dir, "--set", "server.io_threads=lots"}, {}, "integer"},
      {{"serve", "--config", "/nonexistent.toml"}, {}, "nonexistent"},
      {{"frobnicate"}, {}, "frobnicate"},
  };
  for (const auto& c : cases) {
    const auto r = RunRapport(c.args, c.env);
    EXPECT_EQ(r.exit_code, 2) << r.output;
    EXPECT_NE(r.output.find(c.expected), std::string::npos) << r.output;
  }
}

TEST(RapportCli, ReadsTheConfigFileNamedInTheEnvironment) {
  TempDir data;
  const auto file = data.path() / "rapport.toml";
  std::ofstream(file) << "[log]\nformat = \"json\"\nlevel = \"warn\"\n";
  const auto r = RunRapport({"migrate", "--data-dir", (data.path() / "db").string()},
                            {"RAPPORT_CONFIG=" + file.string()});
  EXPECT_EQ(r.exit_code, 0) << r.output;
}

TEST(RapportCli, ReportsAnAddressInUseAsARuntimeFailure) {
  TempDir data;
  ServerProcess first(data.path());
  ASSERT_NE(first.port(), 0) << first.log();
  TempDir other;
  const auto r = RunRapport({"serve", "--data-dir", other.path().string(), "--listen",
                             "127.0.0.1:" + std::to_string(first.port())});
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("cannot listen"), std::string::npos) << r.output;
}

TEST(RapportCli, VersionAndHelp) {
  const auto version = RunRapport({"version"});
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_EQ(version.output.rfind("rapport ", 0), 0u) << version.output;
  const auto help = RunRapport({"--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.output.find("serve"), std::string::npos);
  EXPECT_NE(help.output.find("RAPPORT_SERVER_LISTEN"), std::string::npos) << help.output;
}

}  // namespace
}  // namespace rapport::testing

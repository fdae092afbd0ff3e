#include "rapport/core/config.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

namespace rapport::core {
namespace {

class ConfigFile {
 public:
  explicit ConfigFile(std::string_view text)
      : path_(std::filesystem::temp_directory_path() /
              ("rapport_config_test_" + std::to_string(::getpid()) + "_" +
               std::to_string(counter_++) + ".toml")) {
    std::ofstream(path_) << text;
  }
  ~ConfigFile() { std::filesystem::remove(path_); }
  std::string path() const { return path_.string(); }

 private:
  static inline int counter_ = 0;
  std::filesystem::path path_;
};

TEST(LoadConfig, DefaultsWhenNothingIsGiven) {
  const auto config = LoadConfig({});
  ASSERT_TRUE(config) << config.error().ToString();
  EXPECT_EQ(config->server.host, "127.0.0.1");
  EXPECT_EQ(config->server.port, 8080);
  EXPECT_EQ(config->store.data_dir, "var");
  EXPECT_EQ(config->log.format, LogFormat::kText);
}

TEST(LoadConfig, FlagsBeatEnvironmentWhichBeatsTheFile) {
  ConfigFile file(R"(
[server]
listen = "0.0.0.0:9000"
io_threads = 3
worker_threads = 7
[log]
format = "json"
)");
  ConfigSources sources;
  sources.file = file.path();
  sources.environment = {{"RAPPORT_SERVER_LISTEN", "127.0.0.1:9100"},
                         {"RAPPORT_SERVER_IO_THREADS", "5"},
                         {"PATH", "/usr/bin"}};
  sources.flags = {{"server.listen", "[::1]:9200"}};
  const auto config = LoadConfig(sources);
  ASSERT_TRUE(config) << config.error().ToString();
  EXPECT_EQ(config->server.host, "::1");
  EXPECT_EQ(config->server.port, 9200);
  EXPECT_EQ(config->server.io_threads, 5);
  EXPECT_EQ(config->server.worker_threads, 7);
  EXPECT_EQ(config->log.format, LogFormat::kJson);
}

TEST(LoadConfig, RejectsUnknownKeysInEveryLayerAndNamesThem) {
  ConfigFile file("[server]\nlisen = \":80\"\n");
  ConfigSources from_file;
  from_file.file = file.path();
  auto r = LoadConfig(from_file);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message().find("unknown configuration key \"server.lisen\""),
            std::string::npos)
      << r.error().message();
  EXPECT_NE(r.error().message().find("server.listen"), std::string::npos);

  ConfigFile top_level("port = 80\n");
  from_file.file = top_level.path();
  EXPECT_FALSE(LoadConfig(from_file));

  ConfigSources from_env;
  from_env.environment = {{"RAPPORT_SERVER_PROT", "1"}};
  r = LoadConfig(from_env);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message().find("RAPPORT_SERVER_PROT"), std::string::npos);

  ConfigSources from_flags;
  from_flags.flags = {{"store.dir", "x"}};
  EXPECT_FALSE(LoadConfig(from_flags));
}

TEST(LoadConfig, RejectsWrongTypesAndOutOfRangeValues) {
  ConfigFile quoted_int("[server]\nio_threads = \"4\"\n");
  ConfigSources s;
  s.file = quoted_int.path();
  auto r = LoadConfig(s);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message().find("must be a TOML integer"), std::string::npos);

  for (const auto& [key, value] : KeyValues{{"server.io_threads", "0"},
                                            {"server.io_threads", "4x"},
                                            {"server.listen", "8080"},
                                            {"server.listen", "::1:8080"},
                                            {"server.listen", "host:70000"},
                                            {"server.behind_tls", "maybe"},
                                            {"log.level", "verbose"},
                                            {"store.data_dir", ""}}) {
    ConfigSources flags;
    flags.flags = {{key, value}};
    EXPECT_FALSE(LoadConfig(flags)) << key << "=" << value;
  }
}

TEST(LoadConfig, ReportsTomlSyntaxErrorsWithTheirPosition) {
  ConfigFile broken("[server\nlisten = 1\n");
  ConfigSources s;
  s.file = broken.path();
  const auto r = LoadConfig(s);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message().find("line 1"), std::string::npos) << r.error().message();

  s.file = "/nonexistent/rapport.toml";
  EXPECT_FALSE(LoadConfig(s));
}

TEST(LoadConfig, AuthSectionHasSafeDefaults) {
  const auto config = LoadConfig({});
  ASSERT_TRUE(config) << config.error().ToString();
  EXPECT_EQ(config->auth.session_idle, std::chrono::minutes(480));
  EXPECT_EQ(config->auth.session_absolute, std::chrono::hours(168));
  EXPECT_EQ(config->auth.password_hash_ops, 2);
  EXPECT_EQ(config->auth.password_hash_memory_kib, 32768);
  EXPECT_EQ(config->auth.max_concurrent_hashes, 2);
  EXPECT_EQ(config->auth.login_failures_per_account, 5);
  EXPECT_EQ(config->auth.login_failures_per_address, 20);
  EXPECT_EQ(config->auth.login_window, std::chrono::minutes(15));
}

TEST(LoadConfig, ReadsTheAuthSectionFromEveryLayer) {
  ConfigFile file(R"(
[auth]
session_idle_minutes = 30
session_absolute_hours = 12
password_hash_ops = 3
password_hash_memory_kib = 65536
)");
  ConfigSources sources;
  sources.file = file.path();
  sources.environment = {{"RAPPORT_AUTH_MAX_CONCURRENT_HASHES", "4"},
                         {"RAPPORT_AUTH_LOGIN_WINDOW_MINUTES", "60"}};
  sources.flags = {{"auth.login_failures_per_account", "10"},
                   {"auth.login_failures_per_address", "100"}};
  const auto config = LoadConfig(sources);
  ASSERT_TRUE(config) << config.error().ToString();
  EXPECT_EQ(config->auth.session_idle, std::chrono::minutes(30));
  EXPECT_EQ(config->auth.session_absolute, std::chrono::hours(12));
  EXPECT_EQ(config->auth.password_hash_ops, 3);
  EXPECT_EQ(config->auth.password_hash_memory_kib, 65536);
  EXPECT_EQ(config->auth.max_concurrent_hashes, 4);
  EXPECT_EQ(config->auth.login_window, std::chrono::minutes(60));
  EXPECT_EQ(config->auth.login_failures_per_account, 10);
  EXPECT_EQ(config->auth.login_failures_per_address, 100);
}

TEST(LoadConfig, RejectsAuthValuesOutOfRange) {
  for (const auto& [key, value] : KeyValues{{"auth.session_idle_minutes", "4"},
                                            {"auth.session_idle_minutes", "43201"},
                                            {"auth.session_absolute_hours", "0"},
                                            {"auth.session_absolute_hours", "8761"},
                                            {"auth.password_hash_ops", "0"},
                                            {"auth.password_hash_ops", "17"},
                                            {"auth.password_hash_memory_kib", "7"},
                                            {"auth.password_hash_memory_kib", "4194305"},
                                            {"auth.max_concurrent_hashes", "0"},
                                            {"auth.login_failures_per_account", "0"},
                                            {"auth.login_failures_per_address", "0"},
                                            {"auth.login_window_minutes", "0"},
                                            {"auth.login_window_minutes", "1441"},
                                            {"auth.session_idle", "30"}}) {
    ConfigSources flags;
    flags.flags = {{key, value}};
    EXPECT_FALSE(LoadConfig(flags)) << key << "=" << value;
  }
}

TEST(ParseListen, AcceptsTheDocumentedForms) {
  std::string host;
  int port = 0;
  ASSERT_TRUE(ParseListen(":8080", host, port));
  EXPECT_EQ(host, "0.0.0.0");
  EXPECT_EQ(port, 8080);
  ASSERT_TRUE(ParseListen("[::]:0", host, port));
  EXPECT_EQ(host, "::");
  EXPECT_EQ(port, 0);
}

TEST(ConfigKeys, EveryKeyHasAnEnvironmentNameAndHelp) {
  const auto keys = ConfigKeys();
  ASSERT_FALSE(keys.empty());
  for (const auto& k : keys) {
    EXPECT_FALSE(k.help.empty()) << k.key;
    EXPECT_TRUE(k.env.starts_with("RAPPORT_")) << k.key;
  }
  EXPECT_EQ(keys.front().env, "RAPPORT_SERVER_LISTEN");
  EXPECT_EQ(keys.front().default_value, "127.0.0.1:8080");
}

}  // namespace
}  // namespace rapport::core

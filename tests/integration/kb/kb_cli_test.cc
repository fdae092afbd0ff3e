// `rapport import kb` and `rapport export kb` through the real binary.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "tests/integration/app/server_process.h"

namespace rapport::testing {
namespace {

namespace fs = std::filesystem;

void WriteFile(const fs::path& path, const std::string& bytes) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << bytes;
}

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

class KbCli : public ::testing::Test {
 protected:
  KbCli() {
    WriteFile(bundle_.path() / "guides" / "_category.md", "---\nname: Guides\n---\nHow-tos.\n");
    WriteFile(bundle_.path() / "guides" / "install.md",
              "---\ntitle: Installing\ntags: [setup]\n---\nSee [usage](usage.md).\n");
    WriteFile(bundle_.path() / "guides" / "usage.md", "# Using it\n\nJust use it.\n");
    WriteFile(bundle_.path() / ".git" / "HEAD", "ref: refs/heads/main\n");
  }

  ProcessResult Rapport(std::vector<std::string> args) {
    args.insert(args.end(), {"--data-dir", data_.path().string()});
    return RunRapport(args);
  }

  TempDir data_;
  TempDir bundle_;
  TempDir out_;
};

TEST_F(KbCli, ImportsAFolderOnceAndExportsIt) {
  const auto dry = Rapport({"import", "kb", bundle_.path().string(), "--dry-run"});
  ASSERT_EQ(dry.exit_code, 0) << dry.output;
  EXPECT_NE(dry.output.find("Dry run"), std::string::npos) << dry.output;
  EXPECT_NE(dry.output.find("2 articles created"), std::string::npos) << dry.output;

  const auto first =
      Rapport({"import", "kb", bundle_.path().string(), "--publish", "--visibility", "public"});
  ASSERT_EQ(first.exit_code, 0) << first.output;
  EXPECT_NE(first.output.find("Imported 3 files into default: 2 articles created"),
            std::string::npos)
      << first.output;

  const auto second = Rapport({"import", "kb", bundle_.path().string(), "--publish"});
  ASSERT_EQ(second.exit_code, 0) << second.output;
  EXPECT_NE(second.output.find("0 articles created, 0 updated, 2 unchanged"), std::string::npos)
      << second.output;

  const fs::path exported = out_.path() / "kb";
  const auto exp = Rapport({"export", "kb", exported.string()});
  ASSERT_EQ(exp.exit_code, 0) << exp.output;
  const std::string install = ReadFile(exported / "guides" / "install.en.md");
  EXPECT_NE(install.find("visibility: public\n"), std::string::npos) << install;
  EXPECT_NE(install.find("status: published\n"), std::string::npos) << install;
  EXPECT_NE(install.find("See [usage](article:"), std::string::npos) << install;
  EXPECT_TRUE(fs::exists(exported / "guides" / "_category.md"));

  // The export, zipped, imports back without changing anything.
  const fs::path zip = out_.path() / "kb.zip";
  ASSERT_EQ(Rapport({"export", "kb", zip.string()}).exit_code, 0);
  const auto back = Rapport({"import", "kb", zip.string()});
  ASSERT_EQ(back.exit_code, 0) << back.output;
  EXPECT_NE(back.output.find("0 articles created, 0 updated, 2 unchanged"), std::string::npos)
      << back.output;

  // An export never writes into a folder that has files.
  EXPECT_EQ(Rapport({"export", "kb", exported.string()}).exit_code, 2);
}

TEST_F(KbCli, ABundleWithErrorsImportsNothingAndSaysWhy) {
  WriteFile(bundle_.path() / "guides" / "broken.md", "---\ntitle: B\nstatsu: draft\n---\nx\n");
  const auto result = Rapport({"import", "kb", bundle_.path().string()});
  EXPECT_EQ(result.exit_code, 1) << result.output;
  EXPECT_NE(result.output.find("guides/broken.md:3: unknown key \"statsu\""), std::string::npos)
      << result.output;
  EXPECT_NE(result.output.find("nothing imported"), std::string::npos) << result.output;
  const auto exp = Rapport({"export", "kb", (out_.path() / "kb").string()});
  ASSERT_EQ(exp.exit_code, 0) << exp.output;
  EXPECT_NE(exp.output.find("Exported 0 files"), std::string::npos) << exp.output;
}

TEST_F(KbCli, RefusesUnknownOrganisationsAndOptions) {
  EXPECT_EQ(Rapport({"import", "kb", bundle_.path().string(), "--org", "nope"}).exit_code, 2);
  EXPECT_EQ(Rapport({"import", "kb", bundle_.path().string(), "--visibility", "secret"}).exit_code,
            2);
  EXPECT_EQ(Rapport({"import", "kb", (bundle_.path() / "missing").string()}).exit_code, 2);
}

}  // namespace
}  // namespace rapport::testing

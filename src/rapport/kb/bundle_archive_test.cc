// Reading and writing bundles: folders, zips and tarballs, and what must never be unpacked.

#include <archive.h>
#include <archive_entry.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "rapport/core/testing/temp_dir.h"
#include "rapport/kb/bundle.h"

namespace rapport::kb {
namespace {

namespace fs = std::filesystem;
using core::testing::TempDir;

// An archive written entry by entry, for inputs the bundle writer would never produce.
class ArchiveBuilder {
 public:
  enum class Format { kZip, kTarGz };

  explicit ArchiveBuilder(Format format = Format::kZip) : a_(archive_write_new()) {
    if (format == Format::kZip) {
      archive_write_set_format_zip(a_);
      archive_write_set_options(a_, "zip:compression-level=1");  // a bomb is quick to make
    } else {
      archive_write_set_format_pax_restricted(a_);
      archive_write_add_filter_gzip(a_);
      archive_write_set_options(a_, "gzip:compression-level=1");
    }
    archive_write_set_bytes_in_last_block(a_, 1);
    archive_write_open2(a_, &out_, nullptr, &Append, nullptr, nullptr);
  }
  ~ArchiveBuilder() { archive_write_free(a_); }
  ArchiveBuilder(const ArchiveBuilder&) = delete;
  ArchiveBuilder& operator=(const ArchiveBuilder&) = delete;

  ArchiveBuilder& File(const std::string& path, const std::string& bytes) {
    archive_entry* e = NewEntry(path, AE_IFREG);
    archive_entry_set_size(e, static_cast<la_int64_t>(bytes.size()));
    archive_write_header(a_, e);
    archive_write_data(a_, bytes.data(), bytes.size());
    archive_entry_free(e);
    return *this;
  }
  // `size` zero bytes, streamed in chunks (a highly compressible entry).
  ArchiveBuilder& Zeros(const std::string& path, std::uint64_t size) {
    archive_entry* e = NewEntry(path, AE_IFREG);
    archive_entry_set_size(e, static_cast<la_int64_t>(size));
    archive_write_header(a_, e);
    const std::string chunk(std::size_t{1} << 20U, '\0');
    for (std::uint64_t done = 0; done < size; done += chunk.size()) {
      archive_write_data(a_, chunk.data(), chunk.size());
    }
    archive_entry_free(e);
    return *this;
  }
  ArchiveBuilder& Symlink(const std::string& path, const std::string& target) {
    archive_entry* e = NewEntry(path, AE_IFLNK);
    archive_entry_set_symlink(e, target.c_str());
    archive_write_header(a_, e);
    archive_entry_free(e);
    return *this;
  }
  ArchiveBuilder& Hardlink(const std::string& path, const std::string& target) {
    archive_entry* e = NewEntry(path, AE_IFREG);
    archive_entry_set_hardlink(e, target.c_str());
    archive_entry_set_size(e, 0);
    archive_write_header(a_, e);
    archive_entry_free(e);
    return *this;
  }
  ArchiveBuilder& Device(const std::string& path) {
    archive_entry* e = NewEntry(path, AE_IFCHR);
    archive_write_header(a_, e);
    archive_entry_free(e);
    return *this;
  }
  std::string Finish() {
    archive_write_close(a_);
    return out_;
  }

 private:
  static la_ssize_t Append(archive*, void* client, const void* buffer, size_t length) {
    static_cast<std::string*>(client)->append(static_cast<const char*>(buffer), length);
    return static_cast<la_ssize_t>(length);
  }
  static archive_entry* NewEntry(const std::string& path, unsigned type) {
    archive_entry* e = archive_entry_new();
    archive_entry_set_pathname(e, path.c_str());
    archive_entry_set_filetype(e, type);
    archive_entry_set_perm(e, 0644);
    return e;
  }

  archive* a_;
  std::string out_;
};

std::vector<BundleFile> SampleFiles() {
  return {{"a.md", "# A\n"},
          {"guide/b.md", "---\ntitle: B\n---\ntext\n"},
          {"guide/img/c.png", std::string("\x89PNG\r\n\x1a\n", 8) + std::string(100, 'x')},
          {"ünïcödé/d.md", "# D\n"}};
}

void WriteFile(const fs::path& path, const std::string& bytes) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << bytes;
}

TEST(BundlePath, AcceptsRelativeSlashSeparatedPaths) {
  EXPECT_TRUE(CheckBundlePath("a.md"));
  EXPECT_TRUE(CheckBundlePath("guide/sub/b.html"));
  EXPECT_TRUE(CheckBundlePath("ünïcödé/d.md"));
}

TEST(BundlePath, RejectsUnsafePaths) {
  for (const std::string_view path : {"", "/etc/passwd", "../x", "a/../../x", "a//b", "./a", "a/.",
                                      "a\\b", "a\nb", "\xff\xfe.md"}) {
    EXPECT_FALSE(CheckBundlePath(path)) << path;
  }
  EXPECT_FALSE(CheckBundlePath(std::string(2000, 'a')));
  EXPECT_FALSE(CheckBundlePath("abcdef", 5));
}

TEST(BundleZip, RoundTripsFilesInPathOrder) {
  const auto zip = WriteBundleZip(SampleFiles());
  ASSERT_TRUE(zip) << zip.error().ToString();
  const auto files = ReadBundleZip(*zip);
  ASSERT_TRUE(files) << files.error().ToString();
  EXPECT_EQ(*files, SampleFiles());
}

TEST(BundleZip, SameFilesGiveTheSameBytes) {
  const auto first = WriteBundleZip(SampleFiles());
  const auto second = WriteBundleZip(SampleFiles());
  ASSERT_TRUE(first && second);
  EXPECT_EQ(*first, *second);
}

TEST(BundleZip, ReadsTarGzAndSkipsFoldersAndDotEntries) {
  ArchiveBuilder tar(ArchiveBuilder::Format::kTarGz);
  tar.File("./guide/a.md", "# A\n")
      .File(".git/config", "x")
      .File("guide/.hidden.md", "# H\n")
      .File("__MACOSX/.DS_Store", "x");
  const auto files = ReadBundleZip(tar.Finish());
  ASSERT_TRUE(files) << files.error().ToString();
  ASSERT_EQ(files->size(), 1U);
  EXPECT_EQ((*files)[0].path, "guide/a.md");
}

TEST(BundleZip, RejectsZipSlip) {
  const auto files =
      ReadBundleZip(ArchiveBuilder().File("ok.md", "# ok").File("../x.md", "# x").Finish());
  ASSERT_FALSE(files);
  EXPECT_EQ(files.error().code(), core::ErrorCode::kInvalidArgument);
  EXPECT_NE(files.error().message().find(".."), std::string::npos);
  EXPECT_FALSE(ReadBundleZip(ArchiveBuilder().File("a/../../x.md", "# x").Finish()));
}

TEST(BundleZip, RejectsAbsolutePaths) {
  const auto files = ReadBundleZip(ArchiveBuilder().File("/etc/cron.d/x", "boom").Finish());
  ASSERT_FALSE(files);
  EXPECT_NE(files.error().message().find("absolute"), std::string::npos);
}

TEST(BundleZip, RejectsLinksAndDevices) {
  EXPECT_FALSE(ReadBundleZip(ArchiveBuilder().Symlink("a.md", "/etc/passwd").Finish()));
  EXPECT_FALSE(ReadBundleZip(
      ArchiveBuilder(ArchiveBuilder::Format::kTarGz).Symlink("a.md", "../../x").Finish()));
  EXPECT_FALSE(ReadBundleZip(ArchiveBuilder(ArchiveBuilder::Format::kTarGz)
                                 .File("a.md", "# a")
                                 .Hardlink("b.md", "a.md")
                                 .Finish()));
  EXPECT_FALSE(
      ReadBundleZip(ArchiveBuilder(ArchiveBuilder::Format::kTarGz).Device("dev.md").Finish()));
}

TEST(BundleZip, RejectsAPathGivenTwice) {
  EXPECT_FALSE(ReadBundleZip(ArchiveBuilder().File("a.md", "1").File("a.md", "2").Finish()));
}

TEST(BundleZip, RejectsWhatIsNotAnArchive) {
  const auto files = ReadBundleZip("just some text, not an archive");
  ASSERT_FALSE(files);
  EXPECT_EQ(files.error().code(), core::ErrorCode::kInvalidArgument);
}

// A zip bomb: 1 GiB of zeros deflates to about a megabyte. Reading must stop at the limit, not
// after inflating the whole entry.
TEST(BundleZip, StopsAZipBombAtTheLimit) {
  const std::string bomb = ArchiveBuilder().Zeros("bomb.md", std::uint64_t{1} << 30U).Finish();
  ASSERT_LT(bomb.size(), std::size_t{8} << 20U);
  const auto files = ReadBundleZip(bomb);  // default limits: 10 MiB a file
  ASSERT_FALSE(files);
  EXPECT_EQ(files.error().code(), core::ErrorCode::kTooLarge);

  // With a per-file limit above the entry's size, the total limit stops it while inflating.
  const auto started = std::chrono::steady_clock::now();
  const auto total =
      ReadBundleZip(bomb, {.max_total_bytes = 1 << 20, .max_file_bytes = std::uint64_t{2} << 30U});
  ASSERT_FALSE(total);
  EXPECT_EQ(total.error().code(), core::ErrorCode::kTooLarge);
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(5));
}

TEST(BundleZip, StopsATarGzBombWhileInflating) {
  const std::string bomb = ArchiveBuilder(ArchiveBuilder::Format::kTarGz)
                               .Zeros("bomb.md", std::uint64_t{256} << 20U)
                               .Finish();
  const auto files =
      ReadBundleZip(bomb, {.max_total_bytes = 1 << 20, .max_file_bytes = std::uint64_t{2} << 30U});
  ASSERT_FALSE(files);
  EXPECT_EQ(files.error().code(), core::ErrorCode::kTooLarge);
}

TEST(BundleZip, EnforcesFileCountAndPathLength) {
  ArchiveBuilder many;
  for (int i = 0; i < 5; ++i) many.File("f" + std::to_string(i) + ".md", "# x");
  const auto files = ReadBundleZip(many.Finish(), {.max_files = 4});
  ASSERT_FALSE(files);
  EXPECT_EQ(files.error().code(), core::ErrorCode::kTooLarge);
  EXPECT_FALSE(ReadBundleZip(ArchiveBuilder().File(std::string(300, 'a') + ".md", "x").Finish(),
                             {.max_path_bytes = 100}));
}

TEST(BundleDirectory, ReadsRegularFilesRecursivelySkippingDotfiles) {
  TempDir dir;
  for (const BundleFile& f : SampleFiles()) WriteFile(dir.path() / f.path, f.bytes);
  WriteFile(dir.path() / ".git" / "HEAD", "ref");
  WriteFile(dir.path() / "guide" / ".draft.md", "# d");
  const auto files = ReadBundleDirectory(dir.path());
  ASSERT_TRUE(files) << files.error().ToString();
  EXPECT_EQ(*files, SampleFiles());
}

TEST(BundleDirectory, ReadsLinksInsideTheTreeAndRefusesLinksOut) {
  TempDir dir;
  TempDir outside;
  WriteFile(dir.path() / "a.md", "# A\n");
  WriteFile(outside.path() / "secret.md", "# secret\n");
  fs::create_symlink(dir.path() / "a.md", dir.path() / "alias.md");
  fs::create_directory_symlink(dir.path(), dir.path() / "loop");
  auto files = ReadBundleDirectory(dir.path());
  ASSERT_TRUE(files) << files.error().ToString();
  ASSERT_EQ(files->size(), 2U);
  EXPECT_EQ((*files)[1].path, "alias.md");
  EXPECT_EQ((*files)[1].bytes, "# A\n");

  fs::create_symlink(outside.path() / "secret.md", dir.path() / "secret.md");
  files = ReadBundleDirectory(dir.path());
  ASSERT_FALSE(files);
  EXPECT_NE(files.error().message().find("outside"), std::string::npos);
}

TEST(BundleDirectory, EnforcesLimits) {
  TempDir dir;
  WriteFile(dir.path() / "big.md", std::string(2000, 'x'));
  const auto files = ReadBundleDirectory(dir.path(), {.max_file_bytes = 1000});
  ASSERT_FALSE(files);
  EXPECT_EQ(files.error().code(), core::ErrorCode::kTooLarge);
  EXPECT_EQ(ReadBundleDirectory(dir.path() / "missing").error().code(), core::ErrorCode::kNotFound);
}

TEST(BundleDirectory, WritesIntoANewOrEmptyFolderOnly) {
  TempDir dir;
  const fs::path out = dir.path() / "export";
  ASSERT_TRUE(WriteBundleDirectory(out, SampleFiles()));
  const auto back = ReadBundleDirectory(out);
  ASSERT_TRUE(back);
  EXPECT_EQ(*back, SampleFiles());
  const auto again = WriteBundleDirectory(out, SampleFiles());
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code(), core::ErrorCode::kConflict);
  EXPECT_FALSE(WriteBundleDirectory(dir.path() / "other", {{"../escape.md", "x"}}));
  EXPECT_FALSE(fs::exists(dir.path() / "escape.md"));
}

}  // namespace
}  // namespace rapport::kb

#include "rapport/kb/blob_store.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdio>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "rapport/core/testing/temp_dir.h"

namespace rapport::kb {
namespace {

namespace fs = std::filesystem;

// SHA-256("abc"), FIPS 180-2 appendix B.1.
constexpr std::string_view kAbcDigest =
    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

// Every regular file under `root`, temporary ones included.
std::vector<fs::path> FilesUnder(const fs::path& root) {
  std::vector<fs::path> files;
  if (!fs::exists(root)) return files;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (entry.is_regular_file()) files.push_back(entry.path());
  }
  return files;
}

class FileBlobStoreTest : public ::testing::Test {
 protected:
  fs::path Root() const { return dir_.path() / "blobs"; }

  core::testing::TempDir dir_;
  FileBlobStore store_{dir_.path() / "blobs"};
};

TEST(Sha256Hex, MatchesKnownVectors) {
  EXPECT_EQ(Sha256Hex("abc"), kAbcDigest);
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST_F(FileBlobStoreTest, PutThenGetRoundTripsBinaryContent) {
  const std::string bytes("\x89PNG\r\n\x1A\n\0\x01\xFF tail", 16);
  const auto digest = store_.Put(bytes);
  ASSERT_TRUE(digest.has_value()) << digest.error().ToString();
  EXPECT_EQ(*digest, Sha256Hex(bytes));
  const auto read = store_.Get(*digest);
  ASSERT_TRUE(read.has_value()) << read.error().ToString();
  EXPECT_EQ(*read, bytes);
}

TEST_F(FileBlobStoreTest, StoresUnderShardDirectoryNamedByDigest) {
  ASSERT_TRUE(store_.Put("abc").has_value());
  const fs::path expected = Root() / "ba" / kAbcDigest;
  EXPECT_THAT(FilesUnder(Root()), ::testing::ElementsAre(expected));
  struct stat info {};
  ASSERT_EQ(::stat(expected.c_str(), &info), 0);
  // Never readable or writable by others (the umask may only remove more).
  EXPECT_EQ(info.st_mode & 0007U, 0U);
  EXPECT_EQ(info.st_mode & 0100U, 0U);
}

TEST_F(FileBlobStoreTest, PutIsIdempotentAndKeepsOneFilePerContent) {
  const auto first = store_.Put("same bytes");
  const auto second = store_.Put("same bytes");
  ASSERT_TRUE(first.has_value());
  ASSERT_TRUE(second.has_value());
  EXPECT_EQ(*first, *second);
  EXPECT_EQ(FilesUnder(Root()).size(), 1U);
  ASSERT_TRUE(store_.Put("other bytes").has_value());
  EXPECT_EQ(FilesUnder(Root()).size(), 2U);
}

TEST_F(FileBlobStoreTest, StoresEmptyContent) {
  const auto digest = store_.Put("");
  ASSERT_TRUE(digest.has_value());
  EXPECT_EQ(store_.Get(*digest).value_or("missing"), "");
}

TEST_F(FileBlobStoreTest, RemoveDeletesAndIsOkWhenAbsent) {
  const auto digest = store_.Put("to be removed");
  ASSERT_TRUE(digest.has_value());
  EXPECT_TRUE(store_.Remove(*digest).has_value());
  const auto read = store_.Get(*digest);
  ASSERT_FALSE(read.has_value());
  EXPECT_EQ(read.error().code(), core::ErrorCode::kNotFound);
  EXPECT_TRUE(store_.Remove(*digest).has_value());
  EXPECT_TRUE(FilesUnder(Root()).empty());
}

TEST_F(FileBlobStoreTest, GetOfAbsentBlobIsNotFound) {
  // Before the root exists, and after.
  auto read = store_.Get(kAbcDigest);
  ASSERT_FALSE(read.has_value());
  EXPECT_EQ(read.error().code(), core::ErrorCode::kNotFound);
  ASSERT_TRUE(store_.Put("something else").has_value());
  read = store_.Get(kAbcDigest);
  ASSERT_FALSE(read.has_value());
  EXPECT_EQ(read.error().code(), core::ErrorCode::kNotFound);
}

TEST_F(FileBlobStoreTest, RejectsDigestsThatAreNotLowerCaseHex) {
  // A file outside the store that a traversal would reach.
  ASSERT_TRUE(store_.Put("abc").has_value());
  const std::string upper = "BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD";
  const std::string traversal = "../" + std::string(61, 'a');
  const std::vector<std::string> invalid = {
      "",
      "ba7816bf",                               // short
      std::string(kAbcDigest) + "0",            // long
      upper,                                    // upper case
      "g" + std::string(kAbcDigest.substr(1)),  // not hex
      traversal,                                // path traversal, right length
      "ba/" + std::string(kAbcDigest.substr(3)),
      std::string(kAbcDigest.substr(0, 63)) + '\0',
  };
  for (const std::string& digest : invalid) {
    SCOPED_TRACE(digest);
    const auto read = store_.Get(digest);
    ASSERT_FALSE(read.has_value());
    EXPECT_EQ(read.error().code(), core::ErrorCode::kInvalidArgument);
    const auto removed = store_.Remove(digest);
    ASSERT_FALSE(removed.has_value());
    EXPECT_EQ(removed.error().code(), core::ErrorCode::kInvalidArgument);
  }
  EXPECT_EQ(FilesUnder(Root()).size(), 1U);
}

TEST_F(FileBlobStoreTest, ConcurrentPutsOfSameContentLeaveOneCompleteFile) {
  const std::string bytes(256 * 1024, 'x');
  constexpr int kThreads = 4;
  constexpr int kPutsPerThread = 8;
  std::vector<std::string> digests(kThreads);
  std::vector<int> ok(kThreads, 0);  // not vector<bool>: its elements share words
  {
    std::vector<std::jthread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] {
        int all_ok = 1;
        for (int i = 0; i < kPutsPerThread; ++i) {
          const auto digest = store_.Put(bytes);
          if (!digest) all_ok = 0;
          if (digest) digests[t] = *digest;
        }
        ok[t] = all_ok;
      });
    }
  }
  for (int t = 0; t < kThreads; ++t) {
    EXPECT_TRUE(ok[t]);
    EXPECT_EQ(digests[t], Sha256Hex(bytes));
  }
  // No temporary file is left behind, and the blob is whole.
  EXPECT_EQ(FilesUnder(Root()).size(), 1U);
  EXPECT_EQ(store_.Get(Sha256Hex(bytes)).value_or(""), bytes);
}

TEST_F(FileBlobStoreTest, ReportsUnwritableRootAsInternal) {
  // The root's parent is a regular file, so no directory can be created there.
  const fs::path blocked = dir_.path() / "blocked";
  {
    FILE* f = std::fopen(blocked.c_str(), "w");
    ASSERT_NE(f, nullptr);
    std::fclose(f);
  }
  FileBlobStore store(blocked / "blobs");
  const auto digest = store.Put("abc");
  ASSERT_FALSE(digest.has_value());
  EXPECT_EQ(digest.error().code(), core::ErrorCode::kInternal);
}

}  // namespace
}  // namespace rapport::kb

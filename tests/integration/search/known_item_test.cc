// Known-item robustness on the demo help content (LibreOffice's English help, as `rapport demo`
// imports it): an agent types an article's title, then the same title with a typo in every
// word of 5 or more letters, then with its last word cut to 3 letters (still typing). The
// article must come first, or near it. MRR@10 over every second published title (in title
// order; the whole set, with the same results, is slow under the sanitizers); an article whose
// title several articles share counts as found at the first of them.
//
// The help is fetched with `apt-get download` once per build folder (as `rapport demo` does);
// without it the test fails, never skips.

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "app/demo_kb.h"
#include "rapport/core/clock.h"
#include "rapport/core/id.h"
#include "rapport/core/log.h"
#include "rapport/core/random.h"
#include "rapport/core/testing/temp_dir.h"
#include "rapport/index/xapian/xapian_index.h"
#include "rapport/kb/blob_store.h"
#include "rapport/search/indexer.h"
#include "rapport/search/query_log.h"
#include "rapport/search/service.h"
#include "rapport/store/sqlite/sqlite_store.h"

namespace rapport::search {
namespace {

constexpr int kTypoMinLength = 5;
constexpr int kCutTo = 3;
constexpr int kDepth = 10;
constexpr int kStride = 2;

bool IsLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// One edit (substitute, delete, insert or swap two neighbours) at a random place of a word of
// ASCII letters; other words are left alone.
std::string WithTypo(const std::string& word, std::mt19937& random) {
  if (static_cast<int>(word.size()) < kTypoMinLength ||
      !std::all_of(word.begin(), word.end(), IsLetter)) {
    return word;
  }
  std::uniform_int_distribution<std::size_t> at(0, word.size() - 1);
  std::uniform_int_distribution<int> letter('a', 'z');
  std::string out = word;
  const std::size_t i = at(random);
  switch (std::uniform_int_distribution<int>(0, 3)(random)) {
    case 0: {
      char c = static_cast<char>(letter(random));
      if (c == std::tolower(out[i])) c = c == 'z' ? 'a' : static_cast<char>(c + 1);
      out[i] = c;
      break;
    }
    case 1:
      out.erase(i, 1);
      break;
    case 2:
      out.insert(i, 1, static_cast<char>(letter(random)));
      break;
    default: {
      const std::size_t j = i + 1 < out.size() ? i + 1 : i - 1;
      if (std::tolower(out[i]) == std::tolower(out[j])) {
        out.erase(i, 1);  // swapping equal letters changes nothing: delete instead
      } else {
        std::swap(out[i], out[j]);
      }
    }
  }
  return out;
}

std::vector<std::string> Words(const std::string& text) {
  std::vector<std::string> out;
  std::string word;
  for (char c : text) {
    if (c == ' ') {
      if (!word.empty()) out.push_back(std::move(word));
      word.clear();
    } else {
      word += c;
    }
  }
  if (!word.empty()) out.push_back(std::move(word));
  return out;
}

std::string Join(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : " ") + w;
  return out;
}

class KnownItem : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    store::sqlite::SqliteOptions options;
    options.path = (dir_->path() / "rapport.db").string();
    auto opened = store::sqlite::Open(options, clock_, nullptr);
    ASSERT_TRUE(opened) << opened.error().ToString();
    store_ = std::move(*opened).release();
    ASSERT_TRUE(store_->Migrate());
    auto org = store::WriteValue<store::Organisation>(*store_, [](store::WriteTx& tx) {
      return tx.organisations().Create({.id = ids_.New<store::OrganisationTag>(),
                                        .slug = "demo",
                                        .name = "Demo",
                                        .time_zone = "UTC"});
    });
    ASSERT_TRUE(org) << org.error().ToString();
    org_ = new store::OrganisationId(org->id);
    kb::FileBlobStore blobs(dir_->path() / "attachments");
    const auto cache = std::filesystem::path(RAPPORT_TEST_BINARY_DIR) / "demo-help-cache";
    auto demo = app::EnsureDemoKnowledgeBase(*store_, blobs, *org_, cache, 20261122, clock_, ids_);
    ASSERT_TRUE(demo) << demo.error().ToString();
    ASSERT_TRUE(demo->available) << "the demo help could not be fetched: " << demo->message;
    auto index = index::OpenXapianIndex(dir_->path() / "search");
    ASSERT_TRUE(index) << index.error().ToString();
    index_ = std::move(*index).release();
    Indexer indexer(*store_, *index_);
    auto indexed = indexer.Rebuild();
    ASSERT_TRUE(indexed) << indexed.error().ToString();
    ASSERT_GT(*indexed, 500);
  }

  static void TearDownTestSuite() {
    delete index_;
    delete store_;
    delete org_;
    delete dir_;
  }

  // Titles of the live articles, and for each title the ids of the articles carrying it.
  static std::map<std::string, std::vector<std::string>> Titles() {
    std::map<std::string, std::vector<std::string>> out;
    auto all = store::ReadValue<std::vector<store::Article>>(
        *store_, [](store::ReadTx& tx) { return tx.articles().ListAll(*org_); });
    EXPECT_TRUE(all);
    for (const auto& a : *all) {
      if (a.published) out[a.published->title].push_back(a.id.str());
    }
    return out;
  }

  // Mean reciprocal rank of each title's article for the query `make(title)` makes.
  template <typename MakeQuery>
  static double Mrr(MakeQuery make, const char* label) {
    QueryLog log(*store_, clock_, ids_);
    SearchService service(*store_, *index_, log, clock_, ids_);
    auth::Principal editor;
    editor.org_id = *org_;
    editor.role = auth::Role::kOwner;
    double sum = 0;
    int queries = 0;
    int shown = 0;
    int seen = 0;
    for (const auto& [title, ids] : Titles()) {
      if (seen++ % kStride != 0) continue;
      SearchRequest request{.text = make(title), .limit = kDepth};
      auto found = service.Search(editor, request);
      EXPECT_TRUE(found) << found.error().ToString();
      if (!found) continue;
      ++queries;
      double rr = 0;
      for (std::size_t i = 0; i < found->results.size(); ++i) {
        if (std::find(ids.begin(), ids.end(), found->results[i].id) != ids.end()) {
          rr = 1.0 / static_cast<double>(i + 1);
          break;
        }
      }
      if (rr < 1 && shown++ < 5) {
        std::printf("  %s miss: \"%s\" for \"%s\" (rr %.2f)\n", label, request.text.c_str(),
                    title.c_str(), rr);
      }
      sum += rr;
    }
    const double mrr = queries > 0 ? sum / queries : 0;
    std::printf("%s: MRR@10 %.3f over %d titles\n", label, mrr, queries);
    return mrr;
  }

  static inline core::testing::TempDir* dir_ = new core::testing::TempDir();
  static inline core::SystemClock clock_;
  static inline core::SeededRandom random_{42};
  static inline core::IdGenerator ids_{clock_, random_};
  static inline store::Store* store_ = nullptr;
  static inline index::SearchIndex* index_ = nullptr;
  static inline store::OrganisationId* org_ = nullptr;
};

TEST_F(KnownItem, CleanTitlesFindTheirArticle) {
  EXPECT_GE(Mrr([](const std::string& t) { return t; }, "clean"), 0.90);
}

TEST_F(KnownItem, TitlesWithATypoInEveryLongWordFindTheirArticle) {
  std::mt19937 random(7);
  EXPECT_GE(Mrr(
                [&](const std::string& t) {
                  auto words = Words(t);
                  for (auto& w : words) w = WithTypo(w, random);
                  return Join(words);
                },
                "typos"),
            0.85);
}

TEST_F(KnownItem, HalfTypedTitlesFindTheirArticle) {
  EXPECT_GE(Mrr(
                [](const std::string& t) {
                  auto words = Words(t);
                  if (!words.empty() && static_cast<int>(words.back().size()) > kCutTo) {
                    words.back().resize(kCutTo);
                  }
                  return Join(words);
                },
                "type-ahead"),
            0.85);
}

TEST(WithTypo, MakesExactlyOneEditInLongWordsOnly) {
  std::mt19937 random(1);
  EXPECT_EQ(WithTypo("text", random), "text");
  EXPECT_EQ(WithTypo("3-D objects", random), "3-D objects");  // not all letters
  for (int i = 0; i < 200; ++i) {
    const std::string typo = WithTypo("inserting", random);
    EXPECT_NE(typo, "inserting");
    EXPECT_LE(std::abs(static_cast<int>(typo.size()) - 9), 1);
  }
}

}  // namespace
}  // namespace rapport::search

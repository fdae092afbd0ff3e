#pragma once

// Test helpers: a Xapian index in a fresh temporary directory, and compact documents.

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "rapport/index/xapian/xapian_index.h"

namespace rapport::index::testing {

inline Document Doc(std::string id, std::string title, std::string body = {}) {
  Document doc;
  doc.org = "org1";
  doc.id = std::move(id);
  doc.language = "en";
  doc.slug = doc.id;
  doc.title = std::move(title);
  doc.body = std::move(body);
  doc.visibility = "internal";
  doc.status = "published";
  doc.live = true;
  return doc;
}

inline Change Put(Document doc) {
  Change change{.org = doc.org, .id = doc.id, .document = std::nullopt};
  change.document = std::move(doc);
  return change;
}

inline Change Remove(std::string org, std::string id) {
  return Change{.org = std::move(org), .id = std::move(id), .document = std::nullopt};
}

inline Query Ask(std::string text) {
  Query query;
  query.org = "org1";
  query.text = std::move(text);
  query.audience.see_all = true;
  query.prefix_last = false;
  return query;
}

inline std::vector<std::string> Ids(const Results& results) {
  std::vector<std::string> ids;
  for (const Hit& hit : results.hits) ids.push_back(hit.id);
  return ids;
}

class IndexTest : public ::testing::Test {
 protected:
  void SetUp() override {
    static std::atomic<int> counter{0};
    dir_ = std::filesystem::temp_directory_path() /
           ("rapport-xapian-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(dir_);
    auto index = OpenXapianIndex(dir_);
    ASSERT_TRUE(index.has_value()) << index.error().ToString();
    index_ = std::move(*index);
  }
  void TearDown() override {
    index_.reset();
    std::filesystem::remove_all(dir_);
  }

  void Index(std::vector<Document> docs, std::int64_t sequence = 1) {
    std::vector<Change> changes;
    for (Document& doc : docs) changes.push_back(Put(std::move(doc)));
    auto status = index_->Apply(changes, sequence);
    ASSERT_TRUE(status.has_value()) << status.error().ToString();
  }

  Results Find(const Query& query) {
    auto results = index_->Search(query);
    EXPECT_TRUE(results.has_value()) << results.error().ToString();
    return results.value_or(Results{});
  }
  Results Find(std::string text) { return Find(Ask(std::move(text))); }

  std::filesystem::path dir_;
  std::unique_ptr<SearchIndex> index_;
};

}  // namespace rapport::index::testing

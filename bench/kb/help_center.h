#pragma once

// The help center kb_benchmark serves articles from: a KnowledgeBase over a real SQLite store
// (WAL, synchronous=FULL) in a temporary directory on the machine's disk, holding one
// organisation, 4 categories of 2 sections each, and kArticles public published articles filed
// round-robin in the sections, each linking to two others ("article:<id>"). One article in
// kLongEvery is long (kLongSections of kb_corpus.h), the others short (kShortSections).
//
// The rows are written straight through the store in one transaction (through the service,
// 1,000 articles would take 3,000 durable transactions); they are the rows the service would
// write. Thread-safety: as KnowledgeBase and Store; Shared() is built on first use.

#include <memory>
#include <string>

#include "rapport/core/clock.h"
#include "rapport/core/id.h"
#include "rapport/core/random.h"
#include "rapport/core/testing/temp_dir.h"
#include "rapport/kb/blob_store.h"
#include "rapport/kb/service.h"
#include "rapport/store/store.h"

namespace rapport::kb::bench {

inline constexpr int kArticles = 1000;
inline constexpr int kLongEvery = 100;

class HelpCenter {
 public:
  // One help center for the whole run: Google Benchmark calls a benchmark function several
  // times per repetition, and seeding 1,000 articles every time would dominate the run.
  // Throws std::runtime_error when the store cannot be built.
  static HelpCenter& Shared();

  // The slug of a published article of `sections` sections (kShortSections or kLongSections).
  std::string SlugFor(int sections) const;
  // That article as the store reads it by slug (one read transaction).
  core::Result<store::Article> ArticleFor(int sections);
  std::string DatabaseFile() const;

  store::Store& store() { return *store_; }
  KnowledgeBase& kb() { return *kb_; }
  const store::OrganisationId& org() const { return org_.id; }
  const core::Clock& clock() const { return clock_; }

 private:
  HelpCenter();
  core::Status Seed(store::WriteTx& tx);

  core::testing::TempDir dir_;
  core::SystemClock clock_;
  core::SeededRandom random_{11};
  core::IdGenerator ids_{clock_, random_};
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<FileBlobStore> blobs_;
  std::unique_ptr<KnowledgeBase> kb_;
  store::Organisation org_;
};

}  // namespace rapport::kb::bench

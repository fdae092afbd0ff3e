#pragma once

// The search index port on Xapian 1.4 (glass backend): one database directory holding every
// organisation's articles. See rapport/index/search_index.h for the behaviour, and
// docs/search.md for the analysis, the ranking and its tuning.
//
// A process opens the directory either writable (one writer at a time, across processes:
// Unavailable when another process holds the write lock) or read-only (any number, also
// while a writer runs; a reader sees the last commit as of its last reopen, and reopens
// before each Search when a newer commit exists).

#include <filesystem>
#include <memory>

#include "rapport/core/error.h"
#include "rapport/index/search_index.h"

namespace rapport::index {

// Tuned on Cranfield and CISI (bench/search/relevance_eval.cc; figures in docs/PERFORMANCE.md):
// k1 = 1.5, b = 0.6 gave the best mean nDCG@10 of the settings tried, with the title counted
// three times.
struct Bm25Parameters {
  double k1 = 1.5;
  double k2 = 0.0;
  double k3 = 1.0;
  double b = 0.6;
  double min_normlen = 0.5;
};

struct XapianOptions {
  bool read_only = false;
  Bm25Parameters bm25 = {};
  // Within-document frequency added per title word (and per summary word) at indexing time,
  // relative to 1 for a body word: how much more a word in the title counts.
  int title_weight = 3;
  int summary_weight = 2;
  int tag_weight = 2;
};

// Opens (creating when absent and writable) the index in `dir`.
core::Result<std::unique_ptr<SearchIndex>> OpenXapianIndex(const std::filesystem::path& dir,
                                                           const XapianOptions& options = {});

}  // namespace rapport::index

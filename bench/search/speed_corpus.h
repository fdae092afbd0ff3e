#pragma once

// The corpus and the queries of the search speed benchmark (search_speed_benchmark.cc).
//
// Documents: the demo knowledge base (LibreOffice's English help, app/demo_kb.h) imported into
// a scratch SQLite store and read back as the indexer does (store ListAll, then
// search::ToDocument, which turns the Markdown bodies into plain text). Larger corpora repeat
// it: copy c of article i gets a distinct id and slug, and the copy number as a last word of
// its title, so that no two documents are identical while the vocabulary and the document
// lengths stay those of the demo.
//
// Queries: 1 to 4 words drawn with a seeded random from the demo's titles and bodies (words
// that occur near each other in one article, so most queries have hits), in the flavours the
// search box produces. Pure functions apart from LoadDemoCorpus; not thread-safe.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "rapport/core/error.h"
#include "rapport/index/search_index.h"

namespace rapport::search_speed {

struct Corpus {
  std::string org;                        // the organisation id every document carries
  std::string employee;                   // user id of the staff employee who searches
  std::vector<index::Document> articles;  // the demo's articles, in slug order
};

// Imports the demo knowledge base into a new store in `scratch` (the package is fetched into
// or reused from `cache`, as `rapport demo` does) and returns its index documents. Unavailable
// when the help cannot be fetched.
core::Result<Corpus> LoadDemoCorpus(const std::filesystem::path& cache,
                                    const std::filesystem::path& scratch, std::uint64_t seed);

// Document `n` of the repeated corpus: copy n / size of article n % size (copy 0 is the
// article itself). REQUIRES: !corpus.articles.empty().
index::Document Replica(const Corpus& corpus, std::size_t n);

// The search box's query flavours.
enum class Flavour {
  kClean,     // words as they appear in the articles
  kTypo,      // one edit (substitution, deletion, insertion or swap) in each word of 5+ letters
  kAsYouType  // the last word cut to its first 3 letters, searched as a prefix
};

std::string_view FlavourName(Flavour flavour);

// `count` clean queries of 1 to 4 lower-case words (uniformly), deterministic from `seed`.
std::vector<std::string> CleanQueries(const Corpus& corpus, int count, std::uint64_t seed);

// `clean` in another flavour; deterministic from `seed` and the text.
std::string InFlavour(std::string_view clean, Flavour flavour, std::uint64_t seed);

// The words of a query text (split on spaces).
std::vector<std::string> Words(std::string_view text);

}  // namespace rapport::search_speed

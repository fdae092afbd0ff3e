#include "bench/search/speed_corpus.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <utility>

#include "app/demo_kb.h"
#include "app/wiring.h"
#include "rapport/core/clock.h"
#include "rapport/core/id.h"
#include "rapport/core/random.h"
#include "rapport/kb/blob_store.h"
#include "rapport/search/projection.h"
#include "rapport/store/sqlite/sqlite_store.h"

namespace rapport::search_speed {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t kMinWordLength = 3;
constexpr std::size_t kMaxWordLength = 20;
constexpr std::size_t kTypoMinLength = 5;    // shorter words are typed as they are
constexpr std::size_t kAsYouTypeLength = 3;  // letters typed of the last word
constexpr int kMaxQueryWords = 4;
constexpr int kTitlePercent = 30;    // queries drawn from a title rather than a body
constexpr std::size_t kWindow = 10;  // query words come from this many consecutive words
constexpr int kEditKinds = 4;        // substitution, deletion, insertion, swap
constexpr std::uint64_t kAlphabetSize = 26;

// Words nobody searches for (and that every article has); a short list is enough here.
constexpr std::array<std::string_view, 48> kStopWords = {
    "the",  "and",   "for",   "you",   "are",   "this", "that",  "with",  "from", "can",
    "not",  "use",   "all",   "any",   "was",   "will", "your",  "which", "then", "them",
    "has",  "have",  "its",   "into",  "one",   "two",  "also",  "other", "more", "each",
    "when", "where", "there", "these", "those", "how",  "what",  "only",  "but",  "their",
    "been", "may",   "such",  "than",  "some",  "out",  "about", "both"};

bool IsStopWord(std::string_view word) {
  return std::ranges::find(kStopWords, word) != kStopWords.end();
}

// Lower-case runs of ASCII letters of a searchable length, stop words left out.
std::vector<std::string> QueryableWords(std::string_view text) {
  std::vector<std::string> out;
  std::string word;
  const auto flush = [&] {
    if (word.size() >= kMinWordLength && word.size() <= kMaxWordLength && !IsStopWord(word)) {
      out.push_back(word);
    }
    word.clear();
  };
  for (const char c : text) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
      word += static_cast<char>(c | 0x20);
    } else {
      flush();
    }
  }
  flush();
  return out;
}

// FNV-1a: a stable hash, so that a query's typos do not depend on the standard library.
std::uint64_t StableHash(std::string_view text) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (const char c : text) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  return h;
}

char RandomLetter(core::Random& random, char other) {
  char c = other;
  while (c == other) c = static_cast<char>('a' + random.Uniform(kAlphabetSize));
  return c;
}

// One edit at a position after the first letter (people rarely mistype the first one).
std::string WithTypo(std::string word, core::Random& random) {
  const std::size_t pos = 1 + random.Uniform(word.size() - 1);
  switch (random.Uniform(kEditKinds)) {
    case 0:
      word[pos] = RandomLetter(random, word[pos]);
      break;
    case 1:
      word.erase(pos, 1);
      break;
    case 2:
      word.insert(pos, 1, RandomLetter(random, '\0'));
      break;
    default:
      if (word[pos - 1] == word[pos]) {
        word[pos] = RandomLetter(random, word[pos]);
      } else {
        std::swap(word[pos - 1], word[pos]);
      }
  }
  return word;
}

std::string Join(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& w : words) {
    if (!out.empty()) out += ' ';
    out += w;
  }
  return out;
}

constexpr std::string_view kOrg = "bench-organisation";
constexpr std::string_view kEmployee = "bench-employee";
constexpr std::string_view kEditor = "bench-editor";

core::Status AddAccounts(store::Store& store, core::IdGenerator& ids, const core::Clock& clock,
                         const store::OrganisationId& org, Corpus& corpus) {
  // A knowledge editor and an employee: the demo spreads article owners over the accounts.
  return store.Write([&](store::WriteTx& tx) -> core::Status {
    RAPPORT_RETURN_IF_ERROR(tx.users().Create({.id = ids.New<store::UserTag>(),
                                               .org_id = org,
                                               .email = "editor@bench.invalid",
                                               .name = "Editor",
                                               .role = "knowledge_editor",
                                               .created_at = clock.Now()}));
    RAPPORT_ASSIGN_OR_RETURN(const store::User employee,
                             tx.users().Create({.id = ids.New<store::UserTag>(),
                                                .org_id = org,
                                                .email = "employee@bench.invalid",
                                                .name = "Employee",
                                                .role = "employee",
                                                .created_at = clock.Now()}));
    corpus.employee = employee.id.str();
    return core::Ok();
  });
}

}  // namespace

core::Result<Corpus> LoadDemoCorpus(const fs::path& cache, const fs::path& scratch,
                                    std::uint64_t seed) {
  core::SystemClock clock;
  core::SeededRandom random(seed);
  core::IdGenerator ids(clock, random);
  RAPPORT_ASSIGN_OR_RETURN(
      std::unique_ptr<store::Store> store,
      store::sqlite::Open({.path = store::sqlite::DatabasePath(scratch).string()}, clock, nullptr));
  RAPPORT_RETURN_IF_ERROR(store->Migrate());
  RAPPORT_ASSIGN_OR_RETURN(const store::Organisation org,
                           app::EnsureOrganisation(*store, ids, "bench", "Bench"));
  Corpus corpus;
  corpus.org = org.id.str();
  RAPPORT_RETURN_IF_ERROR(AddAccounts(*store, ids, clock, org.id, corpus));
  kb::FileBlobStore blobs(scratch / "attachments");
  RAPPORT_ASSIGN_OR_RETURN(
      const app::DemoKbSummary summary,
      app::EnsureDemoKnowledgeBase(*store, blobs, org.id, cache, seed, clock, ids));
  if (!summary.available) return core::Unavailable(summary.message);
  RAPPORT_RETURN_IF_ERROR(store->Read([&](store::ReadTx& tx) -> core::Status {
    RAPPORT_ASSIGN_OR_RETURN(const auto categories, tx.categories().ListAll(org.id));
    const search::CategoryParents parents = search::ParentsOf(categories);
    RAPPORT_ASSIGN_OR_RETURN(auto articles, tx.articles().ListAll(org.id));
    std::ranges::sort(articles, {}, &store::Article::slug);
    for (const store::Article& article : articles) {
      RAPPORT_ASSIGN_OR_RETURN(const auto stats, tx.feedback().Stats(org.id, article.id));
      corpus.articles.push_back(search::ToDocument(org.id, article, stats, parents));
    }
    return core::Ok();
  }));
  if (corpus.articles.empty()) return core::Unavailable("the demo knowledge base is empty");
  // Ids made from the clock differ from run to run; fixed ones let a run query the indexes an
  // earlier run kept (--reuse).
  for (index::Document& doc : corpus.articles) {
    doc.org = kOrg;
    if (!doc.owner.empty()) doc.owner = doc.owner == corpus.employee ? kEmployee : kEditor;
  }
  corpus.org = kOrg;
  corpus.employee = kEmployee;
  return corpus;
}

index::Document Replica(const Corpus& corpus, std::size_t n) {
  const std::size_t copy = n / corpus.articles.size();
  index::Document doc = corpus.articles[n % corpus.articles.size()];
  if (copy == 0) return doc;
  doc.id = fmt::format("{}-{}", doc.id, copy);
  doc.slug = fmt::format("{}-{}", doc.slug, copy);
  doc.title = fmt::format("{} {}", doc.title, copy);
  return doc;
}

std::string_view FlavourName(Flavour flavour) {
  switch (flavour) {
    case Flavour::kClean:
      return "clean";
    case Flavour::kTypo:
      return "typo'd";
    case Flavour::kAsYouType:
      return "as-you-type";
  }
  return "";
}

std::vector<std::string> CleanQueries(const Corpus& corpus, int count, std::uint64_t seed) {
  std::vector<std::vector<std::string>> titles;
  std::vector<std::vector<std::string>> bodies;
  for (const index::Document& doc : corpus.articles) {
    titles.push_back(QueryableWords(doc.title));
    bodies.push_back(QueryableWords(doc.body));
  }
  core::SeededRandom random(seed);
  std::vector<std::string> out;
  while (static_cast<int>(out.size()) < count) {
    const std::size_t n = 1 + random.Uniform(kMaxQueryWords);
    const std::size_t article = random.Uniform(corpus.articles.size());
    const bool from_title = static_cast<int>(random.Uniform(100)) < kTitlePercent;
    const std::vector<std::string>& source =
        from_title && titles[article].size() >= n ? titles[article] : bodies[article];
    if (source.size() < n) continue;
    const std::size_t start =
        source.size() > kWindow ? random.Uniform(source.size() - kWindow + 1) : 0;
    const std::size_t window = std::min(kWindow, source.size() - start);
    // n distinct words of the window, kept in the order they appear in.
    std::vector<std::size_t> positions(window);
    for (std::size_t i = 0; i < window; ++i) positions[i] = start + i;
    for (std::size_t i = window; i > 1; --i) {
      std::swap(positions[i - 1], positions[random.Uniform(i)]);
    }
    std::vector<std::size_t> chosen;
    for (const std::size_t p : positions) {
      const bool repeated =
          std::ranges::any_of(chosen, [&](std::size_t q) { return source[q] == source[p]; });
      if (!repeated) chosen.push_back(p);
      if (chosen.size() == n) break;
    }
    std::ranges::sort(chosen);
    std::vector<std::string> words;
    for (const std::size_t p : chosen) words.push_back(source[p]);
    out.push_back(Join(words));
  }
  return out;
}

std::string InFlavour(std::string_view clean, Flavour flavour, std::uint64_t seed) {
  std::vector<std::string> words = Words(clean);
  if (words.empty()) return std::string(clean);
  switch (flavour) {
    case Flavour::kClean:
      break;
    case Flavour::kTypo: {
      core::SeededRandom random(seed ^ StableHash(clean));
      for (std::string& w : words) {
        if (w.size() >= kTypoMinLength) w = WithTypo(std::move(w), random);
      }
      break;
    }
    case Flavour::kAsYouType:
      if (words.back().size() > kAsYouTypeLength) words.back().resize(kAsYouTypeLength);
      break;
  }
  return Join(words);
}

std::vector<std::string> Words(std::string_view text) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t end = std::min(text.find(' ', pos), text.size());
    if (end > pos) out.emplace_back(text.substr(pos, end - pos));
    pos = end + 1;
  }
  return out;
}

}  // namespace rapport::search_speed

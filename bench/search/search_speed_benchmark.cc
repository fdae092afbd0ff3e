// Search speed: Rapport's search index (the Xapian adapter, through the port, queried as a staff
// employee is) beside SQLite FTS5 (bm25, porter tokenizer) on the same documents and the same
// queries, in the same run:
//   - query latency p50 / p99 / mean for 1-4 word queries, clean, typo'd and as-you-type, and
//     clean with facets (Rapport only), for each corpus size;
//   - indexing throughput (documents/s) and index size on disk;
//   - resident memory (VmRSS) around building, querying and closing each index.
// The documents are the demo knowledge base (LibreOffice's English help) repeated to the sizes
// asked for; see bench/search/speed_corpus.h for how copies differ and queries are drawn.
// Rows are measured in rounds, Rapport then FTS5, and each figure is the median of the rounds.
//
//   cmake --preset bench -B build/h-speed
//   cmake --build build/h-speed -j2 --target search_speed_benchmark
//   build/h-speed/bench/search/search_speed_benchmark --docs 15000,150000 --queries 2000
//
// See docs/PERFORMANCE.md, "Search speed", for the figures.

#include <fmt/format.h>
#include <malloc.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <ranges>
#include <string>
#include <thread>
#include <vector>

#include "bench/search/speed_corpus.h"
#include "bench/search/speed_fts5.h"
#include "rapport/core/testing/temp_dir.h"
#include "rapport/index/xapian/xapian_index.h"

namespace rapport::search_speed {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr int kLimit = 10;
constexpr std::size_t kBatch = 2000;  // documents per commit, as the indexer's rebuild does
constexpr double kMiB = 1024.0 * 1024.0;
constexpr double kKiBPerMiB = 1024.0;

struct Options {
  std::vector<int> docs = {15'000, 150'000};
  int queries = 2000;
  int warmup = 300;
  int rounds = 3;
  fs::path cache = fs::path(RAPPORT_BINARY_DIR) / "demo-help-cache";
  fs::path keep;
  bool reuse = false;  // query the indexes already in `keep` instead of building them
  std::string rows;    // names of the rows to run (comma-separated); empty: all
  int slowest = 0;     // print this many of the slowest Rapport queries of each row
  std::uint64_t seed = 42;
};

struct Row {
  std::string key;  // for --rows
  std::string name;
  Flavour flavour;
  bool facets;
};

const std::vector<Row>& Rows() {
  static const std::vector<Row> rows = {{"clean", "clean", Flavour::kClean, false},
                                        {"typo", "typo'd", Flavour::kTypo, false},
                                        {"type", "as-you-type", Flavour::kAsYouType, false},
                                        {"facets", "clean, facets on", Flavour::kClean, true}};
  return rows;
}

// One row's latencies in one round.
struct Latency {
  double p50 = 0;
  double p99 = 0;
  double mean = 0;
  double hits = 0;     // mean hits per query
  double no_hits = 0;  // fraction of queries with none
};

double Quantile(const std::vector<double>& sorted, double q) {
  const auto at = static_cast<std::size_t>(q * static_cast<double>(sorted.size() - 1) + 0.5);
  return sorted[std::min(at, sorted.size() - 1)];
}

Latency Summarise(std::vector<double> micros, const std::vector<int>& hits) {
  std::ranges::sort(micros);
  Latency out;
  out.p50 = Quantile(micros, 0.50);
  out.p99 = Quantile(micros, 0.99);
  for (const double m : micros) out.mean += m;
  out.mean /= static_cast<double>(micros.size());
  for (const int h : hits) {
    out.hits += h;
    out.no_hits += h == 0 ? 1 : 0;
  }
  out.hits /= static_cast<double>(hits.size());
  out.no_hits /= static_cast<double>(hits.size());
  return out;
}

Latency MedianOf(std::vector<Latency> rounds) {
  const auto median = [&](double Latency::*field) {
    std::vector<double> v;
    for (const Latency& l : rounds) v.push_back(l.*field);
    std::ranges::sort(v);
    return v[v.size() / 2];
  };
  return {.p50 = median(&Latency::p50),
          .p99 = median(&Latency::p99),
          .mean = median(&Latency::mean),
          .hits = median(&Latency::hits),
          .no_hits = median(&Latency::no_hits)};
}

double Micros(Clock::duration d) { return std::chrono::duration<double, std::micro>(d).count(); }
double Seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

// VmRSS or VmHWM of this process, in MiB.
double ProcStatusMiB(std::string_view key) {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.starts_with(key)) return std::stod(line.substr(key.size() + 1)) / kKiBPerMiB;
  }
  return 0;
}
double RssMiB() {
  malloc_trim(0);  // what the allocator still holds but no longer uses is not the index's
  return ProcStatusMiB("VmRSS");
}

std::uintmax_t DirectoryBytes(const fs::path& dir) {
  std::uintmax_t total = 0;
  std::error_code ec;
  for (const auto& entry : fs::recursive_directory_iterator(dir, ec)) {
    if (entry.is_regular_file(ec)) total += entry.file_size(ec);
  }
  return total;
}

// The queries of every row, for both systems.
struct QuerySet {
  std::vector<std::vector<index::Query>> rapport;  // per row
  std::vector<std::vector<std::string>> fts5;      // per row; empty for Rapport-only rows
};

QuerySet MakeQueries(const Corpus& corpus, const Options& options) {
  const std::vector<std::string> clean = CleanQueries(corpus, options.queries, options.seed);
  const std::int64_t now = std::chrono::duration_cast<std::chrono::seconds>(
                               std::chrono::system_clock::now().time_since_epoch())
                               .count();
  QuerySet set;
  for (const Row& row : Rows()) {
    const bool prefix = row.flavour == Flavour::kAsYouType;
    std::vector<index::Query> rapport;
    std::vector<std::string> fts5;
    for (const std::string& text : clean) {
      index::Query q;
      q.org = corpus.org;
      q.text = InFlavour(text, row.flavour, options.seed);
      q.audience = {.role = "employee", .user = corpus.employee};
      q.limit = kLimit;
      q.prefix_last = prefix;
      q.facets = row.facets;
      q.signals.now = now;
      if (!row.facets) fts5.push_back(Fts5Match(q.text, prefix));
      rapport.push_back(std::move(q));
    }
    set.rapport.push_back(std::move(rapport));
    set.fts5.push_back(std::move(fts5));
  }
  return set;
}

// The `n` slowest queries, for finding what makes the tail.
void PrintSlowest(const std::vector<index::Query>& qs, const std::vector<double>& micros, int n) {
  std::vector<std::size_t> order(micros.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  const auto count = std::min<std::size_t>(static_cast<std::size_t>(std::max(n, 0)), order.size());
  std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(count), order.end(),
                    [&](std::size_t a, std::size_t b) { return micros[a] > micros[b]; });
  for (std::size_t i = 0; i < count; ++i) {
    std::fprintf(stderr, "  slow: %8.0f us  \"%s\"\n", micros[order[i]], qs[order[i]].text.c_str());
  }
}

core::Result<Latency> TimeRapport(index::SearchIndex& index, const std::vector<index::Query>& qs,
                                  int warmup, int slowest) {
  for (int i = 0; i < warmup && i < static_cast<int>(qs.size()); ++i) {
    RAPPORT_RETURN_IF_ERROR(index.Search(qs[static_cast<std::size_t>(i)]));
  }
  std::vector<double> micros;
  std::vector<int> hits;
  micros.reserve(qs.size());
  for (const index::Query& q : qs) {
    const auto start = Clock::now();
    auto found = index.Search(q);
    micros.push_back(Micros(Clock::now() - start));
    if (!found) return std::unexpected(found.error());
    hits.push_back(static_cast<int>(found->hits.size()));
  }
  PrintSlowest(qs, micros, slowest);
  return Summarise(std::move(micros), hits);
}

core::Result<Latency> TimeFts5(Fts5Index& index, const std::vector<std::string>& qs, int warmup) {
  for (int i = 0; i < warmup && i < static_cast<int>(qs.size()); ++i) {
    RAPPORT_RETURN_IF_ERROR(index.Search(qs[static_cast<std::size_t>(i)], kLimit));
  }
  std::vector<double> micros;
  std::vector<int> hits;
  micros.reserve(qs.size());
  for (const std::string& q : qs) {
    const auto start = Clock::now();
    auto found = index.Search(q, kLimit);
    micros.push_back(Micros(Clock::now() - start));
    if (!found) return std::unexpected(found.error());
    hits.push_back(*found);
  }
  return Summarise(std::move(micros), hits);
}

bool Selected(const Options& options, const Row& row) {
  if (options.rows.empty()) return true;
  for (const auto part : std::views::split(std::string_view(options.rows), ',')) {
    if (std::string_view(part.begin(), part.end()) == row.key) return true;
  }
  return false;
}

struct SizeReport {
  int docs = 0;
  double rapport_seconds = 0;
  double fts5_insert_seconds = 0;
  double fts5_optimize_seconds = 0;
  std::uintmax_t rapport_bytes = 0;
  std::uintmax_t fts5_bytes = 0;
  double rss_start = 0;
  double rss_fts5_built = 0;
  double rss_queried = 0;
  double rss_rapport_closed = 0;
  double rss_fts5_closed = 0;
  std::vector<std::optional<Latency>> rapport = {};  // per row; empty when not run
  std::vector<std::optional<Latency>> fts5 = {};     // per row
};

// Builds both indexes over the first `docs` documents of the repeated corpus, in the same
// batches, timing only the index calls.
core::Status Build(const Corpus& corpus, int docs, index::SearchIndex& rapport, Fts5Index& fts5,
                   SizeReport& report) {
  Clock::duration rapport_time{};
  Clock::duration fts5_time{};
  std::vector<index::Document> batch;
  std::vector<index::Change> changes;
  for (std::size_t first = 0; first < static_cast<std::size_t>(docs); first += kBatch) {
    const std::size_t end = std::min(static_cast<std::size_t>(docs), first + kBatch);
    batch.clear();
    changes.clear();
    for (std::size_t n = first; n < end; ++n) batch.push_back(Replica(corpus, n));
    for (const index::Document& d : batch) {
      changes.push_back({.org = d.org, .id = d.id, .document = d});
    }
    auto start = Clock::now();
    RAPPORT_RETURN_IF_ERROR(rapport.Apply(changes, static_cast<std::int64_t>(end)));
    rapport_time += Clock::now() - start;
    start = Clock::now();
    RAPPORT_RETURN_IF_ERROR(fts5.Insert(batch, static_cast<std::int64_t>(first)));
    fts5_time += Clock::now() - start;
  }
  report.rapport_seconds = Seconds(rapport_time);
  report.fts5_insert_seconds = Seconds(fts5_time);
  const auto start = Clock::now();
  RAPPORT_RETURN_IF_ERROR(fts5.Optimize());
  report.fts5_optimize_seconds = Seconds(Clock::now() - start);
  return core::Ok();
}

core::Result<SizeReport> RunSize(const Corpus& corpus, const QuerySet& queries, int docs,
                                 const Options& options) {
  SizeReport report;
  report.docs = docs;
  std::optional<core::testing::TempDir> temp;
  fs::path dir = options.keep;
  if (dir.empty()) {
    temp.emplace();
    dir = temp->path();
  }
  std::error_code ec;
  fs::create_directories(dir, ec);
  const fs::path rapport_dir = dir / fmt::format("rapport-{}", docs);
  const fs::path fts5_file = dir / fmt::format("fts5-{}.db", docs);
  const bool reuse = options.reuse && fs::exists(rapport_dir) && fs::exists(fts5_file);
  if (!reuse) {
    fs::remove_all(rapport_dir, ec);
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(fts5_file.string() + suffix, ec);
  }

  report.rss_start = RssMiB();
  RAPPORT_ASSIGN_OR_RETURN(std::unique_ptr<index::SearchIndex> rapport,
                           index::OpenXapianIndex(rapport_dir));
  RAPPORT_ASSIGN_OR_RETURN(std::unique_ptr<Fts5Index> fts5,
                           reuse ? Fts5Index::Open(fts5_file) : Fts5Index::Create(fts5_file));
  if (!reuse) RAPPORT_RETURN_IF_ERROR(Build(corpus, docs, *rapport, *fts5, report));
  report.rapport_bytes = DirectoryBytes(rapport_dir);
  report.fts5_bytes = fts5->Bytes();
  report.rss_fts5_built = RssMiB();  // both built: split below by closing each

  std::vector<std::vector<Latency>> rapport_rounds(Rows().size());
  std::vector<std::vector<Latency>> fts5_rounds(Rows().size());
  for (int round = 0; round < options.rounds; ++round) {
    for (std::size_t r = 0; r < Rows().size(); ++r) {
      if (!Selected(options, Rows()[r])) continue;
      RAPPORT_ASSIGN_OR_RETURN(
          Latency l, TimeRapport(*rapport, queries.rapport[r], options.warmup, options.slowest));
      rapport_rounds[r].push_back(l);
      if (queries.fts5[r].empty()) continue;
      RAPPORT_ASSIGN_OR_RETURN(l, TimeFts5(*fts5, queries.fts5[r], options.warmup));
      fts5_rounds[r].push_back(l);
    }
    std::fprintf(stderr, "  %d documents: round %d of %d done\n", docs, round + 1, options.rounds);
  }
  for (std::size_t r = 0; r < Rows().size(); ++r) {
    report.rapport.push_back(
        rapport_rounds[r].empty() ? std::nullopt : std::optional(MedianOf(rapport_rounds[r])));
    report.fts5.push_back(fts5_rounds[r].empty() ? std::nullopt
                                                 : std::optional(MedianOf(fts5_rounds[r])));
  }
  report.rss_queried = RssMiB();
  rapport.reset();
  report.rss_rapport_closed = RssMiB();
  fts5.reset();
  report.rss_fts5_closed = RssMiB();
  return report;
}

void PrintReport(const Corpus& corpus, const SizeReport& r, const Options& options) {
  const double copies = static_cast<double>(r.docs) / static_cast<double>(corpus.articles.size());
  fmt::print(
      "\n{} documents ({} articles x {:.1f}), {} queries per row after {} warm-up, "
      "median of {} rounds\n",
      r.docs, corpus.articles.size(), copies, options.queries, options.warmup, options.rounds);
  fmt::print("{:<18} | {:>8} {:>8} {:>8} {:>5} {:>5} | {:>8} {:>8} {:>8} {:>5} {:>5} | {:>9}\n",
             "latency (us)", "Rapport", "p99", "mean", "hits", "none", "FTS5 p50", "p99", "mean",
             "hits", "none", "FTS5/Rap");
  fmt::print("{:<18} | {:>8} {:>8} {:>8} {:>5} {:>5} | {:>8} {:>8} {:>8} {:>5} {:>5} | {:>9}\n", "",
             "p50", "", "", "", "", "", "", "", "", "", "p99");
  for (std::size_t i = 0; i < Rows().size(); ++i) {
    if (!r.rapport[i]) continue;
    const Latency& a = *r.rapport[i];
    std::string right =
        fmt::format("{:>8} {:>8} {:>8} {:>5} {:>5} | {:>9}", "-", "-", "-", "-", "-", "-");
    if (r.fts5[i]) {
      const Latency& b = *r.fts5[i];
      right = fmt::format("{:>8.0f} {:>8.0f} {:>8.0f} {:>5.1f} {:>4.0f}% | {:>9.1f}", b.p50, b.p99,
                          b.mean, b.hits, 100 * b.no_hits, b.p99 / a.p99);
    }
    fmt::print("{:<18} | {:>8.0f} {:>8.0f} {:>8.0f} {:>5.1f} {:>4.0f}% | {}\n", Rows()[i].name,
               a.p50, a.p99, a.mean, a.hits, 100 * a.no_hits, right);
  }
  const double fts5_seconds = r.fts5_insert_seconds + r.fts5_optimize_seconds;
  if (r.rapport_seconds == 0) {
    fmt::print("indexing: not measured (indexes reused)\n");
  } else {
    fmt::print(
        "indexing: Rapport {:.0f} docs/s ({:.1f} s) | FTS5 {:.0f} docs/s ({:.1f} s: "
        "inserts {:.1f} s + optimize {:.1f} s)\n",
        r.docs / r.rapport_seconds, r.rapport_seconds, r.docs / fts5_seconds, fts5_seconds,
        r.fts5_insert_seconds, r.fts5_optimize_seconds);
  }
  fmt::print("index on disk: Rapport {:.1f} MiB | FTS5 {:.1f} MiB\n",
             static_cast<double>(r.rapport_bytes) / kMiB, static_cast<double>(r.fts5_bytes) / kMiB);
  fmt::print(
      "resident memory (VmRSS): {:.0f} MiB with the corpus loaded; {:.0f} MiB with both "
      "indexes built; {:.0f} MiB after the queries; closing Rapport's index released "
      "{:.1f} MiB, closing FTS5's {:.1f} MiB\n",
      r.rss_start, r.rss_fts5_built, r.rss_queried, r.rss_queried - r.rss_rapport_closed,
      r.rss_rapport_closed - r.rss_fts5_closed);
}

int Run(const Options& options) {
  core::testing::TempDir scratch;
  const auto loaded = Clock::now();
  auto corpus = LoadDemoCorpus(options.cache, scratch.path(), options.seed);
  if (!corpus) {
    std::fprintf(stderr, "cannot load the demo knowledge base: %s\n",
                 corpus.error().ToString().c_str());
    return 1;
  }
  std::uintmax_t body_bytes = 0;
  for (const index::Document& d : corpus->articles) body_bytes += d.body.size();
  fmt::print(
      "corpus: {} demo articles (mean body {:.0f} bytes of plain text), loaded in {:.1f} "
      "s; {} cores\n",
      corpus->articles.size(),
      static_cast<double>(body_bytes) / static_cast<double>(corpus->articles.size()),
      Seconds(Clock::now() - loaded), std::thread::hardware_concurrency());
  const QuerySet queries = MakeQueries(*corpus, options);
  fmt::print("sample queries (clean / typo'd / as-you-type):\n");
  for (std::size_t i = 0; i < 5 && i < queries.rapport[0].size(); ++i) {
    fmt::print("  \"{}\" / \"{}\" / \"{}\"\n", queries.rapport[0][i].text,
               queries.rapport[1][i].text, queries.rapport[2][i].text);
  }
  std::fflush(stdout);
  for (const int docs : options.docs) {
    auto report = RunSize(*corpus, queries, docs, options);
    if (!report) {
      std::fprintf(stderr, "%d documents: %s\n", docs, report.error().ToString().c_str());
      return 1;
    }
    PrintReport(*corpus, *report, options);
    std::fflush(stdout);
  }
  fmt::print("\npeak resident memory (VmHWM): {:.0f} MiB\n", ProcStatusMiB("VmHWM"));
  return 0;
}

}  // namespace
}  // namespace rapport::search_speed

int main(int argc, char** argv) {
  rapport::search_speed::Options options;
  CLI::App app("Search speed: Rapport's index beside SQLite FTS5 on the demo corpus, repeated");
  app.add_option("--docs", options.docs, "corpus sizes, comma-separated")->delimiter(',');
  app.add_option("--queries", options.queries, "queries per row and round")
      ->check(CLI::Range(1, 1'000'000));
  app.add_option("--warmup", options.warmup, "untimed queries before each row");
  app.add_option("--rounds", options.rounds, "rounds; figures are their medians")
      ->check(CLI::Range(1, 100));
  app.add_option("--cache", options.cache, "where the demo help package is (or is fetched to)");
  app.add_option("--keep", options.keep,
                 "write the indexes (rapport-N/, fts5-N.db) here and keep them");
  app.add_flag("--reuse", options.reuse,
               "with --keep: query the indexes already there (indexing figures are then 0)");
  app.add_option("--rows", options.rows, "rows to run, comma-separated (clean,typo,type,facets)");
  app.add_option("--slowest", options.slowest, "print this many of the slowest queries per row");
  app.add_option("--seed", options.seed, "seed of the demo shaping and the queries");
  CLI11_PARSE(app, argc, argv);
  return rapport::search_speed::Run(options);
}

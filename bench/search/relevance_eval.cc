// Search relevance on Cranfield and CISI (../shared/ir-eval/ beside the checkout): Rapport's
// search index (the Xapian adapter, through the port, as the help center queries it) beside
// two baselines measured in the same run, each over the same documents and the same query
// texts: Xapian with BM25 defaults and a plain OR of the words (English stemmer, stop words),
// and SQLite FTS5's bm25 (porter + unicode61 tokenizer, title weight 2, OR of the words).
//
//   search_relevance_eval                  the table for the adapter's default options
//   search_relevance_eval --k1 1.5 --b 0.6 --title-weight 2
//                                          ... for other options
//   search_relevance_eval --sweep          grid of BM25 k1, b and title weight, ranked by the
//                                          mean nDCG@10 of both collections
//   ... --max-query-words 32 --max-query-bytes 500
//                                          every system searches the queries cut to whole
//                                          words within these limits (CISI's run to 342 words)
//
// See docs/PERFORMANCE.md, "Search relevance", for the figures.

#include <fmt/format.h>
#include <sqlite3.h>
#include <xapian.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bench/search/relevance.h"
#include "rapport/core/testing/temp_dir.h"
#include "rapport/index/xapian/xapian_index.h"

namespace rapport::search_eval {
namespace {

using core::testing::TempDir;

// The Snowball project's English stop word list (Xapian ships none of its own).
constexpr std::array<std::string_view, 174> kEnglishStopWords = {
    "i",        "me",      "my",     "myself",   "we",         "our",       "ours",    "ourselves",
    "you",      "your",    "yours",  "yourself", "yourselves", "he",        "him",     "his",
    "himself",  "she",     "her",    "hers",     "herself",    "it",        "its",     "itself",
    "they",     "them",    "their",  "theirs",   "themselves", "what",      "which",   "who",
    "whom",     "this",    "that",   "these",    "those",      "am",        "is",      "are",
    "was",      "were",    "be",     "been",     "being",      "have",      "has",     "had",
    "having",   "do",      "does",   "did",      "doing",      "would",     "should",  "could",
    "ought",    "i'm",     "you're", "he's",     "she's",      "it's",      "we're",   "they're",
    "i've",     "you've",  "we've",  "they've",  "i'd",        "you'd",     "he'd",    "she'd",
    "we'd",     "they'd",  "i'll",   "you'll",   "he'll",      "she'll",    "we'll",   "they'll",
    "isn't",    "aren't",  "wasn't", "weren't",  "hasn't",     "haven't",   "hadn't",  "doesn't",
    "don't",    "didn't",  "won't",  "wouldn't", "shan't",     "shouldn't", "can't",   "cannot",
    "couldn't", "mustn't", "let's",  "that's",   "who's",      "what's",    "here's",  "there's",
    "when's",   "where's", "why's",  "how's",    "a",          "an",        "the",     "and",
    "but",      "if",      "or",     "because",  "as",         "until",     "while",   "of",
    "at",       "by",      "for",    "with",     "about",      "against",   "between", "into",
    "through",  "during",  "before", "after",    "above",      "below",     "to",      "from",
    "up",       "down",    "in",     "out",      "on",         "off",       "over",    "under",
    "again",    "further", "then",   "once",     "here",       "there",     "when",    "where",
    "why",      "how",     "all",    "any",      "both",       "each",      "few",     "more",
    "most",     "other",   "some",   "such",     "no",         "nor",       "not",     "only",
    "own",      "same",    "so",     "than",     "too",        "very"};

constexpr int kTopK = kRecallDepth;
constexpr double kFts5TitleWeight = 2.0;

struct Row {
  std::string collection;
  std::string system;
  Metrics metrics;
  double seconds = 0;
};

void PrintTable(const std::vector<Row>& rows) {
  fmt::print(
      "| collection | system | nDCG@10 | MAP | P@10 | recall@100 | queries | seconds (index + "
      "search) |\n");
  fmt::print("| --- | --- | --- | --- | --- | --- | --- | --- |\n");
  for (const Row& row : rows) {
    fmt::print("| {} | {} | {:.3f} | {:.3f} | {:.3f} | {:.3f} | {} | {:.1f} |\n", row.collection,
               row.system, row.metrics.ndcg_at_10, row.metrics.average_precision,
               row.metrics.precision_at_10, row.metrics.recall_at_100, row.metrics.queries,
               row.seconds);
  }
}

std::string_view Trim(std::string_view s) {
  const auto begin = s.find_first_not_of(" \t\r\n");
  const auto end = s.find_last_not_of(" \t\r\n");
  return begin == std::string_view::npos ? std::string_view() : s.substr(begin, end - begin + 1);
}

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// --- Rapport's index, through the port ---

std::string Describe(const index::XapianOptions& options) {
  return fmt::format("k1={} b={} title_weight={}", options.bm25.k1, options.bm25.b,
                     options.title_weight);
}

core::Result<Metrics> EvaluateRapport(const Collection& collection,
                                      const index::XapianOptions& options) {
  TempDir dir;
  RAPPORT_ASSIGN_OR_RETURN(auto index, index::OpenXapianIndex(dir.path() / "index", options));
  return EvaluateIndex(*index, collection);
}

// --- Baseline 1: Xapian with BM25 defaults, a plain OR of the words ---

Rankings XapianBaseline(const Collection& collection, const std::filesystem::path& dir) {
  Xapian::SimpleStopper stopper(kEnglishStopWords.begin(), kEnglishStopWords.end());
  const Xapian::Stem stemmer("english");
  Xapian::WritableDatabase db(dir.string(), Xapian::DB_CREATE_OR_OVERWRITE);
  Xapian::TermGenerator generator;
  generator.set_stemmer(stemmer);
  generator.set_stopper(&stopper);
  for (const Document& doc : collection.documents) {
    Xapian::Document xdoc;
    generator.set_document(xdoc);
    generator.index_text(doc.title);
    generator.increase_termpos();
    generator.index_text(doc.body);
    xdoc.set_data(doc.id);
    db.add_document(xdoc);
  }
  db.commit();

  Xapian::QueryParser parser;
  parser.set_stemmer(stemmer);
  parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
  parser.set_stopper(&stopper);
  parser.set_default_op(Xapian::Query::OP_OR);
  parser.set_database(db);
  Xapian::Enquire enquire(db);
  enquire.set_weighting_scheme(Xapian::BM25Weight());
  Rankings rankings;
  for (const Topic& topic : collection.topics) {
    // No operators, phrases or +/-: every word is a term.
    enquire.set_query(parser.parse_query(NeutraliseQuery(topic.text), 0));
    const Xapian::MSet matches = enquire.get_mset(0, kTopK);
    auto& ranking = rankings[topic.id];
    for (auto it = matches.begin(); it != matches.end(); ++it) {
      ranking.push_back(it.get_document().get_data());
    }
  }
  return rankings;
}

// --- Baseline 2: SQLite FTS5 bm25 ---

using SqliteDb = std::unique_ptr<sqlite3, decltype(&sqlite3_close)>;
using SqliteStatement = std::unique_ptr<sqlite3_stmt, decltype(&sqlite3_finalize)>;

core::Result<SqliteStatement> Prepare(sqlite3* db, std::string_view sql) {
  sqlite3_stmt* statement = nullptr;
  if (sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &statement, nullptr) !=
      SQLITE_OK) {
    return core::Internal(fmt::format("sqlite: {}: {}", sqlite3_errmsg(db), sql));
  }
  return SqliteStatement(statement, &sqlite3_finalize);
}

core::Status Exec(sqlite3* db, const char* sql) {
  if (sqlite3_exec(db, sql, nullptr, nullptr, nullptr) != SQLITE_OK) {
    return core::Internal(fmt::format("sqlite: {}: {}", sqlite3_errmsg(db), sql));
  }
  return core::Ok();
}

// The topic's words (runs of letters and digits, as unicode61 splits them) as quoted FTS5
// strings joined by OR, so that no word is read as an operator.
std::string Fts5OrQuery(std::string_view text) {
  std::string query;
  std::string word;
  const auto flush = [&] {
    if (word.empty()) {
      return;
    }
    if (!query.empty()) {
      query += " OR ";
    }
    query += '"' + word + '"';
    word.clear();
  };
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) != 0 || byte >= 0x80) {
      word += c;
    } else {
      flush();
    }
  }
  flush();
  return query;
}

core::Result<Rankings> Fts5Baseline(const Collection& collection) {
  sqlite3* raw = nullptr;
  if (sqlite3_open(":memory:", &raw) != SQLITE_OK) {
    sqlite3_close(raw);
    return core::Internal("sqlite: cannot open an in-memory database");
  }
  const SqliteDb db(raw, &sqlite3_close);
  RAPPORT_RETURN_IF_ERROR(Exec(raw,
                               "CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, title, body, "
                               "tokenize = 'porter unicode61')"));
  RAPPORT_RETURN_IF_ERROR(Exec(raw, "BEGIN"));
  {
    RAPPORT_ASSIGN_OR_RETURN(auto insert,
                             Prepare(raw, "INSERT INTO docs (id, title, body) VALUES (?, ?, ?)"));
    for (const Document& doc : collection.documents) {
      sqlite3_bind_text(insert.get(), 1, doc.id.data(), static_cast<int>(doc.id.size()),
                        SQLITE_STATIC);
      sqlite3_bind_text(insert.get(), 2, doc.title.data(), static_cast<int>(doc.title.size()),
                        SQLITE_STATIC);
      sqlite3_bind_text(insert.get(), 3, doc.body.data(), static_cast<int>(doc.body.size()),
                        SQLITE_STATIC);
      if (sqlite3_step(insert.get()) != SQLITE_DONE) {
        return core::Internal(fmt::format("sqlite insert: {}", sqlite3_errmsg(raw)));
      }
      sqlite3_reset(insert.get());
    }
  }
  RAPPORT_RETURN_IF_ERROR(Exec(raw, "COMMIT"));

  const std::string sql = fmt::format(
      "SELECT id FROM docs WHERE docs MATCH ? ORDER BY bm25(docs, 0.0, {}, 1.0) LIMIT {}",
      kFts5TitleWeight, kTopK);
  RAPPORT_ASSIGN_OR_RETURN(auto search, Prepare(raw, sql));
  Rankings rankings;
  for (const Topic& topic : collection.topics) {
    const std::string match = Fts5OrQuery(topic.text);
    auto& ranking = rankings[topic.id];
    if (match.empty()) {
      continue;
    }
    sqlite3_bind_text(search.get(), 1, match.data(), static_cast<int>(match.size()), SQLITE_STATIC);
    int step = 0;
    while ((step = sqlite3_step(search.get())) == SQLITE_ROW) {
      ranking.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(search.get(), 0)));
    }
    if (step != SQLITE_DONE) {
      return core::Internal(fmt::format("sqlite search '{}': {}", match, sqlite3_errmsg(raw)));
    }
    sqlite3_reset(search.get());
  }
  return rankings;
}

// --- The comparison table ---

core::Status Compare(const std::vector<Collection>& collections,
                     const index::XapianOptions& options) {
  std::vector<Row> rows;
  for (const Collection& collection : collections) {
    auto start = std::chrono::steady_clock::now();
    // A failing run (say, a query the index refuses) still leaves the baselines to compare.
    const auto rapport = EvaluateRapport(collection, options);
    rows.push_back({collection.name,
                    "Rapport index (" + Describe(options) + ")" +
                        (rapport ? "" : " FAILED: " + rapport.error().ToString()),
                    rapport.value_or(Metrics{}), SecondsSince(start)});

    start = std::chrono::steady_clock::now();
    Rankings xapian;
    try {
      const TempDir dir;
      xapian = XapianBaseline(collection, dir.path() / "xapian");
    } catch (const Xapian::Error& e) {
      return core::Internal("xapian baseline: " + e.get_description());
    }
    rows.push_back({collection.name, "Xapian BM25 defaults, OR of words",
                    Evaluate(collection.judgments, xapian), SecondsSince(start)});

    start = std::chrono::steady_clock::now();
    RAPPORT_ASSIGN_OR_RETURN(const Rankings fts5, Fts5Baseline(collection));
    rows.push_back({collection.name, "SQLite FTS5 bm25, porter unicode61, title weight 2",
                    Evaluate(collection.judgments, fts5), SecondsSince(start)});
  }
  PrintTable(rows);
  const bool failed = std::ranges::any_of(
      rows, [](const Row& row) { return row.system.find("FAILED") != std::string::npos; });
  return failed ? core::Internal("a run of Rapport's index failed (see the table)") : core::Ok();
}

// --- The parameter sweep ---

constexpr std::array kSweepK1 = {0.9, 1.2, 1.5, 2.0};
constexpr std::array kSweepB = {0.4, 0.6, 0.75, 0.9};
constexpr std::array kSweepTitleWeight = {1, 2, 3, 4};

struct SweepPoint {
  index::XapianOptions options;
  std::vector<double> ndcg;  // per collection
  double mean = 0;
};

// BM25's parameters apply at search time, so each collection is indexed once per title
// weight and searched through read-only handles opened with each (k1, b).
core::Status Sweep(const std::vector<Collection>& collections) {
  std::vector<SweepPoint> points;
  const TempDir dir;
  for (const int title_weight : kSweepTitleWeight) {
    index::XapianOptions build;
    build.title_weight = title_weight;
    std::vector<std::filesystem::path> paths;
    for (std::size_t c = 0; c < collections.size(); ++c) {
      paths.push_back(dir.path() / fmt::format("c{}-t{}", c, title_weight));
      RAPPORT_ASSIGN_OR_RETURN(auto writer, index::OpenXapianIndex(paths.back(), build));
      RAPPORT_RETURN_IF_ERROR(IndexCollection(*writer, collections[c]));
    }
    for (const double k1 : kSweepK1) {
      for (const double b : kSweepB) {
        SweepPoint point;
        point.options = build;
        point.options.read_only = true;
        point.options.bm25.k1 = k1;
        point.options.bm25.b = b;
        for (std::size_t c = 0; c < collections.size(); ++c) {
          RAPPORT_ASSIGN_OR_RETURN(auto reader, index::OpenXapianIndex(paths[c], point.options));
          RAPPORT_ASSIGN_OR_RETURN(const Rankings rankings, RunTopics(*reader, collections[c]));
          point.ndcg.push_back(Evaluate(collections[c].judgments, rankings).ndcg_at_10);
          point.mean += point.ndcg.back() / static_cast<double>(collections.size());
        }
        fmt::print(stderr, "{}: mean nDCG@10 {:.4f}\n", Describe(point.options), point.mean);
        points.push_back(std::move(point));
      }
    }
  }
  std::ranges::stable_sort(points, std::greater<>(), &SweepPoint::mean);

  fmt::print("| k1 | b | title weight |");
  for (const Collection& collection : collections) {
    fmt::print(" {} nDCG@10 |", collection.name);
  }
  fmt::print(" mean |\n| --- | --- | --- |");
  for (std::size_t c = 0; c < collections.size(); ++c) {
    fmt::print(" --- |");
  }
  fmt::print(" --- |\n");
  const index::XapianOptions defaults;
  for (const SweepPoint& point : points) {
    const bool is_default = point.options.bm25.k1 == defaults.bm25.k1 &&
                            point.options.bm25.b == defaults.bm25.b &&
                            point.options.title_weight == defaults.title_weight;
    fmt::print("| {} | {} | {}{} |", point.options.bm25.k1, point.options.bm25.b,
               point.options.title_weight, is_default ? " (current defaults)" : "");
    for (const double ndcg : point.ndcg) {
      fmt::print(" {:.4f} |", ndcg);
    }
    fmt::print(" {:.4f} |\n", point.mean);
  }
  const SweepPoint& best = points.front();
  fmt::print("\nbest by mean nDCG@10: {} (", Describe(best.options));
  for (std::size_t c = 0; c < collections.size(); ++c) {
    fmt::print("{}{} {:.4f}", c == 0 ? "" : ", ", collections[c].name, best.ndcg[c]);
  }
  fmt::print("; mean {:.4f})\n", best.mean);
  return core::Ok();
}

int Main(int argc, char** argv) {
  CLI::App app("Search relevance on Cranfield and CISI beside Xapian and SQLite FTS5 baselines");
  std::string collections_dir =
      (std::filesystem::path(RAPPORT_SOURCE_DIR) / ".." / "shared" / "ir-eval").string();
  bool sweep = false;
  index::XapianOptions options;
  app.add_option("--collections", collections_dir,
                 "folder holding cranfield/ and cisi/ (default: ../shared/ir-eval beside the "
                 "checkout)");
  app.add_flag("--sweep", sweep, "grid-search BM25 k1, b and the title weight");
  app.add_option("--k1", options.bm25.k1, "BM25 k1 for Rapport's index");
  app.add_option("--b", options.bm25.b, "BM25 b for Rapport's index");
  app.add_option("--title-weight", options.title_weight, "title weight for Rapport's index");
  QueryLimits limits;
  app.add_option("--max-query-words", limits.max_words,
                 "cut every query to this many words, for every system (0: whole queries)");
  app.add_option("--max-query-bytes", limits.max_bytes,
                 "cut every query to this many bytes at a word end, for every system");
  CLI11_PARSE(app, argc, argv);

  const std::filesystem::path dir(collections_dir);
  std::vector<Collection> collections;
  for (auto loaded : {LoadCranfield(dir / "cranfield"), LoadCisi(dir / "cisi")}) {
    if (!loaded) {
      fmt::print(stderr, "{}\n", loaded.error().ToString());
      return EXIT_FAILURE;
    }
    collections.push_back(std::move(*loaded));
  }
  if (limits.max_words != 0 || limits.max_bytes != 0) {
    for (Collection& collection : collections) {
      int cut = 0;
      for (Topic& topic : collection.topics) {
        const std::string whole = NeutraliseQuery(topic.text);
        topic.text = FitQuery(whole, limits);
        cut += topic.text.size() < Trim(whole).size() ? 1 : 0;
      }
      fmt::print("{}: {} of {} queries cut to {} words / {} bytes (0: no limit)\n", collection.name,
                 cut, collection.topics.size(), limits.max_words, limits.max_bytes);
    }
  }
  const core::Status status = sweep ? Sweep(collections) : Compare(collections, options);
  if (!status) {
    fmt::print(stderr, "{}\n", status.error().ToString());
    return EXIT_FAILURE;
  }
  return EXIT_SUCCESS;
}

}  // namespace
}  // namespace rapport::search_eval

int main(int argc, char** argv) { return rapport::search_eval::Main(argc, argv); }

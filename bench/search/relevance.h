#pragma once

// Search relevance on classic test collections with human judgments (Cranfield, CISI; see
// ../shared/ir-eval/README.md beside the checkout): parsers for their files, the standard
// measures (nDCG@10, MAP, P@10, recall@100), and a run of a collection through a
// rapport::index::SearchIndex. Used by the quality tests (tests/integration/search/) and by
// the `search_relevance_eval` benchmark, which also compares other systems' rankings through
// the same measures.
//
// Thread-safety: pure functions, except those taking a SearchIndex (see its contract).

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "rapport/core/error.h"
#include "rapport/index/search_index.h"

namespace rapport::search_eval {

// One record of the SMART-style format both collections use: a line `.I <id>` opens a record
// and lines `.T`, `.A`, `.B`, `.W`, `.X` (also `.K`, `.C`, `.N`) open its fields, whose text
// runs to the next marker (text after a field marker on its own line belongs to the field).
// A field that appears twice in a record (Cranfield has a few) keeps both texts, joined by a
// newline. Lines are joined with '\n' and the field is trimmed; "\r\n" line ends are accepted.
struct Record {
  std::string id;  // as written after .I ("001")
  std::map<char, std::string> fields;

  // The field's text, or "" when absent.
  std::string Field(char marker) const;
};

// InvalidArgument when text comes before the first `.I` or an `.I` has no id.
core::Result<std::vector<Record>> ParseRecords(std::string_view text);

struct Document {
  std::string id;  // decimal, no leading zeros
  std::string title;
  std::string body;
};

struct Topic {
  std::string id;  // the id the judgments use
  std::string text;
};

// query id -> document id -> gain (> 0 relevant; judgments of gain 0 are kept so that a
// judged-but-irrelevant pair is known, but count as not relevant).
using Judgments = std::map<std::string, std::map<std::string, int>>;

struct Collection {
  std::string name;
  std::vector<Document> documents;
  std::vector<Topic> topics;  // only those with at least one relevant judgment
  Judgments judgments;
};

// Cranfield: `cran.all.1400` (title .T, body .W), `cran.qry` (text .W; the topics are numbered
// 1..225 in file order, as the judgments number them, not by their .I ids), and `cranqrel`
// read strictly: codes 1..4 are relevant with gain 5 - code, -1 (the query's source document)
// is not relevant.
core::Result<Collection> LoadCranfield(const std::filesystem::path& dir);
// CISI: `CISI.ALL` (title .T, body .W), `CISI.QRY` (text = .T and .W; ids as in .I), and
// `CISI.REL` (binary: every listed pair has gain 1). Only the 76 judged topics are kept.
core::Result<Collection> LoadCisi(const std::filesystem::path& dir);

// The judgment file parsers, exposed for tests. Cranfield: `query doc code` per line, query
// numbers taken as they are. CISI: `query doc 0 0.0` per line.
core::Result<Judgments> ParseCranfieldJudgments(std::string_view text);
core::Result<Judgments> ParseCisiJudgments(std::string_view text);
// Builds a collection's topics from parsed query records: `number_by_order` gives topic ids
// 1..n in file order (Cranfield), otherwise the .I id without leading zeros (CISI). The text
// joins the given fields' texts with a space.
std::vector<Topic> TopicsFromRecords(const std::vector<Record>& records, bool number_by_order,
                                     std::string_view text_fields);

// Per-query measures, and their mean over the judged queries.
struct Metrics {
  double ndcg_at_10 = 0;
  double average_precision = 0;  // MAP when averaged
  double precision_at_10 = 0;
  double recall_at_100 = 0;
  int queries = 0;  // queries averaged
};

inline constexpr int kCutoff = 10;
inline constexpr int kRecallDepth = 100;

// The measures of one ranking (document ids, best first) against one query's judgments:
// - nDCG@10: DCG = sum over ranks r = 1..10 of (2^gain - 1) / log2(r + 1), divided by the DCG
//   of the ideal ranking of every judged relevant document (largest gains first);
// - average precision: the sum of precision@r at the rank r of each relevant document found,
//   divided by the number of judged relevant documents (found or not);
// - precision@10: relevant documents in the first 10, over 10 (also when fewer are returned);
// - recall@100: relevant documents in the first 100, over the judged relevant ones.
// A document returned twice counts at its first rank only. All zero when nothing is relevant.
Metrics Measure(const std::vector<std::string>& ranking, const std::map<std::string, int>& judged);

// query id -> ranking
using Rankings = std::map<std::string, std::vector<std::string>>;

// The mean of Measure over the queries of `judgments` that have a relevant document; a query
// missing from `rankings` counts as an empty ranking.
Metrics Evaluate(const Judgments& judgments, const Rankings& rankings);

// How every collection is put into a SearchIndex and queried (one organisation, public,
// published, English). Signals are on, with a fixed `now`, and every document has the same
// update time and no votes, so they add the same to every document.
inline constexpr std::string_view kOrg = "org-relevance";
inline constexpr std::int64_t kNow = 1'767'225'600;  // 2026-01-01T00:00:00Z
inline constexpr std::int64_t kUpdatedAt = kNow - 30 * 24 * 3600;
inline constexpr int kApplyBatch = 200;

// Puts every document of the collection into `index` (after Clear), in batches of
// kApplyBatch changes.
core::Status IndexCollection(index::SearchIndex& index, const Collection& collection);

// A topic's text made safe for our query language, so that it is searched as plain words:
// double quotes (phrases) are removed, and a '-' that begins a word (an exclusion) is removed;
// a '-' inside a word ("high-speed") stays.
std::string NeutraliseQuery(std::string_view text);

// Limits a query text can be cut to; 0 for none.
struct QueryLimits {
  std::size_t max_words = 0;  // runs of non-space characters
  std::size_t max_bytes = 0;
};

// The longest start of `text` that keeps whole words and fits `limits` (trailing space
// dropped). For comparing systems on the query lengths an index accepts: apply it to the
// topics before every system sees them.
std::string FitQuery(std::string_view text, const QueryLimits& limits);

// Searches every topic (text neutralised, limit 100, no prefix on the last word, public
// audience, signals on with `now` = kNow) and returns the rankings.
core::Result<Rankings> RunTopics(index::SearchIndex& index, const Collection& collection);

// IndexCollection, RunTopics and Evaluate.
core::Result<Metrics> EvaluateIndex(index::SearchIndex& index, const Collection& collection);

}  // namespace rapport::search_eval

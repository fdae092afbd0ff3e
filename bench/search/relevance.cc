#include "bench/search/relevance.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <functional>
#include <optional>
#include <set>
#include <sstream>
#include <utility>

namespace rapport::search_eval {
namespace {

constexpr std::string_view kFieldMarkers = "TAWBXKCN";
constexpr std::string_view kSpaces = " \t\r\n";

std::string_view Trim(std::string_view s) {
  const auto begin = s.find_first_not_of(kSpaces);
  if (begin == std::string_view::npos) {
    return {};
  }
  const auto end = s.find_last_not_of(kSpaces);
  return s.substr(begin, end - begin + 1);
}

// `.X` or `.X rest`: the marker letter, or nullopt for any other line (body text may begin
// with a '.', as in ".5 inch").
std::optional<char> MarkerOf(std::string_view line) {
  if (line.size() < 2 || line[0] != '.') {
    return std::nullopt;
  }
  const char letter = line[1];
  if (letter != 'I' && kFieldMarkers.find(letter) == std::string_view::npos) {
    return std::nullopt;
  }
  if (line.size() > 2 && kSpaces.find(line[2]) == std::string_view::npos) {
    return std::nullopt;
  }
  return letter;
}

// "001" -> "1"; non-numbers unchanged.
std::string CanonicalId(std::string_view id) {
  long long value = 0;
  const auto [end, error] = std::from_chars(id.data(), id.data() + id.size(), value);
  if (error != std::errc() || end != id.data() + id.size()) {
    return std::string(id);
  }
  return std::to_string(value);
}

core::Result<std::string> ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return core::NotFound(fmt::format(
        "cannot read {} (the relevance collections live in ../shared/ir-eval/ beside the "
        "checkout; see its README.md)",
        path.string()));
  }
  std::ostringstream contents;
  contents << in.rdbuf();
  return std::move(contents).str();
}

std::vector<std::string_view> Words(std::string_view line) {
  std::vector<std::string_view> words;
  std::size_t pos = 0;
  while (true) {
    const auto begin = line.find_first_not_of(kSpaces, pos);
    if (begin == std::string_view::npos) {
      break;
    }
    auto end = line.find_first_of(kSpaces, begin);
    if (end == std::string_view::npos) {
      end = line.size();
    }
    words.push_back(line.substr(begin, end - begin));
    pos = end;
  }
  return words;
}

bool ParseInt(std::string_view s, int& value) {
  const auto [end, error] = std::from_chars(s.data(), s.data() + s.size(), value);
  return error == std::errc() && end == s.data() + s.size();
}

// Calls `on_line(number, words)` for every non-blank line of a judgment file.
core::Status ForEachJudgmentLine(
    std::string_view text, std::size_t min_words,
    const std::function<core::Status(int, const std::vector<std::string_view>&)>& on_line) {
  int number = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    auto end = text.find('\n', pos);
    if (end == std::string_view::npos) {
      end = text.size();
    }
    const std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    ++number;
    const auto words = Words(line);
    if (words.empty()) {
      continue;
    }
    if (words.size() < min_words) {
      return core::InvalidArgument(
          fmt::format("judgments line {}: expected {} columns", number, min_words));
    }
    RAPPORT_RETURN_IF_ERROR(on_line(number, words));
  }
  return core::Ok();
}

void AddJudgment(Judgments& judgments, std::string query, std::string doc, int gain) {
  auto& current = judgments[std::move(query)];
  auto [it, inserted] = current.emplace(std::move(doc), gain);
  if (!inserted) {
    it->second = std::max(it->second, gain);
  }
}

bool HasRelevant(const std::map<std::string, int>& judged) {
  return std::ranges::any_of(judged, [](const auto& entry) { return entry.second > 0; });
}

std::vector<Document> DocumentsFromRecords(const std::vector<Record>& records) {
  std::vector<Document> documents;
  documents.reserve(records.size());
  for (const Record& record : records) {
    documents.push_back(
        {.id = CanonicalId(record.id), .title = record.Field('T'), .body = record.Field('W')});
  }
  return documents;
}

// Keeps the topics that have a relevant judgment.
void KeepJudgedTopics(Collection& collection) {
  std::erase_if(collection.topics, [&](const Topic& topic) {
    const auto it = collection.judgments.find(topic.id);
    return it == collection.judgments.end() || !HasRelevant(it->second);
  });
}

}  // namespace

std::string Record::Field(char marker) const {
  const auto it = fields.find(marker);
  return it == fields.end() ? std::string() : it->second;
}

core::Result<std::vector<Record>> ParseRecords(std::string_view text) {
  std::vector<Record> records;
  char field = 0;  // the field being read; 0 before the first field marker of a record
  std::size_t pos = 0;
  int number = 0;
  const auto finish_field = [&] {
    if (!records.empty() && field != 0) {
      auto& value = records.back().fields[field];
      value = std::string(Trim(value));
    }
  };
  while (pos < text.size()) {
    auto end = text.find('\n', pos);
    if (end == std::string_view::npos) {
      end = text.size();
    }
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    ++number;
    if (!line.empty() && line.back() == '\r') {
      line.remove_suffix(1);
    }
    const auto marker = MarkerOf(line);
    if (marker == 'I') {
      finish_field();
      const auto id = Trim(line.substr(2));
      if (id.empty()) {
        return core::InvalidArgument(fmt::format("line {}: .I without an id", number));
      }
      records.push_back({.id = std::string(id), .fields = {}});
      field = 0;
      continue;
    }
    if (records.empty()) {
      if (Trim(line).empty()) {
        continue;
      }
      return core::InvalidArgument(fmt::format("line {}: text before the first .I", number));
    }
    auto& fields = records.back().fields;
    if (marker) {
      finish_field();
      field = *marker;
      // Text on the marker's own line belongs to the field; a repeated field keeps both texts.
      line = Trim(line.substr(2));
      if (line.empty()) {
        continue;
      }
    } else if (field == 0) {
      if (Trim(line).empty()) {
        continue;
      }
      return core::InvalidArgument(fmt::format("line {}: text before the first field of record {}",
                                               number, records.back().id));
    }
    auto& value = fields[field];
    if (!value.empty()) {
      value += '\n';
    }
    value += line;
  }
  finish_field();
  return records;
}

core::Result<Judgments> ParseCranfieldJudgments(std::string_view text) {
  Judgments judgments;
  constexpr int kLeastRelevantCode = 4;
  RAPPORT_RETURN_IF_ERROR(ForEachJudgmentLine(
      text, 3, [&](int number, const std::vector<std::string_view>& words) -> core::Status {
        int code = 0;
        if (!ParseInt(words[2], code) || (code != -1 && (code < 1 || code > kLeastRelevantCode))) {
          return core::InvalidArgument(
              fmt::format("cranqrel line {}: bad relevance code '{}'", number, words[2]));
        }
        const int gain = code == -1 ? 0 : kLeastRelevantCode + 1 - code;
        AddJudgment(judgments, CanonicalId(words[0]), CanonicalId(words[1]), gain);
        return core::Ok();
      }));
  return judgments;
}

core::Result<Judgments> ParseCisiJudgments(std::string_view text) {
  Judgments judgments;
  RAPPORT_RETURN_IF_ERROR(ForEachJudgmentLine(
      text, 2, [&](int, const std::vector<std::string_view>& words) -> core::Status {
        AddJudgment(judgments, CanonicalId(words[0]), CanonicalId(words[1]), 1);
        return core::Ok();
      }));
  return judgments;
}

std::vector<Topic> TopicsFromRecords(const std::vector<Record>& records, bool number_by_order,
                                     std::string_view text_fields) {
  std::vector<Topic> topics;
  topics.reserve(records.size());
  for (std::size_t i = 0; i < records.size(); ++i) {
    std::string text;
    for (const char marker : text_fields) {
      const std::string value = records[i].Field(marker);
      if (value.empty()) {
        continue;
      }
      if (!text.empty()) {
        text += ' ';
      }
      text += value;
    }
    topics.push_back({.id = number_by_order ? std::to_string(i + 1) : CanonicalId(records[i].id),
                      .text = std::move(text)});
  }
  return topics;
}

core::Result<Collection> LoadCranfield(const std::filesystem::path& dir) {
  RAPPORT_ASSIGN_OR_RETURN(const std::string docs_text, ReadFile(dir / "cran.all.1400"));
  RAPPORT_ASSIGN_OR_RETURN(const std::string queries_text, ReadFile(dir / "cran.qry"));
  RAPPORT_ASSIGN_OR_RETURN(const std::string judgments_text, ReadFile(dir / "cranqrel"));
  RAPPORT_ASSIGN_OR_RETURN(const auto docs, ParseRecords(docs_text));
  RAPPORT_ASSIGN_OR_RETURN(const auto queries, ParseRecords(queries_text));
  Collection collection{.name = "Cranfield (strict)",
                        .documents = DocumentsFromRecords(docs),
                        .topics = TopicsFromRecords(queries, /*number_by_order=*/true, "W"),
                        .judgments = {}};
  RAPPORT_ASSIGN_OR_RETURN(collection.judgments, ParseCranfieldJudgments(judgments_text));
  KeepJudgedTopics(collection);
  return collection;
}

core::Result<Collection> LoadCisi(const std::filesystem::path& dir) {
  RAPPORT_ASSIGN_OR_RETURN(const std::string docs_text, ReadFile(dir / "CISI.ALL"));
  RAPPORT_ASSIGN_OR_RETURN(const std::string queries_text, ReadFile(dir / "CISI.QRY"));
  RAPPORT_ASSIGN_OR_RETURN(const std::string judgments_text, ReadFile(dir / "CISI.REL"));
  RAPPORT_ASSIGN_OR_RETURN(const auto docs, ParseRecords(docs_text));
  RAPPORT_ASSIGN_OR_RETURN(const auto queries, ParseRecords(queries_text));
  Collection collection{.name = "CISI",
                        .documents = DocumentsFromRecords(docs),
                        .topics = TopicsFromRecords(queries, /*number_by_order=*/false, "TW"),
                        .judgments = {}};
  RAPPORT_ASSIGN_OR_RETURN(collection.judgments, ParseCisiJudgments(judgments_text));
  KeepJudgedTopics(collection);
  return collection;
}

Metrics Measure(const std::vector<std::string>& ranking, const std::map<std::string, int>& judged) {
  std::vector<int> ideal;
  for (const auto& [doc, gain] : judged) {
    if (gain > 0) {
      ideal.push_back(gain);
    }
  }
  Metrics metrics;
  if (ideal.empty()) {
    return metrics;
  }
  std::ranges::sort(ideal, std::greater<>());
  const auto discounted = [](int gain, int rank) {
    return (std::exp2(gain) - 1) / std::log2(rank + 1.0);
  };
  double ideal_dcg = 0;
  for (int rank = 1; rank <= std::min<int>(kCutoff, static_cast<int>(ideal.size())); ++rank) {
    ideal_dcg += discounted(ideal[rank - 1], rank);
  }

  double dcg = 0;
  double precision_sum = 0;
  int found = 0;
  int found_at_10 = 0;
  int found_at_100 = 0;
  std::set<std::string_view> seen;
  int rank = 0;
  for (const std::string& doc : ranking) {
    if (!seen.insert(doc).second) {
      continue;  // a duplicate keeps its first rank and takes no new one
    }
    ++rank;
    const auto it = judged.find(doc);
    const int gain = it == judged.end() ? 0 : it->second;
    if (gain <= 0) {
      continue;
    }
    ++found;
    precision_sum += static_cast<double>(found) / rank;
    if (rank <= kCutoff) {
      dcg += discounted(gain, rank);
      ++found_at_10;
    }
    if (rank <= kRecallDepth) {
      ++found_at_100;
    }
  }
  const auto relevant = static_cast<double>(ideal.size());
  metrics.ndcg_at_10 = dcg / ideal_dcg;
  metrics.average_precision = precision_sum / relevant;
  metrics.precision_at_10 = static_cast<double>(found_at_10) / kCutoff;
  metrics.recall_at_100 = found_at_100 / relevant;
  metrics.queries = 1;
  return metrics;
}

Metrics Evaluate(const Judgments& judgments, const Rankings& rankings) {
  Metrics sum;
  const std::vector<std::string> empty;
  for (const auto& [query, judged] : judgments) {
    if (!HasRelevant(judged)) {
      continue;
    }
    const auto it = rankings.find(query);
    const Metrics one = Measure(it == rankings.end() ? empty : it->second, judged);
    sum.ndcg_at_10 += one.ndcg_at_10;
    sum.average_precision += one.average_precision;
    sum.precision_at_10 += one.precision_at_10;
    sum.recall_at_100 += one.recall_at_100;
    ++sum.queries;
  }
  if (sum.queries > 0) {
    const auto n = static_cast<double>(sum.queries);
    sum.ndcg_at_10 /= n;
    sum.average_precision /= n;
    sum.precision_at_10 /= n;
    sum.recall_at_100 /= n;
  }
  return sum;
}

core::Status IndexCollection(index::SearchIndex& index, const Collection& collection) {
  RAPPORT_RETURN_IF_ERROR(index.Clear());
  std::vector<index::Change> batch;
  std::int64_t sequence = 0;
  for (const Document& doc : collection.documents) {
    index::Document document;
    document.org = std::string(kOrg);
    document.id = doc.id;
    document.language = "en";
    document.slug = "doc-" + doc.id;
    document.title = doc.title;
    document.body = doc.body;
    document.visibility = "public";
    document.status = "published";
    document.live = true;
    document.updated_at = kUpdatedAt;
    batch.push_back({.org = document.org, .id = document.id, .document = std::move(document)});
    if (batch.size() == kApplyBatch) {
      RAPPORT_RETURN_IF_ERROR(index.Apply(batch, ++sequence));
      batch.clear();
    }
  }
  if (!batch.empty()) {
    RAPPORT_RETURN_IF_ERROR(index.Apply(batch, ++sequence));
  }
  return core::Ok();
}

std::string NeutraliseQuery(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool word_start = true;
  for (const char c : text) {
    if (c == '"') {
      continue;  // a phrase delimiter; a removed quote does not end or start a word
    }
    const bool space = kSpaces.find(c) != std::string_view::npos;
    if (c == '-' && word_start) {
      continue;  // "-word" excludes; "--x" loses every leading '-'
    }
    out += space ? ' ' : c;
    word_start = space;
  }
  return out;
}

std::string FitQuery(std::string_view text, const QueryLimits& limits) {
  std::size_t end = 0;  // the end of the last word kept
  std::size_t words = 0;
  std::size_t pos = 0;
  while (limits.max_words == 0 || words < limits.max_words) {
    const auto begin = text.find_first_not_of(kSpaces, pos);
    if (begin == std::string_view::npos) {
      break;
    }
    auto word_end = text.find_first_of(kSpaces, begin);
    if (word_end == std::string_view::npos) {
      word_end = text.size();
    }
    if (limits.max_bytes != 0 && word_end > limits.max_bytes) {
      break;
    }
    end = word_end;
    pos = word_end;
    ++words;
  }
  return std::string(text.substr(0, end));
}

core::Result<Rankings> RunTopics(index::SearchIndex& index, const Collection& collection) {
  Rankings run;
  for (const Topic& topic : collection.topics) {
    index::Query query;
    query.org = std::string(kOrg);
    query.text = NeutraliseQuery(topic.text);
    query.language = "en";
    query.audience.public_only = true;
    query.limit = kRecallDepth;
    query.prefix_last = false;
    query.signals = {.enabled = true, .now = kNow};
    RAPPORT_ASSIGN_OR_RETURN(const index::Results results, index.Search(query));
    auto& ranking = run[topic.id];
    ranking.reserve(results.hits.size());
    for (const index::Hit& hit : results.hits) {
      ranking.push_back(hit.id);
    }
  }
  return run;
}

core::Result<Metrics> EvaluateIndex(index::SearchIndex& index, const Collection& collection) {
  RAPPORT_RETURN_IF_ERROR(IndexCollection(index, collection));
  RAPPORT_ASSIGN_OR_RETURN(const Rankings run, RunTopics(index, collection));
  return Evaluate(collection.judgments, run);
}

}  // namespace rapport::search_eval

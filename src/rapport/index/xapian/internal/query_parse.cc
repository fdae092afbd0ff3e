#include "rapport/index/xapian/internal/query_parse.h"

#include <algorithm>
#include <limits>
#include <set>

#include "rapport/index/xapian/internal/schema.h"

namespace rapport::index::xapian::internal {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

void AddClause(std::string_view text, std::size_t begin, std::size_t end, bool quoted, bool negated,
               ParsedQuery& out) {
  Clause clause;
  clause.quoted = quoted;
  clause.negated = negated;
  clause.tokens = Tokenise(text.substr(begin, end - begin));
  if (clause.tokens.empty()) return;
  if (clause.tokens.size() > kMaxClauseTokens) clause.tokens.resize(kMaxClauseTokens);
  for (Token& token : clause.tokens) {
    token.begin += begin;
    token.end += begin;
  }
  out.clauses.push_back(std::move(clause));
}

}  // namespace

core::Result<ParsedQuery> ParseQuery(std::string_view text) {
  if (text.size() > kMaxQueryBytes) {
    return core::InvalidArgument(
        "the search text is too long (at most " + std::to_string(kMaxQueryBytes) + " bytes)", "q");
  }
  ParsedQuery out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    if (IsSpace(text[pos])) {
      ++pos;
      continue;
    }
    bool negated = false;
    if (text[pos] == '-' && pos + 1 < text.size() && !IsSpace(text[pos + 1])) {
      negated = true;
      ++pos;
    }
    if (text[pos] == '"') {
      const std::size_t begin = pos + 1;
      std::size_t end = text.find('"', begin);
      const bool closed = end != std::string_view::npos;
      if (!closed) end = text.size();
      AddClause(text, begin, end, /*quoted=*/true, negated, out);
      pos = closed ? end + 1 : end;
      continue;
    }
    const std::size_t begin = pos;
    while (pos < text.size() && !IsSpace(text[pos]) && text[pos] != '"') ++pos;
    AddClause(text, begin, pos, /*quoted=*/false, negated, out);
  }
  if (!out.clauses.empty()) out.clauses.back().last = true;
  out.ends_with_space = !text.empty() && IsSpace(text.back());
  return out;
}

ParsedQuery ReduceQuery(const ParsedQuery& parsed, const Xapian::Database& db,
                        std::string_view language, StemmerCache& stemmers) {
  if (parsed.clauses.size() <= kMaxQueryClauses) return parsed;
  // Rank every clause: phrases and exclusions first, then plain words by the frequency of
  // their stem (absent words, stop words and repeats after all of them).
  constexpr auto kLast = std::numeric_limits<Xapian::doccount>::max();
  std::vector<std::pair<Xapian::doccount, std::size_t>> ranked;
  std::set<std::string> seen;
  for (std::size_t i = 0; i < parsed.clauses.size(); ++i) {
    const Clause& clause = parsed.clauses[i];
    if (!clause.IsPlainWord() || clause.negated) {
      ranked.emplace_back(0, i);
      continue;
    }
    const std::string stem = stemmers.Stem(language, clause.tokens[0]);
    Xapian::doccount frequency = kLast;
    if (seen.insert(stem).second && !IsStopWord(language, clause.tokens[0].term)) {
      frequency = db.get_termfreq(std::string(kStemPrefix) + stem);
      if (frequency == 0) frequency = kLast;
    }
    ranked.emplace_back(frequency, i);
  }
  std::sort(ranked.begin(), ranked.end());  // (frequency, position): ties keep their order
  ranked.resize(kMaxQueryClauses);
  std::vector<std::size_t> keep;
  keep.reserve(ranked.size());
  for (const auto& entry : ranked) keep.push_back(entry.second);
  std::sort(keep.begin(), keep.end());
  ParsedQuery out;
  out.ends_with_space = parsed.ends_with_space;
  for (std::size_t i : keep) out.clauses.push_back(parsed.clauses[i]);
  return out;
}

}  // namespace rapport::index::xapian::internal

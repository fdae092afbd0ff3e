#include "rapport/index/xapian/internal/title_signal.h"

#include <algorithm>

namespace rapport::index::xapian::internal {

TitleQuery MakeTitleQuery(const ParsedQuery& parsed, std::string_view language, bool prefix_last,
                          StemmerCache& stemmers) {
  TitleQuery out;
  for (const Clause& clause : parsed.clauses) {
    if (clause.negated) continue;
    for (const Token& token : clause.tokens) out.stems.push_back(stemmers.Stem(language, token));
  }
  if (prefix_last && !parsed.ends_with_space && !parsed.clauses.empty()) {
    const Clause& last = parsed.clauses.back();
    if (last.IsPlainWord() && !last.negated) {
      out.prefix = last.tokens[0].term;
      out.stems.pop_back();  // the prefix stands for it
    }
  }
  return out;
}

double TitleFactor(const TitleQuery& query, std::string_view title, std::string_view language,
                   StemmerCache& stemmers) {
  const std::size_t query_words = query.stems.size() + (query.prefix.empty() ? 0 : 1);
  if (query_words == 0) return 1;
  const std::vector<Token> tokens = Tokenise(title);
  if (tokens.empty()) return 1;
  std::vector<bool> query_found(query.stems.size(), false);
  bool prefix_found = false;
  std::size_t title_matched = 0;
  for (const Token& token : tokens) {
    const std::string stem = stemmers.Stem(language, token);
    bool matched = false;
    for (std::size_t i = 0; i < query.stems.size(); ++i) {
      if (query.stems[i] == stem) {
        query_found[i] = true;
        matched = true;
      }
    }
    if (!query.prefix.empty() && token.term.starts_with(query.prefix)) {
      prefix_found = true;
      matched = true;
    }
    if (matched) ++title_matched;
  }
  const auto found = static_cast<std::size_t>(
      std::count(query_found.begin(), query_found.end(), true) + (prefix_found ? 1 : 0));
  const double coverage =
      (static_cast<double>(title_matched) / static_cast<double>(tokens.size())) *
      (static_cast<double>(found) / static_cast<double>(query_words));
  const bool exact = title_matched == tokens.size() && found == query_words;
  return 1 + kTitleCoverageWeight * coverage + (exact ? kExactTitleWeight : 0);
}

}  // namespace rapport::index::xapian::internal

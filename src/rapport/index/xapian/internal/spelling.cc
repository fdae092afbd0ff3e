#include "rapport/index/xapian/internal/spelling.h"

#include "rapport/core/utf8.h"

namespace rapport::index::xapian::internal {
namespace {

constexpr std::size_t kMinCorrectedChars = 4;
constexpr std::size_t kMinDistanceTwoChars = 8;

std::size_t CountChars(std::string_view word) {
  std::size_t chars = 0;
  for (char c : word) {
    if (!core::IsUtf8Continuation(static_cast<unsigned char>(c))) ++chars;
  }
  return chars;
}

}  // namespace

unsigned MaxEditDistance(std::size_t chars) {
  if (chars < kMinCorrectedChars) return 0;
  return chars < kMinDistanceTwoChars ? 1 : 2;
}

std::string SuggestWord(const Xapian::Database& db, std::string_view word) {
  const unsigned distance = MaxEditDistance(CountChars(word));
  if (distance == 0) return {};
  std::string suggestion = db.get_spelling_suggestion(std::string(word), distance);
  if (suggestion == word) return {};
  return suggestion;
}

Correction CorrectQuery(const Xapian::Database& db, std::string_view text,
                        const ParsedQuery& parsed, bool only_unknown) {
  Correction out;
  out.query = parsed;
  std::string rebuilt;
  std::size_t copied = 0;
  for (Clause& clause : out.query.clauses) {
    if (!clause.IsPlainWord() || clause.negated) continue;
    Token& token = clause.tokens[0];
    if (only_unknown && db.get_termfreq(token.term) != 0) continue;
    std::string suggestion = SuggestWord(db, token.term);
    if (suggestion.empty()) continue;
    rebuilt.append(text.substr(copied, token.begin - copied));
    rebuilt += suggestion;
    copied = token.end;
    token.term = suggestion;
    token.lower = std::move(suggestion);
    out.changed = true;
  }
  rebuilt.append(text.substr(copied));
  out.text = std::move(rebuilt);
  return out;
}

}  // namespace rapport::index::xapian::internal

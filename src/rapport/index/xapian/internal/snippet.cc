#include "rapport/index/xapian/internal/snippet.h"

#include <algorithm>
#include <bitset>

#include "rapport/core/html.h"
#include "rapport/core/utf8.h"

namespace rapport::index::xapian::internal {
namespace {

// Only this much of a body is searched for the best region: long bodies stay cheap, and the
// start of a document is where readers look first anyway.
constexpr std::size_t kMaxScanBytes = 32 * 1024;
// Matches considered when choosing the region (quadratic in this).
constexpr std::size_t kMaxMatches = 200;
constexpr std::string_view kEllipsis = "\u2026";
// The region starts up to this fraction of the snippet before its first match, so the match
// has some context on its left.
constexpr int kLeadDivisor = 5;
// A cut end moves back to a space when one is this close.
constexpr int kMaxWordBackoff = 20;

struct Match {
  std::size_t begin;
  std::size_t end;
  std::string_view key;  // which query word, for counting distinct ones
};

class Matcher {
 public:
  Matcher(const MatchSpec& spec, std::string_view language, StemmerCache& stemmers)
      : spec_(spec), language_(language), stemmers_(stemmers) {
    for (const Token& word : spec.words) {
      std::string stem = stemmers.Stem(language, word);
      if (stem.empty()) continue;
      first_bytes_.set(static_cast<unsigned char>(stem[0]));
      stems_.insert(std::move(stem));
    }
  }

  std::vector<Match> Find(std::string_view text) {
    std::vector<Match> matches;
    for (const Token& token : Tokenise(text)) {
      if (matches.size() == kMaxMatches) break;
      if (auto it = spec_.terms.find(token.term); it != spec_.terms.end()) {
        matches.push_back({token.begin, token.end, *it});
      } else if (!spec_.prefix.empty() && token.term.starts_with(spec_.prefix)) {
        matches.push_back({token.begin, token.end, spec_.prefix});
      } else if (!token.cjk && first_bytes_.test(static_cast<unsigned char>(token.term[0]))) {
        if (auto stem = stems_.find(stemmers_.Stem(language_, token)); stem != stems_.end()) {
          matches.push_back({token.begin, token.end, *stem});
        }
      }
    }
    return matches;
  }

 private:
  const MatchSpec& spec_;
  std::string_view language_;
  StemmerCache& stemmers_;
  std::set<std::string, std::less<>> stems_;
  std::bitset<256> first_bytes_;
};

std::size_t CharLength(std::string_view text, std::size_t pos) {
  const core::CodePoint cp = core::DecodeUtf8At(text, pos);
  return cp.length == 0 ? 1 : cp.length;
}

std::size_t Forward(std::string_view text, std::size_t pos, int chars) {
  while (pos < text.size() && chars-- > 0) pos += CharLength(text, pos);
  return std::min(pos, text.size());
}

std::size_t Backward(std::string_view text, std::size_t pos, int chars) {
  while (pos > 0 && chars-- > 0) {
    --pos;
    while (pos > 0 && core::IsUtf8Continuation(static_cast<unsigned char>(text[pos]))) --pos;
  }
  return pos;
}

bool IsSpaceAt(std::string_view text, std::size_t pos) {
  return pos < text.size() && (text[pos] == ' ' || text[pos] == '\n' || text[pos] == '\t');
}

// Escapes text[from, to) with the matches inside it marked.
std::string Render(std::string_view text, std::size_t from, std::size_t to,
                   const std::vector<Match>& matches) {
  std::string out;
  std::size_t pos = from;
  for (const Match& match : matches) {
    if (match.begin < pos || match.end > to) continue;
    core::AppendEscapedHtml(out, text.substr(pos, match.begin - pos));
    out += "<mark>";
    core::AppendEscapedHtml(out, text.substr(match.begin, match.end - match.begin));
    out += "</mark>";
    pos = match.end;
  }
  core::AppendEscapedHtml(out, text.substr(pos, to - pos));
  return out;
}

// The index of the match starting the window of `chars` characters with the most distinct
// query words (then the most matches).
std::size_t BestStart(std::string_view text, const std::vector<Match>& matches, int chars) {
  std::size_t best = 0;
  std::pair<std::size_t, std::size_t> best_score{0, 0};
  for (std::size_t i = 0; i < matches.size(); ++i) {
    const std::size_t limit = Forward(text, matches[i].begin, chars);
    std::set<std::string_view> keys;
    std::size_t count = 0;
    for (std::size_t j = i; j < matches.size() && matches[j].end <= limit; ++j) {
      keys.insert(matches[j].key);
      ++count;
    }
    const std::pair<std::size_t, std::size_t> score{keys.size(), count};
    if (score > best_score) {
      best_score = score;
      best = i;
    }
  }
  return best;
}

std::string Excerpt(std::string_view text, const std::vector<Match>& matches, int chars) {
  std::size_t from = 0;
  if (!matches.empty()) {
    const std::size_t first = matches[BestStart(text, matches, chars)].begin;
    from = Backward(text, first, chars / kLeadDivisor);
    // Start at a word boundary: skip forward past a partial word when a space is near.
    if (from > 0 && !IsSpaceAt(text, from - 1)) {
      std::size_t probe = from;
      while (probe < first && !IsSpaceAt(text, probe)) ++probe;
      from = probe < first ? probe + 1 : first;
    }
  }
  std::size_t to = Forward(text, from, chars);
  if (to < text.size()) {
    std::size_t probe = to;
    const std::size_t floor = Backward(text, to, kMaxWordBackoff);
    while (probe > floor && !IsSpaceAt(text, probe)) --probe;
    if (probe > from && IsSpaceAt(text, probe)) to = probe;
  }
  std::string out;
  if (from > 0) out += kEllipsis;
  out += Render(text, from, to, matches);
  if (to < text.size()) out += kEllipsis;
  return out;
}

}  // namespace

std::string MakeSnippet(std::string_view body, std::string_view summary, std::string_view language,
                        const MatchSpec& spec, int length, StemmerCache& stemmers) {
  const int chars = std::max(length, 1);
  Matcher matcher(spec, language, stemmers);
  const std::string_view scanned = body.substr(0, kMaxScanBytes);
  if (std::vector<Match> matches = matcher.Find(scanned); !matches.empty()) {
    return Excerpt(body, matches, chars);
  }
  if (!summary.empty()) return Excerpt(summary, matcher.Find(summary), chars);
  return Excerpt(body, {}, chars);
}

std::string MarkTitle(std::string_view title, std::string_view language, const MatchSpec& spec,
                      StemmerCache& stemmers) {
  Matcher matcher(spec, language, stemmers);
  return Render(title, 0, title.size(), matcher.Find(title));
}

}  // namespace rapport::index::xapian::internal

#pragma once

// Text analysis shared by indexing, querying and snippets: how text becomes terms.
//
//  * Words are runs of Unicode word characters (letters, digits, marks, connectors); anything
//    else separates them (an apostrophe too: "don't" is the two words "don" and "t", on both
//    sides, so matching stays symmetric).
//  * Terms are case- and accent-folded: "Éclair" and "eclair" are the same term. Only the
//    folded form is indexed (not both) because accent-insensitive matching is what readers
//    expect, and indexing both would double the positional postings for little gain.
//  * Stems come from the language's Snowball stemmer applied to the lower-cased word with its
//    accents (the stemmers expect them), then folded.
//  * Runs of Chinese, Japanese and Korean characters become overlapping bigrams, one position
//    each ("東京都" → "東京" "京都"); a lone character stays a unigram.
//
// Thread-safety: free functions are pure; a StemmerCache is confined to one thread.

#include <xapian.h>

#include <cstddef>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace rapport::index::xapian::internal {

struct Token {
  std::string term;       // folded: lower case, accents removed
  std::string lower;      // lower case with accents, for stemming
  std::size_t begin = 0;  // byte span in the analysed text
  std::size_t end = 0;
  bool cjk = false;  // a CJK bigram or unigram (never stemmed, never spell-corrected)
};

// Terms longer than this (in bytes) are dropped: Xapian limits terms to 245 bytes, and such
// "words" are noise (hashes, base64).
inline constexpr std::size_t kMaxTermBytes = 64;

// Splits `text` into tokens in order. Invalid UTF-8 bytes separate words.
std::vector<Token> Tokenise(std::string_view text);

// The folded form of one word as Tokenise would produce it (empty when it has no word
// characters).
std::string FoldWord(std::string_view word);

// True for code points of the Han, Hiragana, Katakana and Hangul scripts.
bool IsCjk(char32_t c);

// The Snowball stemmer name for a BCP 47 language ("pt-br" → "portuguese"), or empty when the
// language has none.
std::string_view StemmerName(std::string_view language);

// True when `folded` is a stop word of `language` (English when the language has no list).
bool IsStopWord(std::string_view language, std::string_view folded);

// Per-thread cache of Xapian stemmers by language (a Xapian::Stem is not thread-safe), and of
// the stems they made: Snowball is the costliest step of indexing, and words repeat.
class StemmerCache {
 public:
  // Stems remembered per language; the cache starts over when full.
  static constexpr std::size_t kMaxCachedStems = 50'000;

  // The stemmed, folded form of `token` in `language`; the folded term itself for CJK
  // tokens, digits and languages without a stemmer.
  std::string Stem(std::string_view language, const Token& token);

 private:
  struct Language {
    Language(std::string c, Xapian::Stem s) : code(std::move(c)), stemmer(std::move(s)) {}
    std::string code;
    Xapian::Stem stemmer;
    std::unordered_map<std::string, std::string> stems;  // lower-case word → folded stem
  };
  Language& LanguageFor(std::string_view language);

  std::deque<Language> languages_;  // few; a deque keeps references stable
};

}  // namespace rapport::index::xapian::internal

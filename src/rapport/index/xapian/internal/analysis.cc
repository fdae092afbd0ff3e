#include "rapport/index/xapian/internal/analysis.h"

#include <algorithm>
#include <array>
#include <utility>

#include "rapport/core/utf8.h"

namespace rapport::index::xapian::internal {
namespace {

// Base letters of U+00C0..U+017F after lower-casing; '?' marks the few that fold to two
// letters (see kTwoLetterFolds) or are not letters (× ÷).
constexpr std::string_view kLatin1Folds =
    "aaaaaa?ceeeeiiiidnooooo?ouuuuy??"   // U+00C0..U+00DF
    "aaaaaa?ceeeeiiiidnooooo?ouuuuy?y";  // U+00E0..U+00FF
constexpr std::string_view kLatinExtendedAFolds =
    "aaaaaaccccccccdd"   // U+0100
    "ddeeeeeeeeeegggg"   // U+0110
    "gggghhhhiiiiiiii"   // U+0120
    "ii??jjkkklllllll"   // U+0130
    "lllnnnnnnnnnoooo"   // U+0140
    "oo??rrrrrrssssss"   // U+0150
    "ssttttttuuuuuuuu"   // U+0160
    "uuuuwwyyyzzzzzzs";  // U+0170

constexpr std::array<std::pair<char32_t, std::string_view>, 9> kTwoLetterFolds = {{
    {0x00C6, "ae"},
    {0x00E6, "ae"},
    {0x00DE, "th"},
    {0x00FE, "th"},
    {0x00DF, "ss"},
    {0x0132, "ij"},
    {0x0133, "ij"},
    {0x0152, "oe"},
    {0x0153, "oe"},
}};

// Appends the accent-folded form of the lower-case code point `c`.
void AppendFolded(std::string& out, char32_t c) {
  if (c < 0x80) {
    out.push_back(static_cast<char>(c));
    return;
  }
  if (Xapian::Unicode::get_category(c) == Xapian::Unicode::NON_SPACING_MARK) {
    return;  // a combining accent of decomposed text
  }
  char base = '\0';
  if (c >= 0xC0 && c <= 0xFF) base = kLatin1Folds[c - 0xC0];
  if (c >= 0x100 && c <= 0x17F) base = kLatinExtendedAFolds[c - 0x100];
  if (base != '\0' && base != '?') {
    out.push_back(base);
    return;
  }
  for (const auto& [code, folded] : kTwoLetterFolds) {
    if (code == c) {
      out.append(folded);
      return;
    }
  }
  core::AppendUtf8(out, c);
}

char32_t Lower(char32_t c) { return static_cast<char32_t>(Xapian::Unicode::tolower(c)); }

// Xapian::Unicode::is_wordchar restricted to ASCII: letters, digits and the one connector
// punctuation, '_'.
bool IsAsciiWordChar(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

unsigned char AsciiLower(unsigned char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<unsigned char>(c - 'A' + 'a') : c;
}

// True when FoldWord(word) == word: short, ASCII word characters, no upper case.
bool IsFoldedAscii(std::string_view word) {
  if (word.empty() || word.size() > kMaxTermBytes) return false;
  return std::all_of(word.begin(), word.end(), [](char ch) {
    const auto c = static_cast<unsigned char>(ch);
    return IsAsciiWordChar(c) && AsciiLower(c) == c;
  });
}

struct CodeUnit {
  char32_t value;
  std::size_t begin;
  std::size_t end;
};

void EmitCjkRun(const std::vector<CodeUnit>& run, std::string_view text, std::vector<Token>& out) {
  if (run.size() == 1) {
    std::string term(text.substr(run[0].begin, run[0].end - run[0].begin));
    out.push_back(
        {.term = term, .lower = term, .begin = run[0].begin, .end = run[0].end, .cjk = true});
    return;
  }
  for (std::size_t i = 0; i + 1 < run.size(); ++i) {
    std::string term(text.substr(run[i].begin, run[i + 1].end - run[i].begin));
    out.push_back(
        {.term = term, .lower = term, .begin = run[i].begin, .end = run[i + 1].end, .cjk = true});
  }
}

}  // namespace

bool IsCjk(char32_t c) {
  return (c >= 0x1100 && c <= 0x11FF) ||  // Hangul Jamo
         (c >= 0x3040 && c <= 0x30FF) ||  // Hiragana, Katakana
         (c >= 0x3130 && c <= 0x318F) ||  // Hangul compatibility Jamo
         (c >= 0x31F0 && c <= 0x31FF) ||  // Katakana phonetic extensions
         (c >= 0x3400 && c <= 0x4DBF) ||  // CJK extension A
         (c >= 0x4E00 && c <= 0x9FFF) ||  // CJK unified ideographs
         (c >= 0xAC00 && c <= 0xD7AF) ||  // Hangul syllables
         (c >= 0xF900 && c <= 0xFAFF) ||  // CJK compatibility ideographs
         (c >= 0xFF66 && c <= 0xFF9F) ||  // half-width Katakana
         (c >= 0x20000 && c <= 0x3134F);  // CJK extensions B..G
}

std::vector<Token> Tokenise(std::string_view text) {
  std::vector<Token> out;
  std::vector<CodeUnit> cjk_run;
  Token word;
  bool in_word = false;
  auto end_word = [&](std::size_t at) {
    if (!in_word) return;
    in_word = false;
    word.end = at;
    if (!word.term.empty() && word.term.size() <= kMaxTermBytes) out.push_back(std::move(word));
  };
  auto end_cjk = [&] {
    if (!cjk_run.empty()) EmitCjkRun(cjk_run, text, out);
    cjk_run.clear();
  };
  auto begin_word = [&](std::size_t at) {
    if (in_word) return;
    in_word = true;
    word = Token{};
    word.begin = at;
  };
  std::size_t pos = 0;
  while (pos < text.size()) {
    const auto byte = static_cast<unsigned char>(text[pos]);
    if (byte < 0x80) {  // ASCII: the word characters are [A-Za-z0-9_], already folded
      if (IsAsciiWordChar(byte)) {
        end_cjk();
        begin_word(pos);
        const char lower = static_cast<char>(AsciiLower(byte));
        word.lower.push_back(lower);
        word.term.push_back(lower);
      } else {
        end_word(pos);
        end_cjk();
      }
      ++pos;
      continue;
    }
    const core::CodePoint cp = core::DecodeUtf8At(text, pos);
    if (cp.length == 0) {  // invalid byte: a separator
      end_word(pos);
      end_cjk();
      ++pos;
      continue;
    }
    const char32_t c = cp.value;
    if (IsCjk(c)) {
      end_word(pos);
      cjk_run.push_back({c, pos, pos + cp.length});
    } else if (Xapian::Unicode::is_wordchar(c)) {
      end_cjk();
      begin_word(pos);
      const char32_t lower = Lower(c);
      core::AppendUtf8(word.lower, lower);
      AppendFolded(word.term, lower);
    } else {
      end_word(pos);
      end_cjk();
    }
    pos += cp.length;
  }
  end_word(pos);
  end_cjk();
  return out;
}

std::string FoldWord(std::string_view word) {
  std::string out;
  for (const Token& token : Tokenise(word)) out += token.term;
  return out;
}

std::string_view StemmerName(std::string_view language) {
  const std::string_view primary = language.substr(0, language.find('-'));
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 17> kNames = {{
      {"en", "english"},
      {"de", "german"},
      {"fr", "french"},
      {"es", "spanish"},
      {"pt", "portuguese"},
      {"it", "italian"},
      {"nl", "dutch"},
      {"sv", "swedish"},
      {"da", "danish"},
      {"nb", "norwegian"},
      {"nn", "norwegian"},
      {"no", "norwegian"},
      {"fi", "finnish"},
      {"ru", "russian"},
      {"hu", "hungarian"},
      {"ro", "romanian"},
      {"tr", "turkish"},
  }};
  for (const auto& [code, name] : kNames) {
    if (code == primary) return name;
  }
  return {};
}

std::string StemmerCache::Stem(std::string_view language, const Token& token) {
  if (token.cjk) return token.term;
  Language& entry = LanguageFor(language);
  if (auto it = entry.stems.find(token.lower); it != entry.stems.end()) return it->second;
  std::string stemmed = entry.stemmer(token.lower);
  if (!IsFoldedAscii(stemmed)) stemmed = FoldWord(stemmed);
  if (entry.stems.size() >= kMaxCachedStems) entry.stems.clear();
  entry.stems.emplace(token.lower, stemmed);
  return stemmed;
}

StemmerCache::Language& StemmerCache::LanguageFor(std::string_view language) {
  for (Language& entry : languages_) {
    if (entry.code == language) return entry;
  }
  const std::string_view name = StemmerName(language);
  // Xapian::Stem() is the identity, for languages without a Snowball stemmer.
  Xapian::Stem stem = name.empty() ? Xapian::Stem() : Xapian::Stem(std::string(name));
  return languages_.emplace_back(std::string(language), std::move(stem));
}

}  // namespace rapport::index::xapian::internal

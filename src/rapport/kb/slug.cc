#include "rapport/kb/slug.h"

#include <string>

#include "rapport/core/utf8.h"

namespace rapport::kb {
namespace {

constexpr char kHyphen = '-';
constexpr std::string_view kEmptyAnchor = "section";

enum class CharClass { kKeep, kSeparator, kDrop };

struct Range {
  char32_t first;
  char32_t last;
};

// Invisible format characters: dropped without a separator, so that "foo\u00ADbar" (soft
// hyphen) stays one word and bidi controls cannot reorder how a slug displays.
constexpr Range kDropped[] = {
    {0x00AD, 0x00AD},    // soft hyphen
    {0x034F, 0x034F},    // combining grapheme joiner
    {0x180E, 0x180E},    // Mongolian vowel separator
    {0x200B, 0x200F},    // zero-width space, non-joiner, joiner; LRM, RLM
    {0x202A, 0x202E},    // bidi embeddings and overrides
    {0x2060, 0x206F},    // word joiner, invisible operators, bidi isolates, deprecated formats
    {0xFE00, 0xFE0F},    // variation selectors (emoji presentation)
    {0xFEFF, 0xFEFF},    // byte-order mark
    {0xE0000, 0xE007F},  // tag characters (flag sequences)
    {0xE0100, 0xE01EF},  // variation selectors supplement
};

// Non-ASCII spaces, punctuation and symbols: each run becomes one separator.
constexpr Range kSeparators[] = {
    {0x0080, 0x00A9},     // C1 controls, no-break space, ¡ ¢ £ ¤ ¥ ¦ § ¨ ©
    {0x00AB, 0x00B4},     // « ¬ ® ¯ ° ± ² ³ ´ (ª and µ are letters)
    {0x00B6, 0x00B9},     // ¶ · ¸ ¹
    {0x00BB, 0x00BF},     // » ¼ ½ ¾ ¿ (º is a letter)
    {0x00D7, 0x00D7},     // ×
    {0x00F7, 0x00F7},     // ÷
    {0x1680, 0x1680},     // Ogham space mark
    {0x2000, 0x2BFF},     // general punctuation .. miscellaneous symbols and arrows
    {0x2E00, 0x2E7F},     // supplemental punctuation
    {0x3000, 0x3004},     // ideographic space, 、 。 〃 〄
    {0x3008, 0x3020},     // CJK brackets, postal marks, wave dash
    {0x3030, 0x3030},     // wavy dash
    {0x303D, 0x303F},     // part alternation mark, ideographic half fill space
    {0xE000, 0xF8FF},     // private use
    {0xFE10, 0xFE1F},     // vertical forms
    {0xFE30, 0xFE6F},     // CJK compatibility forms, small form variants
    {0xFF01, 0xFF0F},     // full-width ! " # $ % & ' ( ) * + , - . /
    {0xFF1A, 0xFF20},     // full-width : ; < = > ? @
    {0xFF3B, 0xFF40},     // full-width [ \ ] ^ _ `
    {0xFF5B, 0xFF65},     // full-width { | } ~, half-width CJK punctuation
    {0xFFF0, 0xFFFF},     // specials, including U+FFFD
    {0x1F000, 0x1FAFF},   // mahjong .. symbols and pictographs extended-A (emoji)
    {0xF0000, 0x10FFFF},  // supplementary private use
};

template <std::size_t N>
bool InRanges(const Range (&ranges)[N], char32_t c) {
  for (const Range& r : ranges) {
    if (c >= r.first && c <= r.last) return true;
  }
  return false;
}

CharClass Classify(char32_t c) {
  if (c < 0x80) {
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    return alnum ? CharClass::kKeep : CharClass::kSeparator;
  }
  if (InRanges(kDropped, c)) return CharClass::kDrop;
  if (InRanges(kSeparators, c)) return CharClass::kSeparator;
  return CharClass::kKeep;
}

char AsciiLower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

}  // namespace

std::string Slugify(std::string_view text, std::size_t max_bytes) {
  std::string out;
  bool separator_pending = false;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const core::CodePoint cp = core::DecodeUtf8At(text, pos);
    if (cp.length == 0) {  // invalid UTF-8: drop the byte
      ++pos;
      continue;
    }
    const std::string_view bytes = text.substr(pos, cp.length);
    pos += cp.length;
    switch (Classify(cp.value)) {
      case CharClass::kDrop:
        continue;
      case CharClass::kSeparator:
        separator_pending = true;
        continue;
      case CharClass::kKeep:
        break;
    }
    // A separator is written only between kept characters, so none leads or trails.
    const bool separate = separator_pending && !out.empty();
    if (out.size() + (separate ? 1 : 0) + bytes.size() > max_bytes) break;
    if (separate) out += kHyphen;
    separator_pending = false;
    if (bytes.size() == 1) {
      out += AsciiLower(bytes.front());
    } else {
      out += bytes;
    }
  }
  return out;
}

bool IsValidSlug(std::string_view slug) {
  return !slug.empty() && slug.size() <= kMaxSlugBytes && Slugify(slug, kMaxSlugBytes) == slug;
}

std::string AnchorSet::Add(std::string_view heading_text) {
  std::string base = Slugify(heading_text);
  if (base.empty()) base = kEmptyAnchor;
  if (taken_.insert(base).second) return base;
  int& suffix = next_suffix_.try_emplace(base, 1).first->second;
  while (true) {
    std::string candidate = base + kHyphen + std::to_string(suffix++);
    if (taken_.insert(candidate).second) return candidate;
  }
}

}  // namespace rapport::kb

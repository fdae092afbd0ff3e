#include "rapport/kb/html_to_markdown.h"

#include <fmt/format.h>
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include <algorithm>
#include <climits>
#include <cstdlib>
#include <iterator>
#include <memory>
#include <unordered_map>
#include <unordered_set>
#include <utility>

namespace rapport::kb {
namespace {

// The walk recurses at most this deep; deeper elements become plain text.
constexpr int kMaxDepth = 64;
// Blockquotes and lists nested deeper than this keep their content but not their markers, so
// that the prefixes cannot multiply the size of the output.
constexpr int kMaxBlockNesting = 16;
constexpr std::size_t kMaxTableColumns = 64;
// CommonMark ordered-list numbers have at most nine digits.
constexpr long kMaxListNumber = 999'999'999;

// ---------------------------------------------------------------------------------------------
// Characters and strings.

bool IsHtmlSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }
bool IsAsciiAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}
bool IsAsciiPunct(char c) {
  const auto u = static_cast<unsigned char>(c);
  return u >= 0x21 && u <= 0x7E && !IsAsciiAlnum(c);
}
// A letter for the purpose of emphasis flanking: ASCII letters and digits, and anything
// beyond ASCII (mostly letters).
bool IsWordByte(char c) { return IsAsciiAlnum(c) || static_cast<unsigned char>(c) >= 0x80; }

char ToLower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return ToLower(x) == ToLower(y);
         });
}
bool StartsWithIgnoreCase(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && EqualsIgnoreCase(s.substr(0, prefix.size()), prefix);
}

std::string_view TrimHtmlSpace(std::string_view s) {
  while (!s.empty() && IsHtmlSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsHtmlSpace(s.back())) s.remove_suffix(1);
  return s;
}

std::string CollapseWhitespace(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (IsHtmlSpace(c)) {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

// The length of the well-formed UTF-8 sequence at `pos`, or 0 (RFC 3629).
std::size_t Utf8SequenceLength(std::string_view s, std::size_t pos) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(s[pos + i]); };
  const unsigned char b0 = byte(0);
  if (b0 < 0x80) return 1;
  std::size_t length = 0;
  unsigned char min1 = 0x80;
  unsigned char max1 = 0xBF;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    length = 2;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    length = 3;
    if (b0 == 0xE0) min1 = 0xA0;
    if (b0 == 0xED) max1 = 0x9F;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    length = 4;
    if (b0 == 0xF0) min1 = 0x90;
    if (b0 == 0xF4) max1 = 0x8F;
  } else {
    return 0;
  }
  if (pos + length > s.size() || byte(1) < min1 || byte(1) > max1) return 0;
  for (std::size_t i = 2; i < length; ++i) {
    if ((byte(i) & 0xC0U) != 0x80U) return 0;
  }
  return length;
}

// `s` with every ill-formed sequence replaced by U+FFFD. libxml2 already gives UTF-8; this
// makes the promise independent of how it recovers from broken input.
std::string ValidUtf8(std::string s) {
  std::size_t pos = 0;
  while (pos < s.size() && Utf8SequenceLength(s, pos) != 0) pos += Utf8SequenceLength(s, pos);
  if (pos == s.size()) return s;
  std::string out(s.substr(0, pos));
  while (pos < s.size()) {
    const std::size_t length = Utf8SequenceLength(s, pos);
    if (length == 0) {
      out.append("\xEF\xBF\xBD");
      ++pos;
    } else {
      out.append(s, pos, length);
      pos += length;
    }
  }
  return out;
}

bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// What CommonMark's emphasis rules see in a character.
enum class CharClass { kSpace, kPunctuation, kOther };

CharClass ClassOf(char32_t c) {
  if (c < 0x80) {
    const char ascii = static_cast<char>(c);
    if (IsHtmlSpace(ascii) || ascii == '\v') return CharClass::kSpace;
    return IsAsciiPunct(ascii) ? CharClass::kPunctuation : CharClass::kOther;
  }
  if (c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x202F || c == 0x205F ||
      c == 0x3000) {
    return CharClass::kSpace;
  }
  // Unicode punctuation (categories P*) in the blocks that text commonly uses.
  static constexpr std::pair<char32_t, char32_t> kPunctuation[] = {
      {0xA1, 0xA1},     {0xA7, 0xA7},     {0xAB, 0xAB},     {0xB6, 0xB7},     {0xBB, 0xBB},
      {0xBF, 0xBF},     {0x2010, 0x2027}, {0x2030, 0x2043}, {0x2045, 0x2051}, {0x2053, 0x205E},
      {0x3001, 0x3003}, {0x3008, 0x3011}, {0x3014, 0x301F}, {0xFF01, 0xFF03}, {0xFF05, 0xFF0A},
      {0xFF0C, 0xFF0F}, {0xFF1A, 0xFF1B}, {0xFF1F, 0xFF20}, {0xFF3B, 0xFF3D}, {0xFF3F, 0xFF3F},
      {0xFF5B, 0xFF5B}, {0xFF5D, 0xFF5D}, {0xFF5F, 0xFF65}};
  for (const auto& [first, last] : kPunctuation) {
    if (c >= first && c <= last) return CharClass::kPunctuation;
  }
  return CharClass::kOther;
}

// The code point of the UTF-8 sequence at `pos` (U+FFFD when it is ill-formed).
char32_t DecodeAt(std::string_view s, std::size_t pos) {
  const auto byte = [&](std::size_t i) {
    return static_cast<char32_t>(static_cast<unsigned char>(s[pos + i]));
  };
  switch (Utf8SequenceLength(s, pos)) {
    case 1:
      return byte(0);
    case 2:
      return ((byte(0) & 0x1FU) << 6) | (byte(1) & 0x3FU);
    case 3:
      return ((byte(0) & 0x0FU) << 12) | ((byte(1) & 0x3FU) << 6) | (byte(2) & 0x3FU);
    case 4:
      return ((byte(0) & 0x07U) << 18) | ((byte(1) & 0x3FU) << 12) | ((byte(2) & 0x3FU) << 6) |
             (byte(3) & 0x3FU);
    default:
      return 0xFFFD;
  }
}

// The class of the character that starts at `pos`, or that ends just before it; the ends of
// the text count as white space (they are the ends of a line).
CharClass ClassAfter(std::string_view s, std::size_t pos) {
  return pos >= s.size() ? CharClass::kSpace : ClassOf(DecodeAt(s, pos));
}
CharClass ClassBefore(std::string_view s, std::size_t pos) {
  if (pos == 0) return CharClass::kSpace;
  std::size_t start = pos - 1;
  while (start > 0 && pos - start < 4 && (static_cast<unsigned char>(s[start]) & 0xC0U) == 0x80U) {
    --start;
  }
  return ClassOf(Utf8SequenceLength(s, start) == pos - start ? DecodeAt(s, start) : 0xFFFD);
}

std::size_t LongestRun(std::string_view s, char c) {
  std::size_t longest = 0;
  std::size_t run = 0;
  for (char x : s) {
    run = x == c ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  return longest;
}

// `text` with `first` before its first line and `rest` before each following non-empty line.
std::string PrefixLines(std::string_view text, std::string_view first, std::string_view rest,
                        std::string_view empty_line) {
  std::string out;
  bool first_line = true;
  while (true) {
    const std::size_t newline = text.find('\n');
    const std::string_view line = text.substr(0, newline);
    if (first_line) {
      out.append(first);
    } else {
      out.append(line.empty() ? empty_line : rest);
    }
    out.append(line);
    first_line = false;
    if (newline == std::string_view::npos) break;
    out.push_back('\n');
    text.remove_prefix(newline + 1);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The libxml2 tree.

std::string_view Name(const xmlNode* node) {
  return node->name == nullptr ? std::string_view() : reinterpret_cast<const char*>(node->name);
}
std::string_view NodeText(const xmlNode* node) {
  return node->content == nullptr ? std::string_view()
                                  : reinterpret_cast<const char*>(node->content);
}
bool IsElement(const xmlNode* node, std::string_view name = {}) {
  return node->type == XML_ELEMENT_NODE && (name.empty() || Name(node) == name);
}
std::optional<std::string> Attribute(const xmlNode* node, const char* name) {
  xmlChar* value = xmlGetProp(node, reinterpret_cast<const xmlChar*>(name));
  if (value == nullptr) return std::nullopt;
  std::string out(reinterpret_cast<const char*>(value));
  xmlFree(value);
  return out;
}
bool HasAttribute(const xmlNode* node, const char* name) {
  return xmlHasProp(node, reinterpret_cast<const xmlChar*>(name)) != nullptr;
}
// The rest of the first class of `node` that starts with `prefix` ("language-" -> "python").
std::optional<std::string> ClassSuffix(const xmlNode* node, std::string_view prefix) {
  const auto classes = Attribute(node, "class");
  if (!classes) return std::nullopt;
  std::string_view s = *classes;
  while (!s.empty()) {
    const std::size_t end = std::min(s.find_first_of(" \t\n\r\f"), s.size());
    const std::string_view token = s.substr(0, end);
    if (token.starts_with(prefix)) return std::string(token.substr(prefix.size()));
    s.remove_prefix(std::min(end + 1, s.size()));
  }
  return std::nullopt;
}

enum class Step { kDescend, kSkip, kStop };

// Visits the nodes under `root` in document order, without recursion. `visit` returns whether
// to look inside the node; only elements are entered.
template <typename Visit>
void Walk(const xmlNode* root, Visit visit) {
  const xmlNode* node = root->children;
  while (node != nullptr) {
    const Step step = visit(node);
    if (step == Step::kStop) return;
    if (step == Step::kDescend && node->type == XML_ELEMENT_NODE && node->children != nullptr) {
      node = node->children;
      continue;
    }
    while (node != root && node->next == nullptr) node = node->parent;
    if (node == root) return;
    node = node->next;
  }
}

enum class Kind {
  kSkip,
  kInline,  // stands for its children
  kBlock,   // a paragraph container
  kHeading,
  kList,
  kOrderedList,
  kQuote,
  kPre,
  kTable,
  kRule,
  kTerm,
  kBreak,
  kStrong,
  kEmphasis,
  kStrike,
  kCode,
  kLink,
  kImage,
};

Kind KindOfName(std::string_view name) {
  struct Entry {
    std::string_view name;
    Kind kind;
  };
  static constexpr Entry kKinds[] = {
      {"a", Kind::kLink},           {"address", Kind::kBlock},  {"applet", Kind::kSkip},
      {"area", Kind::kSkip},        {"article", Kind::kBlock},  {"aside", Kind::kSkip},
      {"audio", Kind::kSkip},       {"b", Kind::kStrong},       {"base", Kind::kSkip},
      {"blockquote", Kind::kQuote}, {"body", Kind::kBlock},     {"br", Kind::kBreak},
      {"button", Kind::kSkip},      {"canvas", Kind::kSkip},    {"caption", Kind::kBlock},
      {"center", Kind::kBlock},     {"code", Kind::kCode},      {"datalist", Kind::kSkip},
      {"dd", Kind::kBlock},         {"del", Kind::kStrike},     {"details", Kind::kBlock},
      {"dialog", Kind::kBlock},     {"dir", Kind::kList},       {"div", Kind::kBlock},
      {"dl", Kind::kBlock},         {"dt", Kind::kTerm},        {"em", Kind::kEmphasis},
      {"embed", Kind::kSkip},       {"fieldset", Kind::kBlock}, {"figcaption", Kind::kBlock},
      {"figure", Kind::kBlock},     {"footer", Kind::kSkip},    {"form", Kind::kSkip},
      {"frame", Kind::kSkip},       {"frameset", Kind::kSkip},  {"h1", Kind::kHeading},
      {"h2", Kind::kHeading},       {"h3", Kind::kHeading},     {"h4", Kind::kHeading},
      {"h5", Kind::kHeading},       {"h6", Kind::kHeading},     {"head", Kind::kSkip},
      {"header", Kind::kSkip},      {"hgroup", Kind::kBlock},   {"hr", Kind::kRule},
      {"html", Kind::kBlock},       {"i", Kind::kEmphasis},     {"iframe", Kind::kSkip},
      {"img", Kind::kImage},        {"input", Kind::kSkip},     {"kbd", Kind::kCode},
      {"legend", Kind::kBlock},     {"li", Kind::kBlock},       {"link", Kind::kSkip},
      {"listing", Kind::kPre},      {"main", Kind::kBlock},     {"map", Kind::kSkip},
      {"menu", Kind::kList},        {"meta", Kind::kSkip},      {"nav", Kind::kSkip},
      {"noscript", Kind::kSkip},    {"object", Kind::kSkip},    {"ol", Kind::kOrderedList},
      {"option", Kind::kSkip},      {"p", Kind::kBlock},        {"param", Kind::kSkip},
      {"plaintext", Kind::kPre},    {"pre", Kind::kPre},        {"s", Kind::kStrike},
      {"samp", Kind::kCode},        {"script", Kind::kSkip},    {"section", Kind::kBlock},
      {"select", Kind::kSkip},      {"source", Kind::kSkip},    {"strike", Kind::kStrike},
      {"strong", Kind::kStrong},    {"style", Kind::kSkip},     {"summary", Kind::kBlock},
      {"svg", Kind::kSkip},         {"table", Kind::kTable},    {"tbody", Kind::kBlock},
      {"td", Kind::kBlock},         {"template", Kind::kSkip},  {"textarea", Kind::kSkip},
      {"tfoot", Kind::kBlock},      {"th", Kind::kBlock},       {"thead", Kind::kBlock},
      {"title", Kind::kSkip},       {"tr", Kind::kBlock},       {"track", Kind::kSkip},
      {"tt", Kind::kCode},          {"ul", Kind::kList},        {"video", Kind::kSkip},
      {"xmp", Kind::kPre},
  };
  static_assert(std::is_sorted(std::begin(kKinds), std::end(kKinds),
                               [](const Entry& a, const Entry& b) { return a.name < b.name; }));
  const auto* found =
      std::lower_bound(std::begin(kKinds), std::end(kKinds), name,
                       [](const Entry& e, std::string_view n) { return e.name < n; });
  if (found != std::end(kKinds) && found->name == name) return found->kind;
  return Kind::kInline;
}

Kind KindOf(const xmlNode* element) {
  if (HasAttribute(element, "hidden")) return Kind::kSkip;
  const Kind kind = KindOfName(Name(element));
  // An anchor without href (<a name="x">) is only a target.
  if (kind == Kind::kLink && !HasAttribute(element, "href")) return Kind::kInline;
  return kind;
}

bool IsBlockKind(Kind kind) {
  switch (kind) {
    case Kind::kBlock:
    case Kind::kHeading:
    case Kind::kList:
    case Kind::kOrderedList:
    case Kind::kQuote:
    case Kind::kPre:
    case Kind::kTable:
    case Kind::kRule:
    case Kind::kTerm:
      return true;
    default:
      return false;
  }
}

enum class TextMode { kCollapse, kRaw };

// The text under `node` that a reader sees: skipped elements left out; with kCollapse, block
// boundaries and line breaks are spaces and white space is collapsed.
std::string TextOf(const xmlNode* node, TextMode mode) {
  std::string out;
  Walk(node, [&](const xmlNode* n) {
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
      out.append(NodeText(n));
      return Step::kSkip;
    }
    if (n->type != XML_ELEMENT_NODE) return Step::kSkip;
    const Kind kind = KindOf(n);
    if (kind == Kind::kSkip) return Step::kSkip;
    if (kind == Kind::kBreak) out.push_back(mode == TextMode::kRaw ? '\n' : ' ');
    if (mode == TextMode::kCollapse && (IsBlockKind(kind) || kind == Kind::kImage)) {
      out.push_back(' ');
    }
    return Step::kDescend;
  });
  return mode == TextMode::kCollapse ? CollapseWhitespace(out) : out;
}

// ---------------------------------------------------------------------------------------------
// Markdown output.

// Inline content, with white space collapsed as a browser would and text escaped.
//
// Emphasis (** * ~~) is recorded as pairs of delimiter marks and settled when the content is
// finished: CommonMark only reads a delimiter run as emphasis when it is flanked the right way
// (which depends on the text on both sides, known only at the end), and a pair that would not
// be read is left out, so that the text never shows stray asterisks.
class InlineBuffer {
 public:
  enum class Mode {
    kParagraph,  // may hold hard line breaks
    kLine,       // one line: a heading
    kTableCell,  // one line, and | is escaped everywhere
  };
  // White space at either end of inline content, which goes outside emphasis and links.
  enum class Gap { kNone, kSpace, kBreak };
  // One delimiter of an emphasis pair, at `pos` of the text.
  struct Mark {
    std::size_t pos = 0;
    std::size_t length = 0;
    std::size_t partner = 0;  // index of the other delimiter of the pair
    bool opens = false;
    const void* source = nullptr;  // what asked for the emphasis
  };
  struct Content {
    std::string text;
    std::vector<Mark> marks;
    Gap before = Gap::kNone;
    Gap after = Gap::kNone;
  };

  InlineBuffer(Mode mode, bool at_line_start) : mode_(mode), at_line_start_(at_line_start) {}

  Mode mode() const { return mode_; }
  // True when content appended now would start a line of the output.
  bool AtLineStart() const { return pending_break_ || (out_.empty() && at_line_start_); }

  void Text(std::string_view text) {
    for (std::size_t i = 0; i < text.size(); ++i) {
      const char c = text[i];
      if (IsHtmlSpace(c)) {
        Space();
        continue;
      }
      BeforeContent();
      bool escape = false;
      if (at_line_start_) {
        at_line_start_ = false;
        const std::size_t digits = text.find_first_not_of("0123456789", i);
        if (digits != i && digits != std::string_view::npos &&
            (text[digits] == '.' || text[digits] == ')')) {
          // "1. " or "1) " would start an ordered list.
          out_.append(text.substr(i, digits - i));
          out_.push_back('\\');
          out_.push_back(text[digits]);
          i = digits;
          continue;
        }
        escape = StartsBlock(c, i + 1 < text.size() ? text[i + 1] : '\0');
      }
      if (escape || NeedsEscape(text, i)) out_.push_back('\\');
      out_.push_back(c);
      if (c == '!') bang_ = out_.size() - 1;
    }
  }

  // Collapsible white space.
  void Space() {
    if (out_.empty()) {
      leading_ = std::max(leading_, Gap::kSpace);
    } else if (!pending_break_) {
      pending_space_ = true;
    }
  }

  void Break() {
    if (mode_ != Mode::kParagraph) {
      Space();
    } else if (out_.empty()) {
      leading_ = Gap::kBreak;  // dropped at the start of a paragraph, kept in emphasis or links
    } else {
      pending_break_ = true;
      pending_space_ = false;
    }
  }

  void AddGap(Gap gap) {
    if (gap == Gap::kBreak) {
      Break();
    } else if (gap == Gap::kSpace) {
      Space();
    }
  }

  // Already Markdown, without emphasis marks; never starts with white space.
  void Markup(std::string_view markdown) {
    if (markdown.empty()) return;
    BeforeContent();
    // "!" then a link would make an image.
    if (markdown.front() == '[' && bang_ != std::string::npos && bang_ + 1 == out_.size() &&
        out_[bang_] == '!') {
      out_.insert(bang_, 1, '\\');
    }
    out_.append(markdown);
    at_line_start_ = false;
  }

  // A code span holding `code` literally.
  void Code(std::string code) {
    if (code.empty()) return;
    // Two spans in a row would merge their backtick fences: write them as one.
    if (code_end_ == out_.size() && !pending_space_ && !pending_break_) {
      code = code_ + code;
      out_.resize(code_start_);
    }
    code_ = code;
    if (mode_ == Mode::kTableCell) {
      // The table extension splits cells at every unescaped |, even inside code.
      std::string escaped;
      for (char c : code) {
        if (c == '|') escaped.push_back('\\');
        escaped.push_back(c);
      }
      code = std::move(escaped);
    }
    const std::string fence(LongestRun(code, '`') + 1, '`');
    const char* pad = code.front() == '`' || code.back() == '`' ? " " : "";
    BeforeContent();
    code_start_ = out_.size();
    Markup(fence + pad + code + pad + fence);
    code_end_ = out_.size();
  }

  // `content` as it is, its white space outside: a link's text kept without the link, or
  // `prefix` + the text + `suffix` for a link.
  void Append(const Content& content, std::string_view prefix = {}, std::string_view suffix = {}) {
    AddGap(content.before);
    if (!content.text.empty()) {
      BeforeContent();
      Markup(prefix);
      AppendMarked(content);
      out_.append(suffix);
      at_line_start_ = false;
    }
    AddGap(content.after);
  }

  // `inner` between `delimiter`s (** * ~~), white space moved outside; a run right after
  // the same emphasis joins it.
  void Delimited(std::string_view delimiter, InlineBuffer&& inner, const void* source) {
    Content content = std::move(inner).Take();
    AddGap(content.before);
    if (!content.text.empty()) {
      if (last_closer_ < marks_.size() && closer_end_ == out_.size() && !pending_space_ &&
          !pending_break_ && marks_[last_closer_].length == delimiter.size() &&
          out_.ends_with(delimiter)) {
        out_.resize(out_.size() - delimiter.size());
        AppendMarked(content);
        marks_[last_closer_].pos = out_.size();
      } else {
        BeforeContent();
        const std::size_t opener = marks_.size();
        marks_.push_back(
            Mark{.pos = out_.size(), .length = delimiter.size(), .opens = true, .source = source});
        out_.append(delimiter);
        AppendMarked(content);
        last_closer_ = marks_.size();
        marks_[opener].partner = last_closer_;
        marks_.push_back(Mark{
            .pos = out_.size(), .length = delimiter.size(), .partner = opener, .source = source});
      }
      out_.append(delimiter);
      closer_end_ = out_.size();
      at_line_start_ = false;
    }
    AddGap(content.after);
  }

  // The content for an enclosing buffer, emphasis unsettled.
  Content Take() && {
    const Gap after = pending_break_ ? Gap::kBreak : (pending_space_ ? Gap::kSpace : Gap::kNone);
    return Content{std::move(out_), std::move(marks_), leading_, after};
  }

  // The finished Markdown, emphasis settled (the sources of the pairs left out are added to
  // `dropped`); the buffer is left empty, at a line start.
  std::string Finish(std::vector<const void*>* dropped = nullptr) {
    SettleEmphasis(dropped);
    std::string text = std::move(out_);
    *this = InlineBuffer(mode_, true);
    return text;
  }

 private:
  // Whether `c` at the start of a line, followed by `next`, would start a block: a heading, a
  // quote, a list item, a thematic break, a setext underline or a table delimiter row.
  static bool StartsBlock(char c, char next) {
    if (c == '#' || c == '>') return true;
    return (c == '-' || c == '+' || c == '=' || c == ':') && !IsWordByte(next);
  }

  // Whether text[i] needs a backslash wherever it is.
  bool NeedsEscape(std::string_view text, std::size_t i) const {
    switch (text[i]) {
      case '\\':
      case '`':
      case '*':
      case '_':
      case '[':
      case ']':
      case '<':
      case '|':
      case '~':
        return true;
      case '&': {
        // An entity reference: &name; or &#123; (or one completed by the next text).
        std::size_t end = i + 1;
        while (end < text.size() && (IsAsciiAlnum(text[end]) || text[end] == '#')) ++end;
        return end > i + 1 && (end == text.size() || text[end] == ';');
      }
      // GFM autolinks read URLs and e-mail addresses raw, backslashes included, so escaped
      // text inside them would show its backslashes: keep them from starting.
      case ':': {
        std::size_t letters = 0;
        while (letters < out_.size() && IsAsciiLetter(out_[out_.size() - letters - 1])) ++letters;
        const std::string_view scheme = std::string_view(out_).substr(out_.size() - letters);
        return EqualsIgnoreCase(scheme, "http") || EqualsIgnoreCase(scheme, "https") ||
               EqualsIgnoreCase(scheme, "ftp");
      }
      case '.':
        return out_.size() >= 3 &&
               EqualsIgnoreCase(std::string_view(out_).substr(out_.size() - 3), "www");
      case '@':
        return !out_.empty() && (IsAsciiAlnum(out_.back()) || out_.back() == '.' ||
                                 out_.back() == '+' || out_.back() == '-');
      default:
        return false;
    }
  }

  // Writes the white space that content now needs.
  void BeforeContent() {
    if (pending_break_) {
      out_.append("\\\n");
      at_line_start_ = true;
    } else if (pending_space_) {
      out_.push_back(' ');
    }
    pending_break_ = false;
    pending_space_ = false;
    closer_end_ = std::string::npos;
    code_end_ = std::string::npos;
  }

  void AppendMarked(const Content& content) {
    const std::size_t offset = out_.size();
    const std::size_t first = marks_.size();
    for (Mark mark : content.marks) {
      mark.pos += offset;
      mark.partner += first;
      marks_.push_back(mark);
    }
    out_.append(content.text);
    closer_end_ = std::string::npos;
    code_end_ = std::string::npos;
  }

  // Whether the delimiter run around marks_[i] (the delimiters of marks touching it with the
  // same character) can only open, for an opener, or only close, for a closer (CommonMark
  // 6.2, "left-flanking delimiter run").
  bool IsFlanked(std::size_t i, const std::vector<bool>& is_mark) const {
    const Mark& mark = marks_[i];
    const char c = out_[mark.pos];
    std::size_t begin = mark.pos;
    std::size_t end = mark.pos + mark.length;
    while (begin > 0 && is_mark[begin - 1] && out_[begin - 1] == c) --begin;
    while (end < out_.size() && is_mark[end] && out_[end] == c) ++end;
    // cmark-gfm looks through strikethrough delimiters when it flanks an asterisk run.
    if (c == '*') {
      while (begin > 0 && is_mark[begin - 1] && out_[begin - 1] == '~') --begin;
      while (end < out_.size() && is_mark[end] && out_[end] == '~') ++end;
    }
    const CharClass before = ClassBefore(out_, begin);
    const CharClass after = ClassAfter(out_, end);
    const bool space_before = before == CharClass::kSpace;
    const bool space_after = after == CharClass::kSpace;
    const bool punct_before = before == CharClass::kPunctuation;
    const bool punct_after = after == CharClass::kPunctuation;
    const bool left = !space_after && (!punct_after || space_before || punct_before);
    const bool right = !space_before && (!punct_before || space_after || punct_after);
    // A run that could both open and close may pair differently than intended (the "rule of
    // 3" and nearest-opener matching), so only runs with one possible role are kept.
    return mark.opens ? left && !right : right && !left;
  }

  // Drops the pairs CommonMark would not read as emphasis, until every remaining one reads.
  void SettleEmphasis(std::vector<const void*>* dropped) {
    // Each round drops at least one pair; a pathological page gives up on emphasis instead of
    // spending quadratic time.
    constexpr int kMaxRounds = 8;
    for (int round = 0; !marks_.empty(); ++round) {
      std::vector<bool> is_mark(out_.size(), false);
      for (const Mark& mark : marks_) {
        std::fill_n(is_mark.begin() + static_cast<std::ptrdiff_t>(mark.pos), mark.length, true);
      }
      std::vector<bool> drop(marks_.size(), false);
      bool any = false;
      for (std::size_t i = 0; i < marks_.size(); ++i) {
        if (round < kMaxRounds && IsFlanked(i, is_mark)) continue;
        drop[i] = drop[marks_[i].partner] = true;
        if (dropped != nullptr) dropped->push_back(marks_[i].source);
        any = true;
      }
      if (!any) return;
      DropMarks(drop);
    }
  }

  // Removes the delimiters of the marks flagged in `drop` from the text.
  void DropMarks(const std::vector<bool>& drop) {
    std::vector<bool> removed(out_.size(), false);
    std::vector<std::size_t> index(marks_.size());
    std::vector<Mark> kept;
    for (std::size_t i = 0; i < marks_.size(); ++i) {
      if (drop[i]) {
        std::fill_n(removed.begin() + static_cast<std::ptrdiff_t>(marks_[i].pos), marks_[i].length,
                    true);
      } else {
        index[i] = kept.size();
        kept.push_back(marks_[i]);
      }
    }
    std::string text;
    std::vector<std::size_t> new_pos(out_.size() + 1);
    for (std::size_t i = 0; i < out_.size(); ++i) {
      new_pos[i] = text.size();
      if (!removed[i]) text.push_back(out_[i]);
    }
    for (Mark& mark : kept) {
      mark.pos = new_pos[mark.pos];
      mark.partner = index[mark.partner];
    }
    out_ = std::move(text);
    marks_ = std::move(kept);
  }

  Mode mode_;
  std::string out_;
  std::vector<Mark> marks_;
  bool at_line_start_;
  Gap leading_ = Gap::kNone;
  bool pending_space_ = false;
  bool pending_break_ = false;
  std::size_t bang_ = std::string::npos;  // a literal "!" from text
  // The closing delimiter that ends the text, for joining the next run of the same emphasis.
  std::size_t last_closer_ = std::string::npos;
  std::size_t closer_end_ = std::string::npos;
  // The code span that ends the text, for joining the next one.
  std::string code_;
  std::size_t code_start_ = 0;
  std::size_t code_end_ = std::string::npos;
};

struct Block {
  std::string text;
  char list_marker = '\0';     // '-' '*' for bullet lists, '.' ')' for ordered ones
  bool may_interrupt = false;  // a list that may follow a paragraph line directly
};
using Blocks = std::vector<Block>;

std::string JoinBlocks(const Blocks& blocks) {
  std::string out;
  for (const Block& block : blocks) {
    if (!out.empty()) out.append("\n\n");
    out.append(block.text);
  }
  return out;
}

// A destination for [text](dest) that reads back as `dest`.
std::string FormatDestination(std::string_view dest) {
  const bool pointy = dest.find(' ') != std::string_view::npos;
  std::string out = pointy ? "<" : "";
  for (char c : dest) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7F) {
      out.append(fmt::format("%{:02X}", u));
    } else if (c == '\\' || c == '<' || c == '>' || c == '|' ||
               (!pointy && (c == '(' || c == ')'))) {
      out.push_back('\\');
      out.push_back(c);
    } else {
      out.push_back(c);
    }
  }
  if (pointy) out.push_back('>');
  return out;
}

bool HasScheme(std::string_view url) {
  if (url.empty() || !((url[0] >= 'a' && url[0] <= 'z') || (url[0] >= 'A' && url[0] <= 'Z'))) {
    return false;
  }
  for (char c : url) {
    if (c == ':') return true;
    if (!IsAsciiAlnum(c) && c != '+' && c != '-' && c != '.') return false;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// The conversion.

class Converter {
 public:
  Converter(const HtmlConversionOptions& options, std::string base, const xmlNode* dropped_heading)
      : options_(options), base_(std::move(base)), dropped_heading_(dropped_heading) {}

  std::string Convert(const xmlNode* root) {
    // Emphasis that CommonMark would not read is left out when its paragraph is finished; the
    // page is then converted again with those elements plain, so that the text around them is
    // escaped and joined as it finally stands (a few passes at most).
    constexpr int kMaxPasses = 4;
    std::string out;
    for (int pass = 0; pass < kMaxPasses; ++pass) {
      dropped_.clear();
      Blocks blocks;
      RenderContainer(root, 0, blocks);
      out = JoinBlocks(blocks);
      if (dropped_.empty()) break;
      for (const void* node : dropped_) plain_.insert(static_cast<const xmlNode*>(node));
    }
    if (!out.empty()) out.push_back('\n');
    return out;
  }

 private:
  // --- Blocks.

  // The children of `node` as blocks appended to `out`.
  void RenderContainer(const xmlNode* node, int depth, Blocks& out) {
    InlineBuffer paragraph(InlineBuffer::Mode::kParagraph, true);
    for (const xmlNode* child = node->children; child != nullptr; child = child->next) {
      RenderNode(child, depth + 1, out, paragraph);
    }
    Flush(paragraph, out);
  }

  void Flush(InlineBuffer& paragraph, Blocks& out) {
    std::string text = paragraph.Finish(&dropped_);
    if (!text.empty()) out.push_back(Block{.text = std::move(text)});
  }

  void RenderNode(const xmlNode* node, int depth, Blocks& out, InlineBuffer& paragraph) {
    if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
      paragraph.Text(NodeText(node));
      return;
    }
    if (node->type != XML_ELEMENT_NODE) return;
    if (depth > kMaxDepth) {
      paragraph.Text(TextOf(node, TextMode::kCollapse));
      return;
    }
    const Kind kind = KindOf(node);
    if (IsBlockKind(kind)) Flush(paragraph, out);
    switch (kind) {
      case Kind::kSkip:
        return;
      case Kind::kBlock:
        return RenderContainer(node, depth, out);
      case Kind::kHeading:
        return RenderHeading(node, depth, out);
      case Kind::kList:
      case Kind::kOrderedList:
        return RenderList(node, depth, kind == Kind::kOrderedList, out);
      case Kind::kQuote:
        return RenderQuote(node, depth, out);
      case Kind::kPre:
        return RenderPre(node, out);
      case Kind::kTable:
        return RenderTable(node, depth, out);
      case Kind::kRule:
        out.push_back(Block{.text = "---"});
        return;
      case Kind::kTerm:
        return RenderTerm(node, depth, out);
      case Kind::kInline:
        for (const xmlNode* child = node->children; child != nullptr; child = child->next) {
          RenderNode(child, depth + 1, out, paragraph);
        }
        return;
      default:
        return RenderInline(node, depth, paragraph);
    }
  }

  void RenderHeading(const xmlNode* node, int depth, Blocks& out) {
    if (node == dropped_heading_) return;
    InlineBuffer line(InlineBuffer::Mode::kLine, false);
    RenderInlineChildren(node, depth, line);
    std::string text = line.Finish(&dropped_);
    if (text.empty()) return;
    // A closing sequence of #s (after a space) would be dropped: escape it.
    const std::size_t run = text.find_last_not_of('#') + 1;
    if (run < text.size() && (run == 0 || text[run - 1] == ' ')) text.insert(run, 1, '\\');
    const int level = Name(node)[1] - '0';
    out.push_back(Block{.text = std::string(static_cast<std::size_t>(level), '#') + " " + text});
  }

  void RenderList(const xmlNode* node, int depth, bool ordered, Blocks& out) {
    if (nesting_ >= kMaxBlockNesting) return RenderContainer(node, depth, out);
    long number = 1;
    if (ordered) {
      const auto start = Attribute(node, "start");
      if (start) number = std::clamp(std::strtol(start->c_str(), nullptr, 10), 0L, kMaxListNumber);
    }
    const bool may_interrupt = !ordered || number == 1;
    // Two lists in a row with the same marker would merge into one.
    char marker = ordered ? '.' : '-';
    if (!out.empty() && out.back().list_marker == marker) marker = ordered ? ')' : '*';

    ++nesting_;
    std::vector<Blocks> items;
    bool item_open = false;  // whether stray content may join the last item
    for (const xmlNode* child = node->children; child != nullptr; child = child->next) {
      if (IsElement(child, "li") && KindOf(child) != Kind::kSkip) {
        items.emplace_back();
        RenderContainer(child, depth + 1, items.back());
        item_open = true;
        continue;
      }
      // Text or a nested list directly inside the list: part of the item before it.
      Blocks stray;
      InlineBuffer paragraph(InlineBuffer::Mode::kParagraph, true);
      RenderNode(child, depth + 1, stray, paragraph);
      Flush(paragraph, stray);
      if (stray.empty()) continue;
      if (!item_open) items.emplace_back();
      item_open = true;
      std::move(stray.begin(), stray.end(), std::back_inserter(items.back()));
    }
    --nesting_;

    std::string text;
    for (Blocks& item : items) {
      if (item.empty()) continue;
      const std::string prefix =
          ordered ? fmt::format("{}{} ", std::min(number, kMaxListNumber), marker)
                  : fmt::format("{} ", marker);
      ++number;
      // "- ---" would be a thematic break, not an item holding one.
      if (item.front().text == "---") item.front().text = "___";
      std::string body = item.front().text;
      for (std::size_t i = 1; i < item.size(); ++i) {
        body.append(item[i].may_interrupt ? "\n" : "\n\n");
        body.append(item[i].text);
      }
      if (!text.empty()) text.push_back('\n');
      text.append(PrefixLines(body, prefix, std::string(prefix.size(), ' '), ""));
    }
    if (text.empty()) return;
    out.push_back(
        Block{.text = std::move(text), .list_marker = marker, .may_interrupt = may_interrupt});
  }

  void RenderQuote(const xmlNode* node, int depth, Blocks& out) {
    if (nesting_ >= kMaxBlockNesting) return RenderContainer(node, depth, out);
    Blocks inner;
    ++nesting_;
    RenderContainer(node, depth, inner);
    --nesting_;
    if (inner.empty()) return;
    out.push_back(Block{.text = PrefixLines(JoinBlocks(inner), "> ", "> ", ">")});
  }

  static void RenderPre(const xmlNode* node, Blocks& out) {
    std::string code;
    for (char c : TextOf(node, TextMode::kRaw)) {
      if (c != '\r') code.push_back(c);  // CRLF and lone CR: libxml2 keeps them in pre
    }
    // Blank lines around the code are layout, not content.
    std::size_t first = 0;
    while (true) {
      const std::size_t newline = code.find('\n', first);
      if (newline == std::string::npos ||
          !TrimHtmlSpace(std::string_view(code).substr(first, newline - first)).empty())
        break;
      first = newline + 1;
    }
    code.erase(0, first);
    while (!code.empty() && IsHtmlSpace(code.back())) {
      const std::size_t newline = code.rfind('\n');
      const std::size_t line_start = newline == std::string::npos ? 0 : newline + 1;
      if (!TrimHtmlSpace(std::string_view(code).substr(line_start)).empty()) break;
      code.resize(newline == std::string::npos ? 0 : newline);
    }
    if (code.empty()) return;
    std::string language;
    const xmlNode* code_child = node->children;
    while (code_child != nullptr && code_child->type != XML_ELEMENT_NODE) {
      code_child = code_child->next;
    }
    for (const xmlNode* n : {node, code_child}) {
      if (n == nullptr || !language.empty()) continue;
      language = ClassSuffix(n, "language-").value_or(ClassSuffix(n, "lang-").value_or(""));
    }
    std::erase_if(language, [](char c) {
      return !IsAsciiAlnum(c) && c != '-' && c != '_' && c != '+' && c != '#' && c != '.';
    });
    const std::string fence(std::max<std::size_t>(3, LongestRun(code, '`') + 1), '`');
    out.push_back(Block{.text = fence + language + "\n" + code + "\n" + fence});
  }

  void RenderTable(const xmlNode* node, int depth, Blocks& out) {
    std::vector<const xmlNode*> rows;
    for (const xmlNode* child = node->children; child != nullptr; child = child->next) {
      if (!IsElement(child) || KindOf(child) == Kind::kSkip) continue;
      const std::string_view name = Name(child);
      if (name == "tr") rows.push_back(child);
      if (name == "thead" || name == "tbody" || name == "tfoot") {
        for (const xmlNode* row = child->children; row != nullptr; row = row->next) {
          if (IsElement(row, "tr") && KindOf(row) != Kind::kSkip) rows.push_back(row);
        }
      }
      if (name == "caption") RenderContainer(child, depth, out);
    }
    std::vector<std::vector<std::string>> cells;
    std::size_t columns = 0;
    bool any_text = false;
    for (const xmlNode* row : rows) {
      std::vector<std::string> line;
      for (const xmlNode* cell = row->children; cell != nullptr; cell = cell->next) {
        if (!IsElement(cell, "td") && !IsElement(cell, "th")) continue;
        if (KindOf(cell) == Kind::kSkip) continue;
        InlineBuffer buffer(InlineBuffer::Mode::kTableCell, false);
        RenderInlineChildren(cell, depth + 1, buffer);
        std::string text = buffer.Finish(&dropped_);
        any_text = any_text || !text.empty();
        if (line.size() >= kMaxTableColumns) {
          // Beyond the column limit, the text joins the last cell.
          if (!text.empty()) line.back().append((line.back().empty() ? "" : " ") + text);
          continue;
        }
        line.push_back(std::move(text));
        const auto span = Attribute(cell, "colspan");
        const long extra = span ? std::strtol(span->c_str(), nullptr, 10) - 1 : 0;
        for (long i = 0; i < extra && line.size() < kMaxTableColumns; ++i) line.emplace_back();
      }
      columns = std::max(columns, line.size());
      cells.push_back(std::move(line));
    }
    if (!any_text || columns == 0) return;
    std::string text;
    for (std::size_t r = 0; r < cells.size(); ++r) {
      cells[r].resize(columns);
      text.push_back('|');
      for (const std::string& cell : cells[r]) text.append(fmt::format(" {} |", cell));
      text.push_back('\n');
      if (r == 0) {
        text.push_back('|');
        for (std::size_t c = 0; c < columns; ++c) text.append(" --- |");
        text.push_back('\n');
      }
    }
    text.pop_back();
    out.push_back(Block{.text = std::move(text)});
  }

  void RenderTerm(const xmlNode* node, int depth, Blocks& out) {
    InlineBuffer paragraph(InlineBuffer::Mode::kParagraph, true);
    RenderStrong(node, depth, paragraph);
    Flush(paragraph, out);
  }

  // --- Inline content.

  void RenderInlineChildren(const xmlNode* node, int depth, InlineBuffer& buffer) {
    for (const xmlNode* child = node->children; child != nullptr; child = child->next) {
      RenderInline(child, depth + 1, buffer);
    }
  }

  void RenderInline(const xmlNode* node, int depth, InlineBuffer& buffer) {
    if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
      buffer.Text(NodeText(node));
      return;
    }
    if (node->type != XML_ELEMENT_NODE) return;
    if (depth > kMaxDepth) {
      buffer.Text(TextOf(node, TextMode::kCollapse));
      return;
    }
    const Kind kind = KindOf(node);
    switch (kind) {
      case Kind::kSkip:
        return;
      case Kind::kBreak:
        return buffer.Break();
      case Kind::kStrong:
        return RenderStrong(node, depth, buffer);
      case Kind::kEmphasis:
        return RenderDelimited(node, depth, "*", emphasis_, buffer);
      case Kind::kStrike:
        return RenderDelimited(node, depth, "~~", strike_, buffer);
      case Kind::kCode:
        return RenderCode(node, buffer);
      case Kind::kLink:
        return RenderLink(node, depth, buffer);
      case Kind::kImage:
        return RenderImage(node, buffer);
      case Kind::kInline:
        return RenderInlineChildren(node, depth, buffer);
      default:
        // A block inside inline content (a table in a cell, a div in a link): its text.
        buffer.Space();
        RenderInlineChildren(node, depth, buffer);
        buffer.Space();
        return;
    }
  }

  void RenderStrong(const xmlNode* node, int depth, InlineBuffer& buffer) {
    RenderDelimited(node, depth, "**", strong_, buffer);
  }

  // Nested emphasis of the same kind adds nothing, so only the outermost is marked.
  void RenderDelimited(const xmlNode* node, int depth, std::string_view delimiter, int& open,
                       InlineBuffer& buffer) {
    if (open > 0 || plain_.contains(node)) return RenderInlineChildren(node, depth, buffer);
    // The text stays bare at the start of a line when the delimiters cannot apply.
    InlineBuffer inner(buffer.mode(), buffer.AtLineStart());
    ++open;
    RenderInlineChildren(node, depth, inner);
    --open;
    buffer.Delimited(delimiter, std::move(inner), node);
  }

  static void RenderCode(const xmlNode* node, InlineBuffer& buffer) {
    std::string raw;
    Walk(node, [&](const xmlNode* n) {
      if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) raw.append(NodeText(n));
      if (n->type == XML_ELEMENT_NODE) {
        const Kind kind = KindOf(n);
        if (kind == Kind::kSkip) return Step::kSkip;
        if (kind == Kind::kBreak || IsBlockKind(kind)) raw.push_back(' ');
      }
      return Step::kDescend;
    });
    if (!raw.empty() && IsHtmlSpace(raw.front())) buffer.Space();
    buffer.Code(CollapseWhitespace(raw));
    if (!raw.empty() && IsHtmlSpace(raw.back())) buffer.Space();
  }

  void RenderLink(const xmlNode* node, int depth, InlineBuffer& buffer) {
    // Links cannot hold links; the inner one stands for its text.
    if (in_link_) return RenderInlineChildren(node, depth, buffer);
    const auto dest = Destination(TrimHtmlSpace(Attribute(node, "href").value_or("")),
                                  /*images=*/false);
    // A link left out stands for its text.
    if (!dest) return RenderInlineChildren(node, depth, buffer);
    InlineBuffer inner(buffer.mode(), false);
    in_link_ = true;
    RenderInlineChildren(node, depth, inner);
    in_link_ = false;
    InlineBuffer::Content content = std::move(inner).Take();
    if (content.text.empty()) return buffer.AddGap(content.before);
    buffer.Append(content, "[", "](" + FormatDestination(*dest) + ")");
  }

  void RenderImage(const xmlNode* node, InlineBuffer& buffer) {
    const std::string alt = CollapseWhitespace(Attribute(node, "alt").value_or(""));
    const auto src = Attribute(node, "src");
    const auto dest = src ? Destination(TrimHtmlSpace(*src), /*images=*/true) : std::nullopt;
    if (!dest) return buffer.Text(alt);
    InlineBuffer text(buffer.mode(), false);
    text.Text(alt);
    buffer.Markup("![" + text.Finish() + "](" + FormatDestination(*dest) + ")");
  }

  // What to write for the href or src `url`. The callback sees each distinct URL once, however
  // often the page (or a further pass over it) uses it.
  std::optional<std::string> Destination(std::string_view url, bool images) {
    std::string full(url);
    const bool relative = !HasScheme(url) && !url.starts_with('/') && !url.starts_with('#');
    if (relative && !base_.empty()) full = base_ + full;
    const auto& callback = images ? options_.image : options_.link;
    if (callback) {
      auto& cache = images ? image_destinations_ : link_destinations_;
      const auto found = cache.find(full);
      if (found != cache.end()) return found->second;
      auto dest = callback(full);
      cache.emplace(std::move(full), dest);
      return dest;
    }
    const bool web =
        StartsWithIgnoreCase(full, "http://") || StartsWithIgnoreCase(full, "https://");
    const bool kept =
        web || (!images && (StartsWithIgnoreCase(full, "mailto:") || full.starts_with('#')));
    if (kept) return full;
    return std::nullopt;
  }

  const HtmlConversionOptions& options_;
  std::string base_;
  const xmlNode* dropped_heading_;
  int nesting_ = 0;
  int strong_ = 0;
  int emphasis_ = 0;
  int strike_ = 0;
  bool in_link_ = false;
  // Emphasis elements written without delimiters, and those left out in this pass.
  std::unordered_set<const xmlNode*> plain_;
  std::vector<const void*> dropped_;
  std::unordered_map<std::string, std::optional<std::string>> link_destinations_;
  std::unordered_map<std::string, std::optional<std::string>> image_destinations_;
};

// ---------------------------------------------------------------------------------------------
// The document.

struct DocFree {
  void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};

bool IsHeading(const xmlNode* node) {
  const std::string_view name = Name(node);
  return node->type == XML_ELEMENT_NODE && name.size() == 2 && name[0] == 'h' && name[1] >= '1' &&
         name[1] <= '6';
}

struct PageParts {
  std::string title;
  std::string language;
  std::string base;
  std::vector<std::string> keywords;
  const xmlNode* content_root = nullptr;
};

void AddKeywords(std::string_view content, std::vector<std::string>& keywords) {
  while (true) {
    const std::size_t comma = content.find(',');
    const std::string keyword = CollapseWhitespace(content.substr(0, comma));
    if (!keyword.empty() &&
        std::find(keywords.begin(), keywords.end(), keyword) == keywords.end()) {
      keywords.push_back(keyword);
    }
    if (comma == std::string_view::npos) break;
    content.remove_prefix(comma + 1);
  }
}

PageParts FindParts(const xmlDoc* doc) {
  PageParts parts;
  const xmlNode* root = xmlDocGetRootElement(doc);
  if (IsElement(root, "html")) parts.language = Attribute(root, "lang").value_or("");
  const xmlNode* display_area = nullptr;
  const xmlNode* main_element = nullptr;
  const xmlNode* article = nullptr;
  const xmlNode* body = nullptr;
  bool have_title = false;
  bool have_base = false;
  Walk(reinterpret_cast<const xmlNode*>(doc), [&](const xmlNode* n) {
    if (n->type != XML_ELEMENT_NODE) return Step::kSkip;
    const std::string_view name = Name(n);
    if (name == "svg" || name == "math") return Step::kSkip;  // their <title>s are not the page's
    if (name == "title" && !have_title) {
      parts.title = TextOf(n, TextMode::kCollapse);
      have_title = true;
    } else if (name == "base" && !have_base && HasAttribute(n, "href")) {
      parts.base = std::string(TrimHtmlSpace(Attribute(n, "href").value_or("")));
      have_base = true;
    } else if (name == "meta") {
      const auto content = Attribute(n, "content");
      const bool keywords = EqualsIgnoreCase(Attribute(n, "name").value_or(""), "keywords") ||
                            EqualsIgnoreCase(Attribute(n, "itemprop").value_or(""), "keywords");
      if (content && keywords) AddKeywords(*content, parts.keywords);
    } else if (name == "main" && main_element == nullptr) {
      main_element = n;
    } else if (name == "article" && article == nullptr) {
      article = n;
    } else if (name == "body" && body == nullptr) {
      body = n;
    }
    if (display_area == nullptr && Attribute(n, "id") == "DisplayArea") display_area = n;
    return Step::kDescend;
  });
  for (const xmlNode* candidate : {display_area, main_element, article, body, root}) {
    if (candidate != nullptr) {
      parts.content_root = candidate;
      break;
    }
  }
  return parts;
}

// The first heading with text under `root`, for the title.
const xmlNode* FirstHeading(const xmlNode* root) {
  const xmlNode* found = nullptr;
  Walk(root, [&](const xmlNode* n) {
    if (n->type != XML_ELEMENT_NODE || KindOf(n) == Kind::kSkip) return Step::kSkip;
    if (IsHeading(n) && !TextOf(n, TextMode::kCollapse).empty()) {
      found = n;
      return Step::kStop;
    }
    return Step::kDescend;
  });
  return found;
}

// The h1 that holds the first visible content under `root`, if any.
const xmlNode* LeadingH1(const xmlNode* root) {
  const xmlNode* first = nullptr;
  Walk(root, [&](const xmlNode* n) {
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
      if (TrimHtmlSpace(NodeText(n)).empty()) return Step::kSkip;
      first = n;
      return Step::kStop;
    }
    if (n->type != XML_ELEMENT_NODE) return Step::kSkip;
    const Kind kind = KindOf(n);
    if (kind == Kind::kSkip) return Step::kSkip;
    if (kind == Kind::kImage || kind == Kind::kRule) {
      first = n;
      return Step::kStop;
    }
    return Step::kDescend;
  });
  for (const xmlNode* n = first; n != nullptr && n != root; n = n->parent) {
    if (IsHeading(n)) return Name(n) == "h1" ? n : nullptr;
  }
  return nullptr;
}

void InitialiseLibxml2() {
  [[maybe_unused]] static const bool initialised = [] {
    xmlInitParser();
    return true;
  }();
}

}  // namespace

core::Result<HtmlDocument> ConvertHtml(std::string_view html,
                                       const HtmlConversionOptions& options) {
  if (html.size() > options.max_bytes || html.size() > static_cast<std::size_t>(INT_MAX)) {
    return core::MakeError(core::ErrorCode::kTooLarge,
                           fmt::format("the HTML file is larger than {} bytes", options.max_bytes));
  }
  if (TrimHtmlSpace(html).empty()) return core::InvalidArgument("the HTML file is empty");
  InitialiseLibxml2();
  const int parse_options = HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR |
                            HTML_PARSE_NOWARNING | HTML_PARSE_COMPACT;
  const std::unique_ptr<xmlDoc, DocFree> doc(
      htmlReadMemory(html.data(), static_cast<int>(html.size()), nullptr, nullptr, parse_options));
  if (doc == nullptr || xmlDocGetRootElement(doc.get()) == nullptr) {
    return core::InvalidArgument("the file holds no HTML");
  }
  PageParts parts = FindParts(doc.get());
  if (parts.title.empty()) {
    if (const xmlNode* heading = FirstHeading(parts.content_root)) {
      parts.title = TextOf(heading, TextMode::kCollapse);
    }
  }
  const xmlNode* leading_h1 = LeadingH1(parts.content_root);
  const xmlNode* dropped =
      leading_h1 != nullptr && TextOf(leading_h1, TextMode::kCollapse) == parts.title ? leading_h1
                                                                                      : nullptr;
  HtmlDocument result;
  result.markdown = ValidUtf8(Converter(options, parts.base, dropped).Convert(parts.content_root));
  result.title = ValidUtf8(std::move(parts.title));
  result.language = ValidUtf8(std::move(parts.language));
  for (std::string& keyword : parts.keywords)
    result.keywords.push_back(ValidUtf8(std::move(keyword)));
  return result;
}

}  // namespace rapport::kb

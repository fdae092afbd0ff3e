#include "rapport/kb/front_matter.h"

#include <fmt/format.h>

#include <cstdint>
#include <optional>
#include <utility>

#include "rapport/kb/internal/front_matter_syntax.h"

namespace rapport::kb {
namespace {

using internal::IsBlank;
using internal::IsFlowIndicator;
using internal::IsMarkerLine;
using internal::kByteOrderMark;
using internal::LineAt;
using internal::OpensFrontMatter;
using internal::ScalarContext;
using internal::SourceLine;
using internal::TrimBlanks;

using Error = std::unexpected<FrontMatterError>;

bool IsKeyChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-';
}

void AppendUtf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

std::optional<std::uint32_t> ParseHex(std::string_view digits) {
  std::uint32_t value = 0;
  for (char c : digits) {
    std::uint32_t digit = 0;
    if (c >= '0' && c <= '9') {
      digit = static_cast<std::uint32_t>(c - '0');
    } else if (c >= 'a' && c <= 'f') {
      digit = static_cast<std::uint32_t>(c - 'a' + 10);
    } else if (c >= 'A' && c <= 'F') {
      digit = static_cast<std::uint32_t>(c - 'A' + 10);
    } else {
      return std::nullopt;
    }
    value = value * 16 + digit;
  }
  return value;
}

// Reads the values of one line, with the line number for errors.
class ValueReader {
 public:
  ValueReader(std::string_view text, int line) : text_(text), line_(line) {}

  // The value after `key:`; `allow_list` is false for list items (no nested lists).
  std::expected<FrontMatterValue, FrontMatterError> ReadValue(bool allow_list) {
    SkipBlanks();
    if (AtEnd() || Peek() == '#') return std::string();
    if (Peek() == '[') {
      if (!allow_list) return Fail("nested lists are not supported");
      auto list = ReadFlowList();
      if (!list) return std::unexpected(std::move(list).error());
      auto end = ExpectLineEnd();
      if (!end) return std::unexpected(std::move(end).error());
      return std::move(*list);
    }
    auto scalar = ReadScalar(ScalarContext::kBlock);
    if (!scalar) return std::unexpected(std::move(scalar).error());
    auto end = ExpectLineEnd();
    if (!end) return std::unexpected(std::move(end).error());
    return std::move(*scalar);
  }

 private:
  bool AtEnd() const { return pos_ >= text_.size(); }
  char Peek(std::size_t ahead = 0) const {
    return pos_ + ahead < text_.size() ? text_[pos_ + ahead] : '\0';
  }
  void SkipBlanks() {
    while (!AtEnd() && IsBlank(Peek())) ++pos_;
  }
  Error Fail(std::string message) const {
    return Error(FrontMatterError{line_, std::move(message)});
  }

  // Only blanks and a comment may follow a value.
  std::expected<void, FrontMatterError> ExpectLineEnd() {
    SkipBlanks();
    if (AtEnd()) return {};
    if (Peek() == '#' && pos_ > 0 && IsBlank(text_[pos_ - 1])) return {};
    return Fail(fmt::format("unexpected text after the value: `{}`", text_.substr(pos_)));
  }

  std::expected<std::vector<std::string>, FrontMatterError> ReadFlowList() {
    ++pos_;  // [
    std::vector<std::string> items;
    while (true) {
      SkipBlanks();
      if (AtEnd())
        return Fail("list is not closed on its line (multi-line lists are not supported)");
      if (Peek() == ']') break;  // an empty list, or a trailing comma
      if (Peek() == ',') return Fail("empty item in the list");
      if (items.size() >= kMaxFrontMatterListItems) {
        return Fail(fmt::format("more than {} items in a list", kMaxFrontMatterListItems));
      }
      auto item = ReadScalar(ScalarContext::kFlow);
      if (!item) return std::unexpected(std::move(item).error());
      items.push_back(std::move(*item));
      SkipBlanks();
      if (Peek() == ',') {
        ++pos_;
        continue;
      }
      if (Peek() == ']') break;
      if (AtEnd())
        return Fail("list is not closed on its line (multi-line lists are not supported)");
      return Fail(fmt::format("expected `,` or `]` in the list, found `{}`", Peek()));
    }
    ++pos_;  // ]
    return items;
  }

  std::expected<std::string, FrontMatterError> ReadScalar(ScalarContext context) {
    if (Peek() == '"') return ReadDoubleQuoted();
    if (Peek() == '\'') return ReadSingleQuoted();
    return ReadPlain(context);
  }

  // Rejects what a plain scalar may not start with: YAML would read something else there.
  std::expected<void, FrontMatterError> CheckPlainStart(ScalarContext context) const {
    const char c = Peek();
    const char next = Peek(1);
    const bool next_ends =
        next == '\0' || IsBlank(next) || (context == ScalarContext::kFlow && IsFlowIndicator(next));
    switch (c) {
      case '&':
        return Fail("anchors (&) are not supported");
      case '*':
        return Fail("aliases (*) are not supported");
      case '!':
        return Fail("tags (!) are not supported");
      case '|':
      case '>':
        return Fail("multi-line block values (| and >) are not supported; use a quoted string");
      case '{':
        return Fail("nested maps ({...}) are not supported");
      case '[':
        return Fail("nested lists are not supported");
      case ']':
      case '}':
      case ',':
      case '%':
      case '@':
      case '`':
      case '#':
        return Fail(fmt::format("a value cannot start with `{}`; quote it", c));
      case '-':
        if (next_ends) return Fail("nested lists are not supported");
        break;
      case '?':
        if (next_ends) return Fail("complex keys (?) are not supported");
        break;
      case ':':
        if (next_ends) return Fail("a value cannot start with `: `; quote it");
        break;
      default:
        break;
    }
    return {};
  }

  std::expected<std::string, FrontMatterError> ReadPlain(ScalarContext context) {
    auto start = CheckPlainStart(context);
    if (!start) return std::unexpected(std::move(start).error());
    const std::size_t begin = pos_;
    while (!AtEnd()) {
      const char c = Peek();
      if (c == '#' && pos_ > begin && IsBlank(text_[pos_ - 1])) break;  // a comment
      if (c == ':') {
        const char next = Peek(1);
        if (next == '\0' || IsBlank(next) ||
            (context == ScalarContext::kFlow && IsFlowIndicator(next))) {
          return Fail("nested maps are not supported; quote values that contain `: `");
        }
      }
      if (context == ScalarContext::kFlow) {
        if (c == ',' || c == ']') break;
        if (c == '[' || c == '{' || c == '}') {
          return Fail(fmt::format("`{}` inside a list item; quote the item", c));
        }
      }
      ++pos_;
    }
    return std::string(TrimBlanks(text_.substr(begin, pos_ - begin)));
  }

  std::expected<std::string, FrontMatterError> ReadSingleQuoted() {
    ++pos_;
    std::string out;
    while (true) {
      if (AtEnd()) return Fail("quoted value is not closed on its line (use \\n in double quotes)");
      const char c = Peek();
      ++pos_;
      if (c != '\'') {
        out.push_back(c);
        continue;
      }
      if (Peek() != '\'') return out;
      out.push_back('\'');
      ++pos_;
    }
  }

  std::expected<std::string, FrontMatterError> ReadDoubleQuoted() {
    ++pos_;
    std::string out;
    while (true) {
      if (AtEnd()) return Fail("quoted value is not closed on its line (use \\n for line breaks)");
      const char c = Peek();
      ++pos_;
      if (c == '"') return out;
      if (c != '\\') {
        out.push_back(c);
        continue;
      }
      auto escaped = ReadEscape(out);
      if (!escaped) return std::unexpected(std::move(escaped).error());
    }
  }

  // After a backslash inside double quotes.
  std::expected<void, FrontMatterError> ReadEscape(std::string& out) {
    if (AtEnd()) return Fail("quoted value is not closed on its line");
    const char c = Peek();
    ++pos_;
    switch (c) {
      case '"':
      case '\\':
      case '/':
        out.push_back(c);
        return {};
      case 'n':
        out.push_back('\n');
        return {};
      case 't':
        out.push_back('\t');
        return {};
      case 'r':
        out.push_back('\r');
        return {};
      case '0':
        out.push_back('\0');
        return {};
      case 'x':
        return ReadCodePoint(2, out);
      case 'u':
        return ReadCodePoint(4, out);
      case 'U':
        return ReadCodePoint(8, out);
      default:
        return Fail(fmt::format("unsupported escape `\\{}` in a double-quoted value", c));
    }
  }

  std::expected<std::uint32_t, FrontMatterError> ReadHex(std::size_t digits) {
    const auto value = ParseHex(text_.substr(pos_, digits));
    if (pos_ + digits > text_.size() || !value) {
      return Fail(fmt::format("expected {} hex digits after the escape", digits));
    }
    pos_ += digits;
    return *value;
  }

  std::expected<void, FrontMatterError> ReadCodePoint(std::size_t digits, std::string& out) {
    auto cp = ReadHex(digits);
    if (!cp) return std::unexpected(std::move(cp).error());
    std::uint32_t code_point = *cp;
    // A JSON-style surrogate pair: \uD83D\uDE00.
    if (digits == 4 && code_point >= 0xD800 && code_point <= 0xDBFF && Peek() == '\\' &&
        Peek(1) == 'u') {
      pos_ += 2;
      auto low = ReadHex(4);
      if (!low) return std::unexpected(std::move(low).error());
      if (*low < 0xDC00 || *low > 0xDFFF) return Fail("unpaired surrogate in a \\u escape");
      code_point = 0x10000 + ((code_point - 0xD800) << 10) + (*low - 0xDC00);
    }
    if (code_point >= 0xD800 && code_point <= 0xDFFF) {
      return Fail("unpaired surrogate in a \\u escape");
    }
    if (code_point > 0x10FFFF) return Fail("escape beyond U+10FFFF");
    AppendUtf8(out, code_point);
    return {};
  }

  std::string_view text_;
  int line_;
  std::size_t pos_ = 0;
};

// Builds the front matter line by line.
class FrontMatterParser {
 public:
  std::expected<void, FrontMatterError> AddLine(std::string_view text, int line) {
    if (TrimBlanks(text).empty()) return {};
    std::size_t indent = 0;
    while (indent < text.size() && IsBlank(text[indent])) ++indent;
    const std::string_view rest = text.substr(indent);
    if (rest.front() == '#') return {};
    if (text.substr(0, indent).find('\t') != std::string_view::npos) {
      return Fail(line, "tabs cannot indent YAML; use spaces");
    }
    if (rest == "-" || rest.starts_with("- ") || rest.starts_with("-\t")) {
      return AddListItem(rest.substr(1), indent, line);
    }
    if (indent > 0) {
      return Fail(line,
                  "unexpected indentation: nested maps and values continued on the next line "
                  "are not supported");
    }
    return AddField(text, line);
  }

  FrontMatter Take() && { return std::move(front_matter_); }

 private:
  static Error Fail(int line, std::string message) {
    return Error(FrontMatterError{line, std::move(message)});
  }

  std::expected<void, FrontMatterError> AddField(std::string_view text, int line) {
    std::size_t end = 0;
    while (end < text.size() && IsKeyChar(text[end])) ++end;
    if ((text.starts_with("---") || text.starts_with("...")) &&
        (text.size() == 3 || IsBlank(text[3]))) {
      return Fail(line, "more than one YAML document is not supported");
    }
    if (end == 0) {
      switch (text.front()) {
        case '?':
          return Fail(line, "complex keys (?) are not supported");
        case '%':
          return Fail(line, "YAML directives (%) are not supported");
        case '"':
        case '\'':
          return Fail(line, "quoted keys are not supported");
        case '&':
          return Fail(line, "anchors (&) are not supported");
        case '*':
          return Fail(line, "aliases (*) are not supported");
        case '!':
          return Fail(line, "tags (!) are not supported");
        default:
          return Fail(line, "expected `key: value`");
      }
    }
    if (end == text.size() || text[end] != ':') {
      return Fail(line, "expected `key: value` (keys are letters, digits, `_` and `-`)");
    }
    if (end + 1 < text.size() && !IsBlank(text[end + 1])) {
      return Fail(line, "expected a space after `:`");
    }
    const std::string_view key = text.substr(0, end);
    if (front_matter_.Find(key) != nullptr) {
      return Fail(line, fmt::format("duplicate key `{}`", key));
    }
    if (front_matter_.fields.size() >= kMaxFrontMatterKeys) {
      return Fail(line, fmt::format("more than {} keys", kMaxFrontMatterKeys));
    }
    ValueReader reader(text.substr(end + 1), line);
    auto value = reader.ReadValue(/*allow_list=*/true);
    if (!value) return std::unexpected(std::move(value).error());
    const std::string_view after_colon = TrimBlanks(text.substr(end + 1));
    const bool nothing = after_colon.empty() || after_colon.front() == '#';
    front_matter_.fields.emplace_back(std::string(key), std::move(*value));
    // Only `key:` with nothing after it may be followed by a block list.
    list_open_ = nothing;
    list_indent_.reset();
    return {};
  }

  std::expected<void, FrontMatterError> AddListItem(std::string_view text, std::size_t indent,
                                                    int line) {
    if (front_matter_.fields.empty()) return Fail(line, "list item without a key above it");
    auto& [key, value] = front_matter_.fields.back();
    if (!list_open_) {
      return Fail(line, fmt::format("list item under `{}`, which already has a value on its line "
                                    "(write `{}:` alone, then the items)",
                                    key, key));
    }
    if (list_indent_ && *list_indent_ != indent) {
      return Fail(line, "list items must line up (nested lists are not supported)");
    }
    list_indent_ = indent;
    ValueReader reader(text, line);
    auto item = reader.ReadValue(/*allow_list=*/false);
    if (!item) return std::unexpected(std::move(item).error());
    if (std::holds_alternative<std::string>(value)) value = std::vector<std::string>();
    auto& items = std::get<std::vector<std::string>>(value);
    if (items.size() >= kMaxFrontMatterListItems) {
      return Fail(line, fmt::format("more than {} items in a list", kMaxFrontMatterListItems));
    }
    items.push_back(std::move(std::get<std::string>(*item)));
    return {};
  }

  FrontMatter front_matter_;
  bool list_open_ = false;
  std::optional<std::size_t> list_indent_;
};

}  // namespace

const FrontMatterValue* FrontMatter::Find(std::string_view key) const {
  for (const auto& [name, value] : fields) {
    if (name == key) return &value;
  }
  return nullptr;
}

std::string FrontMatterError::ToString() const { return fmt::format("line {}: {}", line, message); }

std::expected<MarkdownFile, FrontMatterError> ParseMarkdownFile(std::string_view text) {
  if (text.starts_with(kByteOrderMark)) text.remove_prefix(kByteOrderMark.size());
  if (!OpensFrontMatter(text)) {
    return MarkdownFile{.front_matter = {}, .body = std::string(text), .body_line = 1};
  }
  const SourceLine opening = LineAt(text, 0, 1);
  // Find the end first, so that a file that only looks like it has front matter (a thematic
  // break on the first line) gets the error that explains it.
  std::vector<SourceLine> lines;
  std::size_t pos = opening.next;
  std::optional<SourceLine> closing;
  for (int number = 2; pos < text.size(); ++number) {
    const SourceLine line = LineAt(text, pos, number);
    if (IsMarkerLine(line.text, "---") || IsMarkerLine(line.text, "...")) {
      closing = line;
      break;
    }
    if (line.next - opening.next > kMaxFrontMatterBytes) {
      return Error(FrontMatterError{
          number, fmt::format("front matter longer than {} KiB", kMaxFrontMatterBytes / 1024)});
    }
    lines.push_back(line);
    pos = line.next;
  }
  if (!closing) {
    return Error(FrontMatterError{
        1, "front matter is never closed (no `---` line after the opening `---`)"});
  }
  FrontMatterParser parser;
  for (const SourceLine& line : lines) {
    auto added = parser.AddLine(line.text, line.number);
    if (!added) return std::unexpected(std::move(added).error());
  }
  return MarkdownFile{.front_matter = std::move(parser).Take(),
                      .body = std::string(text.substr(closing->next)),
                      .body_line = closing->number + 1};
}

}  // namespace rapport::kb

#include "rapport/kb/internal/html_inline.h"

#include <algorithm>
#include <utility>

#include "rapport/kb/internal/html_text.h"

namespace rapport::kb::internal {

void InlineBuffer::Text(std::string_view text) {
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

void InlineBuffer::Space() {
  if (out_.empty()) {
    leading_ = std::max(leading_, Gap::kSpace);
  } else if (!pending_break_) {
    pending_space_ = true;
  }
}

void InlineBuffer::Break() {
  if (mode_ != Mode::kParagraph) {
    Space();
  } else if (out_.empty()) {
    leading_ = Gap::kBreak;  // dropped at the start of a paragraph, kept in emphasis or links
  } else {
    pending_break_ = true;
    pending_space_ = false;
  }
}

void InlineBuffer::AddGap(Gap gap) {
  if (gap == Gap::kBreak) {
    Break();
  } else if (gap == Gap::kSpace) {
    Space();
  }
}

void InlineBuffer::Markup(std::string_view markdown) {
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

void InlineBuffer::Code(std::string code) {
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

void InlineBuffer::Append(const Content& content, std::string_view prefix,
                          std::string_view suffix) {
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

void InlineBuffer::Delimited(std::string_view delimiter, InlineBuffer&& inner, const void* source) {
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

InlineBuffer::Content InlineBuffer::Take() && {
  const Gap after = pending_break_ ? Gap::kBreak : (pending_space_ ? Gap::kSpace : Gap::kNone);
  return Content{std::move(out_), std::move(marks_), leading_, after};
}

std::string InlineBuffer::Finish(std::vector<const void*>* dropped) {
  SettleEmphasis(dropped);
  std::string text = std::move(out_);
  *this = InlineBuffer(mode_, true);
  return text;
}

bool InlineBuffer::StartsBlock(char c, char next) {
  if (c == '#' || c == '>') return true;
  return (c == '-' || c == '+' || c == '=' || c == ':') && !IsWordByte(next);
}

bool InlineBuffer::NeedsEscape(std::string_view text, std::size_t i) const {
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

void InlineBuffer::BeforeContent() {
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

void InlineBuffer::AppendMarked(const Content& content) {
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

bool InlineBuffer::IsFlanked(std::size_t i, const std::vector<bool>& is_mark) const {
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

void InlineBuffer::SettleEmphasis(std::vector<const void*>* dropped) {
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

void InlineBuffer::DropMarks(const std::vector<bool>& drop) {
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

}  // namespace rapport::kb::internal

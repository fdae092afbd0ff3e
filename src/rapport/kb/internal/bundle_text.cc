#include "rapport/kb/internal/bundle_text.h"

#include <algorithm>
#include <charconv>
#include <chrono>

namespace rapport::kb {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsLower(char c) { return c >= 'a' && c <= 'z'; }

// Reads exactly `width` digits at `pos`.
std::optional<int> Digits(std::string_view text, std::size_t pos, std::size_t width) {
  if (pos + width > text.size()) return std::nullopt;
  int value = 0;
  for (std::size_t i = pos; i < pos + width; ++i) {
    if (!IsDigit(text[i])) return std::nullopt;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

}  // namespace

std::vector<std::string_view> SplitPath(std::string_view path, bool keep_empty) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (start <= path.size()) {
    const std::size_t slash = path.find('/', start);
    const std::size_t end = slash == std::string_view::npos ? path.size() : slash;
    const std::string_view part = path.substr(start, end - start);
    if (keep_empty || !part.empty()) parts.push_back(part);
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return parts;
}

std::string_view DirName(std::string_view path) {
  const std::size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? std::string_view() : path.substr(0, slash);
}

std::string_view BaseName(std::string_view path) {
  const std::size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

std::string Extension(std::string_view path) {
  const std::string_view base = BaseName(path);
  const std::size_t dot = base.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return {};
  return ToLowerAscii(base.substr(dot + 1));
}

bool IsValidUtf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    std::size_t extra = 0;
    char32_t cp = 0;
    if (c < 0x80) {
      ++i;
      continue;
    }
    if ((c & 0xE0U) == 0xC0U) {
      extra = 1;
      cp = c & 0x1FU;
    } else if ((c & 0xF0U) == 0xE0U) {
      extra = 2;
      cp = c & 0x0FU;
    } else if ((c & 0xF8U) == 0xF0U) {
      extra = 3;
      cp = c & 0x07U;
    } else {
      return false;
    }
    if (i + extra >= text.size()) return false;
    for (std::size_t k = 1; k <= extra; ++k) {
      const auto cc = static_cast<unsigned char>(text[i + k]);
      if ((cc & 0xC0U) != 0x80U) return false;
      cp = (cp << 6U) | (cc & 0x3FU);
    }
    // Overlong forms, surrogates and values past U+10FFFF.
    if ((extra == 1 && cp < 0x80) || (extra == 2 && cp < 0x800) || (extra == 3 && cp < 0x10000) ||
        (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) {
      return false;
    }
    i += extra + 1;
  }
  return true;
}

std::string_view TrimAscii(std::string_view text) {
  const auto is_space = [](char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
  };
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

std::string ToLowerAscii(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && ToLowerAscii(a) == ToLowerAscii(b);
}

std::optional<core::TimePoint> ParseIsoTime(std::string_view text) {
  using std::chrono::days;
  using std::chrono::hours;
  using std::chrono::microseconds;
  using std::chrono::minutes;
  using std::chrono::seconds;
  const auto year = Digits(text, 0, 4);
  const auto month = Digits(text, 5, 2);
  const auto day = Digits(text, 8, 2);
  if (!year || !month || !day || text.size() < 10 || text[4] != '-' || text[7] != '-') {
    return std::nullopt;
  }
  const std::chrono::year_month_day ymd{std::chrono::year(*year),
                                        std::chrono::month(static_cast<unsigned>(*month)),
                                        std::chrono::day(static_cast<unsigned>(*day))};
  if (!ymd.ok()) return std::nullopt;
  core::TimePoint t{std::chrono::sys_days(ymd).time_since_epoch()};
  if (text.size() == 10) return t;
  if (text[10] != 'T' && text[10] != 't' && text[10] != ' ') return std::nullopt;
  const auto hour = Digits(text, 11, 2);
  const auto minute = Digits(text, 14, 2);
  const auto second = Digits(text, 17, 2);
  if (!hour || !minute || !second || text.size() < 19 || text[13] != ':' || text[16] != ':' ||
      *hour > 23 || *minute > 59 || *second > 60) {
    return std::nullopt;
  }
  t += hours(*hour) + minutes(*minute) + seconds(*second);
  std::size_t pos = 19;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    std::int64_t fraction = 0;
    int digits = 0;
    while (pos < text.size() && IsDigit(text[pos])) {
      if (digits < 6) {
        fraction = fraction * 10 + (text[pos] - '0');
        ++digits;
      }
      ++pos;
    }
    if (digits == 0) return std::nullopt;
    for (int d = digits; d < 6; ++d) fraction *= 10;
    t += microseconds(fraction);
  }
  const std::string_view zone = text.substr(pos);
  if (zone == "Z" || zone == "z") return t;
  if (zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && zone[3] == ':') {
    const auto oh = Digits(zone, 1, 2);
    const auto om = Digits(zone, 4, 2);
    if (!oh || !om || *oh > 23 || *om > 59) return std::nullopt;
    const auto offset = hours(*oh) + minutes(*om);
    return zone[0] == '+' ? t - offset : t + offset;
  }
  return std::nullopt;
}

std::optional<std::string> NormaliseLanguageTag(std::string_view text) {
  std::string lower = ToLowerAscii(TrimAscii(text));
  const std::size_t dash = lower.find('-');
  const std::string_view primary = std::string_view(lower).substr(0, dash);
  if (primary.size() < 2 || primary.size() > 3 || !std::ranges::all_of(primary, IsLower)) {
    return std::nullopt;
  }
  if (dash != std::string::npos) {
    const std::string_view region = std::string_view(lower).substr(dash + 1);
    if (region.size() < 2 || region.size() > 8 ||
        !std::ranges::all_of(region, [](char c) { return IsLower(c) || IsDigit(c); })) {
      return std::nullopt;
    }
  }
  return lower;
}

std::string_view StatusText(store::ArticleStatus status) {
  switch (status) {
    case store::ArticleStatus::kDraft:
      return "draft";
    case store::ArticleStatus::kInReview:
      return "in_review";
    case store::ArticleStatus::kPublished:
      return "published";
    case store::ArticleStatus::kArchived:
      return "archived";
  }
  return "draft";
}

std::optional<store::ArticleStatus> ParseStatusText(std::string_view text) {
  for (const auto status : {store::ArticleStatus::kDraft, store::ArticleStatus::kInReview,
                            store::ArticleStatus::kPublished, store::ArticleStatus::kArchived}) {
    if (text == StatusText(status)) return status;
  }
  return std::nullopt;
}

std::string_view VisibilityText(store::Visibility visibility) {
  switch (visibility) {
    case store::Visibility::kInternal:
      return "internal";
    case store::Visibility::kPublic:
      return "public";
    case store::Visibility::kRestricted:
      return "restricted";
  }
  return "internal";
}

std::optional<store::Visibility> ParseVisibilityText(std::string_view text) {
  for (const auto visibility :
       {store::Visibility::kInternal, store::Visibility::kPublic, store::Visibility::kRestricted}) {
    if (text == VisibilityText(visibility)) return visibility;
  }
  return std::nullopt;
}

std::string FolderDisplayName(std::string_view folder) {
  std::string out;
  for (const char c : folder) {
    const char mapped = (c == '-' || c == '_') ? ' ' : c;
    if (mapped == ' ' && (out.empty() || out.back() == ' ')) continue;
    out += mapped;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  if (!out.empty() && IsLower(out.front()))
    out.front() = static_cast<char>(out.front() - 'a' + 'A');
  return out;
}

}  // namespace rapport::kb

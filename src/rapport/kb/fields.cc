#include "rapport/kb/fields.h"

#include <algorithm>
#include <utility>

namespace rapport::kb {
namespace {

std::string_view TrimView(std::string_view text) {
  constexpr std::string_view kSpace = " \t\r\n\f\v";
  const auto begin = text.find_first_not_of(kSpace);
  if (begin == std::string_view::npos) return {};
  const auto end = text.find_last_not_of(kSpace);
  return text.substr(begin, end - begin + 1);
}

core::Result<std::string> CheckLine(std::string_view value, std::string_view field,
                                    std::size_t max_bytes, bool required) {
  const std::string_view text = TrimView(value);
  if (required && text.empty()) {
    return core::Unprocessable(std::string(field) + " must not be empty", std::string(field));
  }
  if (text.size() > max_bytes) {
    return core::Unprocessable(
        std::string(field) + " is longer than " + std::to_string(max_bytes) + " bytes",
        std::string(field));
  }
  if (HasControlCharacter(text, "")) {
    return core::Unprocessable(std::string(field) + " must not contain control characters",
                               std::string(field));
  }
  return std::string(text);
}

bool IsAlnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

}  // namespace

bool HasControlCharacter(std::string_view text, std::string_view allowed) {
  return std::any_of(text.begin(), text.end(), [&](char c) {
    const auto u = static_cast<unsigned char>(c);
    return (u < 0x20 || u == 0x7f) && allowed.find(c) == std::string_view::npos;
  });
}

core::Result<std::string> CheckTitle(std::string_view title) {
  return CheckLine(title, "title", kMaxTitleBytes, true);
}

core::Result<std::string> CheckSummary(std::string_view summary) {
  const std::string_view text = TrimView(summary);
  if (text.size() > kMaxSummaryBytes) {
    return core::Unprocessable(
        "summary is longer than " + std::to_string(kMaxSummaryBytes) + " bytes", "summary");
  }
  if (HasControlCharacter(text, "\n\r\t")) {
    return core::Unprocessable("summary must not contain control characters", "summary");
  }
  return std::string(text);
}

core::Status CheckBody(std::string_view body) {
  if (body.size() > kMaxBodyBytes) {
    return core::MakeError(core::ErrorCode::kTooLarge,
                           "body is larger than " + std::to_string(kMaxBodyBytes) + " bytes",
                           "body");
  }
  if (HasControlCharacter(body, "\n\r\t")) {
    return core::Unprocessable(
        "body must not contain control characters other than tabs and "
        "line breaks",
        "body");
  }
  return core::Ok();
}

std::string NormaliseTag(std::string_view tag) {
  std::string out(TrimView(tag));
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

core::Result<std::vector<std::string>> NormaliseTags(const std::vector<std::string>& tags) {
  if (tags.size() > kMaxTags) {
    return core::Unprocessable("at most " + std::to_string(kMaxTags) + " tags", "tags");
  }
  std::vector<std::string> out;
  for (const std::string& tag : tags) {
    RAPPORT_ASSIGN_OR_RETURN(const std::string checked, CheckLine(tag, "tags", kMaxTagBytes, true));
    std::string clean = NormaliseTag(checked);
    if (clean.find(',') != std::string::npos) {
      return core::Unprocessable("a tag must not contain a comma", "tags");
    }
    if (std::find(out.begin(), out.end(), clean) == out.end()) out.push_back(std::move(clean));
  }
  return out;
}

core::Result<std::string> NormaliseLanguage(std::string_view language) {
  std::string out(TrimView(language));
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c == '_') c = '-';
  }
  const auto bad = [] {
    return core::Unprocessable("language must be a language tag like \"en\" or \"pt-br\"",
                               "language");
  };
  const auto dash = out.find('-');
  const std::string_view primary = std::string_view(out).substr(0, dash);
  if (primary.size() < 2 || primary.size() > 3 ||
      !std::all_of(primary.begin(), primary.end(), [](char c) { return c >= 'a' && c <= 'z'; })) {
    return bad();
  }
  if (dash != std::string::npos) {
    const std::string_view region = std::string_view(out).substr(dash + 1);
    if (region.size() < 2 || region.size() > 8 ||
        !std::all_of(region.begin(), region.end(), IsAlnum)) {
      return bad();
    }
  }
  return out;
}

std::vector<std::string> ParseAcceptLanguage(std::string_view header) {
  struct Weighted {
    std::string tag;
    double q;
    std::size_t order;
  };
  std::vector<Weighted> items;
  std::size_t order = 0;
  while (!header.empty() && items.size() < 20) {
    const auto comma = header.find(',');
    std::string_view part = header.substr(0, comma);
    header = comma == std::string_view::npos ? std::string_view() : header.substr(comma + 1);
    double q = 1.0;
    if (const auto semi = part.find(';'); semi != std::string_view::npos) {
      std::string_view param = TrimView(part.substr(semi + 1));
      part = part.substr(0, semi);
      if (param.starts_with("q=")) {
        param.remove_prefix(2);
        if (param == "0" || param.starts_with("0.0") || param == "0.") {
          q = 0;
        } else if (param.starts_with("0.") && param.size() >= 3 && param[2] >= '0' &&
                   param[2] <= '9') {
          q = (param[2] - '0') / 10.0 + 0.001;
        }
      }
    }
    auto tag = NormaliseLanguage(part);
    if (!tag || q <= 0) continue;
    items.push_back({*tag, q, order++});
  }
  std::sort(items.begin(), items.end(), [](const Weighted& a, const Weighted& b) {
    return a.q != b.q ? a.q > b.q : a.order < b.order;
  });
  std::vector<std::string> out;
  const auto add = [&](const std::string& tag) {
    if (out.size() < 10 && std::find(out.begin(), out.end(), tag) == out.end()) {
      out.push_back(tag);
    }
  };
  for (const Weighted& item : items) {
    add(item.tag);
    if (const auto dash = item.tag.find('-'); dash != std::string::npos) {
      add(item.tag.substr(0, dash));
    }
  }
  return out;
}

core::Status CheckInterval(int days) {
  if (days < kMinVerifyIntervalDays || days > kMaxVerifyIntervalDays) {
    return core::Unprocessable("verify_interval_days must be between " +
                                   std::to_string(kMinVerifyIntervalDays) + " and " +
                                   std::to_string(kMaxVerifyIntervalDays),
                               "verify_interval_days");
  }
  return core::Ok();
}

}  // namespace rapport::kb

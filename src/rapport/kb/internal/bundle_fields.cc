#include "rapport/kb/internal/bundle_fields.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <set>

#include "rapport/auth/policy.h"
#include "rapport/core/id.h"
#include "rapport/kb/internal/bundle_text.h"
#include "rapport/kb/slug.h"

namespace rapport::kb {
namespace {

constexpr std::size_t kMaxTranslationGroupBytes = 100;
constexpr std::size_t kMaxEmailBytes = 254;

// Reads the values of one file, recording errors against the key's line.
class FieldReader {
 public:
  FieldReader(const FrontMatter& fm, const KeyLines& lines, std::vector<FieldError>& errors)
      : fm_(fm), lines_(lines), errors_(errors) {}

  void Error(std::string_view key, std::string message) {
    errors_.push_back({lines_.Of(key), std::move(message)});
  }

  // Flags keys outside `known`.
  void RejectUnknown(std::initializer_list<std::string_view> known) {
    for (const auto& [key, value] : fm_.fields) {
      if (std::ranges::find(known, key) == known.end()) {
        Error(key, fmt::format("unknown key \"{}\"", key));
      }
    }
  }

  // A scalar: trimmed, UTF-8, no control characters.
  std::optional<std::string> Text(std::string_view key) {
    const FrontMatterValue* value = fm_.Find(key);
    if (value == nullptr) return std::nullopt;
    const auto* text = std::get_if<std::string>(value);
    if (text == nullptr) {
      Error(key, fmt::format("{} must be text, not a list", key));
      return std::nullopt;
    }
    const std::string_view trimmed = TrimAscii(*text);
    if (!IsValidUtf8(trimmed) || HasControlCharacter(trimmed)) {
      Error(key, fmt::format("{} is not valid UTF-8 text", key));
      return std::nullopt;
    }
    return std::string(trimmed);
  }

  // A list, or a comma-separated scalar; items trimmed, empty ones dropped.
  std::optional<std::vector<std::string>> List(std::string_view key, char separator = ',') {
    const FrontMatterValue* value = fm_.Find(key);
    if (value == nullptr) return std::nullopt;
    std::vector<std::string> items;
    if (const auto* list = std::get_if<std::vector<std::string>>(value)) {
      for (const std::string& item : *list) items.emplace_back(TrimAscii(item));
    } else {
      const std::string& text = std::get<std::string>(*value);
      std::size_t start = 0;
      while (start <= text.size()) {
        std::size_t end = text.find(separator, start);
        if (end == std::string::npos) end = text.size();
        items.emplace_back(TrimAscii(std::string_view(text).substr(start, end - start)));
        start = end + 1;
      }
    }
    std::erase_if(items, [](const std::string& s) { return s.empty(); });
    for (const std::string& item : items) {
      if (!IsValidUtf8(item) || HasControlCharacter(item)) {
        Error(key, fmt::format("{} holds text that is not valid UTF-8", key));
        return std::nullopt;
      }
    }
    return items;
  }

  std::optional<std::string> Id(std::string_view key) {
    auto text = Text(key);
    if (text && !core::IsWellFormedId(*text)) {
      Error(key,
            fmt::format("{} \"{}\" is not an id (26 characters of lower-case base32)", key, *text));
      return std::nullopt;
    }
    return text;
  }

  std::optional<int> Integer(std::string_view key, int min, int max) {
    auto text = Text(key);
    if (!text) return std::nullopt;
    int value = 0;
    const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
    if (ec != std::errc() || end != text->data() + text->size() || value < min || value > max) {
      Error(key, fmt::format("{} must be a whole number from {} to {}", key, min, max));
      return std::nullopt;
    }
    return value;
  }

  std::optional<std::string> Email(std::string_view key) {
    auto text = Text(key);
    if (!text) return std::nullopt;
    if (!text->empty() && (text->find('@') == std::string::npos || text->size() > kMaxEmailBytes)) {
      Error(key, fmt::format("{} must be the e-mail of a user", key));
      return std::nullopt;
    }
    return ToLowerAscii(*text);
  }

  std::optional<std::string> Title(std::string_view key) {
    auto text = Text(key);
    if (!text) return std::nullopt;
    if (auto problem = CheckBundleTitle(*text)) {
      Error(key, *problem);
      return std::nullopt;
    }
    return text;
  }

  std::optional<std::string> Summary(std::string_view key) {
    const FrontMatterValue* value = fm_.Find(key);
    if (value == nullptr) return std::nullopt;
    auto text = Text(key);
    if (text && text->size() > kMaxSummaryBytes) {
      Error(key, fmt::format("summary is longer than {} bytes", kMaxSummaryBytes));
      return std::nullopt;
    }
    return text;
  }

  std::optional<std::vector<std::string>> Tags(std::string_view key) {
    auto items = List(key);
    if (!items) return std::nullopt;
    std::vector<std::string> tags = NormaliseBundleTags(*items);
    if (tags.size() > kMaxTags) {
      Error(key, fmt::format("more than {} tags", kMaxTags));
      return std::nullopt;
    }
    for (const std::string& tag : tags) {
      if (tag.size() > kMaxTagBytes) {
        Error(key, fmt::format("tag \"{}\" is longer than {} bytes", tag, kMaxTagBytes));
        return std::nullopt;
      }
    }
    return tags;
  }

  std::optional<std::vector<std::string>> Category(std::string_view key) {
    auto names = List(key, '/');
    if (!names) return std::nullopt;
    if (names->size() > 2) {
      Error(key, "a category path has at most two levels: \"Category / Section\"");
      return std::nullopt;
    }
    for (const std::string& name : *names) {
      if (name.size() > kBundleMaxNameBytes) {
        Error(key, fmt::format("category name longer than {} bytes", kBundleMaxNameBytes));
        return std::nullopt;
      }
    }
    return names;
  }

  std::optional<std::vector<std::string>> Roles(std::string_view key) {
    auto items = List(key);
    if (!items) return std::nullopt;
    std::set<std::string> roles;
    for (const std::string& item : *items) {
      const std::string name = ToLowerAscii(item);
      if (!auth::ParseRole(name)) {
        Error(key, fmt::format("unknown role \"{}\"", item));
        return std::nullopt;
      }
      roles.insert(name);
    }
    return std::vector<std::string>(roles.begin(), roles.end());
  }

 private:
  const FrontMatter& fm_;
  const KeyLines& lines_;
  std::vector<FieldError>& errors_;
};

void Put(FrontMatter& fm, std::string key, std::string value) {
  fm.fields.emplace_back(std::move(key), std::move(value));
}
void Put(FrontMatter& fm, std::string key, std::vector<std::string> value) {
  fm.fields.emplace_back(std::move(key), std::move(value));
}

}  // namespace

KeyLines::KeyLines(std::string_view text, int body_line) {
  int line = 1;
  std::size_t pos = 0;
  while (pos < text.size() && line < body_line) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view l = text.substr(pos, end - pos);
    std::size_t k = 0;
    while (k < l.size() &&
           (std::isalnum(static_cast<unsigned char>(l[k])) != 0 || l[k] == '_' || l[k] == '-')) {
      ++k;
    }
    std::size_t colon = k;
    while (colon < l.size() && l[colon] == ' ') ++colon;
    if (k > 0 && colon < l.size() && l[colon] == ':') lines_.emplace_back(l.substr(0, k), line);
    pos = end + 1;
    ++line;
  }
}

int KeyLines::Of(std::string_view key) const {
  for (const auto& [name, line] : lines_) {
    if (name == key) return line;
  }
  return 0;
}

std::vector<std::string> NormaliseBundleTags(const std::vector<std::string>& tags) {
  std::vector<std::string> out;
  for (const std::string& tag : tags) {
    std::string t = NormaliseTag(tag);
    if (t.empty() || std::ranges::find(out, t) != out.end()) continue;
    out.push_back(std::move(t));
  }
  return out;
}

std::optional<std::string> CheckBundleTitle(std::string_view title) {
  if (TrimAscii(title).empty()) return "the title is empty";
  if (title.size() > kMaxTitleBytes) {
    return fmt::format("the title is longer than {} bytes", kMaxTitleBytes);
  }
  if (!IsValidUtf8(title) || HasControlCharacter(title)) return "the title is not valid UTF-8 text";
  return std::nullopt;
}

ArticleFields ReadArticleFields(const FrontMatter& fm, const KeyLines& lines,
                                std::vector<FieldError>& errors) {
  FieldReader r(fm, lines, errors);
  r.RejectUnknown({"id", "title", "summary", "tags", "category", "visibility", "roles", "language",
                   "translation_group", "slug", "status", "live", "owner", "verifier",
                   "verify_interval_days", "verified_at", "attachments"});
  ArticleFields f;
  f.id = r.Id("id");
  f.title = r.Title("title");
  f.summary = r.Summary("summary");
  f.tags = r.Tags("tags");
  f.category = r.Category("category");
  if (auto text = r.Text("visibility")) {
    f.visibility = ParseVisibilityText(ToLowerAscii(*text));
    if (!f.visibility) r.Error("visibility", "visibility must be internal, public or restricted");
  }
  f.roles = r.Roles("roles");
  if (auto text = r.Text("language")) {
    f.language = NormaliseLanguageTag(*text);
    if (!f.language) {
      r.Error("language", fmt::format("\"{}\" is not a language tag like en or pt-br", *text));
    }
  }
  if (auto text = r.Text("translation_group")) {
    if (text->empty() || text->size() > kMaxTranslationGroupBytes) {
      r.Error("translation_group",
              fmt::format("translation_group must be 1 to {} bytes", kMaxTranslationGroupBytes));
    } else {
      f.translation_group = std::move(text);
    }
  }
  if (auto text = r.Text("slug")) {
    if (!IsValidSlug(*text)) {
      r.Error("slug",
              fmt::format("\"{}\" is not a slug (lower-case letters, digits and -)", *text));
    } else {
      f.slug = std::move(text);
    }
  }
  if (auto text = r.Text("status")) {
    f.status = ParseStatusText(ToLowerAscii(*text));
    if (!f.status) r.Error("status", "status must be draft, in_review, published or archived");
  }
  if (auto text = r.Text("live")) {
    const std::string live = ToLowerAscii(*text);
    if (live == "head") {
      f.live = LiveMode::kHead;
    } else if (live == "none") {
      f.live = LiveMode::kNone;
    } else {
      r.Error("live", "live must be head or none");
    }
  }
  f.owner = r.Email("owner");
  f.verifier = r.Email("verifier");
  f.verify_interval_days =
      r.Integer("verify_interval_days", kMinVerifyIntervalDays, kMaxVerifyIntervalDays);
  if (auto text = r.Text("verified_at")) {
    if (text->empty()) {
      f.verified_at = core::TimePoint{};
    } else {
      f.verified_at = ParseIsoTime(*text);
      if (!f.verified_at) {
        r.Error("verified_at", "verified_at must be an ISO 8601 time like 2026-11-22T10:00:00Z");
      }
    }
  }
  if (auto ids = r.List("attachments")) {
    for (const std::string& id : *ids) {
      if (!core::IsWellFormedId(id)) {
        r.Error("attachments", fmt::format("\"{}\" is not an attachment id", id));
        ids.reset();
        break;
      }
    }
    f.attachments = std::move(ids);
  }
  return f;
}

LiveFields ReadLiveFields(const FrontMatter& fm, const KeyLines& lines,
                          std::vector<FieldError>& errors) {
  FieldReader r(fm, lines, errors);
  r.RejectUnknown({"revision_of", "title", "summary", "tags"});
  LiveFields f;
  if (auto id = r.Id("revision_of")) {
    f.revision_of = std::move(*id);
  } else if (fm.Find("revision_of") == nullptr) {
    errors.push_back({1, "revision_of (the id of the article) is required"});
  }
  f.title = r.Title("title");
  f.summary = r.Summary("summary");
  f.tags = r.Tags("tags");
  return f;
}

CategoryFields ReadCategoryFields(const FrontMatter& fm, const KeyLines& lines,
                                  std::vector<FieldError>& errors) {
  FieldReader r(fm, lines, errors);
  r.RejectUnknown({"id", "name", "slug", "position"});
  CategoryFields f;
  f.id = r.Id("id");
  if (auto name = r.Text("name")) {
    if (name->empty() || name->size() > kBundleMaxNameBytes) {
      r.Error("name", fmt::format("name must be 1 to {} bytes", kBundleMaxNameBytes));
    } else {
      f.name = std::move(name);
    }
  }
  if (auto slug = r.Text("slug")) {
    if (!IsValidSlug(*slug)) {
      r.Error("slug",
              fmt::format("\"{}\" is not a slug (lower-case letters, digits and -)", *slug));
    } else {
      f.slug = std::move(slug);
    }
  }
  f.position = r.Integer("position", -1'000'000, 1'000'000);
  return f;
}

FrontMatter ArticleFrontMatter(const ArticleExport& e) {
  const store::Article& a = *e.article;
  FrontMatter fm;
  Put(fm, "id", a.id.str());
  Put(fm, "translation_group", a.translation_group);
  Put(fm, "language", a.language);
  Put(fm, "slug", a.slug);
  Put(fm, "title", a.head.title);
  Put(fm, "summary", a.head.summary);
  Put(fm, "tags", a.head.tags);
  Put(fm, "category", e.category);
  Put(fm, "visibility", std::string(VisibilityText(a.visibility)));
  Put(fm, "roles", a.roles);
  Put(fm, "status", std::string(StatusText(a.status)));
  // The live revision is implied by the status unless it has its own file or says otherwise.
  if (!e.separate_live) {
    const bool live = a.published_revision > 0;
    const bool implied = a.status == store::ArticleStatus::kPublished;
    if (live != implied) Put(fm, "live", live ? "head" : "none");
  }
  Put(fm, "owner", e.owner_email);
  Put(fm, "verifier", e.verifier_email);
  Put(fm, "verify_interval_days", std::to_string(a.verify_interval_days));
  Put(fm, "verified_at",
      a.verified_at == core::TimePoint{} ? std::string() : core::FormatIso8601(a.verified_at));
  Put(fm, "attachments", e.attachment_ids);
  return fm;
}

FrontMatter LiveFrontMatter(const store::Article& article, const store::ArticleContent& live) {
  FrontMatter fm;
  Put(fm, "revision_of", article.id.str());
  Put(fm, "title", live.title);
  Put(fm, "summary", live.summary);
  Put(fm, "tags", live.tags);
  return fm;
}

FrontMatter CategoryFrontMatter(const store::Category& category) {
  FrontMatter fm;
  Put(fm, "id", category.id.str());
  Put(fm, "name", category.name);
  Put(fm, "slug", category.slug);
  Put(fm, "position", std::to_string(category.position));
  return fm;
}

}  // namespace rapport::kb

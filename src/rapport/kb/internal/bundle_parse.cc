#include "rapport/kb/internal/bundle_parse.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "rapport/core/id.h"
#include "rapport/kb/fields.h"
#include "rapport/kb/front_matter.h"
#include "rapport/kb/html_to_markdown.h"
#include "rapport/kb/internal/bundle_text.h"
#include "rapport/kb/slug.h"

namespace rapport::kb {
namespace {

constexpr std::string_view kLiveSuffix = ".published.md";
constexpr std::string_view kCategoryFile = "_category.md";
constexpr std::string_view kSectionFile = "_section.md";
constexpr std::string_view kAttachmentsFolder = "attachments";

enum class Kind { kMarkdown, kHtml, kLive, kCategory, kSection, kLayoutAttachment, kOther };

bool IsArticleKind(Kind kind) { return kind == Kind::kMarkdown || kind == Kind::kHtml; }

Kind Classify(std::string_view path) {
  const std::vector<std::string_view> parts = SplitPath(path);
  if (parts.size() == 3 && parts[0] == kAttachmentsFolder && core::IsWellFormedId(parts[1])) {
    return Kind::kLayoutAttachment;
  }
  const std::string_view base = parts.back();
  if (base == kCategoryFile) return Kind::kCategory;
  if (base == kSectionFile) return Kind::kSection;
  if (base.size() > kLiveSuffix.size() && ToLowerAscii(base).ends_with(kLiveSuffix)) {
    return Kind::kLive;
  }
  const std::string ext = Extension(path);
  if (ext == "md" || ext == "markdown") return Kind::kMarkdown;
  if (ext == "html" || ext == "htm") return Kind::kHtml;
  return Kind::kOther;
}

// The file name without its extension: "a/b/Getting-Started.md" -> "Getting-Started".
std::string_view Stem(std::string_view path) {
  const std::string_view base = BaseName(path);
  const std::size_t dot = base.rfind('.');
  return dot == std::string_view::npos || dot == 0 ? base : base.substr(0, dot);
}

// A leading "# Title" line of a Markdown body: the title, and the body without it (and
// without the blank lines after it). nullopt when the body does not start with one.
std::optional<std::pair<std::string, std::string>> LeadingHeading(std::string_view body) {
  std::size_t pos = 0;
  while (pos < body.size()) {
    const std::size_t end = body.find('\n', pos);
    const std::string_view line =
        body.substr(pos, (end == std::string_view::npos ? body.size() : end) - pos);
    if (!TrimAscii(line).empty()) break;
    pos = end == std::string_view::npos ? body.size() : end + 1;
  }
  std::size_t end = body.find('\n', pos);
  if (end == std::string_view::npos) end = body.size();
  std::string_view line = body.substr(pos, end - pos);
  if (!line.starts_with("# ")) return std::nullopt;
  line = TrimAscii(line.substr(2));
  // An optional closing sequence: "# Title #".
  while (line.ends_with('#')) line.remove_suffix(1);
  std::string title(TrimAscii(line));
  if (title.empty()) return std::nullopt;
  std::size_t rest = end == body.size() ? end : end + 1;
  while (rest < body.size()) {
    const std::size_t next = body.find('\n', rest);
    const std::size_t stop = next == std::string_view::npos ? body.size() : next;
    if (!TrimAscii(body.substr(rest, stop - rest)).empty()) break;
    rest = next == std::string_view::npos ? body.size() : next + 1;
  }
  return std::make_pair(std::move(title), std::string(body.substr(rest)));
}

class BundleParser {
 public:
  BundleParser(const std::vector<BundleFile>& files, const ImportOptions& options)
      : files_(files), options_(options), parsed_(files) {}

  ParsedBundle Run() {
    Index();
    ReadHeaders();
    for (const std::size_t i : order_) {
      const BundleFile& file = files_[i];
      switch (kinds_.at(file.path)) {
        case Kind::kMarkdown:
          ParseMarkdownArticle(file);
          break;
        case Kind::kHtml:
          ParseHtmlArticle(file);
          break;
        case Kind::kLive:
          ParseLive(file);
          break;
        case Kind::kCategory:
        case Kind::kSection:
          ParseCategory(file);
          break;
        case Kind::kLayoutAttachment:
          if (!attachment_by_path_.contains(file.path)) AddAttachment(file.path, std::nullopt);
          break;
        case Kind::kOther:
          break;  // an attachment only when an article links to it
      }
    }
    std::ranges::sort(parsed_.attachments, {}, &SourceAttachment::path);
    // Categories before sections, each in path order.
    std::ranges::sort(parsed_.categories, [](const SourceCategory& a, const SourceCategory& b) {
      return std::tie(a.section, a.path) < std::tie(b.section, b.path);
    });
    return std::move(parsed_);
  }

 private:
  void Error(std::string_view path, int line, std::string message) {
    parsed_.errors.push_back({std::string(path), line, std::move(message)});
  }
  void Warning(std::string_view path, int line, std::string message) {
    parsed_.warnings.push_back({std::string(path), line, std::move(message)});
  }

  void Index() {
    order_.resize(files_.size());
    for (std::size_t i = 0; i < files_.size(); ++i) order_[i] = i;
    std::ranges::sort(order_, {},
                      [&](std::size_t i) -> const std::string& { return files_[i].path; });
    std::vector<std::size_t> valid;
    for (const std::size_t i : order_) {
      const BundleFile& file = files_[i];
      if (auto status = CheckBundlePath(file.path); !status) {
        Error(file.path, 0, status.error().message());
        continue;
      }
      if (by_path_.contains(file.path)) {
        Error(file.path, 0, "the bundle has this path twice");
        continue;
      }
      by_path_.emplace(file.path, i);
      kinds_.emplace(file.path, Classify(file.path));
      valid.push_back(i);
    }
    order_ = std::move(valid);
  }

  // Pass 1: the front matter of Markdown articles, for the ids that `article:<id>` links name.
  void ReadHeaders() {
    for (const std::size_t i : order_) {
      const BundleFile& file = files_[i];
      if (kinds_.at(file.path) != Kind::kMarkdown) continue;
      if (!IsValidUtf8(file.bytes)) {
        Error(file.path, 0, "not UTF-8 text");
        continue;
      }
      auto md = ParseMarkdownFile(file.bytes);
      if (!md) {
        Error(file.path, md.error().line, md.error().message);
        continue;
      }
      if (const FrontMatterValue* id = md->front_matter.Find("id")) {
        if (const auto* text = std::get_if<std::string>(id)) {
          const std::string key(TrimAscii(*text));
          if (!article_by_id_.emplace(key, file.path).second) {
            Error(file.path, KeyLines(file.bytes, md->body_line).Of("id"),
                  fmt::format("id {} is also the id of {}", key, article_by_id_.at(key)));
          }
        }
      }
      markdown_.emplace(file.path, std::move(*md));
    }
    for (const std::size_t i : order_) {
      const std::string& path = files_[i].path;
      if (kinds_.at(path) != Kind::kLayoutAttachment) continue;
      attachment_by_id_.emplace(std::string(SplitPath(path)[1]), path);
    }
  }

  std::size_t Target(bool attachment, const std::string& path) {
    const auto [it, added] =
        target_index_.emplace(std::make_pair(attachment, path), parsed_.targets.size());
    if (added) parsed_.targets.push_back({attachment, path});
    return it->second;
  }

  std::string ArticleLink(const std::string& path, std::string_view fragment) {
    std::string out = "article:" + parsed_.placeholders.Make(Target(false, path));
    if (!fragment.empty()) out += fmt::format("#{}", fragment);
    return out;
  }

  // Registers `path` as an attachment when its bytes are acceptable; nullopt (and a warning,
  // once) when they are not.
  std::optional<std::size_t> AddAttachment(const std::string& path,
                                           const std::optional<std::string>& referrer) {
    if (const auto it = attachment_by_path_.find(path); it != attachment_by_path_.end()) {
      SourceAttachment& a = parsed_.attachments[it->second];
      if (!a.first_referrer && referrer) a.first_referrer = referrer;
      return it->second;
    }
    if (refused_.contains(path)) return std::nullopt;
    const std::string_view bytes = files_[by_path_.at(path)].bytes;
    auto type = CheckUpload(bytes);
    if (!type) {
      refused_.insert(path);
      Warning(path, 0, fmt::format("not imported as an attachment: {}", type.error().message()));
      return std::nullopt;
    }
    SourceAttachment a;
    a.path = path;
    a.bytes = bytes;
    a.filename = CleanFilename(BaseName(path), *type);
    a.type = std::move(*type);
    if (kinds_.at(path) == Kind::kLayoutAttachment) {
      a.layout_id = std::string(SplitPath(path)[1]);
    }
    a.first_referrer = referrer;
    attachment_by_path_.emplace(path, parsed_.attachments.size());
    parsed_.attachments.push_back(std::move(a));
    return attachment_by_path_.at(path);
  }

  std::optional<std::string> AttachmentLink(const std::string& path, const std::string& referrer,
                                            bool image) {
    const auto index = AddAttachment(path, referrer);
    if (!index) return std::nullopt;
    if (image && !parsed_.attachments[*index].type.inline_safe) return std::nullopt;
    return "attachment:" + parsed_.placeholders.Make(Target(true, path));
  }

  // `article:<id>` and `attachment:<id>` naming files of this bundle.
  std::optional<std::string> IdLink(const std::string& from, std::string_view scheme,
                                    std::string_view href) {
    std::string_view rest = href.substr(scheme.size() + 1);
    std::string_view fragment;
    if (const std::size_t hash = rest.find('#'); hash != std::string_view::npos) {
      fragment = rest.substr(hash + 1);
      rest = rest.substr(0, hash);
    }
    if (scheme == "article") {
      const auto it = article_by_id_.find(std::string(rest));
      if (it == article_by_id_.end()) return std::nullopt;
      return ArticleLink(it->second, fragment);
    }
    const auto it = attachment_by_id_.find(std::string(rest));
    if (it == attachment_by_id_.end() || !AddAttachment(it->second, from)) {
      return std::nullopt;
    }
    return "attachment:" + parsed_.placeholders.Make(Target(true, it->second));
  }

  // The destination for a link (or image) of `from`, or nullopt to leave it; `warn` reports
  // relative links that name no usable file (Markdown; HTML drops them silently).
  std::optional<std::string> Destination(const std::string& from, std::string_view href, bool image,
                                         bool warn, int line) {
    std::string scheme;
    if (HasUrlScheme(href, &scheme)) {
      if (scheme == "article" || scheme == "attachment") return IdLink(from, scheme, href);
      return std::nullopt;
    }
    const auto link = ResolveBundleLink(from, href);
    if (!link) return std::nullopt;
    const auto it = kinds_.find(link->path);
    if (it == kinds_.end()) {
      if (warn) Warning(from, line, fmt::format("links to {}, which is not in the bundle", href));
      return std::nullopt;
    }
    if (IsArticleKind(it->second) && !image) return ArticleLink(link->path, link->fragment);
    if (it->second == Kind::kOther || it->second == Kind::kLayoutAttachment) {
      auto out = AttachmentLink(link->path, from, image);
      if (!out && warn) {
        Warning(from, line, fmt::format("links to {}, which cannot be an attachment", href));
      }
      return out;
    }
    if (warn) Warning(from, line, fmt::format("cannot link to {} from an article", href));
    return std::nullopt;
  }

  std::vector<std::string> Folders(std::string_view path) {
    std::vector<std::string> out;
    for (const std::string_view part : SplitPath(DirName(path))) {
      if (out.size() == 2) break;
      out.emplace_back(part);
    }
    return out;
  }

  void CheckBody(SourceArticle& a) {
    if (a.body.size() > kMaxBodyBytes) {
      Error(a.path, 0, fmt::format("the text is longer than {} bytes", kMaxBodyBytes));
    }
  }

  void ParseMarkdownArticle(const BundleFile& file) {
    const auto md = markdown_.find(file.path);
    if (md == markdown_.end()) return;  // reported in pass 1
    SourceArticle a;
    a.path = file.path;
    a.key_lines = KeyLines(file.bytes, md->second.body_line);
    std::vector<FieldError> errors;
    a.fields = ReadArticleFields(md->second.front_matter, a.key_lines, errors);
    for (FieldError& e : errors) Error(file.path, e.line, std::move(e.message));
    std::string body = std::move(md->second.body);
    if (!a.fields.title && md->second.front_matter.Find("title") == nullptr) {
      if (auto heading = LeadingHeading(body)) {
        if (auto problem = CheckBundleTitle(heading->first)) {
          Error(file.path, md->second.body_line, *problem);
        }
        a.fields.title = std::move(heading->first);
        body = std::move(heading->second);
      } else {
        Error(file.path, 0, "no title: add a title key or start the text with a \"# \" heading");
      }
    }
    const int body_line = md->second.body_line;
    a.body = RewriteMarkdownDestinations(body, [&](std::string_view dest, bool image) {
      return Destination(file.path, dest, image, /*warn=*/true, body_line);
    });
    a.derived_slug = Slugify(Stem(file.path));
    a.folders = Folders(file.path);
    CheckBody(a);
    parsed_.articles.push_back(std::move(a));
  }

  void ParseHtmlArticle(const BundleFile& file) {
    HtmlConversionOptions conversion;
    conversion.link = [&](std::string_view href) -> std::optional<std::string> {
      std::string scheme;
      if (HasUrlScheme(href, &scheme) &&
          (scheme == "http" || scheme == "https" || scheme == "mailto")) {
        return std::string(href);
      }
      return Destination(file.path, href, /*image=*/false, /*warn=*/false, 0);
    };
    conversion.image = [&](std::string_view src) {
      return Destination(file.path, src, /*image=*/true, /*warn=*/false, 0);
    };
    auto doc = ConvertHtml(file.bytes, conversion);
    if (!doc) {
      Error(file.path, 0, doc.error().message());
      return;
    }
    SourceArticle a;
    a.path = file.path;
    a.html = true;
    const std::string title(TrimAscii(doc->title));
    if (auto problem = CheckBundleTitle(title)) {
      Error(file.path, 0, title.empty() ? "the page has no <title> or heading" : *problem);
    }
    a.fields.title = title;
    if (!doc->language.empty()) {
      a.fields.language = NormaliseLanguageTag(doc->language);
      if (!a.fields.language) {
        Warning(file.path, 0,
                fmt::format("lang=\"{}\" is not a language tag; using {}", doc->language,
                            options_.language));
      }
    }
    std::vector<std::string> tags;
    for (std::string& tag : NormaliseBundleTags(doc->keywords)) {
      if (tags.size() == kMaxTags) break;
      if (tag.size() <= kMaxTagBytes && IsValidUtf8(tag)) tags.push_back(std::move(tag));
    }
    a.fields.tags = std::move(tags);
    a.body = std::move(doc->markdown);
    a.derived_slug = Slugify(title);
    if (a.derived_slug.empty()) a.derived_slug = Slugify(Stem(file.path));
    a.folders = Folders(file.path);
    CheckBody(a);
    parsed_.articles.push_back(std::move(a));
  }

  void ParseLive(const BundleFile& file) {
    if (!IsValidUtf8(file.bytes)) {
      Error(file.path, 0, "not UTF-8 text");
      return;
    }
    auto md = ParseMarkdownFile(file.bytes);
    if (!md) {
      Error(file.path, md.error().line, md.error().message);
      return;
    }
    SourceLive live;
    live.path = file.path;
    live.key_lines = KeyLines(file.bytes, md->body_line);
    std::vector<FieldError> errors;
    live.fields = ReadLiveFields(md->front_matter, live.key_lines, errors);
    for (FieldError& e : errors) Error(file.path, e.line, std::move(e.message));
    live.body = RewriteMarkdownDestinations(md->body, [&](std::string_view dest, bool image) {
      return Destination(file.path, dest, image, /*warn=*/true, md->body_line);
    });
    parsed_.lives.push_back(std::move(live));
  }

  void ParseCategory(const BundleFile& file) {
    const bool section = kinds_.at(file.path) == Kind::kSection;
    const std::vector<std::string_view> parts = SplitPath(file.path);
    if (parts.size() != (section ? 3U : 2U)) {
      Error(file.path, 0,
            section ? "_section.md belongs in a section folder: <category>/<section>/_section.md"
                    : "_category.md belongs in a category folder: <category>/_category.md");
      return;
    }
    if (!IsValidUtf8(file.bytes)) {
      Error(file.path, 0, "not UTF-8 text");
      return;
    }
    auto md = ParseMarkdownFile(file.bytes);
    if (!md) {
      Error(file.path, md.error().line, md.error().message);
      return;
    }
    SourceCategory c;
    c.path = file.path;
    c.folder = std::string(DirName(file.path));
    c.section = section;
    std::vector<FieldError> errors;
    c.fields = ReadCategoryFields(md->front_matter, KeyLines(file.bytes, md->body_line), errors);
    for (FieldError& e : errors) Error(file.path, e.line, std::move(e.message));
    c.description = std::move(md->body);
    parsed_.categories.push_back(std::move(c));
  }

  const std::vector<BundleFile>& files_;
  const ImportOptions& options_;
  ParsedBundle parsed_;
  std::vector<std::size_t> order_;  // valid files by path
  std::map<std::string, std::size_t, std::less<>> by_path_;
  std::map<std::string, Kind, std::less<>> kinds_;
  std::map<std::string, MarkdownFile, std::less<>> markdown_;
  std::map<std::string, std::string, std::less<>> article_by_id_;     // front-matter id -> path
  std::map<std::string, std::string, std::less<>> attachment_by_id_;  // layout id -> path
  std::map<std::string, std::size_t, std::less<>> attachment_by_path_;
  std::set<std::string, std::less<>> refused_;
  std::map<std::pair<bool, std::string>, std::size_t> target_index_;
};

}  // namespace

ParsedBundle ParseBundle(const std::vector<BundleFile>& files, const ImportOptions& options) {
  return BundleParser(files, options).Run();
}

}  // namespace rapport::kb

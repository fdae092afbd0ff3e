#include "rapport/kb/markdown.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

#include "rapport/core/thread_annotations.h"
#include "rapport/kb/slug.h"

namespace rapport::kb {
namespace {

// Never CMARK_OPT_UNSAFE: without it cmark omits raw HTML and blanks javascript:, vbscript:,
// file: and most data: URLs.
constexpr int kOptions = CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8 | CMARK_OPT_FOOTNOTES;
// tagfilter only matters with raw HTML enabled; it stays as a second line of defence.
constexpr std::array kExtensions = {"table", "strikethrough", "autolink", "tasklist", "tagfilter"};
constexpr std::string_view kField = "body";
constexpr int kDeepestHeading = 6;
constexpr std::string_view kArticleScheme = "article:";
constexpr std::string_view kAttachmentScheme = "attachment:";
constexpr std::array<std::string_view, 3> kAllowedSchemes = {"http", "https", "mailto"};

struct ParserDeleter {
  void operator()(cmark_parser* parser) const { cmark_parser_free(parser); }
};
struct NodeDeleter {
  void operator()(cmark_node* node) const { cmark_node_free(node); }
};
struct IterDeleter {
  void operator()(cmark_iter* iter) const { cmark_iter_free(iter); }
};
struct HtmlDeleter {  // cmark_render_html allocates with the node's allocator, the default one
  void operator()(char* html) const { cmark_get_default_mem_allocator()->free(html); }
};

// A parsed document. The parser owns the extension list the HTML renderer needs, so it lives
// as long as the tree; members are destroyed in reverse order, the tree first.
struct Document {
  std::unique_ptr<cmark_parser, ParserDeleter> parser;
  std::unique_ptr<cmark_node, NodeDeleter> root;
};

void EnsureExtensionsRegistered() {
  // The registry is cmark-gfm's process-wide state; registering is not thread-safe.
  static std::once_flag once;
  std::call_once(once, [] { cmark_gfm_core_extensions_ensure_registered(); });
}

// cmark-gfm 0.29.0.gfm.6 adds the special characters of inline extensions ('~', ':', 'w') to
// a process-wide table when a parse reaches its inlines and removes them when it is done, so
// concurrent parses make each other miss strikethrough and autolinks. Parses take turns;
// rendering the tree needs no lock.
core::Mutex& ParseMutex() {
  static core::Mutex mutex;
  return mutex;
}

// Calls `visit(node, event)` for every node under `root` in document order, without
// recursion (documents may nest deeply), until it returns false.
template <typename Visit>
void Walk(cmark_node* root, Visit&& visit) {
  const std::unique_ptr<cmark_iter, IterDeleter> iter(cmark_iter_new(root));
  cmark_event_type event = CMARK_EVENT_NONE;
  while ((event = cmark_iter_next(iter.get())) != CMARK_EVENT_DONE) {
    if (!visit(cmark_iter_get_node(iter.get()), event)) return;
  }
}

cmark_node_type TypeOf(cmark_node* node) { return cmark_node_get_type(node); }

bool IsBlock(cmark_node* node) {
  const auto type = static_cast<unsigned>(TypeOf(node));
  return (type & static_cast<unsigned>(CMARK_NODE_TYPE_MASK)) ==
         static_cast<unsigned>(CMARK_NODE_TYPE_BLOCK);
}

std::string_view LiteralOf(cmark_node* node) {
  const char* literal = cmark_node_get_literal(node);
  return literal == nullptr ? std::string_view() : std::string_view(literal);
}

std::string_view UrlOf(cmark_node* node) {
  const char* url = cmark_node_get_url(node);
  return url == nullptr ? std::string_view() : std::string_view(url);
}

bool CountsForNesting(cmark_node* node) {
  switch (TypeOf(node)) {
    case CMARK_NODE_BLOCK_QUOTE:
    case CMARK_NODE_LIST:
    case CMARK_NODE_EMPH:
    case CMARK_NODE_STRONG:
    case CMARK_NODE_LINK:
    case CMARK_NODE_IMAGE:
    case CMARK_NODE_FOOTNOTE_DEFINITION:
      return true;
    default:  // extension types have no enumerator of their own
      return !IsBlock(node) &&
             std::string_view(cmark_node_get_type_string(node)) == "strikethrough";
  }
}

bool IsBlankLine(std::string_view line) {
  return line.find_first_not_of(" \t") == std::string_view::npos;
}

// The shapes on which cmark-gfm 0.29.0.gfm.6 takes polynomial time (see markdown.h): table
// rows with thousands of cells, and unclosed "![" openers followed by many links.
core::Status CheckSlowShapes(std::string_view markdown) {
  std::size_t image_openers = 0;
  int line_number = 0;
  std::size_t pos = 0;
  while (pos < markdown.size()) {
    const std::size_t end = std::min(markdown.find_first_of("\r\n", pos), markdown.size());
    const std::string_view line = markdown.substr(pos, end - pos);
    pos = end + (markdown.substr(end).starts_with("\r\n") ? 2 : 1);
    ++line_number;
    if (IsBlankLine(line)) {
      image_openers = 0;
      continue;
    }
    if (std::ranges::count(line, '|') > static_cast<std::ptrdiff_t>(kMaxPipesPerLine)) {
      return core::InvalidArgument(
          fmt::format("line {} has more than {} '|' (tables have at most {} columns)", line_number,
                      kMaxPipesPerLine, kMaxPipesPerLine - 1),
          std::string(kField));
    }
    for (std::size_t at = line.find("!["); at != std::string_view::npos;
         at = line.find("![", at + 2)) {
      if (++image_openers > kMaxImageOpenersPerParagraph) {
        return core::InvalidArgument(
            fmt::format("more than {} images ('![') in the paragraph that reaches line {}",
                        kMaxImageOpenersPerParagraph, line_number),
            std::string(kField));
      }
    }
  }
  return core::Ok();
}

core::Status CheckNesting(cmark_node* root, int max_nesting) {
  int depth = 0;
  bool too_deep = false;
  Walk(root, [&](cmark_node* node, cmark_event_type event) {
    if (!CountsForNesting(node)) return true;
    if (event == CMARK_EVENT_ENTER && ++depth > max_nesting) too_deep = true;
    if (event == CMARK_EVENT_EXIT) --depth;
    return !too_deep;
  });
  if (too_deep) {
    return core::InvalidArgument(
        fmt::format("quotes, lists, emphasis or links are nested more than {} levels deep",
                    max_nesting),
        std::string(kField));
  }
  return core::Ok();
}

core::Result<Document> Parse(std::string_view markdown, const MarkdownLimits& limits) {
  if (markdown.size() > limits.max_bytes) {
    return core::MakeError(core::ErrorCode::kTooLarge,
                           fmt::format("the text is {} bytes long; at most {} are allowed",
                                       markdown.size(), limits.max_bytes),
                           std::string(kField));
  }
  RAPPORT_RETURN_IF_ERROR(CheckSlowShapes(markdown));
  EnsureExtensionsRegistered();
  Document doc;
  doc.parser.reset(cmark_parser_new(kOptions));
  for (const char* name : kExtensions) {
    cmark_syntax_extension* extension = cmark_find_syntax_extension(name);
    if (extension == nullptr) {
      return core::Internal(fmt::format("cmark-gfm has no '{}' extension", name));
    }
    cmark_parser_attach_syntax_extension(doc.parser.get(), extension);
  }
  {
    core::MutexLock lock(ParseMutex());
    if (!markdown.empty()) cmark_parser_feed(doc.parser.get(), markdown.data(), markdown.size());
    doc.root.reset(cmark_parser_finish(doc.parser.get()));
  }
  if (doc.root == nullptr) return core::Internal("cmark-gfm returned no document");
  RAPPORT_RETURN_IF_ERROR(CheckNesting(doc.root.get(), limits.max_nesting));
  return doc;
}

void CollapseWhitespace(std::string_view text, std::string& out) {
  bool space_pending = false;
  for (const char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      space_pending = true;
      continue;
    }
    if (space_pending && !out.empty()) out += ' ';
    space_pending = false;
    out += c;
  }
}

// The text a reader sees under `root`, whitespace collapsed. Blocks are separated by spaces;
// raw HTML is left out, as the renderer leaves it out.
std::string PlainText(cmark_node* root) {
  std::string raw;
  Walk(root, [&](cmark_node* node, cmark_event_type) {
    switch (TypeOf(node)) {
      case CMARK_NODE_TEXT:
      case CMARK_NODE_CODE:
      case CMARK_NODE_CODE_BLOCK:
        raw += LiteralOf(node);
        break;
      case CMARK_NODE_SOFTBREAK:
      case CMARK_NODE_LINEBREAK:
        raw += ' ';
        break;
      case CMARK_NODE_HTML_BLOCK:
      case CMARK_NODE_HTML_INLINE:
        break;
      default:
        if (IsBlock(node)) raw += ' ';
        break;
    }
    return true;
  });
  std::string text;
  CollapseWhitespace(raw, text);
  return text;
}

bool StartsWithIgnoringCase(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    const char c = text[i];
    const char lower = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    if (lower != prefix[i]) return false;
  }
  return true;
}

// True for a destination a browser cannot turn into script: empty, a fragment, a relative
// URL, or an allowed scheme. Control characters are refused outright: browsers strip some of
// them from URLs, which would let "java\tscript:" through a scheme check.
bool IsAllowedUrl(std::string_view url) {
  for (const char c : url) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7F) return false;
  }
  const std::size_t delimiter = url.find_first_of(":/?#");
  if (delimiter == std::string_view::npos || url[delimiter] != ':') return true;  // relative
  const std::string_view scheme = url.substr(0, delimiter);
  for (const std::string_view allowed : kAllowedSchemes) {
    if (scheme.size() == allowed.size() && StartsWithIgnoringCase(scheme, allowed)) return true;
  }
  return false;
}

enum class LinkKind { kArticle, kAttachment };

struct InternalLink {
  LinkKind kind;
  std::string_view id;        // may be empty
  std::string_view fragment;  // without the '#'; may be empty
};

std::optional<InternalLink> ParseInternalLink(std::string_view url) {
  std::string_view rest;
  LinkKind kind = LinkKind::kArticle;
  if (StartsWithIgnoringCase(url, kArticleScheme)) {
    rest = url.substr(kArticleScheme.size());
  } else if (StartsWithIgnoringCase(url, kAttachmentScheme)) {
    kind = LinkKind::kAttachment;
    rest = url.substr(kAttachmentScheme.size());
  } else {
    return std::nullopt;
  }
  const std::size_t hash = rest.find('#');
  if (hash == std::string_view::npos) return InternalLink{kind, rest, {}};
  return InternalLink{kind, rest.substr(0, hash), rest.substr(hash + 1)};
}

// Ids in first-seen order, each once.
class IdList {
 public:
  void Add(std::string_view id) {
    if (seen_.emplace(id).second) ids_.emplace_back(id);
  }
  std::vector<std::string> Take() && { return std::move(ids_); }

 private:
  std::unordered_set<std::string> seen_;
  std::vector<std::string> ids_;
};

std::vector<cmark_node*> LinksAndImages(cmark_node* root) {
  std::vector<cmark_node*> nodes;
  Walk(root, [&](cmark_node* node, cmark_event_type event) {
    const cmark_node_type type = TypeOf(node);
    if (event == CMARK_EVENT_ENTER && (type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE)) {
      nodes.push_back(node);
    }
    return true;
  });
  return nodes;
}

MarkdownReferences References(const std::vector<cmark_node*>& links) {
  IdList articles;
  IdList attachments;
  for (cmark_node* node : links) {
    const std::optional<InternalLink> link = ParseInternalLink(UrlOf(node));
    if (!link || link->id.empty()) continue;
    (link->kind == LinkKind::kArticle ? articles : attachments).Add(link->id);
  }
  return {std::move(articles).Take(), std::move(attachments).Take()};
}

// The destination to render for `url`, or nullopt when the link must go.
std::optional<std::string> FinalUrl(std::string_view url, const LinkTargets& targets) {
  std::string result;
  if (const std::optional<InternalLink> link = ParseInternalLink(url)) {
    const auto& resolve = link->kind == LinkKind::kArticle ? targets.article : targets.attachment;
    if (link->id.empty() || !resolve) return std::nullopt;
    std::optional<std::string> resolved = resolve(link->id);
    if (!resolved) return std::nullopt;
    result = std::move(*resolved);
    if (!link->fragment.empty()) {
      result += '#';
      result += link->fragment;
    }
  } else {
    result = url;
  }
  if (!IsAllowedUrl(result)) return std::nullopt;
  return result;
}

// Replaces a link by its text, an image by its alt text (the nodes under it).
void Unwrap(cmark_node* node) {
  while (cmark_node* child = cmark_node_first_child(node)) {
    if (cmark_node_insert_before(node, child) == 0) {
      // cmark refused the move (it never should for inline children): keep the node but
      // leave it pointing nowhere.
      cmark_node_set_url(node, "");
      return;
    }
  }
  cmark_node_free(node);
}

void RewriteLinks(const std::vector<cmark_node*>& links, const LinkTargets& targets) {
  // Backwards, so that a node inside an image's alt text is done before the image, which may
  // be freed, and no pointer in `links` is used after that.
  for (auto it = links.rbegin(); it != links.rend(); ++it) {
    cmark_node* node = *it;
    const std::string_view url = UrlOf(node);
    const std::optional<std::string> final_url = FinalUrl(url, targets);
    if (!final_url) {
      Unwrap(node);
    } else if (*final_url != url) {
      cmark_node_set_url(node, final_url->c_str());
    }
  }
}

// Moves every heading one level down (`#` becomes <h2>; <h6> stays <h6>), since the page
// shows the article's title as its one <h1>, and lists them with their anchors.
std::vector<Heading> DemoteHeadings(cmark_node* root) {
  std::vector<Heading> headings;
  AnchorSet anchors;
  Walk(root, [&](cmark_node* node, cmark_event_type event) {
    if (event == CMARK_EVENT_ENTER && TypeOf(node) == CMARK_NODE_HEADING) {
      Heading heading;
      heading.level = std::min(cmark_node_get_heading_level(node) + 1, kDeepestHeading);
      cmark_node_set_heading_level(node, heading.level);
      heading.text = PlainText(node);
      heading.anchor = anchors.Add(heading.text);
      headings.push_back(std::move(heading));
    }
    return true;
  });
  return headings;
}

// cmark writes every heading as a bare "<hN>" and nothing else can produce that text (raw
// HTML is omitted; text and attributes are escaped), so the k-th "<hN>" opens the k-th
// heading: the tree and the output are in the same order (cmark moves footnote definitions
// to the end of the tree when it parses).
core::Result<std::string> AddHeadingIds(std::string_view html,
                                        const std::vector<Heading>& headings) {
  std::string out;
  out.reserve(html.size() + headings.size() * 32);
  std::size_t pos = 0;
  for (const Heading& heading : headings) {
    const std::string tag = fmt::format("<h{}>", heading.level);
    const std::size_t at = html.find(tag, pos);
    if (at == std::string_view::npos) return core::Internal("a heading is missing from the HTML");
    out += html.substr(pos, at - pos);
    // Anchors are slugs: no quote, '<', '>' or '&' to escape.
    out += fmt::format("<h{} id=\"{}\">", heading.level, heading.anchor);
    pos = at + tag.size();
  }
  out += html.substr(pos);
  return out;
}

}  // namespace

core::Result<RenderedMarkdown> RenderMarkdown(std::string_view markdown, const LinkTargets& targets,
                                              const MarkdownLimits& limits) {
  RAPPORT_ASSIGN_OR_RETURN(const Document doc, Parse(markdown, limits));
  RenderedMarkdown out;
  const std::vector<cmark_node*> links = LinksAndImages(doc.root.get());
  MarkdownReferences references = References(links);
  out.article_links = std::move(references.article_links);
  out.attachment_links = std::move(references.attachment_links);
  RewriteLinks(links, targets);
  out.headings = DemoteHeadings(doc.root.get());
  const std::unique_ptr<char, HtmlDeleter> html(cmark_render_html(
      doc.root.get(), kOptions, cmark_parser_get_syntax_extensions(doc.parser.get())));
  if (html == nullptr) return core::Internal("cmark-gfm rendered no HTML");
  RAPPORT_ASSIGN_OR_RETURN(out.html, AddHeadingIds(html.get(), out.headings));
  return out;
}

core::Result<std::string> MarkdownToPlainText(std::string_view markdown,
                                              const MarkdownLimits& limits) {
  RAPPORT_ASSIGN_OR_RETURN(const Document doc, Parse(markdown, limits));
  return PlainText(doc.root.get());
}

core::Result<MarkdownReferences> FindReferences(std::string_view markdown,
                                                const MarkdownLimits& limits) {
  RAPPORT_ASSIGN_OR_RETURN(const Document doc, Parse(markdown, limits));
  return References(LinksAndImages(doc.root.get()));
}

}  // namespace rapport::kb

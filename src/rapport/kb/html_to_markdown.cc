#include "rapport/kb/html_to_markdown.h"

#include <fmt/format.h>
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include <algorithm>
#include <climits>
#include <memory>
#include <utility>

#include "rapport/kb/internal/html_blocks.h"
#include "rapport/kb/internal/html_text.h"
#include "rapport/kb/internal/html_tree.h"

// The page as a whole: its parts (title, language, keywords, base, the content to convert) and
// the heading that repeats the title. The content itself is converted by internal/html_blocks.h.

namespace rapport::kb {
namespace {

using internal::Attribute;
using internal::CollapseWhitespace;
using internal::ConvertContent;
using internal::EqualsIgnoreCase;
using internal::HasAttribute;
using internal::IsElement;
using internal::Kind;
using internal::KindOf;
using internal::Name;
using internal::NodeText;
using internal::Step;
using internal::TextMode;
using internal::TextOf;
using internal::TrimHtmlSpace;
using internal::ValidUtf8;
using internal::Walk;

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
  result.markdown = ValidUtf8(ConvertContent(parts.content_root, options, parts.base, dropped));
  result.title = ValidUtf8(std::move(parts.title));
  result.language = ValidUtf8(std::move(parts.language));
  for (std::string& keyword : parts.keywords)
    result.keywords.push_back(ValidUtf8(std::move(keyword)));
  return result;
}

}  // namespace rapport::kb

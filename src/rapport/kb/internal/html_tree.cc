#include "rapport/kb/internal/html_tree.h"

#include <algorithm>
#include <iterator>

#include "rapport/kb/internal/html_text.h"

namespace rapport::kb::internal {
namespace {

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

}  // namespace

std::string_view Name(const xmlNode* node) {
  return node->name == nullptr ? std::string_view() : reinterpret_cast<const char*>(node->name);
}
std::string_view NodeText(const xmlNode* node) {
  return node->content == nullptr ? std::string_view()
                                  : reinterpret_cast<const char*>(node->content);
}
bool IsElement(const xmlNode* node, std::string_view name) {
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

}  // namespace rapport::kb::internal

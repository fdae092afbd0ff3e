#pragma once

// The libxml2 tree as the HTML to Markdown conversion (html_to_markdown.h) reads it: names,
// text and attributes of nodes, a walk without recursion, and what each element stands for.
// Thread-safety: pure functions over a tree that nothing changes meanwhile.

#include <libxml/tree.h>

#include <optional>
#include <string>
#include <string_view>

namespace rapport::kb::internal {

std::string_view Name(const xmlNode* node);
std::string_view NodeText(const xmlNode* node);
// Whether `node` is an element, named `name` when that is given.
bool IsElement(const xmlNode* node, std::string_view name = {});
std::optional<std::string> Attribute(const xmlNode* node, const char* name);
bool HasAttribute(const xmlNode* node, const char* name);
// The rest of the first class of `node` that starts with `prefix` ("language-" -> "python").
std::optional<std::string> ClassSuffix(const xmlNode* node, std::string_view prefix);

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

// What an element stands for in the Markdown.
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

// The kind of `element`: by its name, except that hidden elements are skipped and anchors
// without href are inline.
Kind KindOf(const xmlNode* element);
// Whether the kind ends the paragraph around it.
bool IsBlockKind(Kind kind);

enum class TextMode { kCollapse, kRaw };

// The text under `node` that a reader sees: skipped elements left out; with kCollapse, block
// boundaries and line breaks are spaces and white space is collapsed.
std::string TextOf(const xmlNode* node, TextMode mode);

}  // namespace rapport::kb::internal

#include "rapport/kb/internal/html_blocks.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <iterator>
#include <optional>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "rapport/kb/internal/html_inline.h"
#include "rapport/kb/internal/html_text.h"
#include "rapport/kb/internal/html_tree.h"

namespace rapport::kb::internal {
namespace {

// The walk recurses at most this deep; deeper elements become plain text.
constexpr int kMaxDepth = 64;
// Blockquotes and lists nested deeper than this keep their content but not their markers, so
// that the prefixes cannot multiply the size of the output.
constexpr int kMaxBlockNesting = 16;
constexpr std::size_t kMaxTableColumns = 64;
// CommonMark ordered-list numbers have at most nine digits.
constexpr long kMaxListNumber = 999'999'999;

struct Block {
  std::string text;
  char list_marker = '\0';     // '-' '*' for bullet lists, '.' ')' for ordered ones
  bool may_interrupt = false;  // a list that may follow a paragraph line directly
};
using Blocks = std::vector<Block>;

std::string JoinBlocks(const Blocks& blocks) {
  std::string out;
  for (const Block& block : blocks) {
    if (!out.empty()) out.append("\n\n");
    out.append(block.text);
  }
  return out;
}

// A destination for [text](dest) that reads back as `dest`.
std::string FormatDestination(std::string_view dest) {
  const bool pointy = dest.find(' ') != std::string_view::npos;
  std::string out = pointy ? "<" : "";
  for (char c : dest) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7F) {
      out.append(fmt::format("%{:02X}", u));
    } else if (c == '\\' || c == '<' || c == '>' || c == '|' ||
               (!pointy && (c == '(' || c == ')'))) {
      out.push_back('\\');
      out.push_back(c);
    } else {
      out.push_back(c);
    }
  }
  if (pointy) out.push_back('>');
  return out;
}

bool HasScheme(std::string_view url) {
  if (url.empty() || !((url[0] >= 'a' && url[0] <= 'z') || (url[0] >= 'A' && url[0] <= 'Z'))) {
    return false;
  }
  for (char c : url) {
    if (c == ':') return true;
    if (!IsAsciiAlnum(c) && c != '+' && c != '-' && c != '.') return false;
  }
  return false;
}

class Converter {
 public:
  Converter(const HtmlConversionOptions& options, std::string base, const xmlNode* dropped_heading)
      : options_(options), base_(std::move(base)), dropped_heading_(dropped_heading) {}

  std::string Convert(const xmlNode* root) {
    // Emphasis that CommonMark would not read is left out when its paragraph is finished; the
    // page is then converted again with those elements plain, so that the text around them is
    // escaped and joined as it finally stands (a few passes at most).
    constexpr int kMaxPasses = 4;
    std::string out;
    for (int pass = 0; pass < kMaxPasses; ++pass) {
      dropped_.clear();
      Blocks blocks;
      RenderContainer(root, 0, blocks);
      out = JoinBlocks(blocks);
      if (dropped_.empty()) break;
      for (const void* node : dropped_) plain_.insert(static_cast<const xmlNode*>(node));
    }
    if (!out.empty()) out.push_back('\n');
    return out;
  }

 private:
  // --- Blocks.

  // The children of `node` as blocks appended to `out`.
  void RenderContainer(const xmlNode* node, int depth, Blocks& out) {
    InlineBuffer paragraph(InlineBuffer::Mode::kParagraph, true);
    for (const xmlNode* child = node->children; child != nullptr; child = child->next) {
      RenderNode(child, depth + 1, out, paragraph);
    }
    Flush(paragraph, out);
  }

  void Flush(InlineBuffer& paragraph, Blocks& out) {
    std::string text = paragraph.Finish(&dropped_);
    if (!text.empty()) out.push_back(Block{.text = std::move(text)});
  }

  void RenderNode(const xmlNode* node, int depth, Blocks& out, InlineBuffer& paragraph) {
    if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
      paragraph.Text(NodeText(node));
      return;
    }
    if (node->type != XML_ELEMENT_NODE) return;
    if (depth > kMaxDepth) {
      paragraph.Text(TextOf(node, TextMode::kCollapse));
      return;
    }
    const Kind kind = KindOf(node);
    if (IsBlockKind(kind)) Flush(paragraph, out);
    switch (kind) {
      case Kind::kSkip:
        return;
      case Kind::kBlock:
        return RenderContainer(node, depth, out);
      case Kind::kHeading:
        return RenderHeading(node, depth, out);
      case Kind::kList:
      case Kind::kOrderedList:
        return RenderList(node, depth, kind == Kind::kOrderedList, out);
      case Kind::kQuote:
        return RenderQuote(node, depth, out);
      case Kind::kPre:
        return RenderPre(node, out);
      case Kind::kTable:
        return RenderTable(node, depth, out);
      case Kind::kRule:
        out.push_back(Block{.text = "---"});
        return;
      case Kind::kTerm:
        return RenderTerm(node, depth, out);
      case Kind::kInline:
        for (const xmlNode* child = node->children; child != nullptr; child = child->next) {
          RenderNode(child, depth + 1, out, paragraph);
        }
        return;
      default:
        return RenderInline(node, depth, paragraph);
    }
  }

  void RenderHeading(const xmlNode* node, int depth, Blocks& out) {
    if (node == dropped_heading_) return;
    InlineBuffer line(InlineBuffer::Mode::kLine, false);
    RenderInlineChildren(node, depth, line);
    std::string text = line.Finish(&dropped_);
    if (text.empty()) return;
    // A closing sequence of #s (after a space) would be dropped: escape it.
    const std::size_t run = text.find_last_not_of('#') + 1;
    if (run < text.size() && (run == 0 || text[run - 1] == ' ')) text.insert(run, 1, '\\');
    const int level = Name(node)[1] - '0';
    out.push_back(Block{.text = std::string(static_cast<std::size_t>(level), '#') + " " + text});
  }

  void RenderList(const xmlNode* node, int depth, bool ordered, Blocks& out) {
    if (nesting_ >= kMaxBlockNesting) return RenderContainer(node, depth, out);
    long number = 1;
    if (ordered) {
      const auto start = Attribute(node, "start");
      if (start) number = std::clamp(std::strtol(start->c_str(), nullptr, 10), 0L, kMaxListNumber);
    }
    const bool may_interrupt = !ordered || number == 1;
    // Two lists in a row with the same marker would merge into one.
    char marker = ordered ? '.' : '-';
    if (!out.empty() && out.back().list_marker == marker) marker = ordered ? ')' : '*';

    ++nesting_;
    std::vector<Blocks> items;
    bool item_open = false;  // whether stray content may join the last item
    for (const xmlNode* child = node->children; child != nullptr; child = child->next) {
      if (IsElement(child, "li") && KindOf(child) != Kind::kSkip) {
        items.emplace_back();
        RenderContainer(child, depth + 1, items.back());
        item_open = true;
        continue;
      }
      // Text or a nested list directly inside the list: part of the item before it.
      Blocks stray;
      InlineBuffer paragraph(InlineBuffer::Mode::kParagraph, true);
      RenderNode(child, depth + 1, stray, paragraph);
      Flush(paragraph, stray);
      if (stray.empty()) continue;
      if (!item_open) items.emplace_back();
      item_open = true;
      std::move(stray.begin(), stray.end(), std::back_inserter(items.back()));
    }
    --nesting_;

    std::string text;
    for (Blocks& item : items) {
      if (item.empty()) continue;
      const std::string prefix =
          ordered ? fmt::format("{}{} ", std::min(number, kMaxListNumber), marker)
                  : fmt::format("{} ", marker);
      ++number;
      // "- ---" would be a thematic break, not an item holding one.
      if (item.front().text == "---") item.front().text = "___";
      std::string body = item.front().text;
      for (std::size_t i = 1; i < item.size(); ++i) {
        body.append(item[i].may_interrupt ? "\n" : "\n\n");
        body.append(item[i].text);
      }
      if (!text.empty()) text.push_back('\n');
      text.append(PrefixLines(body, prefix, std::string(prefix.size(), ' '), ""));
    }
    if (text.empty()) return;
    out.push_back(
        Block{.text = std::move(text), .list_marker = marker, .may_interrupt = may_interrupt});
  }

  void RenderQuote(const xmlNode* node, int depth, Blocks& out) {
    if (nesting_ >= kMaxBlockNesting) return RenderContainer(node, depth, out);
    Blocks inner;
    ++nesting_;
    RenderContainer(node, depth, inner);
    --nesting_;
    if (inner.empty()) return;
    out.push_back(Block{.text = PrefixLines(JoinBlocks(inner), "> ", "> ", ">")});
  }

  static void RenderPre(const xmlNode* node, Blocks& out) {
    std::string code;
    for (char c : TextOf(node, TextMode::kRaw)) {
      if (c != '\r') code.push_back(c);  // CRLF and lone CR: libxml2 keeps them in pre
    }
    // Blank lines around the code are layout, not content.
    std::size_t first = 0;
    while (true) {
      const std::size_t newline = code.find('\n', first);
      if (newline == std::string::npos ||
          !TrimHtmlSpace(std::string_view(code).substr(first, newline - first)).empty())
        break;
      first = newline + 1;
    }
    code.erase(0, first);
    while (!code.empty() && IsHtmlSpace(code.back())) {
      const std::size_t newline = code.rfind('\n');
      const std::size_t line_start = newline == std::string::npos ? 0 : newline + 1;
      if (!TrimHtmlSpace(std::string_view(code).substr(line_start)).empty()) break;
      code.resize(newline == std::string::npos ? 0 : newline);
    }
    if (code.empty()) return;
    std::string language;
    const xmlNode* code_child = node->children;
    while (code_child != nullptr && code_child->type != XML_ELEMENT_NODE) {
      code_child = code_child->next;
    }
    for (const xmlNode* n : {node, code_child}) {
      if (n == nullptr || !language.empty()) continue;
      language = ClassSuffix(n, "language-").value_or(ClassSuffix(n, "lang-").value_or(""));
    }
    std::erase_if(language, [](char c) {
      return !IsAsciiAlnum(c) && c != '-' && c != '_' && c != '+' && c != '#' && c != '.';
    });
    const std::string fence(std::max<std::size_t>(3, LongestRun(code, '`') + 1), '`');
    out.push_back(Block{.text = fence + language + "\n" + code + "\n" + fence});
  }

  void RenderTable(const xmlNode* node, int depth, Blocks& out) {
    std::vector<const xmlNode*> rows;
    for (const xmlNode* child = node->children; child != nullptr; child = child->next) {
      if (!IsElement(child) || KindOf(child) == Kind::kSkip) continue;
      const std::string_view name = Name(child);
      if (name == "tr") rows.push_back(child);
      if (name == "thead" || name == "tbody" || name == "tfoot") {
        for (const xmlNode* row = child->children; row != nullptr; row = row->next) {
          if (IsElement(row, "tr") && KindOf(row) != Kind::kSkip) rows.push_back(row);
        }
      }
      if (name == "caption") RenderContainer(child, depth, out);
    }
    std::vector<std::vector<std::string>> cells;
    std::size_t columns = 0;
    bool any_text = false;
    for (const xmlNode* row : rows) {
      std::vector<std::string> line;
      for (const xmlNode* cell = row->children; cell != nullptr; cell = cell->next) {
        if (!IsElement(cell, "td") && !IsElement(cell, "th")) continue;
        if (KindOf(cell) == Kind::kSkip) continue;
        InlineBuffer buffer(InlineBuffer::Mode::kTableCell, false);
        RenderInlineChildren(cell, depth + 1, buffer);
        std::string text = buffer.Finish(&dropped_);
        any_text = any_text || !text.empty();
        if (line.size() >= kMaxTableColumns) {
          // Beyond the column limit, the text joins the last cell.
          if (!text.empty()) line.back().append((line.back().empty() ? "" : " ") + text);
          continue;
        }
        line.push_back(std::move(text));
        const auto span = Attribute(cell, "colspan");
        const long extra = span ? std::strtol(span->c_str(), nullptr, 10) - 1 : 0;
        for (long i = 0; i < extra && line.size() < kMaxTableColumns; ++i) line.emplace_back();
      }
      columns = std::max(columns, line.size());
      cells.push_back(std::move(line));
    }
    if (!any_text || columns == 0) return;
    std::string text;
    for (std::size_t r = 0; r < cells.size(); ++r) {
      cells[r].resize(columns);
      text.push_back('|');
      for (const std::string& cell : cells[r]) text.append(fmt::format(" {} |", cell));
      text.push_back('\n');
      if (r == 0) {
        text.push_back('|');
        for (std::size_t c = 0; c < columns; ++c) text.append(" --- |");
        text.push_back('\n');
      }
    }
    text.pop_back();
    out.push_back(Block{.text = std::move(text)});
  }

  void RenderTerm(const xmlNode* node, int depth, Blocks& out) {
    InlineBuffer paragraph(InlineBuffer::Mode::kParagraph, true);
    RenderStrong(node, depth, paragraph);
    Flush(paragraph, out);
  }

  // --- Inline content.

  void RenderInlineChildren(const xmlNode* node, int depth, InlineBuffer& buffer) {
    for (const xmlNode* child = node->children; child != nullptr; child = child->next) {
      RenderInline(child, depth + 1, buffer);
    }
  }

  void RenderInline(const xmlNode* node, int depth, InlineBuffer& buffer) {
    if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
      buffer.Text(NodeText(node));
      return;
    }
    if (node->type != XML_ELEMENT_NODE) return;
    if (depth > kMaxDepth) {
      buffer.Text(TextOf(node, TextMode::kCollapse));
      return;
    }
    const Kind kind = KindOf(node);
    switch (kind) {
      case Kind::kSkip:
        return;
      case Kind::kBreak:
        return buffer.Break();
      case Kind::kStrong:
        return RenderStrong(node, depth, buffer);
      case Kind::kEmphasis:
        return RenderDelimited(node, depth, "*", emphasis_, buffer);
      case Kind::kStrike:
        return RenderDelimited(node, depth, "~~", strike_, buffer);
      case Kind::kCode:
        return RenderCode(node, buffer);
      case Kind::kLink:
        return RenderLink(node, depth, buffer);
      case Kind::kImage:
        return RenderImage(node, buffer);
      case Kind::kInline:
        return RenderInlineChildren(node, depth, buffer);
      default:
        // A block inside inline content (a table in a cell, a div in a link): its text.
        buffer.Space();
        RenderInlineChildren(node, depth, buffer);
        buffer.Space();
        return;
    }
  }

  void RenderStrong(const xmlNode* node, int depth, InlineBuffer& buffer) {
    RenderDelimited(node, depth, "**", strong_, buffer);
  }

  // Nested emphasis of the same kind adds nothing, so only the outermost is marked.
  void RenderDelimited(const xmlNode* node, int depth, std::string_view delimiter, int& open,
                       InlineBuffer& buffer) {
    if (open > 0 || plain_.contains(node)) return RenderInlineChildren(node, depth, buffer);
    // The text stays bare at the start of a line when the delimiters cannot apply.
    InlineBuffer inner(buffer.mode(), buffer.AtLineStart());
    ++open;
    RenderInlineChildren(node, depth, inner);
    --open;
    buffer.Delimited(delimiter, std::move(inner), node);
  }

  static void RenderCode(const xmlNode* node, InlineBuffer& buffer) {
    std::string raw;
    Walk(node, [&](const xmlNode* n) {
      if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) raw.append(NodeText(n));
      if (n->type == XML_ELEMENT_NODE) {
        const Kind kind = KindOf(n);
        if (kind == Kind::kSkip) return Step::kSkip;
        if (kind == Kind::kBreak || IsBlockKind(kind)) raw.push_back(' ');
      }
      return Step::kDescend;
    });
    if (!raw.empty() && IsHtmlSpace(raw.front())) buffer.Space();
    buffer.Code(CollapseWhitespace(raw));
    if (!raw.empty() && IsHtmlSpace(raw.back())) buffer.Space();
  }

  void RenderLink(const xmlNode* node, int depth, InlineBuffer& buffer) {
    // Links cannot hold links; the inner one stands for its text.
    if (in_link_) return RenderInlineChildren(node, depth, buffer);
    const auto dest = Destination(TrimHtmlSpace(Attribute(node, "href").value_or("")),
                                  /*images=*/false);
    // A link left out stands for its text.
    if (!dest) return RenderInlineChildren(node, depth, buffer);
    InlineBuffer inner(buffer.mode(), false);
    in_link_ = true;
    RenderInlineChildren(node, depth, inner);
    in_link_ = false;
    InlineBuffer::Content content = std::move(inner).Take();
    if (content.text.empty()) return buffer.AddGap(content.before);
    buffer.Append(content, "[", "](" + FormatDestination(*dest) + ")");
  }

  void RenderImage(const xmlNode* node, InlineBuffer& buffer) {
    const std::string alt = CollapseWhitespace(Attribute(node, "alt").value_or(""));
    const auto src = Attribute(node, "src");
    const auto dest = src ? Destination(TrimHtmlSpace(*src), /*images=*/true) : std::nullopt;
    if (!dest) return buffer.Text(alt);
    InlineBuffer text(buffer.mode(), false);
    text.Text(alt);
    buffer.Markup("![" + text.Finish() + "](" + FormatDestination(*dest) + ")");
  }

  // What to write for the href or src `url`. The callback sees each distinct URL once, however
  // often the page (or a further pass over it) uses it.
  std::optional<std::string> Destination(std::string_view url, bool images) {
    std::string full(url);
    const bool relative = !HasScheme(url) && !url.starts_with('/') && !url.starts_with('#');
    if (relative && !base_.empty()) full = base_ + full;
    const auto& callback = images ? options_.image : options_.link;
    if (callback) {
      auto& cache = images ? image_destinations_ : link_destinations_;
      const auto found = cache.find(full);
      if (found != cache.end()) return found->second;
      auto dest = callback(full);
      cache.emplace(std::move(full), dest);
      return dest;
    }
    const bool web =
        StartsWithIgnoreCase(full, "http://") || StartsWithIgnoreCase(full, "https://");
    const bool kept =
        web || (!images && (StartsWithIgnoreCase(full, "mailto:") || full.starts_with('#')));
    if (kept) return full;
    return std::nullopt;
  }

  const HtmlConversionOptions& options_;
  std::string base_;
  const xmlNode* dropped_heading_;
  int nesting_ = 0;
  int strong_ = 0;
  int emphasis_ = 0;
  int strike_ = 0;
  bool in_link_ = false;
  // Emphasis elements written without delimiters, and those left out in this pass.
  std::unordered_set<const xmlNode*> plain_;
  std::vector<const void*> dropped_;
  std::unordered_map<std::string, std::optional<std::string>> link_destinations_;
  std::unordered_map<std::string, std::optional<std::string>> image_destinations_;
};

}  // namespace

std::string ConvertContent(const xmlNode* root, const HtmlConversionOptions& options,
                           std::string base, const xmlNode* dropped_heading) {
  return Converter(options, std::move(base), dropped_heading).Convert(root);
}

}  // namespace rapport::kb::internal

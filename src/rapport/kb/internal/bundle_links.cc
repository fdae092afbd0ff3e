#include "rapport/kb/internal/bundle_links.h"

#include <algorithm>
#include <cctype>

#include "rapport/kb/internal/bundle_text.h"

namespace rapport::kb {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// "%20" -> " "; a '%' not followed by two hex digits stays.
std::string PercentDecode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      const int hi = HexValue(text[i + 1]);
      const int lo = HexValue(text[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out += static_cast<char>(hi * 16 + lo);
        i += 2;
        continue;
      }
    }
    out += text[i];
  }
  return out;
}

bool IsBlank(std::string_view line) { return TrimAscii(line).empty(); }

// The fence that `line` opens or closes: its character and length, or {0, 0}.
std::pair<char, std::size_t> FenceOf(std::string_view line) {
  std::size_t indent = 0;
  while (indent < line.size() && indent < 4 && line[indent] == ' ') ++indent;
  if (indent > 3 || indent >= line.size()) return {0, 0};
  const char c = line[indent];
  if (c != '`' && c != '~') return {0, 0};
  std::size_t n = 0;
  while (indent + n < line.size() && line[indent + n] == c) ++n;
  if (n < 3) return {0, 0};
  return {c, n};
}

// Scans one Markdown line outside code blocks, copying it to `out` with destinations rewritten.
// `openers` holds, for each unclosed '[', whether it opens an image; it carries over lines.
class InlineScanner {
 public:
  InlineScanner(const DestinationRewriter& rewrite, std::string& out)
      : rewrite_(rewrite), out_(out) {}

  void Reset() { openers_.clear(); }

  void Line(std::string_view line) {
    if (ReferenceDefinition(line)) return;
    std::size_t i = 0;
    while (i < line.size()) {
      const char c = line[i];
      if (c == '\\' && i + 1 < line.size()) {
        out_.append(line.substr(i, 2));
        i += 2;
      } else if (c == '`') {
        i = CodeSpan(line, i);
      } else if (c == '[') {
        openers_.push_back(i > 0 && line[i - 1] == '!');
        out_ += c;
        ++i;
      } else if (c == ']') {
        out_ += c;
        ++i;
        if (openers_.empty()) continue;
        const bool image = openers_.back();
        openers_.pop_back();
        if (i < line.size() && line[i] == '(') {
          out_ += '(';
          i = Destination(line, i + 1, image);
        }
      } else {
        out_ += c;
        ++i;
      }
    }
  }

 private:
  // Copies a code span starting at `start` (a run of backticks) verbatim; returns the index
  // after it.
  std::size_t CodeSpan(std::string_view line, std::size_t start) {
    std::size_t n = 0;
    while (start + n < line.size() && line[start + n] == '`') ++n;
    std::size_t search = start + n;
    while (search < line.size()) {
      const std::size_t close = line.find('`', search);
      if (close == std::string_view::npos) break;
      std::size_t m = 0;
      while (close + m < line.size() && line[close + m] == '`') ++m;
      if (m == n) {
        out_.append(line.substr(start, close + m - start));
        return close + m;
      }
      search = close + m;
    }
    out_.append(line.substr(start, n));  // no closing run: literal backticks
    return start + n;
  }

  // Parses the destination after "(" at `start`; copies or rewrites it, returns the index
  // after it (the title and ')' are copied by the caller's loop).
  std::size_t Destination(std::string_view line, std::size_t start, bool image) {
    std::size_t i = start;
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) out_ += line[i++];
    if (i < line.size() && line[i] == '<') {
      const std::size_t close = line.find('>', i + 1);
      if (close == std::string_view::npos) return i;
      Emit(line.substr(i, close + 1 - i), line.substr(i + 1, close - i - 1), image);
      return close + 1;
    }
    const std::size_t begin = i;
    int depth = 0;
    while (i < line.size()) {
      const char c = line[i];
      if (c == '\\' && i + 1 < line.size()) {
        i += 2;
        continue;
      }
      if (c == ' ' || c == '\t') break;
      if (c == '(') ++depth;
      if (c == ')') {
        if (depth == 0) break;
        --depth;
      }
      ++i;
    }
    const std::string_view dest = line.substr(begin, i - begin);
    if (!dest.empty()) Emit(dest, dest, image);
    return i;
  }

  void Emit(std::string_view written, std::string_view destination, bool image) {
    if (auto replaced = rewrite_(destination, image)) {
      out_ += *replaced;
    } else {
      out_.append(written);
    }
  }

  // "[label]: destination ..." at up to three spaces of indentation.
  bool ReferenceDefinition(std::string_view line) {
    std::size_t i = 0;
    while (i < line.size() && i < 3 && line[i] == ' ') ++i;
    if (i >= line.size() || line[i] != '[') return false;
    const std::size_t close = line.find("]:", i + 1);
    if (close == std::string_view::npos || close == i + 1) return false;
    const std::string_view label = line.substr(i + 1, close - i - 1);
    if (label.find(']') != std::string_view::npos || label.find('[') != std::string_view::npos) {
      return false;
    }
    std::size_t d = close + 2;
    while (d < line.size() && (line[d] == ' ' || line[d] == '\t')) ++d;
    if (d >= line.size()) return false;
    out_.append(line.substr(0, d));
    std::size_t end = d;
    if (line[d] == '<') {
      const std::size_t gt = line.find('>', d + 1);
      if (gt == std::string_view::npos) {
        out_.append(line.substr(d));
        return true;
      }
      Emit(line.substr(d, gt + 1 - d), line.substr(d + 1, gt - d - 1), false);
      end = gt + 1;
    } else {
      while (end < line.size() && line[end] != ' ' && line[end] != '\t') ++end;
      Emit(line.substr(d, end - d), line.substr(d, end - d), false);
    }
    out_.append(line.substr(end));
    return true;
  }

  const DestinationRewriter& rewrite_;
  std::string& out_;
  std::vector<bool> openers_;
};

}  // namespace

bool HasUrlScheme(std::string_view href, std::string* scheme) {
  // RFC 3986: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":"
  if (href.empty() || std::isalpha(static_cast<unsigned char>(href[0])) == 0) return false;
  for (std::size_t i = 1; i < href.size(); ++i) {
    const auto c = static_cast<unsigned char>(href[i]);
    if (c == ':') {
      if (scheme != nullptr) *scheme = ToLowerAscii(href.substr(0, i));
      return true;
    }
    if (std::isalnum(c) == 0 && c != '+' && c != '-' && c != '.') return false;
  }
  return false;
}

std::optional<BundleLink> ResolveBundleLink(std::string_view from, std::string_view href) {
  href = TrimAscii(href);
  if (href.empty() || href.starts_with('#') || href.starts_with("//") || HasUrlScheme(href)) {
    return std::nullopt;
  }
  BundleLink link;
  std::string_view path = href;
  if (const std::size_t hash = path.find('#'); hash != std::string_view::npos) {
    link.fragment = std::string(path.substr(hash + 1));
    path = path.substr(0, hash);
  }
  if (const std::size_t query = path.find('?'); query != std::string_view::npos) {
    path = path.substr(0, query);
  }
  const std::string decoded = PercentDecode(path);
  if (decoded.empty()) return std::nullopt;
  std::vector<std::string_view> parts;
  if (!decoded.starts_with('/')) parts = SplitPath(DirName(from));
  for (const std::string_view part : SplitPath(decoded)) {
    if (part == ".") continue;
    if (part == "..") {
      if (parts.empty()) return std::nullopt;
      parts.pop_back();
      continue;
    }
    parts.push_back(part);
  }
  if (parts.empty() || decoded.ends_with('/')) return std::nullopt;
  for (const std::string_view part : parts) {
    if (!link.path.empty()) link.path += '/';
    link.path.append(part);
  }
  return link;
}

std::string RewriteMarkdownDestinations(std::string_view markdown,
                                        const DestinationRewriter& rewrite) {
  std::string out;
  out.reserve(markdown.size() + markdown.size() / 8);
  InlineScanner scanner(rewrite, out);
  std::pair<char, std::size_t> fence{0, 0};
  std::size_t pos = 0;
  while (pos < markdown.size()) {
    std::size_t end = markdown.find('\n', pos);
    end = end == std::string_view::npos ? markdown.size() : end + 1;
    const std::string_view line = markdown.substr(pos, end - pos);
    pos = end;
    if (fence.first != 0) {
      const auto closing = FenceOf(line);
      if (closing.first == fence.first && closing.second >= fence.second) {
        const std::size_t run_end = line.find_first_not_of(' ') + closing.second;
        if (IsBlank(line.substr(run_end))) fence = {0, 0};
      }
      out.append(line);
      continue;
    }
    if (const auto opening = FenceOf(line); opening.first != 0) {
      fence = opening;
      scanner.Reset();
      out.append(line);
      continue;
    }
    if (IsBlank(line)) scanner.Reset();
    scanner.Line(line);
  }
  return out;
}

Placeholders::Placeholders(const std::vector<BundleFile>& files) {
  for (int k = 0;; ++k) {
    prefix_ = "bundleref" + std::to_string(k) + "x";
    const bool used = std::ranges::any_of(
        files, [&](const BundleFile& f) { return f.bytes.find(prefix_) != std::string::npos; });
    if (!used) return;
  }
}

std::string Placeholders::Make(std::size_t index) const {
  return prefix_ + std::to_string(index) + "x";
}

std::string Placeholders::Substitute(std::string_view text,
                                     const std::function<std::string(std::size_t)>& resolve) const {
  std::string out;
  std::size_t pos = 0;
  while (true) {
    const std::size_t at = text.find(prefix_, pos);
    if (at == std::string_view::npos) break;
    std::size_t i = at + prefix_.size();
    std::size_t index = 0;
    const std::size_t digits_start = i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
      index = index * 10 + static_cast<std::size_t>(text[i] - '0');
      ++i;
    }
    if (i == digits_start || i >= text.size() || text[i] != 'x') {
      out.append(text.substr(pos, i - pos));
      pos = i;
      continue;
    }
    out.append(text.substr(pos, at - pos));
    out += resolve(index);
    pos = i + 1;
  }
  out.append(text.substr(pos));
  return out;
}

}  // namespace rapport::kb

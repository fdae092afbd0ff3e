#include "rapport/kb/attachment_rules.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>

#include "rapport/core/utf8.h"

namespace rapport::kb {
namespace {

// --- UTF-8 ---

char AsciiLower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool StartsWithIgnoringCase(std::string_view s, std::string_view lower_prefix) {
  if (s.size() < lower_prefix.size()) return false;
  for (std::size_t i = 0; i < lower_prefix.size(); ++i) {
    if (AsciiLower(s[i]) != lower_prefix[i]) return false;
  }
  return true;
}

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  std::ranges::transform(out, out.begin(), [](char c) { return AsciiLower(c); });
  return out;
}

// --- Sniffing ---

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";
// How much of a file must be UTF-8 without NUL for it to count as text.
constexpr std::size_t kTextSniffBytes = 8 * 1024;
// Central-directory entries looked at when telling Office documents from other archives.
constexpr std::size_t kMaxZipEntries = 10'000;

SniffedType Png() { return {"image/png", "png", true}; }
SniffedType Jpeg() { return {"image/jpeg", "jpg", true}; }
SniffedType Gif() { return {"image/gif", "gif", true}; }
SniffedType Webp() { return {"image/webp", "webp", true}; }
SniffedType Pdf() { return {"application/pdf", "pdf", false}; }
SniffedType Zip() { return {"application/zip", "zip", false}; }
SniffedType Text() { return {"text/plain; charset=utf-8", "txt", false}; }

std::uint32_t ReadLe(std::string_view s, std::size_t pos, std::size_t width) {
  std::uint32_t value = 0;
  for (std::size_t i = width; i-- > 0;) {
    value = (value << 8U) | static_cast<unsigned char>(s[pos + i]);
  }
  return value;
}

// A ZIP that is an Office Open XML document, told by the part names in its central directory;
// std::nullopt for any other archive, or one whose directory cannot be read cheaply (ZIP64).
std::optional<SniffedType> SniffOfficeDocument(std::string_view zip) {
  constexpr std::string_view kEndSignature = "PK\x05\x06";
  constexpr std::string_view kEntrySignature = "PK\x01\x02";
  constexpr std::size_t kEndSize = 22;
  constexpr std::size_t kEntrySize = 46;
  constexpr std::size_t kMaxCommentSize = 0xFFFF;
  if (zip.size() < kEndSize) return std::nullopt;
  // The end-of-central-directory record is last, followed only by an archive comment.
  const std::size_t lowest =
      zip.size() - kEndSize > kMaxCommentSize ? zip.size() - kEndSize - kMaxCommentSize : 0;
  std::size_t end = zip.size() - kEndSize + 1;
  do {
    --end;
  } while (end > lowest && zip.substr(end, kEndSignature.size()) != kEndSignature);
  if (zip.substr(end, kEndSignature.size()) != kEndSignature) return std::nullopt;
  const std::size_t entries = ReadLe(zip, end + 10, 2);
  const std::size_t directory_size = ReadLe(zip, end + 12, 4);
  const std::size_t directory_offset = ReadLe(zip, end + 16, 4);
  if (directory_offset > end || directory_size > end - directory_offset) return std::nullopt;

  bool content_types = false;
  bool word = false;
  bool excel = false;
  bool powerpoint = false;
  std::size_t pos = directory_offset;
  const std::size_t directory_end = directory_offset + directory_size;
  for (std::size_t i = 0; i < entries && i < kMaxZipEntries; ++i) {
    if (directory_end - pos < kEntrySize) break;
    if (zip.substr(pos, kEntrySignature.size()) != kEntrySignature) break;
    const std::size_t name_size = ReadLe(zip, pos + 28, 2);
    const std::size_t rest = name_size + ReadLe(zip, pos + 30, 2) + ReadLe(zip, pos + 32, 2);
    if (directory_end - pos - kEntrySize < rest) break;
    const std::string_view name = zip.substr(pos + kEntrySize, name_size);
    content_types = content_types || name == "[Content_Types].xml";
    word = word || name.starts_with("word/");
    excel = excel || name.starts_with("xl/");
    powerpoint = powerpoint || name.starts_with("ppt/");
    pos += kEntrySize + rest;
  }
  if (!content_types) return std::nullopt;
  if (word) {
    return SniffedType{"application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                       "docx", false};
  }
  if (excel) {
    return SniffedType{"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx",
                       false};
  }
  if (powerpoint) {
    return SniffedType{"application/vnd.openxmlformats-officedocument.presentationml.presentation",
                       "pptx", false};
  }
  return std::nullopt;
}

std::optional<SniffedType> SniffBinary(std::string_view bytes) {
  if (bytes.starts_with("\x89PNG\r\n\x1A\n")) return Png();
  if (bytes.starts_with("\xFF\xD8\xFF")) return Jpeg();
  if (bytes.starts_with("GIF87a") || bytes.starts_with("GIF89a")) return Gif();
  if (bytes.size() >= 12 && bytes.starts_with("RIFF") && bytes.substr(8, 4) == "WEBP") {
    return Webp();
  }
  if (bytes.starts_with("%PDF-")) return Pdf();
  // A local file header, or the end record of an empty archive.
  if (bytes.starts_with("PK\x03\x04") || bytes.starts_with("PK\x05\x06")) {
    return SniffOfficeDocument(bytes).value_or(Zip());
  }
  return std::nullopt;
}

struct Markup {
  std::string_view prefix;  // lower case
  std::string_view name;
};

// Text a browser would render as a document that can run script. Deliberately broad: a plain
// text file that happens to start like this is rare, and refusing it is the safe mistake.
constexpr std::array kMarkup = {
    Markup{"<svg", "SVG"},   Markup{"<?xml", "XML (or SVG)"}, Markup{"<!doctype", "HTML"},
    Markup{"<html", "HTML"}, Markup{"<script", "HTML"},       Markup{"<!--", "HTML"},
    Markup{"<head", "HTML"}, Markup{"<body", "HTML"},         Markup{"<iframe", "HTML"},
};

bool IsAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

std::optional<std::string_view> MarkupName(std::string_view bytes) {
  if (bytes.starts_with(kByteOrderMark)) bytes.remove_prefix(kByteOrderMark.size());
  while (!bytes.empty() && IsAsciiSpace(bytes.front())) bytes.remove_prefix(1);
  for (const Markup& markup : kMarkup) {
    if (StartsWithIgnoringCase(bytes, markup.prefix)) return markup.name;
  }
  return std::nullopt;
}

// Valid UTF-8 without NUL in the first kTextSniffBytes (a sequence may cross that boundary).
bool LooksLikeText(std::string_view bytes) {
  std::size_t pos = 0;
  while (pos < bytes.size() && pos < kTextSniffBytes) {
    if (bytes[pos] == '\0') return false;
    const core::CodePoint c = core::DecodeUtf8At(bytes, pos);
    if (c.length == 0) return false;
    pos += c.length;
  }
  return true;
}

// --- File names ---

// A character that a file name never shows: C0 and C1 controls, DEL, and invisible formatting
// (bidi embeddings, overrides and isolates, zero-width characters, the BOM, tag characters).
// U+202E RIGHT-TO-LEFT OVERRIDE is the classic trick to make "gnp.exe" read as "exe.png".
bool IsInvisible(char32_t c) {
  return c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0xAD || c == 0x061C ||
         (c >= 0x200B && c <= 0x200F) || (c >= 0x202A && c <= 0x202E) ||
         (c >= 0x2060 && c <= 0x206F) || c == 0xFEFF || (c >= 0xFFF9 && c <= 0xFFFB) ||
         (c >= 0xE0000 && c <= 0xE007F);
}

bool IsSpace(char32_t c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' || c == 0xA0 ||
         (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F ||
         c == 0x3000;
}

bool IsQuote(char32_t c) { return c == '"' || c == '\'' || c == '`'; }

bool IsSafeAscii(char32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '-' || c == '_' || c == '(' || c == ')' || c == '+' || c == ',';
}

struct Range {
  char32_t first;
  char32_t last;
};

// Letters, marks and digits of the common scripts; conservative on purpose (no punctuation or
// symbols, which include look-alikes of '/', '.' and quotes such as U+2215 or U+FF0F).
constexpr std::array kLetterRanges = {
    Range{0x00C0, 0x00D6},                         // Latin-1 letters (without × and ÷)
    Range{0x00D8, 0x00F6}, Range{0x00F8, 0x02AF},  // Latin Extended-A/B, IPA
    Range{0x0300, 0x036F},                         // combining diacritics (NFD names)
    Range{0x0386, 0x0386}, Range{0x0388, 0x03FF},  // Greek
    Range{0x0400, 0x052F},                         // Cyrillic
    Range{0x0531, 0x0587},                         // Armenian
    Range{0x05B0, 0x05BD}, Range{0x05D0, 0x05EA},  // Hebrew
    Range{0x0620, 0x0669}, Range{0x0671, 0x06D3},  // Arabic
    Range{0x0900, 0x0DFF},                         // Indic scripts
    Range{0x0E01, 0x0E5B},                         // Thai
    Range{0x1E00, 0x1EFF},                         // Latin Extended Additional (Vietnamese)
    Range{0x3041, 0x30FF},                         // Hiragana, Katakana
    Range{0x3400, 0x4DBF}, Range{0x4E00, 0x9FFF},  // CJK ideographs
    Range{0xAC00, 0xD7A3},                         // Hangul syllables
};

bool IsLetter(char32_t c) {
  return std::ranges::any_of(kLetterRanges,
                             [c](const Range& r) { return c >= r.first && c <= r.last; });
}

// The part of `name` after its last '/' or '\'.
std::string_view BaseName(std::string_view name) {
  const std::size_t slash = name.find_last_of("/\\");
  return slash == std::string_view::npos ? name : name.substr(slash + 1);
}

// Each character of `name` kept, dropped or replaced; spaces collapsed.
std::string CleanCharacters(std::string_view name) {
  std::string out;
  bool after_space = false;
  for (std::size_t pos = 0; pos < name.size();) {
    const core::CodePoint c = core::DecodeUtf8At(name, pos);
    pos += std::max<std::size_t>(c.length, 1);
    const bool valid = c.length != 0;  // an invalid byte is replaced like any other character
    if (valid && IsSpace(c.value)) {
      if (!after_space) out.push_back(' ');
    } else if (valid && (IsInvisible(c.value) || IsQuote(c.value))) {
      continue;
    } else if (valid && (IsSafeAscii(c.value) || IsLetter(c.value))) {
      core::AppendUtf8(out, c.value);
    } else {
      out.push_back('_');
    }
    after_space = !out.empty() && out.back() == ' ';
  }
  return out;
}

bool IsDotOrSpace(char c) { return c == '.' || c == ' '; }

std::string_view TrimDotsAndSpaces(std::string_view s) {
  while (!s.empty() && IsDotOrSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsDotOrSpace(s.back())) s.remove_suffix(1);
  return s;
}

// Longest extension we recognise as one; "v1.2 final notes" has none.
constexpr std::size_t kMaxExtensionBytes = 10;

bool IsAsciiAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// The extension of `name` (after its last dot, 1 to 10 ASCII letters or digits), or empty.
std::string_view ExtensionOf(std::string_view name) {
  const std::size_t dot = name.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return {};
  const std::string_view ext = name.substr(dot + 1);
  if (ext.empty() || ext.size() > kMaxExtensionBytes || !std::ranges::all_of(ext, IsAsciiAlnum)) {
    return {};
  }
  return ext;
}

// Whether a name ending in `.ext` describes a file of `type`: the sniffed extension itself,
// or a usual alias of it (text covers CSV, TSV, Markdown and logs).
bool ExtensionAgrees(std::string_view ext, const SniffedType& type) {
  const std::string lower = AsciiLower(ext);
  if (lower == type.extension) return true;
  if (type.extension == "jpg") return lower == "jpeg" || lower == "jpe";
  if (type.extension == "txt") {
    return lower == "csv" || lower == "tsv" || lower == "md" || lower == "log" || lower == "text";
  }
  return false;
}

// `s` cut to at most `max_bytes` without splitting a UTF-8 sequence. REQUIRES: `s` is valid
// UTF-8.
std::string_view CutOnCodePoint(std::string_view s, std::size_t max_bytes) {
  if (s.size() <= max_bytes) return s;
  std::size_t cut = max_bytes;
  while (cut > 0 && core::IsUtf8Continuation(static_cast<unsigned char>(s[cut]))) --cut;
  return s.substr(0, cut);
}

// Characters allowed unencoded in an RFC 8187 ext-value (attr-char).
bool IsAttrChar(char c) {
  return IsAsciiAlnum(c) || std::string_view("!#$&+-.^_`|~").find(c) != std::string_view::npos;
}

}  // namespace

core::Result<SniffedType> SniffType(std::string_view bytes) {
  // Binary signatures first: a polyglot that is a valid image is that image, served as one.
  if (std::optional<SniffedType> binary = SniffBinary(bytes)) return *std::move(binary);
  if (const std::optional<std::string_view> markup = MarkupName(bytes)) {
    return core::Unprocessable(fmt::format("{} is not an accepted file type", *markup), "file");
  }
  if (LooksLikeText(bytes)) return Text();
  return core::Unprocessable(
      "this file type is not accepted; accepted types are images (PNG, JPEG, GIF, WebP), PDF, "
      "ZIP archives (including Word, Excel and PowerPoint documents) and UTF-8 text (such as "
      "CSV)",
      "file");
}

std::string CleanFilename(std::string_view name, const SniffedType& type) {
  const std::string cleaned = CleanCharacters(BaseName(name));
  std::string_view base = TrimDotsAndSpaces(cleaned);
  std::string_view ext = ExtensionOf(base);
  if (!ext.empty()) base = TrimDotsAndSpaces(base.substr(0, base.size() - ext.size() - 1));
  if (!ext.empty() && !ExtensionAgrees(ext, type)) {
    // "photo.png.exe" holding a PNG is "photo.png" rather than "photo.png.png".
    const std::string_view inner = ExtensionOf(base);
    if (!inner.empty() && ExtensionAgrees(inner, type)) {
      ext = inner;
      base = TrimDotsAndSpaces(base.substr(0, base.size() - inner.size() - 1));
    } else {
      ext = {};
    }
  }
  if (ext.empty()) ext = type.extension;
  const std::size_t suffix_bytes = ext.empty() ? 0 : ext.size() + 1;
  base = TrimDotsAndSpaces(CutOnCodePoint(base, kMaxFilenameBytes - suffix_bytes));
  std::string out(base.empty() ? std::string_view("file") : base);
  if (!ext.empty()) {
    out.push_back('.');
    out.append(ext);
  }
  return out;
}

core::Result<SniffedType> CheckUpload(std::string_view bytes, const AttachmentLimits& limits) {
  if (bytes.empty()) return core::Unprocessable("file is empty", "file");
  if (bytes.size() > limits.max_bytes) {
    constexpr std::size_t kMiB = std::size_t{1} << 20U;
    const std::string limit = limits.max_bytes % kMiB == 0
                                  ? fmt::format("{} MiB", limits.max_bytes / kMiB)
                                  : fmt::format("{} bytes", limits.max_bytes);
    return core::MakeError(core::ErrorCode::kTooLarge, fmt::format("file is larger than {}", limit),
                           "file");
  }
  return SniffType(bytes);
}

std::string ContentDisposition(std::string_view filename, const SniffedType& type) {
  std::string fallback;
  std::string encoded;
  for (std::size_t pos = 0; pos < filename.size();) {
    const core::CodePoint c = core::DecodeUtf8At(filename, pos);
    const std::string_view sequence = filename.substr(pos, std::max<std::size_t>(c.length, 1));
    pos += sequence.size();
    if (c.length == 0) {  // invalid UTF-8: neither header form may carry it
      fallback.push_back('_');
      encoded.push_back('_');
      continue;
    }
    if (c.value < 0x20 || (c.value >= 0x7F && c.value <= 0x9F)) continue;
    const bool plain_ascii = c.value < 0x7F && c.value != '"' && c.value != '\\' && c.value != '%';
    fallback.push_back(plain_ascii ? static_cast<char>(c.value) : '_');
    for (const char byte : sequence) {
      if (IsAttrChar(byte)) {
        encoded.push_back(byte);
      } else {
        encoded.append(fmt::format("%{:02X}", static_cast<unsigned char>(byte)));
      }
    }
  }
  return fmt::format("{}; filename=\"{}\"; filename*=UTF-8''{}",
                     type.inline_safe ? "inline" : "attachment", fallback, encoded);
}

}  // namespace rapport::kb

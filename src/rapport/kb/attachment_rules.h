#pragma once

// What an uploaded attachment may be, and how it is named and served.
//
// The type of an upload comes from its bytes alone, never from its name or from a header the
// client sent: a PNG named "invoice.exe" is a PNG, and an HTML page named "cat.png" is
// refused. Formats that can carry script when a browser renders them (HTML, SVG, XML) are not
// accepted at all. Images may be shown inline; everything else is served as a download. The
// HTTP layer serves every attachment with its sniffed type and `X-Content-Type-Options:
// nosniff`, so a polyglot (a valid GIF that also contains HTML) is only ever an image to the
// browser.
//
// Thread-safety: pure functions and value types.

#include <cstddef>
#include <string>
#include <string_view>

#include "rapport/core/error.h"

namespace rapport::kb {

struct AttachmentLimits {
  std::size_t max_bytes = std::size_t{10} << 20U;  // 10 MiB
};

struct SniffedType {
  std::string content_type;  // e.g. "image/png", "text/plain; charset=utf-8"
  std::string extension;     // lower case, without the dot: "png", "txt"
  // May be shown inline (images); otherwise served as an attachment download.
  bool inline_safe = false;

  friend bool operator==(const SniffedType&, const SniffedType&) = default;
};

// The type of `bytes` from their signature: PNG, JPEG, GIF, WebP, PDF, ZIP (a ZIP whose
// central directory lists "[Content_Types].xml" and a "word/", "xl/" or "ppt/" part is a
// .docx, .xlsx or .pptx), or plain text (the first 8 KiB are valid UTF-8 without NUL; CSV is
// text). Unprocessable (field "file") for HTML, SVG or XML, i.e. text that starts, after an
// optional byte-order mark and whitespace, with "<svg", "<?xml", "<!doctype", "<html",
// "<script" and a few other tags (case-insensitive); and for anything else, naming the
// accepted types.
core::Result<SniffedType> SniffType(std::string_view bytes);

inline constexpr std::size_t kMaxFilenameBytes = 120;

// A safe file name for storage and Content-Disposition, built from the client's `name`:
//  - only the base name is kept (anything up to the last '/' or '\' is dropped);
//  - control and invisible formatting characters (bidi overrides, zero-width) and quotes
//    are removed; ASCII whitespace and Unicode spaces become one space;
//  - ASCII letters, digits and " ._-()+," are kept, as are letters of the common scripts
//    (valid UTF-8); anything else (invalid UTF-8 included) becomes '_';
//  - leading and trailing dots and spaces are trimmed;
//  - the extension is replaced by `type.extension` when it disagrees with it ("cat.html"
//    whose bytes are PNG becomes "cat.png", "photo.png.exe" becomes "photo.png"; "photo.JPEG"
//    and "people.csv" as text stay), or appended when missing;
//  - the result is at most kMaxFilenameBytes, cut on a code point boundary before the
//    extension;
//  - an empty base name becomes "file" ("file.png").
// Never returns "", "." or "..", nor a name with a path separator.
std::string CleanFilename(std::string_view name, const SniffedType& type);

// Validates an upload and returns its sniffed type: Unprocessable for an empty file, kTooLarge
// above `limits.max_bytes`, and SniffType's errors; always with field "file".
core::Result<SniffedType> CheckUpload(std::string_view bytes, const AttachmentLimits& limits = {});

// The value of the HTTP Content-Disposition header (RFC 6266): "inline" for inline-safe types,
// else "attachment", with filename="<ASCII fallback>" (non-ASCII, quotes, backslashes and
// percent signs replaced by '_') and filename*=UTF-8''<percent-encoded> (RFC 8187). Safe for
// any `filename` (control characters never reach the header), though it is meant for one
// CleanFilename returned.
std::string ContentDisposition(std::string_view filename, const SniffedType& type);

}  // namespace rapport::kb

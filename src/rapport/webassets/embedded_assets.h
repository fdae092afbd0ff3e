#pragma once

// The built web UI (web/dist), compiled into the binary so `rapport serve` needs no files
// beside it. The definition is generated at build time by cmake/EmbedAssets.cmake.
// Thread-safety: the table is immutable after first use; safe to call from any thread.

#include <span>
#include <string_view>

namespace rapport::webassets {

struct EmbeddedFile {
  std::string_view path;          // URL path, e.g. "/index.html", "/assets/index-Ab12Cd.js".
  std::string_view content_type;  // e.g. "text/javascript; charset=utf-8".
  std::string_view data;          // The file's bytes; may contain NULs.
  bool immutable;                 // Content-hashed name under /assets/: cache forever.
};

// Every embedded file, sorted by `path` (byte-wise), so lookups may binary-search. Empty when
// the binary was built without the web UI.
std::span<const EmbeddedFile> EmbeddedFiles();

}  // namespace rapport::webassets

#pragma once

// The web UI's built files, served from memory: index.html and hashed assets. Files come
// either from the copy embedded in the binary or from a folder read once at start-up
// (`server.web_dir`), so serving never touches the disk. Paths that are not files get
// index.html (the single-page app routes them in the browser), except under /api/, /assets/
// and /metrics, which answer a JSON 404 so that a missing script or endpoint is never masked.
// Thread-safety: immutable after construction; safe for concurrent use.

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "rapport/core/error.h"
#include "rapport/http/request.h"

namespace rapport::api {

struct StaticFile {
  std::string path;  // "/index.html", "/assets/index-Ab12.js"
  std::string content_type;
  std::string data;
  bool immutable = false;  // hashed file name: may be cached for a year
};

class StaticAssets {
 public:
  explicit StaticAssets(std::vector<StaticFile> files);
  // Reads every regular file below `dir` (symbolic links are not followed). Files under
  // assets/ are treated as immutable. Unavailable when the folder cannot be read.
  static core::Result<StaticAssets> FromDirectory(const std::string& dir);

  std::size_t size() const { return files_.size(); }
  http::Response Serve(const http::Request& request) const;

 private:
  struct Entry {
    StaticFile file;
    std::string etag;
  };
  const Entry* Find(std::string_view path) const;

  std::map<std::string, Entry, std::less<>> files_;
};

// The content type for a file name's extension; application/octet-stream when unknown.
std::string_view ContentTypeFor(std::string_view path);

}  // namespace rapport::api

#include "rapport/api/static_assets.h"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace rapport::api {
namespace {

constexpr std::string_view kIndex = "/index.html";

// FNV-1a, 64 bits: a strong-enough validator for content that only changes with a release.
std::string MakeEtag(std::string_view data) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : data) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return fmt::format("\"{:016x}-{:x}\"", h, data.size());
}

bool IsReservedPrefix(std::string_view path) {
  return path.starts_with("/api/") || path == "/api" || path.starts_with("/assets/") ||
         path == "/metrics";
}

}  // namespace

std::string_view ContentTypeFor(std::string_view path) {
  const auto dot = path.rfind('.');
  const std::string_view ext = dot == std::string_view::npos ? "" : path.substr(dot + 1);
  static constexpr std::pair<std::string_view, std::string_view> kTypes[] = {
      {"html", "text/html; charset=utf-8"},
      {"js", "text/javascript; charset=utf-8"},
      {"mjs", "text/javascript; charset=utf-8"},
      {"css", "text/css; charset=utf-8"},
      {"json", "application/json"},
      {"map", "application/json"},
      {"webmanifest", "application/manifest+json"},
      {"svg", "image/svg+xml"},
      {"png", "image/png"},
      {"jpg", "image/jpeg"},
      {"ico", "image/x-icon"},
      {"woff2", "font/woff2"},
      {"txt", "text/plain; charset=utf-8"},
  };
  for (const auto& [e, type] : kTypes) {
    if (e == ext) return type;
  }
  return "application/octet-stream";
}

StaticAssets::StaticAssets(std::vector<StaticFile> files) {
  for (auto& f : files) {
    std::string etag = MakeEtag(f.data);
    std::string path = f.path;
    files_.emplace(std::move(path), Entry{std::move(f), std::move(etag)});
  }
}

core::Result<StaticAssets> StaticAssets::FromDirectory(const std::string& dir) {
  namespace fs = std::filesystem;
  std::vector<StaticFile> files;
  std::error_code ec;
  fs::recursive_directory_iterator it(dir, ec);
  if (ec) return core::Unavailable(fmt::format("cannot read web folder {}: {}", dir, ec.message()));
  for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec)
      return core::Unavailable(fmt::format("cannot read web folder {}: {}", dir, ec.message()));
    if (!it->is_regular_file(ec) || it->is_symlink(ec)) continue;
    const std::string rel = "/" + fs::relative(it->path(), dir, ec).generic_string();
    std::ifstream in(it->path(), std::ios::binary);
    std::ostringstream data;
    data << in.rdbuf();
    if (!in) return core::Unavailable(fmt::format("cannot read {}", it->path().string()));
    files.push_back({rel, std::string(ContentTypeFor(rel)), std::move(data).str(),
                     rel.starts_with("/assets/")});
  }
  return StaticAssets(std::move(files));
}

const StaticAssets::Entry* StaticAssets::Find(std::string_view path) const {
  const auto it = files_.find(path);
  return it == files_.end() ? nullptr : &it->second;
}

http::Response StaticAssets::Serve(const http::Request& request) const {
  const std::string_view path = request.path;
  const Entry* entry = path == "/" ? Find(kIndex) : Find(path);
  if (entry == nullptr) {
    if (IsReservedPrefix(path)) {
      return http::Response::FromError(
          core::Error(core::ErrorCode::kNotFound, fmt::format("no resource at {}", path)));
    }
    entry = Find(kIndex);  // a client-side route
    if (entry == nullptr) {
      return http::Response::FromError(core::Error(
          core::ErrorCode::kNotFound, "the web UI is not built; run `make web` and rebuild"));
    }
  }
  const bool immutable = entry->file.immutable;
  http::Response response;
  response.content_type = entry->file.content_type;
  response.headers.emplace_back("ETag", entry->etag);
  // Hashed assets never change under their name; everything else is revalidated each time so
  // a new release shows up at once.
  response.headers.emplace_back("Cache-Control",
                                immutable ? "public, max-age=31536000, immutable" : "no-cache");
  if (const auto inm = request.Header("if-none-match"); inm && *inm == entry->etag) {
    response.status = 304;
    return response;
  }
  response.body = entry->file.data;
  return response;
}

}  // namespace rapport::api

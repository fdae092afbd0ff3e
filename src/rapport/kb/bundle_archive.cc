// Reading and writing bundles: folders on disk, and zip / tar archives through libarchive.

#include <archive.h>
#include <archive_entry.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <memory>
#include <set>
#include <system_error>

#include "rapport/kb/bundle.h"
#include "rapport/kb/internal/bundle_text.h"

namespace rapport::kb {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t kReadChunk = 64 * 1024;
// Written into every zip entry, so the same files always give the same archive.
constexpr time_t kFixedMtime = 946684800;  // 2000-01-01T00:00:00Z

std::unexpected<core::Error> TooLarge(std::string message) {
  return core::MakeError(core::ErrorCode::kTooLarge, std::move(message), "bundle");
}

// Counts files and bytes against the limits as a bundle is read.
class Budget {
 public:
  explicit Budget(const BundleLimits& limits) : limits_(limits) {}

  core::Status AddFile(std::string_view path) {
    if (++files_ > limits_.max_files) {
      return TooLarge(fmt::format("more than {} files", limits_.max_files));
    }
    return CheckBundlePath(path, limits_.max_path_bytes);
  }
  core::Status CheckDeclared(std::string_view path, std::uint64_t size) const {
    if (size > limits_.max_file_bytes) {
      return TooLarge(fmt::format("{} is larger than {} bytes", path, limits_.max_file_bytes));
    }
    return core::Ok();
  }
  // `file_bytes` is the size of the current file so far, `more` what is being added.
  core::Status AddBytes(std::string_view path, std::uint64_t file_bytes, std::uint64_t more) {
    if (file_bytes + more > limits_.max_file_bytes) {
      return TooLarge(fmt::format("{} is larger than {} bytes", path, limits_.max_file_bytes));
    }
    total_ += more;
    if (total_ > limits_.max_total_bytes) {
      return TooLarge(
          fmt::format("the files add up to more than {} bytes", limits_.max_total_bytes));
    }
    return core::Ok();
  }

 private:
  const BundleLimits& limits_;
  std::size_t files_ = 0;
  std::uint64_t total_ = 0;
};

bool IsHidden(std::string_view component) { return component.starts_with('.'); }

// ----- folders -----

// Closes a file descriptor on scope exit.
class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

// Reads a regular file without following a link in its last component.
core::Result<std::string> ReadRegularFile(const fs::path& file, std::string_view rel,
                                          Budget& budget) {
  const Fd fd(::open(file.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC));
  if (fd.get() < 0) return core::Unavailable(fmt::format("cannot open {}", rel));
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0 || !S_ISREG(st.st_mode)) {
    return core::InvalidArgument(fmt::format("{} is not a regular file", rel), "path");
  }
  RAPPORT_RETURN_IF_ERROR(budget.AddBytes(rel, 0, static_cast<std::uint64_t>(st.st_size)));
  std::string bytes(static_cast<std::size_t>(st.st_size), '\0');
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::read(fd.get(), bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return core::Unavailable(fmt::format("cannot read {}", rel));
    if (n == 0) break;  // shrank while reading
    done += static_cast<std::size_t>(n);
  }
  bytes.resize(done);
  return bytes;
}

bool IsInside(const fs::path& root, const fs::path& target) {
  auto r = root.begin();
  auto t = target.begin();
  for (; r != root.end(); ++r, ++t) {
    if (t == target.end() || *r != *t) return false;
  }
  return true;
}

// ----- archives -----

struct ArchiveReadDeleter {
  void operator()(archive* a) const { archive_read_free(a); }
};
struct ArchiveWriteDeleter {
  void operator()(archive* a) const { archive_write_free(a); }
};
struct EntryDeleter {
  void operator()(archive_entry* e) const { archive_entry_free(e); }
};

std::string ArchiveError(archive* a) {
  const char* message = archive_error_string(a);
  return message == nullptr ? std::string("unknown error") : std::string(message);
}

// The entry's path made relative ("./a/b" -> "a/b", "dir/" -> "dir"); "" for the root.
std::string EntryPath(archive_entry* entry) {
  const char* utf8 = archive_entry_pathname_utf8(entry);
  const char* raw = utf8 != nullptr ? utf8 : archive_entry_pathname(entry);
  std::string path = raw == nullptr ? std::string() : std::string(raw);
  while (path.starts_with("./")) path.erase(0, 2);
  while (path.ends_with('/')) path.pop_back();
  if (path == ".") path.clear();
  return path;
}

// Rejects what must never be unpacked, skips what is not content. Returns false to skip.
core::Result<bool> AcceptEntry(archive_entry* entry, const std::string& path) {
  const char* raw = archive_entry_pathname(entry);
  if (raw != nullptr && raw[0] == '/') {
    return core::InvalidArgument(fmt::format("absolute path in the archive: {}", raw), "path");
  }
  for (const std::string_view part : SplitPath(path)) {
    if (part == "..") {
      return core::InvalidArgument(fmt::format("\"..\" in an archive path: {}", path), "path");
    }
  }
  if (archive_entry_hardlink(entry) != nullptr || archive_entry_symlink(entry) != nullptr) {
    return core::InvalidArgument(fmt::format("link in the archive: {}", path), "path");
  }
  const auto type = archive_entry_filetype(entry);
  if (type == AE_IFDIR || path.empty()) return false;
  if (type != AE_IFREG) {
    return core::InvalidArgument(fmt::format("{} is not a regular file", path), "path");
  }
  for (const std::string_view part : SplitPath(path)) {
    if (IsHidden(part)) return false;
  }
  return true;
}

core::Result<std::string> ReadEntryData(archive* a, archive_entry* entry, const std::string& path,
                                        Budget& budget) {
  if (archive_entry_size_is_set(entry) != 0 && archive_entry_size(entry) > 0) {
    // Refuse early what declares itself too large; the loop below still counts real bytes.
    RAPPORT_RETURN_IF_ERROR(
        budget.CheckDeclared(path, static_cast<std::uint64_t>(archive_entry_size(entry))));
  }
  std::string bytes;
  std::array<char, kReadChunk> chunk{};
  while (true) {
    const la_ssize_t n = archive_read_data(a, chunk.data(), chunk.size());
    if (n == 0) break;
    if (n < 0) {
      return core::InvalidArgument(fmt::format("cannot read {}: {}", path, ArchiveError(a)),
                                   "bundle");
    }
    RAPPORT_RETURN_IF_ERROR(budget.AddBytes(path, bytes.size(), static_cast<std::uint64_t>(n)));
    bytes.append(chunk.data(), static_cast<std::size_t>(n));
  }
  return bytes;
}

la_ssize_t AppendToString(archive* /*a*/, void* client, const void* buffer, size_t length) {
  static_cast<std::string*>(client)->append(static_cast<const char*>(buffer), length);
  return static_cast<la_ssize_t>(length);
}

void SortByPath(std::vector<BundleFile>& files) { std::ranges::sort(files, {}, &BundleFile::path); }

}  // namespace

core::Status CheckBundlePath(std::string_view path, std::size_t max_path_bytes) {
  const auto bad = [&](std::string_view why) {
    return core::InvalidArgument(fmt::format("{}: {}", path, why), "path");
  };
  if (path.empty()) return bad("empty path");
  if (path.size() > max_path_bytes) {
    return bad(fmt::format("path longer than {} bytes", max_path_bytes));
  }
  if (path.front() == '/') return bad("absolute path");
  if (!IsValidUtf8(path)) return bad("not UTF-8");
  for (const char c : path) {
    if (c == '\\') return bad("backslash in path");
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return bad("control character");
  }
  for (const std::string_view part : SplitPath(path, /*keep_empty=*/true)) {
    if (part.empty() || part == "." || part == "..") return bad("empty, \".\" or \"..\" part");
  }
  return core::Ok();
}

core::Result<std::vector<BundleFile>> ReadBundleDirectory(const fs::path& root,
                                                          const BundleLimits& limits) {
  std::error_code ec;
  if (!fs::is_directory(root, ec)) {
    return core::NotFound(fmt::format("{} is not a folder", root.string()));
  }
  const fs::path canonical_root = fs::canonical(root, ec);
  if (ec) return core::Unavailable(fmt::format("cannot read {}: {}", root.string(), ec.message()));
  Budget budget(limits);
  std::vector<BundleFile> files;
  fs::recursive_directory_iterator it(canonical_root, fs::directory_options::none, ec);
  if (ec) return core::Unavailable(fmt::format("cannot read {}: {}", root.string(), ec.message()));
  for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) break;
    const fs::directory_entry& entry = *it;
    const std::string rel = entry.path().lexically_relative(canonical_root).generic_string();
    if (IsHidden(entry.path().filename().string())) {
      if (entry.is_directory(ec) && !entry.is_symlink(ec)) it.disable_recursion_pending();
      continue;
    }
    fs::path source = entry.path();
    if (entry.is_symlink(ec)) {
      const fs::path target = fs::canonical(entry.path(), ec);
      if (ec || !IsInside(canonical_root, target)) {
        return core::InvalidArgument(fmt::format("{} links outside the bundle", rel), "path");
      }
      if (!fs::is_regular_file(target, ec)) continue;  // a folder's files are read there
      source = target;
    } else if (!entry.is_regular_file(ec)) {
      continue;  // folders are walked; sockets, devices and pipes are no content
    }
    RAPPORT_RETURN_IF_ERROR(budget.AddFile(rel));
    RAPPORT_ASSIGN_OR_RETURN(std::string bytes, ReadRegularFile(source, rel, budget));
    files.push_back({.path = rel, .bytes = std::move(bytes)});
  }
  if (ec) return core::Unavailable(fmt::format("cannot read {}: {}", root.string(), ec.message()));
  SortByPath(files);
  return files;
}

core::Result<std::vector<BundleFile>> ReadBundleZip(std::string_view bytes,
                                                    const BundleLimits& limits) {
  const std::unique_ptr<archive, ArchiveReadDeleter> a(archive_read_new());
  if (!a) return core::Internal("cannot allocate an archive reader");
  // Formats and filters are named, never "all": some of those run external programs.
  archive_read_support_format_zip(a.get());
  archive_read_support_format_tar(a.get());
  archive_read_support_filter_gzip(a.get());
  archive_read_support_filter_bzip2(a.get());
  archive_read_support_filter_xz(a.get());
  if (archive_read_open_memory(a.get(), bytes.data(), bytes.size()) != ARCHIVE_OK) {
    return core::InvalidArgument(fmt::format("not a zip or tar archive: {}", ArchiveError(a.get())),
                                 "bundle");
  }
  Budget budget(limits);
  std::vector<BundleFile> files;
  std::set<std::string> seen;
  archive_entry* entry = nullptr;
  while (true) {
    const int status = archive_read_next_header(a.get(), &entry);
    if (status == ARCHIVE_EOF) break;
    if (status != ARCHIVE_OK && status != ARCHIVE_WARN) {
      return core::InvalidArgument(fmt::format("unreadable archive: {}", ArchiveError(a.get())),
                                   "bundle");
    }
    std::string path = EntryPath(entry);
    RAPPORT_ASSIGN_OR_RETURN(const bool accepted, AcceptEntry(entry, path));
    if (!accepted) continue;
    RAPPORT_RETURN_IF_ERROR(budget.AddFile(path));
    if (!seen.insert(path).second) {
      return core::InvalidArgument(fmt::format("{} is in the archive twice", path), "path");
    }
    RAPPORT_ASSIGN_OR_RETURN(std::string data, ReadEntryData(a.get(), entry, path, budget));
    files.push_back({.path = std::move(path), .bytes = std::move(data)});
  }
  SortByPath(files);
  return files;
}

core::Status WriteBundleDirectory(const fs::path& root, const std::vector<BundleFile>& files) {
  for (const BundleFile& file : files) RAPPORT_RETURN_IF_ERROR(CheckBundlePath(file.path));
  std::error_code ec;
  if (fs::exists(root, ec)) {
    if (!fs::is_directory(root, ec)) {
      return core::InvalidArgument(fmt::format("{} is not a folder", root.string()), "path");
    }
    if (!fs::is_empty(root, ec)) {
      return core::Conflict(fmt::format("{} is not empty", root.string()));
    }
  }
  for (const BundleFile& file : files) {
    const fs::path target = root / fs::path(file.path);
    fs::create_directories(target.parent_path(), ec);
    if (ec) {
      return core::Unavailable(
          fmt::format("cannot create {}: {}", target.parent_path().string(), ec.message()));
    }
    const int fd =
        ::open(target.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (fd < 0) return core::Unavailable(fmt::format("cannot create {}", target.string()));
    std::size_t done = 0;
    bool ok = true;
    while (done < file.bytes.size()) {
      const ssize_t n = ::write(fd, file.bytes.data() + done, file.bytes.size() - done);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        ok = false;
        break;
      }
      done += static_cast<std::size_t>(n);
    }
    ok = (::close(fd) == 0) && ok;
    if (!ok) return core::Unavailable(fmt::format("cannot write {}", target.string()));
  }
  return core::Ok();
}

core::Result<std::string> WriteBundleZip(const std::vector<BundleFile>& files) {
  for (const BundleFile& file : files) RAPPORT_RETURN_IF_ERROR(CheckBundlePath(file.path));
  std::string out;
  const std::unique_ptr<archive, ArchiveWriteDeleter> a(archive_write_new());
  if (!a) return core::Internal("cannot allocate an archive writer");
  const auto failed = [&](std::string_view what) {
    return core::Internal(
        fmt::format("cannot write the zip ({}): {}", what, ArchiveError(a.get())));
  };
  if (archive_write_set_format_zip(a.get()) != ARCHIVE_OK) return failed("format");
  if (archive_write_zip_set_compression_deflate(a.get()) != ARCHIVE_OK) return failed("deflate");
  archive_write_set_bytes_in_last_block(a.get(), 1);  // no padding after the archive
  if (archive_write_open2(a.get(), &out, nullptr, AppendToString, nullptr, nullptr) != ARCHIVE_OK) {
    return failed("open");
  }
  for (const BundleFile& file : files) {
    const std::unique_ptr<archive_entry, EntryDeleter> entry(archive_entry_new());
    archive_entry_set_pathname_utf8(entry.get(), file.path.c_str());
    archive_entry_set_filetype(entry.get(), AE_IFREG);
    archive_entry_set_perm(entry.get(), 0644);
    archive_entry_set_size(entry.get(), static_cast<la_int64_t>(file.bytes.size()));
    archive_entry_set_mtime(entry.get(), kFixedMtime, 0);
    archive_entry_set_uid(entry.get(), 0);
    archive_entry_set_gid(entry.get(), 0);
    if (archive_write_header(a.get(), entry.get()) != ARCHIVE_OK) return failed(file.path);
    if (!file.bytes.empty() && archive_write_data(a.get(), file.bytes.data(), file.bytes.size()) !=
                                   static_cast<la_ssize_t>(file.bytes.size())) {
      return failed(file.path);
    }
  }
  if (archive_write_close(a.get()) != ARCHIVE_OK) return failed("close");
  return out;
}

}  // namespace rapport::kb

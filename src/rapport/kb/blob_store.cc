#include "rapport/kb/blob_store.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <mutex>
#include <system_error>
#include <utility>

namespace rapport::kb {
namespace {

constexpr std::size_t kDigestHexLength = 2 * crypto_hash_sha256_BYTES;
// Blobs are spread over 256 sub-directories named by the first two hex digits, so no single
// directory grows huge.
constexpr std::size_t kShardLength = 2;
// Readable by the group (a backup user), never by others.
constexpr mode_t kBlobMode = 0640;
// Temporary names are unique within the process (counter) and between processes (pid); a
// leftover from a crashed process that had the same pid only costs a retry.
constexpr int kMaxTempAttempts = 16;

bool IsLowerHex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }

bool IsValidDigest(std::string_view digest) {
  if (digest.size() != kDigestHexLength) return false;
  for (const char c : digest) {
    if (!IsLowerHex(c)) return false;
  }
  return true;
}

core::Status CheckDigest(std::string_view digest) {
  if (!IsValidDigest(digest)) {
    return core::InvalidArgument("content digest must be 64 lower-case hex digits", "sha256");
  }
  return core::Ok();
}

// REQUIRES: IsValidDigest(digest), so the path cannot leave `root`.
std::filesystem::path BlobPath(const std::filesystem::path& root, std::string_view digest) {
  return root / digest.substr(0, kShardLength) / digest;
}

std::string ErrnoText(int error) { return std::system_category().message(error); }

// Closes a file descriptor when it goes out of scope unless released.
class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;

  int get() const { return fd_; }
  bool valid() const { return fd_ >= 0; }
  // Closes now and reports the error close() returned (0 when none).
  int Close() {
    const int fd = std::exchange(fd_, -1);
    return fd >= 0 && ::close(fd) != 0 ? errno : 0;
  }

 private:
  int fd_;
};

core::Status WriteAll(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t written = ::write(fd, bytes.data(), bytes.size());
    if (written < 0) {
      if (errno == EINTR) continue;
      return core::Internal(fmt::format("could not write blob: {}", ErrnoText(errno)));
    }
    bytes.remove_prefix(static_cast<std::size_t>(written));
  }
  return core::Ok();
}

// Makes the directory entries in `dir` (a rename, a new sub-directory) durable.
core::Status SyncDirectory(const std::filesystem::path& dir) {
  Fd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!fd.valid() || ::fsync(fd.get()) != 0) {
    return core::Internal(fmt::format("could not sync {}: {}", dir.string(), ErrnoText(errno)));
  }
  return core::Ok();
}

// Creates `dir` (and `root` above it) when missing; syncs the parent of what it created.
core::Status EnsureDirectory(const std::filesystem::path& root, const std::filesystem::path& dir) {
  std::error_code error;
  const bool root_created = std::filesystem::create_directories(root, error);
  if (error) {
    return core::Internal(fmt::format("could not create {}: {}", root.string(), error.message()));
  }
  const bool dir_created = std::filesystem::create_directory(dir, error);
  if (error) {
    return core::Internal(fmt::format("could not create {}: {}", dir.string(), error.message()));
  }
  if (root_created && root.has_parent_path()) {
    RAPPORT_RETURN_IF_ERROR(SyncDirectory(root.parent_path()));
  }
  if (dir_created) RAPPORT_RETURN_IF_ERROR(SyncDirectory(root));
  return core::Ok();
}

// Opens a new, uniquely named temporary file in `dir` for writing; sets `path` to its name.
core::Result<int> CreateTempFile(const std::filesystem::path& dir, std::string_view digest,
                                 std::filesystem::path& path) {
  static std::atomic<std::uint64_t> counter{0};
  for (int attempt = 0; attempt < kMaxTempAttempts; ++attempt) {
    // A leading dot keeps temporary files apart from blob names, which are bare digests.
    path = dir / fmt::format(".{}.{}.{}.tmp", digest, ::getpid(), counter.fetch_add(1));
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, kBlobMode);
    if (fd >= 0) return fd;
    if (errno != EEXIST) {
      return core::Internal(
          fmt::format("could not create {}: {}", path.string(), ErrnoText(errno)));
    }
  }
  return core::Internal(fmt::format("could not find a free temporary name in {}", dir.string()));
}

// Writes `bytes` to the new file `fd` names and flushes them to disk.
core::Status WriteAndSync(Fd& fd, std::string_view bytes) {
  RAPPORT_RETURN_IF_ERROR(WriteAll(fd.get(), bytes));
  if (::fsync(fd.get()) != 0) {
    return core::Internal(fmt::format("could not sync blob: {}", ErrnoText(errno)));
  }
  if (const int error = fd.Close(); error != 0) {
    return core::Internal(fmt::format("could not close blob: {}", ErrnoText(error)));
  }
  return core::Ok();
}

}  // namespace

std::string Sha256Hex(std::string_view bytes) {
  // libsodium documents sodium_init() as a precondition of its functions; call_once keeps it
  // to one call per process. It only fails when no random source can be opened, which
  // hashing does not use, so its result matters to the callers of other functions only.
  static std::once_flag once;
  std::call_once(once, [] {
    if (sodium_init() < 0) return;
  });
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(bytes.data()),
                     bytes.size());
  std::string hex(kDigestHexLength, '\0');
  constexpr std::string_view kHexDigits = "0123456789abcdef";
  for (std::size_t i = 0; i < digest.size(); ++i) {
    hex[2 * i] = kHexDigits[digest[i] >> 4U];
    hex[2 * i + 1] = kHexDigits[digest[i] & 0x0FU];
  }
  return hex;
}

FileBlobStore::FileBlobStore(std::filesystem::path root) : root_(std::move(root)) {}

core::Result<std::string> FileBlobStore::Put(std::string_view bytes) {
  std::string digest = Sha256Hex(bytes);
  const std::filesystem::path final_path = BlobPath(root_, digest);
  const std::filesystem::path dir = final_path.parent_path();

  // Content-addressed: a blob under its digest already holds exactly these bytes (it only
  // ever appears there by an atomic rename of a fully written and synced file).
  struct stat existing {};
  if (::stat(final_path.c_str(), &existing) == 0 && S_ISREG(existing.st_mode)) return digest;

  RAPPORT_RETURN_IF_ERROR(EnsureDirectory(root_, dir));
  std::filesystem::path temp_path;
  RAPPORT_ASSIGN_OR_RETURN(const int raw_fd, CreateTempFile(dir, digest, temp_path));
  Fd fd(raw_fd);
  core::Status written = WriteAndSync(fd, bytes);
  if (written && ::rename(temp_path.c_str(), final_path.c_str()) != 0) {
    written = core::Internal(
        fmt::format("could not rename blob into {}: {}", final_path.string(), ErrnoText(errno)));
  }
  if (!written) {
    fd.Close();
    ::unlink(temp_path.c_str());
    return std::unexpected(std::move(written).error());
  }
  RAPPORT_RETURN_IF_ERROR(SyncDirectory(dir));
  return digest;
}

core::Result<std::string> FileBlobStore::Get(std::string_view sha256) {
  RAPPORT_RETURN_IF_ERROR(CheckDigest(sha256));
  const std::filesystem::path path = BlobPath(root_, sha256);
  Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW));
  if (!fd.valid()) {
    if (errno == ENOENT) return core::NotFound("attachment content not found");
    return core::Internal(fmt::format("could not open {}: {}", path.string(), ErrnoText(errno)));
  }
  struct stat info {};
  if (::fstat(fd.get(), &info) != 0 || !S_ISREG(info.st_mode)) {
    return core::Internal(fmt::format("{} is not a readable file", path.string()));
  }
  std::string bytes;
  bytes.reserve(static_cast<std::size_t>(info.st_size));
  std::array<char, 64 * 1024> buffer{};
  while (true) {
    const ssize_t got = ::read(fd.get(), buffer.data(), buffer.size());
    if (got < 0) {
      if (errno == EINTR) continue;
      return core::Internal(fmt::format("could not read {}: {}", path.string(), ErrnoText(errno)));
    }
    if (got == 0) break;
    bytes.append(buffer.data(), static_cast<std::size_t>(got));
  }
  return bytes;
}

core::Status FileBlobStore::Remove(std::string_view sha256) {
  RAPPORT_RETURN_IF_ERROR(CheckDigest(sha256));
  const std::filesystem::path path = BlobPath(root_, sha256);
  if (::unlink(path.c_str()) != 0 && errno != ENOENT) {
    return core::Internal(fmt::format("could not remove {}: {}", path.string(), ErrnoText(errno)));
  }
  return core::Ok();
}

}  // namespace rapport::kb

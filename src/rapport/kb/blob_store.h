#pragma once

// Where attachment bytes live: content-addressed by their SHA-256, so the same file uploaded
// twice (or by two organisations) is stored once, and a row in the store names its content by
// digest. The store holds the metadata (store::Attachment); a BlobStore holds only bytes.
//
// FileBlobStore keeps each blob in `<root>/<first two hex digits>/<sha256>`, written to a
// temporary file, flushed to disk and renamed into place, so a crash never leaves a partial
// blob under its final name. Thread-safety: safe for concurrent use (Put of the same content
// from two threads writes the same bytes; the rename is atomic).

#include <filesystem>
#include <string>
#include <string_view>

#include "rapport/core/error.h"

namespace rapport::kb {

class BlobStore {
 public:
  virtual ~BlobStore() = default;
  // Stores `bytes` and returns their SHA-256 as 64 lower-case hex digits. Idempotent.
  virtual core::Result<std::string> Put(std::string_view bytes) = 0;
  // The bytes stored under `sha256`. NotFound when absent; InvalidArgument when `sha256` is
  // not 64 lower-case hex digits (so a hostile name can never reach the file system).
  virtual core::Result<std::string> Get(std::string_view sha256) = 0;
  // Removes the blob; Ok when it was already absent.
  virtual core::Status Remove(std::string_view sha256) = 0;
};

class FileBlobStore final : public BlobStore {
 public:
  // `root` is created on first Put when missing.
  explicit FileBlobStore(std::filesystem::path root);

  core::Result<std::string> Put(std::string_view bytes) override;
  core::Result<std::string> Get(std::string_view sha256) override;
  core::Status Remove(std::string_view sha256) override;

 private:
  std::filesystem::path root_;
};

// SHA-256 of `bytes` as 64 lower-case hex digits.
std::string Sha256Hex(std::string_view bytes);

}  // namespace rapport::kb

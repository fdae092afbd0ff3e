#pragma once

// The baseline of the search speed benchmark: SQLite FTS5 over the same documents, in a
// database file of its own.
//
//   CREATE VIRTUAL TABLE docs USING fts5(title, summary, body, tags,
//                                        tokenize='porter unicode61')
//   SELECT rowid, title, snippet(docs, 2, '<mark>', '</mark>', '…', 32) FROM docs
//   WHERE docs MATCH ? ORDER BY bm25(docs, 2.0, 1.0, 1.0, 1.0) LIMIT 10
//
// The row id is the document's number in the repeated corpus; the title and a body snippet
// are read for each hit, as Rapport's index returns them. Inserts run in transactions of a
// batch each (WAL, synchronous=FULL, like the store), and the index is merged into one
// b-tree ('optimize') at the end. Not thread-safe: one thread at a time.

#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "rapport/core/error.h"
#include "rapport/index/search_index.h"

namespace rapport::search_speed {

class Fts5Index {
 public:
  // Creates the database `file` (which must not exist).
  static core::Result<std::unique_ptr<Fts5Index>> Create(const std::filesystem::path& file);
  // Opens the database `file` made by Create.
  static core::Result<std::unique_ptr<Fts5Index>> Open(const std::filesystem::path& file);
  ~Fts5Index();
  Fts5Index(const Fts5Index&) = delete;
  Fts5Index& operator=(const Fts5Index&) = delete;

  // Inserts the documents, numbered from `first`, in one transaction.
  core::Status Insert(const std::vector<index::Document>& docs, std::int64_t first);

  // Merges the index's segments and checkpoints the WAL into the database file.
  core::Status Optimize();

  // Runs the query; returns the number of hits (at most `limit`).
  core::Result<int> Search(std::string_view match, int limit);

  // The database's size on disk (file and WAL).
  std::uintmax_t Bytes() const;

 private:
  static core::Result<std::unique_ptr<Fts5Index>> Connect(const std::filesystem::path& file,
                                                          bool create);
  Fts5Index(sqlite3* db, std::filesystem::path file) : db_(db), file_(std::move(file)) {}
  core::Status Exec(const char* sql);
  core::Status Prepare(std::string_view sql, sqlite3_stmt** statement);

  sqlite3* db_;
  std::filesystem::path file_;
  sqlite3_stmt* insert_ = nullptr;
  sqlite3_stmt* search_ = nullptr;
};

// The FTS5 MATCH expression for a query text: every word as a quoted string (all must occur),
// the last one a prefix ("word"*) when `prefix_last`.
std::string Fts5Match(std::string_view text, bool prefix_last);

}  // namespace rapport::search_speed

#include "bench/search/speed_fts5.h"

#include <fmt/format.h>

#include <system_error>
#include <utility>

#include "bench/search/speed_corpus.h"

namespace rapport::search_speed {
namespace {

constexpr std::string_view kSearchSql =
    "SELECT rowid, title, snippet(docs, 2, '<mark>', '</mark>', '…', 32) FROM docs "
    "WHERE docs MATCH ?1 ORDER BY bm25(docs, 2.0, 1.0, 1.0, 1.0) LIMIT ?2";

core::Status Bind(sqlite3_stmt* statement, int column, std::string_view text) {
  if (sqlite3_bind_text(statement, column, text.data(), static_cast<int>(text.size()),
                        SQLITE_TRANSIENT) != SQLITE_OK) {
    return core::Internal("sqlite bind failed");
  }
  return core::Ok();
}

std::string Joined(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& w : words) {
    if (!out.empty()) out += ' ';
    out += w;
  }
  return out;
}

}  // namespace

core::Result<std::unique_ptr<Fts5Index>> Fts5Index::Create(const std::filesystem::path& file) {
  return Connect(file, /*create=*/true);
}

core::Result<std::unique_ptr<Fts5Index>> Fts5Index::Open(const std::filesystem::path& file) {
  return Connect(file, /*create=*/false);
}

core::Result<std::unique_ptr<Fts5Index>> Fts5Index::Connect(const std::filesystem::path& file,
                                                            bool create) {
  sqlite3* db = nullptr;
  const int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0);
  if (sqlite3_open_v2(file.c_str(), &db, flags, nullptr) != SQLITE_OK) {
    const std::string message = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    return core::Unavailable(fmt::format("sqlite open {}: {}", file.string(), message));
  }
  std::unique_ptr<Fts5Index> index(new Fts5Index(db, file));
  RAPPORT_RETURN_IF_ERROR(index->Exec("PRAGMA journal_mode=WAL"));
  RAPPORT_RETURN_IF_ERROR(index->Exec("PRAGMA synchronous=FULL"));
  if (create) {
    RAPPORT_RETURN_IF_ERROR(
        index->Exec("CREATE VIRTUAL TABLE docs USING fts5(title, summary, body, tags, "
                    "tokenize='porter unicode61')"));
  }
  RAPPORT_RETURN_IF_ERROR(index->Prepare(
      "INSERT INTO docs(rowid, title, summary, body, tags) VALUES (?1, ?2, ?3, ?4, ?5)",
      &index->insert_));
  RAPPORT_RETURN_IF_ERROR(index->Prepare(kSearchSql, &index->search_));
  return index;
}

Fts5Index::~Fts5Index() {
  sqlite3_finalize(insert_);
  sqlite3_finalize(search_);
  sqlite3_close(db_);
}

core::Status Fts5Index::Exec(const char* sql) {
  if (sqlite3_exec(db_, sql, nullptr, nullptr, nullptr) != SQLITE_OK) {
    return core::Internal(fmt::format("sqlite: {}: {}", sqlite3_errmsg(db_), sql));
  }
  return core::Ok();
}

core::Status Fts5Index::Prepare(std::string_view sql, sqlite3_stmt** statement) {
  if (sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                         statement, nullptr) != SQLITE_OK) {
    return core::Internal(fmt::format("sqlite: {}: {}", sqlite3_errmsg(db_), sql));
  }
  return core::Ok();
}

core::Status Fts5Index::Insert(const std::vector<index::Document>& docs, std::int64_t first) {
  RAPPORT_RETURN_IF_ERROR(Exec("BEGIN"));
  for (std::size_t i = 0; i < docs.size(); ++i) {
    const index::Document& doc = docs[i];
    sqlite3_bind_int64(insert_, 1, first + static_cast<std::int64_t>(i));
    RAPPORT_RETURN_IF_ERROR(Bind(insert_, 2, doc.title));
    RAPPORT_RETURN_IF_ERROR(Bind(insert_, 3, doc.summary));
    RAPPORT_RETURN_IF_ERROR(Bind(insert_, 4, doc.body));
    RAPPORT_RETURN_IF_ERROR(Bind(insert_, 5, Joined(doc.tags)));
    const int step = sqlite3_step(insert_);
    sqlite3_reset(insert_);
    if (step != SQLITE_DONE) {
      const std::string message = sqlite3_errmsg(db_);
      (void)Exec("ROLLBACK");
      return core::Internal(fmt::format("sqlite insert: {}", message));
    }
  }
  return Exec("COMMIT");
}

core::Status Fts5Index::Optimize() {
  RAPPORT_RETURN_IF_ERROR(Exec("INSERT INTO docs(docs) VALUES ('optimize')"));
  return Exec("PRAGMA wal_checkpoint(TRUNCATE)");
}

core::Result<int> Fts5Index::Search(std::string_view match, int limit) {
  RAPPORT_RETURN_IF_ERROR(Bind(search_, 1, match));
  sqlite3_bind_int(search_, 2, limit);
  int hits = 0;
  int step = SQLITE_ROW;
  while ((step = sqlite3_step(search_)) == SQLITE_ROW) {
    // Read what a result page needs, as Rapport's index hands it over.
    std::string title(reinterpret_cast<const char*>(sqlite3_column_text(search_, 1)),
                      static_cast<std::size_t>(sqlite3_column_bytes(search_, 1)));
    std::string snippet(reinterpret_cast<const char*>(sqlite3_column_text(search_, 2)),
                        static_cast<std::size_t>(sqlite3_column_bytes(search_, 2)));
    hits += title.empty() && snippet.empty() ? 0 : 1;
  }
  sqlite3_reset(search_);
  if (step != SQLITE_DONE) {
    return core::Internal(fmt::format("sqlite search '{}': {}", match, sqlite3_errmsg(db_)));
  }
  return hits;
}

std::uintmax_t Fts5Index::Bytes() const {
  std::uintmax_t total = 0;
  for (const std::string suffix : {"", "-wal"}) {
    std::error_code ec;
    const std::uintmax_t size = std::filesystem::file_size(file_.string() + suffix, ec);
    if (!ec) total += size;
  }
  return total;
}

std::string Fts5Match(std::string_view text, bool prefix_last) {
  const std::vector<std::string> words = Words(text);
  std::string out;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (!out.empty()) out += ' ';
    out += '"';
    out += words[i];
    out += '"';
    if (prefix_last && i + 1 == words.size()) out += '*';
  }
  return out;
}

}  // namespace rapport::search_speed

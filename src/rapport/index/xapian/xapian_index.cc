#include "rapport/index/xapian/xapian_index.h"

#include <xapian.h>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <exception>
#include <memory>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

#include "rapport/core/thread_annotations.h"
#include "rapport/index/xapian/internal/analysis.h"
#include "rapport/index/xapian/internal/errors.h"
#include "rapport/index/xapian/internal/query_parse.h"
#include "rapport/index/xapian/internal/schema.h"
#include "rapport/index/xapian/internal/searcher.h"

namespace rapport::index {
namespace {

namespace xi = xapian::internal;

constexpr int kMaxLimit = 100;
constexpr unsigned kMinReaders = 2;
constexpr unsigned kMaxReaders = 8;

// One read handle: Xapian objects are not thread-safe, so each is used by one thread at a
// time, under its mutex.
struct Reader {
  core::Mutex mu;
  Xapian::Database db RAPPORT_GUARDED_BY(mu);
  std::uint64_t generation RAPPORT_GUARDED_BY(mu) = 0;
  xi::StemmerCache stemmers RAPPORT_GUARDED_BY(mu);
  xi::BlockBounds bounds RAPPORT_GUARDED_BY(mu);
};

// Releases a reader that Acquire locked.
class ReaderLease {
 public:
  explicit ReaderLease(Reader& reader) : reader_(reader) {}
  ~ReaderLease() RAPPORT_NO_THREAD_SAFETY_ANALYSIS { reader_.mu.Unlock(); }
  ReaderLease(const ReaderLease&) = delete;
  ReaderLease& operator=(const ReaderLease&) = delete;

 private:
  Reader& reader_;
};

class XapianIndex final : public SearchIndex {
 public:
  XapianIndex(std::filesystem::path dir, XapianOptions options)
      : dir_(std::move(dir)), options_(options) {}

  // Opens the writer (when writable) and the read handles. Throws Xapian::Error.
  void Open() RAPPORT_EXCLUDES(write_mu_) {
    if (!options_.read_only) {
      core::MutexLock lock(write_mu_);
      writer_.emplace(dir_.string(), Xapian::DB_CREATE_OR_OPEN | Xapian::DB_BACKEND_GLASS);
    }
    const unsigned threads = std::thread::hardware_concurrency();
    const unsigned count = std::clamp(threads, kMinReaders, kMaxReaders);
    for (unsigned i = 0; i < count; ++i) {
      auto reader = std::make_unique<Reader>();
      core::MutexLock lock(reader->mu);
      reader->db = Xapian::Database(dir_.string());
      readers_.push_back(std::move(reader));
    }
  }

  core::Status Apply(const std::vector<Change>& changes, std::int64_t sequence) override
      RAPPORT_EXCLUDES(write_mu_) {
    if (options_.read_only) return core::MakeError(core::ErrorCode::kConflict, "read-only index");
    for (const Change& change : changes) {
      if (!change.document) continue;
      if (change.document->org != change.org || change.document->id != change.id) {
        return core::InvalidArgument("document org/id differ from the change's", "document");
      }
      RAPPORT_RETURN_IF_ERROR(xi::CheckTermLengths(*change.document));
    }
    core::MutexLock lock(write_mu_);
    core::Status status = xi::Guard("apply", [&]() -> core::Status {
      write_mu_.AssertHeld();  // the lambda runs here, under the lock
      writer_->begin_transaction(/*flushed=*/true);
      try {
        SpellingDelta spelling;
        for (const Change& change : changes) ApplyOne(change, spelling);
        ApplySpelling(spelling);
        writer_->set_metadata(std::string(xi::kSequenceKey), std::to_string(sequence));
        writer_->set_metadata(std::string(xi::kLayoutKey), std::string(xi::kLayoutVersion));
        writer_->commit_transaction();
      } catch (...) {
        CancelQuietly();
        throw;
      }
      return core::Ok();
    });
    generation_.fetch_add(1, std::memory_order_release);
    return status;
  }

  core::Result<std::int64_t> Sequence() override {
    return WithReader("sequence",
                      [](const Xapian::Database& db, xi::StemmerCache&, xi::BlockBounds&) {
                        if (db.get_metadata(std::string(xi::kLayoutKey)) != xi::kLayoutVersion) {
                          return core::Result<std::int64_t>(0);  // another layout: rebuild
                        }
                        const std::string value = db.get_metadata(std::string(xi::kSequenceKey));
                        std::int64_t sequence = 0;
                        std::from_chars(value.data(), value.data() + value.size(), sequence);
                        return core::Result<std::int64_t>(sequence);
                      });
  }

  core::Status Clear() override RAPPORT_EXCLUDES(write_mu_) {
    if (options_.read_only) return core::MakeError(core::ErrorCode::kConflict, "read-only index");
    core::MutexLock lock(write_mu_);
    core::Status status = xi::Guard("clear", [&]() -> core::Status {
      write_mu_.AssertHeld();  // the lambda runs here, under the lock
      writer_->begin_transaction(/*flushed=*/true);
      try {
        ClearAll();
        writer_->commit_transaction();
      } catch (...) {
        CancelQuietly();
        throw;
      }
      return core::Ok();
    });
    generation_.fetch_add(1, std::memory_order_release);
    return status;
  }

  core::Result<std::int64_t> Count(std::string_view org) override {
    const std::string term = xi::BooleanTerm(xi::kOrgPrefix, org);
    return WithReader(
        "count", [&](const Xapian::Database& db, xi::StemmerCache&, xi::BlockBounds&) {
          return core::Result<std::int64_t>(static_cast<std::int64_t>(db.get_termfreq(term)));
        });
  }

  core::Result<Results> Search(const Query& query) override {
    if (query.limit < 1 || query.limit > kMaxLimit) {
      return core::InvalidArgument("limit must be between 1 and 100", "limit");
    }
    if (query.offset < 0) return core::InvalidArgument("offset must not be negative", "offset");
    RAPPORT_ASSIGN_OR_RETURN(const xi::ParsedQuery parsed, xi::ParseQuery(query.text));
    if (parsed.clauses.empty()) return Results{};
    return WithReader("search", [&](const Xapian::Database& db, xi::StemmerCache& stemmers,
                                    xi::BlockBounds& bounds) {
      return core::Result<Results>(
          xi::RunSearch(db, stemmers, bounds, query, parsed, options_.bm25));
    });
  }

 private:
  // How many more (or fewer) documents each word of the spelling dictionary is in. Updating the
  // dictionary once per word and transaction, not once per word and document, is a large part
  // of indexing speed.
  using SpellingDelta = std::unordered_map<std::string, std::int64_t>;

  void ApplyOne(const Change& change, SpellingDelta& spelling) RAPPORT_REQUIRES(write_mu_) {
    const std::string unique = xi::UniqueTerm(change.org, change.id);
    ForgetSpelling(unique, spelling);
    if (!change.document) {
      writer_->delete_document(unique);
      return;
    }
    const xi::FieldWeights weights{.title = options_.title_weight,
                                   .summary = options_.summary_weight,
                                   .tag = options_.tag_weight};
    xi::BuiltDocument built = xi::BuildDocument(*change.document, weights, write_stemmers_);
    writer_->replace_document(unique, built.document);
    for (std::string& word : built.spelling_words) ++spelling[std::move(word)];
  }

  // Counts the words of the document with `unique` (if any) out of the spelling dictionary.
  void ForgetSpelling(const std::string& unique, SpellingDelta& spelling)
      RAPPORT_REQUIRES(write_mu_) {
    auto posting = writer_->postlist_begin(unique);
    if (posting == writer_->postlist_end(unique)) return;
    const Xapian::Document old = writer_->get_document(*posting);
    for (auto term = old.termlist_begin(); term != old.termlist_end(); ++term) {
      if (xi::IsSpellingWord(*term)) --spelling[*term];
    }
  }

  void ApplySpelling(const SpellingDelta& spelling) RAPPORT_REQUIRES(write_mu_) {
    for (const auto& [word, delta] : spelling) {
      if (delta > 0) writer_->add_spelling(word, static_cast<Xapian::termcount>(delta));
      if (delta < 0) writer_->remove_spelling(word, static_cast<Xapian::termcount>(-delta));
    }
  }

  void ClearAll() RAPPORT_REQUIRES(write_mu_) {
    std::vector<Xapian::docid> ids;
    for (auto it = writer_->postlist_begin(""); it != writer_->postlist_end(""); ++it) {
      ids.push_back(*it);
    }
    for (Xapian::docid id : ids) writer_->delete_document(id);
    std::vector<std::pair<std::string, Xapian::termcount>> words;
    for (auto it = writer_->spellings_begin(); it != writer_->spellings_end(); ++it) {
      words.emplace_back(*it, it.get_termfreq());
    }
    for (const auto& [word, freq] : words) writer_->remove_spelling(word, freq);
    writer_->set_metadata(std::string(xi::kSequenceKey), "");
  }

  void CancelQuietly() RAPPORT_REQUIRES(write_mu_) {
    try {
      writer_->cancel_transaction();
    } catch (const Xapian::Error&) {  // NOLINT(bugprone-empty-catch): see below
      // The transaction is gone either way; the original error is the one to report.
    }
  }

  // Runs `fn` on a free read handle, reopened first when a newer commit may exist.
  template <typename Fn>
  auto WithReader(std::string_view what, Fn&& fn)
      -> decltype(fn(std::declval<const Xapian::Database&>(), std::declval<xi::StemmerCache&>(),
                     std::declval<xi::BlockBounds&>())) {
    Reader& reader = Acquire();
    const ReaderLease lease(reader);
    reader.mu.AssertHeld();
    return xi::Guard(
        what,
        [&]() -> decltype(fn(std::declval<const Xapian::Database&>(),
                             std::declval<xi::StemmerCache&>(), std::declval<xi::BlockBounds&>())) {
          reader.mu.AssertHeld();  // the lambda runs here, under the lease
          Refresh(reader);
          try {
            return fn(reader.db, reader.stemmers, reader.bounds);
          } catch (const Xapian::DatabaseModifiedError&) {
            // A writer overwrote the revision being read: reopen and retry once.
            reader.db.reopen();
            return fn(reader.db, reader.stemmers, reader.bounds);
          }
        });
  }

  void Refresh(Reader& reader) RAPPORT_REQUIRES(reader.mu) {
    if (options_.read_only) {
      reader.db.reopen();  // cheap: reads the version file, reopens only when it changed
      return;
    }
    const std::uint64_t generation = generation_.load(std::memory_order_acquire);
    if (reader.generation != generation) {
      reader.db.reopen();
      reader.generation = generation;
    }
  }

  // Returns a reader whose mutex the caller now holds: a free one when there is, else waits.
  Reader& Acquire() RAPPORT_NO_THREAD_SAFETY_ANALYSIS {
    const std::size_t start = next_reader_.fetch_add(1, std::memory_order_relaxed);
    for (std::size_t i = 0; i < readers_.size(); ++i) {
      Reader& reader = *readers_[(start + i) % readers_.size()];
      if (reader.mu.TryLock()) return reader;
    }
    Reader& reader = *readers_[start % readers_.size()];
    reader.mu.Lock();
    return reader;
  }

  const std::filesystem::path dir_;
  const XapianOptions options_;
  core::Mutex write_mu_;
  std::optional<Xapian::WritableDatabase> writer_ RAPPORT_GUARDED_BY(write_mu_);
  xi::StemmerCache write_stemmers_ RAPPORT_GUARDED_BY(write_mu_);
  // Bumped after every commit of writer_, so readers know to reopen.
  std::atomic<std::uint64_t> generation_{0};
  std::vector<std::unique_ptr<Reader>> readers_;  // fixed after Open
  std::atomic<std::size_t> next_reader_{0};
};

}  // namespace

core::Result<std::unique_ptr<SearchIndex>> OpenXapianIndex(const std::filesystem::path& dir,
                                                           const XapianOptions& options) {
  auto index = std::make_unique<XapianIndex>(dir, options);
  RAPPORT_RETURN_IF_ERROR(xapian::internal::Guard("open", [&]() -> core::Status {
    index->Open();
    return core::Ok();
  }));
  return std::unique_ptr<SearchIndex>(std::move(index));
}

}  // namespace rapport::index

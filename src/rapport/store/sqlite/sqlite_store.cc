#include "rapport/store/sqlite/sqlite_store.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <exception>
#include <system_error>
#include <thread>
#include <vector>

#include "rapport/core/thread_annotations.h"
#include "rapport/store/sqlite/internal/api_tokens.h"
#include "rapport/store/sqlite/internal/articles.h"
#include "rapport/store/sqlite/internal/attachments.h"
#include "rapport/store/sqlite/internal/audit.h"
#include "rapport/store/sqlite/internal/categories.h"
#include "rapport/store/sqlite/internal/connection.h"
#include "rapport/store/sqlite/internal/kb_feedback.h"
#include "rapport/store/sqlite/internal/kb_settings.h"
#include "rapport/store/sqlite/internal/migrations_sql.h"
#include "rapport/store/sqlite/internal/organisations.h"
#include "rapport/store/sqlite/internal/people.h"
#include "rapport/store/sqlite/internal/search_changes.h"
#include "rapport/store/sqlite/internal/search_log.h"
#include "rapport/store/sqlite/internal/search_settings.h"
#include "rapport/store/sqlite/internal/sessions.h"
#include "rapport/store/sqlite/internal/synonyms.h"
#include "rapport/store/sqlite/internal/teams.h"
#include "rapport/store/sqlite/internal/user_links.h"
#include "rapport/store/sqlite/internal/users.h"

namespace rapport::store::sqlite {
namespace {

using internal::Connection;

constexpr std::string_view kDurationMetric = "rapport_store_operation_duration_seconds";
constexpr std::string_view kDurationHelp =
    "Duration of store transactions, including the wait for a connection.";
// Reads page 1 and the schema, so it notices a damaged or foreign file.
constexpr std::string_view kPingSql = "SELECT count(*) FROM sqlite_schema";

// Observes the elapsed time into a histogram (if any) when it goes out of scope.
class ScopedTimer {
 public:
  explicit ScopedTimer(core::HistogramMetric* histogram)
      : histogram_(histogram), start_(std::chrono::steady_clock::now()) {}
  ~ScopedTimer() {
    if (histogram_ == nullptr) return;
    const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start_;
    histogram_->Observe(elapsed.count());
  }
  ScopedTimer(const ScopedTimer&) = delete;
  ScopedTimer& operator=(const ScopedTimer&) = delete;

 private:
  core::HistogramMetric* histogram_;
  std::chrono::steady_clock::time_point start_;
};

template <typename Tx>
core::Status RunGuarded(const std::function<core::Status(Tx&)>& fn, Tx& tx, std::string_view kind) {
  try {
    return fn(tx);
  } catch (const std::exception& e) {
    return core::Internal(fmt::format("exception in {} transaction: {}", kind, e.what()));
  } catch (...) {
    return core::Internal(fmt::format("unknown exception in {} transaction", kind));
  }
}

// The repositories of one transaction; they hold only references, so building them is cheap.
struct Repositories {
  Repositories(Connection& connection, const core::Clock& clock)
      : organisations(connection, clock),
        teams(connection, clock),
        people(connection, clock),
        users(connection, clock),
        sessions(connection),
        api_tokens(connection, clock),
        audit(connection),
        user_links(connection),
        categories(connection, clock),
        articles(connection, clock),
        feedback(connection, clock),
        attachments(connection, clock),
        kb_settings(connection),
        search_changes(connection),
        search_log(connection, clock),
        synonyms(connection),
        search_settings(connection) {}

  internal::SqliteOrganisations organisations;
  internal::SqliteTeams teams;
  internal::SqlitePeople people;
  internal::SqliteUsers users;
  internal::SqliteSessions sessions;
  internal::SqliteApiTokens api_tokens;
  internal::SqliteAudit audit;
  internal::SqliteUserLinks user_links;
  internal::SqliteCategories categories;
  internal::SqliteArticles articles;
  internal::SqliteFeedback feedback;
  internal::SqliteAttachments attachments;
  internal::SqliteKbSettings kb_settings;
  internal::SqliteSearchChanges search_changes;
  internal::SqliteSearchLog search_log;
  internal::SqliteSynonyms synonyms;
  internal::SqliteSearchSettings search_settings;
};

class SqliteReadTx final : public ReadTx {
 public:
  SqliteReadTx(Connection& connection, const core::Clock& clock) : repos_(connection, clock) {}
  OrganisationReader& organisations() override { return repos_.organisations; }
  TeamReader& teams() override { return repos_.teams; }
  PersonReader& people() override { return repos_.people; }
  UserReader& users() override { return repos_.users; }
  SessionReader& sessions() override { return repos_.sessions; }
  ApiTokenReader& api_tokens() override { return repos_.api_tokens; }
  AuditReader& audit() override { return repos_.audit; }
  CategoryReader& categories() override { return repos_.categories; }
  ArticleReader& articles() override { return repos_.articles; }
  FeedbackReader& feedback() override { return repos_.feedback; }
  AttachmentReader& attachments() override { return repos_.attachments; }
  KbSettingsReader& kb_settings() override { return repos_.kb_settings; }
  SearchChangeReader& search_changes() override { return repos_.search_changes; }
  SearchLogReader& search_log() override { return repos_.search_log; }
  SynonymReader& synonyms() override { return repos_.synonyms; }
  SearchSettingsReader& search_settings() override { return repos_.search_settings; }

 private:
  Repositories repos_;
};

class SqliteWriteTx final : public WriteTx {
 public:
  SqliteWriteTx(Connection& connection, const core::Clock& clock) : repos_(connection, clock) {}
  OrganisationRepository& organisations() override { return repos_.organisations; }
  TeamRepository& teams() override { return repos_.teams; }
  PersonRepository& people() override { return repos_.people; }
  UserRepository& users() override { return repos_.users; }
  SessionRepository& sessions() override { return repos_.sessions; }
  ApiTokenRepository& api_tokens() override { return repos_.api_tokens; }
  AuditRepository& audit() override { return repos_.audit; }
  CategoryRepository& categories() override { return repos_.categories; }
  ArticleRepository& articles() override { return repos_.articles; }
  FeedbackRepository& feedback() override { return repos_.feedback; }
  AttachmentRepository& attachments() override { return repos_.attachments; }
  KbSettingsRepository& kb_settings() override { return repos_.kb_settings; }
  SearchChangeRepository& search_changes() override { return repos_.search_changes; }
  SearchLogRepository& search_log() override { return repos_.search_log; }
  SynonymRepository& synonyms() override { return repos_.synonyms; }
  SearchSettingsRepository& search_settings() override { return repos_.search_settings; }
  UserLinkRepository& user_links() override { return repos_.user_links; }

 private:
  Repositories repos_;
};

// A fixed set of query_only connections; Acquire() waits for a free one.
class ReaderPool {
 public:
  class Lease {
   public:
    Lease(ReaderPool* pool, Connection* connection) : pool_(pool), connection_(connection) {}
    Lease(Lease&& other) noexcept
        : pool_(std::exchange(other.pool_, nullptr)),
          connection_(std::exchange(other.connection_, nullptr)) {}
    Lease& operator=(Lease&&) = delete;
    ~Lease() {
      if (pool_ != nullptr) pool_->Release(connection_);
    }
    Connection& operator*() const { return *connection_; }
    Connection* operator->() const { return connection_; }

   private:
    ReaderPool* pool_;
    Connection* connection_;
  };

  ReaderPool(std::vector<std::unique_ptr<Connection>> connections,
             std::chrono::milliseconds wait_limit)
      : connections_(std::move(connections)), wait_limit_(wait_limit) {
    for (auto& c : connections_) idle_.push_back(c.get());
  }

  core::Result<Lease> Acquire() RAPPORT_EXCLUDES(mu_) {
    core::MutexLock lock(mu_);
    const auto deadline = std::chrono::steady_clock::now() + wait_limit_;
    while (idle_.empty()) {
      if (!available_.WaitUntil(mu_, deadline) && idle_.empty()) {
        return core::Unavailable("store: every reader connection stayed busy beyond the timeout");
      }
    }
    Connection* connection = idle_.back();
    idle_.pop_back();
    return Lease(this, connection);
  }

 private:
  void Release(Connection* connection) RAPPORT_EXCLUDES(mu_) {
    // A transaction left open would pin an old snapshot and stop WAL checkpoints.
    if (connection->InTransaction()) (void)connection->Exec("ROLLBACK", "end read transaction");
    {
      core::MutexLock lock(mu_);
      idle_.push_back(connection);
    }
    available_.NotifyOne();
  }

  const std::vector<std::unique_ptr<Connection>> connections_;
  const std::chrono::milliseconds wait_limit_;
  core::Mutex mu_;
  core::CondVar available_;
  std::vector<Connection*> idle_ RAPPORT_GUARDED_BY(mu_);
};

class SqliteStore final : public Store {
 public:
  SqliteStore(std::unique_ptr<Connection> writer, std::vector<std::unique_ptr<Connection>> readers,
              std::chrono::milliseconds wait_limit, const core::Clock& clock,
              core::MetricsRegistry* metrics)
      : writer_(std::move(writer)), readers_(std::move(readers), wait_limit), clock_(clock) {
    if (metrics != nullptr) {
      read_duration_ = &metrics->Histogram(kDurationMetric, kDurationHelp, {{"op", "read"}});
      write_duration_ = &metrics->Histogram(kDurationMetric, kDurationHelp, {{"op", "write"}});
    }
  }

  core::Status Ping() override {
    RAPPORT_ASSIGN_OR_RETURN(auto reader, readers_.Acquire());
    RAPPORT_RETURN_IF_ERROR(reader->QueryInt64(kPingSql));
    return core::Ok();
  }

  core::Result<int> SchemaVersion() override {
    RAPPORT_ASSIGN_OR_RETURN(auto reader, readers_.Acquire());
    return internal::ReadSchemaVersion(*reader);
  }

  core::Status Migrate() override RAPPORT_EXCLUDES(writer_mu_) {
    RAPPORT_RETURN_IF_ERROR(CheckNotReentrant());
    core::MutexLock lock(writer_mu_);
    return internal::ApplyMigrations(*writer_, clock_);
  }

  core::Status Write(const WriteFn& fn) override RAPPORT_EXCLUDES(writer_mu_) {
    ScopedTimer timer(write_duration_);
    RAPPORT_RETURN_IF_ERROR(CheckNotReentrant());
    core::MutexLock lock(writer_mu_);
    writer_thread_.store(std::this_thread::get_id());
    const struct ClearOwner {
      std::atomic<std::thread::id>& owner;
      ~ClearOwner() { owner.store(std::thread::id()); }
    } clear_owner{writer_thread_};

    if (writer_->InTransaction()) {
      RAPPORT_RETURN_IF_ERROR(writer_->Exec("ROLLBACK", "roll back abandoned transaction"));
    }
    RAPPORT_RETURN_IF_ERROR(writer_->Exec("BEGIN IMMEDIATE", "begin write transaction"));
    SqliteWriteTx tx(*writer_, clock_);
    core::Status status = RunGuarded<WriteTx>(fn, tx, "write");
    if (status) status = writer_->Exec("COMMIT", "commit write transaction");
    if (!status && writer_->InTransaction()) {
      // The caller's error is the one worth returning; should ROLLBACK itself fail, the next
      // Write retries it before beginning.
      (void)writer_->Exec("ROLLBACK", "roll back write transaction");
    }
    return status;
  }

  core::Status Read(const ReadFn& fn) override {
    ScopedTimer timer(read_duration_);
    RAPPORT_ASSIGN_OR_RETURN(auto reader, readers_.Acquire());
    // A deferred BEGIN takes its snapshot at the first read and keeps it until COMMIT.
    RAPPORT_RETURN_IF_ERROR(reader->Exec("BEGIN", "begin read transaction"));
    SqliteReadTx tx(*reader, clock_);
    core::Status status = RunGuarded<ReadTx>(fn, tx, "read");
    core::Status end = reader->Exec(status ? "COMMIT" : "ROLLBACK", "end read transaction");
    if (status && !end) return end;
    return status;
  }

 private:
  // A nested Write on the thread that holds the writer would deadlock on writer_mu_.
  core::Status CheckNotReentrant() const {
    if (writer_thread_.load() == std::this_thread::get_id()) {
      return core::Internal("store: Write or Migrate called inside a write transaction");
    }
    return core::Ok();
  }

  core::Mutex writer_mu_;
  // The pointer never changes; the connection it owns is used only under writer_mu_.
  const std::unique_ptr<Connection> writer_ RAPPORT_PT_GUARDED_BY(writer_mu_);
  std::atomic<std::thread::id> writer_thread_;  // the thread holding writer_mu_ in Write
  ReaderPool readers_;
  const core::Clock& clock_;
  core::HistogramMetric* read_duration_ = nullptr;
  core::HistogramMetric* write_duration_ = nullptr;
};

// Creates a missing database file readable by its owner only (it holds confidential survey
// data); SQLite gives the -wal and -shm files the same permissions as the database.
core::Status CreatePrivateFileIfMissing(const std::string& path) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd >= 0) {
    ::close(fd);
    return core::Ok();
  }
  if (errno == EEXIST) return core::Ok();
  return core::Unavailable(fmt::format("store: cannot create database file {}: {}", path,
                                       std::system_category().message(errno)));
}

core::Status ConfigureWriter(Connection& writer, const std::string& path) {
  // journal_mode answers with the resulting mode; WAL can be refused (e.g. some network file
  // systems), and then the concurrency and durability promises would not hold.
  RAPPORT_ASSIGN_OR_RETURN(auto mode_query, writer.Prepare("PRAGMA journal_mode = WAL"));
  RAPPORT_ASSIGN_OR_RETURN(const bool row, mode_query->Step());
  if (!row || mode_query->ColumnText(0) != "wal") {
    return core::Unavailable(fmt::format("store: {} cannot be put in WAL mode", path));
  }
  RAPPORT_RETURN_IF_ERROR(writer.Exec("PRAGMA synchronous = FULL", "set synchronous"));
  RAPPORT_RETURN_IF_ERROR(writer.Exec("PRAGMA foreign_keys = ON", "enable foreign keys"));
  return core::Ok();
}

}  // namespace

std::filesystem::path DatabasePath(const std::filesystem::path& data_dir) {
  return data_dir / kDatabaseFileName;
}

core::Result<std::unique_ptr<Store>> Open(const SqliteOptions& options, const core::Clock& clock,
                                          core::MetricsRegistry* metrics) {
  if (options.path.empty()) return core::InvalidArgument("database path is empty", "path");
  if (options.reader_pool_size < 1) {
    return core::InvalidArgument("reader_pool_size must be at least 1", "reader_pool_size");
  }
  if (options.busy_timeout_ms < 0) {
    return core::InvalidArgument("busy_timeout_ms must not be negative", "busy_timeout_ms");
  }
  RAPPORT_RETURN_IF_ERROR(CreatePrivateFileIfMissing(options.path));

  internal::ConnectionOptions writer_options{
      .create = false, .query_only = false, .busy_timeout_ms = options.busy_timeout_ms};
  RAPPORT_ASSIGN_OR_RETURN(auto writer, Connection::Open(options.path, writer_options));
  // The first statements read the file, so this is where a damaged file shows; name it.
  const auto with_path = [&](const core::Error& error) {
    return core::MakeError(error.code(),
                           fmt::format("opening {}: {}", options.path, error.message()));
  };
  if (auto status = ConfigureWriter(*writer, options.path); !status) {
    return with_path(status.error());
  }
  auto version = internal::ReadSchemaVersion(*writer);
  if (!version) return with_path(version.error());
  RAPPORT_RETURN_IF_ERROR(internal::CheckSchemaNotNewer(*version));

  internal::ConnectionOptions reader_options = writer_options;
  reader_options.query_only = true;
  std::vector<std::unique_ptr<Connection>> readers;
  for (int i = 0; i < options.reader_pool_size; ++i) {
    RAPPORT_ASSIGN_OR_RETURN(auto reader, Connection::Open(options.path, reader_options));
    readers.push_back(std::move(reader));
  }
  return std::make_unique<SqliteStore>(std::move(writer), std::move(readers),
                                       std::chrono::milliseconds(options.busy_timeout_ms), clock,
                                       metrics);
}

}  // namespace rapport::store::sqlite

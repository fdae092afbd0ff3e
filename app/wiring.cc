#include "app/wiring.h"

#include <fmt/format.h>
#include <sys/stat.h>

#include <filesystem>

#include "rapport/index/xapian/xapian_index.h"
#include "rapport/store/sqlite/sqlite_store.h"
#include "rapport/webassets/embedded_assets.h"

namespace rapport::app {

std::unique_ptr<core::Logger> MakeLogger(const core::LogConfig& config, const core::Clock& clock) {
  return std::make_unique<core::Logger>(config.level, config.format,
                                        std::make_unique<core::StderrSink>(), clock);
}

std::filesystem::path AttachmentsDirectory(const core::StoreConfig& config) {
  return std::filesystem::path(config.data_dir) / "attachments";
}

core::Result<std::unique_ptr<store::Store>> OpenStore(const core::StoreConfig& config,
                                                      const core::Clock& clock,
                                                      core::MetricsRegistry* metrics,
                                                      bool migrate) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::create_directories(config.data_dir, ec);
  if (ec) {
    return core::Unavailable(
        fmt::format("cannot create data folder {}: {}", config.data_dir, ec.message()));
  }
  // Survey answers and credentials live here: only the server's user may read them.
  ::chmod(config.data_dir.c_str(), 0700);
  store::sqlite::SqliteOptions options;
  options.path = (fs::path(config.data_dir) / "rapport.db").string();
  options.reader_pool_size = config.reader_pool_size;
  options.busy_timeout_ms = static_cast<int>(config.busy_timeout.count());
  RAPPORT_ASSIGN_OR_RETURN(auto store, store::sqlite::Open(options, clock, metrics));
  if (migrate) RAPPORT_RETURN_IF_ERROR(store->Migrate());
  return store;
}

core::Result<std::unique_ptr<index::SearchIndex>> OpenSearchIndex(const core::StoreConfig& config,
                                                                  bool read_only) {
  const std::filesystem::path dir = std::filesystem::path(config.data_dir) / "search";
  std::error_code ec;
  if (read_only && !std::filesystem::exists(dir, ec)) {
    return core::NotFound(
        fmt::format("no search index in {} yet: run `rapport search reindex`", config.data_dir));
  }
  return index::OpenXapianIndex(dir, {.read_only = read_only});
}

core::Result<store::Organisation> EnsureOrganisation(store::Store& store, core::IdGenerator& ids,
                                                     std::string_view slug, std::string_view name) {
  return store::WriteValue<store::Organisation>(
      store, [&](store::WriteTx& tx) -> core::Result<store::Organisation> {
        auto existing = tx.organisations().GetBySlug(slug);
        if (existing || existing.error().code() != core::ErrorCode::kNotFound) return existing;
        return tx.organisations().Create({.id = ids.New<store::OrganisationTag>(),
                                          .slug = std::string(slug),
                                          .name = std::string(name),
                                          .time_zone = "UTC"});
      });
}

core::Result<store::Organisation> DefaultOrganisation(store::Store& store, core::IdGenerator& ids) {
  RAPPORT_ASSIGN_OR_RETURN(
      auto first, store::ReadValue<store::Page<store::Organisation>>(store, [](store::ReadTx& tx) {
        return tx.organisations().List({.limit = 1});
      }));
  if (!first.items.empty()) return first.items.front();
  return EnsureOrganisation(store, ids, "default", "My organisation");
}

auth::AuthOptions MakeAuthOptions(const core::Config& config) {
  const core::AuthConfig& c = config.auth;
  auth::AuthOptions options;
  options.session_idle = c.session_idle;
  options.session_absolute = c.session_absolute;
  options.password_hash = {
      .ops_limit = static_cast<std::uint64_t>(c.password_hash_ops),
      .memory_bytes = static_cast<std::size_t>(c.password_hash_memory_kib) * 1024};
  options.max_concurrent_hashes = c.max_concurrent_hashes;
  options.throttle.failures_per_account = c.login_failures_per_account;
  options.throttle.failures_per_address = c.login_failures_per_address;
  options.throttle.window = c.login_window;
  return options;
}

core::Result<api::StaticAssets> LoadWebAssets(const std::string& web_dir) {
  if (!web_dir.empty()) return api::StaticAssets::FromDirectory(web_dir);
  std::vector<api::StaticFile> files;
  for (const auto& f : webassets::EmbeddedFiles()) {
    files.push_back(
        {std::string(f.path), std::string(f.content_type), std::string(f.data), f.immutable});
  }
  return api::StaticAssets(std::move(files));
}

}  // namespace rapport::app

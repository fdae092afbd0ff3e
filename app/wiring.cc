#include "app/wiring.h"

#include <fmt/format.h>
#include <sys/stat.h>

#include <filesystem>

#include "rapport/store/sqlite/sqlite_store.h"
#include "rapport/webassets/embedded_assets.h"

namespace rapport::app {

std::unique_ptr<core::Logger> MakeLogger(const core::LogConfig& config, const core::Clock& clock) {
  return std::make_unique<core::Logger>(config.level, config.format,
                                        std::make_unique<core::StderrSink>(), clock);
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

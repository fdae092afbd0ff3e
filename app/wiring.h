#pragma once

// Composition helpers shared by the subcommands: the logger, the data folder and the store.
// This is the only place that names concrete adapters (store/sqlite, embedded web assets).

#include <filesystem>
#include <memory>

#include "rapport/api/static_assets.h"
#include "rapport/auth/service.h"
#include "rapport/core/clock.h"
#include "rapport/core/config.h"
#include "rapport/core/id.h"
#include "rapport/core/log.h"
#include "rapport/core/metrics.h"
#include "rapport/index/search_index.h"
#include "rapport/store/store.h"

namespace rapport::app {

std::unique_ptr<core::Logger> MakeLogger(const core::LogConfig& config, const core::Clock& clock);

// Creates the data folder (mode 0700) if needed, opens the store in it and migrates it.
// Where attachment files live: <data_dir>/attachments.
std::filesystem::path AttachmentsDirectory(const core::StoreConfig& config);

core::Result<std::unique_ptr<store::Store>> OpenStore(const core::StoreConfig& config,
                                                      const core::Clock& clock,
                                                      core::MetricsRegistry* metrics, bool migrate);

// The search index in <data_dir>/search: writable (the server; Unavailable while another
// process holds it) or read-only (NotFound before the first `rapport serve` or
// `rapport search reindex` built it).
core::Result<std::unique_ptr<index::SearchIndex>> OpenSearchIndex(const core::StoreConfig& config,
                                                                  bool read_only);

// The organisation with `slug`, created (with `name`, UTC time zone) when absent.
core::Result<store::Organisation> EnsureOrganisation(store::Store& store, core::IdGenerator& ids,
                                                     std::string_view slug, std::string_view name);

// The organisation a single-company install works in: the oldest one, or a new "default"
// organisation when the store has none yet.
core::Result<store::Organisation> DefaultOrganisation(store::Store& store, core::IdGenerator& ids);

// The auth service's options from the [auth] configuration section.
auth::AuthOptions MakeAuthOptions(const core::Config& config);

// The web UI: from `web_dir` when set, otherwise the copy embedded at build time.
core::Result<api::StaticAssets> LoadWebAssets(const std::string& web_dir);

}  // namespace rapport::app

#pragma once

// The API's route table: every endpoint Rapport serves is registered here, with its access
// (public or checked) and a one-line summary that also feeds the OpenAPI document.
// Thread-safety: RegisterRoutes runs once at start-up; the handlers it installs are safe for
// concurrent use as long as the context's members are.

#include <chrono>
#include <optional>
#include <string>

#include "rapport/api/static_assets.h"
#include "rapport/core/clock.h"
#include "rapport/core/log.h"
#include "rapport/core/metrics.h"
#include "rapport/http/router.h"
#include "rapport/store/store.h"

namespace rapport::auth {
class AuthService;
}
namespace rapport::directory {
class DirectoryService;
}
namespace rapport::kb {
class KnowledgeBase;
}
namespace rapport::search {
class SearchService;
}

namespace rapport::api {

struct BuildInfo {
  std::string version;
};

// What the handlers need; everything must outlive the server.
struct ApiContext {
  store::Store& store;
  core::MetricsRegistry& metrics;
  const core::Clock& clock;
  core::Logger& logger;
  const StaticAssets& assets;
  BuildInfo build;
  core::TimePoint started_at;
  // Domain services; both required by RegisterRoutes.
  auth::AuthService* auth = nullptr;
  directory::DirectoryService* directory = nullptr;
  kb::KnowledgeBase* kb = nullptr;
  search::SearchService* search = nullptr;
  // The organisation whose public help center /help serves.
  std::optional<store::OrganisationId> help_org = {};
  bool behind_tls = false;  // cookies get Secure
};

// Every route: the system routes below plus the auth, directory, knowledge-base and search
// APIs and the help center. REQUIRES: context.auth, context.directory, context.kb,
// context.search and context.help_org are set.
void RegisterRoutes(http::Router& router, const ApiContext& context);

// Health, metrics, the OpenAPI document and the web UI fallback: the routes that need no
// domain service (only context.store, metrics, clock, logger, assets and build).
void RegisterSystemRoutes(http::Router& router, const ApiContext& context);

// The OpenAPI 3 document describing every /api and /metrics route in `router`.
std::string OpenApiDocument(const http::Router& router, const BuildInfo& build);

}  // namespace rapport::api

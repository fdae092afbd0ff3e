#pragma once

// What the help center's route files share: help_pages.cc (the HTML pages, files and the
// feedback form; it also defines RegisterHelpRoutes, see help_pages.h), help_assets.cc (the
// stylesheet and script) and help_api.cc (the public JSON API under /api/v1/help).
// Thread-safety: pure functions; the registration functions run at start-up.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "rapport/api/routes.h"
#include "rapport/auth/throttle.h"
#include "rapport/http/request.h"
#include "rapport/http/router.h"

namespace rapport::api::internal {

// Cache-Control of the stylesheet, the script and the files of public articles.
inline constexpr std::string_view kHelpAssetCache = "public, max-age=3600";

// Who reads a page or calls the API: the languages to show the help center in.
struct HelpReader {
  std::vector<std::string> languages;  // the reader's, in preference order
  std::string lang_param;              // ?lang= as given (kept in links), validated
};

// From a valid ?lang= (with its primary language as a fallback), else from Accept-Language.
HelpReader HelpReaderOf(const http::Request& request);

// GET /help-assets/help.css and /help-assets/help.js, served from memory on the I/O thread.
void RegisterHelpAssets(http::Router& router);

// The public JSON API under /api/v1/help. `feedback_throttle` limits anonymous feedback per
// client address; the feedback form shares it. REQUIRES: ctx.kb and ctx.help_org are set and
// `ctx` outlives the router.
void RegisterHelpApi(http::Router& router, const ApiContext& ctx,
                     std::shared_ptr<auth::LoginThrottle> feedback_throttle);

}  // namespace rapport::api::internal

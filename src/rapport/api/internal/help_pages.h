#pragma once

// The public help center: server-rendered HTML pages that work without JavaScript (/help,
// /help/<category>, /help/<category>/<slug>, /help/files/<id>/<name>), their stylesheet and
// the small script that only adds search-as-you-type, and the public JSON API under
// /api/v1/help. Everything here is public: it shows public, published, not archived articles
// of the help-center organisation (ApiContext::help_org) and nothing else.
//
// The pages live in help_pages.cc, the stylesheet and script in help_assets.cc, the JSON API
// in help_api.cc; help_shared.h is what they share.
//
// Thread-safety: the handlers are safe for concurrent use; the feedback throttle locks.

#include "rapport/api/routes.h"
#include "rapport/http/request.h"
#include "rapport/http/router.h"
#include "rapport/kb/service.h"

namespace rapport::api::internal {

// Registers the pages, assets and public JSON routes. REQUIRES: ctx.kb and ctx.help_org are
// set and `ctx` outlives the router.
void RegisterHelpRoutes(http::Router& router, const ApiContext& ctx);

// A file download with safe headers: the sniffed type, nosniff, Content-Disposition inline
// only for images, and a sandboxing CSP so that nothing served as a file can run script.
http::Response FileResponse(const kb::AttachmentContent& content);

}  // namespace rapport::api::internal

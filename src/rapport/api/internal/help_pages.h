#pragma once

// The public help center: server-rendered HTML pages that work without JavaScript (/help,
// /help/<category>, /help/<category>/<slug>, /help/files/<id>/<name>), their stylesheet and
// the small script that only adds search-as-you-type, and the public JSON API under
// /api/v1/help. Everything here is public: it shows public, published, not archived articles
// of the help-center organisation (ApiContext::help_org) and nothing else.
//
// Thread-safety: the handlers are safe for concurrent use; the feedback throttle locks.

#include "rapport/api/routes.h"
#include "rapport/http/request.h"
#include "rapport/http/router.h"
#include "rapport/kb/service.h"

namespace rapport::api::internal {

// Registers the pages, assets and public JSON routes. REQUIRES: ctx.kb is set.
void RegisterHelpRoutes(http::Router& router, const ApiContext& ctx);

// A file download with safe headers: the sniffed type, nosniff, Content-Disposition inline
// only for images, and a sandboxing CSP so that nothing served as a file can run script.
http::Response FileResponse(const kb::AttachmentContent& content);

// `text` with & < > " ' escaped for HTML text and attribute values.
std::string HtmlEscape(std::string_view text);

}  // namespace rapport::api::internal

#pragma once

// The knowledge-base API (docs/api.md, "Knowledge base") and the public help center: staff
// routes are checked (AddChecked), the help center's pages and JSON routes are public.
// Thread-safety: registration runs at start-up; handlers are safe for concurrent use.

#include "rapport/api/routes.h"
#include "rapport/http/router.h"

namespace rapport::api {

// REQUIRES: ctx.auth, ctx.kb and ctx.help_org are set.
void RegisterKbRoutes(http::Router& router, const ApiContext& ctx);

}  // namespace rapport::api

#pragma once

// The directory endpoints of docs/api.md: people, teams, the org chart, and the people import
// and export. Handlers decode and validate the request (malformed -> 400), call
// DirectoryService, which decides access and applies every rule, and encode the answer.
//
// POST /api/v1/people/import reads the body as CSV whatever its Content-Type. `dry_run`
// defaults to true, so a client must ask for a real run with dry_run=false. Answers: 200 with
// the report for a dry run (errors and a safety stop included: it is a preview) and for an
// applied run; for a real run that was refused, 422 with the report when rows have errors and
// 409 with the report when the safety stop held.
//
// Thread-safety: as for RegisterRoutes (routes.h).

#include "rapport/api/routes.h"
#include "rapport/http/router.h"

namespace rapport::api {

// REQUIRES: ctx.auth and ctx.directory are set; `ctx` outlives the router.
void RegisterDirectoryRoutes(http::Router& router, const ApiContext& ctx);

}  // namespace rapport::api

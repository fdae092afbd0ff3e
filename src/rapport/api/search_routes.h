#pragma once

// The search API (docs/api.md, "Search"): staff search and click reporting (checked), and the
// help center's public search and clicks.
// Thread-safety: registration runs at start-up; handlers are safe for concurrent use.

#include <boost/json/object.hpp>
#include <string>

#include "rapport/api/routes.h"
#include "rapport/http/router.h"

namespace rapport::search {
struct SearchResponse;
}

namespace rapport::api {

// REQUIRES: ctx.auth, ctx.search and ctx.help_org are set.
void RegisterSearchRoutes(http::Router& router, const ApiContext& ctx);

// Who searches the help center, for the query log: the reader's address.
std::string HelpSearcher(const http::Request& request);

// The JSON of a search answer, as GET /api/v1/search returns it (also `rapport search --json`).
boost::json::object SearchResponseJson(const search::SearchResponse& found);

}  // namespace rapport::api

#pragma once

// The authentication endpoints of docs/api.md ("Authentication"): sign-in and sign-out,
// password changes and link redemption, the current session (/me), accounts (/users), API
// tokens (/tokens) and the audit log (/audit). Handlers decode and validate the body, call
// AuthService and encode the answer; every rule lives in rapport/auth.
// Thread-safety: as for RegisterRoutes (routes.h).

#include "rapport/api/routes.h"
#include "rapport/http/router.h"

namespace rapport::api {

// REQUIRES: ctx.auth is set; `ctx` outlives the router.
void RegisterAuthRoutes(http::Router& router, const ApiContext& ctx);

}  // namespace rapport::api

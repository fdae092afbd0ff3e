#pragma once

// JSON shapes of the auth endpoints (User, Token, Audit in docs/api.md) and the strict body
// checks they share: a body must be a JSON object without unknown fields, so a misspelt
// field is a 400 naming it rather than silently ignored.
// Thread-safety: pure functions.

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <initializer_list>
#include <string_view>

#include "rapport/core/error.h"
#include "rapport/http/request.h"
#include "rapport/store/access.h"
#include "rapport/store/audit.h"

namespace rapport::api::internal {

boost::json::object UserJson(const store::User& user);
boost::json::object TokenJson(const store::ApiToken& token);
boost::json::object AuditJson(const store::AuditEntry& entry);

// The request body as a JSON object whose keys are all in `known`: InvalidArgument (400) for
// a body that is not JSON or not an object, or for an unknown key (naming it), TooLarge for
// a body over the JSON limit.
core::Result<boost::json::object> ParseObjectBody(const http::Request& request,
                                                  std::initializer_list<std::string_view> known);

// InvalidArgument (field "Content-Type") unless the request declares a JSON body. Public
// routes that authenticate by their body require it: a cross-site HTML form cannot send
// application/json, so a foreign page cannot sign a visitor in to an account of its choosing.
core::Status RequireJsonContentType(const http::Request& request);

// A JSON response with `value` serialised.
http::Response JsonResponse(int status, const boost::json::value& value);

}  // namespace rapport::api::internal

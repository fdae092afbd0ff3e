#pragma once

// Query parameters and patch fields as every route file reads them: strict (a malformed value
// is InvalidArgument naming the parameter) and bounded. Thread-safety: pure functions.

#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "rapport/core/clock.h"
#include "rapport/core/error.h"
#include "rapport/core/id.h"
#include "rapport/http/json.h"
#include "rapport/http/request.h"
#include "rapport/store/pagination.h"

namespace rapport::api::internal {

inline constexpr std::size_t kMaxQueryTextBytes = 200;
inline constexpr std::size_t kMaxCursorBytes = 512;

// "true" or "false"; `fallback` when absent.
core::Result<bool> BoolParam(const http::Request& request, std::string_view name, bool fallback);
// The text, at most `max_bytes`; empty when absent.
core::Result<std::string> TextParam(const http::Request& request, std::string_view name,
                                    std::size_t max_bytes);
// An integer in [min, max]; `fallback` when absent.
core::Result<int> IntParam(const http::Request& request, std::string_view name, int fallback,
                           int min, int max);
// ?limit= (1..kMaxPageLimit, default kDefaultPageLimit) and ?cursor=.
core::Result<store::PageRequest> PageParams(const http::Request& request);

template <typename Tag>
core::Result<std::optional<core::Id<Tag>>> IdParam(const http::Request& request,
                                                   std::string_view name) {
  const auto text = request.Query(name);
  if (!text) return std::optional<core::Id<Tag>>();
  RAPPORT_ASSIGN_OR_RETURN(auto id, core::Id<Tag>::Parse(*text, name));
  return std::optional<core::Id<Tag>>(std::move(id));
}

// A string field of a patch: absent -> unchanged; null -> cleared; else the string.
core::Status ReadText(const boost::json::object& body, std::string_view key,
                      std::optional<std::string>& target);

// An id field of a patch: absent -> unchanged; null -> cleared; else a well-formed id.
template <typename Tag>
core::Status ReadId(const boost::json::object& body, std::string_view key,
                    std::optional<std::optional<core::Id<Tag>>>& target) {
  if (!body.contains(key)) return core::Ok();
  RAPPORT_ASSIGN_OR_RETURN(const auto text, http::GetOptionalString(body, key));
  if (!text) {
    target.emplace(std::nullopt);
    return core::Ok();
  }
  RAPPORT_ASSIGN_OR_RETURN(auto id, core::Id<Tag>::Parse(*text, key));
  target.emplace(std::move(id));
  return core::Ok();
}

// A time as ISO-8601 UTC, or null.
boost::json::value TimeJson(const std::optional<core::TimePoint>& t);

}  // namespace rapport::api::internal

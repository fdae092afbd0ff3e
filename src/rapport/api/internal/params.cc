#include "rapport/api/internal/params.h"

#include <charconv>

namespace rapport::api::internal {

core::Result<bool> BoolParam(const http::Request& request, std::string_view name, bool fallback) {
  const auto text = request.Query(name);
  if (!text) return fallback;
  if (*text == "true") return true;
  if (*text == "false") return false;
  return core::InvalidArgument(std::string(name) + " must be true or false", std::string(name));
}

core::Result<std::string> TextParam(const http::Request& request, std::string_view name,
                                    std::size_t max_bytes) {
  const auto text = request.Query(name);
  if (!text) return std::string();
  if (text->size() > max_bytes) {
    return core::InvalidArgument(std::string(name) + " is too long", std::string(name));
  }
  return std::string(*text);
}

core::Result<int> IntParam(const http::Request& request, std::string_view name, int fallback,
                           int min, int max) {
  const auto text = request.Query(name);
  if (!text) return fallback;
  const std::string digits(*text);
  int value = 0;
  const char* end = digits.c_str() + digits.size();
  const auto [ptr, ec] = std::from_chars(digits.c_str(), end, value);
  if (ec != std::errc() || ptr != end || value < min || value > max) {
    return core::InvalidArgument(std::string(name) + " must be an integer from " +
                                     std::to_string(min) + " to " + std::to_string(max),
                                 std::string(name));
  }
  return value;
}

core::Result<store::PageRequest> PageParams(const http::Request& request) {
  store::PageRequest page;
  RAPPORT_ASSIGN_OR_RETURN(
      page.limit, IntParam(request, "limit", store::kDefaultPageLimit, 1, store::kMaxPageLimit));
  RAPPORT_ASSIGN_OR_RETURN(page.cursor, TextParam(request, "cursor", kMaxCursorBytes));
  return page;
}

core::Status ReadText(const boost::json::object& body, std::string_view key,
                      std::optional<std::string>& target) {
  if (!body.contains(key)) return core::Ok();
  RAPPORT_ASSIGN_OR_RETURN(const auto text, http::GetOptionalString(body, key));
  target = text ? std::string(*text) : std::string();
  return core::Ok();
}

boost::json::value TimeJson(const std::optional<core::TimePoint>& t) {
  if (!t) return nullptr;
  return boost::json::value(core::FormatIso8601(*t));
}

}  // namespace rapport::api::internal

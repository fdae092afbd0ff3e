#pragma once

// Decoding JSON request bodies at the trust boundary. ParseJsonBody never throws: malformed
// input, excessive nesting, invalid UTF-8 and duplicate object keys come back as
// InvalidArgument (HTTP 400) with the byte offset, an oversized body as TooLarge (413). The
// typed accessors read one field of an object and name the offending field in JSON-path form
// ("questions[2].scale") so the client sees exactly what was wrong.
// Thread-safety: pure functions.

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "rapport/core/error.h"

namespace rapport::http {

struct JsonLimits {
  std::size_t max_depth = 64;           // nesting of arrays and objects
  std::size_t max_bytes = 1024 * 1024;  // whole body
};

core::Result<boost::json::value> ParseJsonBody(std::string_view body, JsonLimits limits = {});

// The body's top-level object, or InvalidArgument("request body must be a JSON object").
core::Result<const boost::json::object*> AsObject(const boost::json::value& value);

// Field paths: `parent` is the path of the object being read ("" at the top level), so
// `GetString(q, "scale", "questions[2]")` reports "questions[2].scale".
std::string FieldPath(std::string_view parent, std::string_view key);
std::string IndexPath(std::string_view parent, std::size_t index);

// Required fields: missing or null, or of another type -> InvalidArgument naming the field.
core::Result<std::string_view> GetString(const boost::json::object& obj, std::string_view key,
                                         std::string_view parent = {});
core::Result<std::int64_t> GetInt(const boost::json::object& obj, std::string_view key,
                                  std::string_view parent = {});
core::Result<double> GetNumber(const boost::json::object& obj, std::string_view key,
                               std::string_view parent = {});
core::Result<bool> GetBool(const boost::json::object& obj, std::string_view key,
                           std::string_view parent = {});
core::Result<const boost::json::object*> GetObject(const boost::json::object& obj,
                                                   std::string_view key,
                                                   std::string_view parent = {});
core::Result<const boost::json::array*> GetArray(const boost::json::object& obj,
                                                 std::string_view key,
                                                 std::string_view parent = {});

// Optional fields: absent or null -> std::nullopt; present with another type -> error.
core::Result<std::optional<std::string_view>> GetOptionalString(const boost::json::object& obj,
                                                                std::string_view key,
                                                                std::string_view parent = {});
core::Result<std::optional<std::int64_t>> GetOptionalInt(const boost::json::object& obj,
                                                         std::string_view key,
                                                         std::string_view parent = {});
core::Result<std::optional<double>> GetOptionalNumber(const boost::json::object& obj,
                                                      std::string_view key,
                                                      std::string_view parent = {});
core::Result<std::optional<bool>> GetOptionalBool(const boost::json::object& obj,
                                                  std::string_view key,
                                                  std::string_view parent = {});

}  // namespace rapport::http

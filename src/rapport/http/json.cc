#include "rapport/http/json.h"

#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/parse_options.hpp>
#include <cmath>
#include <exception>
#include <limits>
#include <string>
#include <unordered_set>
#include <vector>

namespace rapport::http {
namespace {

namespace json = boost::json;
using json::error_code;
using json::string_view;

// SAX handler for a first, validating pass over what Boost.JSON accepts but a request body
// must not contain: duplicate keys (Boost keeps the last one silently) and numbers too large
// for a double (Boost makes them infinity, which it then serialises as invalid JSON). Syntax,
// depth and UTF-8 are checked by the parser itself.
class BodyValidator {
 public:
  static constexpr std::size_t max_array_size = static_cast<std::size_t>(-1);
  static constexpr std::size_t max_object_size = static_cast<std::size_t>(-1);
  static constexpr std::size_t max_string_size = static_cast<std::size_t>(-1);
  static constexpr std::size_t max_key_size = static_cast<std::size_t>(-1);

  bool on_document_begin(error_code&) { return true; }
  bool on_document_end(error_code&) { return true; }
  bool on_array_begin(error_code&) { return true; }
  bool on_array_end(std::size_t, error_code&) { return true; }
  bool on_object_begin(error_code&) {
    keys_.emplace_back();
    return true;
  }
  bool on_object_end(std::size_t, error_code&) {
    keys_.pop_back();
    return true;
  }
  bool on_string_part(string_view, std::size_t, error_code&) { return true; }
  bool on_string(string_view, std::size_t, error_code&) { return true; }
  bool on_key_part(string_view s, std::size_t, error_code&) {
    key_.append(s.data(), s.size());
    return true;
  }
  bool on_key(string_view s, std::size_t, error_code& ec) {
    key_.append(s.data(), s.size());
    if (!keys_.back().insert(key_).second) {
      duplicate_ = std::move(key_);
      key_.clear();
      ec = json::error::syntax;
      return false;
    }
    key_.clear();
    return true;
  }
  bool on_number_part(string_view, error_code&) { return true; }
  bool on_int64(std::int64_t, string_view, error_code&) { return true; }
  bool on_uint64(std::uint64_t, string_view, error_code&) { return true; }
  bool on_double(double d, string_view, error_code& ec) {
    if (std::isfinite(d)) return true;
    out_of_range_ = true;
    ec = json::error::exponent_overflow;
    return false;
  }
  bool on_bool(bool, error_code&) { return true; }
  bool on_null(error_code&) { return true; }
  bool on_comment_part(string_view, error_code&) { return true; }
  bool on_comment(string_view, error_code&) { return true; }

  const std::optional<std::string>& duplicate() const { return duplicate_; }
  bool out_of_range() const { return out_of_range_; }

 private:
  std::vector<std::unordered_set<std::string>> keys_;  // one set per open object
  std::string key_;
  std::optional<std::string> duplicate_;
  bool out_of_range_ = false;
};

core::Status Validate(std::string_view body, const json::parse_options& options,
                      const JsonLimits& limits) {
  json::basic_parser<BodyValidator> parser(options);
  error_code ec;
  const std::size_t consumed = parser.write_some(false, body.data(), body.size(), ec);
  if (parser.handler().duplicate()) {
    return core::InvalidArgument("duplicate key \"" + *parser.handler().duplicate() +
                                 "\" in JSON body at offset " + std::to_string(consumed));
  }
  if (parser.handler().out_of_range()) {
    return core::InvalidArgument("number out of range in JSON body at offset " +
                                 std::to_string(consumed));
  }
  if (ec == json::error::too_deep) {
    return core::InvalidArgument("JSON body nests deeper than " + std::to_string(limits.max_depth) +
                                 " levels");
  }
  if (ec) {
    return core::InvalidArgument("request body is not valid JSON at offset " +
                                 std::to_string(consumed) + ": " + ec.message());
  }
  if (consumed != body.size()) {
    return core::InvalidArgument("unexpected data after the JSON value at offset " +
                                 std::to_string(consumed));
  }
  return core::Ok();
}

std::unexpected<core::Error> WrongType(std::string_view parent, std::string_view key,
                                       std::string_view expected) {
  std::string field = FieldPath(parent, key);
  return core::InvalidArgument(field + " must be " + std::string(expected), field);
}

std::unexpected<core::Error> Missing(std::string_view parent, std::string_view key) {
  std::string field = FieldPath(parent, key);
  return core::InvalidArgument(field + " is required", field);
}

// The field's value, or null when it is absent or JSON null.
const json::value* Find(const json::object& obj, std::string_view key) {
  const json::value* v = obj.if_contains(string_view(key.data(), key.size()));
  return (v == nullptr || v->is_null()) ? nullptr : v;
}

std::optional<std::int64_t> ToInt(const json::value& v) {
  if (v.is_int64()) return v.get_int64();
  if (v.is_uint64()) {
    if (v.get_uint64() > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
      return std::nullopt;
    }
    return static_cast<std::int64_t>(v.get_uint64());
  }
  if (v.is_double()) {
    // "3.0" is an integer to a person; only exactly representable integers are accepted.
    constexpr double kMaxExact = 9007199254740992.0;  // 2^53
    const double d = v.get_double();
    if (std::trunc(d) == d && std::fabs(d) <= kMaxExact) return static_cast<std::int64_t>(d);
  }
  return std::nullopt;
}

std::optional<double> ToNumber(const json::value& v) {
  if (v.is_double()) return v.get_double();
  if (v.is_int64()) return static_cast<double>(v.get_int64());
  if (v.is_uint64()) return static_cast<double>(v.get_uint64());
  return std::nullopt;
}

}  // namespace

core::Result<json::value> ParseJsonBody(std::string_view body, JsonLimits limits) {
  if (body.size() > limits.max_bytes) {
    return core::MakeError(core::ErrorCode::kTooLarge,
                           "JSON body exceeds " + std::to_string(limits.max_bytes) + " bytes");
  }
  if (body.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    return core::InvalidArgument("request body is empty; expected JSON");
  }
  json::parse_options options;
  options.max_depth = limits.max_depth;
  options.allow_comments = false;
  options.allow_trailing_commas = false;
  options.allow_invalid_utf8 = false;
  try {
    RAPPORT_RETURN_IF_ERROR(Validate(body, options, limits));
    error_code ec;
    json::value value =
        json::parse(string_view(body.data(), body.size()), ec, json::storage_ptr(), options);
    if (ec) {
      return core::InvalidArgument("request body is not valid JSON: " + ec.message());
    }
    return value;
  } catch (const std::bad_alloc&) {
    return core::MakeError(core::ErrorCode::kTooLarge, "JSON body is too large to decode");
  } catch (const std::exception& e) {
    // Boost.JSON throws only for limits (e.g. string or array too long); treat as bad input.
    return core::InvalidArgument(std::string("request body is not acceptable JSON: ") + e.what());
  }
}

core::Result<const json::object*> AsObject(const json::value& value) {
  if (!value.is_object()) return core::InvalidArgument("request body must be a JSON object");
  return &value.get_object();
}

std::string FieldPath(std::string_view parent, std::string_view key) {
  if (parent.empty()) return std::string(key);
  std::string out(parent);
  out += '.';
  out += key;
  return out;
}

std::string IndexPath(std::string_view parent, std::size_t index) {
  std::string out(parent);
  out += '[';
  out += std::to_string(index);
  out += ']';
  return out;
}

core::Result<std::optional<std::string_view>> GetOptionalString(const json::object& obj,
                                                                std::string_view key,
                                                                std::string_view parent) {
  const json::value* v = Find(obj, key);
  if (v == nullptr) return std::optional<std::string_view>();
  if (!v->is_string()) return WrongType(parent, key, "a string");
  const json::string& s = v->get_string();
  return std::optional<std::string_view>(std::string_view(s.data(), s.size()));
}

core::Result<std::optional<std::int64_t>> GetOptionalInt(const json::object& obj,
                                                         std::string_view key,
                                                         std::string_view parent) {
  const json::value* v = Find(obj, key);
  if (v == nullptr) return std::optional<std::int64_t>();
  const std::optional<std::int64_t> i = ToInt(*v);
  if (!i) return WrongType(parent, key, "an integer");
  return i;
}

core::Result<std::optional<double>> GetOptionalNumber(const json::object& obj, std::string_view key,
                                                      std::string_view parent) {
  const json::value* v = Find(obj, key);
  if (v == nullptr) return std::optional<double>();
  const std::optional<double> d = ToNumber(*v);
  if (!d) return WrongType(parent, key, "a number");
  return d;
}

core::Result<std::optional<bool>> GetOptionalBool(const json::object& obj, std::string_view key,
                                                  std::string_view parent) {
  const json::value* v = Find(obj, key);
  if (v == nullptr) return std::optional<bool>();
  if (!v->is_bool()) return WrongType(parent, key, "true or false");
  return std::optional<bool>(v->get_bool());
}

namespace {

template <typename T>
core::Result<T> Required(core::Result<std::optional<T>> optional, std::string_view parent,
                         std::string_view key) {
  if (!optional) return std::unexpected(std::move(optional).error());
  if (!optional->has_value()) {
    return Missing(parent, key);
  }
  return **optional;
}

}  // namespace

core::Result<std::string_view> GetString(const json::object& obj, std::string_view key,
                                         std::string_view parent) {
  return Required(GetOptionalString(obj, key, parent), parent, key);
}

core::Result<std::int64_t> GetInt(const json::object& obj, std::string_view key,
                                  std::string_view parent) {
  return Required(GetOptionalInt(obj, key, parent), parent, key);
}

core::Result<double> GetNumber(const json::object& obj, std::string_view key,
                               std::string_view parent) {
  return Required(GetOptionalNumber(obj, key, parent), parent, key);
}

core::Result<bool> GetBool(const json::object& obj, std::string_view key, std::string_view parent) {
  return Required(GetOptionalBool(obj, key, parent), parent, key);
}

core::Result<const json::object*> GetObject(const json::object& obj, std::string_view key,
                                            std::string_view parent) {
  const json::value* v = Find(obj, key);
  if (v == nullptr) return Missing(parent, key);
  if (!v->is_object()) return WrongType(parent, key, "an object");
  return &v->get_object();
}

core::Result<const json::array*> GetArray(const json::object& obj, std::string_view key,
                                          std::string_view parent) {
  const json::value* v = Find(obj, key);
  if (v == nullptr) return Missing(parent, key);
  if (!v->is_array()) return WrongType(parent, key, "an array");
  return &v->get_array();
}

}  // namespace rapport::http

// Feeds arbitrary bytes to ParseJsonBody with tight limits. Beyond "no crash, no leak, no UB":
// a body that is accepted must serialise to JSON that is accepted again and is equivalent
// (numbers within a relative 1e-12: Boost.JSON 1.81 parses long decimal literals imprecisely),
// and the typed accessors must never fail on the types they are given.

#include <algorithm>
#include <boost/json/serialize.hpp>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "rapport/http/json.h"

namespace {

using namespace rapport::http;  // NOLINT(google-build-using-namespace): fuzzer entry point

void Check(bool condition) {
  if (!condition) std::abort();
}

double AsDouble(const boost::json::value& v) {
  if (v.is_double()) return v.get_double();
  if (v.is_int64()) return static_cast<double>(v.get_int64());
  return static_cast<double>(v.get_uint64());
}

bool Equivalent(const boost::json::value& a, const boost::json::value& b) {
  if (a.is_number() && b.is_number()) {
    const double x = AsDouble(a);
    const double y = AsDouble(b);
    if (std::isinf(x) || std::isinf(y)) return x == y;
    return std::fabs(x - y) <= 1e-12 * std::max(std::fabs(x), std::fabs(y));
  }
  if (a.kind() != b.kind()) return false;
  if (a.is_array()) {
    const auto& x = a.get_array();
    const auto& y = b.get_array();
    if (x.size() != y.size()) return false;
    for (std::size_t i = 0; i < x.size(); ++i) {
      if (!Equivalent(x[i], y[i])) return false;
    }
    return true;
  }
  if (a.is_object()) {
    const auto& x = a.get_object();
    const auto& y = b.get_object();
    if (x.size() != y.size()) return false;
    for (const auto& entry : x) {
      const boost::json::value* other = y.if_contains(entry.key());
      if (other == nullptr || !Equivalent(entry.value(), *other)) return false;
    }
    return true;
  }
  return a == b;
}

void Walk(const boost::json::object& obj, const std::string& path, int depth) {
  for (const auto& entry : obj) {
    const std::string_view key(entry.key().data(), entry.key().size());
    const boost::json::value& v = entry.value();
    if (v.is_string()) Check(GetString(obj, key, path).has_value());
    if (v.is_bool()) Check(GetBool(obj, key, path).has_value());
    if (v.is_number()) Check(GetNumber(obj, key, path).has_value());
    if (v.is_null()) Check(!GetString(obj, key, path).has_value());
    (void)GetInt(obj, key, path);
    if (v.is_object() && depth < 8) Walk(v.get_object(), FieldPath(path, key), depth + 1);
    if (v.is_array()) Check(GetArray(obj, key, path).has_value());
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  const JsonLimits limits{.max_depth = 32, .max_bytes = 64 * 1024};
  const auto parsed = ParseJsonBody(body, limits);
  if (!parsed) {
    Check(!parsed.error().message().empty());
    return 0;
  }
  const std::string again = boost::json::serialize(*parsed);
  const auto reparsed = ParseJsonBody(again, JsonLimits{.max_depth = 32, .max_bytes = 1 << 20});
  Check(reparsed.has_value() && Equivalent(*parsed, *reparsed));
  if (parsed->is_object()) Walk(parsed->get_object(), "", 0);
  return 0;
}

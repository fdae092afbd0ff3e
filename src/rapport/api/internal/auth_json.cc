#include "rapport/api/internal/auth_json.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <optional>
#include <string>

#include "rapport/http/json.h"

namespace rapport::api::internal {
namespace {

namespace json = boost::json;

json::value Time(const std::optional<core::TimePoint>& t) {
  if (!t) return nullptr;
  return json::value(core::FormatIso8601(*t));
}

// The stored detail is the JSON object the service wrote; anything else (which would be a
// bug) is shown as an empty object rather than failing the whole listing.
json::object Detail(const std::string& text) {
  json::error_code ec;
  json::value parsed = json::parse(text, ec);
  if (ec || !parsed.is_object()) return {};
  return std::move(parsed.as_object());
}

}  // namespace

json::object UserJson(const store::User& user) {
  json::object out;
  out["id"] = user.id.str();
  out["email"] = user.email;
  out["name"] = user.name;
  out["role"] = user.role;
  out["person_id"] = user.person_id ? json::value(user.person_id->str()) : json::value(nullptr);
  out["disabled"] = user.disabled;
  out["created_at"] = core::FormatIso8601(user.created_at);
  out["has_password"] = !user.password_hash.empty();
  return out;
}

json::object TokenJson(const store::ApiToken& token) {
  json::array scopes;
  for (const auto& scope : token.scopes) scopes.emplace_back(scope);
  json::object out;
  out["id"] = token.id.str();
  out["name"] = token.name;
  out["scopes"] = std::move(scopes);
  out["user_id"] = token.user_id.str();
  out["created_at"] = core::FormatIso8601(token.created_at);
  out["last_used_at"] = Time(token.last_used_at);
  out["expires_at"] = Time(token.expires_at);
  out["revoked_at"] = Time(token.revoked_at);
  return out;
}

json::object AuditJson(const store::AuditEntry& entry) {
  json::object out;
  out["seq"] = entry.seq;
  out["at"] = core::FormatIso8601(entry.at);
  out["actor_id"] = entry.actor_id;
  out["actor_label"] = entry.actor_label;
  out["action"] = entry.action;
  out["target"] = entry.target;
  out["detail"] = Detail(entry.detail);
  out["remote_address"] = entry.remote_address;
  return out;
}

core::Result<json::object> ParseObjectBody(const http::Request& request,
                                           std::initializer_list<std::string_view> known) {
  RAPPORT_ASSIGN_OR_RETURN(json::value body, http::ParseJsonBody(request.body));
  RAPPORT_RETURN_IF_ERROR(http::AsObject(body));
  json::object& object = body.as_object();
  for (const auto& field : object) {
    const std::string_view key(field.key().data(), field.key().size());
    bool found = false;
    for (std::string_view k : known) found = found || k == key;
    if (!found) {
      const std::string path = http::FieldPath({}, key);
      return core::InvalidArgument("unknown field " + path, path);
    }
  }
  return std::move(object);
}

core::Status RequireJsonContentType(const http::Request& request) {
  const auto type = request.Header("content-type");
  if (type) {
    std::string lower(type->substr(0, type->find(';')));
    for (char& c : lower) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    while (!lower.empty() && (lower.back() == ' ' || lower.back() == '\t')) lower.pop_back();
    if (lower == "application/json") return core::Ok();
  }
  return core::InvalidArgument("the body must be sent as Content-Type: application/json",
                               "Content-Type");
}

http::Response JsonResponse(int status, const json::value& value) {
  return http::Response::Json(status, json::serialize(value));
}

}  // namespace rapport::api::internal

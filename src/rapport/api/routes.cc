#include "rapport/api/routes.h"

#include <fmt/format.h>

#include <boost/json.hpp>
#include <cctype>
#include <stdexcept>

#include "rapport/api/auth_routes.h"
#include "rapport/api/directory_routes.h"
#include "rapport/api/kb_routes.h"
#include "rapport/api/search_routes.h"

namespace rapport::api {
namespace {

namespace json = boost::json;
using http::Execution;
using http::Method;
using http::Request;
using http::Response;

constexpr std::string_view kPrometheusContentType = "text/plain; version=0.0.4; charset=utf-8";

Response Health(const ApiContext& ctx, const Request& request) {
  json::object body;
  body["version"] = ctx.build.version;
  body["uptime_seconds"] =
      std::chrono::duration_cast<std::chrono::seconds>(ctx.clock.Now() - ctx.started_at).count();
  // Reading the schema version is a real query on the database, so it doubles as the
  // liveness check: one store round trip per probe.
  const core::Result<int> schema = ctx.store.SchemaVersion();
  if (schema) {
    body["status"] = "ok";
    body["store"] = "ok";
    body["schema_version"] = *schema;
    return Response::Json(200, json::serialize(body));
  }
  // The cause goes to the log, not to an unauthenticated caller.
  ctx.logger.Log(core::LogLevel::kWarn, "health check failed", request.request_id,
                 {{"error", schema.error().ToString()}});
  body["status"] = "unavailable";
  body["store"] = "unavailable";
  return Response::Json(503, json::serialize(body));
}

Response Metrics(const ApiContext& ctx) {
  return Response::Text(200, ctx.metrics.RenderPrometheus(), std::string(kPrometheusContentType));
}

// "GET" -> "get", as OpenAPI spells operations.
std::string LowerMethod(Method method) {
  std::string out(http::MethodName(method));
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string OperationId(Method method, std::string_view pattern) {
  std::string id = LowerMethod(method);
  bool upper = true;
  for (char c : pattern) {
    if (std::isalnum(static_cast<unsigned char>(c)) != 0) {
      id += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
      upper = false;
    } else {
      upper = true;
    }
  }
  return id;
}

json::array PathParameters(std::string_view pattern) {
  json::array params;
  std::size_t pos = 0;
  while ((pos = pattern.find('{', pos)) != std::string_view::npos) {
    const auto end = pattern.find('}', pos);
    if (end == std::string_view::npos) break;
    params.push_back(json::object{{"name", pattern.substr(pos + 1, end - pos - 1)},
                                  {"in", "path"},
                                  {"required", true},
                                  {"schema", json::object{{"type", "string"}}}});
    pos = end;
  }
  return params;
}

}  // namespace

void RegisterRoutes(http::Router& router, const ApiContext& ctx) {
  if (ctx.auth == nullptr || ctx.directory == nullptr || ctx.kb == nullptr ||
      ctx.search == nullptr || !ctx.help_org) {
    throw std::logic_error(
        "RegisterRoutes needs the auth, directory, knowledge-base and search services and the "
        "help center's organisation");
  }
  RegisterSystemRoutes(router, ctx);
  RegisterAuthRoutes(router, ctx);
  RegisterDirectoryRoutes(router, ctx);
  RegisterKbRoutes(router, ctx);
  RegisterSearchRoutes(router, ctx);
}

void RegisterSystemRoutes(http::Router& router, const ApiContext& ctx) {
  router.Add(Method::kGet, "/api/v1/health", [&ctx](const Request& r) { return Health(ctx, r); },
             {.execution = Execution::kBlocking,
              .public_access = true,
              .summary = "Liveness and store health: 200 when the store answers, else 503."});
  router.Add(Method::kGet, "/metrics", [&ctx](const Request&) { return Metrics(ctx); },
             {.execution = Execution::kInline,
              .public_access = true,
              .summary = "Prometheus metrics in the text exposition format."});
  router.Add(Method::kGet, "/api/v1/openapi.json",
             [&router, &ctx](const Request&) {
               return Response::Json(200, OpenApiDocument(router, ctx.build));
             },
             {.execution = Execution::kInline,
              .public_access = true,
              .summary = "This API's OpenAPI 3 description."});
  router.SetFallback([&ctx](const Request& r) { return ctx.assets.Serve(r); },
                     {.execution = Execution::kInline,
                      .public_access = true,
                      .summary = "The web UI (single-page app)."});
}

std::string OpenApiDocument(const http::Router& router, const BuildInfo& build) {
  json::object paths;
  for (const auto& route : router.routes()) {
    if (!route.pattern.starts_with("/api/") && route.pattern != "/metrics") continue;
    const std::string method = LowerMethod(route.method);
    json::object op{
        {"operationId", OperationId(route.method, route.pattern)},
        {"summary", route.options.summary},
        {"responses",
         json::object{{"200", json::object{{"description", "Success"}}},
                      {"default", json::object{{"$ref", "#/components/responses/Error"}}}}}};
    auto params = PathParameters(route.pattern);
    if (!params.empty()) op["parameters"] = std::move(params);
    if (route.options.public_access) op["security"] = json::array{};
    // The policy action checked before the handler runs (see docs/security.md).
    if (!route.options.permission.empty()) op["x-permission"] = route.options.permission;
    paths[route.pattern].emplace_object()[method] = std::move(op);
  }
  json::object error_schema{
      {"type", "object"},
      {"required", json::array{"error"}},
      {"properties",
       json::object{{"error", json::object{{"type", "object"},
                                           {"required", json::array{"code", "message"}},
                                           {"properties",
                                            json::object{{"code", {{"type", "string"}}},
                                                         {"message", {{"type", "string"}}},
                                                         {"field", {{"type", "string"}}}}}}}}}};
  json::object doc{
      {"openapi", "3.0.3"},
      {"info", json::object{{"title", "Rapport API"}, {"version", build.version}}},
      {"paths", std::move(paths)},
      {"components",
       json::object{
           {"schemas", json::object{{"Error", std::move(error_schema)}}},
           {"responses",
            json::object{
                {"Error",
                 json::object{
                     {"description", "The one error shape"},
                     {"content",
                      json::object{{"application/json",
                                    json::object{{"schema", json::object{{"$ref",
                                                                          "#/components/"
                                                                          "schemas/"
                                                                          "Error"}}}}}}}}}}},
           {"securitySchemes",
            json::object{
                {"session",
                 json::object{{"type", "apiKey"}, {"in", "cookie"}, {"name", "rapport_session"}}},
                {"token", json::object{{"type", "http"}, {"scheme", "bearer"}}}}}}},
      {"security", json::array{json::object{{"session", json::array{}}},
                               json::object{{"token", json::array{}}}}}};
  return json::serialize(doc);
}

}  // namespace rapport::api

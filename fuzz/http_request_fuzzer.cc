// Feeds arbitrary bytes through the server's request path without sockets: the Beast parser
// with the server's limits, decoding, routing against a fixed table, the handler, and the
// wire response. Beyond "no crash, no leak, no UB" it checks that whatever comes back is one
// well-formed HTTP response: no header injection, consistent framing, the security headers.

#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>
#include <string_view>

#include "rapport/core/log.h"
#include "rapport/http/internal/exchange.h"
#include "rapport/http/internal/parse.h"
#include "rapport/http/json.h"
#include "rapport/http/router.h"

namespace {

using namespace rapport::http;  // NOLINT(google-build-using-namespace): fuzzer entry point
namespace bhttp = boost::beast::http;

Router MakeRouter() {
  Router router;
  router.Add(Method::kGet, "/api/v1/people/{id}", [](const Request& r) {
    // Reflects client input into a header to prove that unsafe values are dropped.
    Response response = Response::Text(200, std::string(r.PathParam("id")), "text/plain");
    response.headers.emplace_back("X-Echo", std::string(r.Query("echo").value_or("")));
    response.headers.emplace_back(std::string(r.Header("x-name").value_or("X-Default")), "v");
    return response;
  });
  router.Add(Method::kPost, "/api/v1/people", [](const Request& r) {
    auto body = ParseJsonBody(r.body);
    if (!body) return Response::FromError(body.error());
    auto obj = AsObject(*body);
    if (!obj) return Response::FromError(obj.error());
    auto name = GetString(**obj, "name");
    if (!name) return Response::FromError(name.error());
    return Response::Json(201, "{}");
  });
  router.Add(Method::kDelete, "/api/v1/people/{id}",
             [](const Request&) -> Response { throw std::runtime_error("handler failure"); });
  router.Add(Method::kGet, "/api/v1/teams/{team}/members/{member}", [](const Request& r) {
    Response response = Response::Json(200, "{}");
    response.status = r.PathParam("team").size() > 3 ? 204 : 999;
    return response;
  });
  router.SetFallback([](const Request&) { return Response::Text(200, "<html>", "text/html"); });
  return router;
}

void Check(bool condition) {
  if (!condition) std::abort();
}

void CheckWellFormed(const std::string& wire, bool head) {
  bhttp::response_parser<bhttp::string_body> parser;
  parser.skip(head);
  parser.eager(true);
  boost::beast::error_code ec;
  const std::size_t used = parser.put(boost::asio::buffer(wire.data(), wire.size()), ec);
  Check(!ec && parser.is_done() && used == wire.size());
  const auto& response = parser.get();
  Check(response.find("X-Request-Id") != response.end());
  Check(response["X-Content-Type-Options"] == "nosniff");
  Check(response["X-Frame-Options"] == "DENY");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const Router* const router = new Router(MakeRouter());
  const internal::ParseLimits limits{.max_header_bytes = 4096, .max_body_bytes = 16384};
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);

  internal::ParseOutcome outcome = internal::ParseRequestBytes(bytes, limits);
  internal::Exchange exchange;
  Response response;
  if (outcome.message) {
    exchange = internal::Prepare(*outcome.message, *router);
    response = exchange.immediate ? *exchange.immediate
                                  : internal::RunHandler(*exchange.route, exchange.request,
                                                         rapport::core::NullLogger());
  } else {
    std::optional<Response> answer = internal::ResponseForReadError(outcome.error);
    if (!answer) return 0;
    exchange = internal::PrepareForReadError(std::move(*answer), nullptr);
    response = *exchange.immediate;
  }
  const internal::WireResponse wire =
      internal::BuildWireResponse(std::move(response), exchange, internal::WireOptions{});
  std::ostringstream out;
  out << wire;
  CheckWellFormed(out.str(), exchange.head);
  return 0;
}

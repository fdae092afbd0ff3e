#include "rapport/http/internal/exchange.h"

#include <gtest/gtest.h>

#include <boost/beast/http/write.hpp>
#include <boost/json.hpp>
#include <sstream>
#include <stdexcept>
#include <string>

namespace rapport::http::internal {
namespace {

namespace bhttp = boost::beast::http;

const ParseLimits kLimits{};

Router MakeRouter() {
  Router router;
  router.Add(Method::kGet, "/items/{id}", [](const Request& r) {
    return Response::Json(200, "{\"id\":\"" + std::string(r.PathParam("id")) + "\"}");
  });
  router.Add(Method::kPost, "/items",
             [](const Request&) -> Response { throw std::runtime_error("secret detail"); });
  router.Add(Method::kGet, "/page", [](const Request&) {
    Response r = Response::Text(200, "<p>hi</p>", "text/html");
    r.headers = {{"Cache-Control", "max-age=60"}, {"Content-Security-Policy", "default-src 'none'"},
                 {"Set-Cookie", "a=1"},           {"Set-Cookie", "b=2"},
                 {"X-Request-Id", "forged"},      {"Content-Length", "999"},
                 {"X-Evil", "a\r\nInjected: yes"}};
    return r;
  });
  return router;
}

Exchange PrepareRaw(std::string_view raw, const Router& router) {
  ParseOutcome outcome = ParseRequestBytes(raw, kLimits);
  EXPECT_TRUE(outcome.message.has_value()) << outcome.error.message();
  return Prepare(*outcome.message, router);
}

TEST(RequestId, AcceptsOnlyShortSafeIds) {
  EXPECT_TRUE(IsValidRequestId("abc-DEF_123.x"));
  EXPECT_TRUE(IsValidRequestId(std::string(64, 'a')));
  EXPECT_FALSE(IsValidRequestId(std::string(65, 'a')));
  EXPECT_FALSE(IsValidRequestId(""));
  EXPECT_FALSE(IsValidRequestId("a b"));
  EXPECT_FALSE(IsValidRequestId("a\"b"));
}

TEST(RequestId, GeneratesSixteenHexCharacters) {
  const std::string a = GenerateRequestId();
  const std::string b = GenerateRequestId();
  EXPECT_EQ(a.size(), 16u);
  EXPECT_EQ(a.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_NE(a, b);
}

TEST(Prepare, RoutesAndEchoesValidRequestId) {
  const Router router = MakeRouter();
  const Exchange ex =
      PrepareRaw("GET /items/42 HTTP/1.1\r\nX-Request-Id: client-1\r\n\r\n", router);
  ASSERT_NE(ex.route, nullptr);
  EXPECT_EQ(ex.route_label, "/items/{id}");
  EXPECT_EQ(ex.method_label, "GET");
  EXPECT_EQ(ex.request.request_id, "client-1");
  EXPECT_EQ(ex.request.PathParam("id"), "42");
  EXPECT_TRUE(ex.keep_alive);
}

TEST(Prepare, ReplacesInvalidRequestId) {
  const Router router = MakeRouter();
  const Exchange ex = PrepareRaw("GET /items/1 HTTP/1.1\r\nX-Request-Id: bad id!\r\n\r\n", router);
  EXPECT_EQ(ex.request.request_id.size(), 16u);
}

TEST(Prepare, UnknownPathIsUnmatched404) {
  const Router router = MakeRouter();
  const Exchange ex = PrepareRaw("GET /secret/path HTTP/1.1\r\n\r\n", router);
  ASSERT_TRUE(ex.immediate.has_value());
  EXPECT_EQ(ex.immediate->status, 404);
  EXPECT_EQ(ex.route_label, kUnmatchedRoute);
}

TEST(Prepare, WrongMethodIs405WithAllow) {
  const Router router = MakeRouter();
  const Exchange ex = PrepareRaw("DELETE /items/1 HTTP/1.1\r\n\r\n", router);
  ASSERT_TRUE(ex.immediate.has_value());
  EXPECT_EQ(ex.immediate->status, 405);
  ASSERT_EQ(ex.immediate->headers.size(), 1u);
  EXPECT_EQ(ex.immediate->headers[0].second, "GET, HEAD, OPTIONS");
}

TEST(Prepare, OptionsIs204WithAllow) {
  const Router router = MakeRouter();
  Exchange ex = PrepareRaw("OPTIONS /items HTTP/1.1\r\n\r\n", router);
  ASSERT_TRUE(ex.immediate.has_value());
  EXPECT_EQ(ex.immediate->status, 204);
  const WireResponse wire = BuildWireResponse(*ex.immediate, ex, {});
  EXPECT_EQ(wire[bhttp::field::allow], "POST, OPTIONS");
  EXPECT_EQ(wire.count(bhttp::field::content_length), 0u);
  EXPECT_TRUE(wire.body().empty());
}

TEST(Prepare, BadTargetIs400AndClosesConnection) {
  const Router router = MakeRouter();
  const Exchange ex = PrepareRaw("GET /a/../etc HTTP/1.1\r\n\r\n", router);
  ASSERT_TRUE(ex.immediate.has_value());
  EXPECT_EQ(ex.immediate->status, 400);
  EXPECT_FALSE(ex.keep_alive);
  EXPECT_EQ(ex.method_label, "other");
}

TEST(RunHandler, ExceptionBecomes500WithoutDetails) {
  const Router router = MakeRouter();
  const Exchange ex = PrepareRaw("POST /items HTTP/1.1\r\nContent-Length: 0\r\n\r\n", router);
  ASSERT_NE(ex.route, nullptr);
  const Response r = RunHandler(*ex.route, ex.request, core::NullLogger());
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(r.body, R"({"error":{"code":"internal","message":"internal server error"}})");
}

TEST(BuildWireResponse, AddsSecurityHeadersAndRequestId) {
  const Router router = MakeRouter();
  const Exchange ex = PrepareRaw("GET /items/7 HTTP/1.1\r\nX-Request-Id: r1\r\n\r\n", router);
  const WireResponse wire =
      BuildWireResponse(RunHandler(*ex.route, ex.request, core::NullLogger()), ex, {});
  EXPECT_EQ(wire.result_int(), 200u);
  EXPECT_EQ(wire["X-Request-Id"], "r1");
  EXPECT_EQ(wire["X-Content-Type-Options"], "nosniff");
  EXPECT_EQ(wire["Content-Security-Policy"], kContentSecurityPolicy);
  EXPECT_EQ(wire["Referrer-Policy"], "strict-origin-when-cross-origin");
  EXPECT_EQ(wire["X-Frame-Options"], "DENY");
  EXPECT_EQ(wire["Cross-Origin-Opener-Policy"], "same-origin");
  EXPECT_EQ(wire["Cache-Control"], "no-store");
  EXPECT_EQ(wire["Server"], "Rapport");
  EXPECT_EQ(wire["Content-Type"], "application/json");
  EXPECT_EQ(wire[bhttp::field::content_length], std::to_string(wire.body().size()));
  EXPECT_EQ(wire.count(bhttp::field::strict_transport_security), 0u);
}

TEST(BuildWireResponse, AddsHstsBehindTls) {
  const Router router = MakeRouter();
  const Exchange ex = PrepareRaw("GET /nope HTTP/1.1\r\n\r\n", router);
  const WireResponse wire = BuildWireResponse(*ex.immediate, ex, WireOptions{.behind_tls = true});
  EXPECT_EQ(wire.count(bhttp::field::strict_transport_security), 1u);
}

TEST(BuildWireResponse, HandlerHeadersOverridePoliciesButNotFraming) {
  const Router router = MakeRouter();
  const Exchange ex = PrepareRaw("GET /page HTTP/1.1\r\n\r\n", router);
  const WireResponse wire =
      BuildWireResponse(RunHandler(*ex.route, ex.request, core::NullLogger()), ex, {});
  EXPECT_EQ(wire["Cache-Control"], "max-age=60");
  EXPECT_EQ(wire["Content-Security-Policy"], "default-src 'none'");
  EXPECT_EQ(wire.count("Set-Cookie"), 2u);
  EXPECT_NE(wire["X-Request-Id"], "forged");
  EXPECT_EQ(wire[bhttp::field::content_length], "9");
  EXPECT_EQ(wire.count("X-Evil"), 0u);
}

TEST(BuildWireResponse, HeadKeepsGetContentLengthWithoutBody) {
  const Router router = MakeRouter();
  const Exchange ex = PrepareRaw("HEAD /items/12345 HTTP/1.1\r\n\r\n", router);
  ASSERT_NE(ex.route, nullptr);
  const Response full = RunHandler(*ex.route, ex.request, core::NullLogger());
  const WireResponse wire = BuildWireResponse(full, ex, {});
  EXPECT_EQ(wire[bhttp::field::content_length], std::to_string(full.body.size()));
  EXPECT_TRUE(wire.body().empty());
}

TEST(BuildWireResponse, InvalidStatusBecomes500AndCloseIsAnnounced) {
  const Router router = MakeRouter();
  Exchange ex = PrepareRaw("GET /items/1 HTTP/1.1\r\n\r\n", router);
  ex.keep_alive = false;
  const WireResponse wire = BuildWireResponse(Response::Json(42, "{}"), ex, {});
  EXPECT_EQ(wire.result_int(), 500u);
  EXPECT_EQ(wire[bhttp::field::connection], "close");
}

// The bytes the connection writes are exactly what Beast would write for BuildWireResponse.
TEST(RenderResponse, MatchesBeastSerializationOfTheWireResponse) {
  const Router router = MakeRouter();
  const char* const requests[] = {
      "GET /items/7 HTTP/1.1\r\n\r\n",
      "HEAD /items/7 HTTP/1.1\r\n\r\n",
      "GET /page HTTP/1.1\r\nConnection: close\r\n\r\n",
      "GET /items/7 HTTP/1.0\r\nConnection: keep-alive\r\n\r\n",
      "GET /items/7 HTTP/1.0\r\n\r\n",
      "OPTIONS /items HTTP/1.1\r\n\r\n",
      "GET /nope HTTP/1.1\r\n\r\n",
  };
  RenderedResponse rendered;  // reused, as a connection does
  for (const bool behind_tls : {false, true}) {
    for (const char* raw : requests) {
      const Exchange ex = PrepareRaw(raw, router);
      const Response response =
          ex.immediate ? *ex.immediate : RunHandler(*ex.route, ex.request, core::NullLogger());
      const WireOptions options{.behind_tls = behind_tls};
      RenderResponse(response, ex, options, rendered);
      std::ostringstream beast_bytes;
      beast_bytes << BuildWireResponse(response, ex, options);
      EXPECT_EQ(rendered.head + rendered.body, beast_bytes.str()) << raw;
      EXPECT_EQ(rendered.status, response.status) << raw;
    }
  }
}

TEST(RenderResponse, OverriddenPolicyHeaderAppearsOnce) {
  const Router router = MakeRouter();
  const Exchange ex = PrepareRaw("GET /page HTTP/1.1\r\n\r\n", router);
  RenderedResponse rendered;
  RenderResponse(RunHandler(*ex.route, ex.request, core::NullLogger()), ex, {}, rendered);
  const std::string& head = rendered.head;
  EXPECT_NE(head.find("Content-Security-Policy: default-src 'none'\r\n"), std::string::npos);
  EXPECT_EQ(head.find(kContentSecurityPolicy), std::string::npos);
  EXPECT_NE(head.find("X-Frame-Options: DENY\r\n"), std::string::npos);
  EXPECT_NE(head.find("Content-Length: 9\r\n"), std::string::npos);
  EXPECT_EQ(head.find("Injected"), std::string::npos);
  EXPECT_TRUE(head.ends_with("\r\n\r\n"));
  EXPECT_EQ(rendered.body, "<p>hi</p>");
}

TEST(OverloadedResponse, Is503WithRetryAfter) {
  const Response r = OverloadedResponse();
  EXPECT_EQ(r.status, 503);
  ASSERT_EQ(r.headers.size(), 1u);
  EXPECT_EQ(r.headers[0].first, "Retry-After");
  EXPECT_EQ(boost::json::parse(r.body).at("error").at("code").as_string(), "unavailable");
}

}  // namespace
}  // namespace rapport::http::internal

// Black-box tests of the HTTP server's behaviour over real sockets: routing answers, the
// security headers, request ids, error shapes, handler failures and metrics.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <stdexcept>
#include <string>

#include "tests/integration/http/test_client.h"
#include "tests/integration/http/test_server.h"

namespace rapport::http::testing {
namespace {

using ::testing::HasSubstr;

Router MakeRouter() {
  Router router;
  router.Add(Method::kGet, "/hello",
             [](const Request&) { return Response::Json(200, R"({"hello":"world"})"); });
  router.Add(
      Method::kGet, "/inline",
      [](const Request& r) { return Response::Text(200, "inline " + r.request_id, "text/plain"); },
      RouteOptions{.execution = Execution::kInline});
  router.Add(Method::kGet, "/people/{id}", [](const Request& r) {
    return Response::Json(200, boost::json::serialize(boost::json::object{
                                   {"id", r.PathParam("id")}, {"q", r.Query("q").value_or("")}}));
  });
  router.Add(Method::kGet, "/whoami",
             [](const Request& r) { return Response::Text(200, r.remote_address, "text/plain"); });
  router.Add(Method::kPost, "/echo", [](const Request& r) {
    return Response::Text(200, r.body, "application/octet-stream");
  });
  router.Add(Method::kGet, "/throws", [](const Request&) -> Response {
    throw std::runtime_error("database password is hunter2");
  });
  router.Add(
      Method::kGet, "/throws-inline", [](const Request&) -> Response { throw 42; },
      RouteOptions{.execution = Execution::kInline});
  return router;
}

boost::json::value Json(const ClientResponse& r) { return boost::json::parse(r.body()); }

std::string ErrorCode(const ClientResponse& r) {
  return std::string(Json(r).at("error").at("code").as_string());
}

class HttpServerTest : public ::testing::Test {
 protected:
  TestServer server_{ServerOptions{}, MakeRouter()};

  ClientResponse MustRoundTrip(std::string_view request, bool head = false) {
    TestClient client;
    EXPECT_TRUE(client.Connect(server_.port()));
    std::optional<ClientResponse> response = client.RoundTrip(request, head);
    if (!response) throw std::runtime_error("no response");
    return *response;
  }
};

TEST_F(HttpServerTest, ServesSeveralRequestsOnOneKeptAliveConnection) {
  TestClient client;
  ASSERT_TRUE(client.Connect(server_.port()));
  for (int i = 0; i < 5; ++i) {
    const auto response = client.RoundTrip(Get("/people/" + std::to_string(i) + "?q=a+b"));
    ASSERT_TRUE(response.has_value()) << i;
    EXPECT_EQ(response->result_int(), 200u);
    EXPECT_TRUE(response->keep_alive());
    EXPECT_EQ(Json(*response).at("id").as_string(), std::to_string(i));
    EXPECT_EQ(Json(*response).at("q").as_string(), "a b");
  }
  const auto inline_response = client.RoundTrip(Get("/inline"));
  ASSERT_TRUE(inline_response.has_value());
  EXPECT_THAT(inline_response->body(), HasSubstr("inline "));
}

TEST_F(HttpServerTest, AnswersPipelinedRequestsInOrder) {
  TestClient client;
  ASSERT_TRUE(client.Connect(server_.port()));
  ASSERT_TRUE(client.Send(Get("/people/1") + Get("/people/2") + WithBody("POST", "/echo", "x")));
  for (const char* expected : {"1", "2"}) {
    const auto r = client.Read();
    ASSERT_TRUE(r.has_value());
    EXPECT_EQ(Json(*r).at("id").as_string(), expected);
  }
  const auto echo = client.Read();
  ASSERT_TRUE(echo.has_value());
  EXPECT_EQ(echo->body(), "x");
}

TEST_F(HttpServerTest, EchoesChunkedAndContinuedBodies) {
  const ClientResponse chunked = MustRoundTrip(
      "POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"
      "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n");
  EXPECT_EQ(chunked.body(), "hello world");

  TestClient client;
  ASSERT_TRUE(client.Connect(server_.port()));
  ASSERT_TRUE(client.Send(
      "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n"));
  const auto interim = client.Read();
  ASSERT_TRUE(interim.has_value());
  EXPECT_EQ(interim->result_int(), 100u);
  const auto final_response = client.RoundTrip("body");
  ASSERT_TRUE(final_response.has_value());
  EXPECT_EQ(final_response->result_int(), 200u);
  EXPECT_EQ(final_response->body(), "body");
}

TEST_F(HttpServerTest, UnknownRouteIs404InTheErrorShape) {
  const ClientResponse r = MustRoundTrip(Get("/no/such/thing"));
  EXPECT_EQ(r.result_int(), 404u);
  EXPECT_EQ(r[boost::beast::http::field::content_type], "application/json");
  EXPECT_EQ(ErrorCode(r), "not_found");
  EXPECT_EQ(server_.RequestCount("unmatched", "GET", "404"), 1.0);
}

TEST_F(HttpServerTest, WrongMethodIs405WithAllow) {
  const ClientResponse r = MustRoundTrip(WithBody("PUT", "/hello", "{}"));
  EXPECT_EQ(r.result_int(), 405u);
  EXPECT_EQ(r[boost::beast::http::field::allow], "GET, HEAD, OPTIONS");
  EXPECT_EQ(ErrorCode(r), "method_not_allowed");
}

TEST_F(HttpServerTest, HeadHasGetContentLengthAndNoBody) {
  TestClient client;
  ASSERT_TRUE(client.Connect(server_.port()));
  ASSERT_TRUE(client.Send("HEAD /hello HTTP/1.1\r\nHost: t\r\n\r\n"));
  const auto head = client.Read(/*head=*/true);
  ASSERT_TRUE(head.has_value());
  EXPECT_EQ(head->result_int(), 200u);
  EXPECT_EQ(head->at(boost::beast::http::field::content_length),
            std::to_string(std::string_view(R"({"hello":"world"})").size()));
  EXPECT_TRUE(head->body().empty());
  // No body bytes were sent: the next response on the connection parses cleanly.
  const auto next = client.RoundTrip(Get("/hello"));
  ASSERT_TRUE(next.has_value());
  EXPECT_EQ(next->body(), R"({"hello":"world"})");
}

TEST_F(HttpServerTest, OptionsIs204WithAllow) {
  const ClientResponse r = MustRoundTrip("OPTIONS /echo HTTP/1.1\r\nHost: t\r\n\r\n");
  EXPECT_EQ(r.result_int(), 204u);
  EXPECT_EQ(r[boost::beast::http::field::allow], "POST, OPTIONS");
  EXPECT_TRUE(r.body().empty());
}

TEST_F(HttpServerTest, EveryResponseCarriesSecurityHeaders) {
  for (const std::string& request : {Get("/hello"), Get("/missing"), Get("/inline"),
                                     std::string("GET /a/../b HTTP/1.1\r\n\r\n")}) {
    const ClientResponse r = MustRoundTrip(request);
    EXPECT_EQ(r["X-Content-Type-Options"], "nosniff") << request;
    EXPECT_EQ(r["Content-Security-Policy"],
              "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
              "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'");
    EXPECT_EQ(r["Referrer-Policy"], "strict-origin-when-cross-origin");
    EXPECT_EQ(r["X-Frame-Options"], "DENY");
    EXPECT_EQ(r["Cross-Origin-Opener-Policy"], "same-origin");
    EXPECT_EQ(r["Server"], "Rapport");
    EXPECT_EQ(r.count("Strict-Transport-Security"), 0u);
    EXPECT_FALSE(r["X-Request-Id"].empty());
  }
  EXPECT_EQ(MustRoundTrip(Get("/hello"))["Cache-Control"], "no-store");
  EXPECT_EQ(MustRoundTrip(Get("/inline")).count("Cache-Control"), 0u);
}

TEST(HttpServerTls, AddsHstsBehindTls) {
  TestServer server(ServerOptions{.behind_tls = true}, MakeRouter());
  TestClient client;
  ASSERT_TRUE(client.Connect(server.port()));
  const auto r = client.RoundTrip(Get("/hello"));
  ASSERT_TRUE(r.has_value());
  EXPECT_THAT(std::string((*r)["Strict-Transport-Security"]), HasSubstr("max-age="));
}

TEST_F(HttpServerTest, IgnoresXForwardedForUnlessTrusted) {
  EXPECT_EQ(MustRoundTrip(Get("/whoami", "X-Forwarded-For: 203.0.113.9\r\n")).body(), "127.0.0.1");
}

TEST(HttpServerProxy, TakesTheProxysEntryOfXForwardedForWhenTrusted) {
  TestServer server(ServerOptions{.trust_forwarded_for = true}, MakeRouter());
  const auto whoami = [&](std::string_view header) {
    TestClient client;
    EXPECT_TRUE(client.Connect(server.port()));
    const auto r = client.RoundTrip(Get("/whoami", header));
    return r ? std::string(r->body()) : std::string("no response");
  };
  // The client may write anything at the front; the proxy appends the real address last.
  EXPECT_EQ(whoami("X-Forwarded-For: 10.9.9.9, 198.51.100.7\r\n"), "198.51.100.7");
  EXPECT_EQ(whoami("X-Forwarded-For: 2001:db8::1\r\n"), "2001:db8::1");
  EXPECT_EQ(whoami("X-Forwarded-For: not-an-address\r\n"), "127.0.0.1");
  EXPECT_EQ(whoami(""), "127.0.0.1");
}

TEST_F(HttpServerTest, EchoesValidRequestIdAndGeneratesOtherwise) {
  const ClientResponse echoed = MustRoundTrip(Get("/inline", "X-Request-Id: abc.DEF-123_x\r\n"));
  EXPECT_EQ(echoed["X-Request-Id"], "abc.DEF-123_x");
  EXPECT_EQ(echoed.body(), "inline abc.DEF-123_x");  // handlers see the same id

  const ClientResponse too_long =
      MustRoundTrip(Get("/hello", "X-Request-Id: " + std::string(65, 'a') + "\r\n"));
  const ClientResponse bad_chars = MustRoundTrip(Get("/hello", "X-Request-Id: a<b>\r\n"));
  const ClientResponse absent = MustRoundTrip(Get("/hello"));
  for (const ClientResponse* r : {&too_long, &bad_chars, &absent}) {
    const std::string id((*r)["X-Request-Id"]);
    EXPECT_EQ(id.size(), 16u);
    EXPECT_EQ(id.find_first_not_of("0123456789abcdef"), std::string::npos) << id;
  }
}

TEST_F(HttpServerTest, HandlerExceptionIs500AndServerKeepsWorking) {
  TestClient client;
  ASSERT_TRUE(client.Connect(server_.port()));
  for (const char* path : {"/throws", "/throws-inline"}) {
    const auto r = client.RoundTrip(Get(path, "X-Request-Id: boom-1\r\n"));
    ASSERT_TRUE(r.has_value()) << path;
    EXPECT_EQ(r->result_int(), 500u);
    EXPECT_EQ(ErrorCode(*r), "internal");
    EXPECT_THAT(r->body(), ::testing::Not(HasSubstr("hunter2")));
  }
  const auto after = client.RoundTrip(Get("/hello"));
  ASSERT_TRUE(after.has_value());
  EXPECT_EQ(after->result_int(), 200u);
  bool logged = false;
  for (const std::string& line : server_.LogLines()) {
    if (line.find("handler threw") != std::string::npos &&
        line.find("boom-1") != std::string::npos && line.find("hunter2") != std::string::npos) {
      logged = true;
    }
  }
  EXPECT_TRUE(logged);
}

TEST_F(HttpServerTest, CountsRequestsByRoutePatternAndLogsThem) {
  for (int i = 0; i < 3; ++i) MustRoundTrip(Get("/people/" + std::to_string(i)));
  MustRoundTrip(Get("/throws"));
  EXPECT_EQ(server_.RequestCount("/people/{id}", "GET", "200"), 3.0);
  EXPECT_EQ(server_.RequestCount("/throws", "GET", "500"), 1.0);
  const std::string text = server_.metrics().RenderPrometheus();
  EXPECT_THAT(text,
              HasSubstr("rapport_http_request_duration_seconds_count{route=\"/people/{id}\"} 3"));
  EXPECT_THAT(text, ::testing::Not(HasSubstr("/people/1")));  // never the raw path
  EXPECT_THAT(text, HasSubstr("rapport_http_connections_open"));
  EXPECT_THAT(text, HasSubstr("rapport_http_requests_in_flight"));
  int access_lines = 0;
  for (const std::string& line : server_.LogLines()) {
    if (line.find("http request") != std::string::npos &&
        line.find("/people/{id}") != std::string::npos && line.find("200") != std::string::npos &&
        line.find("duration_ms") != std::string::npos) {
      ++access_lines;
    }
  }
  EXPECT_EQ(access_lines, 3);
}

}  // namespace
}  // namespace rapport::http::testing

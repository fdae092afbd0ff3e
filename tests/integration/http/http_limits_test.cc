// Black-box tests of the server's limits, timeouts, concurrency and shutdown. Short timeouts
// apply only to the behaviour under test; every wait for the server is generous, and no test
// asserts on how fast something happened.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <boost/json.hpp>
#include <future>
#include <latch>
#include <string>
#include <thread>
#include <vector>

#include "tests/integration/http/test_client.h"
#include "tests/integration/http/test_server.h"

namespace rapport::http::testing {
namespace {

using std::chrono::milliseconds;

// A gate a blocking handler waits on, so a test controls when it finishes.
struct Gate {
  std::promise<void> entered;
  std::promise<void> open;
  std::shared_future<void> opened = open.get_future().share();
};

Router MakeRouter(Gate* gate = nullptr) {
  Router router;
  router.Add(Method::kGet, "/hello", [](const Request&) { return Response::Json(200, "{}"); });
  router.Add(Method::kPost, "/echo", [](const Request& r) {
    return Response::Text(200, r.body, "application/octet-stream");
  });
  if (gate != nullptr) {
    router.Add(Method::kGet, "/slow", [gate](const Request&) {
      gate->entered.set_value();
      gate->opened.wait();
      return Response::Json(200, R"({"slow":true})");
    });
  }
  return router;
}

std::string ErrorCode(const ClientResponse& r) {
  return std::string(boost::json::parse(r.body()).at("error").at("code").as_string());
}

bool Serves(std::uint16_t port) {
  TestClient client;
  if (!client.Connect(port)) return false;
  const auto r = client.RoundTrip(Get("/hello"));
  return r && r->result_int() == 200;
}

TEST(HttpLimits, BodyOverLimitIs413BeforeTheBodyIsSent) {
  TestServer server(ServerOptions{.max_body_bytes = 1000}, MakeRouter());
  TestClient client;
  ASSERT_TRUE(client.Connect(server.port()));
  // Only the header is sent: the answer must come from Content-Length alone.
  ASSERT_TRUE(client.Send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 1000000\r\n\r\n"));
  const auto r = client.Read();
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->result_int(), 413u);
  EXPECT_EQ(ErrorCode(*r), "too_large");
  EXPECT_FALSE(r->keep_alive());
  EXPECT_TRUE(Serves(server.port()));
}

TEST(HttpLimits, ChunkedBodyOverLimitIs413) {
  TestServer server(ServerOptions{.max_body_bytes = 1000}, MakeRouter());
  TestClient client;
  ASSERT_TRUE(client.Connect(server.port()));
  std::string request = "POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n";
  for (int i = 0; i < 20; ++i) request += "64\r\n" + std::string(100, 'x') + "\r\n";
  request += "0\r\n\r\n";
  const auto r = client.RoundTrip(request);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->result_int(), 413u);
  EXPECT_EQ(ErrorCode(*r), "too_large");
}

TEST(HttpLimits, BodyAtLimitIsAccepted) {
  TestServer server(ServerOptions{.max_body_bytes = 1000}, MakeRouter());
  TestClient client;
  ASSERT_TRUE(client.Connect(server.port()));
  const auto r = client.RoundTrip(WithBody("POST", "/echo", std::string(1000, 'b')));
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->result_int(), 200u);
  EXPECT_EQ(r->body().size(), 1000u);
}

TEST(HttpLimits, OversizedHeadersAre431) {
  TestServer server(ServerOptions{.max_header_bytes = 2048}, MakeRouter());
  TestClient client;
  ASSERT_TRUE(client.Connect(server.port()));
  const auto r = client.RoundTrip(Get("/hello", "X-Big: " + std::string(4096, 'h') + "\r\n"));
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->result_int(), 431u);
  EXPECT_EQ(ErrorCode(*r), "headers_too_large");
  EXPECT_FALSE(r->keep_alive());
  EXPECT_TRUE(Serves(server.port()));
}

TEST(HttpLimits, MalformedRequestsAre400AndTheServerKeepsServing) {
  TestServer server(ServerOptions{}, MakeRouter());
  const std::vector<std::string> malformed = {
      "GET\r\n\r\n",                               // bad request line
      "GET / HTTP/1.1 extra\r\n\r\n",              // bad request line
      "GET / HTTP/1.1\r\nNo colon here\r\n\r\n",   // bad header
      "GET / HTTP/1.1\r\nBad\x01Name: v\r\n\r\n",  // bad header name
      "POST /echo HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n",
      "POST /echo HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd",
      "BREW /pot HTTP/1.1\r\nHost: t\r\n\r\n",  // unknown method
      "GET / HTTP/3.7\r\nHost: t\r\n\r\n",      // unknown version
      "GET /a%zz HTTP/1.1\r\nHost: t\r\n\r\n",  // bad percent-encoding
      "GET /static/../../etc/passwd HTTP/1.1\r\nHost: t\r\n\r\n",
      "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n",  // HTTP/2 preface
      std::string("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\x00\xff\r\n\r\n", 16),  // TLS
      std::string("\0\0\0\0garbage\xff\xfe\r\n\r\n", 17),
  };
  for (const std::string& bytes : malformed) {
    TestClient client;
    ASSERT_TRUE(client.Connect(server.port()));
    ASSERT_TRUE(client.Send(bytes));
    const auto r = client.Read();
    ASSERT_TRUE(r.has_value()) << ::testing::PrintToString(bytes);
    EXPECT_EQ(r->result_int(), 400u) << ::testing::PrintToString(bytes);
    EXPECT_EQ(ErrorCode(*r), "invalid_argument");
    EXPECT_FALSE(r->keep_alive());
    EXPECT_TRUE(client.WaitClosed());
  }
  EXPECT_TRUE(Serves(server.port()));
}

TEST(HttpLimits, SlowLorisClientIsDropped) {
  TestServer server(ServerOptions{.read_timeout = milliseconds(300)}, MakeRouter());
  TestClient client;
  ASSERT_TRUE(client.Connect(server.port()));
  // One header byte every 50 ms, forever: a request that never completes.
  const std::string trickle = "GET /hello HTTP/1.1\r\nX-Slow: " + std::string(100000, 'a');
  bool dropped = false;
  for (std::size_t i = 0; i < trickle.size() && !dropped; ++i) {
    if (!client.Send(std::string_view(&trickle[i], 1))) {
      dropped = true;
      break;
    }
    dropped = client.WaitClosed(milliseconds(50));
  }
  EXPECT_TRUE(dropped);
  EXPECT_TRUE(Serves(server.port()));
}

TEST(HttpLimits, IdleKeptAliveConnectionIsClosed) {
  TestServer server(ServerOptions{.idle_timeout = milliseconds(300)}, MakeRouter());
  TestClient client;
  ASSERT_TRUE(client.Connect(server.port()));
  const auto r = client.RoundTrip(Get("/hello"));
  ASSERT_TRUE(r.has_value());
  EXPECT_TRUE(r->keep_alive());
  EXPECT_TRUE(client.WaitClosed());
}

TEST(HttpLimits, SilentNewConnectionIsClosedAfterReadTimeout) {
  TestServer server(ServerOptions{.read_timeout = milliseconds(300)}, MakeRouter());
  TestClient client;
  ASSERT_TRUE(client.Connect(server.port()));
  EXPECT_TRUE(client.WaitClosed());
}

TEST(HttpLimits, TwoHundredConcurrentKeepAliveConnectionsAllSucceed) {
  TestServer server(ServerOptions{.io_threads = 2, .worker_threads = 4}, MakeRouter());
  constexpr int kThreads = 20;
  constexpr int kConnectionsPerThread = 10;
  constexpr int kRequestsPerConnection = 5;
  std::atomic<int> ok{0};
  std::latch all_connected(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      std::vector<TestClient> clients(kConnectionsPerThread);
      for (TestClient& c : clients) c.Connect(server.port());
      // Every connection is open before any thread starts its requests.
      all_connected.arrive_and_wait();
      for (int i = 0; i < kRequestsPerConnection; ++i) {
        for (TestClient& c : clients) {
          const auto r = c.RoundTrip(i % 2 == 0 ? Get("/hello") : WithBody("POST", "/echo", "x"));
          if (r && r->result_int() == 200 && r->keep_alive()) ++ok;
        }
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(ok.load(), kThreads * kConnectionsPerThread * kRequestsPerConnection);
}

TEST(HttpLimits, ConnectionsBeyondMaxAreAnswered503AndClosed) {
  TestServer server(ServerOptions{.max_connections = 2}, MakeRouter());
  TestClient first;
  TestClient second;
  ASSERT_TRUE(first.Connect(server.port()));
  ASSERT_TRUE(second.Connect(server.port()));
  ASSERT_TRUE(first.RoundTrip(Get("/hello")).has_value());
  ASSERT_TRUE(second.RoundTrip(Get("/hello")).has_value());

  TestClient third;
  ASSERT_TRUE(third.Connect(server.port()));  // the kernel completes the handshake
  const auto r = third.Read();
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->result_int(), 503u);
  EXPECT_EQ(ErrorCode(*r), "unavailable");
  EXPECT_EQ((*r)["Retry-After"], "1");
  EXPECT_TRUE(third.WaitClosed());
  EXPECT_GE(server.metrics().Counter("rapport_http_rejected_connections_total", "").Value(), 1.0);

  // Existing connections are unaffected, and a freed slot is reused.
  ASSERT_TRUE(first.RoundTrip(Get("/hello")).has_value());
  second.Close();
  bool served = false;
  const auto deadline = std::chrono::steady_clock::now() + kGenerousWait;
  while (!served && std::chrono::steady_clock::now() < deadline) {
    served = Serves(server.port());
    if (!served) std::this_thread::sleep_for(milliseconds(20));
  }
  EXPECT_TRUE(served);
}

TEST(HttpLimits, FullWorkerQueueAnswers503WithRetryAfter) {
  Gate gate;
  TestServer server(ServerOptions{.worker_threads = 1, .worker_queue_capacity = 1},
                    MakeRouter(&gate));
  TestClient running;
  ASSERT_TRUE(running.Connect(server.port()));
  ASSERT_TRUE(running.Send(Get("/slow")));
  ASSERT_EQ(gate.entered.get_future().wait_for(kGenerousWait), std::future_status::ready);
  TestClient queued;
  ASSERT_TRUE(queued.Connect(server.port()));
  ASSERT_TRUE(queued.Send(Get("/hello")));
  // Wait until the second request sits in the queue (it counts as in flight).
  const auto deadline = std::chrono::steady_clock::now() + kGenerousWait;
  while (server.GaugeValue("rapport_http_requests_in_flight") < 2 &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(milliseconds(5));
  }
  TestClient refused;
  ASSERT_TRUE(refused.Connect(server.port()));
  const auto r = refused.RoundTrip(Get("/hello"));
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->result_int(), 503u);
  EXPECT_EQ((*r)["Retry-After"], "1");
  EXPECT_EQ(ErrorCode(*r), "unavailable");
  gate.open.set_value();
  const auto slow = running.Read();
  ASSERT_TRUE(slow.has_value());
  EXPECT_EQ(slow->result_int(), 200u);
  const auto later = queued.Read();
  ASSERT_TRUE(later.has_value());
  EXPECT_EQ(later->result_int(), 200u);
}

TEST(HttpShutdown, InFlightRequestFinishesNewConnectionsAreRefusedRunReturns) {
  Gate gate;
  TestServer server(ServerOptions{.shutdown_grace = kGenerousWait}, MakeRouter(&gate));
  const std::uint16_t port = server.port();
  TestClient idle;
  ASSERT_TRUE(idle.Connect(port));
  ASSERT_TRUE(idle.RoundTrip(Get("/hello")).has_value());
  TestClient busy;
  ASSERT_TRUE(busy.Connect(port));
  ASSERT_TRUE(busy.Send(Get("/slow")));
  ASSERT_EQ(gate.entered.get_future().wait_for(kGenerousWait), std::future_status::ready);

  server.server().Shutdown();
  server.server().Shutdown();      // idempotent
  EXPECT_TRUE(idle.WaitClosed());  // idle keep-alive connections are closed
  // The listener closes: connecting is eventually refused.
  bool refused = false;
  const auto deadline = std::chrono::steady_clock::now() + kGenerousWait;
  while (!refused && std::chrono::steady_clock::now() < deadline) {
    TestClient probe;
    refused = !probe.Connect(port);
    if (!refused) std::this_thread::sleep_for(milliseconds(10));
  }
  EXPECT_TRUE(refused);
  EXPECT_FALSE(server.WaitRunReturned(milliseconds(0)));  // still serving the slow request

  gate.open.set_value();
  const auto r = busy.Read();
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->result_int(), 200u);
  EXPECT_FALSE(r->keep_alive());
  EXPECT_TRUE(server.WaitRunReturned(kGenerousWait));
}

TEST(HttpShutdown, RunReturnsWhenGraceExpiresWithHandlerStillRunning) {
  Gate gate;
  auto server = std::make_unique<TestServer>(ServerOptions{.shutdown_grace = milliseconds(200)},
                                             MakeRouter(&gate));
  TestClient busy;
  ASSERT_TRUE(busy.Connect(server->port()));
  ASSERT_TRUE(busy.Send(Get("/slow")));
  ASSERT_EQ(gate.entered.get_future().wait_for(kGenerousWait), std::future_status::ready);
  server->server().Shutdown();
  EXPECT_TRUE(server->WaitRunReturned(kGenerousWait));
  EXPECT_TRUE(busy.WaitClosed());
  gate.open.set_value();
  server.reset();  // waits for the handler, drops its answer
}

TEST(HttpShutdown, ShutdownBeforeRunReturnsPromptly) {
  TestServer server(ServerOptions{}, MakeRouter());
  server.server().Shutdown();
  EXPECT_TRUE(server.WaitRunReturned(kGenerousWait));
}

}  // namespace
}  // namespace rapport::http::testing

#include "http/server.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <cstdio>
#include <future>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <thread>

#include "http/raw_http_client.hpp"
#include "http/temp_dir.hpp"

namespace anjian::http {
namespace {

using namespace std::chrono_literals;
using SteadyClock = std::chrono::steady_clock;

constexpr std::size_t kTestBodyLimit = 1024;

std::string Get(std::string_view target, std::string_view extra_headers = "") {
  return "GET " + std::string(target) + " HTTP/1.1\r\nHost: test\r\n" + std::string(extra_headers) +
         "\r\n";
}

std::string Post(std::string_view target, std::string_view body) {
  return "POST " + std::string(target) +
         " HTTP/1.1\r\nHost: test\r\nContent-Type: text/plain\r\nContent-Length: " +
         std::to_string(body.size()) + "\r\n\r\n" + std::string(body);
}

std::string ErrorCodeOf(const RawResponse& response) {
  const nlohmann::json body = nlohmann::json::parse(response.body, nullptr, false);
  if (body.is_discarded() || !body.contains("error"))
    return "<not an error body: " + response.body + ">";
  return body["error"]["code"].get<std::string>();
}

// A real server on an ephemeral port with a few test routes.
class ServerTest : public ::testing::Test {
 protected:
  ServerTest() {
    router_.Add("GET", "/api/ping", [](Request&) {
      return Response::Json(200, {{"ok", true}, {"msg", "pong"}});
    });
    router_.Add("POST", "/api/echo", [](Request& request) {
      Response response;
      response.content_type = "text/plain; charset=utf-8";
      response.body = request.body;
      return response;
    });
    router_.Add("GET", "/api/throw",
                [](Request&) -> Response { throw std::runtime_error("boom"); });
    router_.Add("GET", "/api/units/{id}", [](Request& request) {
      return Response::Json(
          200, {{"id", request.path_params.at("id")}, {"q", request.QueryParam("q").value_or("")}});
    });
    router_.Add("GET", "/api/slow", [this](Request&) {
      slow_entered_ = true;
      std::this_thread::sleep_for(300ms);
      return Response::Json(200, {{"slow", true}});
    });
    router_.Add("GET", "/api/cached", [](Request&) {
      Response response = Response::Json(200, {{"x", 1}});
      response.SetHeader("Cache-Control", "private, max-age=60");
      return response;
    });
    router_.Add("GET", "/healthz", [](Request&) { return Response::Json(200, {{"ok", true}}); });
  }

  unsigned short StartServer(ServerOptions options = {}) {
    options.port = 0;
    options.threads = 2;
    if (options.body_limit_bytes == ServerOptions{}.body_limit_bytes)
      options.body_limit_bytes = kTestBodyLimit;
    server_ = std::make_unique<Server>(std::move(options), router_);
    Result<unsigned short> port = server_->Start();
    EXPECT_TRUE(port.ok()) << (port.ok() ? "" : port.error().message);
    return port.ok() ? *port : 0;
  }

  Router router_;
  std::unique_ptr<Server> server_;
  std::atomic<bool> slow_entered_{false};
};

TEST_F(ServerTest, ServesJsonWithSecurityAndCacheHeaders) {
  RawHttpClient client(StartServer());
  ASSERT_TRUE(client.Send(Get("/api/ping")));
  const std::optional<RawResponse> response = client.Read();
  ASSERT_TRUE(response.has_value());
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(nlohmann::json::parse(response->body),
            nlohmann::json::parse(R"({"ok":true,"msg":"pong"})"));
  EXPECT_EQ(response->Header("Content-Type"), "application/json; charset=utf-8");
  EXPECT_EQ(response->Header("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(response->Header("Cache-Control"), "no-store");
  EXPECT_EQ(response->Header("Content-Length"), std::to_string(response->body.size()));

  ASSERT_TRUE(client.Send(Get("/api/cached")));
  const std::optional<RawResponse> cached = client.Read();
  ASSERT_TRUE(cached.has_value());
  EXPECT_EQ(cached->Header("Cache-Control"), "private, max-age=60");
}

TEST_F(ServerTest, UnknownApiPathIsJson404) {
  RawHttpClient client(StartServer());
  ASSERT_TRUE(client.Send(Get("/api/nothing/here")));
  const std::optional<RawResponse> response = client.Read();
  ASSERT_TRUE(response.has_value());
  EXPECT_EQ(response->status, 404);
  EXPECT_EQ(ErrorCodeOf(*response), "not_found");
  EXPECT_EQ(response->Header("X-Content-Type-Options"), "nosniff");
}

TEST_F(ServerTest, WrongMethodIs405WithAllow) {
  RawHttpClient client(StartServer());
  ASSERT_TRUE(client.Send(Post("/api/ping", "x")));
  const std::optional<RawResponse> response = client.Read();
  ASSERT_TRUE(response.has_value());
  EXPECT_EQ(response->status, 405);
  EXPECT_EQ(ErrorCodeOf(*response), "method_not_allowed");
  EXPECT_EQ(response->Header("Allow"), "GET, HEAD");
}

TEST_F(ServerTest, PathParamsAndQueryArriveDecoded) {
  RawHttpClient client(StartServer());
  ASSERT_TRUE(client.Send(Get("/api/units/%E5%8D%95%E4%BD%8D1?q=a+b%26c")));
  const std::optional<RawResponse> response = client.Read();
  ASSERT_TRUE(response.has_value());
  EXPECT_EQ(nlohmann::json::parse(response->body),
            nlohmann::json::parse(R"({"id":"单位1","q":"a b&c"})"));
}

TEST_F(ServerTest, InvalidPercentEncodingIs400AndConnectionStaysUsable) {
  RawHttpClient client(StartServer());
  ASSERT_TRUE(client.Send(Get("/api/units/%zz")));
  const std::optional<RawResponse> response = client.Read();
  ASSERT_TRUE(response.has_value());
  EXPECT_EQ(response->status, 400);
  EXPECT_EQ(ErrorCodeOf(*response), "invalid_argument");
  ASSERT_TRUE(client.Send(Get("/api/ping")));
  const std::optional<RawResponse> next = client.Read();
  ASSERT_TRUE(next.has_value());
  EXPECT_EQ(next->status, 200);
}

TEST_F(ServerTest, TooLargeContentLengthIs413WithoutReadingTheBody) {
  RawHttpClient client(StartServer(), 3s);
  // Header only: had the server waited for the 10 MB body, Read() would time out.
  ASSERT_TRUE(
      client.Send("POST /api/echo HTTP/1.1\r\nHost: test\r\nContent-Length: 10000000\r\n\r\n"));
  const auto started = SteadyClock::now();
  const std::optional<RawResponse> response = client.Read();
  ASSERT_TRUE(response.has_value());
  EXPECT_LT(SteadyClock::now() - started, 2s);
  EXPECT_EQ(response->status, 413);
  EXPECT_EQ(ErrorCodeOf(*response), "payload_too_large");
  EXPECT_EQ(response->Header("Connection"), "close");
  EXPECT_TRUE(client.WaitForClose());
}

TEST_F(ServerTest, ExpectContinueWithTooLargeBodyGets413InsteadOf100) {
  RawHttpClient client(StartServer(), 3s);
  ASSERT_TRUE(
      client.Send("POST /api/echo HTTP/1.1\r\nHost: test\r\nExpect: 100-continue\r\n"
                  "Content-Length: 5000\r\n\r\n"));
  const std::optional<RawResponse> response = client.Read();
  ASSERT_TRUE(response.has_value());
  EXPECT_EQ(response->status, 413);
}

TEST_F(ServerTest, ChunkedBodyOverTheLimitIs413) {
  RawHttpClient client(StartServer(), 3s);
  const std::string chunk(kTestBodyLimit + 10, 'x');
  char size_line[32];
  std::snprintf(size_line, sizeof(size_line), "%zx\r\n", chunk.size());
  ASSERT_TRUE(
      client.Send("POST /api/echo HTTP/1.1\r\nHost: test\r\nTransfer-Encoding: chunked\r\n\r\n" +
                  std::string(size_line) + chunk + "\r\n0\r\n\r\n"));
  const std::optional<RawResponse> response = client.Read();
  ASSERT_TRUE(response.has_value());
  EXPECT_EQ(response->status, 413);
}

TEST_F(ServerTest, BodyAtTheLimitIsAccepted) {
  RawHttpClient client(StartServer());
  const std::string body(kTestBodyLimit, 'b');
  ASSERT_TRUE(client.Send(Post("/api/echo", body)));
  const std::optional<RawResponse> response = client.Read();
  ASSERT_TRUE(response.has_value());
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body, body);
}

TEST_F(ServerTest, ExpectContinueGets100ThenTheFinalResponse) {
  RawHttpClient client(StartServer(), 3s);
  ASSERT_TRUE(
      client.Send("POST /api/echo HTTP/1.1\r\nHost: test\r\nExpect: 100-continue\r\n"
                  "Content-Length: 5\r\n\r\n"));
  const std::optional<RawResponse> interim = client.Read();
  ASSERT_TRUE(interim.has_value()) << "no 100 Continue: the client would stall";
  EXPECT_EQ(interim->status, 100);
  ASSERT_TRUE(client.Send("hello"));
  const std::optional<RawResponse> response = client.Read();
  ASSERT_TRUE(response.has_value());
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body, "hello");
}

TEST_F(ServerTest, CurlUploadWithExpectContinueDoesNotStall) {
  ServerOptions options;
  options.body_limit_bytes = 8u << 20;
  const unsigned short port = StartServer(options);
  TempDir dir;
  const std::string upload = (std::filesystem::path(dir.path()) / "upload.bin").string();
  WriteFile(upload, std::string(2u << 20, 'u'));
  // With no 100 Continue curl would wait the full --expect100-timeout (10 s) before sending.
  const std::string command =
      "curl -s -o /dev/null -w '%{http_code} %{time_total}' --expect100-timeout 10 "
      "-H 'Expect: 100-continue' -H 'Content-Type: application/octet-stream' "
      "--data-binary @" +
      upload + " http://127.0.0.1:" + std::to_string(port) + "/api/echo";
  FILE* pipe = ::popen(command.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  char output[128] = {};
  const std::size_t length = std::fread(output, 1, sizeof(output) - 1, pipe);
  const int exit_status = ::pclose(pipe);
  if (exit_status != 0 && length == 0) GTEST_SKIP() << "curl not available";
  int code = 0;
  double seconds = 99;
  ASSERT_EQ(std::sscanf(output, "%d %lf", &code, &seconds), 2) << output;
  EXPECT_EQ(code, 200);
  EXPECT_LT(seconds, 5.0);
}

TEST_F(ServerTest, KeepAliveServesSequentialAndPipelinedRequests) {
  RawHttpClient client(StartServer());
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(client.Send(Get("/api/ping")));
    const std::optional<RawResponse> response = client.Read();
    ASSERT_TRUE(response.has_value()) << "request " << i;
    EXPECT_EQ(response->status, 200);
    EXPECT_NE(response->Header("Connection"), "close");
  }
  ASSERT_TRUE(client.Send(Get("/api/units/1") + Post("/api/echo", "two") + Get("/api/units/3")));
  const std::optional<RawResponse> first = client.Read();
  const std::optional<RawResponse> second = client.Read();
  const std::optional<RawResponse> third = client.Read();
  ASSERT_TRUE(first && second && third);
  EXPECT_EQ(nlohmann::json::parse(first->body)["id"], "1");
  EXPECT_EQ(second->body, "two");
  EXPECT_EQ(nlohmann::json::parse(third->body)["id"], "3");
}

TEST_F(ServerTest, ConnectionCloseIsHonoured) {
  RawHttpClient client(StartServer());
  ASSERT_TRUE(client.Send(Get("/api/ping", "Connection: close\r\n")));
  const std::optional<RawResponse> response = client.Read();
  ASSERT_TRUE(response.has_value());
  EXPECT_EQ(response->Header("Connection"), "close");
  EXPECT_TRUE(client.WaitForClose());
}

TEST_F(ServerTest, HeadHasLengthButNoBody) {
  RawHttpClient client(StartServer());
  ASSERT_TRUE(client.Send(Get("/api/ping")));
  const std::optional<RawResponse> get = client.Read();
  ASSERT_TRUE(client.Send("HEAD /api/ping HTTP/1.1\r\nHost: test\r\n\r\n"));
  const std::optional<RawResponse> head = client.Read(/*head=*/true);
  ASSERT_TRUE(get && head);
  EXPECT_EQ(head->status, 200);
  EXPECT_EQ(head->Header("Content-Length"), std::to_string(get->body.size()));
  // Any body bytes sent for HEAD would corrupt the next response on this connection.
  ASSERT_TRUE(client.Send(Get("/api/units/after-head")));
  const std::optional<RawResponse> next = client.Read();
  ASSERT_TRUE(next.has_value());
  EXPECT_EQ(nlohmann::json::parse(next->body)["id"], "after-head");
}

TEST_F(ServerTest, MalformedRequestsAre400AndClose) {
  const unsigned short port = StartServer();
  for (std::string_view raw :
       {std::string_view("GET /api/ping HTTP/1.1\r\nHost: test\r\nNoColonHere\r\n\r\n"),
        std::string_view("\x01\x02 garbage\r\n\r\n"),
        std::string_view("GET /api/ping HTTP/9.9\r\nHost: test\r\n\r\n"),
        std::string_view("POST /api/echo HTTP/1.1\r\nContent-Length: abc\r\n\r\n")}) {
    RawHttpClient client(port, 3s);
    ASSERT_TRUE(client.Send(raw));
    const std::optional<RawResponse> response = client.Read();
    ASSERT_TRUE(response.has_value()) << raw;
    EXPECT_EQ(response->status, 400) << raw;
    EXPECT_EQ(ErrorCodeOf(*response), "invalid_argument") << raw;
    EXPECT_TRUE(client.WaitForClose()) << raw;
  }
}

TEST_F(ServerTest, ThrowingHandlerGives500AndServerKeepsServing) {
  RawHttpClient client(StartServer());
  ASSERT_TRUE(client.Send(Get("/api/throw")));
  const std::optional<RawResponse> failed = client.Read();
  ASSERT_TRUE(failed.has_value());
  EXPECT_EQ(failed->status, 500);
  EXPECT_EQ(ErrorCodeOf(*failed), "internal");
  EXPECT_EQ(failed->body.find("boom"), std::string::npos);
  ASSERT_TRUE(client.Send(Get("/api/ping")));
  const std::optional<RawResponse> next = client.Read();
  ASSERT_TRUE(next.has_value());
  EXPECT_EQ(next->status, 200);
}

TEST_F(ServerTest, IdleConnectionIsClosedAfterReadTimeout) {
  ServerOptions options;
  options.read_timeout_seconds = 1;
  RawHttpClient client(StartServer(options), 5s);
  const auto started = SteadyClock::now();
  EXPECT_TRUE(client.WaitForClose());
  const auto elapsed = SteadyClock::now() - started;
  EXPECT_GT(elapsed, 700ms);
  EXPECT_LT(elapsed, 4s);
}

TEST_F(ServerTest, SecondServerOnTakenPortFailsWithClearError) {
  const unsigned short port = StartServer();
  ServerOptions options;
  options.port = port;
  Server second(options, router_);
  const Result<unsigned short> result = second.Start();
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kUnavailable);
  EXPECT_NE(result.error().message.find("端口 " + std::to_string(port) + " 已被占用"),
            std::string::npos)
      << result.error().message;
  EXPECT_NE(result.error().message.find("in use"), std::string::npos);
}

TEST_F(ServerTest, InvalidAddressIsInvalidArgument) {
  ServerOptions options;
  options.address = "not-an-ip";
  Server server(options, router_);
  const Result<unsigned short> result = server.Start();
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kInvalidArgument);
}

TEST_F(ServerTest, StopClosesIdleConnectionsPromptly) {
  const unsigned short port = StartServer();
  RawHttpClient client(port);
  ASSERT_TRUE(client.Send(Get("/api/ping")));
  ASSERT_TRUE(client.Read().has_value());
  const auto started = SteadyClock::now();
  server_->Stop();
  EXPECT_LT(SteadyClock::now() - started, 2s);  // the grace period is 5 s
  EXPECT_TRUE(client.WaitForClose());
  EXPECT_THROW(RawHttpClient{port}, std::runtime_error);  // no longer listening
}

TEST_F(ServerTest, StopLetsARequestInFlightFinish) {
  RawHttpClient client(StartServer());
  ASSERT_TRUE(client.Send(Get("/api/slow")));
  while (!slow_entered_) std::this_thread::sleep_for(1ms);
  server_->Stop();
  const std::optional<RawResponse> response = client.Read();
  ASSERT_TRUE(response.has_value());
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->Header("Connection"), "close");
}

TEST_F(ServerTest, WaitReturnsAfterStopFromAHandler) {
  Server* server = nullptr;
  router_.Add("POST", "/api/shutdown", [&server](Request&) {
    server->Stop();
    return Response::NoContent();
  });
  const unsigned short port = StartServer();
  server = server_.get();
  auto waited = std::async(std::launch::async, [&] { server_->Wait(); });
  EXPECT_EQ(waited.wait_for(200ms), std::future_status::timeout);
  RawHttpClient client(port);
  ASSERT_TRUE(client.Send(Post("/api/shutdown", "")));
  const std::optional<RawResponse> response = client.Read();
  ASSERT_TRUE(response.has_value());
  EXPECT_EQ(response->status, 204);
  EXPECT_EQ(response->Header("Content-Length"), "");
  ASSERT_EQ(waited.wait_for(5s), std::future_status::ready);
}

TEST_F(ServerTest, ManyConcurrentKeepAliveClients) {
  const unsigned short port = StartServer();
  std::atomic<int> ok{0};
  std::vector<std::thread> clients;
  for (int c = 0; c < 8; ++c) {
    clients.emplace_back([&, c] {
      RawHttpClient client(port);
      for (int i = 0; i < 50; ++i) {
        const std::string id = std::to_string(c) + "-" + std::to_string(i);
        if (!client.Send(Get("/api/units/" + id))) return;
        const std::optional<RawResponse> response = client.Read();
        if (response && response->status == 200 &&
            nlohmann::json::parse(response->body)["id"] == id)
          ++ok;
      }
    });
  }
  for (std::thread& thread : clients) thread.join();
  EXPECT_EQ(ok.load(), 8 * 50);
}

// Static files through the real server: routing between /api, routes and the SPA.
class ServerStaticTest : public ServerTest {
 protected:
  ServerStaticTest() {
    WriteFile(std::filesystem::path(dir_.path()) / "secret.txt", "TOP-SECRET-93ab");
    WriteFile(std::filesystem::path(dir_.path()) / "www" / "index.html", "<html>spa</html>");
    WriteFile(std::filesystem::path(dir_.path()) / "www" / "assets" / "app-1.js", "js");
  }
  unsigned short StartWithStatic() {
    ServerOptions options;
    options.static_files.root = (std::filesystem::path(dir_.path()) / "www").string();
    return StartServer(options);
  }
  TempDir dir_;
};

TEST_F(ServerStaticTest, ServesSpaAssetsAndKeepsApiJson) {
  RawHttpClient client(StartWithStatic());
  ASSERT_TRUE(client.Send(Get("/units/7")));
  const std::optional<RawResponse> spa = client.Read();
  ASSERT_TRUE(spa.has_value());
  EXPECT_EQ(spa->status, 200);
  EXPECT_EQ(spa->body, "<html>spa</html>");
  EXPECT_EQ(spa->Header("Content-Type"), "text/html; charset=utf-8");
  EXPECT_EQ(spa->Header("Cache-Control"), "no-cache");
  EXPECT_EQ(spa->Header("X-Content-Type-Options"), "nosniff");

  ASSERT_TRUE(client.Send(Get("/assets/app-1.js")));
  const std::optional<RawResponse> asset = client.Read();
  ASSERT_TRUE(asset.has_value());
  EXPECT_EQ(asset->body, "js");
  EXPECT_EQ(asset->Header("Cache-Control"), "public, max-age=31536000, immutable");

  ASSERT_TRUE(client.Send(Get("/api/missing")));
  const std::optional<RawResponse> api = client.Read();
  ASSERT_TRUE(api.has_value());
  EXPECT_EQ(api->status, 404);
  EXPECT_EQ(ErrorCodeOf(*api), "not_found");

  // A registered non-/api route wins over the SPA fallback.
  ASSERT_TRUE(client.Send(Get("/healthz")));
  const std::optional<RawResponse> health = client.Read();
  ASSERT_TRUE(health.has_value());
  EXPECT_EQ(nlohmann::json::parse(health->body)["ok"], true);
}

TEST_F(ServerStaticTest, RawTraversalTargetsNeverReachOutsideRoot) {
  const unsigned short port = StartWithStatic();
  for (const char* target :
       {"/../secret.txt", "/%2e%2e/%2e%2e/etc/passwd", "/%2e%2e/secret.txt",
        "/assets/..%2f..%2fsecret.txt", "/..%5csecret.txt", "/%2e%2e%2fsecret.txt"}) {
    RawHttpClient client(port);
    ASSERT_TRUE(client.Send(Get(target)));
    const std::optional<RawResponse> response = client.Read();
    ASSERT_TRUE(response.has_value()) << target;
    EXPECT_EQ(response->status, 400) << target;
    EXPECT_EQ(response->body.find("TOP-SECRET"), std::string::npos) << target;
  }
}

}  // namespace
}  // namespace anjian::http

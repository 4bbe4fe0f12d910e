// The server's side of metrics and logs: what a real Server counts in Metrics (route patterns,
// statuses, durations, requests in flight) and the access log line it writes in JSON mode.
#include <gtest/gtest.h>
#include <spdlog/logger.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>
#include <vector>

#include "http/exposition.hpp"
#include "http/log_format.hpp"
#include "http/metrics.hpp"
#include "http/metrics_endpoint.hpp"
#include "http/raw_http_client.hpp"
#include "http/server.hpp"

namespace anjian::http {
namespace {

using namespace std::chrono_literals;

std::string Get(std::string_view target, std::string_view extra_headers = "") {
  return "GET " + std::string(target) + " HTTP/1.1\r\nHost: test\r\n" + std::string(extra_headers) +
         "\r\n";
}

// Polls until `done` holds or two seconds pass. Counting and logging happen when the response
// write completes, which may be just after the client has read the response.
bool Eventually(const std::function<bool()>& done) {
  const auto deadline = std::chrono::steady_clock::now() + 2s;
  while (std::chrono::steady_clock::now() < deadline) {
    if (done()) return true;
    std::this_thread::sleep_for(5ms);
  }
  return done();
}

using Labels = std::map<std::string, std::string>;

class ServerObservabilityTest : public ::testing::Test {
 protected:
  ServerObservabilityTest() {
    router_.Use([](Request& request, const Route&) -> std::optional<Response> {
      if (request.Header("Authorization") == "Bearer user42") request.user_id = 42;
      return std::nullopt;
    });
    router_.Add("GET", "/api/v1/units/{id}", [](Request& request) {
      return Response::Json(200, {{"id", request.path_params.at("id")}});
    });
    router_.Add("GET", "/api/v1/health", [](Request&) {
      return Response::Json(200, {{"status", "ok"}});
    });
    router_.Add("GET", "/api/v1/slow", [this](Request&) {
      slow_entered_ = true;
      while (!release_slow_) std::this_thread::sleep_for(1ms);
      return Response::Json(200, {{"slow", true}});
    });
    router_.Add(
        "GET", "/metrics", [this](Request& request) { return ServeMetrics(metrics_, request, ""); },
        RouteInfo{"metrics", false, "meta"});
  }

  ~ServerObservabilityTest() override {
    release_slow_ = true;
    if (server_) server_->Stop();
    if (previous_logger_) spdlog::set_default_logger(previous_logger_);
  }

  unsigned short StartServer(bool json_access_log = false, int threads = 2) {
    ServerOptions options;
    options.port = 0;
    options.threads = threads;
    options.metrics = &metrics_;
    options.json_access_log = json_access_log;
    server_ = std::make_unique<Server>(std::move(options), router_);
    Result<unsigned short> port = server_->Start();
    EXPECT_TRUE(port.ok());
    return port.ok() ? *port : 0;
  }

  // Sends every log line of the process to log_ (JSON or spdlog's default text format).
  void CaptureLogs(LogFormat format) {
    previous_logger_ = spdlog::default_logger();
    auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(log_);
    if (format == LogFormat::kJson) sink->set_formatter(std::make_unique<JsonLogFormatter>());
    auto logger = std::make_shared<spdlog::logger>("capture", sink);
    logger->set_level(spdlog::level::info);
    spdlog::set_default_logger(logger);
  }

  std::vector<nlohmann::json> JsonLogLines() {
    std::vector<nlohmann::json> lines;
    std::istringstream in(log_.str());
    std::string line;
    while (std::getline(in, line)) {
      nlohmann::json parsed = nlohmann::json::parse(line, nullptr, false);
      EXPECT_TRUE(parsed.is_object()) << "not a JSON object: " << line;
      lines.push_back(std::move(parsed));
    }
    return lines;
  }

  Exposition Scrape(RawHttpClient& client) {
    EXPECT_TRUE(client.Send(Get("/metrics")));
    const std::optional<RawResponse> response = client.Read();
    if (!response) {
      ADD_FAILURE() << "no response to /metrics";
      return {};
    }
    EXPECT_EQ(response->status, 200);
    EXPECT_EQ(response->Header("Content-Type"), "text/plain; version=0.0.4; charset=utf-8");
    Exposition parsed = ParseExposition(response->body);
    EXPECT_EQ(parsed.error, "") << response->body;
    return parsed;
  }

  int Status(RawHttpClient& client, const std::string& request) {
    EXPECT_TRUE(client.Send(request));
    const std::optional<RawResponse> response = client.Read();
    return response ? response->status : 0;
  }

  Metrics metrics_{"9.9.9", 1'790'000'000};
  Router router_;
  std::unique_ptr<Server> server_;
  std::atomic<bool> slow_entered_{false};
  std::atomic<bool> release_slow_{false};
  std::ostringstream log_;
  std::shared_ptr<spdlog::logger> previous_logger_;
};

TEST_F(ServerObservabilityTest, CountsByRoutePatternNeverByRawPath) {
  RawHttpClient client(StartServer());
  EXPECT_EQ(Status(client, Get("/api/v1/units/17")), 200);
  EXPECT_EQ(Status(client, Get("/api/v1/units/18")), 200);
  EXPECT_EQ(Status(client, Get("/api/v1/units/18?q=1")), 200);
  EXPECT_EQ(Status(client, Get("/api/no/such/route")), 404);
  EXPECT_EQ(Status(client, "DELETE /api/v1/units/17 HTTP/1.1\r\nHost: test\r\n\r\n"), 405);
  EXPECT_EQ(Status(client, "BREW /api/v1/units/17 HTTP/1.1\r\nHost: test\r\n\r\n"), 405);

  // Same connection: the server reads the scrape only after counting the previous response.
  const Exposition parsed = Scrape(client);
  EXPECT_EQ(parsed.Value("anjian_http_requests_total",
                         {{"method", "GET"}, {"route", "/api/v1/units/{id}"}, {"status", "200"}}),
            3);
  EXPECT_EQ(parsed.Value("anjian_http_requests_total",
                         {{"method", "GET"}, {"route", "other"}, {"status", "404"}}),
            1);
  EXPECT_EQ(parsed.Value("anjian_http_requests_total",
                         {{"method", "DELETE"}, {"route", "other"}, {"status", "405"}}),
            1);
  EXPECT_EQ(parsed.Value("anjian_http_requests_total",
                         {{"method", "other"}, {"route", "other"}, {"status", "405"}}),
            1);
  for (const MetricSample& sample : parsed.samples) {
    for (const auto& [label, value] : sample.labels) {
      EXPECT_EQ(value.find("17"), std::string::npos) << sample.name << " " << label << "=" << value;
      EXPECT_EQ(value.find("/api/no"), std::string::npos)
          << sample.name << " " << label << "=" << value;
    }
  }
  EXPECT_EQ(parsed.Value("anjian_http_request_duration_seconds_count",
                         {{"method", "GET"}, {"route", "/api/v1/units/{id}"}}),
            3);
  // The scrape itself is the one request in flight.
  EXPECT_EQ(parsed.Value("anjian_http_in_flight_requests"), 1);
}

TEST_F(ServerObservabilityTest, CountersGrowAndEveryHistogramEndsWithItsCount) {
  RawHttpClient client(StartServer());
  const Labels health = {{"method", "GET"}, {"route", "/api/v1/health"}, {"status", "200"}};
  const Exposition before = Scrape(client);
  EXPECT_FALSE(before.Value("anjian_http_requests_total", health).has_value());
  for (int i = 0; i < 5; ++i) EXPECT_EQ(Status(client, Get("/api/v1/health")), 200);
  const Exposition after = Scrape(client);
  EXPECT_EQ(after.Value("anjian_http_requests_total", health), 5);
  // The first scrape is counted by the second.
  EXPECT_EQ(after.Value("anjian_http_requests_total",
                        {{"method", "GET"}, {"route", "/metrics"}, {"status", "200"}}),
            1);
  for (const MetricSample& count : after.All("anjian_http_request_duration_seconds_count")) {
    Labels inf = count.labels;
    inf["le"] = "+Inf";
    EXPECT_EQ(after.Value("anjian_http_request_duration_seconds_bucket", inf), count.value)
        << count.labels.at("route");
    double previous = 0;
    for (const MetricSample& bucket : after.All("anjian_http_request_duration_seconds_bucket")) {
      if (bucket.labels.at("route") != count.labels.at("route") ||
          bucket.labels.at("method") != count.labels.at("method")) {
        continue;
      }
      EXPECT_GE(bucket.value, previous) << "buckets must be cumulative";
      previous = bucket.value;
    }
  }
}

TEST_F(ServerObservabilityTest, InFlightGaugeCountsARequestBeingHandled) {
  const unsigned short port = StartServer();
  RawHttpClient slow(port);
  ASSERT_TRUE(slow.Send(Get("/api/v1/slow")));
  ASSERT_TRUE(Eventually([this] { return slow_entered_.load(); }));
  RawHttpClient scraper(port);
  EXPECT_EQ(Scrape(scraper).Value("anjian_http_in_flight_requests"), 2);
  release_slow_ = true;
  ASSERT_TRUE(slow.Read().has_value());
  EXPECT_TRUE(
      Eventually([&] { return Scrape(scraper).Value("anjian_http_in_flight_requests") == 1; }));
}

TEST_F(ServerObservabilityTest, MalformedRequestIsCountedAsOther) {
  const unsigned short port = StartServer();
  {
    RawHttpClient client(port);
    ASSERT_TRUE(client.Send("this is not http\r\n\r\n"));
    const std::optional<RawResponse> response = client.Read();
    ASSERT_TRUE(response.has_value());
    EXPECT_EQ(response->status, 400);
  }
  RawHttpClient scraper(port);
  EXPECT_TRUE(Eventually([&] {
    return Scrape(scraper).Value("anjian_http_requests_total",
                                 {{"method", "other"}, {"route", "other"}, {"status", "400"}}) == 1;
  }));
  EXPECT_TRUE(
      Eventually([&] { return Scrape(scraper).Value("anjian_http_in_flight_requests") == 1; }));
}

// Eight server threads and eight keep-alive clients: every request counted exactly once.
TEST_F(ServerObservabilityTest, CountsAreExactUnderEightServerThreads) {
  const unsigned short port = StartServer(/*json_access_log=*/false, /*threads=*/8);
  constexpr int kClients = 8;
  constexpr int kRequests = 150;
  std::atomic<int> ok{0};
  std::vector<std::thread> clients;
  for (int c = 0; c < kClients; ++c) {
    clients.emplace_back([&, c] {
      RawHttpClient client(port);
      for (int i = 0; i < kRequests; ++i) {
        if (Status(client, Get("/api/v1/units/" + std::to_string(c * 1000 + i))) == 200) ++ok;
      }
    });
  }
  for (std::thread& thread : clients) thread.join();
  ASSERT_EQ(ok.load(), kClients * kRequests);
  RawHttpClient scraper(port);
  const Labels units = {{"method", "GET"}, {"route", "/api/v1/units/{id}"}, {"status", "200"}};
  EXPECT_TRUE(Eventually([&] {
    return Scrape(scraper).Value("anjian_http_requests_total", units) == kClients * kRequests;
  }));
  const Exposition parsed = Scrape(scraper);
  EXPECT_EQ(parsed.Value("anjian_http_request_duration_seconds_count",
                         {{"method", "GET"}, {"route", "/api/v1/units/{id}"}}),
            kClients * kRequests);
  EXPECT_EQ(parsed.All("anjian_http_requests_total").size(), 2u) << "units and /metrics only";
}

TEST_F(ServerObservabilityTest, JsonAccessLogHasOneParsableLinePerRequest) {
  CaptureLogs(LogFormat::kJson);
  RawHttpClient client(StartServer(/*json_access_log=*/true));
  ASSERT_TRUE(client.Send(Get("/api/v1/units/17?token=secret-value&page=2",
                              "Authorization: Bearer user42\r\nX-Request-Id: req-\"7\"\r\n")));
  const std::optional<RawResponse> unit = client.Read();
  ASSERT_TRUE(unit.has_value());
  EXPECT_EQ(Status(client, Get("/api/v1/units/%E4%B8%AD%22%5C")), 200);  // 中"\ as an id
  EXPECT_EQ(Status(client, Get("/api/nothing?token=x")), 404);

  std::vector<nlohmann::json> access;
  ASSERT_TRUE(Eventually([&] {
    access.clear();
    for (nlohmann::json& line : JsonLogLines()) {
      if (line.contains("route")) access.push_back(std::move(line));
    }
    return access.size() == 3;
  })) << log_.str();

  EXPECT_EQ(access[0]["level"], "info");
  EXPECT_EQ(access[0]["method"], "GET");
  EXPECT_EQ(access[0]["route"], "/api/v1/units/{id}");
  EXPECT_EQ(access[0]["path"], "/api/v1/units/17");
  EXPECT_EQ(access[0]["status"], 200);
  EXPECT_EQ(access[0]["bytes"], unit->body.size());
  EXPECT_TRUE(access[0]["duration_ms"].is_number());
  EXPECT_GE(access[0]["duration_ms"].get<double>(), 0);
  EXPECT_EQ(access[0]["request_id"], "req-\"7\"");
  EXPECT_EQ(access[0]["user_id"], 42);
  EXPECT_TRUE(access[0]["msg"].is_string());

  EXPECT_EQ(access[1]["path"], "/api/v1/units/中\"\\");
  EXPECT_FALSE(access[1].contains("request_id"));
  EXPECT_FALSE(access[1].contains("user_id"));

  EXPECT_EQ(access[2]["route"], "other");
  EXPECT_EQ(access[2]["status"], 404);
  EXPECT_EQ(log_.str().find("secret-value"), std::string::npos)
      << "query strings stay out of the log";
  EXPECT_EQ(log_.str().find("token="), std::string::npos) << "query strings stay out of the log";
}

TEST_F(ServerObservabilityTest, TextModeStaysQuietPerRequest) {
  CaptureLogs(LogFormat::kText);
  RawHttpClient client(StartServer(/*json_access_log=*/false));
  EXPECT_EQ(Status(client, Get("/api/v1/units/17")), 200);
  EXPECT_EQ(Status(client, Get("/api/v1/health")), 200);
  EXPECT_EQ(log_.str().find("/api/v1/units/17"), std::string::npos) << log_.str();
  EXPECT_EQ(log_.str().find("/api/v1/health"), std::string::npos) << log_.str();
}

}  // namespace
}  // namespace anjian::http

#include "http/metrics.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <thread>
#include <vector>

#include "http/exposition.hpp"

namespace anjian::http {
namespace {

using std::chrono::milliseconds;
using std::chrono::nanoseconds;

Exposition ParseOrFail(const Metrics& metrics) {
  const std::string text = metrics.Render();
  Exposition parsed = ParseExposition(text);
  EXPECT_EQ(parsed.error, "") << text;
  return parsed;
}

TEST(MetricsTest, FreshRegistryRendersValidExpositionWithBuildAndStartTime) {
  Metrics metrics("1.2.3", 1'790'000'000.5);
  const Exposition parsed = ParseOrFail(metrics);
  EXPECT_EQ(parsed.Value("anjian_build_info", {{"version", "1.2.3"}}), 1);
  EXPECT_EQ(parsed.Value("process_start_time_seconds"), 1'790'000'000.5);
  EXPECT_EQ(parsed.Value("anjian_http_in_flight_requests"), 0);
  EXPECT_EQ(parsed.types.at("anjian_http_requests_total"), "counter");
  EXPECT_EQ(parsed.types.at("anjian_http_request_duration_seconds"), "histogram");
  EXPECT_EQ(parsed.types.at("anjian_http_in_flight_requests"), "gauge");
}

TEST(MetricsTest, CountsRequestsByMethodRouteAndStatus) {
  Metrics metrics("0", 0);
  metrics.RecordRequest("GET", "/api/v1/units/{id}", 200, milliseconds(3));
  metrics.RecordRequest("GET", "/api/v1/units/{id}", 200, milliseconds(4));
  metrics.RecordRequest("GET", "/api/v1/units/{id}", 404, milliseconds(1));
  metrics.RecordRequest("PUT", "/api/v1/units/{id}", 409, milliseconds(1));
  const Exposition parsed = ParseOrFail(metrics);
  EXPECT_EQ(parsed.Value("anjian_http_requests_total",
                         {{"method", "GET"}, {"route", "/api/v1/units/{id}"}, {"status", "200"}}),
            2);
  EXPECT_EQ(parsed.Value("anjian_http_requests_total",
                         {{"method", "GET"}, {"route", "/api/v1/units/{id}"}, {"status", "404"}}),
            1);
  EXPECT_EQ(parsed.Value("anjian_http_requests_total",
                         {{"method", "PUT"}, {"route", "/api/v1/units/{id}"}, {"status", "409"}}),
            1);
  EXPECT_EQ(parsed.All("anjian_http_requests_total").size(), 3u);
}

TEST(MetricsTest, UnmatchedRoutesAndUnknownMethodsShareOneLabelValue) {
  Metrics metrics("0", 0);
  metrics.RecordRequest("GET", "", 404, milliseconds(1));
  metrics.RecordRequest("BREW", "", 404, milliseconds(1));
  metrics.RecordRequest("x\"y", "", 404, milliseconds(1));
  metrics.RecordRequest("", "", 400, milliseconds(1));
  const Exposition parsed = ParseOrFail(metrics);
  EXPECT_EQ(parsed.Value("anjian_http_requests_total",
                         {{"method", "GET"}, {"route", "other"}, {"status", "404"}}),
            1);
  EXPECT_EQ(parsed.Value("anjian_http_requests_total",
                         {{"method", "other"}, {"route", "other"}, {"status", "404"}}),
            2);
  EXPECT_EQ(parsed.Value("anjian_http_requests_total",
                         {{"method", "other"}, {"route", "other"}, {"status", "400"}}),
            1);
}

TEST(MetricsTest, HistogramBucketsAreCumulativeAndInfEqualsCount) {
  Metrics metrics("0", 0);
  // One request per interesting position: below the first bound, exactly on a bound (le is
  // inclusive), between bounds, and above the last one.
  const std::vector<nanoseconds> durations = {nanoseconds(200'000), milliseconds(1),
                                              milliseconds(7), milliseconds(300),
                                              std::chrono::seconds(11)};
  for (nanoseconds d : durations) metrics.RecordRequest("GET", "/api/v1/health", 200, d);
  const Exposition parsed = ParseOrFail(metrics);
  const std::map<std::string, std::string> series = {{"method", "GET"},
                                                     {"route", "/api/v1/health"}};
  auto bucket = [&](const std::string& le) {
    auto labels = series;
    labels["le"] = le;
    return parsed.Value("anjian_http_request_duration_seconds_bucket", labels);
  };
  EXPECT_EQ(bucket("0.001"), 2);  // 0.2 ms and exactly 1 ms
  EXPECT_EQ(bucket("0.0025"), 2);
  EXPECT_EQ(bucket("0.005"), 2);
  EXPECT_EQ(bucket("0.01"), 3);
  EXPECT_EQ(bucket("0.25"), 3);
  EXPECT_EQ(bucket("0.5"), 4);
  EXPECT_EQ(bucket("10"), 4);
  EXPECT_EQ(bucket("+Inf"), 5);
  EXPECT_EQ(parsed.Value("anjian_http_request_duration_seconds_count", series), 5);
  const std::optional<double> sum =
      parsed.Value("anjian_http_request_duration_seconds_sum", series);
  ASSERT_TRUE(sum.has_value());
  EXPECT_NEAR(*sum, 0.0002 + 0.001 + 0.007 + 0.3 + 11, 1e-9);

  // Cumulative: never decreasing in le order, 14 buckets including +Inf.
  std::vector<MetricSample> buckets = parsed.All("anjian_http_request_duration_seconds_bucket");
  ASSERT_EQ(buckets.size(), kRequestDurationBuckets.size() + 1);
  double previous = 0;
  double previous_le = -1;
  for (const MetricSample& sample : buckets) {
    const double le = sample.labels.at("le") == "+Inf" ? std::numeric_limits<double>::infinity()
                                                       : std::stod(sample.labels.at("le"));
    EXPECT_GT(le, previous_le);
    EXPECT_GE(sample.value, previous);
    previous = sample.value;
    previous_le = le;
  }
}

TEST(MetricsTest, InFlightGaugeFollowsStartAndEnd) {
  Metrics metrics("0", 0);
  metrics.RequestStarted();
  metrics.RequestStarted();
  metrics.RequestEnded();
  EXPECT_EQ(ParseOrFail(metrics).Value("anjian_http_in_flight_requests"), 1);
}

TEST(MetricsTest, LabelValuesAreEscaped) {
  Metrics metrics("v\"1\\2\n3", 0);
  metrics.RecordRequest("GET", "/odd/\"quoted\"\\path\n", 200, milliseconds(1));
  const std::string text = metrics.Render();
  EXPECT_NE(text.find(R"(anjian_build_info{version="v\"1\\2\n3"} 1)"), std::string::npos) << text;
  const Exposition parsed = ParseExposition(text);
  ASSERT_EQ(parsed.error, "") << text;
  EXPECT_EQ(parsed.Value("anjian_build_info", {{"version", "v\"1\\2\n3"}}), 1);
  EXPECT_EQ(
      parsed.Value("anjian_http_requests_total",
                   {{"method", "GET"}, {"route", "/odd/\"quoted\"\\path\n"}, {"status", "200"}}),
      1);
}

TEST(MetricsTest, WriterEscapesHelpAndPrintsSpecialValues) {
  std::string text;
  MetricsWriter out(text);
  out.Family("x_ratio", "gauge", "a \\ b\nc");
  out.Sample("x_ratio", {{"k", "v"}}, 0.25);
  out.Sample("x_ratio", {{"k", "inf"}}, std::numeric_limits<double>::infinity());
  out.Sample("x_ratio", {{"k", "big"}}, 12345678901.0);
  EXPECT_EQ(text,
            "# HELP x_ratio a \\\\ b\\nc\n# TYPE x_ratio gauge\n"
            "x_ratio{k=\"v\"} 0.25\nx_ratio{k=\"inf\"} +Inf\nx_ratio{k=\"big\"} 12345678901\n");
}

TEST(MetricsTest, JobRunsAreCountedByResultAndOnlyRunsSetTheTimestamp) {
  Metrics metrics("0", 0);
  metrics.RegisterJob("overdue");
  Exposition parsed = ParseOrFail(metrics);
  EXPECT_EQ(parsed.Value("anjian_job_runs_total", {{"job", "overdue"}, {"result", "ran"}}), 0);
  EXPECT_EQ(parsed.Value("anjian_job_last_run_timestamp_seconds", {{"job", "overdue"}}), 0);

  metrics.RecordJobRun("overdue", JobResult::kRan, 1'790'000'600);
  metrics.RecordJobRun("overdue", JobResult::kSkipped, 1'790'000'660);
  metrics.RecordJobRun("overdue", JobResult::kSkipped, 1'790'000'720);
  metrics.RecordJobRun("overdue", JobResult::kFailed, 1'790'000'780);
  parsed = ParseOrFail(metrics);
  EXPECT_EQ(parsed.Value("anjian_job_runs_total", {{"job", "overdue"}, {"result", "ran"}}), 1);
  EXPECT_EQ(parsed.Value("anjian_job_runs_total", {{"job", "overdue"}, {"result", "skipped"}}), 2);
  EXPECT_EQ(parsed.Value("anjian_job_runs_total", {{"job", "overdue"}, {"result", "failed"}}), 1);
  EXPECT_EQ(parsed.Value("anjian_job_last_run_timestamp_seconds", {{"job", "overdue"}}),
            1'790'000'600);
}

TEST(MetricsTest, CollectorsAddFamiliesAtRenderTime) {
  Metrics metrics("0", 0);
  int value = 1;
  metrics.AddCollector([&value](MetricsWriter& out) {
    out.Family("test_value", "gauge", "A test value.");
    out.Sample("test_value", {}, value);
  });
  EXPECT_EQ(ParseOrFail(metrics).Value("test_value"), 1);
  value = 5;
  EXPECT_EQ(ParseOrFail(metrics).Value("test_value"), 5);
}

// Eight recording threads (the server's thread count in production) on a few shared series, with
// series created concurrently and a scraper running meanwhile: no count may be lost.
TEST(MetricsTest, ConcurrentRecordingLosesNoCounts) {
  Metrics metrics("0", 0);
  constexpr int kThreads = 8;
  constexpr int kPerThread = 20'000;
  const std::vector<std::string> routes = {"/a", "/b/{id}", "/c", ""};
  std::atomic<bool> done{false};
  std::thread scraper([&] {
    while (!done) EXPECT_EQ(ParseExposition(metrics.Render()).error, "");
  });
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        metrics.RequestStarted();
        metrics.RecordRequest(i % 2 ? "GET" : "POST",
                              routes[static_cast<std::size_t>(i + t) % routes.size()],
                              200 + (i % 3), nanoseconds(i * 1000));
        metrics.RequestEnded();
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  done = true;
  scraper.join();

  const Exposition parsed = ParseOrFail(metrics);
  double total = 0;
  for (const MetricSample& sample : parsed.All("anjian_http_requests_total")) total += sample.value;
  EXPECT_EQ(total, kThreads * kPerThread);
  double count = 0;
  for (const MetricSample& sample : parsed.All("anjian_http_request_duration_seconds_count"))
    count += sample.value;
  EXPECT_EQ(count, kThreads * kPerThread);
  // 2 methods × 4 routes × 3 statuses, each created exactly once.
  EXPECT_EQ(parsed.All("anjian_http_requests_total").size(), 24u);
  EXPECT_EQ(parsed.Value("anjian_http_in_flight_requests"), 0);
}

}  // namespace
}  // namespace anjian::http

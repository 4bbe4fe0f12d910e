#include "http/metrics_endpoint.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "http/exposition.hpp"

namespace anjian::http {
namespace {

Request MetricsRequest(std::string remote_address,
                       std::vector<std::pair<std::string, std::string>> headers = {}) {
  Request request;
  request.method = "GET";
  request.target = "/metrics";
  request.path = "/metrics";
  request.remote_address = std::move(remote_address);
  request.headers = std::move(headers);
  return request;
}

void ExpectPermissionDenied(const Response& response) {
  EXPECT_EQ(response.status, 403);
  const nlohmann::json body = nlohmann::json::parse(response.body, nullptr, false);
  ASSERT_TRUE(body.is_object()) << response.body;
  EXPECT_EQ(body["error"]["code"], "permission_denied");
  EXPECT_TRUE(body["error"]["message"].is_string());
  EXPECT_EQ(response.body.find("anjian_"), std::string::npos) << "no metrics in a refusal";
}

TEST(MetricsEndpointTest, RecognisesLoopbackAddresses) {
  EXPECT_TRUE(IsLoopbackAddress("127.0.0.1"));
  EXPECT_TRUE(IsLoopbackAddress("127.12.0.9"));
  EXPECT_TRUE(IsLoopbackAddress("::1"));
  EXPECT_TRUE(IsLoopbackAddress("::ffff:127.0.0.1"));
  EXPECT_FALSE(IsLoopbackAddress("10.0.0.1"));
  EXPECT_FALSE(IsLoopbackAddress("192.168.1.127"));
  EXPECT_FALSE(IsLoopbackAddress("::ffff:10.0.0.1"));
  EXPECT_FALSE(IsLoopbackAddress("fe80::1"));
  EXPECT_FALSE(IsLoopbackAddress(""));
}

TEST(MetricsEndpointTest, LoopbackClientGetsTheExpositionText) {
  Metrics metrics("0.1.0", 1);
  const Response response = ServeMetrics(metrics, MetricsRequest("127.0.0.1"), /*token=*/"");
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.content_type, "text/plain; version=0.0.4; charset=utf-8");
  EXPECT_EQ(response.Header("Cache-Control"), "no-store");
  const Exposition parsed = ParseExposition(response.body);
  EXPECT_EQ(parsed.error, "");
  EXPECT_EQ(parsed.Value("anjian_build_info", {{"version", "0.1.0"}}), 1);
}

TEST(MetricsEndpointTest, RemoteClientWithoutTokenIsRefusedWithJsonError) {
  Metrics metrics("0", 0);
  ExpectPermissionDenied(ServeMetrics(metrics, MetricsRequest("203.0.113.7"), ""));
  ExpectPermissionDenied(ServeMetrics(metrics, MetricsRequest("203.0.113.7"), "s3cret"));
}

TEST(MetricsEndpointTest, ProxiedRequestFromLoopbackIsTreatedAsRemote) {
  Metrics metrics("0", 0);
  ExpectPermissionDenied(
      ServeMetrics(metrics, MetricsRequest("127.0.0.1", {{"X-Forwarded-For", "203.0.113.7"}}), ""));
  ExpectPermissionDenied(
      ServeMetrics(metrics, MetricsRequest("127.0.0.1", {{"x-real-ip", "203.0.113.7"}}), ""));
  ExpectPermissionDenied(
      ServeMetrics(metrics, MetricsRequest("127.0.0.1", {{"Forwarded", "for=203.0.113.7"}}), ""));
}

TEST(MetricsEndpointTest, TokenAdmitsAnyClient) {
  Metrics metrics("0", 0);
  const Request remote = MetricsRequest("203.0.113.7", {{"Authorization", "Bearer s3cret"}});
  EXPECT_EQ(ServeMetrics(metrics, remote, "s3cret").status, 200);
  const Request proxied = MetricsRequest(
      "127.0.0.1", {{"X-Forwarded-For", "203.0.113.7"}, {"Authorization", "Bearer s3cret"}});
  EXPECT_EQ(ServeMetrics(metrics, proxied, "s3cret").status, 200);
}

TEST(MetricsEndpointTest, WrongOrMalformedTokenIsRefused) {
  Metrics metrics("0", 0);
  for (const char* header :
       {"Bearer s3cre", "Bearer s3cret2", "Bearer S3CRET", "s3cret", "Basic s3cret", "Bearer "}) {
    SCOPED_TRACE(header);
    ExpectPermissionDenied(ServeMetrics(
        metrics, MetricsRequest("203.0.113.7", {{"Authorization", header}}), "s3cret"));
  }
  // No token configured: a bearer header never opens the endpoint to a remote client.
  ExpectPermissionDenied(
      ServeMetrics(metrics, MetricsRequest("203.0.113.7", {{"Authorization", "Bearer "}}), ""));
}

}  // namespace
}  // namespace anjian::http

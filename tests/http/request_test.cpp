#include "http/request.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace anjian::http {
namespace {

Request WithTarget(std::string target) {
  Request request;
  request.target = std::move(target);
  return request;
}

TEST(PercentDecodeTest, DecodesEscapesAndKeepsPlusUnlessAsked) {
  EXPECT_EQ(PercentDecode("/a%20b+c").value(), "/a b+c");
  EXPECT_EQ(PercentDecode("a+b%2Bc", PlusDecoding::kPlusAsSpace).value(), "a b+c");
  EXPECT_EQ(PercentDecode("%E9%9A%90%E6%82%A3").value(), "隐患");
}

TEST(PercentDecodeTest, RejectsIncompleteOrNonHexEscapes) {
  for (const char* bad : {"%", "%2", "abc%", "%zz", "%g1", "a%2"}) {
    const Result<std::string> decoded = PercentDecode(bad);
    ASSERT_FALSE(decoded.ok()) << bad;
    EXPECT_EQ(decoded.error().code, ErrorCode::kInvalidArgument) << bad;
  }
}

TEST(ParseTargetTest, SplitsPathAndDecodesQuery) {
  Request request = WithTarget("/api/v1/units%2Fx?q=%E5%8C%96%E5%B7%A5+厂&page=2&flag&q=second&");
  ASSERT_TRUE(ParseTarget(request).ok());
  EXPECT_EQ(request.path, "/api/v1/units/x");
  EXPECT_EQ(request.QueryParam("q"), std::optional<std::string>("化工 厂"));
  EXPECT_EQ(request.QueryParam("page"), std::optional<std::string>("2"));
  EXPECT_EQ(request.QueryParam("flag"), std::optional<std::string>(""));
  EXPECT_EQ(request.QueryParam("missing"), std::nullopt);
  EXPECT_EQ(request.query.count("q"), 2u);
}

TEST(ParseTargetTest, RejectsBadEncodingNulInvalidUtf8AndNonOriginForm) {
  for (const char* target :
       {"/api/%zz", "/a?x=%4", "/a%00b", "/a%C3%28", "http://host/a", "*", ""}) {
    Request request = WithTarget(target);
    request.path = "unchanged";
    const Status status = ParseTarget(request);
    ASSERT_FALSE(status.ok()) << target;
    EXPECT_EQ(status.error().code, ErrorCode::kInvalidArgument) << target;
    EXPECT_EQ(request.path, "unchanged") << target;
  }
}

TEST(RequestTest, HeaderLookupIsCaseInsensitiveAndReturnsFirst) {
  Request request;
  request.headers = {{"Content-Type", "text/plain"}, {"X-Twice", "one"}, {"x-twice", "two"}};
  EXPECT_EQ(request.Header("content-type"), "text/plain");
  EXPECT_EQ(request.Header("X-TWICE"), "one");
  EXPECT_EQ(request.Header("Accept"), "");
}

TEST(ParseJsonBodyTest, ParsesObjectsAndRejectsEmptyOrMalformed) {
  Request request;
  request.body = R"({"name":"某化工厂","n":3})";
  const Result<nlohmann::json> parsed = ParseJsonBody(request);
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ((*parsed)["name"], "某化工厂");
  EXPECT_EQ((*parsed)["n"], 3);

  for (const char* body : {"", "{", "{\"a\":}", "nul"}) {
    request.body = body;
    const Result<nlohmann::json> bad = ParseJsonBody(request);
    ASSERT_FALSE(bad.ok()) << body;
    EXPECT_EQ(bad.error().code, ErrorCode::kInvalidArgument);
    EXPECT_NE(bad.error().message.find("JSON"), std::string::npos);
  }
}

}  // namespace
}  // namespace anjian::http

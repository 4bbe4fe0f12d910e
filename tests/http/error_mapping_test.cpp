#include "http/error_mapping.hpp"

#include <gtest/gtest.h>

#include "http/response.hpp"

namespace anjian::http {
namespace {

TEST(ErrorMappingTest, MapsEveryCodeToItsStatus) {
  const std::vector<std::pair<ErrorCode, int>> expected = {
      {ErrorCode::kInvalidArgument, 400},   {ErrorCode::kNotFound, 404},
      {ErrorCode::kAlreadyExists, 409},     {ErrorCode::kFailedPrecondition, 409},
      {ErrorCode::kPermissionDenied, 403},  {ErrorCode::kUnauthenticated, 401},
      {ErrorCode::kConflict, 409},          {ErrorCode::kIdempotencyKeyReused, 409},
      {ErrorCode::kUnprocessable, 422},     {ErrorCode::kUnsupportedMediaType, 415},
      {ErrorCode::kResourceExhausted, 429}, {ErrorCode::kPayloadTooLarge, 413},
      {ErrorCode::kUnavailable, 503},       {ErrorCode::kInternal, 500},
  };
  for (const auto& [code, status] : expected) {
    EXPECT_EQ(HttpStatusFor(code), status) << ErrorCodeName(code);
  }
}

TEST(ErrorMappingTest, BodyHasCodeAndMessageAndFieldOnlyWhenSet) {
  const nlohmann::json with_field =
      ErrorBody(Error::InvalidArgument("统一社会信用代码校验位错误", "credit_code"));
  EXPECT_EQ(with_field, nlohmann::json::parse(R"({"error":{"code":"invalid_argument",
      "message":"统一社会信用代码校验位错误","field":"credit_code"}})"));

  const nlohmann::json without_field = ErrorBody(Error::NotFound("单位不存在"));
  EXPECT_EQ(without_field,
            nlohmann::json::parse(R"({"error":{"code":"not_found","message":"单位不存在"}})"));
  EXPECT_FALSE(without_field["error"].contains("field"));
}

TEST(ResponseTest, FromErrorUsesMappedStatusAndJsonBody) {
  const Response response = Response::FromError(Error::Conflict("版本冲突"));
  EXPECT_EQ(response.status, 409);
  EXPECT_EQ(response.content_type, "application/json; charset=utf-8");
  EXPECT_EQ(nlohmann::json::parse(response.body)["error"]["code"], "conflict");
}

TEST(ResponseTest, JsonNeverThrowsOnInvalidUtf8) {
  Response response;
  ASSERT_NO_THROW(response = Response::Json(200, {{"name", std::string("bad\xff")}}));
  EXPECT_EQ(nlohmann::json::parse(response.body)["name"], "bad\xEF\xBF\xBD");
}

TEST(ResponseTest, SetHeaderReplacesCaseInsensitively) {
  Response response;
  response.SetHeader("Location", "/a");
  response.SetHeader("location", "/b");
  ASSERT_EQ(response.headers.size(), 1u);
  EXPECT_EQ(response.Header("LOCATION"), "/b");
}

}  // namespace
}  // namespace anjian::http

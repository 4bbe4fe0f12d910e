// Error / Result<T> / ANJIAN_TRY: expected failures travel as values and propagate unchanged.
#include "common/error.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "support/result_matchers.hpp"

namespace anjian {
namespace {

Status FailWith(ErrorCode code, std::string message) { return Error{code, std::move(message), {}}; }

Result<int> Half(int n) {
  if (n % 2 != 0) return Error::InvalidArgument("奇数不能平分", "n");
  return n / 2;
}

// Uses ANJIAN_TRY; counts how far it got so the test can see early return.
Status TwoSteps(Status first, int& steps) {
  ANJIAN_TRY(first);
  ++steps;
  ANJIAN_TRY(Ok());
  ++steps;
  return Ok();
}

Result<int> Quarter(int n) {
  ANJIAN_ASSIGN_OR_RETURN(int half, Half(n));
  ANJIAN_ASSIGN_OR_RETURN(int quarter, Half(half));
  return quarter;
}

TEST(ErrorTest, TryContinuesOnSuccess) {
  int steps = 0;
  EXPECT_OK(TwoSteps(Ok(), steps));
  EXPECT_EQ(steps, 2);
}

TEST(ErrorTest, TryReturnsTheErrorUnchanged) {
  int steps = 0;
  Status result = TwoSteps(FailWith(ErrorCode::kNotFound, "单位不存在"), steps);
  EXPECT_ERROR_CODE(result, kNotFound);
  EXPECT_EQ(result.error().message, "单位不存在");
  EXPECT_EQ(steps, 0);
}

TEST(ErrorTest, TryPropagatesFromResultOfValue) {
  auto wrapper = [](int n) -> Status {
    ANJIAN_TRY(Half(n));
    return Ok();
  };
  EXPECT_OK(wrapper(4));
  Status failed = wrapper(3);
  EXPECT_ERROR_CODE(failed, kInvalidArgument);
  EXPECT_EQ(failed.error().field, std::optional<std::string>("n"));
}

TEST(ErrorTest, AssignOrReturnUnwrapsValues) {
  auto q = Quarter(12);
  ASSERT_OK(q);
  EXPECT_EQ(*q, 3);
}

TEST(ErrorTest, AssignOrReturnStopsAtFirstError) {
  auto q = Quarter(6);  // 6 → 3 → odd
  EXPECT_ERROR_CODE(q, kInvalidArgument);
  EXPECT_EQ(q.error().message, "奇数不能平分");
}

TEST(ErrorTest, ResultHoldsValueOrError) {
  Result<std::string> value = std::string("甲");
  EXPECT_TRUE(value.ok());
  EXPECT_TRUE(static_cast<bool>(value));
  EXPECT_EQ(value->size(), 3u);
  Result<std::string> error = Error::Conflict("版本冲突");
  EXPECT_FALSE(error.ok());
  EXPECT_EQ(error.error().code, ErrorCode::kConflict);
}

TEST(ErrorTest, DefaultStatusIsOk) {
  Status status;
  EXPECT_TRUE(status.ok());
  EXPECT_TRUE(Ok().ok());
}

TEST(ErrorTest, FactoriesSetCodeMessageAndField) {
  auto e = Error::AlreadyExists("已登记", "credit_code");
  EXPECT_EQ(e.code, ErrorCode::kAlreadyExists);
  EXPECT_EQ(e.message, "已登记");
  EXPECT_EQ(e.field, std::optional<std::string>("credit_code"));
  EXPECT_EQ(Error::NotFound("x").code, ErrorCode::kNotFound);
  EXPECT_EQ(Error::FailedPrecondition("x").code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(Error::PermissionDenied("x").code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(Error::Unauthenticated("x").code, ErrorCode::kUnauthenticated);
  EXPECT_EQ(Error::ResourceExhausted("x").code, ErrorCode::kResourceExhausted);
  EXPECT_EQ(Error::Unavailable("x").code, ErrorCode::kUnavailable);
  EXPECT_EQ(Error::Internal("x").code, ErrorCode::kInternal);
  EXPECT_FALSE(Error::Internal("x").field.has_value());
}

TEST(ErrorTest, ErrorCodeNamesAreStableSnakeCase) {
  EXPECT_EQ(ErrorCodeName(ErrorCode::kInvalidArgument), "invalid_argument");
  EXPECT_EQ(ErrorCodeName(ErrorCode::kNotFound), "not_found");
  EXPECT_EQ(ErrorCodeName(ErrorCode::kAlreadyExists), "already_exists");
  EXPECT_EQ(ErrorCodeName(ErrorCode::kFailedPrecondition), "failed_precondition");
  EXPECT_EQ(ErrorCodeName(ErrorCode::kPermissionDenied), "permission_denied");
  EXPECT_EQ(ErrorCodeName(ErrorCode::kUnauthenticated), "unauthenticated");
  EXPECT_EQ(ErrorCodeName(ErrorCode::kConflict), "conflict");
  EXPECT_EQ(ErrorCodeName(ErrorCode::kIdempotencyKeyReused), "idempotency_key_reused");
  EXPECT_EQ(ErrorCodeName(ErrorCode::kResourceExhausted), "resource_exhausted");
  EXPECT_EQ(ErrorCodeName(ErrorCode::kPayloadTooLarge), "payload_too_large");
  EXPECT_EQ(ErrorCodeName(ErrorCode::kUnavailable), "unavailable");
  EXPECT_EQ(ErrorCodeName(ErrorCode::kInternal), "internal");
}

TEST(ErrorDeathTest, AssertAbortsWithConditionText) {
  EXPECT_DEATH(ANJIAN_ASSERT(1 + 1 == 3), "ANJIAN_ASSERT failed: 1 \\+ 1 == 3");
}

TEST(ErrorDeathTest, ValueOfAnErrorNamesTheCallersFileLineAndTheError) {
  Result<int> failed = Error::NotFound("没有这户单位");
  EXPECT_DEATH(
      (void)failed.value(),
      "Result::value\\(\\) on an error at .*error_test.cpp:[0-9]+: not_found: 没有这户单位");
  Status status = Error::Conflict("版本已变");
  EXPECT_DEATH(status.value(), "error_test.cpp:[0-9]+: conflict: 版本已变");
  Result<int> fine = 7;
  EXPECT_DEATH((void)fine.error(), "Result::error\\(\\) on a value");
  EXPECT_EQ(fine.value(), 7);
}

}  // namespace
}  // namespace anjian

// EXPECT_OK / ASSERT_OK / EXPECT_ERROR_CODE(result, kNotFound) for anjian::Result and Status.
// Failures print the error's code name and message, so a red test says what went wrong.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "common/error.hpp"

namespace anjian::test_support {

template <typename R>
::testing::AssertionResult IsOk(const R& result) {
  if (result.ok()) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "expected ok, got " << ErrorCodeName(result.error().code)
                                       << ": " << result.error().message;
}

template <typename R>
::testing::AssertionResult HasErrorCode(const R& result, ErrorCode expected) {
  if (result.ok()) {
    return ::testing::AssertionFailure()
           << "expected error " << ErrorCodeName(expected) << ", got ok";
  }
  if (result.error().code != expected) {
    return ::testing::AssertionFailure()
           << "expected error " << ErrorCodeName(expected) << ", got "
           << ErrorCodeName(result.error().code) << ": " << result.error().message;
  }
  return ::testing::AssertionSuccess();
}

}  // namespace anjian::test_support

#define EXPECT_OK(expr) EXPECT_TRUE(::anjian::test_support::IsOk(expr))
#define ASSERT_OK(expr) ASSERT_TRUE(::anjian::test_support::IsOk(expr))
#define EXPECT_ERROR_CODE(expr, code) \
  EXPECT_TRUE(::anjian::test_support::HasErrorCode((expr), ::anjian::ErrorCode::code))
#define ASSERT_ERROR_CODE(expr, code) \
  ASSERT_TRUE(::anjian::test_support::HasErrorCode((expr), ::anjian::ErrorCode::code))

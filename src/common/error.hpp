// Error and Result<T>: the one error type of Anjian (STYLE.md §3). Expected failures travel
// as values; ANJIAN_TRY keeps call chains flat. http/error_mapping.cpp is the only place that
// turns an ErrorCode into an HTTP status.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace anjian {

enum class ErrorCode {
  kInvalidArgument,
  kNotFound,
  kAlreadyExists,
  kFailedPrecondition,
  kPermissionDenied,
  kUnauthenticated,
  kMfaRequired,  // the password was right; a one-time code is needed too (HTTP 401 "mfa_required")
  kConflict,
  // An Idempotency-Key sent again with a different request (HTTP 409 "idempotency_key_reused"):
  // the client must make a new key, which a stale-version conflict does not tell it.
  kIdempotencyKeyReused,
  kUnprocessable,  // well-formed, but the business rules refuse it (HTTP 422)
  kResourceExhausted,
  kPayloadTooLarge,
  kUnsupportedMediaType,  // an upload of a type we do not take (HTTP 415)
  kUnavailable,
  kInternal,
};

// Stable snake_case name used in API error bodies, e.g. "invalid_argument".
std::string_view ErrorCodeName(ErrorCode code);

struct Error;
// Bugs, never user input: print where and abort.
[[noreturn]] void AssertionFailed(const char* condition, const char* file, int line);
// Result::value() called on an error: print the caller's file and line and the error, abort.
[[noreturn]] void ValueOfError(const Error& error, const char* file, int line);

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;
  std::optional<std::string> field;

  static Error InvalidArgument(std::string message, std::optional<std::string> field = {}) {
    return {ErrorCode::kInvalidArgument, std::move(message), std::move(field)};
  }
  static Error NotFound(std::string message) { return {ErrorCode::kNotFound, std::move(message)}; }
  static Error AlreadyExists(std::string message, std::optional<std::string> field = {}) {
    return {ErrorCode::kAlreadyExists, std::move(message), std::move(field)};
  }
  static Error FailedPrecondition(std::string message) {
    return {ErrorCode::kFailedPrecondition, std::move(message)};
  }
  static Error PermissionDenied(std::string message) {
    return {ErrorCode::kPermissionDenied, std::move(message)};
  }
  static Error MfaRequired(std::string message) {
    return {ErrorCode::kMfaRequired, std::move(message)};
  }
  static Error Unauthenticated(std::string message) {
    return {ErrorCode::kUnauthenticated, std::move(message)};
  }
  static Error Conflict(std::string message) { return {ErrorCode::kConflict, std::move(message)}; }
  static Error Unprocessable(std::string message, std::optional<std::string> field = {}) {
    return {ErrorCode::kUnprocessable, std::move(message), std::move(field)};
  }
  static Error ResourceExhausted(std::string message) {
    return {ErrorCode::kResourceExhausted, std::move(message)};
  }
  static Error Unavailable(std::string message) {
    return {ErrorCode::kUnavailable, std::move(message)};
  }
  static Error Internal(std::string message) { return {ErrorCode::kInternal, std::move(message)}; }
};

// A value or an Error. Thin on purpose so it can become std::expected under C++23.
template <typename T>
class [[nodiscard]] Result {
 public:
  // Implicit by design: a function returning Result<T> returns a T or an Error.
  Result(T value)  // NOLINT(google-explicit-constructor)
      : state_(std::in_place_index<0>, std::move(value)) {}
  Result(Error error)  // NOLINT(google-explicit-constructor)
      : state_(std::in_place_index<1>, std::move(error)) {}

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }

  // Reading the value of an error is a bug: it stops the process naming the caller's file and
  // line and the error (instead of std::bad_variant_access from somewhere inside <variant>).
  // __builtin_FILE/LINE rather than std::source_location, which clang 14 (libFuzzer, clang-tidy)
  // cannot compile with this libstdc++.
  T& value(const char* file = __builtin_FILE(), int line = __builtin_LINE()) & {
    CheckValue(file, line);
    return std::get<0>(state_);
  }
  const T& value(const char* file = __builtin_FILE(), int line = __builtin_LINE()) const& {
    CheckValue(file, line);
    return std::get<0>(state_);
  }
  T&& value(const char* file = __builtin_FILE(), int line = __builtin_LINE()) && {
    CheckValue(file, line);
    return std::get<0>(std::move(state_));
  }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const Error& error(const char* file = __builtin_FILE(), int line = __builtin_LINE()) const& {
    CheckError(file, line);
    return std::get<1>(state_);
  }
  Error&& error(const char* file = __builtin_FILE(), int line = __builtin_LINE()) && {
    CheckError(file, line);
    return std::get<1>(std::move(state_));
  }

 private:
  void CheckValue(const char* file, int line) const {
    if (!ok()) ValueOfError(std::get<1>(state_), file, line);
  }
  void CheckError(const char* file, int line) const {
    if (ok()) AssertionFailed("Result::error() on a value", file, line);
  }

  std::variant<T, Error> state_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)) {}  // NOLINT: implicit by design

  bool ok() const { return !error_.has_value(); }
  explicit operator bool() const { return ok(); }
  void value(const char* file = __builtin_FILE(), int line = __builtin_LINE()) const {
    if (!ok()) ValueOfError(*error_, file, line);
  }
  const Error& error(const char* file = __builtin_FILE(), int line = __builtin_LINE()) const& {
    if (ok()) AssertionFailed("Status::error() on success", file, line);
    return *error_;
  }
  Error&& error(const char* file = __builtin_FILE(), int line = __builtin_LINE()) && {
    if (ok()) AssertionFailed("Status::error() on success", file, line);
    return std::move(*error_);
  }

 private:
  std::optional<Error> error_;
};

using Status = Result<void>;

inline Status Ok() { return {}; }

}  // namespace anjian

// Evaluates a Result expression; on error returns the error from the enclosing function.
#define ANJIAN_TRY_CONCAT_INNER(a, b) a##b
#define ANJIAN_TRY_CONCAT(a, b) ANJIAN_TRY_CONCAT_INNER(a, b)
#define ANJIAN_TRY(expr)                                                        \
  do {                                                                          \
    auto&& anjian_try_result_ = (expr);                                         \
    if (!anjian_try_result_.ok()) return std::move(anjian_try_result_).error(); \
  } while (false)
// Declares `lhs` from a Result expression's value, or returns its error.
#define ANJIAN_ASSIGN_OR_RETURN(lhs, expr) \
  ANJIAN_ASSIGN_OR_RETURN_IMPL(ANJIAN_TRY_CONCAT(anjian_result_, __LINE__), lhs, expr)
// (`tmp` and `lhs` are declarations, which parentheses would break.)
// NOLINTBEGIN(bugprone-macro-parentheses)
#define ANJIAN_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                                 \
  if (!tmp.ok()) return std::move(tmp).error();      \
  lhs = std::move(tmp).value()
// NOLINTEND(bugprone-macro-parentheses)

// Invariant checks for bugs, never for user input.
#define ANJIAN_ASSERT(cond)                                            \
  do {                                                                 \
    if (!(cond)) ::anjian::AssertionFailed(#cond, __FILE__, __LINE__); \
  } while (false)

namespace anjian {
[[noreturn]] void AssertionFailed(const char* condition, const char* file, int line);
}

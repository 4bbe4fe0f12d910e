#include "common/error.hpp"

#include <cstdio>
#include <cstdlib>

namespace anjian {

std::string_view ErrorCodeName(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument:
      return "invalid_argument";
    case ErrorCode::kNotFound:
      return "not_found";
    case ErrorCode::kAlreadyExists:
      return "already_exists";
    case ErrorCode::kFailedPrecondition:
      return "failed_precondition";
    case ErrorCode::kPermissionDenied:
      return "permission_denied";
    case ErrorCode::kUnauthenticated:
      return "unauthenticated";
    case ErrorCode::kMfaRequired:
      return "mfa_required";
    case ErrorCode::kConflict:
      return "conflict";
    case ErrorCode::kIdempotencyKeyReused:
      return "idempotency_key_reused";
    case ErrorCode::kUnprocessable:
      return "unprocessable_entity";
    case ErrorCode::kResourceExhausted:
      return "resource_exhausted";
    case ErrorCode::kPayloadTooLarge:
      return "payload_too_large";
    case ErrorCode::kUnsupportedMediaType:
      return "unsupported_media_type";
    case ErrorCode::kUnavailable:
      return "unavailable";
    case ErrorCode::kInternal:
      return "internal";
  }
  return "internal";
}

void ValueOfError(const Error& error, const char* file, int line) {
  std::fprintf(stderr, "Result::value() on an error at %s:%d: %s: %s\n", file, line,
               std::string(ErrorCodeName(error.code)).c_str(), error.message.c_str());
  std::abort();
}

void AssertionFailed(const char* condition, const char* file, int line) {
  std::fprintf(stderr, "ANJIAN_ASSERT failed: %s at %s:%d\n", condition, file, line);
  std::abort();
}

}  // namespace anjian

// ErrorCode → HTTP status and the JSON error body, the only place this mapping lives (STYLE.md §3).
// Body shape: {"error":{"code":"invalid_argument","message":"...","field":"..."}}; "field" only
// when set. Thread-safety: pure functions, safe from any thread.
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>

#include "common/error.hpp"

namespace anjian::http {

// kInvalidArgument 400, kNotFound 404, kAlreadyExists/kFailedPrecondition/kConflict 409,
// kPermissionDenied 403, kUnauthenticated 401, kResourceExhausted 429, kPayloadTooLarge 413,
// kUnavailable 503, kInternal 500.
int HttpStatusFor(ErrorCode code);

// {"error":{"code":ErrorCodeName(code),"message":message[,"field":field]}}.
nlohmann::json ErrorBody(const Error& error);

// Same shape for errors that have no ErrorCode (e.g. "method_not_allowed" from the router).
nlohmann::json ErrorBody(std::string_view code, std::string_view message);

}  // namespace anjian::http

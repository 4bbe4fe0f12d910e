// Request: one parsed HTTP request as handlers see it, independent of Boost.Beast, plus the
// target parser (percent-decoding) the server uses to fill `path` and `query`.
// Thread-safety: a Request is owned by one connection and touched by one thread at a time.
#pragma once

#include <any>
#include <cstdint>
#include <map>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/error.hpp"

namespace anjian::http {

struct Request {
  std::string method;  // "GET", "POST", ... as sent (HTTP methods are case-sensitive)
  std::string target;  // raw request target including the query, e.g. "/api/v1/units?page=2"
  std::string path;    // percent-decoded path without the query, e.g. "/api/v1/units"
  std::multimap<std::string, std::string> query;  // percent-decoded, '+' as space
  std::string body;
  std::map<std::string, std::string> path_params;  // filled by Router from "{name}" segments
  std::string remote_address;                      // peer IP address, e.g. "127.0.0.1"
  // The client's address: the peer's, or behind a trusted proxy (nginx) the last address of
  // X-Forwarded-For that is not itself a trusted proxy. Login throttling counts by this.
  std::string client_address;
  std::vector<std::pair<std::string, std::string>> headers;  // in arrival order, names as sent
  std::any context;  // for middleware to attach the authenticated principal
  // For metrics and the access log: the pattern of the matched route (a view into the Router,
  // set by Router::Match; empty when none matched) and the authenticated user, when known.
  std::string_view route;
  std::optional<std::int64_t> user_id;

  // Value of the first header with this name, compared case-insensitively; "" if absent.
  std::string Header(std::string_view name) const;
  // First value of a query parameter, if present.
  std::optional<std::string> QueryParam(std::string_view name) const;
};

enum class PlusDecoding { kKeepPlus, kPlusAsSpace };

// Decodes %XX escapes. kInvalidArgument for a '%' not followed by two hex digits.
Result<std::string> PercentDecode(std::string_view text,
                                  PlusDecoding plus = PlusDecoding::kKeepPlus);

// Parses request.target (origin form "/path?query") into request.path and request.query.
// kInvalidArgument when the target does not start with '/', has invalid percent-encoding, or the
// decoded path is not valid UTF-8 or contains NUL. On error `path` and `query` are left unchanged.
Status ParseTarget(Request& request);

// Parses the body as JSON. kInvalidArgument (bilingual message) for an empty or malformed body.
Result<nlohmann::json> ParseJsonBody(const Request& request);

}  // namespace anjian::http

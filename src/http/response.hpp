// Response: what a handler returns; the server turns it into HTTP (adding Content-Length,
// "X-Content-Type-Options: nosniff" and, for JSON, "Cache-Control: no-store").
// Thread-safety: a plain value type.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/error.hpp"

namespace anjian::http {

inline constexpr std::string_view kJsonContentType = "application/json; charset=utf-8";

struct Response {
  int status = 200;
  std::string content_type = std::string(kJsonContentType);
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // extra headers, e.g. Location

  // JSON body. Never throws on invalid UTF-8 in strings: such bytes become U+FFFD.
  static Response Json(int status, const nlohmann::json& body);
  // Status and body from error_mapping (HttpStatusFor + ErrorBody).
  static Response FromError(const Error& error);
  // JSON error body for conditions without an ErrorCode, e.g. (405, "method_not_allowed", ...).
  static Response ErrorJson(int status, std::string_view code, std::string_view message);
  // 204 without body.
  static Response NoContent();

  // Value of the first extra header with this name (case-insensitive); "" if absent.
  std::string Header(std::string_view name) const;
  // Replaces an existing extra header of this name (case-insensitive) or appends it.
  void SetHeader(std::string name, std::string value);
};

}  // namespace anjian::http

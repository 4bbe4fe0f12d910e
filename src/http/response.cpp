#include "http/response.hpp"

#include <strings.h>

#include "http/error_mapping.hpp"

namespace anjian::http {
namespace {

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && ::strncasecmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace

Response Response::Json(int status, const nlohmann::json& body) {
  Response response;
  response.status = status;
  // Messages may echo user input; a dump must not throw on stray bytes inside a handler.
  response.body =
      body.dump(-1, ' ', /*ensure_ascii=*/false, nlohmann::json::error_handler_t::replace);
  return response;
}

Response Response::FromError(const Error& error) {
  return Json(HttpStatusFor(error.code), ErrorBody(error));
}

Response Response::ErrorJson(int status, std::string_view code, std::string_view message) {
  return Json(status, ErrorBody(code, message));
}

Response Response::NoContent() {
  Response response;
  response.status = 204;
  response.content_type.clear();
  return response;
}

std::string Response::Header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (EqualsIgnoreCase(key, name)) return value;
  }
  return {};
}

void Response::SetHeader(std::string name, std::string value) {
  for (auto& [key, existing] : headers) {
    if (EqualsIgnoreCase(key, name)) {
      existing = std::move(value);
      return;
    }
  }
  headers.emplace_back(std::move(name), std::move(value));
}

}  // namespace anjian::http

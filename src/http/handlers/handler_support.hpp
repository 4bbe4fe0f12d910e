// Small helpers shared by the handlers: the caller's principal, ids, paging, JSON bodies.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>

#include "app/principal.hpp"
#include "common/civil_date.hpp"
#include "http/request.hpp"
#include "http/response.hpp"
#include "store/store.hpp"

namespace anjian::http {

// The session cookie of browsers; API clients and the CLI send "Authorization: Bearer <token>".
inline constexpr std::string_view kSessionCookie = "anjian_session";
inline constexpr std::string_view kCsrfCookie = "anjian_csrf";
// The value of a cookie in the Cookie header, "" when absent.
std::string CookieValue(const Request& request, std::string_view name);
struct SessionCredential {
  std::string token;
  bool from_cookie = false;  // then writes must carry X-CSRF-Token
};
// The bearer token, else the session cookie.
SessionCredential SessionCredentialOf(const Request& request);

// The principal the auth middleware attached (routes requiring auth always have one).
const app::Principal& PrincipalOf(const Request& request);
// A positive integer path parameter, or kInvalidArgument naming it.
Result<std::int64_t> PathId(const Request& request, const char* name = "id");
// page (≥ 1) and page_size (1..200) query parameters with defaults 1 and 20.
Result<store::PageRequest> PageParams(const Request& request);
// A boolean query parameter: 1/0/true/false; nullopt when absent.
Result<std::optional<bool>> BoolParam(const Request& request, const char* name);
// A date query parameter (YYYY-MM-DD and the forms CivilDate::Parse reads); nullopt when absent.
Result<std::optional<CivilDate>> DateParam(const Request& request, const char* name);
// The "version" query parameter required by DELETE (optimistic concurrency).
Result<int> VersionParam(const Request& request);
nlohmann::json PageJson(nlohmann::json items, std::int64_t total, const store::PageRequest& page);

// Content-Disposition for a download: an ASCII fallback plus the UTF-8 name (RFC 6266/5987).
std::string ContentDisposition(const std::string& ascii_name, const std::string& utf8_name);
// A bytes download with the given type and file names, not cached.
Response Download(std::string bytes, const std::string& content_type, const std::string& ascii_name,
                  const std::string& utf8_name);
// Generates a file with `produce` in the scratch directory, returns it as a download (xlsx or csv
// by suffix) and removes the scratch file; an error of `produce` or of reading the file back is
// returned as is.
struct ApiServices;
Result<Response> FileDownload(const ApiServices& api, const std::string& suffix,
                              const std::string& ascii_name, const std::string& utf8_name,
                              const std::function<Status(const std::string&)>& produce);

// A use case's result as a JSON response: the value through `render`, or the error as is (the
// route adapter in routes.cpp maps it to a status and body, like every handler's error).
template <typename T, typename Render>
Result<Response> Respond(Result<T>&& result, Render render, int status = 200) {
  if (!result.ok()) return std::move(result).error();
  return Response::Json(status, render(*result));
}

}  // namespace anjian::http

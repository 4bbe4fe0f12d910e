// Small helpers shared by the handlers: the caller's principal, ids, paging, JSON bodies.
#pragma once

#include <nlohmann/json.hpp>

#include "app/principal.hpp"
#include "http/request.hpp"
#include "http/response.hpp"
#include "store/store.hpp"

namespace anjian::http {

// The principal the auth middleware attached (routes requiring auth always have one).
const app::Principal& PrincipalOf(const Request& request);
// A positive integer path parameter, or kInvalidArgument naming it.
Result<std::int64_t> PathId(const Request& request, const char* name = "id");
// page (≥ 1) and page_size (1..200) query parameters with defaults 1 and 20.
Result<store::PageRequest> PageParams(const Request& request);
// A boolean query parameter: 1/0/true/false; nullopt when absent.
Result<std::optional<bool>> BoolParam(const Request& request, const char* name);
// The "version" query parameter required by DELETE (optimistic concurrency).
Result<int> VersionParam(const Request& request);
nlohmann::json PageJson(nlohmann::json items, std::int64_t total, const store::PageRequest& page);

// Turns a Result into a response: the value through `render`, or the mapped error.
template <typename T, typename Render>
Response Respond(Result<T>&& result, Render render, int status = 200) {
  if (!result.ok()) return Response::FromError(result.error());
  return Response::Json(status, render(*result));
}

}  // namespace anjian::http

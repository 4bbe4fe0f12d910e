#include "app/json_codec.hpp"
#include "http/handlers/handler_support.hpp"
#include "http/handlers/handlers.hpp"

namespace anjian::http::handlers {

Result<Response> ListRegions(ApiServices& api, Request& request) {
  return Respond(api.registry.ListRegions(PrincipalOf(request)), [](const auto& regions) {
    nlohmann::json items = nlohmann::json::array();
    for (const auto& r : regions) items.push_back(app::RegionToJson(r));
    return nlohmann::json{{"items", items}, {"total", regions.size()}};
  });
}

Result<Response> GetRegion(ApiServices& api, Request& request) {
  ANJIAN_ASSIGN_OR_RETURN(const auto id, PathId(request));
  return Respond(api.registry.GetRegion(PrincipalOf(request), RegionId(id)),
                 [](const domain::Region& r) { return app::RegionToJson(r); });
}

Result<Response> CreateRegion(ApiServices& api, Request& request) {
  ANJIAN_ASSIGN_OR_RETURN(const auto body, ParseJsonBody(request));
  return Respond(
      api.registry.CreateRegion(PrincipalOf(request), body),
      [](const domain::Region& r) { return app::RegionToJson(r); }, 201);
}

Result<Response> UpdateRegion(ApiServices& api, Request& request) {
  ANJIAN_ASSIGN_OR_RETURN(const auto id, PathId(request));
  ANJIAN_ASSIGN_OR_RETURN(const auto body, ParseJsonBody(request));
  return Respond(api.registry.UpdateRegion(PrincipalOf(request), RegionId(id), body),
                 [](const domain::Region& r) { return app::RegionToJson(r); });
}

Result<Response> DeleteRegion(ApiServices& api, Request& request) {
  ANJIAN_ASSIGN_OR_RETURN(const auto id, PathId(request));
  ANJIAN_ASSIGN_OR_RETURN(const auto version, VersionParam(request));
  ANJIAN_TRY(api.registry.DeleteRegion(PrincipalOf(request), RegionId(id), version));
  return Response::NoContent();
}

}  // namespace anjian::http::handlers

#include "app/json_codec.hpp"
#include "http/handlers/handler_support.hpp"
#include "http/handlers/handlers.hpp"

namespace anjian::http::handlers {

Response ListRegions(ApiServices& api, Request& request) {
  return Respond(api.registry.ListRegions(PrincipalOf(request)), [](const auto& regions) {
    nlohmann::json items = nlohmann::json::array();
    for (const auto& r : regions) items.push_back(app::RegionToJson(r));
    return nlohmann::json{{"items", items}, {"total", regions.size()}};
  });
}

Response GetRegion(ApiServices& api, Request& request) {
  auto id = PathId(request);
  if (!id.ok()) return Response::FromError(id.error());
  return Respond(api.registry.GetRegion(PrincipalOf(request), RegionId(*id)),
                 [](const domain::Region& r) { return app::RegionToJson(r); });
}

Response CreateRegion(ApiServices& api, Request& request) {
  auto body = ParseJsonBody(request);
  if (!body.ok()) return Response::FromError(body.error());
  return Respond(
      api.registry.CreateRegion(PrincipalOf(request), *body),
      [](const domain::Region& r) { return app::RegionToJson(r); }, 201);
}

Response UpdateRegion(ApiServices& api, Request& request) {
  auto id = PathId(request);
  if (!id.ok()) return Response::FromError(id.error());
  auto body = ParseJsonBody(request);
  if (!body.ok()) return Response::FromError(body.error());
  return Respond(api.registry.UpdateRegion(PrincipalOf(request), RegionId(*id), *body),
                 [](const domain::Region& r) { return app::RegionToJson(r); });
}

Response DeleteRegion(ApiServices& api, Request& request) {
  auto id = PathId(request);
  if (!id.ok()) return Response::FromError(id.error());
  auto version = VersionParam(request);
  if (!version.ok()) return Response::FromError(version.error());
  auto status = api.registry.DeleteRegion(PrincipalOf(request), RegionId(*id), *version);
  return status.ok() ? Response::NoContent() : Response::FromError(status.error());
}

}  // namespace anjian::http::handlers

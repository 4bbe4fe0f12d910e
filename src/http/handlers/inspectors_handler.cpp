#include "app/json_codec.hpp"
#include "common/text.hpp"
#include "http/handlers/handler_support.hpp"
#include "http/handlers/handlers.hpp"

namespace anjian::http::handlers {

Response ListInspectors(ApiServices& api, Request& request) {
  store::InspectorQuery query;
  auto page = PageParams(request);
  if (!page.ok()) return Response::FromError(page.error());
  query.page = *page;
  query.text = request.QueryParam("q").value_or("");
  if (auto role = std::string(Trim(request.QueryParam("role").value_or(""))); !role.empty()) {
    auto parsed = domain::ParseInspectorRole(role);
    if (!parsed.ok())
      return Response::FromError(Error::InvalidArgument(parsed.error().message, "role"));
    query.role = *parsed;
  }
  if (auto region = request.QueryParam("region"); region && !region->empty()) {
    Request probe;
    probe.path_params["region"] = *region;
    auto id = PathId(probe, "region");
    if (!id.ok()) return Response::FromError(id.error());
    query.region = RegionId(*id);
  }
  return Respond(api.roster.List(PrincipalOf(request), query),
                 [&](const app::InspectorPage& result) {
                   auto namer = result.regions.Namer();
                   nlohmann::json items = nlohmann::json::array();
                   for (const auto& inspector : result.page.items)
                     items.push_back(app::InspectorToJson(inspector, namer));
                   return PageJson(std::move(items), result.page.total, query.page);
                 });
}

Response GetInspector(ApiServices& api, Request& request) {
  auto id = PathId(request);
  if (!id.ok()) return Response::FromError(id.error());
  return Respond(api.roster.Get(PrincipalOf(request), InspectorId(*id)), [](const auto& pair) {
    return app::InspectorToJson(pair.first, pair.second.Namer());
  });
}

Response CreateInspector(ApiServices& api, Request& request) {
  auto body = ParseJsonBody(request);
  if (!body.ok()) return Response::FromError(body.error());
  const auto& who = PrincipalOf(request);
  auto created = api.roster.Create(who, *body);
  if (!created.ok()) return Response::FromError(created.error());
  auto names = api.registry.LoadRegionNames(who);
  if (!names.ok()) return Response::FromError(names.error());
  auto response = Response::Json(201, app::InspectorToJson(*created, names->Namer()));
  response.SetHeader("Location", "/api/v1/inspectors/" + std::to_string(created->id.value));
  return response;
}

Response UpdateInspector(ApiServices& api, Request& request) {
  auto id = PathId(request);
  if (!id.ok()) return Response::FromError(id.error());
  auto body = ParseJsonBody(request);
  if (!body.ok()) return Response::FromError(body.error());
  const auto& who = PrincipalOf(request);
  auto updated = api.roster.Update(who, InspectorId(*id), *body);
  if (!updated.ok()) return Response::FromError(updated.error());
  auto names = api.registry.LoadRegionNames(who);
  if (!names.ok()) return Response::FromError(names.error());
  return Response::Json(200, app::InspectorToJson(*updated, names->Namer()));
}

Response DeleteInspector(ApiServices& api, Request& request) {
  auto id = PathId(request);
  if (!id.ok()) return Response::FromError(id.error());
  auto version = VersionParam(request);
  if (!version.ok()) return Response::FromError(version.error());
  auto status = api.roster.Delete(PrincipalOf(request), InspectorId(*id), *version);
  return status.ok() ? Response::NoContent() : Response::FromError(status.error());
}

}  // namespace anjian::http::handlers

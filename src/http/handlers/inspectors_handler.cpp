#include "app/json_codec.hpp"
#include "common/text.hpp"
#include "http/handlers/handler_support.hpp"
#include "http/handlers/handlers.hpp"

namespace anjian::http::handlers {

Result<Response> ListInspectors(ApiServices& api, Request& request) {
  store::InspectorQuery query;
  ANJIAN_ASSIGN_OR_RETURN(query.page, PageParams(request));
  query.text = request.QueryParam("q").value_or("");
  if (auto role = std::string(Trim(request.QueryParam("role").value_or(""))); !role.empty()) {
    auto parsed = domain::ParseInspectorRole(role);
    if (!parsed.ok()) return Error::InvalidArgument(parsed.error().message, "role");
    query.role = *parsed;
  }
  if (auto region = request.QueryParam("region"); region && !region->empty()) {
    Request probe;
    probe.path_params["region"] = *region;
    ANJIAN_ASSIGN_OR_RETURN(const auto id, PathId(probe, "region"));
    query.region = RegionId(id);
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

Result<Response> GetInspector(ApiServices& api, Request& request) {
  ANJIAN_ASSIGN_OR_RETURN(const auto id, PathId(request));
  return Respond(api.roster.Get(PrincipalOf(request), InspectorId(id)), [](const auto& pair) {
    return app::InspectorToJson(pair.first, pair.second.Namer());
  });
}

Result<Response> CreateInspector(ApiServices& api, Request& request) {
  ANJIAN_ASSIGN_OR_RETURN(const auto body, ParseJsonBody(request));
  const auto& who = PrincipalOf(request);
  ANJIAN_ASSIGN_OR_RETURN(const auto created, api.roster.Create(who, body));
  ANJIAN_ASSIGN_OR_RETURN(const auto names, api.registry.LoadRegionNames(who));
  auto response = Response::Json(201, app::InspectorToJson(created, names.Namer()));
  response.SetHeader("Location", "/api/v1/inspectors/" + std::to_string(created.id.value));
  return response;
}

Result<Response> UpdateInspector(ApiServices& api, Request& request) {
  ANJIAN_ASSIGN_OR_RETURN(const auto id, PathId(request));
  ANJIAN_ASSIGN_OR_RETURN(const auto body, ParseJsonBody(request));
  const auto& who = PrincipalOf(request);
  ANJIAN_ASSIGN_OR_RETURN(const auto updated, api.roster.Update(who, InspectorId(id), body));
  ANJIAN_ASSIGN_OR_RETURN(const auto names, api.registry.LoadRegionNames(who));
  return Response::Json(200, app::InspectorToJson(updated, names.Namer()));
}

Result<Response> DeleteInspector(ApiServices& api, Request& request) {
  ANJIAN_ASSIGN_OR_RETURN(const auto id, PathId(request));
  ANJIAN_ASSIGN_OR_RETURN(const auto version, VersionParam(request));
  ANJIAN_TRY(api.roster.Delete(PrincipalOf(request), InspectorId(id), version));
  return Response::NoContent();
}

}  // namespace anjian::http::handlers

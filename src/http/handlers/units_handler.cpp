#include "app/json_codec.hpp"
#include "common/text.hpp"
#include "http/handlers/handler_support.hpp"
#include "http/handlers/handlers.hpp"

namespace anjian::http::handlers {
namespace {

// Reads the list filters; enum filters accept codes or Chinese labels.
Result<store::UnitQuery> UnitQueryOf(const Request& request) {
  store::UnitQuery query;
  ANJIAN_ASSIGN_OR_RETURN(query.page, PageParams(request));
  query.text = request.QueryParam("q").value_or("");
  if (query.text.size() > 200) return Error::InvalidArgument("搜索词过长", "q");
  auto text_param = [&](const char* name) {
    return std::string(Trim(request.QueryParam(name).value_or("")));
  };
  if (auto v = text_param("risk"); !v.empty()) {
    auto risk = domain::ParseRiskColour(v);
    if (!risk.ok()) return Error::InvalidArgument(risk.error().message, "risk");
    query.risk = *risk;
  }
  if (auto v = text_param("level"); !v.empty()) {
    auto level = domain::ParseSupervisionLevel(v);
    if (!level.ok()) return Error::InvalidArgument(level.error().message, "level");
    query.level = *level;
  }
  if (auto v = text_param("category"); !v.empty()) {
    auto category = domain::ParseSupervisionCategory(v);
    if (!category.ok()) return Error::InvalidArgument(category.error().message, "category");
    query.category = *category;
  }
  if (auto v = text_param("status"); !v.empty()) {
    auto status = domain::ParseUnitStatus(v);
    if (!status.ok()) return Error::InvalidArgument(status.error().message, "status");
    query.status = *status;
  }
  // grid narrows further than community; both are region ids.
  for (const char* name : {"community", "grid"}) {
    if (auto v = text_param(name); !v.empty()) {
      Request probe;
      probe.path_params[name] = v;
      ANJIAN_ASSIGN_OR_RETURN(auto id, PathId(probe, name));
      query.region = RegionId(id);
    }
  }
  ANJIAN_ASSIGN_OR_RETURN(query.key, BoolParam(request, "key"));
  return query;
}

}  // namespace

Result<Response> ListUnits(ApiServices& api, Request& request) {
  ANJIAN_ASSIGN_OR_RETURN(const auto query, UnitQueryOf(request));
  ANJIAN_ASSIGN_OR_RETURN(const auto body, api.registry.ListUnitsJson(PrincipalOf(request), query));
  Response response;
  response.body = *body;
  return response;
}

Result<Response> GetUnit(ApiServices& api, Request& request) {
  ANJIAN_ASSIGN_OR_RETURN(const auto id, PathId(request));
  return Respond(api.registry.GetUnit(PrincipalOf(request), UnitId(id)),
                 [](const auto& pair) { return app::UnitToJson(pair.first, pair.second.Namer()); });
}

Result<Response> CreateUnit(ApiServices& api, Request& request) {
  ANJIAN_ASSIGN_OR_RETURN(const auto body, ParseJsonBody(request));
  const auto& who = PrincipalOf(request);
  ANJIAN_ASSIGN_OR_RETURN(const auto created, api.registry.CreateUnit(who, body));
  ANJIAN_ASSIGN_OR_RETURN(const auto names, api.registry.LoadRegionNames(who));
  auto response = Response::Json(201, app::UnitToJson(created, names.Namer()));
  response.SetHeader("Location", "/api/v1/units/" + std::to_string(created.id.value));
  return response;
}

Result<Response> UpdateUnit(ApiServices& api, Request& request) {
  ANJIAN_ASSIGN_OR_RETURN(const auto id, PathId(request));
  ANJIAN_ASSIGN_OR_RETURN(const auto body, ParseJsonBody(request));
  const auto& who = PrincipalOf(request);
  ANJIAN_ASSIGN_OR_RETURN(const auto updated, api.registry.UpdateUnit(who, UnitId(id), body));
  ANJIAN_ASSIGN_OR_RETURN(const auto names, api.registry.LoadRegionNames(who));
  return Response::Json(200, app::UnitToJson(updated, names.Namer()));
}

Result<Response> DeleteUnit(ApiServices& api, Request& request) {
  ANJIAN_ASSIGN_OR_RETURN(const auto id, PathId(request));
  ANJIAN_ASSIGN_OR_RETURN(const auto version, VersionParam(request));
  ANJIAN_TRY(api.registry.DeleteUnit(PrincipalOf(request), UnitId(id), version));
  return Response::NoContent();
}

Result<Response> UnitHistory(ApiServices& api, Request& request) {
  ANJIAN_ASSIGN_OR_RETURN(const auto id, PathId(request));
  return Respond(
      api.registry.UnitHistory(PrincipalOf(request), UnitId(id)), [](const auto& entries) {
        nlohmann::json items = nlohmann::json::array();
        for (const auto& e : entries) {
          items.push_back({{"version", e.version},
                           {"action", e.action},
                           {"actor", e.actor},
                           {"at", e.at},
                           {"snapshot", nlohmann::json::parse(e.snapshot_json, nullptr, false)}});
        }
        return nlohmann::json{{"items", items}};
      });
}

Result<Response> UnitStats(ApiServices& api, Request& request) {
  return Respond(api.registry.Stats(PrincipalOf(request)), [](const store::RegistryStats& stats) {
    auto counts = [](const auto& pairs) {
      nlohmann::json object = nlohmann::json::object();
      for (const auto& [code, count] : pairs) object[code] = count;
      return object;
    };
    nlohmann::json communities = nlohmann::json::array();
    for (const auto& c : stats.by_community) {
      communities.push_back(
          {{"id", c.id.value}, {"name", c.name}, {"total", c.total}, {"key", c.key}});
    }
    return nlohmann::json{{"total", stats.total},
                          {"key", stats.key},
                          {"by_risk", counts(stats.by_risk)},
                          {"by_level", counts(stats.by_level)},
                          {"by_status", counts(stats.by_status)},
                          {"by_community", communities}};
  });
}

}  // namespace anjian::http::handlers

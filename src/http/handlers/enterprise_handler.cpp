// /api/v1/self-inspections and /api/v1/notices: the enterprise side (PRODUCT C7).
#include "http/handlers/handler_support.hpp"
#include "http/handlers/handlers.hpp"

namespace anjian::http::handlers {

using nlohmann::json;

Result<Response> ListSelfInspections(ApiServices& api, Request& request) {
  ANJIAN_ASSIGN_OR_RETURN(const auto page, PageParams(request));
  std::optional<UnitId> unit;
  if (auto u = request.QueryParam("unit_id"); u && !u->empty())
    unit = UnitId(std::atoll(u->c_str()));
  return Respond(
      api.enterprise.ListSelfInspections(PrincipalOf(request), unit, page.page, page.page_size),
      [&](const auto& result) {
        json items = json::array();
        for (const auto& row : result.items) items.push_back(app::SelfInspectionToJson(row));
        return PageJson(std::move(items), result.total, page);
      });
}

Result<Response> SubmitSelfInspection(ApiServices& api, Request& request) {
  ANJIAN_ASSIGN_OR_RETURN(const auto body, ParseJsonBody(request));
  return Respond(
      api.enterprise.SubmitSelfInspection(PrincipalOf(request), body),
      [](const store::SelfInspectionRow& row) { return app::SelfInspectionToJson(row); }, 201);
}

Result<Response> ListNotices(ApiServices& api, Request& request) {
  return Respond(api.enterprise.ListNotices(PrincipalOf(request)), [](json j) { return j; });
}

Result<Response> PublishNotice(ApiServices& api, Request& request) {
  ANJIAN_ASSIGN_OR_RETURN(const auto body, ParseJsonBody(request));
  return Respond(
      api.enterprise.PublishNotice(PrincipalOf(request), body),
      [](const store::NoticeRow& n) {
        return json{{"id", n.id.value},
                    {"title", n.title},
                    {"body", n.body},
                    {"published_at", n.published_at}};
      },
      201);
}

Result<Response> SignNotice(ApiServices& api, Request& request) {
  ANJIAN_ASSIGN_OR_RETURN(const auto id, PathId(request));
  ANJIAN_ASSIGN_OR_RETURN(const auto body, ParseJsonBody(request));
  ANJIAN_TRY(api.enterprise.SignNotice(PrincipalOf(request), NoticeId(id), body));
  return Response::Json(201, {{"notice_id", id}, {"signed", true}});
}

Result<Response> NoticeReceipts(ApiServices& api, Request& request) {
  ANJIAN_ASSIGN_OR_RETURN(const auto id, PathId(request));
  return Respond(api.enterprise.NoticeReceipts(PrincipalOf(request), NoticeId(id)),
                 [](json j) { return j; });
}

}  // namespace anjian::http::handlers

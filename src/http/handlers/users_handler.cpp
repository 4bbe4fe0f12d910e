// Accounts (/api/v1/users…, the security administrator) and one's own account (/api/v1/auth/…).
#include "app/account_service.hpp"
#include "http/handlers/handler_support.hpp"
#include "http/handlers/handlers.hpp"

namespace anjian::http::handlers {

namespace {

using nlohmann::json;

json SessionsJson(const std::vector<store::AuthSession>& sessions, std::string_view current) {
  json items = json::array();
  for (const auto& s : sessions) items.push_back(app::SessionJson(s, current));
  return json{{"items", items}};
}

Result<json> Body(const Request& request) {
  if (request.body.empty()) return json::object();
  return ParseJsonBody(request);
}

std::string StringField(const json& body, const char* name) {
  return body.is_object() && body.contains(name) && body[name].is_string()
             ? body[name].get<std::string>()
             : "";
}

}  // namespace

Result<Response> ListUsers(ApiServices& api, Request& request) {
  const auto& who = PrincipalOf(request);
  ANJIAN_ASSIGN_OR_RETURN(const auto users, api.accounts.List(who));
  ANJIAN_ASSIGN_OR_RETURN(auto read, api.store.Read());
  json items = json::array();
  for (const auto& u : users) {
    json j = app::AccountJson(u);
    auto sessions = read->ListSessionsOf(u.id);
    j["last_login_at"] =
        sessions.ok() && !sessions->empty() ? json(sessions->front().created_at) : json(nullptr);
    j["sessions"] = sessions.ok() ? sessions->size() : 0;
    auto regions = read->RegionNamesOf(u.jurisdiction_id ? std::vector<RegionId>{*u.jurisdiction_id}
                                                         : std::vector<RegionId>{});
    j["jurisdiction_name"] = regions.ok() && !regions->empty() ? regions->front().second : "全部";
    items.push_back(std::move(j));
  }
  return Response::Json(200, {{"items", items}});
}

Result<Response> CreateUser(ApiServices& api, Request& request) {
  ANJIAN_ASSIGN_OR_RETURN(const auto body, ParseJsonBody(request));
  return Respond(
      api.accounts.Create(PrincipalOf(request), body),
      [](const app::CreatedAccount& c) {
        return json{{"user", app::AccountJson(c.user)},
                    {"temporary_password", c.temporary_password}};
      },
      201);
}

Result<Response> UpdateUser(ApiServices& api, Request& request) {
  ANJIAN_ASSIGN_OR_RETURN(const auto id, PathId(request));
  ANJIAN_ASSIGN_OR_RETURN(const auto body, ParseJsonBody(request));
  return Respond(api.accounts.Update(PrincipalOf(request), UserId(id), body),
                 [](const store::User& u) { return app::AccountJson(u); });
}

Result<Response> ResetUserPassword(ApiServices& api, Request& request) {
  ANJIAN_ASSIGN_OR_RETURN(const auto id, PathId(request));
  return Respond(api.accounts.ResetPassword(PrincipalOf(request), UserId(id)),
                 [](const std::string& password) {
                   return json{{"temporary_password", password}};
                 });
}

Result<Response> UnlockUser(ApiServices& api, Request& request) {
  ANJIAN_ASSIGN_OR_RETURN(const auto id, PathId(request));
  ANJIAN_TRY(api.accounts.Unlock(PrincipalOf(request), UserId(id)));
  return Response::NoContent();
}

Result<Response> UserSessions(ApiServices& api, Request& request) {
  ANJIAN_ASSIGN_OR_RETURN(const auto id, PathId(request));
  return Respond(api.accounts.Sessions(PrincipalOf(request), UserId(id)),
                 [](const std::vector<store::AuthSession>& s) { return SessionsJson(s, ""); });
}

Result<Response> RevokeUserSession(ApiServices& api, Request& request) {
  ANJIAN_ASSIGN_OR_RETURN(const auto id, PathId(request));
  ANJIAN_TRY(api.accounts.RevokeSession(PrincipalOf(request), UserId(id),
                                        request.path_params["session_id"]));
  return Response::NoContent();
}

Result<Response> ChangeOwnPassword(ApiServices& api, Request& request) {
  ANJIAN_ASSIGN_OR_RETURN(const auto body, Body(request));
  ANJIAN_TRY(api.accounts.ChangePassword(PrincipalOf(request), StringField(body, "old_password"),
                                         StringField(body, "new_password")));
  return Response::NoContent();
}

Result<Response> OwnSessions(ApiServices& api, Request& request) {
  const auto& who = PrincipalOf(request);
  return Respond(api.accounts.OwnSessions(who), [&](const std::vector<store::AuthSession>& s) {
    return SessionsJson(s, who.session_hash);
  });
}

Result<Response> RevokeOwnSession(ApiServices& api, Request& request) {
  ANJIAN_TRY(
      api.accounts.RevokeOwnSession(PrincipalOf(request), request.path_params["session_id"]));
  return Response::NoContent();
}

Result<Response> EnrolTotp(ApiServices& api, Request& request) {
  return Respond(
      api.accounts.EnrolTotp(PrincipalOf(request), "安监"), [](const app::TotpEnrolment& e) {
        return json{{"secret", e.secret}, {"otpauth_uri", e.otpauth_uri}, {"qr_svg", e.qr_svg}};
      });
}

Result<Response> ConfirmTotp(ApiServices& api, Request& request) {
  ANJIAN_ASSIGN_OR_RETURN(const auto body, Body(request));
  ANJIAN_TRY(api.accounts.ConfirmTotp(PrincipalOf(request), StringField(body, "code")));
  return Response::NoContent();
}

}  // namespace anjian::http::handlers

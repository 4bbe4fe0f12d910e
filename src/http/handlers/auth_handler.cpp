#include "app/audit_trail.hpp"
#include "app/json_codec.hpp"
#include "http/handlers/handler_support.hpp"
#include "http/handlers/handlers.hpp"

namespace anjian::http::handlers {

namespace {

// The session cookie is HttpOnly (script cannot read it) and SameSite=Strict (no other site's page
// can send it); the CSRF cookie is readable so the app can echo it in X-CSRF-Token.
void SetSessionCookies(Response& response, const ApiServices& api, const std::string& token,
                       const std::string& csrf, std::int64_t max_age) {
  const std::string secure = api.secure_cookies ? "; Secure" : "";
  const std::string age = "; Max-Age=" + std::to_string(max_age);
  response.headers.emplace_back("Set-Cookie", std::string(kSessionCookie) + "=" + token +
                                                  "; Path=/; HttpOnly; SameSite=Strict" + age +
                                                  secure);
  response.headers.emplace_back("Set-Cookie", std::string(kCsrfCookie) + "=" + csrf +
                                                  "; Path=/; SameSite=Strict" + age + secure);
}

}  // namespace

Result<Response> Login(ApiServices& api, Request& request) {
  ANJIAN_ASSIGN_OR_RETURN(auto body, ParseJsonBody(request));
  if (!body.is_object() || !body.contains("username") || !body.contains("password") ||
      !body["username"].is_string() || !body["password"].is_string()) {
    return Error::InvalidArgument("须提供字符串 username 和 password");
  }
  std::string totp_code;
  if (body.contains("totp_code") && !body["totp_code"].is_null()) {
    if (!body["totp_code"].is_string())
      return Error::InvalidArgument("totp_code 应为字符串", "totp_code");
    totp_code = body["totp_code"].get<std::string>();
  }
  ANJIAN_ASSIGN_OR_RETURN(
      const app::LoginResult r,
      api.auth.Login(body["username"].get<std::string>(), body["password"].get<std::string>(),
                     request.client_address, totp_code));
  Response response = Response::Json(200, {{"token", r.token},
                                           {"csrf_token", r.csrf_token},
                                           {"expires_at", r.expires_at},
                                           {"must_change_password", r.must_change_password},
                                           {"mfa_enrolment_required", r.mfa_enrolment_required},
                                           {"user", app::UserToJson(r.user)}});
  SetSessionCookies(response, api, r.token, r.csrf_token,
                    std::max<std::int64_t>(0, r.expires_at - std::time(nullptr)));
  return response;
}

Result<Response> Logout(ApiServices& api, Request& request) {
  ANJIAN_TRY(api.auth.Logout(PrincipalOf(request), SessionCredentialOf(request).token));
  Response response = Response::NoContent();
  SetSessionCookies(response, api, "", "", 0);
  return response;
}

Result<Response> Me(ApiServices& api, Request& request) {
  const auto& who = PrincipalOf(request);
  ANJIAN_ASSIGN_OR_RETURN(auto session, api.store.Read());
  const std::string csrf = app::CsrfTokenFor(SessionCredentialOf(request).token);
  return Respond(session->GetUser(who.user_id), [&](const store::User& user) {
    auto json = app::UserToJson(user);
    json["jurisdiction_path"] = user.jurisdiction_path;
    json["csrf_token"] = csrf;
    json["demo"] = api.demo;
    json["restriction"] = who.restriction;
    json["must_change_password"] = who.restriction == "password_change_required";
    json["mfa_enabled"] = user.totp_enabled;
    json["allowed_actions"] = nlohmann::json::array();
    for (auto action : domain::AllActions()) {
      if (domain::MayPerform(user.role, action))
        json["allowed_actions"].push_back(std::string(domain::Code(action)));
    }
    return json;
  });
}

}  // namespace anjian::http::handlers

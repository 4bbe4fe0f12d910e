#include "app/json_codec.hpp"
#include "http/handlers/handler_support.hpp"
#include "http/handlers/handlers.hpp"

namespace anjian::http::handlers {

Response Login(ApiServices& api, Request& request) {
  auto body = ParseJsonBody(request);
  if (!body.ok()) return Response::FromError(body.error());
  if (!body->is_object() || !(*body)["username"].is_string() || !(*body)["password"].is_string()) {
    return Response::FromError(Error::InvalidArgument("须提供字符串 username 和 password"));
  }
  auto result = api.auth.Login((*body)["username"].get<std::string>(),
                               (*body)["password"].get<std::string>(), request.client_address);
  return Respond(std::move(result), [](const app::LoginResult& r) {
    return nlohmann::json{{"token", r.token}, {"expires_at", r.expires_at}, {"user", app::UserToJson(r.user)}};
  });
}

Response Logout(ApiServices& api, Request& request) {
  const std::string header = request.Header("Authorization");
  auto status = api.auth.Logout(header.substr(header.find(' ') + 1));
  if (!status.ok()) return Response::FromError(status.error());
  return Response::NoContent();
}

Response Me(ApiServices& api, Request& request) {
  const auto& who = PrincipalOf(request);
  auto session = api.store.Read();
  if (!session.ok()) return Response::FromError(session.error());
  return Respond((*session)->GetUser(who.user_id), [](const store::User& user) {
    auto json = app::UserToJson(user);
    json["jurisdiction_path"] = user.jurisdiction_path;
    return json;
  });
}

}  // namespace anjian::http::handlers

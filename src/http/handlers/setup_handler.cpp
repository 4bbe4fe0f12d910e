// First run in the browser (/api/v1/setup): whether the database has a street yet, and creating
// the district, the street and the first two accounts with the setup code from the console.
#include "app/setup_service.hpp"
#include "http/handlers/handler_support.hpp"
#include "http/handlers/handlers.hpp"

namespace anjian::http::handlers {

using nlohmann::json;

Result<Response> SetupStatus(ApiServices& api, Request&) {
  return Respond(api.setup.Initialized(), [](bool initialized) {
    return json{{"initialized", initialized}};
  });
}

Result<Response> Setup(ApiServices& api, Request& request) {
  ANJIAN_ASSIGN_OR_RETURN(auto body, ParseJsonBody(request));
  if (!body.is_object()) return Error::InvalidArgument("请求体应为 JSON 对象");
  app::SetupRequest setup;
  std::string code;
  for (auto [key, target] :
       {std::pair{"setup_code", &code}, std::pair{"district_name", &setup.district_name},
        std::pair{"district_code", &setup.district_code},
        std::pair{"street_name", &setup.street_name}, std::pair{"street_code", &setup.street_code},
        std::pair{"admin_username", &setup.admin_username},
        std::pair{"admin_password", &setup.admin_password},
        std::pair{"security_username", &setup.security_username}}) {
    if (!body.contains(key) || body[key].is_null()) continue;
    if (!body[key].is_string())
      return Error::InvalidArgument(std::string(key) + " 应为字符串", key);
    *target = body[key].get<std::string>();
  }
  app::Principal who;
  who.username = "setup";
  who.client_address = request.client_address;
  return Respond(
      api.setup.InitializeWithCode(who, setup, code),
      [](const app::SetupResult& r) {
        return json{
            {"district", {{"id", r.district.id.value}, {"name", r.district.name}}},
            {"street", {{"id", r.street.id.value}, {"name", r.street.name}}},
            {"admin", {{"username", r.admin.username}}},
            {"security",
             {{"username", r.security.username}, {"one_time_password", r.security_password}}}};
      },
      201);
}

}  // namespace anjian::http::handlers

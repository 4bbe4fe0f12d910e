#include <charconv>
#include <optional>
#include <string>

#include "app/checklist_catalog.hpp"
#include "http/handlers/handler_support.hpp"
#include "http/handlers/handlers.hpp"

namespace anjian::http::handlers {
namespace {

// The "version" query parameter of GET /checklists/{id}: absent means the latest version.
Result<std::optional<int>> ChecklistVersionParam(const Request& request) {
  const auto text = request.QueryParam("version");
  if (!text || text->empty()) return std::optional<int>();
  int version = 0;
  const auto* end = text->data() + text->size();
  const auto [ptr, ec] = std::from_chars(text->data(), end, version);
  if (ec != std::errc() || ptr != end || version < 1) {
    return Error::InvalidArgument("参数 version 应为正整数，实际为“" + *text + "”", "version");
  }
  return std::optional<int>(version);
}

}  // namespace

Result<Response> ListChecklists(ApiServices&, Request&) {
  nlohmann::json lists = nlohmann::json::array();
  for (const auto* list : app::BuiltinChecklists().LatestAll()) {
    lists.push_back(app::ChecklistToJson(*list, /*with_items=*/false));
  }
  return Response::Json(200, lists);
}

Result<Response> GetChecklist(ApiServices&, Request& request) {
  ANJIAN_ASSIGN_OR_RETURN(const auto version, ChecklistVersionParam(request));
  const auto& catalog = app::BuiltinChecklists();
  const std::string& id = request.path_params["id"];
  const auto* list = version ? catalog.Find(id, *version) : catalog.Latest(id);
  if (list == nullptr) {
    if (version && catalog.Latest(id) != nullptr) {
      return Error::NotFound("检查表“" + id + "”没有第 " + std::to_string(*version) + " 版");
    }
    return Error::NotFound("没有编号为“" + id + "”的检查表");
  }
  auto body = app::ChecklistToJson(*list, /*with_items=*/true);
  body["versions"] = catalog.Versions(id);
  return Response::Json(200, body);
}

}  // namespace anjian::http::handlers

// GET /api/v1/audit, /audit/anchors, /audit/export: the audit log for the auditor role.
#include <cstdint>
#include <cstdio>

#include "app/audit_service.hpp"
#include "common/civil_date.hpp"
#include "http/handlers/handler_support.hpp"
#include "http/handlers/handlers.hpp"
#include "io/table_writer.hpp"

namespace anjian::http::handlers {

namespace {

// A Beijing-time day as Unix seconds at its start (from) or at the next day's start (to).
Result<std::int64_t> DayParam(const Request& request, const char* name, bool end_of_day) {
  auto text = request.QueryParam(name);
  if (!text || text->empty()) return std::int64_t{0};
  auto date = CivilDate::Parse(*text);
  if (!date.ok())
    return Error::InvalidArgument(std::string(name) + " 应为 YYYY-MM-DD：" + date.error().message,
                                  name);
  return (date->ToDays() + (end_of_day ? 1 : 0)) * 86400 - 8 * 3600;
}

Result<store::AuditQuery> AuditQueryOf(const Request& request) {
  store::AuditQuery q;
  q.actor = request.QueryParam("actor").value_or("");
  q.action = request.QueryParam("action").value_or("");
  q.target_type = request.QueryParam("target_type").value_or("");
  q.target_id = request.QueryParam("target_id").value_or("");
  if (auto outcome = request.QueryParam("outcome"); outcome && !outcome->empty()) {
    ANJIAN_ASSIGN_OR_RETURN(q.outcome, domain::ParseAuditOutcome(*outcome));
  }
  ANJIAN_ASSIGN_OR_RETURN(q.from, DayParam(request, "from", false));
  ANJIAN_ASSIGN_OR_RETURN(q.to, DayParam(request, "to", true));
  ANJIAN_ASSIGN_OR_RETURN(auto page, PageParams(request));
  q.page = page.page;
  q.page_size = page.page_size;
  return q;
}

}  // namespace

Result<Response> ListAudit(ApiServices& api, Request& request) {
  ANJIAN_ASSIGN_OR_RETURN(const auto query, AuditQueryOf(request));
  auto page = api.audit.List(PrincipalOf(request), query);
  return Respond(std::move(page), [&](const store::AuditPage& p) {
    nlohmann::json items = nlohmann::json::array();
    for (const auto& e : p.items) items.push_back(app::AuditEntryJson(e));
    return PageJson(std::move(items), p.total, {query.page, query.page_size});
  });
}

Result<Response> AuditAnchors(ApiServices& api, Request& request) {
  auto anchors = api.audit.Anchors(PrincipalOf(request), 400);
  return Respond(std::move(anchors), [](const std::vector<store::AuditAnchor>& list) {
    nlohmann::json items = nlohmann::json::array();
    for (const auto& a : list) items.push_back({{"day", a.day}, {"seq", a.seq}, {"hash", a.hash}});
    return nlohmann::json{{"items", items}};
  });
}

Result<Response> ExportAudit(ApiServices& api, Request& request) {
  ANJIAN_ASSIGN_OR_RETURN(const auto query, AuditQueryOf(request));
  const std::string format = request.QueryParam("format").value_or("xlsx");
  if (format != "xlsx" && format != "jsonl") {
    return Error::InvalidArgument("format 应为 xlsx 或 jsonl", "format");
  }
  const auto& who = PrincipalOf(request);
  if (format == "xlsx") {
    return FileDownload(api, ".xlsx", "audit-log.xlsx", "审计日志.xlsx",
                        [&](const std::string& path) -> Status {
                          auto written = api.audit.Export(who, query, path);
                          if (!written.ok()) return written.error();
                          return Ok();
                        });
  }
  const std::string path = api.temp_dir + "/anjian-audit-" +
                           std::to_string(reinterpret_cast<std::uintptr_t>(&request)) + ".jsonl";
  auto written = api.audit.Export(who, query, path);
  auto bytes = written.ok() ? io::ReadFileBytes(path) : Result<std::string>(written.error());
  std::remove(path.c_str());
  ANJIAN_ASSIGN_OR_RETURN(auto content, std::move(bytes));
  return Download(std::move(content), "application/x-ndjson; charset=utf-8", "audit-log.jsonl",
                  "审计日志.jsonl");
}

}  // namespace anjian::http::handlers

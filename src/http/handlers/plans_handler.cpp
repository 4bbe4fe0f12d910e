// /api/v1/plans (issue #4): commitments, preview, compile, read, items, explain, verify,
// transitions, adjustments, revisions and downloads; /api/v1/policies and /api/v1/calendar.
#include <algorithm>
#include <charconv>

#include "app/json_codec.hpp"
#include "app/plan_export.hpp"
#include "app/plan_policy_codec.hpp"
#include "http/handlers/handler_support.hpp"
#include "http/handlers/handlers.hpp"

namespace anjian::http::handlers {
namespace {

using nlohmann::json;

Result<app::CompileRequest> CompileRequestFrom(const json& body) {
  if (!body.is_object()) return Error::InvalidArgument("请求体应为 JSON 对象");
  app::CompileRequest r;
  if (!body.contains("year") || !body["year"].is_number_integer()) {
    return Error::InvalidArgument("请提供计划年度（year，整数）", "year");
  }
  r.year = body["year"].get<int>();
  if (body.contains("policy_json")) {
    if (!body["policy_json"].is_object())
      return Error::InvalidArgument("policy_json 应为策略对象", "policy_json");
    r.policy_text = body["policy_json"].dump();
  } else if (body.contains("policy")) {
    if (!body["policy"].is_string())
      return Error::InvalidArgument("policy 应为策略预设名称", "policy");
    r.policy = body["policy"].get<std::string>();
    if (auto preset = app::PresetText(r.policy); !preset.ok())
      return Error::InvalidArgument(preset.error().message, "policy");
  }
  if (body.contains("seed")) {
    if (!body["seed"].is_string()) return Error::InvalidArgument("seed 应为字符串", "seed");
    r.seed = body["seed"].get<std::string>();
  }
  if (body.contains("commitment_id") && !body["commitment_id"].is_null()) {
    if (!body["commitment_id"].is_number_integer())
      return Error::InvalidArgument("commitment_id 应为整数", "commitment_id");
    r.commitment_id = body["commitment_id"].get<std::int64_t>();
  }
  if (body.contains("capacity") && !body["capacity"].is_null()) {
    if (!body["capacity"].is_number_integer())
      return Error::InvalidArgument("capacity 应为整数", "capacity");
    r.capacity = body["capacity"].get<int>();
  }
  return r;
}

// The stored document of a revision.
Result<json> Document(const store::PlanRecord& record) {
  auto doc = json::parse(record.plan_json, nullptr, false);
  if (doc.is_discarded()) return Error::Internal("计划文档已损坏");
  return doc;
}

// One page of an in-memory match list, in the shape of every paged API response.
json Slice(const json& matched, const store::PageRequest& page) {
  const auto total = static_cast<std::int64_t>(matched.size());
  json items = json::array();
  const std::int64_t first = static_cast<std::int64_t>(page.page - 1) * page.page_size;
  for (std::int64_t i = first; i < total && i < first + page.page_size; ++i)
    items.push_back(matched[i]);
  return PageJson(std::move(items), total, page);
}

bool Contains(const std::string& haystack, const std::string& needle) {
  return needle.empty() || haystack.find(needle) != std::string::npos;
}

}  // namespace

Result<Response> ListPolicies(ApiServices&, Request&) {
  json out = json::array();
  for (const auto& name : app::PresetNames()) {
    auto policy = app::ParsePolicy(*app::PresetText(name));
    if (!policy.ok()) continue;
    out.push_back({{"name", name},
                   {"title", policy->title},
                   {"authority", policy->authority},
                   {"source", policy->source}});
  }
  return Response::Json(200, {{"items", out}});
}

Result<Response> GetPolicy(ApiServices&, Request& request) {
  ANJIAN_ASSIGN_OR_RETURN(const auto text, app::PresetText(request.path_params["name"]));
  auto policy = app::ParsePolicy(text);
  return Respond(std::move(policy), [](const planner::Policy& p) { return app::PolicyToJson(p); });
}

Result<Response> GetCalendar(ApiServices& api, Request& request) {
  ANJIAN_ASSIGN_OR_RETURN(const auto year, PathId(request, "year"));
  const auto& calendar = api.plans.calendar();
  const int y = static_cast<int>(year);
  if (!calendar.CoversYear(y)) {
    return Error::NotFound("工作日历中没有 " + std::to_string(y) + " 年的法定节假日安排");
  }
  json holidays = json::array();
  for (const auto& h : calendar.Holidays(y)) {
    holidays.push_back(
        {{"name", h.name}, {"first", h.first.ToString()}, {"last", h.last.ToString()}});
  }
  json working = json::array();
  for (const auto& d : calendar.WorkingDays(y)) working.push_back(d.ToString());
  return Response::Json(200, {{"year", y},
                              {"working_days", calendar.WorkingDaysInYear(y)},
                              {"holidays", holidays},
                              {"working_dates", working}});
}

Result<Response> CommitSeed(ApiServices& api, Request& request) {
  ANJIAN_ASSIGN_OR_RETURN(auto body, ParseJsonBody(request));
  if (!body.contains("year") || !body["year"].is_number_integer()) {
    return Error::InvalidArgument("请提供计划年度（year，整数）", "year");
  }
  if (!body.contains("commitment") || !body["commitment"].is_string()) {
    return Error::InvalidArgument("请提供种子的 SHA-256 承诺值（commitment）", "commitment");
  }
  auto committed = api.plans.Commit(PrincipalOf(request), body["year"].get<int>(),
                                    body["commitment"].get<std::string>());
  return Respond(
      std::move(committed),
      [](const store::SeedCommitment& c) {
        return json{{"id", c.id},
                    {"year", c.year},
                    {"commitment", c.commitment},
                    {"committed_at", c.committed_at}};
      },
      201);
}

Result<Response> PreviewPlan(ApiServices& api, Request& request) {
  ANJIAN_ASSIGN_OR_RETURN(const auto body, ParseJsonBody(request));
  ANJIAN_ASSIGN_OR_RETURN(const auto compile, CompileRequestFrom(body));
  return Respond(api.plans.Preview(PrincipalOf(request), compile), [](const json& j) { return j; });
}

Result<Response> CompilePlan(ApiServices& api, Request& request) {
  ANJIAN_ASSIGN_OR_RETURN(const auto body, ParseJsonBody(request));
  ANJIAN_ASSIGN_OR_RETURN(const auto compile, CompileRequestFrom(body));
  auto compiled = api.plans.Compile(PrincipalOf(request), compile);
  const auto& who = PrincipalOf(request);
  return Respond(
      std::move(compiled),
      [&](const app::CompiledPlan& c) { return app::PlanRecordToJson(c.record, false, &who); },
      201);
}

Result<Response> ListPlans(ApiServices& api, Request& request) {
  int year = 0;
  if (auto y = request.QueryParam("year"); y && !y->empty()) {
    year = std::atoi(y->c_str());
    if (year < 2000 || year > 2100) return Error::InvalidArgument("year 无效", "year");
  }
  const auto& who = PrincipalOf(request);
  return Respond(api.plans.List(who, year), [&](const std::vector<store::PlanRecord>& plans) {
    json items = json::array();
    for (const auto& p : plans) items.push_back(app::PlanRecordToJson(p, false, &who));
    return json{{"items", items}};
  });
}

Result<Response> GetPlan(ApiServices& api, Request& request) {
  ANJIAN_ASSIGN_OR_RETURN(const auto id, PathId(request));
  const auto& who = PrincipalOf(request);
  ANJIAN_ASSIGN_OR_RETURN(const auto record, api.plans.Get(who, id));
  ANJIAN_ASSIGN_OR_RETURN(auto doc, Document(record));
  auto out = app::PlanRecordToJson(record, false, &who);
  // The item list and the not-planned list are paged through their own endpoints.
  for (const char* key : {"capacity", "shortfall", "draws", "loads", "leader_quotas", "warnings",
                          "authority", "rules"}) {
    if (doc.contains(key)) out[key] = doc[key];
  }
  for (auto it = doc["summary"].begin(); it != doc["summary"].end(); ++it)
    out["summary"][it.key()] = it.value();
  ANJIAN_ASSIGN_OR_RETURN(const auto events, api.plans.Events(who, id));
  out["events"] = json::array();
  for (const auto& [e, user] : events) {
    out["events"].push_back({{"at", e.at},
                             {"user_id", e.user_id},
                             {"user", user},
                             {"action", e.action},
                             {"from_status", e.from_status},
                             {"to_status", e.to_status},
                             {"note", e.note}});
  }
  return Response::Json(200, out);
}

Result<Response> PlanItems(ApiServices& api, Request& request) {
  ANJIAN_ASSIGN_OR_RETURN(const auto id, PathId(request));
  // page_size=all returns every match (the month calendar); otherwise the usual paging.
  const bool all = request.QueryParam("page_size").value_or("") == "all";
  ANJIAN_ASSIGN_OR_RETURN(
      const auto page,
      all ? Result<store::PageRequest>(store::PageRequest{1, 10000000}) : PageParams(request));
  if (auto kind = request.QueryParam("kind"); kind && !kind->empty()) {
    if (auto parsed = planner::ParseItemKind(*kind); !parsed.ok()) {
      return Error::InvalidArgument(parsed.error().message, "kind");
    }
  }
  ANJIAN_ASSIGN_OR_RETURN(const auto record, api.plans.Get(PrincipalOf(request), id));
  const std::string month = request.QueryParam("month").value_or("");
  const std::string kind = request.QueryParam("kind").value_or("");
  const std::string inspector = request.QueryParam("inspector").value_or("");
  const std::string unit = request.QueryParam("unit").value_or("");
  const std::string community = request.QueryParam("community").value_or("");
  // Dates narrow the rows the store reads (a month of a province's plan, not all of it).
  store::PlanItemFilter range;
  if (!month.empty()) {
    int m = 0;
    const auto [end, ec] = std::from_chars(month.data(), month.data() + month.size(), m);
    auto first = CivilDate::FromYmd(record.year, m, 1);
    if (ec != std::errc() || end != month.data() + month.size() || !first.ok())
      return Error::InvalidArgument("月份应为 1–12", "month");
    const auto next = m == 12 ? CivilDate::FromYmd(record.year + 1, 1, 1)
                              : CivilDate::FromYmd(record.year, m + 1, 1);
    range.from = *first;
    range.to = CivilDate::FromDays(next->ToDays() - 1);
  }
  // from/to narrow the month further (the later start, the earlier end).
  ANJIAN_ASSIGN_OR_RETURN(const auto from, DateParam(request, "from"));
  ANJIAN_ASSIGN_OR_RETURN(const auto to, DateParam(request, "to"));
  if (from && (!range.from || *from > *range.from)) range.from = from;
  if (to && (!range.to || *to < *range.to)) range.to = to;
  json matched = json::array();
  ANJIAN_TRY(api.plans.ForEachStoredItem(
      PrincipalOf(request), record, range, [&](const json& item) -> Status {
        if (!kind.empty() && item.value("kind", "") != kind) return Ok();
        if (!community.empty() && item.value("community", "") != community) return Ok();
        if (!unit.empty() && !Contains(item.value("unit_credit_code", ""), unit) &&
            !Contains(item.value("unit_name", ""), unit)) {
          return Ok();
        }
        if (!inspector.empty()) {
          const auto& team = item["inspectors"];
          const bool in_team =
              std::any_of(team.begin(), team.end(), [&](const json& e) { return e == inspector; });
          if (!in_team && item.value("leader", "") != inspector) return Ok();
        }
        matched.push_back(item);
        return Ok();
      }));
  return Response::Json(200, Slice(matched, page));
}

Result<Response> PlanNotPlanned(ApiServices& api, Request& request) {
  ANJIAN_ASSIGN_OR_RETURN(const auto id, PathId(request));
  ANJIAN_ASSIGN_OR_RETURN(const auto page, PageParams(request));
  ANJIAN_ASSIGN_OR_RETURN(const auto record, api.plans.Get(PrincipalOf(request), id));
  ANJIAN_ASSIGN_OR_RETURN(auto doc, Document(record));
  ANJIAN_ASSIGN_OR_RETURN(const auto visible_codes,
                          api.plans.VisibleUnitCodes(PrincipalOf(request), record));
  const std::string q = request.QueryParam("q").value_or("");
  json matched = json::array();
  for (const auto& n : doc["not_planned"]) {
    if (visible_codes && !visible_codes->contains(n.value("unit_credit_code", ""))) continue;
    if (!Contains(n["unit_credit_code"].get<std::string>(), q) &&
        !Contains(n["unit_name"].get<std::string>(), q) &&
        !Contains(n["reason"].get<std::string>(), q)) {
      continue;
    }
    matched.push_back(n);
  }
  return Response::Json(200, Slice(matched, page));
}

Result<Response> ExplainPlanUnit(ApiServices& api, Request& request) {
  ANJIAN_ASSIGN_OR_RETURN(const auto id, PathId(request));
  const auto unit = request.QueryParam("unit").value_or("");
  if (unit.empty()) return Error::InvalidArgument("请提供单位的统一社会信用代码（unit）", "unit");
  return Respond(api.plans.Explain(PrincipalOf(request), id, unit),
                 [](const json& j) { return j; });
}

Result<Response> VerifyPlan(ApiServices& api, Request& request) {
  ANJIAN_ASSIGN_OR_RETURN(const auto id, PathId(request));
  return Respond(api.plans.Verify(PrincipalOf(request), id), [](const app::VerifyReport& r) {
    json checks = json::array();
    for (const auto& c : r.checks)
      checks.push_back({{"name", c.name}, {"ok", c.ok}, {"detail", c.detail}});
    return json{{"ok", r.ok}, {"checks", checks}};
  });
}

Result<Response> TransitionPlan(ApiServices& api, Request& request) {
  ANJIAN_ASSIGN_OR_RETURN(const auto id, PathId(request));
  ANJIAN_ASSIGN_OR_RETURN(auto body, ParseJsonBody(request));
  if (!body.contains("action") || !body["action"].is_string()) {
    return Error::InvalidArgument("请提供操作（action：submit、approve、reject、enact）", "action");
  }
  ANJIAN_ASSIGN_OR_RETURN(const auto version, app::RequiredVersion(body));
  const std::string note =
      body.contains("note") && body["note"].is_string() ? body["note"].get<std::string>() : "";
  const auto& who = PrincipalOf(request);
  auto updated = api.plans.Transition(who, id, body["action"].get<std::string>(), version, note);
  return Respond(std::move(updated),
                 [&](const store::PlanRecord& r) { return app::PlanRecordToJson(r, false, &who); });
}

Result<Response> AdjustPlan(ApiServices& api, Request& request) {
  ANJIAN_ASSIGN_OR_RETURN(const auto id, PathId(request));
  ANJIAN_ASSIGN_OR_RETURN(const auto body, ParseJsonBody(request));
  const auto& who = PrincipalOf(request);
  auto revision = api.plans.Adjust(who, id, body);
  return Respond(
      std::move(revision),
      [&](const store::PlanRecord& r) { return app::PlanRecordToJson(r, false, &who); }, 201);
}

Result<Response> PlanRevisions(ApiServices& api, Request& request) {
  ANJIAN_ASSIGN_OR_RETURN(const auto id, PathId(request));
  const auto& who = PrincipalOf(request);
  ANJIAN_ASSIGN_OR_RETURN(const auto record, api.plans.Get(who, id));
  auto all = api.plans.List(who, record.year);
  return Respond(std::move(all), [&](const std::vector<store::PlanRecord>& plans) {
    json items = json::array();
    for (const auto& p : plans) {
      if (p.root_id == record.root_id) items.push_back(app::PlanRecordToJson(p, false, &who));
    }
    return json{{"items", items}};
  });
}

Result<Response> ExportPlan(ApiServices& api, Request& request) {
  ANJIAN_ASSIGN_OR_RETURN(const auto id, PathId(request));
  const std::string file = request.path_params["file"];
  if (file != "plan.pdf" && file != "items.xlsx" && file != "plan.json") {
    return Error::NotFound("可下载的文件：plan.pdf、items.xlsx、plan.json");
  }
  ANJIAN_ASSIGN_OR_RETURN(const auto loaded, api.plans.Load(PrincipalOf(request), id));
  // The whole plan leaves the building only from inside its jurisdiction.
  ANJIAN_TRY(app::RequirePlanInsideJurisdiction(PrincipalOf(request), loaded.record));
  const app::PlanDocumentInput doc{loaded.record, loaded.input, loaded.plan};
  const std::string stem = "plan-" + std::to_string(id);
  const std::string title =
      loaded.record.title + "（第" + std::to_string(loaded.record.revision) + "版）";
  if (file == "plan.pdf") {
    ANJIAN_ASSIGN_OR_RETURN(auto pdf, app::RenderPlanPdf(doc));
    return Download(std::move(pdf), "application/pdf", stem + ".pdf", title + ".pdf");
  }
  if (file == "plan.json") {
    ANJIAN_ASSIGN_OR_RETURN(auto stored,
                            api.plans.StoredDocument(PrincipalOf(request), loaded.record));
    return Download(stored.dump(2), "application/json; charset=utf-8", stem + ".json",
                    title + ".json");
  }
  return FileDownload(api, ".xlsx", stem + "-items.xlsx", title + "明细.xlsx",
                      [&](const std::string& path) { return app::WritePlanXlsx(doc, path); });
}

}  // namespace anjian::http::handlers

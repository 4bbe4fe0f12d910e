// /api/v1/hazards: the hazard ledger with counts by state, registration, detail with its
// timeline, and transitions of the closed loop (403 / 409 / 422 from the state machine).
#include "common/text.hpp"
#include "http/handlers/handler_support.hpp"
#include "http/handlers/handlers.hpp"

namespace anjian::http::handlers {
using nlohmann::json;

Result<Response> ListHazards(ApiServices& api, Request& request) {
  store::HazardQuery query;
  ANJIAN_ASSIGN_OR_RETURN(query.page, PageParams(request));
  if (auto state = request.QueryParam("state"); state && !state->empty()) {
    for (const auto& e : domain::HazardStates()) {
      if (e.code == *state) query.state = e.value;
    }
    if (!query.state) return Error::InvalidArgument("未知的隐患状态：" + *state, "state");
  }
  if (auto grade = request.QueryParam("grade"); grade && !grade->empty()) {
    for (const auto& e : domain::HazardGrades()) {
      if (e.code == *grade) query.grade = e.value;
    }
    if (!query.grade) return Error::InvalidArgument("grade 应为 general 或 major", "grade");
  }
  query.text = request.QueryParam("q").value_or("");
  ANJIAN_ASSIGN_OR_RETURN(const auto overdue, BoolParam(request, "overdue"));
  int due_within = 0;
  if (auto due = request.QueryParam("due_within"); due && !due->empty()) {
    due_within = std::atoi(due->c_str());
    if (due_within < 1 || due_within > 365) {
      return Error::InvalidArgument("due_within 应为 1–365 天", "due_within");
    }
  }
  const auto& who = PrincipalOf(request);
  auto result = api.hazards.List(who, query, overdue.value_or(false), due_within);
  return Respond(std::move(result), [&](const app::HazardPage& p) {
    json items = json::array();
    const auto today = api.hazards.Today();
    for (const auto& h : p.page.items) items.push_back(app::HazardToJson(h, &who, today));
    json out = PageJson(std::move(items), p.page.total, query.page);
    // Every state, zero included; the counts follow every filter except the state itself.
    json counts = json::object();
    for (const auto& e : domain::HazardStates()) counts[std::string(e.code)] = 0;
    for (const auto& [state, count] : p.counts_by_state)
      counts[std::string(domain::Code(state))] = count;
    out["counts_by_state"] = counts;
    return out;
  });
}

Result<Response> RegisterHazard(ApiServices& api, Request& request) {
  ANJIAN_ASSIGN_OR_RETURN(const auto body, ParseJsonBody(request));
  const auto& who = PrincipalOf(request);
  return Respond(
      api.hazards.Register(who, body),
      [&](const store::HazardRecord& h) { return app::HazardToJson(h, &who, api.hazards.Today()); },
      201);
}

Result<Response> GetHazard(ApiServices& api, Request& request) {
  ANJIAN_ASSIGN_OR_RETURN(const auto id, PathId(request));
  const auto& who = PrincipalOf(request);
  return Respond(api.hazards.Get(who, HazardId(id)), [&](const auto& found) {
    json out = app::HazardToJson(found.first, &who, api.hazards.Today());
    out["timeline"] = json::array();
    for (const auto& [t, user] : found.second) {
      json evidence = t.evidence;
      out["timeline"].push_back(
          {{"at", t.at},
           {"user_id", t.user_id},
           {"user", user},
           {"action", t.action},
           {"from_state", t.from_state ? std::string(domain::Code(*t.from_state)) : std::string()},
           {"to_state", std::string(domain::Code(t.to_state))},
           {"note", t.note},
           {"evidence", evidence}});
    }
    return out;
  });
}

Result<Response> TransitionHazard(ApiServices& api, Request& request) {
  ANJIAN_ASSIGN_OR_RETURN(const auto id, PathId(request));
  ANJIAN_ASSIGN_OR_RETURN(const auto body, ParseJsonBody(request));
  const auto& who = PrincipalOf(request);
  return Respond(api.hazards.Transition(who, HazardId(id), body),
                 [&](const store::HazardRecord& h) {
                   return app::HazardToJson(h, &who, api.hazards.Today());
                 });
}

Result<Response> HazardReminders(ApiServices& api, Request& request) {
  return Respond(api.hazards.Reminders(PrincipalOf(request)), [](json j) { return j; });
}

Result<Response> RunOverdueJob(ApiServices& api, Request& request) {
  return Respond(api.hazards.RunOverdueJobNow(PrincipalOf(request)), [](json j) { return j; });
}

}  // namespace anjian::http::handlers

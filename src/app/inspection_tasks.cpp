// Inspection tasks: ad hoc, from plan items, "my tasks", cancellation.
#include <map>
#include <optional>
#include <tuple>

#include "app/audit_trail.hpp"
#include "app/inspection_service.hpp"
#include "app/inspection_support.hpp"
#include "app/plan_service.hpp"
#include "domain/inspection/task.hpp"
#include "planner/policy.hpp"

namespace anjian::app {
namespace {

using nlohmann::json;

Result<CivilDate> DateField(const json& body, const char* key) {
  ANJIAN_ASSIGN_OR_RETURN(auto text, TextField(body, key, true, 20));
  auto date = CivilDate::Parse(text);
  if (!date.ok())
    return Error::InvalidArgument(std::string(key) + "：" + date.error().message, key);
  return *date;
}

const domain::Checklist* ChecklistFor(const json& body, std::string& id, int& version,
                                      Status& error) {
  if (body.contains("checklist_id") && !body["checklist_id"].is_null() &&
      !body["checklist_id"].is_string()) {
    error = Error::InvalidArgument("checklist_id 应为字符串", "checklist_id");
    return nullptr;
  }
  id = body.contains("checklist_id") && body["checklist_id"].is_string()
           ? body["checklist_id"].get<std::string>()
           : std::string("general");
  const domain::Checklist* list = nullptr;
  if (body.contains("checklist_version") && body["checklist_version"].is_number_integer()) {
    list = BuiltinChecklists().Find(id, body["checklist_version"].get<int>());
  } else {
    list = BuiltinChecklists().Latest(id);
  }
  if (list == nullptr) {
    error = Error::InvalidArgument("没有此检查表：" + id, "checklist_id");
    return nullptr;
  }
  version = list->version;
  return list;
}

}  // namespace

json TaskToJson(const TaskView& view, CivilDate today) {
  const auto& t = view.task;
  json team = json::array();
  for (const auto& p : view.team) {
    team.push_back({{"inspector_id", p.id.value},
                    {"name", p.name},
                    {"role", std::string(domain::Code(p.role))},
                    {"certificate_no", p.certificate_no},
                    {"certificate_valid", domain::HasValidCertificate(p, t.scheduled_on)}});
  }
  const auto null_if_zero = [](std::int64_t v) { return v ? json(v) : json(nullptr); };
  return {{"id", t.id},
          {"kind", domain::Code(t.kind)},
          {"kind_label", domain::Label(t.kind)},
          {"status", domain::Code(t.status)},
          {"status_label", domain::Label(t.status)},
          {"unit_id", t.unit_id.value},
          {"unit_name", t.unit_name},
          {"unit_address", t.unit_address},
          {"region_path", t.region_path},
          {"scheduled_on", t.scheduled_on.ToString()},
          {"half_day", domain::Code(t.half_day)},
          {"today", t.scheduled_on == today},
          {"team", team},
          {"checklist_id", t.checklist_id},
          {"checklist_version", t.checklist_version},
          {"plan_id", null_if_zero(t.plan_id)},
          {"plan_item_key", t.plan_item_key},
          {"hazard_id", null_if_zero(t.hazard_id)},
          {"note", t.note},
          {"record_id", null_if_zero(t.record_id)},
          {"version", t.version},
          {"created_at", t.created_at},
          {"updated_at", t.updated_at}};
}

Result<std::vector<domain::Inspector>> InspectionService::LoadTeam(store::StoreSession& session,
                                                                   const store::TaskRecord& task) {
  std::vector<domain::Inspector> team;
  for (auto id : task.team) {
    ANJIAN_ASSIGN_OR_RETURN(auto person,
                            session.GetInspector(store::Scope::All(), InspectorId(id)));
    team.push_back(std::move(person));
  }
  return team;
}

Result<TaskView> InspectionService::CreateTask(const Principal& who, const json& body) {
  ANJIAN_TRY(Require(who, domain::Action::kInspect));
  if (!body.is_object()) return Error::InvalidArgument("请求体应为 JSON 对象");
  store::TaskRecord task;
  ANJIAN_ASSIGN_OR_RETURN(auto kind_text, TextField(body, "kind", true, 30));
  ANJIAN_ASSIGN_OR_RETURN(task.kind, domain::ParseTaskKind(kind_text));
  ANJIAN_ASSIGN_OR_RETURN(task.scheduled_on, DateField(body, "scheduled_on"));
  if (task.scheduled_on < Today()) {
    return Error::InvalidArgument("检查日期不能早于今天", "scheduled_on");
  }
  ANJIAN_ASSIGN_OR_RETURN(auto half_day, TextField(body, "half_day", false, 2));
  bool known_half_day = false;
  for (const auto& e : domain::HalfDays()) {
    if (e.code == half_day) {
      task.half_day = e.value;
      known_half_day = true;
    }
  }
  if (!known_half_day) return Error::InvalidArgument("half_day 应为 am、pm 或留空", "half_day");
  ANJIAN_ASSIGN_OR_RETURN(task.note, TextField(body, "note", false, 500));
  Status checklist_error = Ok();
  if (ChecklistFor(body, task.checklist_id, task.checklist_version, checklist_error) == nullptr) {
    return checklist_error.error();
  }
  if (!body.contains("unit_id") || !body["unit_id"].is_number_integer()) {
    return Error::InvalidArgument("请选择被检查单位（unit_id）", "unit_id");
  }
  if (!body.contains("team") || !body["team"].is_array()) {
    return Error::InvalidArgument("请选择检查组成员（team：人员 id 数组）", "team");
  }
  for (const auto& id : body["team"]) {
    if (!id.is_number_integer()) return Error::InvalidArgument("team 应为人员 id 数组", "team");
    task.team.push_back(id.get<std::int64_t>());
  }
  if (body.contains("hazard_id") && body["hazard_id"].is_number_integer()) {
    task.hazard_id = body["hazard_id"].get<std::int64_t>();
  }
  ANJIAN_ASSIGN_OR_RETURN(auto session, store_.Write());
  ANJIAN_ASSIGN_OR_RETURN(auto unit,
                          session->GetUnit(who.scope, UnitId(body["unit_id"].get<std::int64_t>())));
  task.unit_id = unit.id;
  if (task.hazard_id) {
    ANJIAN_ASSIGN_OR_RETURN(auto hazard, session->GetHazard(who.scope, HazardId(task.hazard_id)));
    if (hazard.unit_id != unit.id)
      return Error::InvalidArgument("复查的隐患不属于该单位", "hazard_id");
  }
  std::vector<domain::Inspector> team;
  for (std::size_t i = 0; i < task.team.size(); ++i) {
    auto person = session->GetInspector(who.scope, InspectorId(task.team[i]));
    if (!person.ok() && person.error().code != ErrorCode::kNotFound) return person.error();
    if (!person.ok()) {
      return Error::InvalidArgument(
          "team[" + std::to_string(i) + "]：人员不存在（id " + std::to_string(task.team[i]) + "）",
          "team[" + std::to_string(i) + "]");
    }
    team.push_back(std::move(person).value());
  }
  if (auto errors = domain::ValidateTeam(team, unit, task.scheduled_on); !errors.empty())
    return FieldErrors(errors);
  task.created_by = who.user_id.value;
  task.created_at = task.updated_at = clock_.NowUnixSeconds();
  ANJIAN_ASSIGN_OR_RETURN(auto inserted, session->InsertTask(task));
  Audit(*session, who, task.created_at, "task.create", "task", std::to_string(inserted.id),
        {{"unit_id", unit.id.value},
         {"kind", domain::Code(task.kind)},
         {"scheduled_on", task.scheduled_on.ToString()},
         {"team", task.team}});
  ANJIAN_TRY(session->Commit());
  return TaskView{std::move(inserted), std::move(team)};
}

Result<std::pair<int, int>> InspectionService::CreateTasksFromPlan(const Principal& who,
                                                                   std::int64_t plan_id,
                                                                   const std::string& from,
                                                                   const std::string& to) {
  ANJIAN_TRY(Require(who, domain::Action::kInspect));
  ANJIAN_ASSIGN_OR_RETURN(auto session, store_.Write());
  ANJIAN_ASSIGN_OR_RETURN(auto plan, session->GetPlan(who.scope, plan_id));
  ANJIAN_TRY(RequirePlanInsideJurisdiction(who, plan));
  if (plan.status != planner::PlanStatus::kApproved &&
      plan.status != planner::PlanStatus::kInForce) {
    return Error::FailedPrecondition("只有已审批或已生效的计划才能生成检查任务（当前：" +
                                     std::string(planner::Label(plan.status)) + "）");
  }
  store::PlanItemFilter range;
  for (const auto& [text, bound, field] :
       {std::tuple{&from, &range.from, "from"}, std::tuple{&to, &range.to, "to"}}) {
    if (text->empty()) continue;
    auto day = CivilDate::Parse(*text);
    if (!day.ok()) return Error::InvalidArgument("日期应为 YYYY-MM-DD：" + *text, field);
    *bound = *day;
  }
  std::map<std::string, domain::Inspector> by_employee_no;
  ANJIAN_TRY(session->ForEachInspector(
      store::Scope::Under(plan.scope_path),
      [&](const domain::Inspector& p) { by_employee_no.emplace(p.employee_no, p); }));
  int created = 0;
  int existing = 0;
  const auto* general = BuiltinChecklists().Latest("general");
  if (general == nullptr) return Error::Internal("缺少通用检查表");
  ANJIAN_TRY(
      session->ForEachPlanItem(plan_id, range, [&](const store::PlanItemRow& item) -> Status {
        std::optional<domain::TaskKind> kind;
        switch (item.kind) {
          case planner::ItemKind::kDeterministic:
          case planner::ItemKind::kRandom:
            kind = domain::TaskKind::kPlanned;
            break;
          case planner::ItemKind::kSpecial:
            kind = domain::TaskKind::kSpecial;
            break;
          case planner::ItemKind::kLeaderLed:
            kind = domain::TaskKind::kLeaderLed;
            break;
          case planner::ItemKind::kCommunityScreening:
            break;  // community screenings are not enforcement inspections
        }
        if (!kind) return Ok();
        // The item's stable key: a task made from an earlier revision of the plan still counts
        // for the item it kept.
        ANJIAN_ASSIGN_OR_RETURN(auto found, session->FindTaskByPlanItem(plan_id, item.key));
        if (found) {
          ++existing;
          return Ok();
        }
        // Units resolve inside the caller's jurisdiction, never the plan's wider one.
        ANJIAN_ASSIGN_OR_RETURN(auto unit,
                                session->FindUnitByCode(who.scope, item.unit_credit_code));
        if (!unit) return Ok();  // the unit left the registry since the plan was compiled
        const json body = json::parse(item.body_json, nullptr, false);
        if (!body.is_object()) {
          return Error::Internal("计划 " + std::to_string(plan_id) + " 第 " +
                                 std::to_string(item.seq) + " 项的存储数据无法读取");
        }
        store::TaskRecord task;
        task.unit_id = unit->id;
        task.kind = *kind;
        task.scheduled_on = item.date;
        task.half_day = item.slot == 1 ? domain::HalfDay::kAfternoon : domain::HalfDay::kMorning;
        task.checklist_id = general->id;
        task.checklist_version = general->version;
        task.plan_id = plan_id;
        task.plan_item_key = item.key;
        task.note = item.rule;
        std::vector<std::string> people = body.value("inspectors", std::vector<std::string>{});
        const std::string leader = body.value("leader", "");
        if (!leader.empty() && std::find(people.begin(), people.end(), leader) == people.end()) {
          people.insert(people.begin(), leader);
        }
        for (const auto& no : people) {
          if (auto it = by_employee_no.find(no); it != by_employee_no.end())
            task.team.push_back(it->second.id.value);
        }
        task.created_by = who.user_id.value;
        task.created_at = task.updated_at = clock_.NowUnixSeconds();
        ANJIAN_TRY(session->InsertTask(task));
        ++created;
        return Ok();
      }));
  Audit(*session, who, clock_.NowUnixSeconds(), "task.create_from_plan", "plan",
        std::to_string(plan_id),
        {{"created", created}, {"existing", existing}, {"from", from}, {"to", to}});
  ANJIAN_TRY(session->Commit());
  return std::make_pair(created, existing);
}

Result<store::PageResult<TaskView>> InspectionService::ListTasks(const Principal& who,
                                                                 store::TaskQuery query,
                                                                 bool mine) {
  ANJIAN_TRY(Require(who, domain::Action::kReadInspections));
  // Inspections are not announced to the unit beforehand (四不两直, 暗查暗访).
  if (who.role == domain::UserRole::kEnterprise)
    return Error::PermissionDenied("企业账号不能查看检查任务安排");
  if (mine) {
    if (!who.inspector_id) {
      return Error::InvalidArgument(
          "当前账号未关联执法人员，无法查看“我的任务”；请管理员在账号中关联人员", "mine");
    }
    query.inspector_id = who.inspector_id->value;
  }
  query.hide_covert_until_completed = !domain::MayPerform(who.role, domain::Action::kInspect);
  ANJIAN_ASSIGN_OR_RETURN(auto session, store_.Read());
  ANJIAN_ASSIGN_OR_RETURN(auto page, session->ListTasks(who.scope, query));
  store::PageResult<TaskView> out;
  out.total = page.total;
  std::map<std::int64_t, domain::Inspector> people;
  for (auto& task : page.items) {
    TaskView view{std::move(task), {}};
    for (auto id : view.task.team) {
      auto it = people.find(id);
      if (it == people.end()) {
        ANJIAN_ASSIGN_OR_RETURN(auto person,
                                session->GetInspector(store::Scope::All(), InspectorId(id)));
        it = people.emplace(id, std::move(person)).first;
      }
      view.team.push_back(it->second);
    }
    out.items.push_back(std::move(view));
  }
  return out;
}

Result<std::pair<TaskView, std::vector<store::InspectionRecordRow>>> InspectionService::GetTask(
    const Principal& who, std::int64_t id) {
  ANJIAN_TRY(Require(who, domain::Action::kReadInspections));
  ANJIAN_ASSIGN_OR_RETURN(auto session, store_.Read());
  if (who.role == domain::UserRole::kEnterprise)
    return Error::PermissionDenied("企业账号不能查看检查任务安排");
  ANJIAN_ASSIGN_OR_RETURN(auto task, session->GetTask(who.scope, id));
  if (task.kind == domain::TaskKind::kCovert && task.status != domain::TaskStatus::kCompleted &&
      !domain::MayPerform(who.role, domain::Action::kInspect)) {
    return Error::NotFound("检查任务不存在（id " + std::to_string(id) + "）");  // 四不两直
  }
  ANJIAN_ASSIGN_OR_RETURN(auto team, LoadTeam(*session, task));
  ANJIAN_ASSIGN_OR_RETURN(auto records, session->ListInspectionRecords(id));
  return std::make_pair(TaskView{std::move(task), std::move(team)}, std::move(records));
}

Result<TaskView> InspectionService::CancelTask(const Principal& who, std::int64_t id,
                                               const json& body) {
  ANJIAN_TRY(Require(who, domain::Action::kInspect));
  if (!body.is_object() || !body.contains("version") || !body["version"].is_number_integer()) {
    return Error::InvalidArgument("请提供读取时的版本号（version）", "version");
  }
  ANJIAN_ASSIGN_OR_RETURN(auto reason, TextField(body, "reason", true, 500));
  ANJIAN_ASSIGN_OR_RETURN(auto session, store_.Write());
  ANJIAN_ASSIGN_OR_RETURN(auto task, session->GetTask(who.scope, id));
  if (task.status != domain::TaskStatus::kScheduled) {
    return Error::Conflict("只有待检查的任务可以取消（当前：" +
                           std::string(domain::Label(task.status)) + "）");
  }
  task.version = body["version"].get<int>();
  task.status = domain::TaskStatus::kCancelled;
  task.note = task.note.empty() ? "取消：" + reason : task.note + "；取消：" + reason;
  task.updated_at = clock_.NowUnixSeconds();
  ANJIAN_ASSIGN_OR_RETURN(auto updated, session->UpdateTask(task));
  ANJIAN_ASSIGN_OR_RETURN(auto team, LoadTeam(*session, updated));
  Audit(*session, who, task.updated_at, "task.cancel", "task", std::to_string(id),
        {{"reason", reason}});
  ANJIAN_TRY(session->Commit());
  return TaskView{std::move(updated), std::move(team)};
}

}  // namespace anjian::app

#include "app/hazard_service.hpp"

#include "app/audit_trail.hpp"
#include "app/documents/document_builders.hpp"
#include "app/inspection_support.hpp"
#include "common/text.hpp"

namespace anjian::app {
namespace {

using nlohmann::json;

// Enterprise accounts act on their own unit only: other hazards behave as missing.
store::Scope ScopeOf(const Principal& who) { return who.scope; }

Status CheckUnit(const Principal& who, const store::HazardRecord& h) {
  if (who.role == domain::UserRole::kEnterprise && (!who.unit_id || *who.unit_id != h.unit_id)) {
    return Error::NotFound("隐患不存在（id " + std::to_string(h.id.value) + "）");
  }
  return Ok();
}

}  // namespace

domain::Hazard ToDomain(const store::HazardRecord& r) {
  domain::Hazard h;
  h.grade = r.grade;
  h.state = r.state;
  h.deadline = r.deadline;
  h.review_round = r.review_round;
  h.supervision_level = r.supervision_level;
  h.supervising_leader = r.supervising_leader;
  h.reported_to_superior = r.reported_to_superior;
  h.signatures = r.signatures;
  h.accepted = r.accepted;
  return h;
}

json HazardToJson(const store::HazardRecord& r, const Principal* who, CivilDate today) {
  const auto h = ToDomain(r);
  json signatures = json::array();
  for (auto s : h.signatures) signatures.push_back(std::string(domain::Code(s)));
  json allowed = json::array();
  if (who) {
    for (auto a : domain::AllowedHazardActions(h, who->role)) {
      allowed.push_back(
          {{"action", std::string(domain::Code(a))}, {"label", std::string(domain::Label(a))}});
    }
  }
  return {{"id", r.id.value},
          {"unit_id", r.unit_id.value},
          {"unit_name", r.unit_name},
          {"grade", std::string(domain::Code(r.grade))},
          {"grade_label", std::string(domain::Label(r.grade))},
          {"state", std::string(domain::Code(r.state))},
          {"state_label", std::string(domain::Label(h.state))},
          {"description", r.description},
          {"legal_basis", r.legal_basis},
          {"found_on", r.found_on.ToString()},
          {"deadline", ToString(r.deadline)},
          {"overdue", domain::IsOverdue(h, today)},
          {"due_soon", domain::IsDueWithin(h, today, 3)},
          {"review_round", r.review_round},
          {"supervision_level", r.supervision_level},
          {"supervising_leader", r.supervising_leader},
          {"reported_to_superior", r.reported_to_superior},
          {"signatures", signatures},
          {"accepted", r.accepted},
          {"overdue_since", ToString(r.overdue_since)},
          {"escalated", r.escalated},
          {"task_id", r.task_id ? json(r.task_id) : json(nullptr)},
          {"record_id", r.record_id ? json(r.record_id) : json(nullptr)},
          {"allowed_actions", allowed},
          {"version", r.version},
          {"created_at", r.created_at},
          {"updated_at", r.updated_at}};
}

Result<store::HazardRecord> HazardService::Register(const Principal& who, const json& body) {
  ANJIAN_TRY(Require(who, domain::Action::kRegisterHazard));
  if (!body.is_object()) return Error::InvalidArgument("请求体应为 JSON 对象");
  store::HazardRecord h;
  ANJIAN_ASSIGN_OR_RETURN(h.description, TextField(body, "description", true, 500));
  ANJIAN_ASSIGN_OR_RETURN(h.legal_basis, TextField(body, "legal_basis", false, 200));
  ANJIAN_ASSIGN_OR_RETURN(auto grade, TextField(body, "grade", false, 20));
  if (!grade.empty()) {
    auto parsed = domain::ParseHazardGrade(grade);
    if (!parsed.ok()) {
      return Error::InvalidArgument("隐患等级应为 general（一般隐患）或 major（重大隐患）",
                                    "grade");
    }
    h.grade = *parsed;
  }
  ANJIAN_ASSIGN_OR_RETURN(auto found_on, TextField(body, "found_on", false, 20));
  if (found_on.empty()) {
    h.found_on = BeijingDate(clock_);
  } else {
    auto date = CivilDate::Parse(found_on);
    if (!date.ok()) return Error::InvalidArgument("发现日期：" + date.error().message, "found_on");
    if (BeijingDate(clock_) < *date)
      return Error::InvalidArgument("发现日期不能晚于今天", "found_on");
    h.found_on = *date;
  }
  ANJIAN_ASSIGN_OR_RETURN(auto session, store_.Write());
  if (body.contains("unit_id") && body["unit_id"].is_number_integer()) {
    ANJIAN_ASSIGN_OR_RETURN(
        auto unit, session->GetUnit(who.scope, UnitId(body["unit_id"].get<std::int64_t>())));
    h.unit_id = unit.id;
  } else {
    ANJIAN_ASSIGN_OR_RETURN(auto code, TextField(body, "unit_credit_code", true, 18));
    ANJIAN_ASSIGN_OR_RETURN(auto unit, session->FindUnitByCode(who.scope, code));
    if (!unit) return Error::NotFound("辖区内没有统一社会信用代码为 " + code + " 的单位");
    h.unit_id = unit->id;
  }
  const auto now = clock_.NowUnixSeconds();
  h.state = domain::HazardState::kRegistered;
  h.created_by = who.user_id.value;
  h.created_at = now;
  ANJIAN_ASSIGN_OR_RETURN(auto inserted, session->InsertHazard(h));
  ANJIAN_TRY(session->AppendHazardTransition({inserted.id,
                                              now,
                                              who.user_id.value,
                                              "register",
                                              std::nullopt,
                                              inserted.state,
                                              "登记" + std::string(domain::Label(inserted.grade)),
                                              {}}));
  Audit(*session, who, now, "hazard.register", "hazard", std::to_string(inserted.id.value),
        {{"unit_id", inserted.unit_id.value},
         {"grade", std::string(domain::Code(inserted.grade))},
         {"state", std::string(domain::Code(inserted.state))}});
  ANJIAN_TRY(session->Commit());
  return inserted;
}

Result<HazardPage> HazardService::List(const Principal& who, store::HazardQuery query, bool overdue,
                                       int due_within_days) {
  ANJIAN_TRY(Require(who, domain::Action::kReadHazards));
  if (who.role == domain::UserRole::kEnterprise) {
    if (!who.unit_id) return HazardPage{};
    query.unit = who.unit_id;
  }
  const auto today = BeijingDate(clock_);
  if (overdue) query.deadline_before = today;
  if (due_within_days > 0) {  // due soon: not yet overdue
    query.deadline_by = CivilDate::FromDays(today.ToDays() + due_within_days);
    query.deadline_from = today;
  }
  ANJIAN_ASSIGN_OR_RETURN(auto session, store_.Read());
  HazardPage page;
  ANJIAN_ASSIGN_OR_RETURN(page.page, session->ListHazards(ScopeOf(who), query));
  ANJIAN_ASSIGN_OR_RETURN(page.counts_by_state, session->CountHazardsByState(ScopeOf(who), query));
  return page;
}

Result<std::pair<store::HazardRecord,
                 std::vector<std::pair<store::HazardTransitionRecord, std::string>>>>
HazardService::Get(const Principal& who, HazardId id) {
  ANJIAN_TRY(Require(who, domain::Action::kReadHazards));
  ANJIAN_ASSIGN_OR_RETURN(auto session, store_.Read());
  ANJIAN_ASSIGN_OR_RETURN(auto hazard, session->GetHazard(ScopeOf(who), id));
  ANJIAN_TRY(CheckUnit(who, hazard));
  ANJIAN_ASSIGN_OR_RETURN(auto log, session->ListHazardTransitions(id));
  UserNames names(*session);
  std::vector<std::pair<store::HazardTransitionRecord, std::string>> timeline;
  for (auto& t : log) {
    const auto& name = names.Of(t.user_id);
    timeline.emplace_back(std::move(t), name);
  }
  return std::make_pair(std::move(hazard), std::move(timeline));
}

Result<store::HazardRecord> HazardService::Transition(const Principal& who, HazardId id,
                                                      const json& body) {
  if (!body.is_object()) return Error::InvalidArgument("请求体应为 JSON 对象");
  if (!body.contains("version") || !body["version"].is_number_integer()) {
    return Error::InvalidArgument("请提供读取时的版本号（version）", "version");
  }
  ANJIAN_ASSIGN_OR_RETURN(auto action_text, TextField(body, "action", true, 40));
  ANJIAN_ASSIGN_OR_RETURN(auto action, domain::ParseHazardAction(action_text));
  domain::HazardCommand command;
  command.action = action;
  command.role = who.role;
  command.actor = who.username;
  command.at = clock_.NowUnixSeconds();
  ANJIAN_ASSIGN_OR_RETURN(command.note, TextField(body, "note", false, 1000));
  ANJIAN_ASSIGN_OR_RETURN(auto deadline, TextField(body, "deadline", false, 20));
  if (!deadline.empty()) {
    auto date = CivilDate::Parse(deadline);
    if (!date.ok()) return Error::InvalidArgument("整改期限：" + date.error().message, "deadline");
    command.deadline = *date;
  }
  ANJIAN_ASSIGN_OR_RETURN(auto signature, TextField(body, "signature", false, 40));
  if (!signature.empty()) {
    auto parsed = domain::ParseHazardSignature(signature);
    if (!parsed.ok()) {
      return Error::InvalidArgument(
          "签字身份应为 enterprise_principal、regulator_reviewer 或 regulator_leader", "signature");
    }
    command.signature = *parsed;
  }
  ANJIAN_ASSIGN_OR_RETURN(command.supervision_level,
                          TextField(body, "supervision_level", false, 20));
  ANJIAN_ASSIGN_OR_RETURN(command.supervising_leader,
                          TextField(body, "supervising_leader", false, 40));
  std::vector<std::string> evidence;
  if (body.contains("evidence") && !body["evidence"].is_null()) {
    if (!body["evidence"].is_array() || body["evidence"].size() > 20) {
      return Error::InvalidArgument("evidence 应为不超过 20 张已上传照片的 sha256 数组",
                                    "evidence");
    }
    for (const auto& e : body["evidence"]) {
      if (!e.is_string() || e.get<std::string>().size() != 64) {
        return Error::InvalidArgument("evidence 应为已上传照片的 sha256", "evidence");
      }
      evidence.push_back(e.get<std::string>());
    }
  }

  ANJIAN_ASSIGN_OR_RETURN(auto session, store_.Write());
  for (const auto& sha : evidence) {
    ANJIAN_ASSIGN_OR_RETURN(auto upload, session->GetUpload(sha));
    if (!upload || upload->kind != "photo")
      return Error::InvalidArgument("照片未上传（" + sha + "）", "evidence");
  }
  ANJIAN_ASSIGN_OR_RETURN(auto record, session->GetHazard(ScopeOf(who), id));
  ANJIAN_TRY(CheckUnit(who, record));
  if (record.version != body["version"].get<int>()) {
    return Error::Conflict("隐患已被他人修改（当前版本 " + std::to_string(record.version) +
                           "），请刷新后重试");
  }
  ANJIAN_ASSIGN_OR_RETURN(
      auto next, domain::ApplyHazardCommand(ToDomain(record), command, BeijingDate(clock_)));
  store::HazardRecord updated = record;
  updated.state = next.state;
  updated.deadline = next.deadline;
  updated.review_round = next.review_round;
  updated.supervision_level = next.supervision_level;
  updated.supervising_leader = next.supervising_leader;
  updated.reported_to_superior = next.reported_to_superior;
  updated.signatures = next.signatures;
  updated.accepted = next.accepted;
  updated.updated_at = command.at;
  ANJIAN_ASSIGN_OR_RETURN(updated, session->UpdateHazard(updated));
  std::string note = command.note;
  if (command.deadline)
    note = "整改期限 " + command.deadline->ToString() + (note.empty() ? "" : "；" + note);
  if (command.signature)
    note =
        std::string(domain::Label(*command.signature)) + "签字" + (note.empty() ? "" : "；" + note);
  ANJIAN_TRY(session->AppendHazardTransition({id, command.at, who.user_id.value,
                                              std::string(domain::Code(action)), record.state,
                                              updated.state, note, evidence}));
  const bool review =
      action == domain::HazardAction::kReviewPass || action == domain::HazardAction::kReviewFail;
  if (review && documents_ != nullptr)
    ANJIAN_TRY(AfterReview(*session, who, updated, action, command, evidence));
  Audit(
      *session, who, command.at, "hazard." + std::string(domain::Code(action)), "hazard",
      std::to_string(id.value),
      {{"changes",
        {{"state",
          {{"old", std::string(domain::Code(record.state))},
           {"new", std::string(domain::Code(updated.state))}}},
         {"deadline", {{"old", ToString(record.deadline)}, {"new", ToString(updated.deadline)}}}}},
       {"note", note}});
  ANJIAN_TRY(session->Commit());
  return updated;
}

Status HazardService::AfterReview(store::StoreSession& session, const Principal& who,
                                  const store::HazardRecord& hazard, domain::HazardAction action,
                                  const domain::HazardCommand& command,
                                  const std::vector<std::string>& evidence) {
  ANJIAN_ASSIGN_OR_RETURN(auto unit, session.GetUnit(store::Scope::All(), hazard.unit_id));
  UserNames names(session);
  ReviewContext context{hazard,
                        unit,
                        "",
                        "",
                        action == domain::HazardAction::kReviewPass,
                        command.note,
                        ToString(hazard.deadline),
                        names.Of(who.user_id.value),
                        evidence};
  if (hazard.record_id) {
    store::DocumentQuery q;
    q.record_id = hazard.record_id;
    q.doc_type = domain::DocumentType::kRectificationOrder;
    ANJIAN_ASSIGN_OR_RETURN(auto orders, session.ListDocuments(store::Scope::All(), q));
    if (!orders.items.empty()) {
      context.order_number = orders.items.front().number;
      context.order_issued_on = BeijingDateAt(orders.items.front().issued_at).ToString();
    }
  }
  ANJIAN_TRY(documents_->Issue(session, ReinspectionOpinionDocument(context), hazard.unit_id,
                               hazard.region_path, DocumentLinks{hazard.record_id, hazard.id.value},
                               who.user_id.value, command.at));
  // "谁检查，谁督促整改" (R-PROC-9): a failed re-inspection puts the next one on the same team's
  // list.
  if (action == domain::HazardAction::kReviewFail && hazard.task_id) {
    ANJIAN_ASSIGN_OR_RETURN(auto original, session.GetTask(store::Scope::All(), hazard.task_id));
    store::TaskRecord next;
    next.unit_id = hazard.unit_id;
    next.kind = domain::TaskKind::kReinspection;
    // A hazard under review always has a rectification deadline; the action's day is the fallback.
    next.scheduled_on = hazard.deadline.value_or(BeijingDateAt(command.at));
    next.checklist_id = original.checklist_id;
    next.checklist_version = original.checklist_version;
    next.hazard_id = hazard.id.value;
    next.note = "第 " + std::to_string(hazard.review_round + 1) + " 次复查：" + hazard.description;
    next.team = original.team;
    next.created_by = who.user_id.value;
    next.created_at = next.updated_at = command.at;
    ANJIAN_TRY(session.InsertTask(next));
  }
  return Ok();
}

Result<json> HazardService::Reminders(const Principal& who) {
  ANJIAN_TRY(Require(who, domain::Action::kReadHazards));
  const auto today = BeijingDate(clock_);
  store::HazardQuery overdue;
  overdue.deadline_before = today;
  overdue.page.page_size = 100;
  store::HazardQuery soon;
  soon.deadline_by = CivilDate::FromDays(today.ToDays() + 3);
  soon.deadline_from = today;
  soon.page.page_size = 100;
  if (who.role == domain::UserRole::kEnterprise) {
    if (!who.unit_id)
      return json{
          {"today", today.ToString()}, {"overdue", json::array()}, {"due_soon", json::array()}};
    overdue.unit = soon.unit = who.unit_id;
  }
  ANJIAN_ASSIGN_OR_RETURN(auto session, store_.Read());
  ANJIAN_ASSIGN_OR_RETURN(auto late, session->ListHazards(who.scope, overdue));
  ANJIAN_ASSIGN_OR_RETURN(auto due, session->ListHazards(who.scope, soon));
  json out = {{"today", today.ToString()},
              {"overdue", json::array()},
              {"due_soon", json::array()},
              {"overdue_total", late.total},
              {"due_soon_total", due.total}};
  int mine_overdue = 0;
  int mine_due = 0;
  for (const auto& h : late.items) {
    out["overdue"].push_back(HazardToJson(h, &who, today));
    if (h.created_by == who.user_id.value) ++mine_overdue;
  }
  for (const auto& h : due.items) {
    out["due_soon"].push_back(HazardToJson(h, &who, today));
    if (h.created_by == who.user_id.value) ++mine_due;
  }
  out["mine"] = {{"overdue", mine_overdue}, {"due_soon", mine_due}};
  return out;
}

Result<json> HazardService::RunOverdueJobNow(const Principal& who) {
  if (who.role != domain::UserRole::kAdmin)
    return Error::PermissionDenied("只有管理员可以手动运行逾期检查");
  return RunOverdueJob(false, who);
}

Result<json> HazardService::RunOverdueJob(bool claim) {
  return RunOverdueJob(claim, Principal::System());
}

Result<json> HazardService::RunOverdueJob(bool claim, const Principal& who) {
  const CivilDate today_date = BeijingDate(clock_);
  const auto today = today_date.ToString();
  const auto now = clock_.NowUnixSeconds();
  ANJIAN_ASSIGN_OR_RETURN(auto session, store_.Write());
  if (claim) {
    ANJIAN_ASSIGN_OR_RETURN(bool claimed, session->ClaimJobRun("hazard_overdue", today, now));
    if (!claimed) return json{{"ran", false}, {"marked", 0}, {"escalated", 0}};
  }
  store::HazardQuery query;
  query.deadline_before = today_date;
  query.page.page_size = 1000;
  int marked = 0;
  int escalated = 0;
  for (query.page.page = 1;; ++query.page.page) {
    ANJIAN_ASSIGN_OR_RETURN(auto page, session->ListHazards(store::Scope::All(), query));
    for (const auto& h : page.items) {
      if (h.overdue_since) continue;
      const bool major = h.grade == domain::HazardGrade::kMajor;
      ANJIAN_ASSIGN_OR_RETURN(bool first, session->MarkHazardOverdue(h.id, today_date, major));
      if (!first) continue;  // another run (another instance) marked it meanwhile
      ++marked;
      Audit(*session, who, now, major ? "hazard.escalate" : "hazard.mark_overdue", "hazard",
            std::to_string(h.id.value),
            {{"deadline", ToString(h.deadline)}, {"overdue_since", today}});
      if (major) {
        ++escalated;
        ANJIAN_TRY(session->AppendHazardTransition(
            {h.id,
             now,
             0,
             "escalate",
             h.state,
             h.state,
             "重大隐患逾期未整改（期限 " + ToString(h.deadline) + "），已升级督办并报告上级",
             {}}));
      }
    }
    if (static_cast<std::int64_t>(query.page.page) * query.page.page_size >= page.total) break;
  }
  const json result = {{"ran", true}, {"marked", marked}, {"escalated", escalated}};
  if (claim)
    ANJIAN_TRY(
        session->FinishJobRun("hazard_overdue", today, clock_.NowUnixSeconds(), result.dump()));
  Audit(*session, who, now, "job.hazard_overdue", "job", today, result);
  ANJIAN_TRY(session->Commit());
  return result;
}

}  // namespace anjian::app

#include "planner/plan_lifecycle.hpp"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <set>
#include <tuple>

namespace anjian::planner {
namespace {

using domain::EnumEntry;

const std::vector<EnumEntry<PlanAction>>& Actions() {
  static const std::vector<EnumEntry<PlanAction>> kTable = {
      {PlanAction::kSubmit, "submit", "报批", {}},
      {PlanAction::kApprove, "approve", "批准", {}},
      {PlanAction::kReject, "reject", "退回", {}},
      {PlanAction::kEnact, "enact", "发布施行", {}},
  };
  return kTable;
}

struct Transition {
  PlanStatus from;
  PlanAction action;
  PlanStatus to;
};

const std::vector<Transition>& Transitions() {
  static const std::vector<Transition> kTable = {
      {PlanStatus::kDraft, PlanAction::kSubmit, PlanStatus::kSubmitted},
      {PlanStatus::kSubmitted, PlanAction::kApprove, PlanStatus::kApproved},
      {PlanStatus::kSubmitted, PlanAction::kReject, PlanStatus::kDraft},
      {PlanStatus::kApproved, PlanAction::kEnact, PlanStatus::kInForce},
      {PlanStatus::kReapprovalRequired, PlanAction::kApprove, PlanStatus::kInForce},
      {PlanStatus::kReapprovalRequired, PlanAction::kReject, PlanStatus::kDraft},
  };
  return kTable;
}

std::set<std::string> KeyScope(const Plan& plan, const PlanInput& input) {
  std::set<std::string> key_codes;
  for (const auto& u : input.units) {
    if (u.unit.is_key) key_codes.insert(u.unit.credit_code);
  }
  std::set<std::string> scope;
  for (const auto& item : plan.items) {
    if (IsEnforcement(item.kind) && key_codes.count(item.unit_credit_code))
      scope.insert(item.unit_credit_code);
  }
  return scope;
}

}  // namespace

const std::vector<domain::EnumEntry<PlanStatus>>& PlanStatuses() {
  static const std::vector<domain::EnumEntry<PlanStatus>> kTable = {
      {PlanStatus::kDraft, "draft", "草稿", {}},
      {PlanStatus::kSubmitted, "submitted", "已报批", {}},
      {PlanStatus::kApproved, "approved", "已批准", {}},
      {PlanStatus::kInForce, "in_force", "执行中", {}},
      {PlanStatus::kReapprovalRequired, "reapproval_required", "待重新报批", {}},
      {PlanStatus::kSuperseded, "superseded", "已被新版本取代", {}},
  };
  return kTable;
}

std::string_view Code(PlanStatus v) { return domain::FindEntry(PlanStatuses(), v).code; }
std::string_view Label(PlanStatus v) { return domain::FindEntry(PlanStatuses(), v).label; }
std::string_view Code(PlanAction v) { return domain::FindEntry(Actions(), v).code; }
std::string_view Label(PlanAction v) { return domain::FindEntry(Actions(), v).label; }
Result<PlanStatus> ParsePlanStatus(std::string_view text) {
  return domain::ParseEnum(PlanStatuses(), text, "计划状态");
}
Result<PlanAction> ParsePlanAction(std::string_view text) {
  return domain::ParseEnum(Actions(), text, "计划操作");
}

std::vector<PlanAction> AllowedActions(PlanStatus from) {
  std::vector<PlanAction> allowed;
  for (const auto& t : Transitions()) {
    if (t.from == from) allowed.push_back(t.action);
  }
  return allowed;
}

Result<PlanStatus> NextStatus(PlanStatus from, PlanAction action) {
  for (const auto& t : Transitions()) {
    if (t.from == from && t.action == action) return t.to;
  }
  std::string allowed;
  for (auto a : AllowedActions(from))
    allowed += (allowed.empty() ? "" : "、") + std::string(Label(a));
  return Error::Conflict(
      "计划当前状态为“" + std::string(Label(from)) + "”，不能" + std::string(Label(action)) +
      (allowed.empty() ? "（此状态下没有可执行的操作）" : "；可执行的操作：" + allowed));
}

int UnitsInspected(const Plan& plan) {
  std::set<std::string> units;
  for (const auto& item : plan.items) {
    if (IsEnforcement(item.kind)) units.insert(item.unit_credit_code);
  }
  return static_cast<int>(units.size());
}

Result<AdjustmentOutcome> ApplyAdjustment(Plan& plan, const Plan& original, const Adjustment& adj,
                                          const PlanInput& input, const WorkingCalendar& calendar) {
  std::vector<std::string> problems;
  AdjustmentOutcome outcome;
  std::map<int, std::size_t> by_seq;
  for (std::size_t i = 0; i < plan.items.size(); ++i) by_seq[plan.items[i].seq] = i;
  std::map<std::string, const PlanUnit*> units;
  for (const auto& u : input.units) units[u.unit.credit_code] = &u;
  std::map<std::string, const PlanInspector*> inspectors;
  for (const auto& i : input.inspectors) inspectors[i.inspector.employee_no] = &i;
  const auto& team = input.policy.team;
  if (adj.reason.empty()) problems.push_back("请填写调整原因");
  if (adj.add.empty() && adj.remove.empty() && adj.move.empty()) problems.push_back("调整内容为空");

  auto check_day = [&](const std::string& what, CivilDate date, int slot) {
    if (date.year() != plan.year) {
      problems.push_back(what + "：日期 " + date.ToString() + " 不在计划年度 " +
                         std::to_string(plan.year) + " 内");
    } else if (!calendar.IsWorkingDay(date)) {
      const auto name = calendar.HolidayName(date);
      problems.push_back(what + "：" + date.ToString() + " 不是工作日" +
                         (name.empty() ? "" : "（" + name + "）"));
    }
    if (slot < 0 || slot >= team.slots_per_day) problems.push_back(what + "：时段无效");
  };
  // Who is busy when, after removals and before additions/moves.
  std::set<int> removed(adj.remove.begin(), adj.remove.end());
  std::set<int> moved_seqs;
  for (const auto& m : adj.move) moved_seqs.insert(m.seq);
  std::map<std::tuple<std::string, std::int64_t, int>, int> busy;
  for (const auto& item : plan.items) {
    if (removed.count(item.seq) || moved_seqs.count(item.seq) || !IsEnforcement(item.kind))
      continue;
    for (const auto& e : item.inspectors) busy[{e, item.date.ToDays(), item.slot}]++;
  }
  auto check_team = [&](const std::string& what, const std::string& code, CivilDate date, int slot,
                        const std::vector<std::string>& members) {
    if (static_cast<int>(members.size()) < team.size) {
      problems.push_back(what + "：检查人员至少 " + std::to_string(team.size) + " 人");
    }
    std::set<std::string> seen;
    for (const auto& e : members) {
      if (!seen.insert(e).second) problems.push_back(what + "：检查人员 " + e + " 重复");
      auto it = inspectors.find(e);
      if (it == inspectors.end()) {
        problems.push_back(what + "：执法人员名录中没有工号 " + e);
        continue;
      }
      const auto& in = it->second->inspector;
      if (!domain::MayPerformEnforcement(in, date)) {
        problems.push_back(what + "：" + in.name + "（" + e + "）在 " + date.ToString() +
                           " 没有有效执法证，不能参加执法检查");
      }
      if (std::find(in.recusal_codes.begin(), in.recusal_codes.end(), code) !=
          in.recusal_codes.end()) {
        problems.push_back(what + "：" + in.name + "（" + e + "）须回避该单位");
      }
      if (busy[{e, date.ToDays(), slot}]++ > 0) {
        problems.push_back(what + "：" + in.name + "（" + e + "）在该时段已有检查安排");
      }
    }
  };

  for (int seq : adj.remove) {
    if (!by_seq.count(seq))
      problems.push_back("删除：计划中没有序号 " + std::to_string(seq) + " 的检查");
  }
  for (const auto& m : adj.move) {
    const std::string what = "改期（序号 " + std::to_string(m.seq) + "）";
    auto it = by_seq.find(m.seq);
    if (it == by_seq.end()) {
      problems.push_back(what + "：计划中没有该序号");
      continue;
    }
    if (removed.count(m.seq)) problems.push_back(what + "：同一检查不能既删除又改期");
    check_day(what, m.date, m.slot);
    const auto& item = plan.items[it->second];
    if (IsEnforcement(item.kind))
      check_team(what, item.unit_credit_code, m.date, m.slot, item.inspectors);
  }
  for (std::size_t k = 0; k < adj.add.size(); ++k) {
    const auto& a = adj.add[k];
    const std::string what = "新增第 " + std::to_string(k + 1) + " 项";
    if (!units.count(a.unit_credit_code)) {
      problems.push_back(what + "：单位名录中没有统一社会信用代码 " + a.unit_credit_code);
      continue;
    }
    if (units[a.unit_credit_code]->unit.status != domain::UnitStatus::kOperating) {
      problems.push_back(what + "：单位状态为“" +
                         std::string(domain::Label(units[a.unit_credit_code]->unit.status)) +
                         "”，不能安排检查");
    }
    check_day(what, a.date, a.slot);
    if (IsEnforcement(a.kind)) check_team(what, a.unit_credit_code, a.date, a.slot, a.inspectors);
  }
  if (!problems.empty()) {
    std::string message = "计划调整有误：";
    for (std::size_t i = 0; i < problems.size(); ++i) message += (i ? "；" : "") + problems[i];
    return Error::InvalidArgument(message, "adjustment");
  }

  const auto key_before = KeyScope(original, input);
  std::vector<PlanItem> kept;
  for (auto& item : plan.items) {
    if (removed.count(item.seq)) {
      outcome.removed.push_back(item);
      continue;
    }
    for (const auto& m : adj.move) {
      if (m.seq != item.seq) continue;
      PlanItem before = item;
      item.date = m.date;
      item.slot = m.slot;
      outcome.moved.push_back({before, item});
    }
    kept.push_back(std::move(item));
  }
  for (std::size_t n = 0; n < adj.add.size(); ++n) {
    const auto& a = adj.add[n];
    const auto& pu = *units[a.unit_credit_code];
    PlanItem item;
    item.unit_credit_code = a.unit_credit_code;
    item.unit_name = pu.unit.name;
    item.kind = a.kind;
    item.rule = a.rule.empty() ? "ADJ" : a.rule;
    item.date = a.date;
    item.slot = a.slot;
    item.inspectors = a.inspectors;
    item.community = pu.community_name;
    item.grid = pu.grid_name;
    item.note = a.note.empty() ? "计划调整：" + adj.reason : a.note;
    item.key = a.unit_credit_code + "/" + item.rule + "/r" + std::to_string(adj.revision) + "-" +
               std::to_string(n + 1);
    outcome.added.push_back(item);
    kept.push_back(std::move(item));
  }
  std::stable_sort(kept.begin(), kept.end(), [](const PlanItem& a, const PlanItem& b) {
    if (a.date != b.date) return a.date < b.date;
    return a.slot < b.slot;
  });
  for (std::size_t i = 0; i < kept.size(); ++i) kept[i].seq = static_cast<int>(i) + 1;
  plan.items = std::move(kept);
  // Keep "every unit not planned says why" true after the change.
  std::set<std::string> planned_units;
  for (const auto& item : plan.items) planned_units.insert(item.unit_credit_code);
  std::erase_if(plan.not_planned,
                [&](const NotPlanned& n) { return planned_units.count(n.unit_credit_code) > 0; });
  for (const auto& item : outcome.removed) {
    if (planned_units.count(item.unit_credit_code)) continue;
    const bool listed = std::any_of(
        plan.not_planned.begin(), plan.not_planned.end(),
        [&](const NotPlanned& n) { return n.unit_credit_code == item.unit_credit_code; });
    if (!listed) {
      plan.not_planned.push_back(
          {item.unit_credit_code, item.unit_name, "计划调整时删除（" + adj.reason + "）"});
    }
  }
  std::sort(plan.not_planned.begin(), plan.not_planned.end(),
            [](const NotPlanned& a, const NotPlanned& b) {
              return a.unit_credit_code < b.unit_credit_code;
            });
  Recount(plan);

  outcome.units_original = UnitsInspected(original);
  outcome.units_after = UnitsInspected(plan);
  if (adj.declared_major)
    outcome.major_reasons.push_back("经认定需要重新报批（R-PLAN-2 第(1)(3)项）");
  if (KeyScope(plan, input) != key_before) {
    outcome.major_reasons.push_back("重点单位检查范围发生变更（R-PLAN-2 第(1)项）");
  }
  if (outcome.units_original > 0 &&
      std::abs(outcome.units_after - outcome.units_original) * 5 > outcome.units_original) {
    outcome.major_reasons.push_back("检查单位数量由 " + std::to_string(outcome.units_original) +
                                    " 家变为 " + std::to_string(outcome.units_after) +
                                    " 家，增减幅度超过原计划的20%（R-PLAN-2 第(2)项）");
  }
  outcome.major = !outcome.major_reasons.empty();
  if (outcome.major) outcome.reapproval_due = CivilDate::FromDays(adj.decided_on.ToDays() + 30);
  return outcome;
}

}  // namespace anjian::planner

#include "domain/inspection/task.hpp"

#include <algorithm>
#include <set>

namespace anjian::domain {

const std::vector<EnumEntry<TaskKind>>& TaskKinds() {
  static const std::vector<EnumEntry<TaskKind>> kTable = {
      {TaskKind::kPlanned, "planned", "计划检查"},
      {TaskKind::kSpecial, "special", "专项检查"},
      {TaskKind::kJoint, "joint", "联合检查"},
      {TaskKind::kCovert, "covert", "暗查暗访"},
      {TaskKind::kComplaint, "complaint", "举报核查"},
      {TaskKind::kReinspection, "reinspection", "复查"},
      {TaskKind::kLeaderLed, "leader_led", "领导带队检查"},
  };
  return kTable;
}

const std::vector<EnumEntry<TaskStatus>>& TaskStatuses() {
  static const std::vector<EnumEntry<TaskStatus>> kTable = {
      {TaskStatus::kScheduled, "scheduled", "待检查"},
      {TaskStatus::kCompleted, "completed", "已完成"},
      {TaskStatus::kCancelled, "cancelled", "已取消"},
  };
  return kTable;
}

const std::vector<EnumEntry<HalfDay>>& HalfDays() {
  static const std::vector<EnumEntry<HalfDay>> kTable = {
      {HalfDay::kUnspecified, "", "不限"},
      {HalfDay::kMorning, "am", "上午"},
      {HalfDay::kAfternoon, "pm", "下午"},
  };
  return kTable;
}

std::string_view Code(TaskKind v) { return FindEntry(TaskKinds(), v).code; }
std::string_view Label(TaskKind v) { return FindEntry(TaskKinds(), v).label; }
std::string_view Code(TaskStatus v) { return FindEntry(TaskStatuses(), v).code; }
std::string_view Label(TaskStatus v) { return FindEntry(TaskStatuses(), v).label; }
std::string_view Code(HalfDay v) { return FindEntry(HalfDays(), v).code; }
std::string_view Label(HalfDay v) { return FindEntry(HalfDays(), v).label; }
Result<TaskKind> ParseTaskKind(std::string_view text) {
  return ParseEnum(TaskKinds(), text, "检查任务类型");
}
Result<TaskStatus> ParseTaskStatus(std::string_view text) {
  return ParseEnum(TaskStatuses(), text, "任务状态");
}
Result<HalfDay> ParseHalfDay(std::string_view text) {
  return ParseEnum(HalfDays(), text, "上午/下午");
}

std::vector<FieldError> ValidateTeam(const std::vector<Inspector>& team, const Unit& unit,
                                     CivilDate day) {
  std::vector<FieldError> errors;
  if (team.size() < 2) {
    errors.push_back({"team", "执法检查须两名以上持有效执法证的人员（当前 " +
                                  std::to_string(team.size()) + " 名）"});
  }
  std::set<std::int64_t> seen;
  for (std::size_t i = 0; i < team.size(); ++i) {
    const Inspector& p = team[i];
    const std::string field = "team[" + std::to_string(i) + "]";
    if (!seen.insert(p.id.value).second) {
      errors.push_back({field, p.name + " 重复"});
      continue;
    }
    if (!p.active) errors.push_back({field, p.name + " 已停用"});
    if (p.role == InspectorRole::kCommunitySafetyOfficer || p.role == InspectorRole::kGridMember) {
      errors.push_back(
          {field, p.name + "（" + std::string(Label(p.role)) + "）不得从事行政执法检查"});
    } else if (!HasValidCertificate(p, day)) {
      errors.push_back({field, p.name + " 在 " + day.ToString() + " 无有效执法证"});
    }
    if (std::find(p.recusal_codes.begin(), p.recusal_codes.end(), unit.credit_code) !=
        p.recusal_codes.end()) {
      errors.push_back({field, p.name + " 须回避该单位"});
    }
  }
  return errors;
}

}  // namespace anjian::domain

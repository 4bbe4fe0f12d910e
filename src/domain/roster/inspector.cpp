#include "domain/roster/inspector.hpp"

#include <algorithm>
#include <set>

#include "common/text.hpp"
#include "domain/registry/credit_code.hpp"

namespace anjian::domain {

const std::vector<EnumEntry<InspectorRole>>& InspectorRoles() {
  using R = InspectorRole;
  static const std::vector<EnumEntry<InspectorRole>> kTable = {
      {R::kPrincipal, "principal", "主要负责人", {}},
      {R::kSafetyLeader, "safety_leader", "分管安全领导", {"分管安全生产领导"}},
      {R::kFieldLeader, "field_leader", "分管领导", {}},
      {R::kCommunityLeader, "community_leader", "分包社区领导", {}},
      {R::kEnforcementOfficer, "enforcement_officer", "执法人员", {"执法检查人员"}},
      {R::kCommunitySafetyOfficer, "community_safety_officer", "社区安全员", {"安全员"}},
      {R::kGridMember, "grid_member", "网格员", {}},
  };
  return kTable;
}

std::string_view Code(InspectorRole role) {
  for (const auto& e : InspectorRoles()) {
    if (e.value == role) return e.code;
  }
  return "";
}

std::string_view Label(InspectorRole role) {
  for (const auto& e : InspectorRoles()) {
    if (e.value == role) return e.label;
  }
  return "";
}

Result<InspectorRole> ParseInspectorRole(std::string_view text) {
  const auto t = Trim(text);
  for (const auto& e : InspectorRoles()) {
    if (t == e.label || t == e.code) return e.value;
    for (auto alias : e.aliases) {
      if (t == alias) return e.value;
    }
  }
  std::string allowed;
  for (const auto& e : InspectorRoles()) {
    if (!allowed.empty()) allowed += "、";
    allowed += e.label;
  }
  if (t.empty()) return Error::InvalidArgument("角色不能为空");
  return Error::InvalidArgument("角色“" + std::string(t) + "”不在可选值中（" + allowed + "）");
}

bool IsLeaderRole(InspectorRole role) {
  return role == InspectorRole::kPrincipal || role == InspectorRole::kSafetyLeader ||
         role == InspectorRole::kFieldLeader || role == InspectorRole::kCommunityLeader;
}

bool HasValidCertificate(const Inspector& inspector, CivilDate date) {
  return !Trim(inspector.certificate_no).empty() && inspector.certificate_valid_until.has_value() &&
         date <= *inspector.certificate_valid_until;
}

bool MayPerformEnforcement(const Inspector& inspector, CivilDate date) {
  if (!inspector.active) return false;
  if (inspector.role == InspectorRole::kGridMember ||
      inspector.role == InspectorRole::kCommunitySafetyOfficer) {
    return false;
  }
  return HasValidCertificate(inspector, date);
}

std::vector<FieldError> ValidateInspector(const Inspector& inspector) {
  std::vector<FieldError> errors;
  const auto name = Trim(inspector.name);
  if (name.empty())
    errors.push_back({"name", "姓名不能为空"});
  else if (Utf8Length(name) > 30)
    errors.push_back({"name", "姓名过长（最多30个字）"});
  const auto employee_no = Trim(inspector.employee_no);
  if (employee_no.empty())
    errors.push_back({"employee_no", "工号不能为空"});
  else if (employee_no.size() > 32)
    errors.push_back({"employee_no", "工号过长（最多32个字符）"});
  if (Utf8Length(inspector.department) > 50) {
    errors.push_back({"department", "所属部门过长（最多50个字）"});
  }
  const bool has_number = !Trim(inspector.certificate_no).empty();
  if (has_number && !inspector.certificate_valid_until) {
    errors.push_back({"certificate_valid_until", "填写了执法证号时须填写有效期"});
  }
  if (!has_number && inspector.certificate_valid_until) {
    errors.push_back({"certificate_no", "填写了执法证有效期时须填写执法证号"});
  }
  if (has_number && inspector.role == InspectorRole::kGridMember) {
    errors.push_back(
        {"certificate_no", "网格员不从事行政执法检查，不应登记执法证（国办发〔2024〕54号）"});
  }
  if (inspector.leave_days < 0 || inspector.leave_days > 366) {
    errors.push_back({"leave_days", "请假天数应为 0 到 366 之间的整数"});
  }
  std::set<std::string> seen;
  for (const auto& code : inspector.recusal_codes) {
    auto parsed = CreditCode::ParseAllowingBadCheck(code);
    if (!parsed.ok()) {
      errors.push_back({"recusal_codes", "回避单位“" + code + "”：" + parsed.error().message});
    } else if (!seen.insert(parsed->str()).second) {
      errors.push_back({"recusal_codes", "回避单位“" + code + "”重复"});
    }
  }
  return errors;
}

}  // namespace anjian::domain

#include "domain/hazard/hazard.hpp"

#include <algorithm>

namespace anjian::domain {
namespace {

bool Any(UserRole role, std::initializer_list<UserRole> roles) {
  return std::find(roles.begin(), roles.end(), role) != roles.end();
}

bool MajorOnly(HazardAction a) {
  return a == HazardAction::kListSupervision || a == HazardAction::kReportSuperior ||
         a == HazardAction::kSign || a == HazardAction::kAccept;
}

// Who may perform an action at all (signatures are checked per signature).
bool RoleMay(const Hazard& h, HazardAction a, UserRole role) {
  using R = UserRole;
  switch (a) {
    case HazardAction::kIssueOrder:
    case HazardAction::kReviewPass:
    case HazardAction::kReviewFail:
      return Any(role, {R::kInspector, R::kAdmin});
    case HazardAction::kSubmitRectification:
      return Any(role, {R::kEnterprise, R::kAdmin});
    case HazardAction::kClose:
      return h.grade == HazardGrade::kMajor ? Any(role, {R::kLeader, R::kAdmin})
                                            : Any(role, {R::kInspector, R::kLeader, R::kAdmin});
    case HazardAction::kArchive:
    case HazardAction::kReportSuperior:
    case HazardAction::kAccept:
      return Any(role, {R::kInspector, R::kLeader, R::kAdmin});
    case HazardAction::kListSupervision:
      return Any(role, {R::kLeader, R::kAdmin});
    case HazardAction::kSign:
      return Any(role, {R::kEnterprise, R::kInspector, R::kLeader});
  }
  return false;
}

bool StateAllows(const Hazard& h, HazardAction a) {
  using S = HazardState;
  if (MajorOnly(a) && h.grade != HazardGrade::kMajor) return false;
  switch (a) {
    case HazardAction::kIssueOrder:
      return h.state == S::kRegistered;
    case HazardAction::kSubmitRectification:
      return h.state == S::kRectifying;
    case HazardAction::kReviewPass:
    case HazardAction::kReviewFail:
      return h.state == S::kSubmitted;
    case HazardAction::kClose:
      return h.state == S::kReviewPassed;
    case HazardAction::kArchive:
      return h.state == S::kClosed;
    case HazardAction::kListSupervision:
    case HazardAction::kReportSuperior:
      return h.state != S::kClosed && h.state != S::kArchived;
    case HazardAction::kSign:
      return h.state == S::kSubmitted || h.state == S::kReviewPassed;
    case HazardAction::kAccept:
      return h.state == S::kReviewPassed;
  }
  return false;
}

UserRole SignerRole(HazardSignature s) {
  switch (s) {
    case HazardSignature::kEnterprisePrincipal:
      return UserRole::kEnterprise;
    case HazardSignature::kRegulatorReviewer:
      return UserRole::kInspector;
    case HazardSignature::kRegulatorLeader:
      return UserRole::kLeader;
  }
  return UserRole::kViewer;
}

HazardState Next(HazardState from, HazardAction a) {
  switch (a) {
    case HazardAction::kIssueOrder:
      return HazardState::kRectifying;
    case HazardAction::kSubmitRectification:
      return HazardState::kSubmitted;
    case HazardAction::kReviewPass:
      return HazardState::kReviewPassed;
    case HazardAction::kReviewFail:
      return HazardState::kRectifying;
    case HazardAction::kClose:
      return HazardState::kClosed;
    case HazardAction::kArchive:
      return HazardState::kArchived;
    default:
      return from;
  }
}

}  // namespace

const std::vector<EnumEntry<HazardState>>& HazardStates() {
  static const std::vector<EnumEntry<HazardState>> kTable = {
      {HazardState::kRegistered, "registered", "登记", {}},
      {HazardState::kRectifying, "rectifying", "整改中", {}},
      {HazardState::kSubmitted, "submitted", "企业已提交整改", {}},
      {HazardState::kReviewPassed, "review_passed", "复查通过", {}},
      {HazardState::kClosed, "closed", "销号", {}},
      {HazardState::kArchived, "archived", "归档", {}},
  };
  return kTable;
}

const std::vector<EnumEntry<HazardGrade>>& HazardGrades() {
  static const std::vector<EnumEntry<HazardGrade>> kTable = {
      {HazardGrade::kGeneral, "general", "一般隐患", {"一般"}},
      {HazardGrade::kMajor, "major", "重大隐患", {"重大"}},
  };
  return kTable;
}

// R-MAJ-3: the three signatures on a major hazard's rectification.
const std::vector<EnumEntry<HazardSignature>>& HazardSignatures() {
  static const std::vector<EnumEntry<HazardSignature>> kTable = {
      {HazardSignature::kEnterprisePrincipal, "enterprise_principal", "企业主要负责人", {}},
      {HazardSignature::kRegulatorReviewer, "regulator_reviewer", "监管部门复核人", {}},
      {HazardSignature::kRegulatorLeader, "regulator_leader", "监管部门负责人", {}},
  };
  return kTable;
}

const std::vector<EnumEntry<HazardAction>>& HazardActions() {
  static const std::vector<EnumEntry<HazardAction>> kTable = {
      {HazardAction::kIssueOrder, "issue_order", "下达整改指令", {}},
      {HazardAction::kSubmitRectification, "submit_rectification", "提交整改", {}},
      {HazardAction::kReviewPass, "review_pass", "复查通过", {}},
      {HazardAction::kReviewFail, "review_fail", "复查不通过", {}},
      {HazardAction::kClose, "close", "销号", {}},
      {HazardAction::kArchive, "archive", "归档", {}},
      {HazardAction::kListSupervision, "list_supervision", "挂牌督办", {}},
      {HazardAction::kReportSuperior, "report_superior", "上报上级", {}},
      {HazardAction::kSign, "sign", "签字", {}},
      {HazardAction::kAccept, "accept", "验收合格", {}},
  };
  return kTable;
}

std::string_view Code(HazardState v) { return FindEntry(HazardStates(), v).code; }
std::string_view Label(HazardState v) { return FindEntry(HazardStates(), v).label; }
std::string_view Code(HazardAction v) { return FindEntry(HazardActions(), v).code; }
std::string_view Label(HazardAction v) { return FindEntry(HazardActions(), v).label; }
std::string_view Code(HazardGrade v) { return FindEntry(HazardGrades(), v).code; }
std::string_view Label(HazardGrade v) { return FindEntry(HazardGrades(), v).label; }
std::string_view Code(HazardSignature v) { return FindEntry(HazardSignatures(), v).code; }
std::string_view Label(HazardSignature v) { return FindEntry(HazardSignatures(), v).label; }
Result<HazardAction> ParseHazardAction(std::string_view text) {
  return ParseEnum(HazardActions(), text, "隐患操作");
}
Result<HazardGrade> ParseHazardGrade(std::string_view text) {
  return ParseEnum(HazardGrades(), text, "隐患等级");
}
Result<HazardState> ParseHazardState(std::string_view text) {
  return ParseEnum(HazardStates(), text, "隐患状态");
}
Result<HazardSignature> ParseHazardSignature(std::string_view text) {
  return ParseEnum(HazardSignatures(), text, "签字身份");
}

std::vector<HazardAction> AllowedHazardActions(const Hazard& hazard, UserRole role) {
  std::vector<HazardAction> allowed;
  for (const auto& e : HazardActions()) {
    if (!StateAllows(hazard, e.value) || !RoleMay(hazard, e.value, role)) continue;
    if (e.value == HazardAction::kSign) {
      bool open = false;
      for (auto s : {HazardSignature::kEnterprisePrincipal, HazardSignature::kRegulatorReviewer,
                     HazardSignature::kRegulatorLeader}) {
        open = open || (SignerRole(s) == role && !hazard.signatures.count(s));
      }
      if (!open) continue;
    }
    allowed.push_back(e.value);
  }
  return allowed;
}

Result<Hazard> ApplyHazardCommand(const Hazard& hazard, const HazardCommand& c, CivilDate today) {
  const std::string action(Label(c.action));
  if (!RoleMay(hazard, c.action, c.role)) {
    return Error::PermissionDenied("当前角色（" + std::string(Label(c.role)) + "）无权执行“" +
                                   action + "”");
  }
  if (!StateAllows(hazard, c.action)) {
    std::string allowed;
    for (const auto& e : HazardActions()) {
      if (StateAllows(hazard, e.value))
        allowed += (allowed.empty() ? "" : "、") + std::string(e.label);
    }
    const std::string grade = hazard.grade == HazardGrade::kMajor ? "重大隐患" : "一般隐患";
    return Error::Conflict(
        grade + "当前状态为“" + std::string(Label(hazard.state)) + "”，不能“" + action + "”" +
        (allowed.empty() ? "（已归档，不可再操作）" : "；当前可执行：" + allowed));
  }
  Hazard next = hazard;
  switch (c.action) {
    case HazardAction::kIssueOrder:
    case HazardAction::kReviewFail:
      if (!c.deadline) return Error::InvalidArgument("请填写整改期限", "deadline");
      if (*c.deadline < today) return Error::InvalidArgument("整改期限不能早于今天", "deadline");
      next.deadline = c.deadline;
      if (c.action == HazardAction::kReviewFail) ++next.review_round;
      break;
    case HazardAction::kListSupervision:
      if (c.supervision_level.empty() || c.supervising_leader.empty()) {
        return Error::InvalidArgument("挂牌督办须填写督办级别和督办领导", "supervision_level");
      }
      next.supervision_level = c.supervision_level;
      next.supervising_leader = c.supervising_leader;
      break;
    case HazardAction::kReportSuperior:
      next.reported_to_superior = true;
      break;
    case HazardAction::kSign: {
      if (!c.signature) return Error::InvalidArgument("请指明签字身份", "signature");
      if (SignerRole(*c.signature) != c.role) {
        return Error::PermissionDenied("“" + std::string(Label(*c.signature)) +
                                       "”须由本人账号签字");
      }
      if (hazard.signatures.count(*c.signature)) {
        return Error::Conflict("“" + std::string(Label(*c.signature)) + "”已签字");
      }
      next.signatures.insert(*c.signature);
      break;
    }
    case HazardAction::kAccept:
      next.accepted = true;
      break;
    case HazardAction::kClose:
      if (hazard.grade == HazardGrade::kMajor) {
        std::vector<std::string> missing;
        if (hazard.supervision_level.empty()) missing.push_back("挂牌督办");
        if (!hazard.reported_to_superior) missing.push_back("上报上级");
        for (auto s : {HazardSignature::kEnterprisePrincipal, HazardSignature::kRegulatorReviewer,
                       HazardSignature::kRegulatorLeader}) {
          if (!hazard.signatures.count(s)) missing.push_back(std::string(Label(s)) + "签字");
        }
        if (!hazard.accepted) missing.push_back("验收合格");
        if (!missing.empty()) {
          std::string list;
          for (const auto& m : missing) list += (list.empty() ? "" : "、") + m;
          return Error::Unprocessable("重大隐患销号前还缺：" + list);
        }
      }
      break;
    default:
      break;
  }
  next.state = Next(hazard.state, c.action);
  next.log.push_back({c.action, hazard.state, next.state, c.actor, c.at, c.note});
  return next;
}

bool IsOverdue(const Hazard& hazard, CivilDate today) {
  return hazard.state == HazardState::kRectifying && hazard.deadline && *hazard.deadline < today;
}

bool IsDueWithin(const Hazard& hazard, CivilDate today, int days) {
  return hazard.state == HazardState::kRectifying && hazard.deadline &&
         !(*hazard.deadline < today) && hazard.deadline->ToDays() - today.ToDays() <= days;
}

}  // namespace anjian::domain

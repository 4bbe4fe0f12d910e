#include "domain/inspection/record.hpp"

#include <array>
#include <cstdio>
#include <map>
#include <set>

#include "common/text.hpp"

namespace anjian::domain {
namespace {

int TwoDigits(std::string_view s, std::size_t at) {
  if (at + 2 > s.size() || s[at] < '0' || s[at] > '9' || s[at + 1] < '0' || s[at + 1] > '9')
    return -1;
  return (s[at] - '0') * 10 + (s[at + 1] - '0');
}

void CheckText(std::vector<FieldError>& errors, const std::string& field, const std::string& text,
               const char* what, std::size_t max_chars, bool required) {
  if (required && Trim(text).empty()) {
    errors.push_back({field, std::string("请填写") + what});
  } else if (Utf8Length(text) > max_chars) {
    errors.push_back({field, std::string(what) + "不得超过 " + std::to_string(max_chars) + " 字"});
  }
}

}  // namespace

Result<LocalDateTime> LocalDateTime::Parse(std::string_view text) {
  const auto bad = [&] {
    return Error::InvalidArgument("时间格式应为 YYYY-MM-DDTHH:MM：" + std::string(text));
  };
  if (text.size() != 16 || (text[10] != 'T' && text[10] != ' ') || text[13] != ':') return bad();
  auto date = CivilDate::Parse(text.substr(0, 10));
  if (!date.ok() || text[4] != '-') return bad();
  const int hour = TwoDigits(text, 11);
  const int minute = TwoDigits(text, 14);
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59) return bad();
  return LocalDateTime{*date, hour * 60 + minute};
}

std::string LocalDateTime::ToString() const {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "T%02d:%02d", minute_of_day / 60, minute_of_day % 60);
  return date.ToString() + buffer;
}

std::string LocalDateTime::ToFormText() const {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%d年%d月%d日%02d时%02d分", date.year(), date.month(),
                date.day(), minute_of_day / 60, minute_of_day % 60);
  return buffer;
}

const std::vector<EnumEntry<FindingMeasure>>& FindingMeasures() {
  static const std::vector<EnumEntry<FindingMeasure>> kTable = {
      {FindingMeasure::kImmediate, "immediate", "立即整改"},
      {FindingMeasure::kRectify, "rectify", "限期整改"},
      {FindingMeasure::kOnSite, "on_site", "现场处理措施"},
  };
  return kTable;
}

const std::vector<EnumEntry<PenaltyKind>>& PenaltyKinds() {
  static const std::vector<EnumEntry<PenaltyKind>> kTable = {
      {PenaltyKind::kWarning, "warning", "警告"},
      {PenaltyKind::kOrderCorrect, "order_correct", "责令改正"},
      {PenaltyKind::kFine, "fine", "罚款"},
      {PenaltyKind::kSuspend, "suspend", "责令停产停业整顿"},
  };
  return kTable;
}

const std::vector<EnumEntry<SignatureAuthMethod>>& SignatureAuthMethods() {
  static const std::vector<EnumEntry<SignatureAuthMethod>> kTable = {
      {SignatureAuthMethod::kSession, "session", "本人账号签字"},
      {SignatureAuthMethod::kPassword, "password", "本设备密码验证"},
      {SignatureAuthMethod::kTotp, "totp", "本设备一次性验证码验证"},
      {SignatureAuthMethod::kPasswordAndTotp, "password_totp", "本设备密码和验证码验证"},
  };
  return kTable;
}

std::string_view Code(SignatureAuthMethod v) { return FindEntry(SignatureAuthMethods(), v).code; }
std::string_view Label(SignatureAuthMethod v) { return FindEntry(SignatureAuthMethods(), v).label; }

std::string_view Code(FindingMeasure v) { return FindEntry(FindingMeasures(), v).code; }
std::string_view Label(FindingMeasure v) { return FindEntry(FindingMeasures(), v).label; }
std::string_view Code(PenaltyKind v) { return FindEntry(PenaltyKinds(), v).code; }
std::string_view Label(PenaltyKind v) { return FindEntry(PenaltyKinds(), v).label; }

std::vector<FieldError> ValidateRecord(const InspectionRecord& record, const Checklist& checklist,
                                       const std::vector<std::int64_t>& team, CivilDate task_day,
                                       LocalDateTime now) {
  std::vector<FieldError> errors;
  // Times: an inspection on the task's day (a late one may end after midnight), never ahead of now.
  if (record.ended_at.Minutes() <= record.started_at.Minutes()) {
    errors.push_back({"ended_at", "结束时间应晚于开始时间"});
  }
  if (record.ended_at.Minutes() - record.started_at.Minutes() > 24 * 60) {
    errors.push_back({"ended_at", "一次现场检查不超过 24 小时"});
  }
  if (record.started_at.date != task_day) {
    errors.push_back({"started_at", "检查开始日期应为任务日期 " + task_day.ToString()});
  }
  if (record.ended_at.Minutes() > now.Minutes() + 10)
    errors.push_back({"ended_at", "结束时间不能晚于当前时间"});
  CheckText(errors, "place", record.place, "检查场所", 200, true);
  CheckText(errors, "purpose", record.purpose, "事由和目的", 500, true);
  CheckText(errors, "handling", record.handling, "处理情况", 2000, false);
  CheckText(errors, "on_site_person.name", record.on_site_person.name, "现场负责人姓名", 50, true);
  CheckText(errors, "on_site_person.post", record.on_site_person.post, "现场负责人职务", 50, false);
  CheckText(errors, "on_site_person.phone", record.on_site_person.phone, "现场负责人电话", 30,
            false);

  // Checklist answers: every item exactly once.
  std::map<std::string, ItemResult> answered;
  for (std::size_t i = 0; i < record.answers.size(); ++i) {
    const auto& a = record.answers[i];
    const std::string field = "results[" + std::to_string(i) + "]";
    const ChecklistItem* item = FindItem(checklist, a.code);
    if (item == nullptr) {
      errors.push_back({field + ".code", "检查表中没有此项：" + a.code});
      continue;
    }
    if (!answered.emplace(a.code, a.result).second) {
      errors.push_back({field + ".code", a.code + " 重复填写"});
      continue;
    }
    if (item->mandatory && a.result == ItemResult::kNotApplicable) {
      errors.push_back({field + ".result", a.code + " 为必查项，不能选“不适用”"});
    }
    if (a.result == ItemResult::kNonConform && Trim(a.note).empty()) {
      errors.push_back({field + ".note", a.code + " 不符合，请说明情况"});
    }
    CheckText(errors, field + ".note", a.note, "说明", 500, false);
    if (a.photos.size() > 20) errors.push_back({field + ".photos", a.code + " 照片不超过 20 张"});
  }
  for (const auto& item : checklist.items) {
    if (!answered.contains(item.code))
      errors.push_back({"results", item.code + " " + item.text + "：未填写检查结果"});
  }

  // Findings and the measures they decide.
  std::set<std::string> covered;
  for (std::size_t i = 0; i < record.findings.size(); ++i) {
    const auto& f = record.findings[i];
    const std::string field = "findings[" + std::to_string(i) + "]";
    if (!f.item_code.empty()) {
      if (FindItem(checklist, f.item_code) == nullptr) {
        errors.push_back({field + ".item_code", "检查表中没有此项：" + f.item_code});
      }
      covered.insert(f.item_code);
    }
    CheckText(errors, field + ".description", f.description, "问题描述", 1000, true);
    CheckText(errors, field + ".legal_basis", f.legal_basis, "问题的法律依据", 300, true);
    // Rectification needs a deadline; on-site measures may carry one (when the measure lasts until
    // rectified); immediate correction has none (the hazard is re-checked the next working day).
    if (f.measure == FindingMeasure::kRectify && !f.deadline) {
      errors.push_back({field + ".deadline", "限期整改须写明整改期限"});
    } else if (f.measure == FindingMeasure::kImmediate && f.deadline) {
      errors.push_back({field + ".deadline", "立即整改无需整改期限"});
    } else if (f.deadline && *f.deadline <= record.started_at.date) {
      errors.push_back({field + ".deadline", "整改期限应晚于检查日期"});
    } else if (f.deadline && f.deadline->ToDays() - record.started_at.date.ToDays() > 366) {
      errors.push_back({field + ".deadline", "整改期限不超过一年"});
    }
    if (f.measure == FindingMeasure::kOnSite) {
      CheckText(errors, field + ".on_site_decision", f.on_site_decision, "现场处理措施决定", 1000,
                true);
    }
    if (f.photos.size() > 20) errors.push_back({field + ".photos", "照片不超过 20 张"});
  }
  for (const auto& [code, result] : answered) {
    if (result == ItemResult::kNonConform && !covered.contains(code)) {
      errors.push_back({"findings", code + " 不符合，须列明问题及处理措施"});
    }
  }
  if (record.findings.size() > 200) errors.push_back({"findings", "问题不超过 200 条"});

  for (std::size_t i = 0; i < record.penalties.size(); ++i) {
    const auto& p = record.penalties[i];
    const std::string field = "penalties[" + std::to_string(i) + "]";
    CheckText(errors, field + ".legal_basis", p.legal_basis, "处罚依据（法律条款）", 300, true);
    CheckText(errors, field + ".facts", p.facts, "违法事实", 2000, true);
    if (p.kind == PenaltyKind::kFine) {
      if (p.amount_yuan < 1 || p.amount_yuan > 100'000'000) {
        errors.push_back({field + ".amount_yuan", "罚款金额应为 1 至 100,000,000 元"});
      }
    } else if (p.amount_yuan != 0) {
      errors.push_back({field + ".amount_yuan", "只有罚款才有金额"});
    }
  }

  // Signatures: every team member once and nobody else (R-PROC-4); the on-site person or the
  // refusal with a witness (R-PROC-5).
  std::set<std::int64_t> signed_by;
  for (std::size_t i = 0; i < record.inspector_signatures.size(); ++i) {
    const auto& s = record.inspector_signatures[i];
    const std::string field = "signatures.inspectors[" + std::to_string(i) + "]";
    if (std::find(team.begin(), team.end(), s.inspector_id) == team.end()) {
      errors.push_back({field, "签字人不是本次检查组成员"});
    } else if (!signed_by.insert(s.inspector_id).second) {
      errors.push_back({field, "同一检查人员重复签字"});
    }
    if (s.signature.empty()) errors.push_back({field, "缺少签字图像"});
  }
  if (signed_by.size() < team.size()) {
    errors.push_back({"signatures.inspectors", "检查组全部成员须签字（已签 " +
                                                   std::to_string(signed_by.size()) + "/" +
                                                   std::to_string(team.size()) + "）"});
  }
  if (record.refusal) {
    if (!record.on_site_signature.empty()) {
      errors.push_back({"signatures.refusal", "已签字的记录不能同时记录拒签"});
    }
    CheckText(errors, "signatures.refusal.reason", record.refusal->reason, "拒签情况", 500, true);
    CheckText(errors, "signatures.refusal.witness_name", record.refusal->witness_name, "见证人姓名",
              50, true);
    if (record.refusal->witness_signature.empty()) {
      errors.push_back({"signatures.refusal.witness_png", "被检查单位拒签时须有见证人签字"});
    }
  } else if (record.on_site_signature.empty()) {
    errors.push_back(
        {"signatures.on_site_person", "被检查单位现场负责人须签字，拒签须记录并由见证人签字"});
  }
  return errors;
}

std::string ChineseCapitalYuan(std::int64_t yuan) {
  static const std::array<const char*, 10> kDigits = {"零", "壹", "贰", "叁", "肆",
                                                      "伍", "陆", "柒", "捌", "玖"};
  static const std::array<const char*, 4> kSmall = {"", "拾", "佰", "仟"};
  static const std::array<const char*, 3> kLarge = {"", "万", "亿"};
  if (yuan <= 0) return "人民币零元整";
  if (yuan >= 1'000'000'000'000) return "人民币" + std::to_string(yuan) + "元";
  std::string out;
  // Groups of four digits from the top; zeros inside collapse to one 零.
  std::vector<int> groups;
  for (std::int64_t v = yuan; v > 0; v /= 10000) groups.push_back(static_cast<int>(v % 10000));
  bool pending_zero = false;
  for (int g = static_cast<int>(groups.size()) - 1; g >= 0; --g) {
    const int group = groups[g];
    if (group == 0) {
      pending_zero = !out.empty();
      continue;
    }
    const int digits[4] = {group / 1000, group / 100 % 10, group / 10 % 10, group % 10};
    bool started = false;
    for (int d = 0; d < 4; ++d) {
      if (digits[d] == 0) {
        if (started || !out.empty()) pending_zero = true;
        continue;
      }
      if (pending_zero && !out.empty()) out += "零";
      pending_zero = false;
      out += kDigits[digits[d]];
      out += kSmall[3 - d];
      started = true;
    }
    out += kLarge[static_cast<std::size_t>(g)];  // amounts stay below 10^12
  }
  return "人民币" + out + "元整";
}

}  // namespace anjian::domain

#include "planner/capacity.hpp"

#include <cmath>
#include <cstdio>

namespace anjian::planner {
namespace {

std::string Number(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%g", value);
  return buffer;
}

Result<int> SumItems(const std::vector<WorkdayItem>& items, const char* what) {
  int total = 0;
  for (const auto& item : items) {
    if (item.workdays < 0) {
      return Error::InvalidArgument(std::string(what) + "“" + item.name + "”的工作日不能为负数");
    }
    total += item.workdays;
  }
  return total;
}

std::string Itemised(const std::vector<WorkdayItem>& items) {
  std::string out;
  for (const auto& item : items) {
    out += out.empty() ? "（" : "，";
    out += item.name + " " + std::to_string(item.workdays);
  }
  return out.empty() ? out : out + "）";
}

}  // namespace

Result<CapacityResult> ComputeCapacity(const CapacityInput& in) {
  if (in.statutory_working_days <= 0 || in.statutory_working_days > 366) {
    return Error::InvalidArgument("法定工作日应在 1–366 之间", "statutory_working_days");
  }
  if (in.enforcement_staff <= 0)
    return Error::InvalidArgument("执法人员数须大于 0", "enforcement_staff");
  if (in.team_size < 2) {
    return Error::InvalidArgument("每次检查须两人以上（R-PROC），检查组人数不能少于 2",
                                  "team_size");
  }
  if (in.key_share < 0 || in.key_share > 1)
    return Error::InvalidArgument("重点检查占比应在 0–1 之间", "key_share");
  if (in.onsite_days <= 0 || in.document_days < 0 || in.reinspection_days < 0 || in.case_days < 0) {
    return Error::InvalidArgument("每次检查的现场、文书、复查、案件天数不能为负，现场天数须大于 0",
                                  "onsite_days");
  }
  if (in.override_inspections && *in.override_inspections < 0) {
    return Error::InvalidArgument("检查能力调整值不能为负数", "override_inspections");
  }
  CapacityResult r;
  r.total_workdays = in.statutory_working_days * in.enforcement_staff;
  ANJIAN_ASSIGN_OR_RETURN(r.other_enforcement_workdays,
                          SumItems(in.other_enforcement, "其他执法工作"));
  ANJIAN_ASSIGN_OR_RETURN(r.non_enforcement_workdays, SumItems(in.non_enforcement, "非执法工作"));
  r.inspection_workdays =
      r.total_workdays - r.other_enforcement_workdays - r.non_enforcement_workdays;
  if (r.inspection_workdays <= 0) {
    return Error::InvalidArgument(
        "扣除其他执法工作日和非执法工作日后，没有可用于监督检查的工作日（" +
        std::to_string(r.inspection_workdays) + "）");
  }
  r.key_workdays = static_cast<int>(std::lround(r.inspection_workdays * in.key_share));
  r.general_workdays = r.inspection_workdays - r.key_workdays;
  r.person_days_per_inspection =
      in.team_size * (in.onsite_days + in.document_days + in.reinspection_days + in.case_days);
  // Whole inspections only: a partly resourced inspection is not one the plan can promise.
  r.computed_inspections =
      static_cast<int>(std::floor(r.inspection_workdays / r.person_days_per_inspection + 1e-9));
  r.overridden = in.override_inspections.has_value();
  r.inspections = r.overridden ? *in.override_inspections : r.computed_inspections;

  r.steps.push_back("总法定工作日 = " + std::to_string(in.statutory_working_days) + " × " +
                    std::to_string(in.enforcement_staff) +
                    " 人 = " + std::to_string(r.total_workdays));
  r.steps.push_back("其他执法工作日 = " + std::to_string(r.other_enforcement_workdays) +
                    Itemised(in.other_enforcement));
  r.steps.push_back("非执法工作日 = " + std::to_string(r.non_enforcement_workdays) +
                    Itemised(in.non_enforcement));
  r.steps.push_back("监督检查工作日 = " + std::to_string(r.total_workdays) + " − " +
                    std::to_string(r.other_enforcement_workdays) + " − " +
                    std::to_string(r.non_enforcement_workdays) + " = " +
                    std::to_string(r.inspection_workdays) + "（重点 " +
                    std::to_string(r.key_workdays) + "，一般 " +
                    std::to_string(r.general_workdays) + "）");
  r.steps.push_back("每次检查人日 = " + std::to_string(in.team_size) + " 人 × (" +
                    Number(in.onsite_days) + " + " + Number(in.document_days) + " + " +
                    Number(in.reinspection_days) + " + " + Number(in.case_days) +
                    ") = " + Number(r.person_days_per_inspection));
  r.steps.push_back("可检查家次 = ⌊" + std::to_string(r.inspection_workdays) + " ÷ " +
                    Number(r.person_days_per_inspection) +
                    "⌋ = " + std::to_string(r.computed_inspections));
  if (r.overridden) r.steps.push_back("经调整，计划检查家次 = " + std::to_string(r.inspections));
  return r;
}

}  // namespace anjian::planner

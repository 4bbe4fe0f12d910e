#include "planner/policy.hpp"

#include <set>

namespace anjian::planner {
namespace {

using domain::EnumEntry;

const std::vector<EnumEntry<Period>>& Periods() {
  static const std::vector<EnumEntry<Period>> kTable = {
      {Period::kWeek, "week", "每周", {"周"}},
      {Period::kHalfMonth, "half_month", "每半月", {"半月"}},
      {Period::kMonth, "month", "每月", {"月"}},
      {Period::kQuarter, "quarter", "每季度", {"季度"}},
      {Period::kHalfYear, "half_year", "每半年", {"半年"}},
      {Period::kYear, "year", "每年", {"年"}},
      {Period::kTwoYears, "two_years", "每两年", {"两年"}},
  };
  return kTable;
}

const std::vector<EnumEntry<Executor>>& Executors() {
  static const std::vector<EnumEntry<Executor>> kTable = {
      {Executor::kStreetTeam, "street_team", "执法检查组", {"street"}},
      {Executor::kCommunity, "community", "社区（村）", {}},
      {Executor::kGrid, "grid", "网格", {}},
      {Executor::kEnterprise, "enterprise", "企业自查", {}},
  };
  return kTable;
}

const std::vector<EnumEntry<ItemKind>>& ItemKinds() {
  static const std::vector<EnumEntry<ItemKind>> kTable = {
      {ItemKind::kDeterministic, "deterministic", "确定性检查", {"重点检查"}},
      {ItemKind::kRandom, "random", "随机抽查", {"双随机抽查"}},
      {ItemKind::kCommunityScreening, "community_screening", "社区排查", {}},
      {ItemKind::kLeaderLed, "leader_led", "领导带队检查", {}},
      {ItemKind::kSpecial, "special", "专项检查", {}},
  };
  return kTable;
}

template <typename E>
std::string JoinLabels(const std::vector<E>& values) {
  std::string out;
  for (auto v : values) {
    if (!out.empty()) out += "、";
    out += domain::Label(v);
  }
  return out;
}

void CheckSource(const RuleSource& source, std::set<std::string>& ids,
                 std::vector<std::string>& problems) {
  if (source.id.empty()) {
    problems.push_back("规则缺少编号（id）：" + source.title);
  } else if (!ids.insert(source.id).second) {
    problems.push_back("规则编号重复：" + source.id);
  }
  if (source.title.empty()) problems.push_back("规则 " + source.id + " 缺少名称（title）");
}

}  // namespace

std::string_view Code(Period v) { return domain::FindEntry(Periods(), v).code; }
std::string_view Label(Period v) { return domain::FindEntry(Periods(), v).label; }
std::string_view Code(Executor v) { return domain::FindEntry(Executors(), v).code; }
std::string_view Label(Executor v) { return domain::FindEntry(Executors(), v).label; }
std::string_view Code(ItemKind v) { return domain::FindEntry(ItemKinds(), v).code; }
std::string_view Label(ItemKind v) { return domain::FindEntry(ItemKinds(), v).label; }
Result<Period> ParsePeriod(std::string_view text) {
  return domain::ParseEnum(Periods(), text, "周期");
}
Result<Executor> ParseExecutor(std::string_view text) {
  return domain::ParseEnum(Executors(), text, "实施主体");
}
Result<ItemKind> ParseItemKind(std::string_view text) {
  return domain::ParseEnum(ItemKinds(), text, "检查类型");
}

int PeriodsPerYear(Period period) {
  switch (period) {
    case Period::kWeek:
      return 52;
    case Period::kHalfMonth:
      return 24;
    case Period::kMonth:
      return 12;
    case Period::kQuarter:
      return 4;
    case Period::kHalfYear:
      return 2;
    case Period::kYear:
      return 1;
    case Period::kTwoYears:
      return 1;
  }
  return 1;
}

bool IsEnforcement(ItemKind kind) { return kind != ItemKind::kCommunityScreening; }

std::string UnitSelector::Describe() const {
  std::vector<std::string> parts;
  if (key.has_value()) parts.push_back(*key ? "重点单位" : "非重点单位");
  if (!levels.empty()) parts.push_back(JoinLabels(levels) + "单位");
  if (!risks.empty()) parts.push_back("风险等级" + JoinLabels(risks));
  if (!categories.empty()) parts.push_back(JoinLabels(categories));
  if (accident_last_year.has_value()) {
    parts.push_back(*accident_last_year ? "上年发生生产安全事故" : "上年未发生生产安全事故");
  }
  if (major_hazard_source.has_value()) {
    parts.push_back(*major_hazard_source ? "有重大危险源" : "无重大危险源");
  }
  if (parts.empty()) return "全部单位";
  std::string out;
  for (const auto& p : parts) {
    if (!out.empty()) out += "；";
    out += p;
  }
  return out;
}

std::vector<std::string> ValidatePolicy(const Policy& policy) {
  std::vector<std::string> problems;
  std::set<std::string> ids;
  if (policy.name.empty()) problems.push_back("策略缺少名称（name）");
  for (const auto& rule : policy.frequency_rules) {
    CheckSource(rule.source, ids, problems);
    if (rule.count < 1) problems.push_back("规则 " + rule.source.id + " 的次数必须至少为 1");
  }
  for (const auto& draw : policy.random_draws) {
    CheckSource(draw.source, ids, problems);
    if (!(draw.ratio >= 0.0 && draw.ratio <= 1.0)) {
      problems.push_back("规则 " + draw.source.id + " 的抽查比例必须在 0 到 1 之间");
    }
    if (draw.min_count < 0) problems.push_back("规则 " + draw.source.id + " 的最少抽取数不能为负");
    if (draw.exclude_inspected_within_months < 0) {
      problems.push_back("规则 " + draw.source.id + " 的排除月数不能为负");
    }
  }
  for (const auto& campaign : policy.special_campaigns) {
    CheckSource(campaign.source, ids, problems);
    if (campaign.holidays.empty() && campaign.months.empty()) {
      problems.push_back("专项检查 " + campaign.source.id + " 既没有节日也没有月份");
    }
    for (int m : campaign.months) {
      if (m < 1 || m > 12)
        problems.push_back("专项检查 " + campaign.source.id + " 的月份必须在 1–12 之间");
    }
    if (campaign.units_per_campaign < 1) {
      problems.push_back("专项检查 " + campaign.source.id + " 每次检查单位数必须至少为 1");
    }
    if (campaign.working_days_before < 1) {
      problems.push_back("专项检查 " + campaign.source.id + " 的节前工作日数必须至少为 1");
    }
  }
  for (int m : policy.key_periods.months) {
    if (m < 1 || m > 12) problems.push_back("重点时段的月份必须在 1–12 之间");
  }
  if (!(policy.key_periods.month_weight > 0) || !(policy.key_periods.holiday_weight > 0)) {
    problems.push_back("重点时段的权重必须大于 0");
  }
  if (policy.key_periods.days_before_holidays < 0) problems.push_back("节前重点工作日数不能为负");
  for (const auto& quota : policy.leader_quotas) {
    CheckSource(quota.source, ids, problems);
    if (quota.count < 1) problems.push_back("规则 " + quota.source.id + " 的次数必须至少为 1");
    if (quota.roles.empty()) problems.push_back("规则 " + quota.source.id + " 没有指定领导角色");
    for (auto role : quota.roles) {
      if (!domain::IsLeaderRole(role)) {
        problems.push_back("规则 " + quota.source.id + " 的角色“" +
                           std::string(domain::Label(role)) + "”不是领导角色");
      }
    }
  }
  const auto& team = policy.team;
  if (team.size < 2) problems.push_back("检查组人数必须至少为 2 人（每次检查两人以上）");
  if (team.slots_per_day < 1 || team.slots_per_day > 4)
    problems.push_back("每日时段数必须在 1–4 之间");
  if (team.max_items_per_inspector_per_day < 1) problems.push_back("每人每日检查上限必须至少为 1");
  if (team.community_daily_cap < 1) problems.push_back("社区每日排查上限必须至少为 1");
  if (team.annual_cap_per_unit < 0) problems.push_back("单位年度检查上限不能为负");
  const auto& cap = policy.capacity;
  if (!(cap.key_share >= 0.0 && cap.key_share <= 1.0))
    problems.push_back("重点检查工作日占比必须在 0 到 1 之间");
  if (cap.onsite_days <= 0) problems.push_back("每次现场检查天数必须大于 0");
  if (cap.document_days < 0 || cap.reinspection_days < 0 || cap.case_days < 0) {
    problems.push_back("文书、复查、案件天数不能为负");
  }
  for (const auto& item : cap.other_enforcement) {
    if (item.workdays < 0) problems.push_back("其他执法工作日“" + item.name + "”不能为负");
  }
  for (const auto& item : cap.non_enforcement) {
    if (item.workdays < 0) problems.push_back("非执法工作日“" + item.name + "”不能为负");
  }
  return problems;
}

}  // namespace anjian::planner

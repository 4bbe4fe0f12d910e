// Builders of plan-compiler inputs for the planner tests (no test cases): the shipped working
// calendar, a small hand-built street policy, hand-made units and inspectors, and random
// registries and rosters. A random scenario is drawn through a `pick(lo, hi)` function, so the
// same code serves rapidcheck generators (shrinkable picks) and seeded plain tests (SeededRng).
#pragma once

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "common/civil_date.hpp"
#include "common/clock.hpp"
#include "domain/registry/unit.hpp"
#include "domain/roster/inspector.hpp"
#include "planner/plan.hpp"
#include "planner/policy.hpp"
#include "planner/working_calendar.hpp"

namespace anjian::planner::plan_fixture {

using domain::InspectorRole;
using domain::RiskColour;
using domain::SupervisionCategory;
using domain::SupervisionLevel;
using domain::UnitStatus;

inline constexpr const char* kStreetPath = "/1/2/";

inline CivilDate D(int y, int m, int d) {
  auto date = CivilDate::FromYmd(y, m, d);
  return date.ok() ? *date : CivilDate();
}

// The shipped calendar (data/calendar/cn_statutory_holidays.txt); covers 2024–2026.
inline const WorkingCalendar& ShippedCalendar() {
  static const WorkingCalendar calendar = [] {
    std::ifstream in(std::string(ANJIAN_SOURCE_DIR) + "/data/calendar/cn_statutory_holidays.txt");
    std::stringstream text;
    text << in.rdbuf();
    auto parsed = WorkingCalendar::Parse(text.str());
    return parsed.ok() ? *parsed : WorkingCalendar::Parse("").value();
  }();
  return calendar;
}

// "/1/2/1<c>/" for community c (0-based); with a grid g ≥ 0: "/1/2/1<c>/1<c><g>/".
inline std::string CommunityPath(int community) {
  return std::string(kStreetPath) + std::to_string(10 + community) + "/";
}
inline std::string GridPath(int community, int grid) {
  return CommunityPath(community) + std::to_string(100 + community * 10 + grid) + "/";
}
inline std::string CommunityName(int community) {
  return "第" + std::to_string(community + 1) + "社区";
}

// Credit codes sort in index order: "91410100MA" + 8 digits.
inline std::string UnitCode(int index) {
  std::string digits = std::to_string(index);
  return "91410100MA" + std::string(8 - std::min<std::size_t>(8, digits.size()), '0') + digits;
}

// An operating unit in `community` (grid < 0: none), level 3, blue, 商贸, not key.
inline PlanUnit MakePlanUnit(int index, int community = 0, int grid = -1) {
  PlanUnit pu;
  auto& u = pu.unit;
  u.id = UnitId(index + 1);
  u.credit_code = UnitCode(index);
  u.name = "测试单位" + std::to_string(index);
  u.address = "解放路" + std::to_string(index) + "号";
  u.community_id = RegionId(10 + community);
  if (grid >= 0) u.grid_id = RegionId(100 + community * 10 + grid);
  u.categories = {SupervisionCategory::kCommerce};
  u.level = SupervisionLevel::kLevel3;
  u.risk = RiskColour::kBlue;
  u.status = UnitStatus::kOperating;
  pu.region_path = grid >= 0 ? GridPath(community, grid) : CommunityPath(community);
  pu.community_name = CommunityName(community);
  if (grid >= 0) pu.grid_name = "第" + std::to_string(grid + 1) + "网格";
  return pu;
}

// An active inspector; certified until 2030-12-31 unless the role is a community role.
inline PlanInspector MakePlanInspector(const std::string& employee_no,
                                       InspectorRole role = InspectorRole::kEnforcementOfficer,
                                       const std::string& path = kStreetPath) {
  PlanInspector pi;
  auto& i = pi.inspector;
  i.name = "检查员" + employee_no;
  i.employee_no = employee_no;
  i.department = "街道应急办";
  i.role = role;
  if (role != InspectorRole::kGridMember && role != InspectorRole::kCommunitySafetyOfficer) {
    i.certificate_no = "ZF" + employee_no;
    i.certificate_valid_until = D(2030, 12, 31);
  }
  i.active = true;
  pi.jurisdiction_path = path;
  return pi;
}

inline RuleSource Source(const std::string& id, const std::string& title) {
  return {id, title, title};
}

// A street's rules in the manner of data/policies/street-2024.jsonc, small enough to reason
// about by hand:
//   S-KEY   key units twice a year by the street team (mandatory)
//   S-RED   red units once a quarter by the street team (mandatory)
//   S-GEN   non-key units once in two years (coverage target, not mandatory)
//   S-GRID  every unit once a half-year by the community / grid (screening)
//   S-DR    30 % of non-key units drawn, stratified by community, recently inspected excluded
//   S-SF    2 hazardous-chemical / gas units before 春节, 2 in July
//   S-LEAD  principal: 1 a quarter at key units; S-LEAD-C community leaders: 1 a year at home
inline Policy StreetPolicy() {
  Policy p;
  p.name = "test-street";
  p.title = "测试街道年度安全生产监督检查计划";
  p.authority = "测试街道办事处";
  {
    FrequencyRule r;
    r.source = Source("S-KEY", "重点单位年度检查");
    r.selector.key = true;
    r.count = 2;
    r.period = Period::kYear;
    p.frequency_rules.push_back(r);
  }
  {
    FrequencyRule r;
    r.source = Source("S-RED", "红色风险单位季度检查");
    r.selector.risks = {RiskColour::kRed};
    r.count = 1;
    r.period = Period::kQuarter;
    p.frequency_rules.push_back(r);
  }
  {
    FrequencyRule r;
    r.source = Source("S-GEN", "一般单位两年全覆盖");
    r.selector.key = false;
    r.count = 1;
    r.period = Period::kTwoYears;
    r.mandatory = false;
    p.frequency_rules.push_back(r);
  }
  {
    FrequencyRule r;
    r.source = Source("S-GRID", "网格化巡查");
    r.count = 1;
    r.period = Period::kHalfYear;
    r.executor = Executor::kGrid;
    p.frequency_rules.push_back(r);
  }
  {
    RandomDrawRule d;
    d.source = Source("S-DR", "双随机抽查");
    d.pool.key = false;
    d.ratio = 0.3;
    d.exclude_inspected_within_months = 6;
    d.stratify = Stratification::kCommunity;
    p.random_draws.push_back(d);
  }
  {
    SpecialCampaign c;
    c.source = Source("S-SF", "危化品燃气专项检查");
    c.holidays = {"春节"};
    c.months = {7};
    c.working_days_before = 5;
    c.selector.categories = {SupervisionCategory::kHazardousChemicals, SupervisionCategory::kGas};
    c.units_per_campaign = 2;
    p.special_campaigns.push_back(c);
  }
  p.key_periods.source = Source("S-TIME", "重点时段");
  p.key_periods.months = {2, 3, 5, 6, 9, 10, 12};
  p.key_periods.month_weight = 1.5;
  p.key_periods.days_before_holidays = 3;
  p.key_periods.holiday_weight = 2.0;
  {
    LeaderQuota q;
    q.source = Source("S-LEAD", "主要负责人带队检查");
    q.roles = {InspectorRole::kPrincipal};
    q.count = 1;
    q.period = Period::kQuarter;
    q.targets.key = true;
    p.leader_quotas.push_back(q);
  }
  {
    LeaderQuota q;
    q.source = Source("S-LEAD-C", "分包社区领导带队检查");
    q.roles = {InspectorRole::kCommunityLeader};
    q.count = 1;
    q.period = Period::kYear;
    p.leader_quotas.push_back(q);
  }
  p.team.size = 2;
  p.team.slots_per_day = 2;
  p.team.max_items_per_inspector_per_day = 2;
  p.team.community_daily_cap = 20;
  p.team.annual_cap_per_unit = 0;
  p.capacity.non_enforcement = {{"值班、会议、培训", 100}};
  return p;
}

// A policy with one mandatory street-team rule and nothing else (no draws, campaigns, quotas).
inline Policy SingleRulePolicy(const UnitSelector& selector, int count, Period period) {
  Policy p;
  p.name = "single-rule";
  p.title = "单规则测试策略";
  FrequencyRule r;
  r.source = Source("R-ONE", "唯一规则");
  r.selector = selector;
  r.count = count;
  r.period = period;
  p.frequency_rules.push_back(r);
  p.key_periods.month_weight = 1.0;
  p.key_periods.holiday_weight = 1.0;
  return p;
}

// Everything a plan says, as text, so two plans can be compared whole (and a diff shown).
inline std::string PlanText(const Plan& plan) {
  std::ostringstream out;
  out << "year " << plan.year << "\n";
  for (const auto& i : plan.items) {
    out << "item " << i.seq << " " << i.unit_credit_code << " " << Code(i.kind) << " " << i.rule
        << " also=";
    for (const auto& r : i.also_rules) out << r << ",";
    out << " " << i.date.ToString() << "/" << i.slot << " team=";
    for (const auto& m : i.inspectors) out << m << ",";
    out << " leader=" << i.leader << " " << i.community << "/" << i.grid << " " << i.occurrence
        << "/" << i.occurrences << " key=" << i.key_period << " " << i.note << "\n";
  }
  for (const auto& s : plan.shortfall) {
    out << "shortfall " << s.unit_credit_code << " " << s.rule << " " << Code(s.kind) << " "
        << s.planned << "/" << s.required << " " << s.reason << "\n";
  }
  for (const auto& n : plan.not_planned)
    out << "not_planned " << n.unit_credit_code << " " << n.reason << "\n";
  for (const auto& d : plan.draws) {
    out << "draw " << d.rule << " " << d.pool_size << " " << d.eligible << " " << d.required << " "
        << d.drawn << ":";
    for (const auto& c : d.drawn_codes) out << " " << c;
    out << "\n";
  }
  for (const auto& l : plan.loads)
    out << "load " << l.employee_no << " " << l.items << " " << l.leader_items << "\n";
  for (const auto& q : plan.leader_quotas) {
    out << "quota " << q.employee_no << " " << q.rule << " " << q.planned << "/" << q.required
        << "\n";
  }
  for (const auto& w : plan.warnings) out << "warning " << w << "\n";
  return out.str();
}

// --- Random scenarios ------------------------------------------------------------------------

struct ScenarioShape {
  int min_units = 3;
  int max_units = 40;
  int communities = 4;
  // Every officer is street-level, certified all year, never recused, always active; no
  // community-level officers and no leaders (the load-balance property).
  bool balanced = false;
  bool random_policy = true;   // vary team size, caps and daily limits
  bool allow_override = true;  // sometimes a small capacity override (scarcity)
  int annual_cap = -1;         // ≥ 0: this R-FREQ-13 cap instead of a random one
  int min_officer_teams = 0;   // at least this many full teams of street officers
};

// `pick(lo, hi)` returns an int in [lo, hi). Everything in the scenario is drawn through it.
template <typename Pick>
PlanInput RandomInput(Pick&& pick, const ScenarioShape& shape = {}) {
  PlanInput in;
  in.year = pick(0, 2) == 0 ? 2026 : 2025;
  in.policy = StreetPolicy();
  auto& team = in.policy.team;
  if (shape.random_policy) {
    team.size = pick(2, 4);
    team.max_items_per_inspector_per_day = pick(1, 3);
    const int caps[] = {0, 0, 2, 3, 4};
    team.annual_cap_per_unit = caps[pick(0, 5)];
    team.community_daily_cap = pick(1, 4) == 1 ? 1 : 20;
    in.policy.random_draws[0].exclude_planned = pick(0, 3) != 0;
    in.policy.random_draws[0].fill_capacity = pick(0, 4) == 0;
  }
  if (shape.annual_cap >= 0) team.annual_cap_per_unit = shape.annual_cap;
  if (shape.allow_override && pick(0, 4) == 0) in.capacity_override = pick(0, 30);
  in.draw_seed = static_cast<std::uint64_t>(pick(0, 1 << 30));

  const int communities = shape.communities;
  const int n_units = pick(shape.min_units, shape.max_units + 1);
  std::vector<std::string> codes;
  for (int k = 0; k < n_units; ++k) {
    const int community = pick(0, communities);
    const int grid = pick(-1, 2);  // -1: directly under the community
    PlanUnit pu = MakePlanUnit(k, community, grid);
    auto& u = pu.unit;
    u.level = static_cast<SupervisionLevel>(pick(0, 3));
    u.risk = static_cast<RiskColour>(pick(0, 4));
    u.categories.clear();
    const int n_categories = pick(1, 3);
    for (int c = 0; c < n_categories; ++c) {
      const auto category = static_cast<SupervisionCategory>(pick(0, 16));
      if (std::find(u.categories.begin(), u.categories.end(), category) == u.categories.end()) {
        u.categories.push_back(category);
      }
    }
    u.accident_last_year = pick(0, 10) == 0;
    u.major_hazard_source = pick(0, 8) == 0;
    // Roughly R-RISK-2: level 1–2, red/orange or a major hazard source make a key unit.
    u.is_key = u.level != SupervisionLevel::kLevel3 || u.risk == RiskColour::kRed ||
               u.risk == RiskColour::kOrange || u.major_hazard_source;
    const int status = pick(0, 12);
    u.status = status == 0 ? UnitStatus::kClosed
                           : (status == 1 ? UnitStatus::kSuspended : UnitStatus::kOperating);
    const int last = pick(0, 4);  // 0: never inspected; else 1–3 years before the plan year
    if (last > 0) pu.last_inspected = D(in.year - last, pick(1, 13), 15);
    codes.push_back(u.credit_code);
    in.units.push_back(std::move(pu));
  }

  auto recusals = [&](domain::Inspector& i) {
    if (shape.balanced || pick(0, 3) != 0) return;
    const int n = pick(1, 4);
    for (int k = 0; k < n; ++k) i.recusal_codes.push_back(codes[pick(0, n_units)]);
  };
  auto certificate = [&](domain::Inspector& i) {
    if (shape.balanced) return;
    const int c = pick(0, 8);
    if (c == 0) {  // expires during the plan year
      i.certificate_valid_until = D(in.year, pick(1, 13), pick(1, 29));
    } else if (c == 1) {  // expired before it
      i.certificate_valid_until = D(in.year - 1, 12, 31);
    } else if (c == 2) {  // never certified
      i.certificate_no.clear();
      i.certificate_valid_until.reset();
    }
  };
  int number = 0;
  auto next_no = [&] {
    ++number;
    return std::string("JF") + (number < 10 ? "0" : "") + std::to_string(number);
  };

  const int fewest = std::max(shape.balanced ? 4 : 0, shape.min_officer_teams * team.size);
  const int street_officers = pick(fewest, std::max(fewest + 1, 11));
  for (int k = 0; k < street_officers; ++k) {
    auto pi = MakePlanInspector(next_no());
    certificate(pi.inspector);
    recusals(pi.inspector);
    if (!shape.balanced && pick(0, 15) == 0) pi.inspector.active = false;
    pi.inspector.leave_days = pick(0, 3) * 5;
    in.inspectors.push_back(std::move(pi));
  }
  if (!shape.balanced) {
    const int community_officers = pick(0, 4);
    for (int k = 0; k < community_officers; ++k) {
      auto pi = MakePlanInspector(next_no(), InspectorRole::kEnforcementOfficer,
                                  CommunityPath(pick(0, communities)));
      certificate(pi.inspector);
      recusals(pi.inspector);
      in.inspectors.push_back(std::move(pi));
    }
    const InspectorRole leaders[] = {InspectorRole::kPrincipal, InspectorRole::kSafetyLeader,
                                     InspectorRole::kFieldLeader};
    const int street_leaders = pick(0, 3);
    for (int k = 0; k < street_leaders; ++k) {
      auto pi = MakePlanInspector(next_no(), leaders[pick(0, 3)]);
      certificate(pi.inspector);
      recusals(pi.inspector);
      in.inspectors.push_back(std::move(pi));
    }
    const int community_leaders = pick(0, 3);
    for (int k = 0; k < community_leaders; ++k) {
      auto pi = MakePlanInspector(next_no(), InspectorRole::kCommunityLeader,
                                  CommunityPath(pick(0, communities)));
      certificate(pi.inspector);
      recusals(pi.inspector);
      in.inspectors.push_back(std::move(pi));
    }
  }
  // Community staff: safety officers at the community, grid members at their grid. Some carry a
  // certificate anyway (it must not make them enforcement officers, R-ROLE-15).
  const int staff = pick(0, 7);
  for (int k = 0; k < staff; ++k) {
    const int community = pick(0, communities);
    const bool grid_member = pick(0, 2) == 0;
    auto pi = grid_member ? MakePlanInspector(next_no(), InspectorRole::kGridMember,
                                              GridPath(community, pick(0, 2)))
                          : MakePlanInspector(next_no(), InspectorRole::kCommunitySafetyOfficer,
                                              CommunityPath(community));
    if (pick(0, 3) == 0) {
      pi.inspector.certificate_no = "ZF" + pi.inspector.employee_no;
      pi.inspector.certificate_valid_until = D(2030, 12, 31);
    }
    in.inspectors.push_back(std::move(pi));
  }
  // Any order: the compiler sorts units by credit code and inspectors by employee number.
  if (pick(0, 2) == 0) std::reverse(in.units.begin(), in.units.end());
  if (pick(0, 2) == 0) std::reverse(in.inspectors.begin(), in.inspectors.end());
  return in;
}

// A seeded random scenario for plain (non-rapidcheck) tests.
inline PlanInput SeededInput(std::uint64_t seed, const ScenarioShape& shape = {}) {
  SeededRng rng(seed);
  auto pick = [&rng](int lo, int hi) {
    return hi <= lo ? lo : lo + static_cast<int>(rng.Uniform(static_cast<std::uint64_t>(hi - lo)));
  };
  return RandomInput(pick, shape);
}

}  // namespace anjian::planner::plan_fixture

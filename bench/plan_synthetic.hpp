// A deterministic synthetic PlanInput for the plan-compiler benchmarks (bench/plan_bench.cpp,
// bench/plan_cbc_baseline.cpp). Same options → same input, unit for unit.
//
// Shape (modelled on seed 000, 解放街道, and the demo street of app/demo_data.cpp):
//   - one district "/1/", streets of ≈ units_per_street units, 10 communities per street, each
//     with 3–6 grids; paths "/<district>/<street>/<community>/<grid>/" of numeric region ids;
//   - ≈ 2 % level-1/2 units (red/orange, key), the rest level 3 (yellow/blue, a few orange or
//     with an accident last year, hence key), 1–2 supervision categories, ≈ 1.5 % not operating;
//   - per street: 8 certified enforcement officers (jurisdiction = the street; one in three
//     streets has an officer whose certificate expires on 2026-06-30), a principal (主要负责人,
//     certified), a safety leader (分管安全领导, certified) and a field leader (分管领导, no
//     certificate) — 11 street-level people per ≈ 1,100 units, i.e. ≈ 1 per 100 units — plus one
//     community safety officer per community (jurisdiction = the community path);
//   - a policy that mirrors data/policies/jiefang.jsonc in C++ (JiefangPolicy).
//
// Header-only; needs anjian_planner (and through it anjian_domain).
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "domain/registry/credit_code.hpp"
#include "domain/registry/key_policy.hpp"
#include "planner/plan.hpp"

namespace anjian::bench {

// ---------------------------------------------------------------------------------------------
// Calendar

#ifndef ANJIAN_SOURCE_DIR
#define ANJIAN_SOURCE_DIR "."
#endif

inline std::string ReadTextFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// data/calendar/cn_statutory_holidays.txt parsed with WorkingCalendar::Parse; aborts when the
// file is missing or malformed (a benchmark without a calendar measures nothing).
inline const planner::WorkingCalendar& BenchCalendar() {
  static const planner::WorkingCalendar calendar = [] {
    const std::string path =
        std::string(ANJIAN_SOURCE_DIR) + "/data/calendar/cn_statutory_holidays.txt";
    const std::string text = ReadTextFile(path);
    auto parsed = planner::WorkingCalendar::Parse(text);
    if (text.empty() || !parsed.ok()) {
      std::fprintf(stderr, "cannot read calendar %s: %s\n", path.c_str(),
                   text.empty() ? "empty or missing" : parsed.error().message.c_str());
      std::abort();
    }
    return std::move(*parsed);
  }();
  return calendar;
}

// ---------------------------------------------------------------------------------------------
// The jiefang preset in C++ (data/policies/jiefang.jsonc). The preset is one street office's
// plan, so its itemised capacity deductions (其他执法工作日 450, 非执法工作日 450) are per street:
// `streets` multiplies them, so every street keeps the preset's capacity per officer.

inline planner::RuleSource Source(std::string id, std::string title, std::string basis) {
  return planner::RuleSource{std::move(id), std::move(title), std::move(basis)};
}

inline planner::Policy JiefangPolicy(int streets = 1) {
  using domain::InspectorRole;
  using domain::SupervisionCategory;
  using domain::SupervisionLevel;
  planner::Policy p;
  p.name = "jiefang";
  p.title = "年度安全生产监督检查计划";
  p.authority = "解放街道办事处";
  p.source = "解放街道安全生产监督检查工作计划（seed 000）";
  p.basis = {"《中华人民共和国安全生产法》",
             "《安全生产年度监督检查计划编制办法》（安监总政法〔2017〕150号）"};

  planner::FrequencyRule f1;
  f1.source = Source("R-FREQ-1", "重点一、二级企业日常监督检查",
                     "日常监督检查：要求对重点一、二级企业全年至少监督检查1次。");
  f1.selector.levels = {SupervisionLevel::kLevel1, SupervisionLevel::kLevel2};
  f1.count = 1;
  f1.period = planner::Period::kYear;
  f1.executor = planner::Executor::kStreetTeam;
  planner::FrequencyRule f2;
  f2.source = Source("R-FREQ-2", "社区（村）三级单位排查",
                     "各社区、村全年对全街辖区内所有三级生产经营单位进行2次排查。");
  f2.selector.levels = {SupervisionLevel::kLevel3};
  f2.count = 2;
  f2.period = planner::Period::kYear;
  f2.executor = planner::Executor::kCommunity;
  p.frequency_rules = {f1, f2};

  planner::RandomDrawRule r;
  r.source = Source("R-FREQ-4", "企业及个体工商户随机抽查",
                    "随机抽查：不定期对辖区内企业以及工商户开展随机抽查。");
  r.pool.levels = {SupervisionLevel::kLevel3};
  r.ratio = 0.05;
  r.exclude_planned = true;
  r.fill_capacity = false;
  r.stratify = planner::Stratification::kCommunity;
  p.random_draws = {r};

  planner::SpecialCampaign s;
  s.source = Source("R-FREQ-3", "节前专项监督检查",
                    "专项监督检查：法定节日以及重要节点前，以及市安委会部署的专项检查任务。");
  s.holidays = {"元旦", "春节", "劳动节", "国庆节"};
  s.working_days_before = 5;
  s.selector.categories = {SupervisionCategory::kCrowdedPlaces, SupervisionCategory::kGas,
                           SupervisionCategory::kHazardousChemicals};
  s.units_per_campaign = 6;
  p.special_campaigns = {s};

  p.key_periods.source =
      Source("R-FREQ-3K", "节前重点时段", "法定节日以及重要节点前开展专项监督检查。");
  p.key_periods.months = {};
  p.key_periods.days_before_holidays = 5;
  p.key_periods.holiday_weight = 1.5;

  const std::vector<SupervisionLevel> key_levels = {SupervisionLevel::kLevel1,
                                                    SupervisionLevel::kLevel2};
  planner::LeaderQuota l1;
  l1.source = Source("R-LEAD-1", "街道主要负责人带队检查",
                     "街道党工委、办事处负责人带领班子成员（结合席位制包保）对辖区内企业监督检查，"
                     "每年不少于1次。");
  l1.roles = {InspectorRole::kPrincipal};
  l1.count = 1;
  l1.targets.levels = key_levels;
  planner::LeaderQuota l2;
  l2.source = Source("R-LEAD-2", "分管领导带队检查",
                     "各分管领导带队对所分管领域安全生产进行安全生产监督检查，每年不少于2次。");
  l2.roles = {InspectorRole::kFieldLeader};
  l2.count = 2;
  l2.targets.levels = key_levels;
  planner::LeaderQuota l3;
  l3.source = Source("R-LEAD-3", "分管安全生产领导带队检查",
                     "分管安全生产领导对辖区内企业进行安全生产监督检查，每年不少于2次。");
  l3.roles = {InspectorRole::kSafetyLeader};
  l3.count = 2;
  l3.targets.levels = key_levels;
  p.leader_quotas = {l1, l2, l3};

  p.team.size = 2;
  p.team.slots_per_day = 2;
  p.team.max_items_per_inspector_per_day = 2;
  p.team.community_daily_cap = 20;

  auto& c = p.capacity;
  c.key_share = 0.6;
  c.onsite_days = 1;
  c.document_days = 0.5;
  c.reinspection_days = 0.5;
  c.case_days = 0.25;
  const int k = std::max(1, streets);
  c.other_enforcement = {{"投诉举报核查", 120 * k},
                         {"联合执法", 100 * k},
                         {"宣传教育培训", 80 * k},
                         {"上级交办任务", 150 * k}};
  c.non_enforcement = {
      {"值班值守", 200 * k}, {"学习、培训、会议", 150 * k}, {"指导社区、村工作", 100 * k}};
  p.methods = {"日常监督检查、专项监督检查和随机抽查相结合。",
               "检查前制定检查方案，明确检查单位、时间和地点；每次检查不少于两名检查人员。"};
  p.content = {"安全生产责任制、规章制度和操作规程的建立和落实情况",
               "安全生产教育培训和特种作业人员持证上岗情况",
               "事故隐患排查治理情况",
               "应急预案制定和演练情况",
               "消防设施、安全出口和疏散通道情况",
               "依法应当监督检查的其他情况"};
  p.requirements = {
      "填写现场检查记录，由检查人员和被检查单位负责人签字。",
      "对需要整改的问题明确整改事项和时限；发现重大事故隐患及时报告上级部门；填写整改复查单。",
      "建立监督检查工作台账，按要求报送。"};
  return p;
}

// ---------------------------------------------------------------------------------------------
// Units and roster

struct SyntheticOptions {
  int units = 20'000;
  int units_per_street = 1'100;  // streets = ceil(units / units_per_street)
  int communities_per_street = 10;
  int officers_per_street = 8;
  int key_units = -1;  // level-1/2 units; -1 = round(2 % of units)
  std::uint64_t seed = 2026;
  int year = 2026;
  std::uint64_t draw_seed = 0x5eed2026;
};

struct SyntheticStats {
  int streets = 0;
  int communities = 0;
  int street_staff = 0;     // officers + leaders
  int community_staff = 0;  // community safety officers
};

inline int StreetCount(const SyntheticOptions& o) {
  return std::max(1, (o.units + o.units_per_street - 1) / o.units_per_street);
}

namespace detail {

inline constexpr std::array kCommunityNames = {"东风", "解放", "民主", "建设", "胜利",
                                               "光明", "新华", "和平", "幸福", "朝阳",
                                               "红旗", "向阳", "团结", "友谊", "前进"};
inline constexpr std::array kNameHeads = {"华兴", "恒通", "鑫源", "宏达", "瑞丰", "永盛",
                                          "金桥", "安泰", "德利", "长城", "中原", "博远",
                                          "众合", "新锐", "天成", "广汇"};
inline constexpr std::array kRoads = {"人民路", "解放大道", "建设路", "中原路", "工业路",
                                      "和平街", "新华街",   "民主路", "胜利街", "光明路"};
inline constexpr std::array kSurnames = {"王", "李", "张", "刘", "陈", "杨",
                                         "赵", "黄", "周", "吴", "徐", "孙"};
inline constexpr std::array kGiven = {"伟", "芳", "娜", "敏", "静", "强", "磊", "军",
                                      "洋", "勇", "艳", "杰", "涛", "明", "超", "霞"};

inline std::string Digits(std::uint64_t value, int width) {
  std::string s(static_cast<std::size_t>(width), '0');
  for (int i = width - 1; i >= 0 && value > 0; --i) {
    s[static_cast<std::size_t>(i)] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
  return s;
}

inline std::string CreditCode(std::uint64_t index) {
  // "91" + 410802 + 9 digits scrambled by a multiplier coprime to 10^9 (unique for < 10^9
  // units, and not in generation order, so the compiler's sort does real work).
  const std::uint64_t scrambled = (index * 387'420'489ULL + 12'345ULL) % 1'000'000'000ULL;
  std::string code = "91410802" + Digits(scrambled, 9);
  code += domain::CreditCode::ComputeCheckCharacter(code);
  return code;
}

inline std::string PersonName(SeededRng& rng) {
  std::string name = kSurnames[rng.Uniform(kSurnames.size())];
  name += kGiven[rng.Uniform(kGiven.size())];
  if (rng.Uniform(2) == 0) name += kGiven[rng.Uniform(kGiven.size())];
  return name;
}

inline CivilDate Ymd(int y, int m, int d) { return CivilDate::FromYmd(y, m, d).value(); }

// 1–2 categories; level-1/2 units lean to the hazardous ones.
inline std::vector<domain::SupervisionCategory> Categories(SeededRng& rng, bool major) {
  using C = domain::SupervisionCategory;
  struct Weighted {
    C c;
    int w;
  };
  static const std::vector<Weighted> kGeneral = {{C::kNineSmallPlaces, 300},
                                                 {C::kCommerce, 200},
                                                 {C::kCrowdedPlaces, 80},
                                                 {C::kMachinery, 80},
                                                 {C::kLightIndustry, 80},
                                                 {C::kConfinedSpace, 50},
                                                 {C::kBuildingMaterials, 40},
                                                 {C::kConstruction, 40},
                                                 {C::kOther, 50},
                                                 {C::kGas, 25},
                                                 {C::kHazardousChemicals, 20},
                                                 {C::kCombustibleDust, 15},
                                                 {C::kMetallurgy, 8},
                                                 {C::kAmmoniaRefrigeration, 8},
                                                 {C::kFireworks, 4}};
  static const std::vector<Weighted> kMajor = {
      {C::kHazardousChemicals, 300},  {C::kGas, 150},
      {C::kMetallurgy, 120},          {C::kCombustibleDust, 100},
      {C::kAmmoniaRefrigeration, 80}, {C::kFireworks, 50},
      {C::kNonCoalMining, 50},        {C::kCrowdedPlaces, 100},
      {C::kConstruction, 50}};
  const auto& table = major ? kMajor : kGeneral;
  int total = 0;
  for (const auto& e : table) total += e.w;
  auto pick = [&] {
    int r = static_cast<int>(rng.Uniform(static_cast<std::uint64_t>(total)));
    for (const auto& e : table) {
      if (r < e.w) return e.c;
      r -= e.w;
    }
    return table.back().c;
  };
  std::vector<C> out = {pick()};
  if (rng.Uniform(4) == 0) {
    const C second = pick();
    if (second != out[0]) out.push_back(second);
  }
  return out;
}

}  // namespace detail

// The whole input. Units are spread evenly over the streets; communities and grids drawn.
inline planner::PlanInput MakeSyntheticInput(const SyntheticOptions& o,
                                             SyntheticStats* stats = nullptr) {
  using namespace detail;
  using domain::InspectorRole;
  SeededRng rng(o.seed);
  const int streets = StreetCount(o);
  const int communities = o.communities_per_street;
  const std::int64_t district_id = 1;
  const int key_units =
      o.key_units >= 0 ? o.key_units : static_cast<int>(std::llround(o.units * 0.02));
  const auto key_policy = domain::KeyPolicy::Default();

  planner::PlanInput input;
  input.year = o.year;
  input.policy = JiefangPolicy(streets);
  input.draw_seed = o.draw_seed;
  input.units.reserve(static_cast<std::size_t>(o.units));

  struct Community {
    std::int64_t id;
    std::string path;
    std::string name;
    std::vector<std::pair<std::int64_t, std::string>> grids;  // id, name
  };
  std::int64_t unit_index = 0;
  for (int s = 0; s < streets; ++s) {
    const std::int64_t street_id = 1000 + s;
    const std::string street_path =
        "/" + std::to_string(district_id) + "/" + std::to_string(street_id) + "/";
    const std::string street_name = s == 0 ? "解放街道" : "第" + std::to_string(s + 1) + "街道";
    std::vector<Community> cs;
    for (int c = 0; c < communities; ++c) {
      Community com;
      com.id = 100'000 + static_cast<std::int64_t>(s) * 100 + c;
      com.path = street_path + std::to_string(com.id) + "/";
      // Unique per street: the random draw stratifies by community name.
      com.name = (s == 0 ? std::string() : street_name) +
                 kCommunityNames[static_cast<std::size_t>(c) % kCommunityNames.size()] +
                 (c >= static_cast<int>(kCommunityNames.size()) ? std::to_string(c) : "") + "社区";
      const int grid_count = 3 + static_cast<int>(rng.Uniform(4));
      for (int g = 0; g < grid_count; ++g) {
        com.grids.push_back({10'000'000 + com.id * 10 + g, "第" + std::to_string(g + 1) + "网格"});
      }
      cs.push_back(std::move(com));
    }

    // Units of this street.
    const std::int64_t first = static_cast<std::int64_t>(o.units) * s / streets;
    const std::int64_t last = static_cast<std::int64_t>(o.units) * (s + 1) / streets;
    std::vector<std::string> street_codes;
    for (std::int64_t i = first; i < last; ++i, ++unit_index) {
      planner::PlanUnit pu;
      auto& u = pu.unit;
      u.id = UnitId(i + 1);
      u.credit_code = CreditCode(static_cast<std::uint64_t>(i));
      // Exactly key_units level-1/2 units, evenly spaced over the index.
      const bool major = (static_cast<std::int64_t>(i + 1) * key_units / o.units) !=
                         (static_cast<std::int64_t>(i) * key_units / o.units);
      if (major) {
        u.level = rng.Uniform(10) < 3 ? domain::SupervisionLevel::kLevel1
                                      : domain::SupervisionLevel::kLevel2;
        u.risk = (u.level == domain::SupervisionLevel::kLevel1 || rng.Uniform(5) == 0)
                     ? domain::RiskColour::kRed
                     : domain::RiskColour::kOrange;
        u.major_hazard_source = rng.Uniform(3) == 0;
        u.employees = 80 + static_cast<int>(rng.Uniform(900));
      } else {
        u.level = domain::SupervisionLevel::kLevel3;
        const auto r = rng.Uniform(1000);
        u.risk = r < 5     ? domain::RiskColour::kOrange
                 : r < 255 ? domain::RiskColour::kYellow
                           : domain::RiskColour::kBlue;
        u.employees = 2 + static_cast<int>(rng.Uniform(60));
      }
      u.accident_last_year = rng.Uniform(1000) == 0;
      u.categories = Categories(rng, major);
      const auto& com = cs[rng.Uniform(cs.size())];
      const auto& grid = com.grids[rng.Uniform(com.grids.size())];
      u.community_id = RegionId(com.id);
      u.grid_id = RegionId(grid.first);
      u.name = std::string(kNameHeads[rng.Uniform(kNameHeads.size())]) +
               kNameHeads[rng.Uniform(kNameHeads.size())] + std::to_string(i % 1000) +
               std::string(domain::Label(u.categories[0])) + "有限公司";
      u.address = std::string(kRoads[rng.Uniform(kRoads.size())]) +
                  std::to_string(1 + rng.Uniform(400)) + "号";
      u.industry_section = major ? "C" : "F";
      u.supervising_department = "街道应急办";
      u.safety_manager = PersonName(rng);
      u.contact_phone = "139" + Digits(rng.Uniform(100'000'000), 8);
      const auto st = rng.Uniform(1000);
      u.status = st < 10   ? domain::UnitStatus::kSuspended
                 : st < 15 ? domain::UnitStatus::kClosed
                           : domain::UnitStatus::kOperating;
      u.is_key = domain::IsKeyUnit(key_policy, u);
      pu.region_path = com.path + std::to_string(grid.first) + "/";
      pu.community_name = com.name;
      pu.grid_name = grid.second;
      const auto li = rng.Uniform(10);
      if (li < 3) {
        pu.last_inspected = Ymd(o.year - 1, 1 + static_cast<int>(rng.Uniform(12)),
                                1 + static_cast<int>(rng.Uniform(28)));
      } else if (li < 5) {
        pu.last_inspected = Ymd(o.year - 2, 1 + static_cast<int>(rng.Uniform(12)),
                                1 + static_cast<int>(rng.Uniform(28)));
      }
      if (street_codes.size() < 4) street_codes.push_back(u.credit_code);
      input.units.push_back(std::move(pu));
    }

    // Roster of this street.
    auto person = [&](InspectorRole role, int k, const std::string& jurisdiction,
                      std::int64_t jurisdiction_id, bool certified, const char* department) {
      planner::PlanInspector pi;
      auto& in = pi.inspector;
      in.id = InspectorId(static_cast<std::int64_t>(input.inspectors.size()) + 1);
      in.name = PersonName(rng);
      // Employee numbers not in street order, so the compiler's sort does real work.
      in.employee_no = "J" + Digits((static_cast<std::uint64_t>(s) * 7919 + 13) % 1'000'000, 6) +
                       Digits(static_cast<std::uint64_t>(k), 2);
      in.department = department;
      in.role = role;
      if (certified) {
        in.certificate_no = "41080220" + Digits(static_cast<std::uint64_t>(s), 5) +
                            Digits(static_cast<std::uint64_t>(k), 2);
        in.certificate_valid_until = Ymd(2027, 12, 31);
      }
      in.jurisdiction_id = RegionId(jurisdiction_id);
      in.phone = "138" + Digits(rng.Uniform(100'000'000), 8);
      in.leave_days =
          role == InspectorRole::kEnforcementOfficer ? 5 + static_cast<int>(rng.Uniform(6)) : 0;
      pi.jurisdiction_path = jurisdiction;
      input.inspectors.push_back(std::move(pi));
      return input.inspectors.size() - 1;
    };
    for (int k = 0; k < o.officers_per_street; ++k) {
      const auto idx =
          person(InspectorRole::kEnforcementOfficer, k, street_path, street_id, true, "街道应急办");
      auto& in = input.inspectors[idx].inspector;
      if (k == o.officers_per_street - 1 && s % 3 == 0)
        in.certificate_valid_until = Ymd(o.year, 6, 30);
      if (k == 0 && !street_codes.empty())
        in.recusal_codes = {street_codes[0]};  // 回避: a relative's company
    }
    person(InspectorRole::kPrincipal, 90, street_path, street_id, true, "街道党工委");
    person(InspectorRole::kSafetyLeader, 91, street_path, street_id, true, "街道办事处");
    person(InspectorRole::kFieldLeader, 92, street_path, street_id, false, "街道办事处");
    for (int c = 0; c < communities; ++c) {
      person(InspectorRole::kCommunitySafetyOfficer, 10 + c, cs[static_cast<std::size_t>(c)].path,
             cs[static_cast<std::size_t>(c)].id, false, "社区居委会");
    }
  }
  if (stats) {
    stats->streets = streets;
    stats->communities = streets * communities;
    stats->street_staff = streets * (o.officers_per_street + 3);
    stats->community_staff = streets * communities;
  }
  return input;
}

// The demo street of seed 000: 2,370 units (48 level-1/2), one street, 10 communities,
// 8 officers + 3 leaders + 10 community safety officers = 21 people.
inline planner::PlanInput MakeDemoStreetInput(SyntheticStats* stats = nullptr) {
  SyntheticOptions o;
  o.units = 2'370;
  o.units_per_street = 2'370;
  o.key_units = 48;
  return MakeSyntheticInput(o, stats);
}

}  // namespace anjian::bench

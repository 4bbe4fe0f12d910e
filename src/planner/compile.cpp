// CompilePlan: rules → demand → capacity check → draws → dates and teams → explanations.
// Random numbers are used in a fixed order (special-campaign draws, random draws, leader
// targets, then scheduling), so the same input and seed give the same plan.
#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <set>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "planner/bookings.hpp"
#include "planner/plan.hpp"
#include "planner/plan_rules.hpp"
#include "planner/year_grid.hpp"

namespace anjian::planner {
namespace {

// One inspection the plan must place.
struct Demand {
  int unit = -1;  // index into the sorted units
  ItemKind kind = ItemKind::kDeterministic;
  std::string rule;
  std::vector<std::string> also_rules;
  DayWindow window;
  int occurrence = 1;
  int occurrences = 1;
  int leader = -1;  // inspector index
  std::string note;
  int series = -1;  // the visits of one unit (or leader) under one rule share a phase
};

bool IsCommunityRole(domain::InspectorRole role) {
  return role == domain::InspectorRole::kCommunitySafetyOfficer ||
         role == domain::InspectorRole::kGridMember;
}

// The ancestor paths of "/1/5/9/" (itself included): "/1/", "/1/5/", "/1/5/9/".
std::vector<std::string> PathPrefixes(const std::string& path) {
  std::vector<std::string> prefixes;
  for (std::size_t i = 1; i < path.size(); ++i) {
    if (path[i] == '/') prefixes.push_back(path.substr(0, i + 1));
  }
  return prefixes;
}

class Compiler {
 public:
  Compiler(const PlanInput& input, const WorkingCalendar& calendar)
      : input_(input),
        policy_(input.policy),
        calendar_(calendar),
        grid_(calendar, input.year, input.policy.key_periods),
        rng_(input.draw_seed) {}

  Result<Plan> Run();

 private:
  void Index();
  void ComputeCapacity();
  const FrequencyRule* DrivingRule(int unit, bool community, std::vector<std::string>& also) const;
  std::vector<Demand> CollectDeterministic();
  std::vector<Demand> CollectSpecial();
  void Admit(std::vector<Demand>& demands, std::vector<Demand>& admitted);
  std::vector<Demand> CollectRandom();
  std::vector<Demand> CollectLeaderLed();
  std::vector<Demand> CollectScreenings();
  void ScheduleEnforcement(std::vector<Demand> demands);
  void ScheduleScreenings(const std::vector<Demand>& demands);
  int BestDay(const DayWindow& window, const std::vector<int>& load, int cap);
  // Visit windows are the same for every unit under a rule: computed once.
  const std::vector<DayWindow>& WindowsFor(Period period, int count) {
    auto& windows = windows_cache_[{static_cast<int>(period), count}];
    if (windows.empty()) windows = grid_.VisitWindows(period, count);
    return windows;
  }
  std::map<std::pair<int, int>, std::vector<DayWindow>> windows_cache_;
  void Finish();
  std::string WhyNotPlanned(int unit) const;

  struct Group {
    std::vector<int> candidates;  // certified, non-leader inspectors covering the unit
    std::vector<int> day_load;
  };
  Group& GroupFor(int unit);
  bool AtCap(int unit) const {
    return policy_.team.annual_cap_per_unit > 0 &&
           enforcement_count_[unit] >= policy_.team.annual_cap_per_unit;
  }
  // The same cap over the visits admitted so far (nothing is scheduled while drawing).
  bool AdmittedAtCap(int unit) const {
    return policy_.team.annual_cap_per_unit > 0 &&
           admitted_count_[unit] >= policy_.team.annual_cap_per_unit;
  }
  bool Operating(int unit) const {
    return units_[unit]->unit.status == domain::UnitStatus::kOperating;
  }
  // The best day of the window for a group's load: lowest (load + 1) / weight, ties broken by a
  // random starting point so equal days are not always taken from the left.
  std::vector<int> DaysByPreference(const DayWindow& window, const std::vector<int>& load);
  // The window a series' next visit should use: around its phase when known.
  // Within ± window/`divisor` of the phase (the whole window before the first visit is placed).
  DayWindow Aim(const Demand& d, int divisor) const;
  void RecordPhase(const Demand& d, int day);
  int NewSeries() {
    series_phase_.push_back(-1.0);
    return static_cast<int>(series_phase_.size()) - 1;
  }
  void AddShortfall(const Demand& d, std::string reason);
  void AddItem(const Demand& d, int day, int slot, std::vector<std::string> inspectors,
               std::string leader);
  const std::string& EmployeeNo(int inspector) const {
    return inspectors_[inspector]->inspector.employee_no;
  }

  const PlanInput& input_;
  const Policy& policy_;
  const WorkingCalendar& calendar_;
  YearGrid grid_;
  SeededRng rng_;
  Plan plan_;
  std::vector<const PlanUnit*> units_;
  std::vector<const PlanInspector*> inspectors_;
  std::unique_ptr<Bookings> bookings_;
  std::map<std::string, std::vector<int>> enforcers_by_path_;
  std::map<std::string, std::vector<std::string>> community_staff_by_path_;
  std::map<std::string, Group> groups_;
  std::unordered_map<std::string, std::string> group_of_path_;
  // Every distinct region path gets a small integer once, so per-item look-ups hash nothing.
  std::vector<int> path_id_;           // by unit
  std::vector<Group*> group_by_path_;  // by path id, filled on first use
  std::map<std::string, std::vector<int>> community_load_;
  std::vector<int> enforcement_count_;
  std::vector<int> item_count_;
  std::vector<bool> admitted_;       // has a deterministic or special visit admitted
  std::vector<int> admitted_count_;  // enforcement visits admitted (deterministic, special, random)
  std::vector<std::string> exclusion_note_;
  std::map<std::pair<int, std::string>, int> leader_planned_;  // (leader, rule) → planned
  std::map<std::pair<int, std::string>, int> leader_required_;
  std::unordered_map<std::string, std::size_t> shortfall_of_;  // first entry per unit
  // Where in its window the first placed visit of a series fell (0..1); later visits aim at the
  // same relative position ± 1/8 window, so repeated visits are evenly spaced (twice a year ≈
  // six months apart) while every day of the year stays usable.
  std::vector<double> series_phase_;
  std::vector<int> item_unit_;  // unit index of each item (sorting by index = by credit code)
  struct ScreeningTarget {
    const std::vector<std::string>* staff = nullptr;
    std::vector<int>* load = nullptr;
  };
  std::vector<ScreeningTarget> screening_target_;  // by path id
  int capacity_ = 0;
  int remaining_ = 0;
};

Result<Plan> Compiler::Run() {
  const auto problems = ValidatePolicy(policy_);
  if (!problems.empty()) {
    std::string message = "检查策略有误：";
    for (std::size_t i = 0; i < problems.size(); ++i) message += (i ? "；" : "") + problems[i];
    return Error::InvalidArgument(message, "policy");
  }
  if (!calendar_.CoversYear(input_.year)) {
    return Error::FailedPrecondition("工作日历中没有 " + std::to_string(input_.year) +
                                     " 年的法定节假日安排，请先维护日历");
  }
  if (input_.units.empty()) return Error::FailedPrecondition("单位名录为空，无法编制计划");
  if (input_.capacity_override && *input_.capacity_override < 0) {
    return Error::InvalidArgument("检查能力不能为负数", "capacity");
  }
  plan_.year = input_.year;
  Index();
  ComputeCapacity();
  remaining_ = capacity_;

  auto deterministic = CollectDeterministic();
  auto special = CollectSpecial();
  std::vector<Demand> admitted;
  Admit(deterministic, admitted);
  Admit(special, admitted);
  auto random = CollectRandom();
  admitted.insert(admitted.end(), std::make_move_iterator(random.begin()),
                  std::make_move_iterator(random.end()));
  auto leader_led = CollectLeaderLed();
  auto screenings = CollectScreenings();
  // Leaders first: their quota binds particular people. Then the narrowest windows first.
  ScheduleEnforcement(std::move(leader_led));
  ScheduleEnforcement(std::move(admitted));
  ScheduleScreenings(screenings);
  Finish();
  return std::move(plan_);
}

void Compiler::Index() {
  for (const auto& u : input_.units) units_.push_back(&u);
  std::sort(units_.begin(), units_.end(), [](const PlanUnit* a, const PlanUnit* b) {
    return a->unit.credit_code < b->unit.credit_code;
  });
  for (const auto& i : input_.inspectors) {
    if (i.inspector.active) inspectors_.push_back(&i);
  }
  std::sort(inspectors_.begin(), inspectors_.end(),
            [](const PlanInspector* a, const PlanInspector* b) {
              return a->inspector.employee_no < b->inspector.employee_no;
            });
  bookings_ = std::make_unique<Bookings>(grid_, inspectors_, policy_.team);
  for (std::size_t i = 0; i < inspectors_.size(); ++i) {
    const auto& in = inspectors_[i]->inspector;
    const auto& path = inspectors_[i]->jurisdiction_path;
    if (IsCommunityRole(in.role)) {
      community_staff_by_path_[path].push_back(in.employee_no);
    } else if (!domain::IsLeaderRole(in.role) && bookings_->MayEnforce(static_cast<int>(i), 0)) {
      // Certified for part of the year only: still a candidate while the certificate holds.
      enforcers_by_path_[path].push_back(static_cast<int>(i));
    }
  }
  {
    std::unordered_map<std::string_view, int> ids;
    path_id_.resize(units_.size());
    for (std::size_t u = 0; u < units_.size(); ++u) {
      path_id_[u] = ids.emplace(units_[u]->region_path, static_cast<int>(ids.size())).first->second;
    }
    group_by_path_.assign(ids.size(), nullptr);
    screening_target_.assign(ids.size(), ScreeningTarget{});
  }
  enforcement_count_.assign(units_.size(), 0);
  item_count_.assign(units_.size(), 0);
  admitted_.assign(units_.size(), false);
  admitted_count_.assign(units_.size(), 0);
  exclusion_note_.assign(units_.size(), std::string());
}

void Compiler::ComputeCapacity() {
  CapacityInput in;
  in.statutory_working_days = grid_.size();
  int leave = 0;
  for (std::size_t i = 0; i < inspectors_.size(); ++i) {
    const auto& inspector = inspectors_[i]->inspector;
    if (domain::IsLeaderRole(inspector.role) || !bookings_->MayEnforce(static_cast<int>(i), 0))
      continue;
    ++in.enforcement_staff;
    leave += inspector.leave_days;
  }
  plan_.summary.enforcement_staff = in.enforcement_staff;
  const auto& p = policy_.capacity;
  in.other_enforcement = p.other_enforcement;
  in.non_enforcement = p.non_enforcement;
  if (leave > 0) in.non_enforcement.push_back({"执法人员名录登记的计划休假", leave});
  in.key_share = p.key_share;
  in.team_size = policy_.team.size;
  in.onsite_days = p.onsite_days;
  in.document_days = p.document_days;
  in.reinspection_days = p.reinspection_days;
  in.case_days = p.case_days;
  in.override_inspections = input_.capacity_override;
  auto result = planner::ComputeCapacity(in);
  if (result.ok()) {
    plan_.summary.capacity = *result;
    capacity_ = result->inspections;
    return;
  }
  plan_.warnings.push_back("检查能力无法按工作日计算：" + result.error().message);
  capacity_ = input_.capacity_override.value_or(0);
  plan_.summary.capacity.inspections = capacity_;
  plan_.summary.capacity.overridden = input_.capacity_override.has_value();
}

// Of the mandatory rules for street teams (or for communities and grids) that apply to the unit
// this year, the one with the most visits drives the schedule; one visit satisfies "at least N"
// of every rule, so the others are listed in `also`.
const FrequencyRule* Compiler::DrivingRule(int unit, bool community,
                                           std::vector<std::string>& also) const {
  const FrequencyRule* driver = nullptr;
  const auto& pu = *units_[unit];
  for (const auto& rule : policy_.frequency_rules) {
    const bool by_community =
        rule.executor == Executor::kCommunity || rule.executor == Executor::kGrid;
    if (!rule.mandatory || by_community != community || rule.executor == Executor::kEnterprise)
      continue;
    if (!SelectorMatches(rule.selector, pu.unit) || !IsDue(rule, pu, input_.year)) continue;
    if (driver == nullptr || AnnualVisits(rule) > AnnualVisits(*driver)) {
      if (driver) also.push_back(driver->source.id);
      driver = &rule;
    } else {
      also.push_back(rule.source.id);
    }
  }
  return driver;
}

std::vector<Demand> Compiler::CollectDeterministic() {
  std::vector<Demand> out;
  const int cap = policy_.team.annual_cap_per_unit;
  for (std::size_t u = 0; u < units_.size(); ++u) {
    if (!Operating(static_cast<int>(u))) continue;
    const auto& pu = *units_[u];
    std::vector<std::string> also;
    const FrequencyRule* driver = DrivingRule(static_cast<int>(u), /*community=*/false, also);
    if (!driver) continue;
    auto windows = WindowsFor(driver->period, driver->count);
    int n = static_cast<int>(windows.size());
    if (cap > 0 && n > cap) {
      plan_.shortfall.push_back(
          {pu.unit.credit_code, pu.unit.name, driver->source.id, ItemKind::kDeterministic, n, cap,
           "频次要求每年 " + std::to_string(n) + " 次，超过同一单位年度检查上限 " +
               std::to_string(cap) + " 次（R-FREQ-13），按上限安排"});
      std::vector<DayWindow> kept;
      kept.reserve(static_cast<std::size_t>(cap));
      for (int k = 0; k < cap; ++k) kept.push_back(windows[static_cast<std::size_t>(k) * n / cap]);
      windows = std::move(kept);
      n = cap;
    }
    const int series = NewSeries();
    for (int k = 0; k < n; ++k) {
      Demand d;
      d.series = series;
      d.unit = static_cast<int>(u);
      d.rule = driver->source.id;
      d.also_rules = also;
      d.window = windows[k];
      d.occurrence = k + 1;
      d.occurrences = n;
      out.push_back(std::move(d));
    }
  }
  return out;
}

std::vector<Demand> Compiler::CollectSpecial() {
  std::vector<Demand> out;
  auto holidays = calendar_.Holidays(input_.year);
  if (auto next = CivilDate::FromYmd(input_.year + 1, 1, 1); next.ok()) {
    holidays.push_back({"元旦", *next, *next});
  }
  for (const auto& campaign : policy_.special_campaigns) {
    struct Instance {
      DayWindow window;
      std::string note;
    };
    std::vector<Instance> instances;
    for (const auto& h : holidays) {
      const auto& names = campaign.holidays;
      if (std::find(names.begin(), names.end(), h.name) == names.end()) continue;
      const auto w = grid_.WindowBefore(h.first, campaign.working_days_before);
      if (w.size() > 0) instances.push_back({w, h.name + "前" + campaign.source.title});
    }
    for (int m : campaign.months) {
      const auto w = grid_.MonthWindow(m);
      if (w.size() > 0) instances.push_back({w, std::to_string(m) + "月" + campaign.source.title});
    }
    std::vector<int> pool;
    for (std::size_t u = 0; u < units_.size(); ++u) {
      if (Operating(static_cast<int>(u)) && SelectorMatches(campaign.selector, units_[u]->unit)) {
        pool.push_back(static_cast<int>(u));
      }
    }
    for (std::size_t k = 0; k < instances.size(); ++k) {
      const auto drawn = DrawWithoutReplacement(pool, campaign.units_per_campaign, rng_);
      if (static_cast<int>(drawn.size()) < campaign.units_per_campaign) {
        plan_.shortfall.push_back(
            {"", "", campaign.source.id, ItemKind::kSpecial, campaign.units_per_campaign,
             static_cast<int>(drawn.size()),
             instances[k].note + "：符合条件的单位只有 " + std::to_string(pool.size()) + " 家"});
      }
      for (int u : drawn) {
        Demand d;
        d.unit = u;
        d.kind = ItemKind::kSpecial;
        d.rule = campaign.source.id;
        d.window = instances[k].window;
        d.occurrence = static_cast<int>(k) + 1;
        d.occurrences = static_cast<int>(instances.size());
        d.note = instances[k].note;
        out.push_back(std::move(d));
      }
    }
  }
  return out;
}

// Mandatory demand up to the remaining capacity, highest risk first; the rest is shortfall.
// Nothing mandatory is ever dropped silently.
void Compiler::Admit(std::vector<Demand>& demands, std::vector<Demand>& admitted) {
  if (static_cast<int>(demands.size()) > remaining_) {
    std::stable_sort(demands.begin(), demands.end(), [&](const Demand& a, const Demand& b) {
      return RiskRank(units_[a.unit]->unit) < RiskRank(units_[b.unit]->unit);
    });
  }
  for (auto& d : demands) {
    if (remaining_ > 0) {
      --remaining_;
      admitted_[d.unit] = true;
      ++admitted_count_[d.unit];
      admitted.push_back(std::move(d));
    } else {
      AddShortfall(d, "检查能力不足：年度能力 " + std::to_string(capacity_) + " 家次已排满");
    }
  }
}

std::vector<Demand> Compiler::CollectRandom() {
  std::vector<Demand> out;
  for (const auto& draw : policy_.random_draws) {
    DrawRecord record;
    record.rule = draw.source.id;
    record.title = draw.source.title;
    std::vector<std::vector<int>> strata;
    std::map<std::string, int> stratum_of;
    for (std::size_t u = 0; u < units_.size(); ++u) {
      const int ui = static_cast<int>(u);
      const auto& pu = *units_[u];
      if (!Operating(ui) || !SelectorMatches(draw.pool, pu.unit)) continue;
      ++record.pool_size;
      if (draw.exclude_planned && admitted_[u]) continue;
      if (draw.exclude_inspected_within_months > 0 && pu.last_inspected &&
          InspectedWithinMonths(*pu.last_inspected, input_.year,
                                draw.exclude_inspected_within_months)) {
        if (exclusion_note_[u].empty()) {
          exclusion_note_[u] = "近 " + std::to_string(draw.exclude_inspected_within_months) +
                               " 个月内已检查（" + pu.last_inspected->ToString() +
                               "），本年度不参加" + draw.source.title + "抽取（" + draw.source.id +
                               "）";
        }
        continue;
      }
      if (AdmittedAtCap(ui)) continue;
      const auto [it, inserted] =
          stratum_of.emplace(StratumKey(draw.stratify, pu), static_cast<int>(strata.size()));
      if (inserted) strata.emplace_back();
      strata[it->second].push_back(ui);
      ++record.eligible;
    }
    record.required =
        std::max(draw.min_count, static_cast<int>(std::ceil(draw.ratio * record.pool_size - 1e-9)));
    const int target = draw.fill_capacity ? std::max(record.required, remaining_) : record.required;
    const int count = std::max(0, std::min({target, record.eligible, remaining_}));
    if (count < record.required) {
      plan_.shortfall.push_back({"", "", draw.source.id, ItemKind::kRandom, record.required, count,
                                 record.eligible < record.required
                                     ? "可抽取单位只有 " + std::to_string(record.eligible) +
                                           " 家，少于应抽 " + std::to_string(record.required) +
                                           " 家"
                                     : "检查能力不足：应抽 " + std::to_string(record.required) +
                                           " 家，剩余能力只够 " + std::to_string(count) + " 家"});
    }
    const auto drawn = DrawStratified(strata, count, rng_);
    remaining_ -= static_cast<int>(drawn.size());
    record.drawn = static_cast<int>(drawn.size());
    record.ratio =
        record.pool_size > 0 ? static_cast<double>(record.drawn) / record.pool_size : 0.0;
    for (int u : drawn) {
      record.drawn_codes.push_back(units_[u]->unit.credit_code);
      admitted_[u] = true;
      ++admitted_count_[u];
      Demand d;
      d.unit = u;
      d.kind = ItemKind::kRandom;
      d.rule = draw.source.id;
      d.window = {0, grid_.size() - 1};
      out.push_back(std::move(d));
    }
    plan_.draws.push_back(std::move(record));
  }
  return out;
}

std::vector<Demand> Compiler::CollectLeaderLed() {
  std::vector<Demand> out;
  for (const auto& quota : policy_.leader_quotas) {
    const auto windows = grid_.VisitWindows(quota.period, quota.count);
    // The quota's target units ordered by region path (then credit code), so each leader's
    // jurisdiction is one contiguous range: linear in units plus leaders.
    std::vector<int> targets;
    for (std::size_t u = 0; u < units_.size(); ++u) {
      if (Operating(static_cast<int>(u)) && SelectorMatches(quota.targets, units_[u]->unit)) {
        targets.push_back(static_cast<int>(u));
      }
    }
    std::stable_sort(targets.begin(), targets.end(),
                     [&](int a, int b) { return units_[a]->region_path < units_[b]->region_path; });
    for (std::size_t l = 0; l < inspectors_.size(); ++l) {
      const auto& leader = *inspectors_[l];
      const auto& roles = quota.roles;
      if (std::find(roles.begin(), roles.end(), leader.inspector.role) == roles.end()) continue;
      const int li = static_cast<int>(l);
      leader_required_[{li, quota.source.id}] = static_cast<int>(windows.size());
      auto first = targets.begin();
      auto last = targets.end();
      if (quota.own_jurisdiction_only) {
        const auto& prefix = leader.jurisdiction_path;
        first = std::lower_bound(
            targets.begin(), targets.end(), prefix,
            [&](int u, const std::string& p) { return units_[u]->region_path < p; });
        last = std::find_if(first, targets.end(), [&](int u) {
          return units_[u]->region_path.compare(0, prefix.size(), prefix) != 0;
        });
      }
      if (first == last) continue;  // reported as an unmet quota
      // A random order of distinct units, repeated when the quota exceeds the targets.
      const auto order = DrawWithoutReplacement(
          std::vector<int>(first, last),
          std::min<int>(static_cast<int>(last - first), static_cast<int>(windows.size())), rng_);
      const int series = NewSeries();
      for (std::size_t k = 0; k < windows.size(); ++k) {
        Demand d;
        d.series = series;
        d.unit = order[k % order.size()];
        d.kind = ItemKind::kLeaderLed;
        d.rule = quota.source.id;
        d.window = windows[k];
        d.occurrence = static_cast<int>(k) + 1;
        d.occurrences = static_cast<int>(windows.size());
        d.leader = li;
        out.push_back(std::move(d));
      }
    }
  }
  return out;
}

std::vector<Demand> Compiler::CollectScreenings() {
  std::vector<Demand> out;
  for (std::size_t u = 0; u < units_.size(); ++u) {
    if (!Operating(static_cast<int>(u))) continue;
    std::vector<std::string> also;
    const FrequencyRule* driver = DrivingRule(static_cast<int>(u), /*community=*/true, also);
    if (!driver) continue;
    const auto& windows = WindowsFor(driver->period, driver->count);
    const int series = NewSeries();
    for (std::size_t k = 0; k < windows.size(); ++k) {
      Demand d;
      d.series = series;
      d.unit = static_cast<int>(u);
      d.kind = ItemKind::kCommunityScreening;
      d.rule = driver->source.id;
      d.also_rules = also;
      d.window = windows[k];
      d.occurrence = static_cast<int>(k) + 1;
      d.occurrences = static_cast<int>(windows.size());
      out.push_back(std::move(d));
    }
  }
  return out;
}

Compiler::Group& Compiler::GroupFor(int unit) {
  const auto& path = units_[unit]->region_path;
  if (Group* cached = group_by_path_[path_id_[unit]]) return *cached;
  if (auto it = group_of_path_.find(path); it != group_of_path_.end()) {
    group_by_path_[path_id_[unit]] = &groups_[it->second];
    return groups_[it->second];
  }
  std::string key;
  std::vector<int> candidates;
  for (const auto& prefix : PathPrefixes(path)) {
    auto it = enforcers_by_path_.find(prefix);
    if (it == enforcers_by_path_.end()) continue;
    key += prefix + "|";
    candidates.insert(candidates.end(), it->second.begin(), it->second.end());
  }
  group_of_path_[path] = key;
  auto [it, inserted] = groups_.try_emplace(key);
  if (inserted) {
    it->second.candidates = std::move(candidates);
    it->second.day_load.assign(static_cast<std::size_t>(grid_.size()), 0);
  }
  group_by_path_[path_id_[unit]] = &it->second;
  return it->second;
}

std::vector<int> Compiler::DaysByPreference(const DayWindow& window, const std::vector<int>& load) {
  std::vector<int> days;
  if (window.size() <= 0) return days;
  const int start = static_cast<int>(rng_.Uniform(static_cast<std::uint64_t>(window.size())));
  days.reserve(static_cast<std::size_t>(window.size()));
  for (int k = 0; k < window.size(); ++k)
    days.push_back(window.first + (start + k) % window.size());
  std::stable_sort(days.begin(), days.end(), [&](int a, int b) {
    return (load[a] + 1) / grid_.weight(a) < (load[b] + 1) / grid_.weight(b);
  });
  return days;
}

DayWindow Compiler::Aim(const Demand& d, int divisor) const {
  if (d.series < 0 || series_phase_[d.series] < 0 || d.window.size() <= 2) return d.window;
  const int span = d.window.size() - 1;
  const int target = d.window.first + static_cast<int>(std::lround(series_phase_[d.series] * span));
  const int tolerance = std::max(1, d.window.size() / divisor);
  return {std::max(d.window.first, target - tolerance),
          std::min(d.window.last, target + tolerance)};
}

void Compiler::RecordPhase(const Demand& d, int day) {
  if (d.series < 0 || series_phase_[d.series] >= 0) return;
  const int span = std::max(1, d.window.size() - 1);
  series_phase_[d.series] = static_cast<double>(day - d.window.first) / span;
}

void Compiler::ScheduleEnforcement(std::vector<Demand> demands) {
  std::stable_sort(demands.begin(), demands.end(), [](const Demand& a, const Demand& b) {
    return a.window.size() < b.window.size();
  });
  const int size = policy_.team.size;
  std::vector<char> tried(static_cast<std::size_t>(grid_.size()), 0);
  for (const auto& d : demands) {
    const auto& code = units_[d.unit]->unit.credit_code;
    // R-FREQ-13 caps every enforcement kind: leader-led visits are scheduled first and special
    // or random visits may come on top of a unit's (capped) deterministic ones.
    if (AtCap(d.unit)) {
      AddShortfall(d, "该单位已达年度检查上限（R-FREQ-13）");
      continue;
    }
    auto& group = GroupFor(d.unit);
    auto try_day = [&](int day) {
      int need = size;
      if (d.leader >= 0 && bookings_->MayEnforce(d.leader, day)) need = size - 1;
      auto team = bookings_->FindTeam(day, group.candidates, code, need, d.leader, rng_);
      if (!team) return false;
      bookings_->Book(*team, day, d.leader >= 0);
      ++group.day_load[day];
      std::vector<std::string> members;
      std::string leader;
      for (std::size_t k = 0; k < team->members.size(); ++k) {
        if (d.leader >= 0 && k == 0) {
          leader = EmployeeNo(team->members[k]);
          if (!bookings_->MayEnforce(d.leader, day))
            continue;  // leads, but is not a certified member
        }
        members.push_back(EmployeeNo(team->members[k]));
      }
      AddItem(d, day, team->slot, std::move(members), std::move(leader));
      RecordPhase(d, day);
      if (d.leader >= 0) ++leader_planned_[{d.leader, d.rule}];
      return true;
    };
    // Within 1/8 window of the series' phase, then within 1/4: consecutive visits stay at least
    // half a window apart (a full window = the whole year for once-a-year rules).
    bool placed = false;
    std::vector<int> attempted;
    for (int divisor : {8, 4}) {
      for (int day : DaysByPreference(Aim(d, divisor), group.day_load)) {
        if (tried[day]) continue;
        tried[day] = 1;
        attempted.push_back(day);
        if ((placed = try_day(day))) break;
      }
      if (placed) break;
    }
    for (int day : attempted) tried[day] = 0;
    if (!placed) {
      AddShortfall(d, group.candidates.size() < static_cast<std::size_t>(size)
                          ? "辖区内持有效执法证的检查人员不足 " + std::to_string(size) + " 人"
                          : "时间窗口内没有可用的检查组（人员已排满、证件到期或需回避）");
    }
  }
}

// The least-loaded day of the window (load ÷ weight) below the cap, scanning from a random start so
// equal days are not always taken from the left; -1 when every day is full.
int Compiler::BestDay(const DayWindow& window, const std::vector<int>& load, int cap) {
  if (window.size() <= 0) return -1;
  const int n = window.size();
  const int start = static_cast<int>(rng_.Uniform(static_cast<std::uint64_t>(n)));
  int best = -1;
  double best_score = 0;
  for (int k = 0; k < n; ++k) {
    const int day = window.first + (start + k) % n;
    if (load[day] >= cap) continue;
    const double score = (load[day] + 1) / grid_.weight(day);
    if (best < 0 || score < best_score) {
      best = day;
      best_score = score;
    }
  }
  return best;
}

void Compiler::ScheduleScreenings(const std::vector<Demand>& demands) {
  const int cap = policy_.team.community_daily_cap;
  static const std::vector<std::string> kNoStaff;
  for (const auto& d : demands) {
    const auto& pu = *units_[d.unit];
    auto& target = screening_target_[path_id_[d.unit]];
    if (target.load == nullptr) {
      const auto prefixes = PathPrefixes(pu.region_path);
      target.staff = &kNoStaff;
      for (auto it = prefixes.rbegin(); it != prefixes.rend(); ++it) {
        if (auto s = community_staff_by_path_.find(*it); s != community_staff_by_path_.end()) {
          target.staff = &s->second;
          break;
        }
      }
      // district / street / community: the community carries the daily cap.
      auto& load = community_load_[prefixes.size() >= 3 ? prefixes[2] : pu.region_path];
      if (load.empty()) load.assign(static_cast<std::size_t>(grid_.size()), 0);
      target.load = &load;
    }
    auto& load = *target.load;
    int day = BestDay(Aim(d, 8), load, cap);
    if (day < 0) day = BestDay(Aim(d, 4), load, cap);
    if (day < 0) {
      AddShortfall(d, "社区每日排查上限 " + std::to_string(cap) + " 家已排满");
      continue;
    }
    ++load[day];
    AddItem(d, day, 0, *target.staff, "");
    RecordPhase(d, day);
  }
}

void Compiler::AddShortfall(const Demand& d, std::string reason) {
  const auto& unit = units_[d.unit]->unit;
  plan_.shortfall.push_back({unit.credit_code, unit.name, d.rule, d.kind, 1, 0, std::move(reason)});
}

void Compiler::AddItem(const Demand& d, int day, int slot, std::vector<std::string> inspectors,
                       std::string leader) {
  const auto& pu = *units_[d.unit];
  PlanItem item;
  item.unit_credit_code = pu.unit.credit_code;
  item.unit_name = pu.unit.name;
  item.kind = d.kind;
  item.rule = d.rule;
  item.also_rules = d.also_rules;
  item.date = grid_.date(day);
  item.slot = slot;
  item.inspectors = std::move(inspectors);
  item.leader = std::move(leader);
  item.community = pu.community_name;
  item.grid = pu.grid_name;
  item.occurrence = d.occurrence;
  item.occurrences = d.occurrences;
  item.key_period = grid_.is_key(day);
  item.note = d.note;
  if (IsEnforcement(d.kind)) ++enforcement_count_[d.unit];
  ++item_count_[d.unit];
  plan_.items.push_back(std::move(item));
  item_unit_.push_back(d.unit);
}

std::string Compiler::WhyNotPlanned(int u) const {
  const auto& pu = *units_[u];
  const auto& unit = pu.unit;
  if (!Operating(u)) {
    return "单位状态为“" + std::string(domain::Label(unit.status)) + "”，不列入年度检查计划";
  }
  if (auto it = shortfall_of_.find(unit.credit_code); it != shortfall_of_.end()) {
    const auto& e = plan_.shortfall[it->second];
    return "列入缺口清单（" + e.rule + "）：" + e.reason;
  }
  std::string reason;
  for (const auto& rule : policy_.frequency_rules) {
    if (!SelectorMatches(rule.selector, unit)) continue;
    if (!IsDue(rule, pu, input_.year)) {
      reason = rule.source.id + "（" + rule.source.title + "，" + std::string(Label(rule.period)) +
               "至少 " + std::to_string(rule.count) + " 次）：上年度已检查（" +
               pu.last_inspected->ToString() + "），本年度不必检查";
    } else if (!rule.mandatory) {
      reason = rule.source.id + "（" + rule.source.title + "，" + std::string(Label(rule.period)) +
               "至少 " + std::to_string(rule.count) + " 次）为覆盖目标，本年度未列入确定性检查";
    }
  }
  if (!exclusion_note_[u].empty())
    return reason.empty() ? exclusion_note_[u] : reason + "；" + exclusion_note_[u];
  for (std::size_t k = 0; k < policy_.random_draws.size(); ++k) {
    const auto& draw = policy_.random_draws[k];
    if (!SelectorMatches(draw.pool, unit)) continue;
    const auto& record = plan_.draws[k];
    std::string drawn = "属于" + draw.source.title + "抽查池（" + draw.source.id + "，共 " +
                        std::to_string(record.pool_size) + " 家，抽取 " +
                        std::to_string(record.drawn) + " 家），本次未被抽中";
    return reason.empty() ? drawn : reason + "；" + drawn;
  }
  if (!reason.empty()) return reason;
  return "不属于任何检查规则的适用范围（" + std::string(domain::Label(unit.level)) + "、" +
         std::string(domain::Label(unit.risk)) + "色、" + (unit.is_key ? "重点" : "非重点") +
         "单位）";
}

void Compiler::Finish() {
  // By date, slot, kind, unit (index order = credit-code order), occurrence; integer keys so
  // millions of items sort without string comparisons.
  auto& items = plan_.items;
  struct Key {
    std::int64_t day;
    int slot, kind, unit, occurrence;
    std::size_t index;
  };
  std::vector<Key> keys(items.size());
  for (std::size_t k = 0; k < items.size(); ++k) {
    keys[k] = {items[k].date.ToDays(), items[k].slot,       static_cast<int>(items[k].kind),
               item_unit_[k],          items[k].occurrence, k};
  }
  std::sort(keys.begin(), keys.end(), [](const Key& a, const Key& b) {
    return std::tie(a.day, a.slot, a.kind, a.unit, a.occurrence, a.index) <
           std::tie(b.day, b.slot, b.kind, b.unit, b.occurrence, b.index);
  });
  std::vector<PlanItem> sorted;
  sorted.reserve(items.size());
  for (const auto& key : keys) sorted.push_back(std::move(items[key.index]));
  items = std::move(sorted);
  // Stable keys: unit, rule and occurrence, with "#n" on the n-th repeat in plan order (two
  // leaders may visit the same unit in the same month under one quota rule). Counted on integers,
  // so a province's four million items need no string map.
  std::map<std::string, int> rule_ids;
  std::unordered_map<std::uint64_t, int> seen;
  seen.reserve(items.size());
  for (std::size_t k = 0; k < items.size(); ++k) {
    auto& item = items[k];
    item.seq = static_cast<int>(k) + 1;
    const auto rule = rule_ids.emplace(item.rule, static_cast<int>(rule_ids.size())).first->second;
    const std::uint64_t identity = (static_cast<std::uint64_t>(keys[k].unit) << 40) |
                                   (static_cast<std::uint64_t>(rule) << 20) |
                                   static_cast<std::uint64_t>(item.occurrence);
    const int repeat = ++seen[identity];
    item.key = item.unit_credit_code + "/" + item.rule + "/" + std::to_string(item.occurrence);
    if (repeat > 1) item.key += "#" + std::to_string(repeat);
  }
  Recount(plan_);
  auto& s = plan_.summary;
  s.units_total = static_cast<int>(units_.size());
  for (const auto* u : units_) {
    if (u->unit.is_key) ++s.key_units;
  }
  // One entry per unit, rule and reason: a weekly rule short all year is one line saying 52.
  {
    std::map<std::tuple<std::string, std::string, int, std::string>, std::size_t> index;
    std::vector<ShortfallEntry> merged;
    for (auto& e : plan_.shortfall) {
      auto key = std::make_tuple(e.unit_credit_code, e.rule, static_cast<int>(e.kind), e.reason);
      if (e.unit_credit_code.empty()) {
        merged.push_back(std::move(e));
        continue;
      }
      auto [it, inserted] = index.emplace(std::move(key), merged.size());
      if (inserted) {
        merged.push_back(std::move(e));
      } else {
        merged[it->second].required += e.required;
        merged[it->second].planned += e.planned;
      }
    }
    plan_.shortfall = std::move(merged);
  }
  std::stable_sort(plan_.shortfall.begin(), plan_.shortfall.end(),
                   [&](const ShortfallEntry& a, const ShortfallEntry& b) {
                     auto rank = [&](const ShortfallEntry& e) {
                       if (e.unit_credit_code.empty()) return -1;
                       auto it = std::lower_bound(units_.begin(), units_.end(), e.unit_credit_code,
                                                  [](const PlanUnit* p, const std::string& c) {
                                                    return p->unit.credit_code < c;
                                                  });
                       return it == units_.end() ? 1000 : RiskRank((*it)->unit);
                     };
                     const int ra = rank(a), rb = rank(b);
                     if (ra != rb) return ra < rb;
                     return a.unit_credit_code < b.unit_credit_code;
                   });
  for (std::size_t k = 0; k < plan_.shortfall.size(); ++k) {
    shortfall_of_.emplace(plan_.shortfall[k].unit_credit_code, k);
  }
  for (std::size_t u = 0; u < units_.size(); ++u) {
    if (item_count_[u] > 0) continue;
    plan_.not_planned.push_back(
        {units_[u]->unit.credit_code, units_[u]->unit.name, WhyNotPlanned(static_cast<int>(u))});
  }
  bool any_load = false;
  for (std::size_t i = 0; i < inspectors_.size(); ++i) {
    const auto& in = inspectors_[i]->inspector;
    const int ii = static_cast<int>(i);
    if (IsCommunityRole(in.role)) continue;
    plan_.loads.push_back(
        {in.employee_no, in.name, bookings_->load(ii), bookings_->leader_load(ii)});
    if (domain::IsLeaderRole(in.role) || !bookings_->MayEnforce(ii, 0)) continue;
    s.max_load = any_load ? std::max(s.max_load, bookings_->load(ii)) : bookings_->load(ii);
    s.min_load = any_load ? std::min(s.min_load, bookings_->load(ii)) : bookings_->load(ii);
    any_load = true;
  }
  for (const auto& [key, required] : leader_required_) {
    const auto& in = inspectors_[key.first]->inspector;
    const int planned = leader_planned_[key];
    plan_.leader_quotas.push_back({in.employee_no, in.name, key.second, required, planned});
    if (planned < required) {
      plan_.shortfall.push_back({"", "", key.second, ItemKind::kLeaderLed, required, planned,
                                 in.name + "（" + in.employee_no + "）领导带队检查应 " +
                                     std::to_string(required) + " 次，只安排了 " +
                                     std::to_string(planned) + " 次"});
    }
  }
  if (grid_.size() > 0) {
    for (std::size_t i = 0; i < inspectors_.size(); ++i) {
      const auto& in = inspectors_[i]->inspector;
      if (IsCommunityRole(in.role) || domain::IsLeaderRole(in.role)) continue;
      const int ii = static_cast<int>(i);
      if (bookings_->MayEnforce(ii, 0) && !bookings_->MayEnforce(ii, grid_.size() - 1)) {
        plan_.warnings.push_back(in.name + "（" + in.employee_no + "）的执法证于 " +
                                 in.certificate_valid_until->ToString() +
                                 " 到期，到期后不再安排其参加执法检查");
      }
    }
  }
  if (s.capacity.overridden) {
    plan_.warnings.push_back("检查能力采用人工设定值 " + std::to_string(s.capacity.inspections) +
                             " 家次（按工作日测算为 " +
                             std::to_string(s.capacity.computed_inspections) + " 家次）");
  }
}

}  // namespace

Result<Plan> CompilePlan(const PlanInput& input, const WorkingCalendar& calendar) {
  Compiler compiler(input, calendar);
  return compiler.Run();
}

void Recount(Plan& plan) {
  auto& s = plan.summary;
  s.items_per_month.assign(12, 0);
  s.deterministic = s.random = s.special = s.leader_led = s.community_screening = 0;
  std::unordered_set<std::string_view> units;
  units.reserve(plan.items.size());
  for (std::size_t k = 0; k < plan.items.size(); ++k) {
    const auto& item = plan.items[k];
    ++s.items_per_month[item.date.month() - 1];
    units.insert(item.unit_credit_code);
    switch (item.kind) {
      case ItemKind::kDeterministic:
        ++s.deterministic;
        break;
      case ItemKind::kRandom:
        ++s.random;
        break;
      case ItemKind::kSpecial:
        ++s.special;
        break;
      case ItemKind::kLeaderLed:
        ++s.leader_led;
        break;
      case ItemKind::kCommunityScreening:
        ++s.community_screening;
        break;
    }
  }
  s.units_planned = static_cast<int>(units.size());
}

std::string ExplainUnit(const Plan& plan, const std::string& credit_code) {
  for (const auto& n : plan.not_planned) {
    if (n.unit_credit_code == credit_code) return n.reason;
  }
  return "";
}

}  // namespace anjian::planner

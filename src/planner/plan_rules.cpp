#include "planner/plan_rules.hpp"

#include <algorithm>

namespace anjian::planner {

namespace {
template <typename T>
bool AnyOf(const std::vector<T>& wanted, T value) {
  return wanted.empty() || std::find(wanted.begin(), wanted.end(), value) != wanted.end();
}
}  // namespace

bool SelectorMatches(const UnitSelector& s, const domain::Unit& unit) {
  if (!AnyOf(s.levels, unit.level) || !AnyOf(s.risks, unit.risk)) return false;
  if (!s.categories.empty()) {
    bool any = false;
    for (auto c : unit.categories) any = any || AnyOf(s.categories, c);
    if (!any) return false;
  }
  if (s.key && *s.key != unit.is_key) return false;
  if (s.accident_last_year && *s.accident_last_year != unit.accident_last_year) return false;
  if (s.major_hazard_source && *s.major_hazard_source != unit.major_hazard_source) return false;
  return true;
}

bool IsDue(const FrequencyRule& rule, const PlanUnit& unit, int year) {
  if (rule.period != Period::kTwoYears) return true;
  return !unit.last_inspected || unit.last_inspected->year() < year - 1;
}

int AnnualVisits(const FrequencyRule& rule) { return rule.count * PeriodsPerYear(rule.period); }

int RiskRank(const domain::Unit& unit) {
  return static_cast<int>(unit.risk) * 100 + static_cast<int>(unit.level) * 10 +
         (unit.accident_last_year ? 0 : 1);
}

bool InspectedWithinMonths(CivilDate last, int plan_year, int months) {
  // Months counted back from the plan year's first day.
  const int months_before = (plan_year - last.year()) * 12 - (last.month() - 1);
  return months_before <= months;
}

std::string StratumKey(Stratification stratification, const PlanUnit& unit) {
  switch (stratification) {
    case Stratification::kNone:
      return "";
    case Stratification::kCommunity:
      return unit.community_name;
    case Stratification::kRisk:
      return std::string(domain::Code(unit.unit.risk));
  }
  return "";
}

std::vector<int> DrawWithoutReplacement(std::vector<int> pool, int count, SeededRng& rng) {
  const int n = static_cast<int>(pool.size());
  const int take = std::max(0, std::min(count, n));
  for (int k = 0; k < take; ++k) {
    const int j = k + static_cast<int>(rng.Uniform(static_cast<std::uint64_t>(n - k)));
    std::swap(pool[k], pool[j]);
  }
  pool.resize(take);
  return pool;
}

std::vector<int> DrawStratified(const std::vector<std::vector<int>>& strata, int count,
                                SeededRng& rng) {
  std::size_t total = 0;
  for (const auto& s : strata) total += s.size();
  if (total == 0 || count <= 0) return {};
  count = std::min<int>(count, static_cast<int>(total));
  std::vector<int> quota(strata.size(), 0);
  std::vector<std::pair<long long, int>> remainders;  // (remainder × total, stratum)
  int allocated = 0;
  for (std::size_t i = 0; i < strata.size(); ++i) {
    const long long exact =
        static_cast<long long>(count) * static_cast<long long>(strata[i].size());
    quota[i] = static_cast<int>(exact / static_cast<long long>(total));
    allocated += quota[i];
    remainders.push_back({exact % static_cast<long long>(total), static_cast<int>(i)});
  }
  std::stable_sort(remainders.begin(), remainders.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  for (std::size_t k = 0; allocated < count && k < remainders.size(); ++k) {
    const int i = remainders[k].second;
    if (quota[i] < static_cast<int>(strata[i].size())) {
      ++quota[i];
      ++allocated;
    }
  }
  std::vector<int> drawn;
  for (std::size_t i = 0; i < strata.size(); ++i) {
    auto part = DrawWithoutReplacement(strata[i], quota[i], rng);
    drawn.insert(drawn.end(), part.begin(), part.end());
  }
  return drawn;
}

}  // namespace anjian::planner

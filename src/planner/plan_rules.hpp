// Small rule helpers of the compiler: selector matching, due dates, risk order and the draws
// (documented in docs/planner.md so a draw can be re-run by hand).
#pragma once

#include <string>
#include <vector>

#include "common/clock.hpp"
#include "planner/plan.hpp"

namespace anjian::planner {

bool SelectorMatches(const UnitSelector& selector, const domain::Unit& unit);
// A two-year rule is due when the unit was not inspected in the previous year (or never).
bool IsDue(const FrequencyRule& rule, const PlanUnit& unit, int year);
int AnnualVisits(const FrequencyRule& rule);
// Shortfall order: red, orange, yellow, blue; then level 1, 2, 3; then accident last year first.
int RiskRank(const domain::Unit& unit);
bool InspectedWithinMonths(CivilDate last, int plan_year, int months);
std::string StratumKey(Stratification stratification, const PlanUnit& unit);

// Partial Fisher–Yates over `pool` (kept in its given order): for k = 0.. take
// j = k + Uniform(n − k), swap, keep pool[k]. Returns min(count, n) indices in draw order.
std::vector<int> DrawWithoutReplacement(std::vector<int> pool, int count, SeededRng& rng);
// Proportional allocation over strata by largest remainder (ties to the earlier stratum), then a
// draw inside each stratum in stratum order.
std::vector<int> DrawStratified(const std::vector<std::vector<int>>& strata, int count,
                                SeededRng& rng);

}  // namespace anjian::planner

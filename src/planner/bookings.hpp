// Who is busy when: half-day slots per inspector, daily caps, certificate validity per day and
// recusal — the hard team rules (R-PROC-2, R-ROLE-15, R-DR-7). Teams are drawn at random among
// the least-loaded eligible inspectors, so the draw stays random and the load stays balanced.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "common/clock.hpp"
#include "planner/plan.hpp"
#include "planner/year_grid.hpp"

namespace anjian::planner {

struct TeamChoice {
  int slot = 0;
  std::vector<int> members;  // inspector indices; the leader first when there is one
};

class Bookings {
 public:
  Bookings(const YearGrid& grid, const std::vector<const PlanInspector*>& inspectors,
           const TeamRules& rules);

  // Certified, an enforcement role and the certificate valid on that day (R-ROLE-15).
  bool MayEnforce(int inspector, int day) const { return day <= last_enforcement_day_[inspector]; }
  bool IsRecused(int inspector, const std::string& credit_code) const {
    return recusals_[inspector].count(credit_code) > 0;
  }
  bool IsFree(int inspector, int day, int slot) const;
  int load(int inspector) const { return load_[inspector]; }
  int leader_load(int inspector) const { return leader_load_[inspector]; }

  // A team of `need` enforcement officers from `candidates` (plus `leader` when ≥ 0) free in one
  // slot of `day`, none recused for the unit. Returns nothing when no slot has enough.
  std::optional<TeamChoice> FindTeam(int day, const std::vector<int>& candidates,
                                     const std::string& credit_code, int need, int leader,
                                     SeededRng& rng) const;
  void Book(const TeamChoice& team, int day, bool led);

 private:
  const TeamRules& rules_;
  int slots_;
  std::vector<int> last_enforcement_day_;  // -1: never
  std::vector<std::unordered_set<std::string>> recusals_;
  std::vector<std::vector<std::uint8_t>> busy_;  // [inspector][day * slots + slot]
  std::vector<std::vector<std::uint8_t>> per_day_;
  std::vector<int> load_;
  std::vector<int> leader_load_;
};

}  // namespace anjian::planner

#include "planner/bookings.hpp"

#include <algorithm>

namespace anjian::planner {

Bookings::Bookings(const YearGrid& grid, const std::vector<const PlanInspector*>& inspectors,
                   const TeamRules& rules)
    : rules_(rules), slots_(rules.slots_per_day) {
  const std::size_t n = inspectors.size();
  last_enforcement_day_.assign(n, -1);
  recusals_.resize(n);
  busy_.resize(n);
  per_day_.resize(n);
  load_.assign(n, 0);
  leader_load_.assign(n, 0);
  for (std::size_t i = 0; i < n; ++i) {
    const auto& inspector = inspectors[i]->inspector;
    for (const auto& code : inspector.recusal_codes) recusals_[i].insert(code);
    // Walk back from the year's end to the last day the certificate is valid.
    for (int d = grid.size() - 1; d >= 0; --d) {
      if (domain::MayPerformEnforcement(inspector, grid.date(d))) {
        last_enforcement_day_[i] = d;
        break;
      }
    }
  }
  for (std::size_t i = 0; i < n; ++i) {
    busy_[i].assign(static_cast<std::size_t>(grid.size()) * slots_, 0);
    per_day_[i].assign(static_cast<std::size_t>(grid.size()), 0);
  }
}

bool Bookings::IsFree(int inspector, int day, int slot) const {
  return busy_[inspector][static_cast<std::size_t>(day) * slots_ + slot] == 0 &&
         per_day_[inspector][day] < rules_.max_items_per_inspector_per_day;
}

std::optional<TeamChoice> Bookings::FindTeam(int day, const std::vector<int>& candidates,
                                             const std::string& credit_code, int need, int leader,
                                             SeededRng& rng) const {
  struct Ranked {
    std::uint64_t key;
    int inspector;
  };
  std::vector<Ranked> ranked;
  ranked.reserve(candidates.size());
  for (int slot = 0; slot < slots_; ++slot) {
    if (leader >= 0 && (!IsFree(leader, day, slot) || IsRecused(leader, credit_code))) continue;
    ranked.clear();
    for (int c : candidates) {
      if (c == leader || !MayEnforce(c, day) || !IsFree(c, day, slot) ||
          IsRecused(c, credit_code)) {
        continue;
      }
      // Least-loaded first; the random low bits make the pick among equals a draw.
      const auto key = (static_cast<std::uint64_t>(load_[c]) << 32) | (rng.Next() >> 32);
      ranked.push_back({key, c});
    }
    if (static_cast<int>(ranked.size()) < need) continue;
    std::partial_sort(ranked.begin(), ranked.begin() + need, ranked.end(),
                      [](const Ranked& a, const Ranked& b) { return a.key < b.key; });
    TeamChoice team{slot, {}};
    if (leader >= 0) team.members.push_back(leader);
    for (int k = 0; k < need; ++k) team.members.push_back(ranked[k].inspector);
    std::sort(team.members.begin() + (leader >= 0 ? 1 : 0), team.members.end());
    return team;
  }
  return std::nullopt;
}

void Bookings::Book(const TeamChoice& team, int day, bool led) {
  for (std::size_t k = 0; k < team.members.size(); ++k) {
    const int m = team.members[k];
    busy_[m][static_cast<std::size_t>(day) * slots_ + team.slot] = 1;
    ++per_day_[m][day];
    if (led && k == 0) {
      ++leader_load_[m];
    } else {
      ++load_[m];
    }
  }
}

}  // namespace anjian::planner

#include "domain/registry/key_policy.hpp"

#include <algorithm>

namespace anjian::domain {

bool IsKeyUnit(const KeyPolicy& policy, const Unit& unit) {
  auto contains = [](const auto& list, auto value) {
    return std::find(list.begin(), list.end(), value) != list.end();
  };
  if (contains(policy.key_colours, unit.risk)) return true;
  if (policy.accident_last_year_is_key && unit.accident_last_year) return true;
  if (policy.major_hazard_source_is_key && unit.major_hazard_source) return true;
  return contains(policy.key_levels, unit.level);
}

}  // namespace anjian::domain

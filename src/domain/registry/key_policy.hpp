// Which units are key supervision objects (重点监督检查对象). R-RISK-2 by default: red or
// orange risk, or a production-safety accident in the previous year. Jurisdictions may
// configure it (domain.md §12), so the rule is data, applied by IsKeyUnit.
#pragma once

#include <vector>

#include "domain/registry/unit.hpp"

namespace anjian::domain {

struct KeyPolicy {
  std::vector<RiskColour> key_colours = {RiskColour::kRed, RiskColour::kOrange};
  bool accident_last_year_is_key = true;
  bool major_hazard_source_is_key = false;
  std::vector<SupervisionLevel> key_levels;  // empty: level does not decide

  static KeyPolicy Default() { return {}; }
};

bool IsKeyUnit(const KeyPolicy& policy, const Unit& unit);

}  // namespace anjian::domain

// Region tree: district → street → community/village → grid (PRODUCT.md C1, domain.md §14.2).
// Codes: 6-digit GB/T 2260 for a district, 9-digit statistical code for a street, 12-digit
// for a community or village; grids are local and carry no national code.
#pragma once

#include <optional>
#include <string>

#include "common/error.hpp"
#include "common/ids.hpp"
#include "domain/registry/enums.hpp"

namespace anjian::domain {

struct Region {
  RegionId id;
  std::optional<RegionId> parent_id;
  RegionLevel level = RegionLevel::kCommunity;
  std::string code;  // may be empty where no national code exists
  std::string name;
  std::string path;  // "/1/5/23/": ids from the root, maintained by the store
  int version = 1;
};

// Whether a region of `child` level may hang under a region of `parent` level.
// A district is the only root; communities and villages both sit under a street.
bool MayBeChildOf(RegionLevel child, std::optional<RegionLevel> parent);
// Validates the code's digits for the level (empty is allowed at every level).
Status ValidateRegionCode(RegionLevel level, std::string_view code);
// Validates name, code and the parent/child level rule together.
Status ValidateRegion(const Region& region, std::optional<RegionLevel> parent_level);

}  // namespace anjian::domain

// A small region tree written through the store port, shared by the store and app tests:
//   解放区 (410802) → 解放街道 (410802001) → 东风社区, 民主社区, 王庄村 (village)
//   东风社区 → 东风社区第一网格, 东风社区第二网格;  民主社区 → 民主社区第一网格
#pragma once

#include "common/error.hpp"
#include "domain/registry/region.hpp"
#include "store/store.hpp"

namespace anjian::test_support {

struct RegionTree {
  domain::Region district, street, community_a, community_b, village, grid_a1, grid_a2, grid_b1;
};

Result<RegionTree> SeedRegionTree(store::Store& store);

}  // namespace anjian::test_support

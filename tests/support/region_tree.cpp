#include "support/region_tree.hpp"

namespace anjian::test_support {

Result<RegionTree> SeedRegionTree(store::Store& store) {
  ANJIAN_ASSIGN_OR_RETURN(auto session, store.Write());
  auto add = [&](const domain::Region* parent, domain::RegionLevel level, std::string code,
                 std::string name) -> Result<domain::Region> {
    domain::Region r;
    if (parent) r.parent_id = parent->id;
    r.level = level;
    r.code = std::move(code);
    r.name = std::move(name);
    return session->InsertRegion(r);
  };
  using L = domain::RegionLevel;
  RegionTree t;
  ANJIAN_ASSIGN_OR_RETURN(t.district, add(nullptr, L::kDistrict, "410802", "解放区"));
  ANJIAN_ASSIGN_OR_RETURN(t.street, add(&t.district, L::kStreet, "410802001", "解放街道"));
  ANJIAN_ASSIGN_OR_RETURN(t.community_a, add(&t.street, L::kCommunity, "410802001001", "东风社区"));
  ANJIAN_ASSIGN_OR_RETURN(t.community_b, add(&t.street, L::kCommunity, "410802001002", "民主社区"));
  ANJIAN_ASSIGN_OR_RETURN(t.village, add(&t.street, L::kVillage, "410802001200", "王庄村"));
  ANJIAN_ASSIGN_OR_RETURN(t.grid_a1, add(&t.community_a, L::kGrid, "", "东风社区第一网格"));
  ANJIAN_ASSIGN_OR_RETURN(t.grid_a2, add(&t.community_a, L::kGrid, "", "东风社区第二网格"));
  ANJIAN_ASSIGN_OR_RETURN(t.grid_b1, add(&t.community_b, L::kGrid, "", "民主社区第一网格"));
  ANJIAN_TRY(session->Commit());
  return t;
}

}  // namespace anjian::test_support

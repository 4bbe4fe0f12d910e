// Store contract: the region tree (paths, sibling-name uniqueness, versions, scope).
#include "store_contract.hpp"

namespace anjian::store {
namespace {

using domain::Region;
using domain::RegionLevel;

std::string PathOf(std::initializer_list<RegionId> ids) {
  std::string path = "/";
  for (auto id : ids) path += std::to_string(id.value) + "/";
  return path;
}

TEST_P(StoreContractTest, InsertRegionComputesPathFromAncestors) {
  SeedTree();
  EXPECT_EQ(tree_.district.path, PathOf({tree_.district.id}));
  EXPECT_EQ(tree_.street.path, PathOf({tree_.district.id, tree_.street.id}));
  EXPECT_EQ(tree_.grid_a1.path,
            PathOf({tree_.district.id, tree_.street.id, tree_.community_a.id, tree_.grid_a1.id}));
  EXPECT_EQ(tree_.grid_a1.version, 1);
  auto session = ReadSession();
  auto stored = session->GetRegion(Scope::All(), tree_.grid_a1.id);
  ASSERT_OK(stored);
  EXPECT_EQ(stored->path, tree_.grid_a1.path);
  EXPECT_EQ(stored->name, "东风社区第一网格");
  EXPECT_EQ(stored->level, RegionLevel::kGrid);
  EXPECT_EQ(stored->parent_id, std::optional<RegionId>(tree_.community_a.id));
}

TEST_P(StoreContractTest, RegionRowsRoundTripCodeAndLevel) {
  SeedTree();
  auto session = ReadSession();
  auto village = session->GetRegion(Scope::All(), tree_.village.id);
  ASSERT_OK(village);
  EXPECT_EQ(village->code, "410802001200");
  EXPECT_EQ(village->level, RegionLevel::kVillage);
  EXPECT_FALSE(session->GetRegion(Scope::All(), tree_.district.id)->parent_id.has_value());
}

TEST_P(StoreContractTest, SiblingWithSameNameIsAlreadyExists) {
  SeedTree();
  auto session = WriteSession();
  Region twin;
  twin.parent_id = tree_.street.id;
  twin.level = RegionLevel::kCommunity;
  twin.name = "东风社区";
  EXPECT_ERROR_CODE(session->InsertRegion(twin), kAlreadyExists);
}

TEST_P(StoreContractTest, SameNameUnderDifferentParentsIsAllowed) {
  SeedTree();
  auto session = WriteSession();
  Region grid;
  grid.parent_id = tree_.community_b.id;
  grid.level = RegionLevel::kGrid;
  grid.name = "东风社区第一网格";  // same name as a grid under 东风社区
  EXPECT_OK(session->InsertRegion(grid));
}

TEST_P(StoreContractTest, RootsWithSameNameCollide) {
  SeedTree();
  auto session = WriteSession();
  Region district;
  district.level = RegionLevel::kDistrict;
  district.code = "410803";
  district.name = "解放区";
  EXPECT_ERROR_CODE(session->InsertRegion(district), kAlreadyExists);
}

TEST_P(StoreContractTest, ListRegionsPutsParentsBeforeChildrenAndHonoursScope) {
  SeedTree();
  auto session = ReadSession();
  auto all = session->ListRegions(Scope::All());
  ASSERT_OK(all);
  ASSERT_EQ(all->size(), 8u);
  std::set<std::int64_t> seen;
  for (const auto& r : *all) {
    if (r.parent_id) {
      EXPECT_TRUE(seen.count(r.parent_id->value)) << r.name << " before its parent";
    }
    seen.insert(r.id.value);
  }
  auto under_a = session->ListRegions(Scope::Under(tree_.community_a.path));
  ASSERT_OK(under_a);
  std::set<std::int64_t> ids;
  for (const auto& r : *under_a) ids.insert(r.id.value);
  EXPECT_EQ(ids, (std::set<std::int64_t>{tree_.community_a.id.value, tree_.grid_a1.id.value,
                                         tree_.grid_a2.id.value}));
}

TEST_P(StoreContractTest, GetRegionOutsideScopeIsNotFound) {
  SeedTree();
  auto session = ReadSession();
  EXPECT_ERROR_CODE(session->GetRegion(Scope::Under(tree_.community_a.path), tree_.grid_b1.id),
                    kNotFound);
  EXPECT_ERROR_CODE(session->GetRegion(Scope::All(), RegionId(987654)), kNotFound);
}

TEST_P(StoreContractTest, FindRegionByNameLooksOnlyAmongChildren) {
  SeedTree();
  auto session = ReadSession();
  auto found = session->FindRegionByName(tree_.street.id, "王庄村");
  ASSERT_OK(found);
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->id, tree_.village.id);
  auto elsewhere = session->FindRegionByName(tree_.community_a.id, "王庄村");
  ASSERT_OK(elsewhere);
  EXPECT_FALSE(elsewhere->has_value());
  auto root = session->FindRegionByName(std::nullopt, "解放区");
  ASSERT_OK(root);
  ASSERT_TRUE(root->has_value());
  EXPECT_EQ((*root)->id, tree_.district.id);
}

TEST_P(StoreContractTest, UpdateRegionBumpsVersionAndRejectsStaleVersion) {
  SeedTree();
  auto session = WriteSession();
  Region renamed = tree_.community_b;
  renamed.name = "民主新村社区";
  auto saved = session->UpdateRegion(renamed);
  ASSERT_OK(saved);
  EXPECT_EQ(saved->version, 2);
  EXPECT_EQ(saved->name, "民主新村社区");
  Region stale = tree_.community_b;  // still version 1
  stale.name = "别的名字";
  EXPECT_ERROR_CODE(session->UpdateRegion(stale), kConflict);
  EXPECT_EQ(session->GetRegion(Scope::All(), tree_.community_b.id)->name, "民主新村社区");
}

TEST_P(StoreContractTest, RenamingOntoASiblingNameIsAlreadyExists) {
  SeedTree();
  auto session = WriteSession();
  Region renamed = tree_.community_b;
  renamed.name = "东风社区";
  EXPECT_ERROR_CODE(session->UpdateRegion(renamed), kAlreadyExists);
}

TEST_P(StoreContractTest, DeleteRegionRefusesWhileItHasChildren) {
  SeedTree();
  auto session = WriteSession();
  EXPECT_ERROR_CODE(session->DeleteRegion(tree_.community_a.id, 1), kFailedPrecondition);
  EXPECT_ERROR_CODE(session->DeleteRegion(tree_.grid_a1.id, 7), kConflict);
  EXPECT_OK(session->DeleteRegion(tree_.grid_a1.id, 1));
  EXPECT_ERROR_CODE(session->GetRegion(Scope::All(), tree_.grid_a1.id), kNotFound);
}

TEST_P(StoreContractTest, DeleteRegionRefusesWhileUnitsReferToIt) {
  SeedTree();
  AddUnit(test_support::MakeUnit(tree_.village.id, 1));
  auto session = WriteSession();
  EXPECT_ERROR_CODE(session->DeleteRegion(tree_.village.id, 1), kFailedPrecondition);
}

}  // namespace
}  // namespace anjian::store

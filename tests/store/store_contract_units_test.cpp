// Store contract: units — round trip, filters, paging, uniqueness, optimistic versions, scope.
#include <set>

#include "store_contract.hpp"

namespace anjian::store {
namespace {

using domain::RiskColour;
using domain::SupervisionCategory;
using domain::SupervisionLevel;
using domain::Unit;
using test_support::MakeUnit;

std::set<std::int64_t> Ids(const std::vector<Unit>& units) {
  std::set<std::int64_t> ids;
  for (const auto& u : units) ids.insert(u.id.value);
  return ids;
}

class UnitFilters {
 public:
  // Five units whose attributes are chosen so each filter selects a distinct, known subset.
  UnitFilters(const test_support::RegionTree& tree, const std::function<Unit(const Unit&)>& add) {
    Unit u1 = MakeUnit(tree.community_a.id, 101);
    u1.grid_id = tree.grid_a1.id;
    u1.name = "鑫源化工有限公司";
    u1.risk = RiskColour::kRed;
    u1.level = SupervisionLevel::kLevel1;
    u1.categories = {SupervisionCategory::kHazardousChemicals, SupervisionCategory::kConfinedSpace};
    u1.is_key = true;
    Unit u2 = MakeUnit(tree.community_a.id, 102);
    u2.grid_id = tree.grid_a2.id;
    u2.name = "华泰燃气供应站";
    u2.risk = RiskColour::kOrange;
    u2.level = SupervisionLevel::kLevel2;
    u2.categories = {SupervisionCategory::kGas};
    u2.status = domain::UnitStatus::kSuspended;
    u2.is_key = true;
    Unit u3 = MakeUnit(tree.community_b.id, 103);
    u3.grid_id = tree.grid_b1.id;
    u3.name = "民主超市";
    u3.risk = RiskColour::kYellow;
    u3.categories = {SupervisionCategory::kCommerce, SupervisionCategory::kGas};
    Unit u4 = MakeUnit(tree.village.id, 104);
    u4.name = "王庄餐馆";
    u4.address = "王庄村东街8号";
    u4.categories = {SupervisionCategory::kNineSmallPlaces};
    u4.accident_last_year = true;
    u4.is_key = true;
    Unit u5 = MakeUnit(tree.community_a.id, 105);
    u5.name = "百分百%便利店";
    units = {add(u1), add(u2), add(u3), add(u4), add(u5)};
  }
  std::int64_t id(int n) const { return units[static_cast<std::size_t>(n - 1)].id.value; }
  std::vector<Unit> units;
};

TEST_P(StoreContractTest, InsertUnitAssignsIdVersionAndTimestampsAndRoundTrips) {
  SeedTree();
  Unit u = MakeUnit(tree_.community_a.id, 7);
  u.grid_id = tree_.grid_a1.id;
  u.credit_code_override = true;
  u.credit_code_override_reason = "早期代码";
  u.categories = {SupervisionCategory::kGas, SupervisionCategory::kCommerce};
  u.major_hazard_source = true;
  u.is_key = true;
  const Unit saved = AddUnit(u);
  EXPECT_GT(saved.id.value, 0);
  EXPECT_EQ(saved.version, 1);
  EXPECT_EQ(saved.created_at, kNow);
  auto session = ReadSession();
  auto got = session->GetUnit(Scope::All(), saved.id);
  ASSERT_OK(got);
  EXPECT_EQ(got->credit_code, u.credit_code);
  EXPECT_TRUE(got->credit_code_override);
  EXPECT_EQ(got->credit_code_override_reason, "早期代码");
  EXPECT_EQ(got->name, u.name);
  EXPECT_EQ(got->address, u.address);
  EXPECT_EQ(got->community_id, tree_.community_a.id);
  EXPECT_EQ(got->grid_id, std::optional<RegionId>(tree_.grid_a1.id));
  EXPECT_EQ(got->categories, u.categories);
  EXPECT_EQ(got->industry_section, "F");
  EXPECT_TRUE(got->major_hazard_source);
  EXPECT_EQ(got->employees, 12);
  EXPECT_EQ(got->contact_phone, "0391-1234567");
  EXPECT_TRUE(got->is_key);
  EXPECT_EQ(got->version, 1);
  EXPECT_EQ(got->created_at, kNow);
  EXPECT_EQ(got->updated_at, kNow);
}

TEST_P(StoreContractTest, ListUnitsFiltersByEachCriterion) {
  SeedTree();
  UnitFilters f(tree_, [this](const Unit& u) { return AddUnit(u); });
  auto session = ReadSession();
  auto list = [&](UnitQuery q) {
    auto page = session->ListUnits(Scope::All(), q);
    EXPECT_OK(page);
    EXPECT_EQ(page->total, static_cast<std::int64_t>(page->items.size()));
    return Ids(page->items);
  };
  using S = std::set<std::int64_t>;
  EXPECT_EQ(list({}), (S{f.id(1), f.id(2), f.id(3), f.id(4), f.id(5)}));
  EXPECT_EQ(list({.risk = RiskColour::kRed}), (S{f.id(1)}));
  EXPECT_EQ(list({.risk = RiskColour::kBlue}), (S{f.id(4), f.id(5)}));
  EXPECT_EQ(list({.level = SupervisionLevel::kLevel3}), (S{f.id(3), f.id(4), f.id(5)}));
  EXPECT_EQ(list({.key = true}), (S{f.id(1), f.id(2), f.id(4)}));
  EXPECT_EQ(list({.key = false}), (S{f.id(3), f.id(5)}));
  EXPECT_EQ(list({.category = SupervisionCategory::kGas}), (S{f.id(2), f.id(3)}));
  EXPECT_EQ(list({.category = SupervisionCategory::kConfinedSpace}), (S{f.id(1)}));
  EXPECT_EQ(list({.status = domain::UnitStatus::kSuspended}), (S{f.id(2)}));
  EXPECT_EQ(list({.region = tree_.community_a.id}), (S{f.id(1), f.id(2), f.id(5)}));
  EXPECT_EQ(list({.region = tree_.grid_a1.id}), (S{f.id(1)}));
  EXPECT_EQ(list({.region = tree_.street.id}), (S{f.id(1), f.id(2), f.id(3), f.id(4), f.id(5)}));
  EXPECT_EQ(list({.risk = RiskColour::kBlue, .region = tree_.village.id}), (S{f.id(4)}));
}

TEST_P(StoreContractTest, ListUnitsTextMatchesNameCodeAndAddress) {
  SeedTree();
  UnitFilters f(tree_, [this](const Unit& u) { return AddUnit(u); });
  auto session = ReadSession();
  auto list = [&](std::string text) {
    auto page = session->ListUnits(Scope::All(), {.text = std::move(text)});
    EXPECT_OK(page);
    return Ids(page->items);
  };
  using S = std::set<std::int64_t>;
  EXPECT_EQ(list("燃气"), (S{f.id(2)}));
  EXPECT_EQ(list(f.units[2].credit_code), (S{f.id(3)}));
  EXPECT_EQ(list("东街"), (S{f.id(4)}));
  EXPECT_EQ(list("%"), (S{f.id(5)}));  // a literal percent sign, not a wildcard
  EXPECT_EQ(list("_"), S{});
  EXPECT_EQ(list("不存在的单位"), S{});
}

TEST_P(StoreContractTest, ListUnitsPagesInIdOrderWithinOneRegionWithTotal) {
  SeedTree();
  std::vector<std::int64_t> ids;
  {
    auto session = WriteSession();
    for (int n = 1; n <= 25; ++n) {
      auto saved =
          session->InsertUnit(MakeUnit(tree_.community_b.id, static_cast<std::uint64_t>(n)), kNow);
      ASSERT_OK(saved);
      ids.push_back(saved->id.value);
    }
    ASSERT_OK(session->Commit());
  }
  auto session = ReadSession();
  std::vector<std::int64_t> seen;
  for (int page = 1; page <= 3; ++page) {
    auto result = session->ListUnits(Scope::All(), {.page = {page, 10}});
    ASSERT_OK(result);
    EXPECT_EQ(result->total, 25);
    EXPECT_EQ(result->items.size(), page < 3 ? 10u : 5u);
    for (const auto& u : result->items) seen.push_back(u.id.value);
  }
  EXPECT_EQ(seen, ids);
  auto beyond = session->ListUnits(Scope::All(), {.page = {4, 10}});
  ASSERT_OK(beyond);
  EXPECT_TRUE(beyond->items.empty());
  EXPECT_EQ(beyond->total, 25);
}

TEST_P(StoreContractTest, DuplicateCreditCodeIsAlreadyExists) {
  SeedTree();
  AddUnit(MakeUnit(tree_.community_a.id, 9));
  auto session = WriteSession();
  Unit twin = MakeUnit(tree_.community_b.id, 9);
  twin.name = "另一家";
  EXPECT_ERROR_CODE(session->InsertUnit(twin, kNow), kAlreadyExists);
  auto existing =
      session->ExistingUnitCodes({MakeUnit({}, 9).credit_code, MakeUnit({}, 10).credit_code});
  ASSERT_OK(existing);
  EXPECT_EQ(*existing, std::vector<std::string>{MakeUnit({}, 9).credit_code});
}

TEST_P(StoreContractTest, UpdateWithStaleVersionIsConflictAndLeavesRowUnchanged) {
  SeedTree();
  const Unit saved = AddUnit(MakeUnit(tree_.community_a.id, 1));
  {
    auto session = WriteSession();
    Unit first = saved;
    first.name = "第一次修改";
    auto updated = session->UpdateUnit(first, kNow + 60);
    ASSERT_OK(updated);
    EXPECT_EQ(updated->version, 2);
    EXPECT_EQ(updated->updated_at, kNow + 60);
    EXPECT_EQ(updated->created_at, kNow);
    ASSERT_OK(session->Commit());
  }
  {
    auto session = WriteSession();
    Unit stale = saved;  // version 1
    stale.name = "过期的修改";
    EXPECT_ERROR_CODE(session->UpdateUnit(stale, kNow + 120), kConflict);
    ASSERT_OK(session->Commit());
  }
  auto session = ReadSession();
  auto row = session->GetUnit(Scope::All(), saved.id);
  ASSERT_OK(row);
  EXPECT_EQ(row->name, "第一次修改");
  EXPECT_EQ(row->version, 2);
  EXPECT_EQ(row->updated_at, kNow + 60);
}

TEST_P(StoreContractTest, UpdateOfMissingUnitIsNotFound) {
  SeedTree();
  Unit ghost = MakeUnit(tree_.community_a.id, 1);
  ghost.id = UnitId(424242);
  auto session = WriteSession();
  EXPECT_ERROR_CODE(session->UpdateUnit(ghost, kNow), kNotFound);
}

TEST_P(StoreContractTest, DeleteWithStaleVersionIsConflict) {
  SeedTree();
  const Unit saved = AddUnit(MakeUnit(tree_.community_a.id, 1));
  auto session = WriteSession();
  EXPECT_ERROR_CODE(session->DeleteUnit(saved.id, 2), kConflict);
  EXPECT_OK(session->GetUnit(Scope::All(), saved.id));
  EXPECT_OK(session->DeleteUnit(saved.id, 1));
  EXPECT_ERROR_CODE(session->GetUnit(Scope::All(), saved.id), kNotFound);
  ASSERT_OK(session->Commit());
  EXPECT_EQ(CountAll(), 0);
}

TEST_P(StoreContractTest, UnitOutsideScopeBehavesAsMissing) {
  SeedTree();
  const Unit in_b = AddUnit(MakeUnit(tree_.community_b.id, 1));
  const Unit in_a = AddUnit(MakeUnit(tree_.community_a.id, 2));
  const Scope scope_a = Scope::Under(tree_.community_a.path);
  auto session = ReadSession();
  EXPECT_ERROR_CODE(session->GetUnit(scope_a, in_b.id), kNotFound);
  EXPECT_OK(session->GetUnit(scope_a, in_a.id));
  auto page = session->ListUnits(scope_a, {});
  ASSERT_OK(page);
  EXPECT_EQ(Ids(page->items), std::set<std::int64_t>{in_a.id.value});
  EXPECT_EQ(page->total, 1);
  EXPECT_EQ(*session->CountUnits(scope_a), 1);
  auto by_code = session->FindUnitByCode(scope_a, in_b.credit_code);
  ASSERT_OK(by_code);
  EXPECT_FALSE(by_code->has_value());
  std::vector<std::int64_t> visited;
  ASSERT_OK(session->ForEachUnit(scope_a, [&](const Unit& u) { visited.push_back(u.id.value); }));
  EXPECT_EQ(visited, std::vector<std::int64_t>{in_a.id.value});
}

TEST_P(StoreContractTest, ScopeDoesNotLeakIntoSiblingWhosePathSharesAPrefix) {
  SeedTree();
  // Add communities until one's id starts with community_a's id digits (e.g. 3 → 30).
  const std::string a = std::to_string(tree_.community_a.id.value);
  domain::Region twin;
  {
    auto session = WriteSession();
    for (int n = 0; n < 400; ++n) {
      domain::Region r;
      r.parent_id = tree_.street.id;
      r.level = domain::RegionLevel::kCommunity;
      r.name = "填充社区" + std::to_string(n);
      auto saved = session->InsertRegion(r);
      ASSERT_OK(saved);
      const std::string id = std::to_string(saved->id.value);
      if (id.size() > a.size() && id.rfind(a, 0) == 0) {
        twin = *saved;
        break;
      }
    }
    ASSERT_OK(session->Commit());
  }
  ASSERT_GT(twin.id.value, 0);
  const Unit outside = AddUnit(MakeUnit(twin.id, 1));
  auto session = ReadSession();
  EXPECT_ERROR_CODE(session->GetUnit(Scope::Under(tree_.community_a.path), outside.id), kNotFound);
  EXPECT_EQ(*session->CountUnits(Scope::Under(tree_.community_a.path)), 0);
}

TEST_P(StoreContractTest, UnitWithUnknownCommunityIsRejected) {
  SeedTree();
  auto session = WriteSession();
  EXPECT_ERROR_CODE(session->InsertUnit(MakeUnit(RegionId(999'999), 1), kNow), kInvalidArgument);
  Unit bad_grid = MakeUnit(tree_.community_a.id, 2);
  bad_grid.grid_id = RegionId(999'998);
  EXPECT_ERROR_CODE(session->InsertUnit(bad_grid, kNow), kInvalidArgument);
}

TEST_P(StoreContractTest, ForeignKeysAreEnforcedForCommunity) {
  // The grid exists (so its path resolves) but community_id names no region: only a foreign-key
  // constraint catches this.
  SeedTree();
  Unit u = MakeUnit(RegionId(999'999), 1);
  u.grid_id = tree_.grid_a1.id;
  {
    auto session = WriteSession();
    EXPECT_FALSE(session->InsertUnit(u, kNow).ok());
  }
  EXPECT_EQ(CountAll(), 0);
}

TEST_P(StoreContractTest, FindUnitByCodeAndForEachUnitInIdOrder) {
  SeedTree();
  const Unit u1 = AddUnit(MakeUnit(tree_.community_a.id, 1));
  const Unit u2 = AddUnit(MakeUnit(tree_.village.id, 2));
  auto session = ReadSession();
  auto found = session->FindUnitByCode(Scope::All(), u2.credit_code);
  ASSERT_OK(found);
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->id, u2.id);
  std::vector<std::int64_t> visited;
  ASSERT_OK(
      session->ForEachUnit(Scope::All(), [&](const Unit& u) { visited.push_back(u.id.value); }));
  EXPECT_EQ(visited, (std::vector<std::int64_t>{u1.id.value, u2.id.value}));
}

}  // namespace
}  // namespace anjian::store

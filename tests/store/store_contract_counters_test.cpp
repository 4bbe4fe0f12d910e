// Store contract: pages are ordered by region then id, and change counters move with every
// committed change of their data set (the page cache relies on both).
#include "store_contract.hpp"

namespace anjian::store {
namespace {

using test_support::MakeUnit;

TEST_P(StoreContractTest, ListUnitsGroupsPagesByRegionThenId) {
  SeedTree();
  // Interleave inserts across two communities: ids alternate, pages must not.
  std::vector<std::int64_t> in_a, in_b;
  {
    auto session = WriteSession();
    for (int n = 1; n <= 6; ++n) {
      const auto community = n % 2 ? tree_.community_a.id : tree_.community_b.id;
      auto saved =
          session->InsertUnit(MakeUnit(community, static_cast<std::uint64_t>(200 + n)), kNow);
      ASSERT_OK(saved);
      (n % 2 ? in_a : in_b).push_back(saved->id.value);
    }
    ASSERT_OK(session->Commit());
  }
  auto session = ReadSession();
  auto page = session->ListUnits(Scope::All(), {.page = {1, 10}});
  ASSERT_OK(page);
  ASSERT_EQ(page->items.size(), 6u);
  std::vector<std::int64_t> seen;
  for (const auto& u : page->items) seen.push_back(u.id.value);
  const bool a_first = tree_.community_a.path < tree_.community_b.path;
  std::vector<std::int64_t> expected = a_first ? in_a : in_b;
  const auto& second = a_first ? in_b : in_a;
  expected.insert(expected.end(), second.begin(), second.end());
  EXPECT_EQ(seen, expected);
}

TEST_P(StoreContractTest, RegistryCounterMovesWithEveryUnitAndRegionChange) {
  SeedTree();
  auto counter = [&](const char* name) {
    auto session = ReadSession();
    auto value = session->ChangeCounter(name);
    EXPECT_OK(value);
    return value.ok() ? *value : -1;
  };
  const auto start = counter("registry");
  const auto roster_start = counter("roster");
  auto unit = AddUnit(MakeUnit(tree_.community_a.id, 301));
  const auto after_insert = counter("registry");
  EXPECT_GT(after_insert, start);
  {
    auto session = WriteSession();
    unit.name = "改名后的单位";
    ASSERT_OK(session->UpdateUnit(unit, kNow + 1));
    ASSERT_OK(session->Commit());
  }
  const auto after_update = counter("registry");
  EXPECT_GT(after_update, after_insert);
  {
    auto session = WriteSession();
    EXPECT_FALSE(session->UpdateUnit(unit, kNow + 2).ok()) << "stale version";
  }
  {
    auto session = WriteSession();
    unit.version = 2;
    unit.name = "未提交的改名";
    ASSERT_OK(session->UpdateUnit(unit, kNow + 3));  // never committed: rolled back
  }
  EXPECT_EQ(counter("registry"), after_update) << "a rolled-back write must not move the counter";
  {
    auto session = WriteSession();
    domain::Region grid;
    grid.parent_id = tree_.community_b.id;
    grid.level = domain::RegionLevel::kGrid;
    grid.name = "计数器测试网格";
    ASSERT_OK(session->InsertRegion(grid));
    ASSERT_OK(session->Commit());
  }
  EXPECT_GT(counter("registry"), after_update);
  EXPECT_EQ(counter("roster"), roster_start) << "registry changes leave the roster counter alone";
  {
    auto session = WriteSession();
    ASSERT_OK(
        session->InsertInspector(test_support::MakeInspector(tree_.street.id, "CNT001"), kNow));
    ASSERT_OK(session->Commit());
  }
  EXPECT_GT(counter("roster"), roster_start);
  auto session = ReadSession();
  auto unknown = session->ChangeCounter("nonsense");
  EXPECT_FALSE(unknown.ok());
}

TEST_P(StoreContractTest,
       RegistryCounterMovesOnceMoreForEveryCommittedTransactionOnAPooledConnection) {
  SeedTree();
  auto counter = [&] {
    auto value = ReadSession()->ChangeCounter("registry");
    EXPECT_OK(value);
    return value.ok() ? *value : -1;
  };
  // Several transactions in a row, each with many rows: each must move the counter again (the
  // PostgreSQL store bumps once per transaction, remembered in a transaction-local setting that
  // must not outlive the transaction on the pooled connection).
  std::int64_t last = counter();
  for (int round = 0; round < 3; ++round) {
    auto session = WriteSession();
    for (int i = 0; i < 5; ++i) {
      ASSERT_OK(session->InsertUnit(MakeUnit(tree_.community_a.id, 400 + round * 10 + i), kNow));
    }
    ASSERT_OK(session->Commit());
    const auto now = counter();
    EXPECT_GT(now, last) << "round " << round;
    last = now;
  }
  // A bump undone with a failed statement (a duplicate region, rolled back to its savepoint) does
  // not count as done: the later change in the same transaction still moves the counter.
  {
    auto session = WriteSession();
    domain::Region duplicate;
    duplicate.parent_id = tree_.community_a.parent_id;
    duplicate.level = tree_.community_a.level;
    duplicate.name = tree_.community_a.name;
    EXPECT_ERROR_CODE(session->InsertRegion(duplicate), kAlreadyExists);
    ASSERT_OK(session->InsertUnit(MakeUnit(tree_.community_a.id, 499), kNow));
    ASSERT_OK(session->Commit());
  }
  EXPECT_GT(counter(), last);
}

}  // namespace
}  // namespace anjian::store

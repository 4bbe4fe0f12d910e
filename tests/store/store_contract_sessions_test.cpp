// Store contract: sessions — commit makes writes visible, dropping a write session rolls back,
// read sessions see a consistent snapshot, re-opening keeps data (migrations are idempotent).
#include "store_contract.hpp"

namespace anjian::store {
namespace {

using test_support::MakeUnit;

TEST_P(StoreContractTest, FreshStoreIsEmptyAndWritable) {
  EXPECT_EQ(CountAll(), 0);
  auto session = ReadSession();
  auto regions = session->ListRegions(Scope::All());
  ASSERT_OK(regions);
  EXPECT_TRUE(regions->empty());
  auto users = session->ListUsers();
  ASSERT_OK(users);
  EXPECT_TRUE(users->empty());
  session.reset();
  SeedTree();  // the schema accepts the whole tree
  EXPECT_GT(tree_.grid_b1.id.value, 0);
}

TEST_P(StoreContractTest, ReopeningKeepsDataAndSchema) {
  SeedTree();
  const auto saved = AddUnit(MakeUnit(tree_.community_a.id, 1));
  Reopen();
  Reopen();
  auto session = ReadSession();
  auto unit = session->GetUnit(Scope::All(), saved.id);
  ASSERT_OK(unit);
  EXPECT_EQ(unit->credit_code, saved.credit_code);
  auto regions = session->ListRegions(Scope::All());
  ASSERT_OK(regions);
  EXPECT_EQ(regions->size(), 8u);
  session.reset();
  // Still writable after re-opening.
  AddUnit(MakeUnit(tree_.community_a.id, 2));
  EXPECT_EQ(CountAll(), 2);
}

TEST_P(StoreContractTest, UncommittedWriteSessionRollsBackOnDestruction) {
  SeedTree();
  {
    auto session = WriteSession();
    ASSERT_OK(session->InsertUnit(MakeUnit(tree_.community_a.id, 1), kNow));
    domain::Region grid;
    grid.parent_id = tree_.village.id;
    grid.level = domain::RegionLevel::kGrid;
    grid.name = "王庄村第一网格";
    ASSERT_OK(session->InsertRegion(grid));
    // no Commit
  }
  EXPECT_EQ(CountAll(), 0);
  auto session = ReadSession();
  auto grid = session->FindRegionByName(tree_.village.id, "王庄村第一网格");
  ASSERT_OK(grid);
  EXPECT_FALSE(grid->has_value());
  session.reset();
  // The writer is free again and the same code can now be inserted.
  AddUnit(MakeUnit(tree_.community_a.id, 1));
  EXPECT_EQ(CountAll(), 1);
}

TEST_P(StoreContractTest, WriteSessionSeesItsOwnUncommittedWrites) {
  SeedTree();
  auto session = WriteSession();
  auto saved = session->InsertUnit(MakeUnit(tree_.community_a.id, 1), kNow);
  ASSERT_OK(saved);
  EXPECT_OK(session->GetUnit(Scope::All(), saved->id));
  EXPECT_EQ(*session->CountUnits(Scope::All()), 1);
}

TEST_P(StoreContractTest, CommittedWriteIsVisibleToLaterReadSessions) {
  SeedTree();
  const auto saved = AddUnit(MakeUnit(tree_.community_a.id, 1));
  auto session = ReadSession();
  EXPECT_OK(session->GetUnit(Scope::All(), saved.id));
}

TEST_P(StoreContractTest, ReadSessionKeepsItsSnapshotWhileOthersCommit) {
  SeedTree();
  const auto first = AddUnit(MakeUnit(tree_.community_a.id, 1));
  auto reader = ReadSession();
  ASSERT_EQ(*reader->CountUnits(Scope::All()), 1);  // the snapshot starts here at the latest
  const auto second = AddUnit(MakeUnit(tree_.community_b.id, 2));
  {
    auto writer = WriteSession();
    auto changed = first;
    changed.name = "改名后的单位";
    ASSERT_OK(writer->UpdateUnit(changed, kNow + 1));
    ASSERT_OK(writer->Commit());
  }
  EXPECT_EQ(*reader->CountUnits(Scope::All()), 1);
  EXPECT_ERROR_CODE(reader->GetUnit(Scope::All(), second.id), kNotFound);
  EXPECT_EQ(reader->GetUnit(Scope::All(), first.id)->name, first.name);
  EXPECT_EQ(reader->ListUnits(Scope::All(), {})->total, 1);
  ASSERT_OK(reader->Commit());  // ends the snapshot
  reader.reset();
  auto fresh = ReadSession();
  EXPECT_EQ(*fresh->CountUnits(Scope::All()), 2);
  EXPECT_EQ(fresh->GetUnit(Scope::All(), first.id)->name, "改名后的单位");
}

TEST_P(StoreContractTest, ManyReadSessionsMayBeOpenAtOnce) {
  SeedTree();
  AddUnit(MakeUnit(tree_.community_a.id, 1));
  std::vector<std::unique_ptr<StoreSession>> readers;
  for (int i = 0; i < 20; ++i) {
    readers.push_back(ReadSession());
    ASSERT_NE(readers.back(), nullptr);
    EXPECT_EQ(*readers.back()->CountUnits(Scope::All()), 1);
  }
  readers.clear();
  // Pooled connections come back clean: a new write is visible to the next reader.
  AddUnit(MakeUnit(tree_.community_a.id, 2));
  EXPECT_EQ(CountAll(), 2);
}

TEST_P(StoreContractTest, CommitTwiceIsAnError) {
  auto session = WriteSession();
  ASSERT_OK(session->Commit());
  EXPECT_FALSE(session->Commit().ok());
}

TEST_P(StoreContractTest, FailedStatementDoesNotPoisonTheTransaction) {
  SeedTree();
  auto session = WriteSession();
  ASSERT_OK(session->InsertUnit(MakeUnit(tree_.community_a.id, 1), kNow));
  EXPECT_ERROR_CODE(session->InsertUnit(MakeUnit(tree_.community_b.id, 1), kNow), kAlreadyExists);
  ASSERT_OK(session->InsertUnit(MakeUnit(tree_.community_a.id, 2), kNow));
  ASSERT_OK(session->Commit());
  EXPECT_EQ(CountAll(), 2);
}

}  // namespace
}  // namespace anjian::store

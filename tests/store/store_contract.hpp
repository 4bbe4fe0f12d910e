// The store::Store contract as a value-parameterised suite. A backend is a factory that opens a
// store whose files live in `dir` (re-opening the same dir must see the same data). Adding a
// backend is one INSTANTIATE_TEST_SUITE_P line with another factory.
#pragma once

#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <string>

#include "store/store.hpp"
#include "support/builders.hpp"
#include "support/region_tree.hpp"
#include "support/result_matchers.hpp"
#include "support/temp_dir.hpp"

namespace anjian::store {

using StoreFactory = std::function<std::unique_ptr<Store>(const std::string& dir)>;

// Runs SQL on the database of `dir` behind the store's back (no store open): a schema rolled back
// to an older version, a row tampered with. The statements anjian's tests send read the same on
// both engines.
using RawSql = std::function<void(const std::string& dir, const std::string& sql)>;

struct StoreBackend {
  std::string name;
  StoreFactory open;
  RawSql exec_raw;
};

inline std::string BackendName(const ::testing::TestParamInfo<StoreBackend>& info) {
  return info.param.name;
}

class StoreContractTest : public ::testing::TestWithParam<StoreBackend> {
 protected:
  static constexpr std::int64_t kNow = 1'767'225'600;  // 2026-01-01T00:00:00Z

  void SetUp() override {
    store_ = GetParam().open(dir_.path());
    ASSERT_NE(store_, nullptr) << "backend " << GetParam().name << " failed to open";
  }

  // Closes and re-opens the store on the same files.
  void Reopen() {
    store_.reset();
    store_ = GetParam().open(dir_.path());
    ASSERT_NE(store_, nullptr);
  }

  void SeedTree() {
    auto tree = test_support::SeedRegionTree(*store_);
    ASSERT_OK(tree);
    tree_ = *tree;
  }

  // Inserts and commits one unit; returns the stored row.
  domain::Unit AddUnit(const domain::Unit& unit) {
    auto session = store_->Write();
    EXPECT_OK(session);
    if (!session.ok()) return unit;
    auto saved = (*session)->InsertUnit(unit, kNow);
    EXPECT_OK(saved);
    EXPECT_OK((*session)->Commit());
    return saved.ok() ? *saved : unit;
  }

  std::unique_ptr<StoreSession> ReadSession() {
    auto session = store_->Read();
    EXPECT_OK(session);
    return session.ok() ? std::move(session).value() : nullptr;
  }

  std::unique_ptr<StoreSession> WriteSession() {
    auto session = store_->Write();
    EXPECT_OK(session);
    return session.ok() ? std::move(session).value() : nullptr;
  }

  std::int64_t CountAll() {
    auto session = ReadSession();
    auto count = session->CountUnits(Scope::All());
    EXPECT_OK(count);
    return count.ok() ? *count : -1;
  }

  test_support::TempDir dir_;
  std::unique_ptr<Store> store_;
  test_support::RegionTree tree_;
};

}  // namespace anjian::store

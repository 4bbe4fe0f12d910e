// A demo street with rows in every table, for `anjian migrate` tests (transfer_test, merge_test):
// the demo registry plus an inspection with attested signatures, photos, numbered documents and a
// hazard, the daily job, a self-inspection, a notice and its receipt, a submitted annual plan,
// sessions, history, imports, awkward text and an audit archive checkpoint. Built once per test
// binary; tests only read its file.
#pragma once

#include <cstdint>
#include <string>

#include "app/auth_service.hpp"
#include "app/demo_data.hpp"
#include "common/error.hpp"
#include "common/ids.hpp"
#include "support/temp_dir.hpp"

namespace anjian::store::transfer {

inline constexpr std::int64_t kDemoNow = 1'767'225'600;        // 2026-01-01
inline constexpr std::int64_t kMondayMorning = 1'772'416'800;  // 2026-03-02 10:00 in Beijing
inline constexpr const char* kToday = "2026-03-02";
// Text COPY must escape (tab, newline, carriage return, backslash, a literal \N) and characters
// outside the BMP.
inline constexpr const char* kAwkwardAddress = "东风路\t1号\n二楼\r\\N C:\\temp\\ 😀 末尾 ";

struct Street {
  test_support::TempDir dir;
  std::string path;
  std::string error;  // why building failed, if it did
  app::DemoIdentity identity;
  std::string token_hash;
  std::int64_t hazard_id = 0;
  std::int64_t plan_id = 0;
  std::int64_t max_unit_id = 0;
  std::int64_t notice_id = 0;
  UnitId awkward_unit;

  explicit Street(app::DemoIdentity who = {}, std::uint64_t seed = 2024);
  std::string User(const std::string& name) const { return identity.username_prefix + name; }

 private:
  Status Build(std::uint64_t seed);
};

// The demo's admin (street-scoped when `scope` is the street's path).
app::Principal StreetAdmin(const std::string& scope = "", const std::string& username = "admin");

}  // namespace anjian::store::transfer

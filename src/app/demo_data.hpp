// A realistic demo street modelled on seed 000 (解放街道: 48 level-1/2 units + 2,322 level-3
// units = 2,370), with communities, villages, grids, ~20 inspectors and leaders, and one demo
// account per role. Deterministic from the seed.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "app/auth_service.hpp"
#include "domain/registry/key_policy.hpp"
#include "store/store.hpp"

namespace anjian::app {

struct DemoAccount {
  std::string username;
  std::string password;
  std::string role_label;
  std::string note;
};

struct DemoSummary {
  int regions = 0;
  int units = 0;
  int inspectors = 0;
  std::vector<DemoAccount> accounts;
};

inline constexpr const char* kDemoPassword = "Anjian@2024";

// Fills an empty store. kFailedPrecondition when units already exist (never mixes demo data
// into a real registry).
Result<DemoSummary> BuildDemoData(store::Store& store, AuthService& auth,
                                  const domain::KeyPolicy& key_policy, std::int64_t now,
                                  std::uint64_t seed = 2024);

}  // namespace anjian::app

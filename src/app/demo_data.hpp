// A realistic demo street modelled on seed 000 (解放街道: 48 level-1/2 units + 2,322 level-3
// units = 2,370), with communities, villages, grids, ~20 inspectors and leaders, and one demo
// account per role. Deterministic from the seed and the identity; two identities give two streets
// that can be merged into one district database (`anjian migrate`, issue #13 item 5).
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

// Who the demo street is. The defaults are 解放街道 as it has always been built. Two streets meant
// to share one district database differ in street name and code, username and employee prefixes
// and unit code block; the district (name and code) may be the same.
struct DemoIdentity {
  std::string district_name = "解放区";
  std::string district_code = "410802";  // GB/T 2260; also characters 3–8 of every credit code
  std::string street_name = "解放街道";
  std::string street_code = "410802001";  // 9 digits; a community's code adds 3 more
  std::string username_prefix;            // before every demo username: "" gives admin, leader, …
  std::string employee_prefix = "JF";     // employee numbers are the prefix and 3 digits
  // 0 to kMaxDemoUnitCodeBlock. Block 0 gives the credit codes of old ("91…"/"92…"); another block
  // puts another registering-authority character first, so no two blocks share a code.
  int unit_code_block = 0;
};

inline constexpr int kMaxDemoUnitCodeBlock = 30;

// Fills an empty store. kFailedPrecondition when units already exist (never mixes demo data
// into a real registry); kInvalidArgument when a code of `identity` has the wrong digits or its
// unit code block is out of range. The summary's accounts carry the prefixed usernames.
Result<DemoSummary> BuildDemoData(store::Store& store, AuthService& auth,
                                  const domain::KeyPolicy& key_policy, std::int64_t now,
                                  std::uint64_t seed = 2024, const DemoIdentity& identity = {});

}  // namespace anjian::app

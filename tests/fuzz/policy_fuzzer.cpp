// Policy files (app::ParsePolicy, docs/policy.md): JSON with // comments, strict keys, enum codes
// or Chinese labels, given to `anjian plan compile --policy FILE` and stored with every plan.
// Property: a policy that parses must survive PolicyToJson → PolicyFromJson, since a compiled
// plan stores its policy that way and `plan verify` reads it back, and give the same JSON again.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <string_view>

#include "app/plan_policy_codec.hpp"
#include "fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto policy = anjian::app::ParsePolicy(text);
  if (!policy.ok()) {
    FUZZ_CHECK(!policy.error().message.empty());
    return 0;
  }
  const nlohmann::json stored = anjian::app::PolicyToJson(*policy);
  auto reread = anjian::app::PolicyFromJson(stored);
  if (!reread.ok()) {
    std::fprintf(stderr, "policy round trip failed: %s\n", reread.error().message.c_str());
    FUZZ_CHECK(reread.ok());
  }
  FUZZ_CHECK(anjian::app::PolicyToJson(*reread) == stored);
  return 0;
}

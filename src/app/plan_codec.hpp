// JSON forms of plans: the plan document (the `--json` contract of `anjian plan compile` and
// the API), the input snapshot that `plan verify` re-runs, and adjustments. Serialisation is
// deterministic (fixed key order, no timestamps in the document), and `plan verify` compares the
// parsed values, so a document the database re-rendered still compares equal.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "common/error.hpp"
#include "planner/plan.hpp"
#include "planner/plan_lifecycle.hpp"

namespace anjian::app {

// The parts of a plan's identity that live outside the compiler.
struct PlanMeta {
  int year = 0;
  std::string title;
  std::string authority;
  std::string policy;
  std::string seed;
  std::string seed_commitment;
  std::int64_t committed_at = 0;
  std::string input_hash;
};

// The plan document without plan_id/status (those are added when serving) and without its items,
// which are rows of their own (PlanItemToJson each, store::PlanItemRow). With the policy, the
// document also lists its rules (id, title, basis) so readers need not look the policy up.
nlohmann::json PlanHeadToJson(const planner::Plan& plan, const PlanMeta& meta,
                              const planner::Policy* policy = nullptr);
nlohmann::json PlanItemToJson(const planner::PlanItem& item);
// PlanItemToJson(item).dump() written directly, without building the DOM (a province saves four
// million of them); a test holds the two equal byte for byte.
std::string PlanItemJsonText(const planner::PlanItem& item);

// The input snapshot likewise: the head (year, policy, calendar, inspectors) is one document, each
// unit one row (a compact array). InputFromJson also reads a whole snapshot with a "units" array.
nlohmann::json InputHeadToJson(const planner::PlanInput& input, std::string_view calendar_text);
nlohmann::json InputUnitToJson(const planner::PlanUnit& unit);
std::string InputUnitJsonText(const planner::PlanUnit& unit);  // InputUnitToJson(unit).dump()
Result<planner::PlanInput> InputFromJson(const nlohmann::json& json, std::string& calendar_text);
Result<planner::PlanUnit> InputUnitFromJson(const nlohmann::json& row);

Result<planner::Adjustment> AdjustmentFromJson(const nlohmann::json& json, CivilDate today);
nlohmann::json AdjustmentToJson(const planner::Adjustment& adjustment,
                                const planner::AdjustmentOutcome& outcome);

// The draw seed: the first 8 bytes (big-endian) of SHA-256("anjian-plan-draw-v1\n" + seed +
// "\n" + input_hash). Binding the input hash means a seed cannot be reused on other data.
std::uint64_t DrawSeed(std::string_view seed, std::string_view input_hash);

}  // namespace anjian::app

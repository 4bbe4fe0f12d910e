// The policy file format (docs/policy.md): JSON with // comments, strict (unknown keys are
// errors, so a typo never silently drops a rule). Enum values take the English code or the
// Chinese label. Errors name the path: "frequency_rules[2].period：…".
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "common/error.hpp"
#include "planner/policy.hpp"

namespace anjian::app {

Result<planner::Policy> ParsePolicy(std::string_view text);
Result<planner::Policy> PolicyFromJson(const nlohmann::json& json);
nlohmann::json PolicyToJson(const planner::Policy& policy);

// Built-in presets (data/policies/*.jsonc embedded at build time): jiefang, xuyou, xingan,
// street-2024.
std::vector<std::string> PresetNames();
Result<std::string> PresetText(std::string_view name);
// The built-in statutory-holiday calendar (data/calendar/cn_statutory_holidays.txt).
std::string_view BuiltinCalendarText();

}  // namespace anjian::app

// Inspection tasks (PRODUCT C5): from plan items or ad hoc, each with a unit, a day, a team and
// the checklist version it will be filled against. The team rules are R-PROC-2 (at least two
// people with a valid enforcement certificate on the day), R-ROLE-15 (community safety officers
// and grid members do not enforce) and recusal (R-PROC-6 confidentiality; roster 回避单位).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/civil_date.hpp"
#include "common/error.hpp"
#include "domain/registry/enums.hpp"
#include "domain/registry/unit.hpp"
#include "domain/roster/inspector.hpp"

namespace anjian::domain {

enum class TaskKind { kPlanned, kSpecial, kJoint, kCovert, kComplaint, kReinspection, kLeaderLed };
enum class TaskStatus { kScheduled, kCompleted, kCancelled };
// The half day a task is scheduled for; plans always set one, ad hoc tasks may leave it open.
enum class HalfDay { kUnspecified, kMorning, kAfternoon };

const std::vector<EnumEntry<TaskKind>>& TaskKinds();
const std::vector<EnumEntry<TaskStatus>>& TaskStatuses();
const std::vector<EnumEntry<HalfDay>>& HalfDays();  // "", "am", "pm"
std::string_view Code(TaskKind v);
std::string_view Label(TaskKind v);
std::string_view Code(TaskStatus v);
std::string_view Label(TaskStatus v);
std::string_view Code(HalfDay v);
std::string_view Label(HalfDay v);
Result<TaskKind> ParseTaskKind(std::string_view text);
Result<TaskStatus> ParseTaskStatus(std::string_view text);
Result<HalfDay> ParseHalfDay(std::string_view text);

// Problems of a team for inspecting `unit` on `day`, each naming the person ("team[1]"): fewer
// than two members, a member twice, inactive, not allowed to enforce (R-ROLE-15), no certificate
// valid on the day, recused from the unit.
std::vector<FieldError> ValidateTeam(const std::vector<Inspector>& team, const Unit& unit,
                                     CivilDate day);

}  // namespace anjian::domain

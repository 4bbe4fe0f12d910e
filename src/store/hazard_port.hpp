// The hazard area of the store: the hazard ledger (隐患台账) and its transitions.
//
// Contract:
// - Reads take a Scope; a hazard whose unit lies outside it is missing (kNotFound).
// - Writes need a write session; updates carry the version read (kConflict when stale).
// - Transitions are append-only. The state machine itself is domain/hazard's, not the store's.
// - Rows are typed (enums, dates, sets); an unknown stored value is kInternal on read.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "common/civil_date.hpp"
#include "common/error.hpp"
#include "common/ids.hpp"
#include "domain/hazard/hazard.hpp"
#include "store/scope.hpp"

namespace anjian::store {

// A hazard row (issue #5); the domain state machine (domain/hazard) decides the transitions.
// Typed through and through: the store converts to and from its columns, and a stored value this
// version does not know (a state, grade or signature code, a malformed date) is an error on read
// (kInternal naming the hazard and the value), never a default.
struct HazardRecord {
  HazardId id;
  UnitId unit_id;
  std::string unit_name;    // filled on reads
  std::string region_path;  // the unit's path (scope)
  domain::HazardGrade grade = domain::HazardGrade::kGeneral;
  domain::HazardState state = domain::HazardState::kRegistered;
  std::string description;
  std::string legal_basis;
  CivilDate found_on;
  std::optional<CivilDate> deadline;
  int review_round = 0;
  std::string supervision_level;
  std::string supervising_leader;
  bool reported_to_superior = false;
  std::set<domain::HazardSignature> signatures;
  bool accepted = false;
  std::int64_t task_id = 0;  // the inspection that found it (0: registered by hand)
  std::int64_t record_id = 0;
  std::optional<CivilDate> overdue_since;  // the day the daily job first found it overdue
  bool escalated = false;                  // a major hazard escalated for being overdue
  std::int64_t created_by = 0;
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
  int version = 1;
};

struct HazardTransitionRecord {
  HazardId hazard_id;
  std::int64_t at = 0;
  std::int64_t user_id = 0;
  std::string action;  // a HazardAction code, or "register" / "escalate" (no user action)
  std::optional<domain::HazardState> from_state;  // none for the registration
  domain::HazardState to_state = domain::HazardState::kRegistered;
  std::string note;
  std::vector<std::string> evidence;  // sha256 of photos
};

struct HazardQuery {
  std::optional<domain::HazardState> state;
  std::optional<domain::HazardGrade> grade;
  std::optional<UnitId> unit;
  std::optional<CivilDate> deadline_before;  // rectifying with deadline < it (overdue)
  std::optional<CivilDate> deadline_by;      // rectifying with deadline ≤ it (due soon)
  std::optional<CivilDate> deadline_from;    // and deadline ≥ it (due soon, not yet overdue)
  std::string text;                          // description or unit name
  PageRequest page;
};

class HazardPort {
 public:
  virtual ~HazardPort() = default;

  // Write sessions only. Assigns id, version 1; region_path is taken from the unit.
  virtual Result<HazardRecord> InsertHazard(const HazardRecord& hazard) = 0;
  virtual Result<HazardRecord> GetHazard(const Scope& scope, HazardId id) = 0;
  // hazard.version is the version read: kConflict when it moved on. Returns version + 1.
  virtual Result<HazardRecord> UpdateHazard(const HazardRecord& hazard) = 0;
  // Ordered by deadline (empty last), then id.
  virtual Result<PageResult<HazardRecord>> ListHazards(const Scope& scope,
                                                       const HazardQuery& query) = 0;
  // Counts by state for the same filters (the query's state and paging are ignored).
  virtual Result<std::vector<std::pair<domain::HazardState, std::int64_t>>> CountHazardsByState(
      const Scope& scope, const HazardQuery& query) = 0;
  virtual Status AppendHazardTransition(const HazardTransitionRecord& transition) = 0;
  virtual Result<std::vector<HazardTransitionRecord>> ListHazardTransitions(HazardId hazard_id) = 0;
  // Overdue bookkeeping of the daily job (no version bump: the job does not race user edits).
  // Marks only a hazard not yet marked; false when another run marked it first, so two runs on
  // two instances never escalate the same hazard twice.
  virtual Result<bool> MarkHazardOverdue(HazardId id, CivilDate since, bool escalated) = 0;
};

}  // namespace anjian::store

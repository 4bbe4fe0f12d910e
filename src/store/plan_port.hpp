// The plan area of the store: annual plan revisions, their events and the seed commitments of
// the 双随机 draws.
//
// Contract:
// - A plan is visible to a scope when it covers the scope or lies inside it; GetPlan gives
//   kNotFound otherwise.
// - Writes need a write session. Status changes carry the version read (kConflict when stale).
// - A seed commitment is used by one plan only (kConflict on a second use), so a draw cannot be
//   repeated until it gives a wanted result.
// - A revision's items are rows of their own and its input snapshot's units chunks of rows (issue
//   #13 item 4), so a plan of any size is saved: written in batches after InsertPlan in the same
//   write session, read back in order in batches. They are reached through a plan the caller has
//   already read with its scope (GetPlan); they are never changed once written.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "common/civil_date.hpp"
#include "common/error.hpp"
#include "planner/plan.hpp"
#include "planner/plan_lifecycle.hpp"
#include "store/scope.hpp"

namespace anjian::store {

// An annual plan revision (issue #4). Large texts are JSON documents owned by app/.
struct PlanRecord {
  std::int64_t id = 0;
  std::int64_t root_id = 0;  // the compiled revision of this plan (its own id for revision 1)
  int revision = 1;
  int year = 0;
  std::string scope_path;  // the jurisdiction the plan covers
  std::string title;
  std::string policy_name;
  planner::PlanStatus status = planner::PlanStatus::kDraft;
  std::string seed;
  std::string seed_commitment;  // SHA-256 of the seed, hex
  std::int64_t committed_at = 0;
  std::string input_hash;
  // Without their long lists: the input's units are in plan_input_chunks rows, the plan's items
  // plan_items rows.
  std::string input_json;  // revision 1 only; empty in listings
  std::string plan_json;   // empty in listings
  std::string summary_json;
  std::string adjustment_json;  // the diff from the previous revision ("" for revision 1)
  std::optional<CivilDate> reapproval_due;  // when a major adjustment awaits re-approval
  std::int64_t created_by = 0;
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
  int version = 1;
};

// One item of a plan revision. The columns are what queries select on; body_json is the item's
// JSON document (owned by app/), which holds them too.
struct PlanItemRow {
  int seq = 0;      // 1.. in plan order
  std::string key;  // planner::PlanItem::key, stable across revisions
  std::string unit_credit_code;
  CivilDate date;
  int slot = 0;  // 0 上午, 1 下午
  planner::ItemKind kind = planner::ItemKind::kDeterministic;
  std::string rule;
  std::string body_json;
};

// Which items of a plan to walk: all of them, or those dated from/to (inclusive).
struct PlanItemFilter {
  std::optional<CivilDate> from;
  std::optional<CivilDate> to;
};

struct PlanEvent {
  std::int64_t plan_id = 0;
  std::int64_t at = 0;
  std::int64_t user_id = 0;
  std::string action;
  std::string from_status;
  std::string to_status;
  std::string note;
};

struct SeedCommitment {
  std::int64_t id = 0;
  int year = 0;
  std::string scope_path;
  std::string commitment;
  std::int64_t committed_at = 0;
  std::int64_t committed_by = 0;
  std::int64_t plan_id = 0;  // 0 until a plan reveals the seed
};

class PlanPort {
 public:
  virtual ~PlanPort() = default;

  // Plans visible to a scope: those covering it or inside it. Write sessions only for writes.
  // InsertPlan assigns id (and root_id = id when root_id is 0) and version 1.
  virtual Result<PlanRecord> InsertPlan(const PlanRecord& plan) = 0;
  virtual Result<PlanRecord> GetPlan(const Scope& scope, std::int64_t id) = 0;
  // Newest first, without input_json/plan_json; `year` 0 = all years.
  virtual Result<std::vector<PlanRecord>> ListPlans(const Scope& scope, int year) = 0;
  // Sets status and reapproval_due when the version matches (kConflict otherwise).
  virtual Result<PlanRecord> UpdatePlanStatus(std::int64_t id, int expected_version,
                                              planner::PlanStatus status,
                                              std::optional<CivilDate> reapproval_due,
                                              std::int64_t now) = 0;
  // Appends a batch of a revision's items (write session; seq unique in the plan, else kConflict;
  // keys are unique by the compiler's construction, not checked here). Call once per batch after
  // InsertPlan.
  virtual Status InsertPlanItems(std::int64_t plan_id, const std::vector<PlanItemRow>& items) = 0;
  // The revision's items in seq order, read in batches; a stored kind or date this version
  // cannot read is kInternal naming the plan and item. `visit` stops the walk with an error.
  virtual Status ForEachPlanItem(std::int64_t plan_id, const PlanItemFilter& filter,
                                 const std::function<Status(const PlanItemRow&)>& visit) = 0;
  // The units of a revision's input snapshot in chunks, each a JSON array of units, numbered from
  // `first_ordinal` (write session; kConflict on a number used twice); read back in that order,
  // one chunk at a time.
  virtual Status InsertPlanInputChunks(std::int64_t plan_id, std::int64_t first_ordinal,
                                       const std::vector<std::string>& chunks) = 0;
  virtual Status ForEachPlanInputChunk(std::int64_t plan_id,
                                       const std::function<Status(const std::string&)>& visit) = 0;
  virtual Status AppendPlanEvent(const PlanEvent& event) = 0;
  virtual Result<std::vector<PlanEvent>> ListPlanEvents(std::int64_t plan_id) = 0;
  virtual Result<SeedCommitment> InsertSeedCommitment(const SeedCommitment& commitment) = 0;
  virtual Result<SeedCommitment> GetSeedCommitment(std::int64_t id) = 0;
  // kConflict when the commitment was already used by another plan.
  virtual Status MarkSeedCommitmentUsed(std::int64_t id, std::int64_t plan_id) = 0;
};

}  // namespace anjian::store

// Use cases of the annual plan (PRODUCT.md C4): seed commitment, compile (snapshot → pure
// compiler → stored revision), verify (re-run from the stored snapshot and revealed seed),
// explain, lifecycle transitions and adjustments with R-PLAN-2 classification.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>

#include "app/plan_codec.hpp"
#include "app/principal.hpp"
#include "common/clock.hpp"
#include "planner/plan.hpp"
#include "planner/working_calendar.hpp"
#include "store/store.hpp"

namespace anjian::app {

struct CompileRequest {
  int year = 0;
  std::string policy = "jiefang";  // a preset name; ignored when policy_text is given
  std::string policy_text;         // a policy file (JSON with comments)
  std::string seed;                // the revealed seed (≥ 8 characters)
  std::int64_t commitment_id = 0;  // a commitment made before; 0 = commit now, then draw
  std::optional<int> capacity;     // capacity override
};

struct CompiledPlan {
  store::PlanRecord record;
  planner::Plan plan;
};

// A stored revision with its snapshot input and the plan rebuilt from it.
struct LoadedPlan {
  store::PlanRecord record;
  store::PlanRecord root;             // revision 1: seed, commitment, input hash
  planner::WorkingCalendar calendar;  // the calendar stored in the snapshot
  planner::PlanInput input;
  planner::Plan original;  // revision 1, as compiled
  planner::Plan plan;      // this revision
};

struct VerifyCheck {
  std::string name;
  bool ok = false;
  std::string detail;
};

struct VerifyReport {
  bool ok = false;
  std::vector<VerifyCheck> checks;
};

// kPermissionDenied unless the plan's jurisdiction lies inside the caller's (plan writes and
// task creation; reading a plan above one's jurisdiction is allowed for one's own part of it).
Status RequirePlanInsideJurisdiction(const Principal& who, const store::PlanRecord& plan);

class PlanService {
 public:
  PlanService(store::Store& store, const Clock& clock, const planner::WorkingCalendar& calendar,
              std::string calendar_text)
      : store_(store),
        clock_(clock),
        calendar_(calendar),
        calendar_text_(std::move(calendar_text)) {}

  // Records SHA-256(seed) (64 hex digits) before the draw.
  Result<store::SeedCommitment> Commit(const Principal& who, int year,
                                       const std::string& commitment);
  Result<CompiledPlan> Compile(const Principal& who, const CompileRequest& request);
  // Capacity and demand without storing anything (the wizard's preview).
  Result<nlohmann::json> Preview(const Principal& who, const CompileRequest& request);
  // The credit codes of the units the caller may see in this plan's items: nullopt when the plan
  // lies inside the caller's jurisdiction (all of it), else the caller's units only.
  Result<std::optional<std::set<std::string>>> VisibleUnitCodes(const Principal& who,
                                                                const store::PlanRecord& plan);
  Result<store::PlanRecord> Get(const Principal& who, std::int64_t id);
  Result<std::vector<store::PlanRecord>> List(const Principal& who, int year);
  // The plan's events with the acting user's display name.
  Result<std::vector<std::pair<store::PlanEvent, std::string>>> Events(const Principal& who,
                                                                       std::int64_t id);
  Result<VerifyReport> Verify(const Principal& who, std::int64_t id);
  // The id of the plan a published seed commitment names (its newest revision, or `revision` when
  // > 0), for verifying without a row id: a street merged into a district database had its ids
  // moved, while the commitment printed on the plan stays. kNotFound when none in the caller's
  // view carries it.
  Result<std::int64_t> FindByCommitment(const Principal& who, std::string_view commitment,
                                        int revision = 0);
  Result<nlohmann::json> Explain(const Principal& who, std::int64_t id,
                                 const std::string& credit_code);
  Result<store::PlanRecord> Transition(const Principal& who, std::int64_t id,
                                       const std::string& action, int expected_version,
                                       const std::string& note);
  Result<store::PlanRecord> Adjust(const Principal& who, std::int64_t id,
                                   const nlohmann::json& body);
  // The stored items of a revision the caller has read (Get), in plan order, as their JSON
  // documents; from a plan above the caller's jurisdiction only the caller's units' items.
  Status ForEachStoredItem(const Principal& who, const store::PlanRecord& record,
                           const store::PlanItemFilter& filter,
                           const std::function<Status(const nlohmann::json&)>& visit);
  // The stored document with its items: the plan.json download and `--json`.
  Result<nlohmann::json> StoredDocument(const Principal& who, const store::PlanRecord& record);
  const planner::WorkingCalendar& calendar() const { return calendar_; }
  // A stored revision rebuilt from its snapshot (compile + adjustments).
  Result<LoadedPlan> Load(const Principal& who, std::int64_t id);

 private:
  Result<planner::Policy> ResolvePolicy(const CompileRequest& request);
  Result<planner::PlanInput> LoadInput(store::StoreSession& session, const Principal& who,
                                       const CompileRequest& request);
  Result<LoadedPlan> RebuildRecord(const Principal& who, store::PlanRecord record);

  store::Store& store_;
  const Clock& clock_;
  const planner::WorkingCalendar& calendar_;
  std::string calendar_text_;
};

// Reads what the compiler needs from the store into `input`: the scope's units with their region
// paths and community/grid names, and its inspectors. Returns how many regions were read.
Result<std::size_t> ReadPlanUnitsAndInspectors(store::StoreSession& session,
                                               const store::Scope& scope,
                                               planner::PlanInput& input);

// A revision's items, and revision 1's input units, written as rows a batch at a time (each row
// serialised as it is written, so a province's plan is never one document in memory). Called by
// Compile and Adjust after InsertPlan, in the same write session.
Status SavePlanItems(store::StoreSession& session, std::int64_t plan_id,
                     const std::vector<planner::PlanItem>& items);
Status SavePlanInputUnits(store::StoreSession& session, std::int64_t plan_id,
                          const std::vector<planner::PlanUnit>& units);

// "draft" → "草稿" etc. and the actions allowed next, for the API and UI.
// The stored plan document with plan_id, revision and status and the given items (a JSON array):
// the `--json` and plan.json form.
nlohmann::json ServedPlanDocument(const store::PlanRecord& record, nlohmann::json items);

// With `who`, allowed_actions lists only what that caller's role may do.
nlohmann::json PlanRecordToJson(const store::PlanRecord& record, bool with_document,
                                const Principal* who = nullptr);

}  // namespace anjian::app

// Use cases of the hazard ledger (issue #5, groundwork): register a hazard found at a unit, move
// it through the closed loop with the domain state machine (who may do what, major-hazard
// closure conditions), list it with filters and counts by state, read its timeline. Enterprise
// accounts see and act on their own unit only.
#pragma once

#include <nlohmann/json.hpp>

#include "app/documents/document_issuer.hpp"
#include "app/principal.hpp"
#include "common/clock.hpp"
#include "domain/hazard/hazard.hpp"
#include "store/store.hpp"

namespace anjian::app {

struct HazardPage {
  store::PageResult<store::HazardRecord> page;
  std::vector<std::pair<domain::HazardState, std::int64_t>> counts_by_state;
};

class HazardService {
 public:
  // With `documents`, re-inspections issue a 整改复查意见书 and a failed one schedules the next
  // re-inspection task for the same team.
  HazardService(store::Store& store, const Clock& clock, const DocumentIssuer* documents = nullptr)
      : store_(store), clock_(clock), documents_(documents) {}

  // body: {unit_id | unit_credit_code, grade: general|major, description, legal_basis, found_on?}
  Result<store::HazardRecord> Register(const Principal& who, const nlohmann::json& body);
  // query: state, grade, overdue=1, due_within=N days, q
  Result<HazardPage> List(const Principal& who, store::HazardQuery query, bool overdue,
                          int due_within_days);
  // The hazard with its timeline; each transition with the acting user's display name.
  Result<std::pair<store::HazardRecord,
                   std::vector<std::pair<store::HazardTransitionRecord, std::string>>>>
  Get(const Principal& who, HazardId id);
  // body: {action, version, deadline?, signature?, supervision_level?, supervising_leader?, note?,
  //        evidence?: [sha256 of uploaded photos]}
  Result<store::HazardRecord> Transition(const Principal& who, HazardId id,
                                         const nlohmann::json& body);
  // The date overdue and due-soon flags are judged against (the service's clock).
  CivilDate Today() const { return BeijingDate(clock_); }

  // Rectifying hazards overdue or due within 3 days in the caller's jurisdiction, and how many of
  // them the caller registered or found ("mine").
  Result<nlohmann::json> Reminders(const Principal& who);
  // The daily job: marks hazards newly overdue (overdue_since) and escalates overdue major ones
  // (timeline entry "escalate"). `claim`: only if today's run was not claimed yet (the scheduler);
  // a manual run always marks. Returns {ran, marked, escalated}.
  Result<nlohmann::json> RunOverdueJob(bool claim);
  Result<nlohmann::json> RunOverdueJob(bool claim, const Principal& who);
  // The manual run (POST /jobs/overdue): administrators only.
  Result<nlohmann::json> RunOverdueJobNow(const Principal& who);

 private:
  Status AfterReview(store::StoreSession& session, const Principal& who,
                     const store::HazardRecord& hazard, domain::HazardAction action,
                     const domain::HazardCommand& command,
                     const std::vector<std::string>& evidence);

  store::Store& store_;
  const Clock& clock_;
  const DocumentIssuer* documents_;
};

domain::Hazard ToDomain(const store::HazardRecord& record);
nlohmann::json HazardToJson(const store::HazardRecord& record, const Principal* who,
                            CivilDate today);

}  // namespace anjian::app

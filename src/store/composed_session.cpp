#include "store/composed_session.hpp"

#include <utility>

namespace anjian::store {

ComposedSession::ComposedSession(std::unique_ptr<StoreSession> base)
    : base_(std::move(base)),
      registry_(base_.get()),
      roster_(base_.get()),
      plans_(base_.get()),
      hazards_(base_.get()),
      inspections_(base_.get()),
      enterprise_(base_.get()),
      accounts_(base_.get()),
      audit_(base_.get()),
      operations_(base_.get()) {}

ComposedSession& ComposedSession::Replace(RegistryPort& port) {
  registry_ = &port;
  return *this;
}
ComposedSession& ComposedSession::Replace(RosterPort& port) {
  roster_ = &port;
  return *this;
}
ComposedSession& ComposedSession::Replace(PlanPort& port) {
  plans_ = &port;
  return *this;
}
ComposedSession& ComposedSession::Replace(HazardPort& port) {
  hazards_ = &port;
  return *this;
}
ComposedSession& ComposedSession::Replace(InspectionPort& port) {
  inspections_ = &port;
  return *this;
}
ComposedSession& ComposedSession::Replace(EnterprisePort& port) {
  enterprise_ = &port;
  return *this;
}
ComposedSession& ComposedSession::Replace(AccountPort& port) {
  accounts_ = &port;
  return *this;
}
ComposedSession& ComposedSession::Replace(AuditPort& port) {
  audit_ = &port;
  return *this;
}
ComposedSession& ComposedSession::Replace(OperationsPort& port) {
  operations_ = &port;
  return *this;
}

Status ComposedSession::Commit() { return base_->Commit(); }

Result<std::vector<domain::Region>> ComposedSession::ListRegions(const Scope& scope) {
  return registry_->ListRegions(scope);
}

Result<domain::Region> ComposedSession::GetRegion(const Scope& scope, RegionId id) {
  return registry_->GetRegion(scope, id);
}

Result<std::optional<domain::Region>> ComposedSession::FindRegionByName(
    std::optional<RegionId> parent, std::string_view name) {
  return registry_->FindRegionByName(parent, name);
}

Result<std::vector<std::pair<RegionId, std::string>>> ComposedSession::RegionNamesOf(
    const std::vector<RegionId>& ids) {
  return registry_->RegionNamesOf(ids);
}

Result<domain::Region> ComposedSession::InsertRegion(const domain::Region& region) {
  return registry_->InsertRegion(region);
}

Result<domain::Region> ComposedSession::UpdateRegion(const domain::Region& region) {
  return registry_->UpdateRegion(region);
}

Status ComposedSession::DeleteRegion(RegionId id, int expected_version) {
  return registry_->DeleteRegion(id, expected_version);
}

Result<PageResult<domain::Unit>> ComposedSession::ListUnits(const Scope& scope,
                                                            const UnitQuery& query) {
  return registry_->ListUnits(scope, query);
}

Result<domain::Unit> ComposedSession::GetUnit(const Scope& scope, UnitId id) {
  return registry_->GetUnit(scope, id);
}

Result<std::optional<domain::Unit>> ComposedSession::FindUnitByCode(const Scope& scope,
                                                                    std::string_view credit_code) {
  return registry_->FindUnitByCode(scope, credit_code);
}

Status ComposedSession::ForEachUnit(const Scope& scope,
                                    const std::function<void(const domain::Unit&)>& visit) {
  return registry_->ForEachUnit(scope, visit);
}

Result<std::vector<std::string>> ComposedSession::ExistingUnitCodes(
    const std::vector<std::string>& codes) {
  return registry_->ExistingUnitCodes(codes);
}

Result<domain::Unit> ComposedSession::InsertUnit(const domain::Unit& unit, std::int64_t now) {
  return registry_->InsertUnit(unit, now);
}

Result<domain::Unit> ComposedSession::UpdateUnit(const domain::Unit& unit, std::int64_t now) {
  return registry_->UpdateUnit(unit, now);
}

Status ComposedSession::DeleteUnit(UnitId id, int expected_version) {
  return registry_->DeleteUnit(id, expected_version);
}

Result<std::int64_t> ComposedSession::CountUnits(const Scope& scope) {
  return registry_->CountUnits(scope);
}

Result<RegistryStats> ComposedSession::UnitStats(const Scope& scope) {
  return registry_->UnitStats(scope);
}

Result<std::int64_t> ComposedSession::ChangeCounter(std::string_view name) {
  return registry_->ChangeCounter(name);
}

Status ComposedSession::AppendHistory(const HistoryEntry& entry) {
  return registry_->AppendHistory(entry);
}

Result<std::vector<HistoryEntry>> ComposedSession::ListHistory(std::string_view entity,
                                                               std::int64_t entity_id, int limit) {
  return registry_->ListHistory(entity, entity_id, limit);
}

Result<std::int64_t> ComposedSession::RecordImport(const ImportRecord& record) {
  return registry_->RecordImport(record);
}

Result<std::vector<ImportRecord>> ComposedSession::ListImports(int limit) {
  return registry_->ListImports(limit);
}

Result<PageResult<domain::Inspector>> ComposedSession::ListInspectors(const Scope& scope,
                                                                      const InspectorQuery& query) {
  return roster_->ListInspectors(scope, query);
}

Result<domain::Inspector> ComposedSession::GetInspector(const Scope& scope, InspectorId id) {
  return roster_->GetInspector(scope, id);
}

Status ComposedSession::ForEachInspector(
    const Scope& scope, const std::function<void(const domain::Inspector&)>& visit) {
  return roster_->ForEachInspector(scope, visit);
}

Result<std::vector<std::string>> ComposedSession::ExistingEmployeeNumbers(
    const std::vector<std::string>& employee_numbers) {
  return roster_->ExistingEmployeeNumbers(employee_numbers);
}

Result<domain::Inspector> ComposedSession::InsertInspector(const domain::Inspector& inspector,
                                                           std::int64_t now) {
  return roster_->InsertInspector(inspector, now);
}

Result<domain::Inspector> ComposedSession::UpdateInspector(const domain::Inspector& inspector,
                                                           std::int64_t now) {
  return roster_->UpdateInspector(inspector, now);
}

Status ComposedSession::DeleteInspector(InspectorId id, int expected_version) {
  return roster_->DeleteInspector(id, expected_version);
}

Result<PlanRecord> ComposedSession::InsertPlan(const PlanRecord& plan) {
  return plans_->InsertPlan(plan);
}

Result<PlanRecord> ComposedSession::GetPlan(const Scope& scope, std::int64_t id) {
  return plans_->GetPlan(scope, id);
}

Result<std::vector<PlanRecord>> ComposedSession::ListPlans(const Scope& scope, int year) {
  return plans_->ListPlans(scope, year);
}

Result<PlanRecord> ComposedSession::UpdatePlanStatus(std::int64_t id, int expected_version,
                                                     planner::PlanStatus status,
                                                     std::optional<CivilDate> reapproval_due,
                                                     std::int64_t now) {
  return plans_->UpdatePlanStatus(id, expected_version, status, reapproval_due, now);
}

Status ComposedSession::InsertPlanItems(std::int64_t plan_id,
                                        const std::vector<PlanItemRow>& items) {
  return plans_->InsertPlanItems(plan_id, items);
}

Status ComposedSession::ForEachPlanItem(std::int64_t plan_id, const PlanItemFilter& filter,
                                        const std::function<Status(const PlanItemRow&)>& visit) {
  return plans_->ForEachPlanItem(plan_id, filter, visit);
}

Status ComposedSession::InsertPlanInputChunks(std::int64_t plan_id, std::int64_t first_ordinal,
                                              const std::vector<std::string>& units) {
  return plans_->InsertPlanInputChunks(plan_id, first_ordinal, units);
}

Status ComposedSession::ForEachPlanInputChunk(
    std::int64_t plan_id, const std::function<Status(const std::string&)>& visit) {
  return plans_->ForEachPlanInputChunk(plan_id, visit);
}

Status ComposedSession::AppendPlanEvent(const PlanEvent& event) {
  return plans_->AppendPlanEvent(event);
}

Result<std::vector<PlanEvent>> ComposedSession::ListPlanEvents(std::int64_t plan_id) {
  return plans_->ListPlanEvents(plan_id);
}

Result<SeedCommitment> ComposedSession::InsertSeedCommitment(const SeedCommitment& commitment) {
  return plans_->InsertSeedCommitment(commitment);
}

Result<SeedCommitment> ComposedSession::GetSeedCommitment(std::int64_t id) {
  return plans_->GetSeedCommitment(id);
}

Status ComposedSession::MarkSeedCommitmentUsed(std::int64_t id, std::int64_t plan_id) {
  return plans_->MarkSeedCommitmentUsed(id, plan_id);
}

Result<HazardRecord> ComposedSession::InsertHazard(const HazardRecord& hazard) {
  return hazards_->InsertHazard(hazard);
}

Result<HazardRecord> ComposedSession::GetHazard(const Scope& scope, HazardId id) {
  return hazards_->GetHazard(scope, id);
}

Result<HazardRecord> ComposedSession::UpdateHazard(const HazardRecord& hazard) {
  return hazards_->UpdateHazard(hazard);
}

Result<PageResult<HazardRecord>> ComposedSession::ListHazards(const Scope& scope,
                                                              const HazardQuery& query) {
  return hazards_->ListHazards(scope, query);
}

Result<std::vector<std::pair<domain::HazardState, std::int64_t>>>
ComposedSession::CountHazardsByState(const Scope& scope, const HazardQuery& query) {
  return hazards_->CountHazardsByState(scope, query);
}

Status ComposedSession::AppendHazardTransition(const HazardTransitionRecord& transition) {
  return hazards_->AppendHazardTransition(transition);
}

Result<std::vector<HazardTransitionRecord>> ComposedSession::ListHazardTransitions(
    HazardId hazard_id) {
  return hazards_->ListHazardTransitions(hazard_id);
}

Result<bool> ComposedSession::MarkHazardOverdue(HazardId id, CivilDate since, bool escalated) {
  return hazards_->MarkHazardOverdue(id, since, escalated);
}

Result<int> ComposedSession::NextDocumentSerial(const std::string& scope_path,
                                                const std::string& doc_type, int year) {
  return inspections_->NextDocumentSerial(scope_path, doc_type, year);
}

Result<TaskRecord> ComposedSession::InsertTask(const TaskRecord& task) {
  return inspections_->InsertTask(task);
}

Result<TaskRecord> ComposedSession::GetTask(const Scope& scope, std::int64_t id) {
  return inspections_->GetTask(scope, id);
}

Result<PageResult<TaskRecord>> ComposedSession::ListTasks(const Scope& scope,
                                                          const TaskQuery& query) {
  return inspections_->ListTasks(scope, query);
}

Result<TaskRecord> ComposedSession::UpdateTask(const TaskRecord& task) {
  return inspections_->UpdateTask(task);
}

Result<std::optional<std::int64_t>> ComposedSession::FindTaskByPlanItem(std::int64_t plan_id,
                                                                        const std::string& key) {
  return inspections_->FindTaskByPlanItem(plan_id, key);
}

Result<InspectionRecordRow> ComposedSession::InsertInspectionRecord(
    const InspectionRecordRow& record) {
  return inspections_->InsertInspectionRecord(record);
}

Result<InspectionRecordRow> ComposedSession::GetInspectionRecord(const Scope& scope,
                                                                 std::int64_t id) {
  return inspections_->GetInspectionRecord(scope, id);
}

Result<std::vector<InspectionRecordRow>> ComposedSession::ListInspectionRecords(
    std::int64_t task_id) {
  return inspections_->ListInspectionRecords(task_id);
}

Status ComposedSession::ForEachLastInspection(const Scope& scope,
                                              const std::function<void(UnitId, CivilDate)>& visit) {
  return inspections_->ForEachLastInspection(scope, visit);
}

Result<SignatureAttestationRow> ComposedSession::InsertSignatureAttestation(
    const SignatureAttestationRow& attestation) {
  return inspections_->InsertSignatureAttestation(attestation);
}

Result<SignatureAttestationRow> ComposedSession::GetSignatureAttestation(AttestationId id) {
  return inspections_->GetSignatureAttestation(id);
}

Result<std::vector<SignatureAttestationRow>> ComposedSession::ListSignatureAttestations(
    std::int64_t task_id) {
  return inspections_->ListSignatureAttestations(task_id);
}

Result<bool> ComposedSession::UseSignatureAttestation(AttestationId id, std::int64_t record_id) {
  return inspections_->UseSignatureAttestation(id, record_id);
}

Result<UploadRow> ComposedSession::PutUpload(const UploadRow& upload) {
  return inspections_->PutUpload(upload);
}

Result<std::optional<UploadRow>> ComposedSession::GetUpload(const std::string& sha256) {
  return inspections_->GetUpload(sha256);
}

Result<std::optional<std::string>> ComposedSession::GetUploadBytes(const std::string& sha256) {
  return inspections_->GetUploadBytes(sha256);
}

Result<bool> ComposedSession::UploadReferencedIn(const std::string& sha256, const Scope& scope,
                                                 std::optional<UnitId> unit) {
  return inspections_->UploadReferencedIn(sha256, scope, unit);
}

Result<DocumentRow> ComposedSession::InsertDocument(const DocumentRow& document) {
  return inspections_->InsertDocument(document);
}

Result<DocumentRow> ComposedSession::GetDocument(const Scope& scope, DocumentId id) {
  return inspections_->GetDocument(scope, id);
}

Result<std::optional<DocumentRow>> ComposedSession::FindDocumentByHashPrefix(
    const Scope& scope, std::string_view hash_prefix) {
  return inspections_->FindDocumentByHashPrefix(scope, hash_prefix);
}

Result<PageResult<DocumentRow>> ComposedSession::ListDocuments(const Scope& scope,
                                                               const DocumentQuery& query) {
  return inspections_->ListDocuments(scope, query);
}

Result<SelfInspectionRow> ComposedSession::InsertSelfInspection(const SelfInspectionRow& row) {
  return enterprise_->InsertSelfInspection(row);
}

Result<PageResult<SelfInspectionRow>> ComposedSession::ListSelfInspections(
    const Scope& scope, std::optional<UnitId> unit, int page, int page_size) {
  return enterprise_->ListSelfInspections(scope, unit, page, page_size);
}

Result<NoticeRow> ComposedSession::InsertNotice(const NoticeRow& notice) {
  return enterprise_->InsertNotice(notice);
}

Result<std::vector<NoticeRow>> ComposedSession::ListNotices(const std::string& region_path) {
  return enterprise_->ListNotices(region_path);
}

Result<NoticeRow> ComposedSession::GetNotice(NoticeId id) { return enterprise_->GetNotice(id); }

Status ComposedSession::InsertNoticeReceipt(const NoticeReceiptRow& receipt) {
  return enterprise_->InsertNoticeReceipt(receipt);
}

Result<std::vector<NoticeReceiptRow>> ComposedSession::ListNoticeReceipts(NoticeId notice_id) {
  return enterprise_->ListNoticeReceipts(notice_id);
}

Result<User> ComposedSession::InsertUser(const User& user) { return accounts_->InsertUser(user); }

Result<std::optional<User>> ComposedSession::FindUserByName(std::string_view username) {
  return accounts_->FindUserByName(username);
}

Result<User> ComposedSession::GetUser(UserId id) { return accounts_->GetUser(id); }

Result<std::vector<User>> ComposedSession::ListUsers() { return accounts_->ListUsers(); }

Status ComposedSession::InsertSession(const AuthSession& session) {
  return accounts_->InsertSession(session);
}

Result<std::optional<AuthSession>> ComposedSession::FindSession(std::string_view token_hash) {
  return accounts_->FindSession(token_hash);
}

Status ComposedSession::DeleteSession(std::string_view token_hash) {
  return accounts_->DeleteSession(token_hash);
}

Status ComposedSession::DeleteExpiredSessions(std::int64_t now) {
  return accounts_->DeleteExpiredSessions(now);
}

Result<User> ComposedSession::UpdateUser(const User& user) { return accounts_->UpdateUser(user); }

Result<std::vector<AuthSession>> ComposedSession::ListSessionsOf(UserId user) {
  return accounts_->ListSessionsOf(user);
}

Status ComposedSession::DeleteSessionsOf(UserId user, std::string_view keep_token_hash) {
  return accounts_->DeleteSessionsOf(user, keep_token_hash);
}

Status ComposedSession::TouchSession(std::string_view token_hash, std::int64_t now) {
  return accounts_->TouchSession(token_hash, now);
}

Status ComposedSession::DeleteLoginThrottlesOf(std::string_view username) {
  return accounts_->DeleteLoginThrottlesOf(username);
}

Result<LoginThrottle> ComposedSession::GetLoginThrottle(const std::string& key) {
  return accounts_->GetLoginThrottle(key);
}

Status ComposedSession::SaveLoginThrottle(const std::string& key, const LoginThrottle& throttle) {
  return accounts_->SaveLoginThrottle(key, throttle);
}

Status ComposedSession::DeleteLoginThrottle(const std::string& key) {
  return accounts_->DeleteLoginThrottle(key);
}

void ComposedSession::StageAudit(domain::AuditEntry entry) {
  return audit_->StageAudit(std::move(entry));
}

void ComposedSession::MarkBookkeeping() { return audit_->MarkBookkeeping(); }

Result<AuditPage> ComposedSession::ListAudit(const AuditQuery& query) {
  return audit_->ListAudit(query);
}

Status ComposedSession::ForEachAudit(
    std::int64_t from_seq, const std::function<Status(const domain::AuditEntry&)>& visit) {
  return audit_->ForEachAudit(from_seq, visit);
}

Result<AuditAnchor> ComposedSession::AuditHead() { return audit_->AuditHead(); }

Result<std::vector<AuditAnchor>> ComposedSession::AuditAnchors(int days) {
  return audit_->AuditAnchors(days);
}

Result<std::optional<AuditCheckpoint>> ComposedSession::LatestAuditCheckpoint() {
  return audit_->LatestAuditCheckpoint();
}

Status ComposedSession::ArchiveAudit(const AuditCheckpoint& checkpoint) {
  return audit_->ArchiveAudit(checkpoint);
}

Result<std::vector<MergedSource>> ComposedSession::ListMergedSources() {
  return audit_->ListMergedSources();
}

Status ComposedSession::ForEachImportedAudit(
    std::int64_t source_id, std::int64_t from_seq,
    const std::function<Status(const domain::AuditEntry&)>& visit) {
  return audit_->ForEachImportedAudit(source_id, from_seq, visit);
}

Result<std::optional<AuditCheckpoint>> ComposedSession::LatestImportedAuditCheckpoint(
    std::int64_t source_id) {
  return audit_->LatestImportedAuditCheckpoint(source_id);
}

Result<std::optional<IdempotentResponse>> ComposedSession::FindIdempotentResponse(
    std::int64_t user_id, const std::string& key) {
  return operations_->FindIdempotentResponse(user_id, key);
}

Status ComposedSession::SaveIdempotentResponse(std::int64_t user_id, const std::string& key,
                                               const IdempotentResponse& response,
                                               std::int64_t now) {
  return operations_->SaveIdempotentResponse(user_id, key, response, now);
}

Result<bool> ComposedSession::ClaimJobRun(const std::string& job, const std::string& day,
                                          std::int64_t now) {
  return operations_->ClaimJobRun(job, day, now);
}

Status ComposedSession::FinishJobRun(const std::string& job, const std::string& day,
                                     std::int64_t now, const std::string& result) {
  return operations_->FinishJobRun(job, day, now, result);
}

}  // namespace anjian::store

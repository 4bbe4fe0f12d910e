// A StoreSession assembled from one port per area. It starts with every area served by a real
// session (`base`); Replace() hands one area to another implementation, typically a test fake of
// that area alone (an in-memory plan port, a hazard port that fails), while the other areas, the
// audit chain and Commit() stay real. Every method forwards to its area's port and stays virtual,
// so a subclass can also intercept a single call (tests/support/failing_store does).
#pragma once

#include <memory>

#include "store/store.hpp"

namespace anjian::store {

class ComposedSession : public StoreSession {
 public:
  explicit ComposedSession(std::unique_ptr<StoreSession> base);
  ComposedSession(const ComposedSession&) = delete;
  ComposedSession& operator=(const ComposedSession&) = delete;

  // The replacement must outlive the session. Returns *this to chain replacements.
  ComposedSession& Replace(RegistryPort& port);
  ComposedSession& Replace(RosterPort& port);
  ComposedSession& Replace(PlanPort& port);
  ComposedSession& Replace(HazardPort& port);
  ComposedSession& Replace(InspectionPort& port);
  ComposedSession& Replace(EnterprisePort& port);
  ComposedSession& Replace(AccountPort& port);
  ComposedSession& Replace(AuditPort& port);
  ComposedSession& Replace(OperationsPort& port);

  StoreSession& base() { return *base_; }

  // RegistryPort
  Result<std::vector<domain::Region>> ListRegions(const Scope& scope) override;
  Result<domain::Region> GetRegion(const Scope& scope, RegionId id) override;
  Result<std::optional<domain::Region>> FindRegionByName(std::optional<RegionId> parent,
                                                         std::string_view name) override;
  Result<std::vector<std::pair<RegionId, std::string>>> RegionNamesOf(
      const std::vector<RegionId>& ids) override;
  Result<domain::Region> InsertRegion(const domain::Region& region) override;
  Result<domain::Region> UpdateRegion(const domain::Region& region) override;
  Status DeleteRegion(RegionId id, int expected_version) override;
  Result<PageResult<domain::Unit>> ListUnits(const Scope& scope, const UnitQuery& query) override;
  Result<domain::Unit> GetUnit(const Scope& scope, UnitId id) override;
  Result<std::optional<domain::Unit>> FindUnitByCode(const Scope& scope,
                                                     std::string_view credit_code) override;
  Status ForEachUnit(const Scope& scope,
                     const std::function<void(const domain::Unit&)>& visit) override;
  Result<std::vector<std::string>> ExistingUnitCodes(
      const std::vector<std::string>& codes) override;
  Result<domain::Unit> InsertUnit(const domain::Unit& unit, std::int64_t now) override;
  Result<domain::Unit> UpdateUnit(const domain::Unit& unit, std::int64_t now) override;
  Status DeleteUnit(UnitId id, int expected_version) override;
  Result<std::int64_t> CountUnits(const Scope& scope) override;
  Result<RegistryStats> UnitStats(const Scope& scope) override;
  Result<std::int64_t> ChangeCounter(std::string_view name) override;
  Status AppendHistory(const HistoryEntry& entry) override;
  Result<std::vector<HistoryEntry>> ListHistory(std::string_view entity, std::int64_t entity_id,
                                                int limit) override;
  Result<std::int64_t> RecordImport(const ImportRecord& record) override;
  Result<std::vector<ImportRecord>> ListImports(int limit) override;

  // RosterPort
  Result<PageResult<domain::Inspector>> ListInspectors(const Scope& scope,
                                                       const InspectorQuery& query) override;
  Result<domain::Inspector> GetInspector(const Scope& scope, InspectorId id) override;
  Status ForEachInspector(const Scope& scope,
                          const std::function<void(const domain::Inspector&)>& visit) override;
  Result<std::vector<std::string>> ExistingEmployeeNumbers(
      const std::vector<std::string>& employee_numbers) override;
  Result<domain::Inspector> InsertInspector(const domain::Inspector& inspector,
                                            std::int64_t now) override;
  Result<domain::Inspector> UpdateInspector(const domain::Inspector& inspector,
                                            std::int64_t now) override;
  Status DeleteInspector(InspectorId id, int expected_version) override;

  // PlanPort
  Result<PlanRecord> InsertPlan(const PlanRecord& plan) override;
  Result<PlanRecord> GetPlan(const Scope& scope, std::int64_t id) override;
  Result<std::vector<PlanRecord>> ListPlans(const Scope& scope, int year) override;
  Result<PlanRecord> UpdatePlanStatus(std::int64_t id, int expected_version,
                                      planner::PlanStatus status,
                                      std::optional<CivilDate> reapproval_due,
                                      std::int64_t now) override;
  Status InsertPlanItems(std::int64_t plan_id, const std::vector<PlanItemRow>& items) override;
  Status ForEachPlanItem(std::int64_t plan_id, const PlanItemFilter& filter,
                         const std::function<Status(const PlanItemRow&)>& visit) override;
  Status InsertPlanInputChunks(std::int64_t plan_id, std::int64_t first_ordinal,
                               const std::vector<std::string>& units) override;
  Status ForEachPlanInputChunk(std::int64_t plan_id,
                               const std::function<Status(const std::string&)>& visit) override;
  Status AppendPlanEvent(const PlanEvent& event) override;
  Result<std::vector<PlanEvent>> ListPlanEvents(std::int64_t plan_id) override;
  Result<SeedCommitment> InsertSeedCommitment(const SeedCommitment& commitment) override;
  Result<SeedCommitment> GetSeedCommitment(std::int64_t id) override;
  Status MarkSeedCommitmentUsed(std::int64_t id, std::int64_t plan_id) override;

  // HazardPort
  Result<HazardRecord> InsertHazard(const HazardRecord& hazard) override;
  Result<HazardRecord> GetHazard(const Scope& scope, HazardId id) override;
  Result<HazardRecord> UpdateHazard(const HazardRecord& hazard) override;
  Result<PageResult<HazardRecord>> ListHazards(const Scope& scope,
                                               const HazardQuery& query) override;
  Result<std::vector<std::pair<domain::HazardState, std::int64_t>>> CountHazardsByState(
      const Scope& scope, const HazardQuery& query) override;
  Status AppendHazardTransition(const HazardTransitionRecord& transition) override;
  Result<std::vector<HazardTransitionRecord>> ListHazardTransitions(HazardId hazard_id) override;
  Result<bool> MarkHazardOverdue(HazardId id, CivilDate since, bool escalated) override;

  // InspectionPort
  Result<int> NextDocumentSerial(const std::string& scope_path, const std::string& doc_type,
                                 int year) override;
  Result<TaskRecord> InsertTask(const TaskRecord& task) override;
  Result<TaskRecord> GetTask(const Scope& scope, std::int64_t id) override;
  Result<PageResult<TaskRecord>> ListTasks(const Scope& scope, const TaskQuery& query) override;
  Result<TaskRecord> UpdateTask(const TaskRecord& task) override;
  Result<std::optional<std::int64_t>> FindTaskByPlanItem(std::int64_t plan_id,
                                                         const std::string& key) override;
  Result<InspectionRecordRow> InsertInspectionRecord(const InspectionRecordRow& record) override;
  Result<InspectionRecordRow> GetInspectionRecord(const Scope& scope, std::int64_t id) override;
  Result<std::vector<InspectionRecordRow>> ListInspectionRecords(std::int64_t task_id) override;
  Status ForEachLastInspection(const Scope& scope,
                               const std::function<void(UnitId, CivilDate)>& visit) override;
  Result<SignatureAttestationRow> InsertSignatureAttestation(
      const SignatureAttestationRow& attestation) override;
  Result<SignatureAttestationRow> GetSignatureAttestation(AttestationId id) override;
  Result<std::vector<SignatureAttestationRow>> ListSignatureAttestations(
      std::int64_t task_id) override;
  Result<bool> UseSignatureAttestation(AttestationId id, std::int64_t record_id) override;
  Result<UploadRow> PutUpload(const UploadRow& upload) override;
  Result<std::optional<UploadRow>> GetUpload(const std::string& sha256) override;
  Result<std::optional<std::string>> GetUploadBytes(const std::string& sha256) override;
  Result<bool> UploadReferencedIn(const std::string& sha256, const Scope& scope,
                                  std::optional<UnitId> unit) override;
  Result<DocumentRow> InsertDocument(const DocumentRow& document) override;
  Result<DocumentRow> GetDocument(const Scope& scope, DocumentId id) override;
  Result<std::optional<DocumentRow>> FindDocumentByHashPrefix(
      const Scope& scope, std::string_view hash_prefix) override;
  Result<PageResult<DocumentRow>> ListDocuments(const Scope& scope,
                                                const DocumentQuery& query) override;

  // EnterprisePort
  Result<SelfInspectionRow> InsertSelfInspection(const SelfInspectionRow& row) override;
  Result<PageResult<SelfInspectionRow>> ListSelfInspections(const Scope& scope,
                                                            std::optional<UnitId> unit, int page,
                                                            int page_size) override;
  Result<NoticeRow> InsertNotice(const NoticeRow& notice) override;
  Result<std::vector<NoticeRow>> ListNotices(const std::string& region_path) override;
  Result<NoticeRow> GetNotice(NoticeId id) override;
  Status InsertNoticeReceipt(const NoticeReceiptRow& receipt) override;
  Result<std::vector<NoticeReceiptRow>> ListNoticeReceipts(NoticeId notice_id) override;

  // AccountPort
  Result<User> InsertUser(const User& user) override;
  Result<std::optional<User>> FindUserByName(std::string_view username) override;
  Result<User> GetUser(UserId id) override;
  Result<std::vector<User>> ListUsers() override;
  Status InsertSession(const AuthSession& session) override;
  Result<std::optional<AuthSession>> FindSession(std::string_view token_hash) override;
  Status DeleteSession(std::string_view token_hash) override;
  Status DeleteExpiredSessions(std::int64_t now) override;
  Result<User> UpdateUser(const User& user) override;
  Result<std::vector<AuthSession>> ListSessionsOf(UserId user) override;
  Status DeleteSessionsOf(UserId user, std::string_view keep_token_hash) override;
  Status TouchSession(std::string_view token_hash, std::int64_t now) override;
  Status DeleteLoginThrottlesOf(std::string_view username) override;
  Result<LoginThrottle> GetLoginThrottle(const std::string& key) override;
  Status SaveLoginThrottle(const std::string& key, const LoginThrottle& throttle) override;
  Status DeleteLoginThrottle(const std::string& key) override;

  // AuditPort
  void StageAudit(domain::AuditEntry entry) override;
  void MarkBookkeeping() override;
  Result<AuditPage> ListAudit(const AuditQuery& query) override;
  Status ForEachAudit(std::int64_t from_seq,
                      const std::function<Status(const domain::AuditEntry&)>& visit) override;
  Result<AuditAnchor> AuditHead() override;
  Result<std::vector<AuditAnchor>> AuditAnchors(int days) override;
  Result<std::optional<AuditCheckpoint>> LatestAuditCheckpoint() override;
  Status ArchiveAudit(const AuditCheckpoint& checkpoint) override;
  Result<std::vector<MergedSource>> ListMergedSources() override;
  Status ForEachImportedAudit(
      std::int64_t source_id, std::int64_t from_seq,
      const std::function<Status(const domain::AuditEntry&)>& visit) override;
  Result<std::optional<AuditCheckpoint>> LatestImportedAuditCheckpoint(
      std::int64_t source_id) override;

  // OperationsPort
  Result<std::optional<IdempotentResponse>> FindIdempotentResponse(std::int64_t user_id,
                                                                   const std::string& key) override;
  Status SaveIdempotentResponse(std::int64_t user_id, const std::string& key,
                                const IdempotentResponse& response, std::int64_t now) override;
  Result<bool> ClaimJobRun(const std::string& job, const std::string& day,
                           std::int64_t now) override;
  Status FinishJobRun(const std::string& job, const std::string& day, std::int64_t now,
                      const std::string& result) override;

  // Commits the base session: the areas replaced by fakes have nothing to commit.
  Status Commit() override;

 private:
  std::unique_ptr<StoreSession> base_;
  RegistryPort* registry_;
  RosterPort* roster_;
  PlanPort* plans_;
  HazardPort* hazards_;
  InspectionPort* inspections_;
  EnterprisePort* enterprise_;
  AccountPort* accounts_;
  AuditPort* audit_;
  OperationsPort* operations_;
};

}  // namespace anjian::store

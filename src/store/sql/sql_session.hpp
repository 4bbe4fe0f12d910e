// One read snapshot or write transaction on an SQL connection (see store.hpp for contracts).
// The queries are written once for both engines; the few places where SQLite and PostgreSQL
// differ ask the connection's dialect().
#pragma once

#include <functional>
#include <memory>
#include <mutex>

#include "store/sql/sql_connection.hpp"
#include "store/store.hpp"

namespace anjian::store::sql {

class SqlSession final : public StoreSession {
 public:
  // Gives a connection back to its pool when the session ends; `healthy` is false when the
  // rollback failed (the connection should be dropped).
  using Release = std::function<void(std::unique_ptr<Connection>, bool healthy)>;

  // A session on a pooled connection (the transaction has begun); `release` returns it.
  SqlSession(std::unique_ptr<Connection> connection, bool writable, Release release);
  // A session on a borrowed connection guarded by a lock (SQLite's single writer).
  SqlSession(Connection& writer, std::unique_lock<std::mutex> write_lock);
  ~SqlSession() override;

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

  Result<HazardRecord> InsertHazard(const HazardRecord& hazard) override;
  Result<HazardRecord> GetHazard(const Scope& scope, HazardId id) override;
  Result<HazardRecord> UpdateHazard(const HazardRecord& hazard) override;
  Result<PageResult<HazardRecord>> ListHazards(const Scope& scope,
                                               const HazardQuery& query) override;
  Result<std::vector<std::pair<domain::HazardState, std::int64_t>>> CountHazardsByState(
      const Scope& scope, const HazardQuery& query) override;
  Status AppendHazardTransition(const HazardTransitionRecord& transition) override;
  Result<std::vector<HazardTransitionRecord>> ListHazardTransitions(HazardId hazard_id) override;
  Result<int> NextDocumentSerial(const std::string& scope_path, const std::string& doc_type,
                                 int year) override;
  Result<bool> MarkHazardOverdue(HazardId id, CivilDate since, bool escalated) override;
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
  Result<std::optional<IdempotentResponse>> FindIdempotentResponse(std::int64_t user_id,
                                                                   const std::string& key) override;
  Status SaveIdempotentResponse(std::int64_t user_id, const std::string& key,
                                const IdempotentResponse& response, std::int64_t now) override;
  Result<bool> ClaimJobRun(const std::string& job, const std::string& day,
                           std::int64_t now) override;
  Status FinishJobRun(const std::string& job, const std::string& day, std::int64_t now,
                      const std::string& result) override;
  Result<SelfInspectionRow> InsertSelfInspection(const SelfInspectionRow& row) override;
  Result<PageResult<SelfInspectionRow>> ListSelfInspections(const Scope& scope,
                                                            std::optional<UnitId> unit, int page,
                                                            int page_size) override;
  Result<NoticeRow> InsertNotice(const NoticeRow& notice) override;
  Result<std::vector<NoticeRow>> ListNotices(const std::string& region_path) override;
  Result<NoticeRow> GetNotice(NoticeId id) override;
  Status InsertNoticeReceipt(const NoticeReceiptRow& receipt) override;
  Result<std::vector<NoticeReceiptRow>> ListNoticeReceipts(NoticeId notice_id) override;

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

  Result<std::int64_t> ChangeCounter(std::string_view name) override;
  Status AppendHistory(const HistoryEntry& entry) override;
  Result<std::vector<HistoryEntry>> ListHistory(std::string_view entity, std::int64_t entity_id,
                                                int limit) override;
  Result<std::int64_t> RecordImport(const ImportRecord& record) override;
  Result<std::vector<ImportRecord>> ListImports(int limit) override;

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

  void StageAudit(domain::AuditEntry entry) override;
  void MarkBookkeeping() override { bookkeeping_ = true; }
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

  Status Commit() override;

  // Set by the store that opened this write session (Store::RequireAudit).
  void RequireAuditEntry(bool required) { audit_required_ = required; }

 private:
  // Chains and inserts the staged entries (just before COMMIT).
  Status AppendStagedAudit();
  Status RequireWrite() const;
  // Path of the region rows of a unit/inspector live under; kInvalidArgument when missing.
  Result<std::string> RegionPathOf(RegionId id, std::string_view what);
  Result<std::string> UnitRegionPath(const domain::Unit& unit);

  bool IsPostgres() const { return db_.dialect() == Dialect::kPostgres; }

  std::unique_ptr<Connection> owned_;
  Connection& db_;
  std::unique_lock<std::mutex> write_lock_;
  bool writable_ = false;
  Release release_;
  bool finished_ = false;
  bool audit_required_ = false;
  bool bookkeeping_ = false;
  std::vector<domain::AuditEntry> staged_audit_;
};

}  // namespace anjian::store::sql

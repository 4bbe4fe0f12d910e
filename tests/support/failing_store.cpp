#include "support/failing_store.hpp"

namespace anjian::test_support {

using namespace anjian::store;

// Forwards everything to the real session except the inserts it is told to fail.
class FailingSession final : public StoreSession {
 public:
  FailingSession(FailingStore& owner, std::unique_ptr<StoreSession> inner)
      : owner_(owner), inner_(std::move(inner)) {}

  Result<std::vector<domain::Region>> ListRegions(const Scope& s) override {
    return inner_->ListRegions(s);
  }
  Result<domain::Region> GetRegion(const Scope& s, RegionId id) override {
    return inner_->GetRegion(s, id);
  }
  Result<std::optional<domain::Region>> FindRegionByName(std::optional<RegionId> p,
                                                         std::string_view n) override {
    return inner_->FindRegionByName(p, n);
  }
  Result<std::vector<std::pair<RegionId, std::string>>> RegionNamesOf(
      const std::vector<RegionId>& ids) override {
    return inner_->RegionNamesOf(ids);
  }
  Result<domain::Region> InsertRegion(const domain::Region& r) override {
    return inner_->InsertRegion(r);
  }
  Result<domain::Region> UpdateRegion(const domain::Region& r) override {
    return inner_->UpdateRegion(r);
  }
  Status DeleteRegion(RegionId id, int v) override { return inner_->DeleteRegion(id, v); }
  Result<PageResult<domain::Unit>> ListUnits(const Scope& s, const UnitQuery& q) override {
    return inner_->ListUnits(s, q);
  }
  Result<domain::Unit> GetUnit(const Scope& s, UnitId id) override {
    return inner_->GetUnit(s, id);
  }
  Result<std::optional<domain::Unit>> FindUnitByCode(const Scope& s, std::string_view c) override {
    return inner_->FindUnitByCode(s, c);
  }
  Status ForEachUnit(const Scope& s, const std::function<void(const domain::Unit&)>& v) override {
    return inner_->ForEachUnit(s, v);
  }
  Result<std::vector<std::string>> ExistingUnitCodes(const std::vector<std::string>& c) override {
    return inner_->ExistingUnitCodes(c);
  }
  Result<domain::Unit> InsertUnit(const domain::Unit& u, std::int64_t now) override {
    if (owner_.NextInsertFails()) return Error::Unavailable("injected failure: disk full");
    return inner_->InsertUnit(u, now);
  }
  Result<domain::Unit> UpdateUnit(const domain::Unit& u, std::int64_t now) override {
    return inner_->UpdateUnit(u, now);
  }
  Status DeleteUnit(UnitId id, int v) override { return inner_->DeleteUnit(id, v); }
  Result<std::int64_t> CountUnits(const Scope& s) override { return inner_->CountUnits(s); }
  Result<RegistryStats> UnitStats(const Scope& s) override { return inner_->UnitStats(s); }
  Result<PageResult<domain::Inspector>> ListInspectors(const Scope& s,
                                                       const InspectorQuery& q) override {
    return inner_->ListInspectors(s, q);
  }
  Result<domain::Inspector> GetInspector(const Scope& s, InspectorId id) override {
    return inner_->GetInspector(s, id);
  }
  Status ForEachInspector(const Scope& s,
                          const std::function<void(const domain::Inspector&)>& v) override {
    return inner_->ForEachInspector(s, v);
  }
  Result<std::vector<std::string>> ExistingEmployeeNumbers(
      const std::vector<std::string>& n) override {
    return inner_->ExistingEmployeeNumbers(n);
  }
  Result<domain::Inspector> InsertInspector(const domain::Inspector& i, std::int64_t now) override {
    if (owner_.NextInsertFails()) return Error::Unavailable("injected failure: disk full");
    return inner_->InsertInspector(i, now);
  }
  Result<domain::Inspector> UpdateInspector(const domain::Inspector& i, std::int64_t now) override {
    return inner_->UpdateInspector(i, now);
  }
  Status DeleteInspector(InspectorId id, int v) override { return inner_->DeleteInspector(id, v); }
  Result<std::int64_t> ChangeCounter(std::string_view n) override {
    return inner_->ChangeCounter(n);
  }
  Status AppendHistory(const HistoryEntry& e) override { return inner_->AppendHistory(e); }
  Result<std::vector<HistoryEntry>> ListHistory(std::string_view e, std::int64_t id,
                                                int l) override {
    return inner_->ListHistory(e, id, l);
  }
  Result<std::int64_t> RecordImport(const ImportRecord& r) override {
    return inner_->RecordImport(r);
  }
  Result<std::vector<ImportRecord>> ListImports(int l) override { return inner_->ListImports(l); }
  Result<HazardRecord> InsertHazard(const HazardRecord& h) override {
    return inner_->InsertHazard(h);
  }
  Result<HazardRecord> GetHazard(const Scope& s, std::int64_t id) override {
    return inner_->GetHazard(s, id);
  }
  Result<HazardRecord> UpdateHazard(const HazardRecord& h) override {
    return inner_->UpdateHazard(h);
  }
  Result<PageResult<HazardRecord>> ListHazards(const Scope& s, const HazardQuery& q) override {
    return inner_->ListHazards(s, q);
  }
  Result<std::vector<std::pair<std::string, std::int64_t>>> CountHazardsByState(
      const Scope& s, const HazardQuery& q) override {
    return inner_->CountHazardsByState(s, q);
  }
  Status AppendHazardTransition(const HazardTransitionRecord& t) override {
    return inner_->AppendHazardTransition(t);
  }
  Result<std::vector<HazardTransitionRecord>> ListHazardTransitions(std::int64_t id) override {
    return inner_->ListHazardTransitions(id);
  }
  Result<int> NextDocumentSerial(const std::string& s, const std::string& t, int y) override {
    return inner_->NextDocumentSerial(s, t, y);
  }
  Result<bool> MarkHazardOverdue(std::int64_t id, const std::string& since, bool e) override {
    return inner_->MarkHazardOverdue(id, since, e);
  }
  Result<TaskRecord> InsertTask(const TaskRecord& t) override { return inner_->InsertTask(t); }
  Result<TaskRecord> GetTask(const Scope& s, std::int64_t id) override {
    return inner_->GetTask(s, id);
  }
  Result<PageResult<TaskRecord>> ListTasks(const Scope& s, const TaskQuery& q) override {
    return inner_->ListTasks(s, q);
  }
  Result<TaskRecord> UpdateTask(const TaskRecord& t) override { return inner_->UpdateTask(t); }
  Result<std::optional<std::int64_t>> FindTaskByPlanItem(std::int64_t p,
                                                         const std::string& k) override {
    return inner_->FindTaskByPlanItem(p, k);
  }
  Result<InspectionRecordRow> InsertInspectionRecord(const InspectionRecordRow& r) override {
    if (owner_.NextInsertFails()) return Error::Unavailable("injected failure: disk full");
    return inner_->InsertInspectionRecord(r);
  }
  Result<InspectionRecordRow> GetInspectionRecord(const Scope& s, std::int64_t id) override {
    return inner_->GetInspectionRecord(s, id);
  }
  Result<std::vector<InspectionRecordRow>> ListInspectionRecords(std::int64_t t) override {
    return inner_->ListInspectionRecords(t);
  }
  Result<SignatureAttestationRow> InsertSignatureAttestation(
      const SignatureAttestationRow& a) override {
    return inner_->InsertSignatureAttestation(a);
  }
  Result<SignatureAttestationRow> GetSignatureAttestation(AttestationId id) override {
    return inner_->GetSignatureAttestation(id);
  }
  Result<std::vector<SignatureAttestationRow>> ListSignatureAttestations(std::int64_t t) override {
    return inner_->ListSignatureAttestations(t);
  }
  Result<bool> UseSignatureAttestation(AttestationId id, std::int64_t record) override {
    return inner_->UseSignatureAttestation(id, record);
  }
  Result<UploadRow> PutUpload(const UploadRow& u) override { return inner_->PutUpload(u); }
  Result<std::optional<UploadRow>> GetUpload(const std::string& h) override {
    return inner_->GetUpload(h);
  }
  Result<std::optional<std::string>> GetUploadBytes(const std::string& h) override {
    return inner_->GetUploadBytes(h);
  }
  Result<DocumentRow> InsertDocument(const DocumentRow& d) override {
    if (owner_.NextInsertFails()) return Error::Unavailable("injected failure: disk full");
    return inner_->InsertDocument(d);
  }
  Result<DocumentRow> GetDocument(const Scope& s, std::int64_t id) override {
    return inner_->GetDocument(s, id);
  }
  Result<PageResult<DocumentRow>> ListDocuments(const Scope& s, const DocumentQuery& q) override {
    return inner_->ListDocuments(s, q);
  }
  Result<std::optional<IdempotentResponse>> FindIdempotentResponse(std::int64_t u,
                                                                   const std::string& k) override {
    return inner_->FindIdempotentResponse(u, k);
  }
  Status SaveIdempotentResponse(std::int64_t u, const std::string& k, const IdempotentResponse& r,
                                std::int64_t now) override {
    return inner_->SaveIdempotentResponse(u, k, r, now);
  }
  Result<bool> ClaimJobRun(const std::string& j, const std::string& d, std::int64_t now) override {
    return inner_->ClaimJobRun(j, d, now);
  }
  Status FinishJobRun(const std::string& j, const std::string& d, std::int64_t now,
                      const std::string& r) override {
    return inner_->FinishJobRun(j, d, now, r);
  }
  Result<SelfInspectionRow> InsertSelfInspection(const SelfInspectionRow& r) override {
    return inner_->InsertSelfInspection(r);
  }
  Result<PageResult<SelfInspectionRow>> ListSelfInspections(const Scope& s, std::optional<UnitId> u,
                                                            int p, int n) override {
    return inner_->ListSelfInspections(s, u, p, n);
  }
  Result<NoticeRow> InsertNotice(const NoticeRow& n) override { return inner_->InsertNotice(n); }
  Result<std::vector<NoticeRow>> ListNotices(const std::string& p) override {
    return inner_->ListNotices(p);
  }
  Result<NoticeRow> GetNotice(std::int64_t id) override { return inner_->GetNotice(id); }
  Status InsertNoticeReceipt(const NoticeReceiptRow& r) override {
    return inner_->InsertNoticeReceipt(r);
  }
  Result<std::vector<NoticeReceiptRow>> ListNoticeReceipts(std::int64_t id) override {
    return inner_->ListNoticeReceipts(id);
  }
  Result<PlanRecord> InsertPlan(const PlanRecord& p) override { return inner_->InsertPlan(p); }
  Result<PlanRecord> GetPlan(const Scope& s, std::int64_t id) override {
    return inner_->GetPlan(s, id);
  }
  Result<std::vector<PlanRecord>> ListPlans(const Scope& s, int y) override {
    return inner_->ListPlans(s, y);
  }
  Result<PlanRecord> UpdatePlanStatus(std::int64_t id, int v, const std::string& st,
                                      const std::string& due, std::int64_t now) override {
    return inner_->UpdatePlanStatus(id, v, st, due, now);
  }
  Status AppendPlanEvent(const PlanEvent& e) override { return inner_->AppendPlanEvent(e); }
  Result<std::vector<PlanEvent>> ListPlanEvents(std::int64_t id) override {
    return inner_->ListPlanEvents(id);
  }
  Result<SeedCommitment> InsertSeedCommitment(const SeedCommitment& c) override {
    return inner_->InsertSeedCommitment(c);
  }
  Result<SeedCommitment> GetSeedCommitment(std::int64_t id) override {
    return inner_->GetSeedCommitment(id);
  }
  Status MarkSeedCommitmentUsed(std::int64_t id, std::int64_t p) override {
    return inner_->MarkSeedCommitmentUsed(id, p);
  }
  Result<User> InsertUser(const User& u) override { return inner_->InsertUser(u); }
  Result<std::optional<User>> FindUserByName(std::string_view n) override {
    return inner_->FindUserByName(n);
  }
  Result<User> GetUser(UserId id) override { return inner_->GetUser(id); }
  Result<std::vector<User>> ListUsers() override { return inner_->ListUsers(); }
  Status InsertSession(const AuthSession& s) override { return inner_->InsertSession(s); }
  Result<std::optional<AuthSession>> FindSession(std::string_view t) override {
    return inner_->FindSession(t);
  }
  Status DeleteSession(std::string_view t) override { return inner_->DeleteSession(t); }
  Status DeleteExpiredSessions(std::int64_t now) override {
    return inner_->DeleteExpiredSessions(now);
  }
  Result<LoginThrottle> GetLoginThrottle(const std::string& key) override {
    return inner_->GetLoginThrottle(key);
  }
  Status SaveLoginThrottle(const std::string& key, const LoginThrottle& throttle) override {
    return inner_->SaveLoginThrottle(key, throttle);
  }
  Status DeleteLoginThrottle(const std::string& key) override {
    return inner_->DeleteLoginThrottle(key);
  }
  Result<bool> UploadReferencedIn(const std::string& sha, const Scope& scope,
                                  std::optional<UnitId> unit) override {
    return inner_->UploadReferencedIn(sha, scope, unit);
  }
  Result<User> UpdateUser(const User& user) override { return inner_->UpdateUser(user); }
  Result<std::vector<AuthSession>> ListSessionsOf(UserId user) override {
    return inner_->ListSessionsOf(user);
  }
  Status DeleteSessionsOf(UserId user, std::string_view keep) override {
    return inner_->DeleteSessionsOf(user, keep);
  }
  Status TouchSession(std::string_view token_hash, std::int64_t now) override {
    return inner_->TouchSession(token_hash, now);
  }
  Status DeleteLoginThrottlesOf(std::string_view username) override {
    return inner_->DeleteLoginThrottlesOf(username);
  }
  void StageAudit(domain::AuditEntry entry) override { inner_->StageAudit(std::move(entry)); }
  void MarkBookkeeping() override { inner_->MarkBookkeeping(); }
  Result<AuditPage> ListAudit(const AuditQuery& query) override { return inner_->ListAudit(query); }
  Status ForEachAudit(std::int64_t from_seq,
                      const std::function<Status(const domain::AuditEntry&)>& visit) override {
    return inner_->ForEachAudit(from_seq, visit);
  }
  Result<AuditAnchor> AuditHead() override { return inner_->AuditHead(); }
  Result<std::vector<AuditAnchor>> AuditAnchors(int days) override {
    return inner_->AuditAnchors(days);
  }
  Result<std::optional<AuditCheckpoint>> LatestAuditCheckpoint() override {
    return inner_->LatestAuditCheckpoint();
  }
  Status ArchiveAudit(const AuditCheckpoint& checkpoint) override {
    return inner_->ArchiveAudit(checkpoint);
  }
  Status Commit() override { return inner_->Commit(); }

 private:
  FailingStore& owner_;
  std::unique_ptr<StoreSession> inner_;
};

Result<std::unique_ptr<StoreSession>> FailingStore::Write() {
  ANJIAN_ASSIGN_OR_RETURN(auto inner, inner_.Write());
  return std::unique_ptr<StoreSession>(new FailingSession(*this, std::move(inner)));
}

}  // namespace anjian::test_support

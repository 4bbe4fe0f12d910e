// The storage port (STYLE.md §2): everything the application needs from a database, with the
// contract in the comments. SQLite implements it today (store/sqlite); PostgreSQL must be able
// to implement it without changing callers, so nothing here is SQLite-specific.
//
// Sessions: Store::Read() gives a consistent snapshot; Store::Write() gives a transaction
// that is rolled back unless Commit() is called. A session is used by one thread at a time.
// Every read that returns registry data takes a Scope (the caller's jurisdiction subtree);
// rows outside the scope behave as missing (kNotFound), never as forbidden, so ids do not leak.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/error.hpp"
#include "common/ids.hpp"
#include "domain/access/role.hpp"
#include "domain/registry/region.hpp"
#include "domain/registry/unit.hpp"
#include "domain/roster/inspector.hpp"
#include "store/audit_port.hpp"
#include "store/inspection_types.hpp"

namespace anjian::store {

// A jurisdiction: the region path prefix ("/1/5/") a caller may see. Empty = everything.
struct Scope {
  std::string region_path;
  static Scope All() { return {}; }
  static Scope Under(std::string path) { return {std::move(path)}; }
};

struct PageRequest {
  int page = 1;        // 1-based
  int page_size = 20;  // 1..500, enforced by callers
};

template <typename T>
struct PageResult {
  std::vector<T> items;
  std::int64_t total = 0;
};

struct UnitQuery {
  std::string text;  // matches name, credit code, address (substring)
  std::optional<domain::RiskColour> risk;
  std::optional<domain::SupervisionLevel> level;
  std::optional<RegionId> region;  // a community, village or grid: units under it
  std::optional<bool> key;
  std::optional<domain::SupervisionCategory> category;
  std::optional<domain::UnitStatus> status;
  PageRequest page;
};

struct InspectorQuery {
  std::string text;  // name, employee number, certificate number, department
  std::optional<domain::InspectorRole> role;
  std::optional<RegionId> region;
  PageRequest page;
};

// Counts for the dashboard: units in the scope grouped several ways.
struct RegistryStats {
  std::int64_t total = 0;
  std::int64_t key = 0;
  std::vector<std::pair<std::string, std::int64_t>> by_risk;    // risk code → count
  std::vector<std::pair<std::string, std::int64_t>> by_level;   // level code → count
  std::vector<std::pair<std::string, std::int64_t>> by_status;  // status code → count
  struct CommunityCount {
    RegionId id;
    std::string name;
    std::int64_t total = 0;
    std::int64_t key = 0;
  };
  std::vector<CommunityCount> by_community;  // largest first
};

struct User {
  UserId id;
  std::string username;
  std::string display_name;
  std::string password_hash;  // Argon2id encoded string
  domain::UserRole role = domain::UserRole::kViewer;
  std::optional<RegionId> jurisdiction_id;  // empty: whole system
  std::string jurisdiction_path;            // filled by the store on reads
  std::optional<UnitId> unit_id;            // enterprise accounts
  std::optional<InspectorId> inspector_id;  // the roster person behind the account ("my tasks")
  bool active = true;
  std::int64_t created_at = 0;
  bool must_change_password = false;  // a temporary password, or one past its maximum age
  std::int64_t password_changed_at = 0;
  std::string totp_secret;  // base32; set at enrolment, used once enabled
  bool totp_enabled = false;
  int version = 1;  // optimistic concurrency for account edits
};

// Failed logins of one key ("u:<name>" or "a:<address>") within the current window; shared by
// every instance so a lockout holds whichever instance the next attempt reaches.
struct LoginThrottle {
  int failures = 0;
  std::int64_t window_start = 0;
  std::int64_t locked_until = 0;
};

struct AuthSession {
  std::string token_hash;  // SHA-256 of the bearer token, hex; the token itself is never stored
  UserId user_id;
  std::int64_t created_at = 0;
  std::int64_t expires_at = 0;
  std::int64_t last_seen_at = 0;  // idle timeout
  std::string client_address;
  // The public id of a session (lists, revocation): the first 16 hex digits of its token hash.
  std::string PublicId() const { return token_hash.substr(0, 16); }
};

// One change of a registry row, with the full row after the change as JSON.
struct HistoryEntry {
  std::string entity;  // "unit", "inspector", "region"
  std::int64_t entity_id = 0;
  int version = 0;
  std::string action;  // "create", "update", "delete", "import"
  std::string actor;   // username
  std::int64_t at = 0;
  std::string snapshot_json;
};

struct ImportRecord {
  std::int64_t id = 0;
  std::string kind;  // "units", "inspectors"
  std::string file_name;
  std::string actor;
  std::int64_t at = 0;
  std::int64_t rows = 0;
  std::int64_t imported = 0;
  std::int64_t error_count = 0;
  bool dry_run = false;
};

// An annual plan revision (issue #4). Large texts are JSON documents owned by app/.
struct PlanRecord {
  std::int64_t id = 0;
  std::int64_t root_id = 0;  // the compiled revision of this plan (its own id for revision 1)
  int revision = 1;
  int year = 0;
  std::string scope_path;  // the jurisdiction the plan covers
  std::string title;
  std::string policy_name;
  std::string status;  // draft, submitted, approved, in_force, reapproval_required, superseded
  std::string seed;
  std::string seed_commitment;  // SHA-256 of the seed, hex
  std::int64_t committed_at = 0;
  std::string input_hash;
  std::string input_json;  // revision 1 only; empty in listings
  std::string plan_json;   // empty in listings
  std::string summary_json;
  std::string adjustment_json;  // the diff from the previous revision ("" for revision 1)
  std::string reapproval_due;   // YYYY-MM-DD when a major adjustment awaits re-approval
  std::int64_t created_by = 0;
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
  int version = 1;
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

// A hazard row (issue #5); the domain state machine (domain/hazard) decides the transitions.
struct HazardRecord {
  std::int64_t id = 0;
  UnitId unit_id;
  std::string unit_name;    // filled on reads
  std::string region_path;  // the unit's path (scope)
  std::string grade = "general";
  std::string state = "registered";
  std::string description;
  std::string legal_basis;
  std::string found_on;  // YYYY-MM-DD
  std::string deadline;  // YYYY-MM-DD or ""
  int review_round = 0;
  std::string supervision_level;
  std::string supervising_leader;
  bool reported_to_superior = false;
  std::string signatures;  // comma-separated signature codes
  bool accepted = false;
  std::int64_t task_id = 0;  // the inspection that found it (0: registered by hand)
  std::int64_t record_id = 0;
  std::string overdue_since;  // YYYY-MM-DD the daily job first found it overdue, "" otherwise
  bool escalated = false;     // a major hazard escalated for being overdue
  std::int64_t created_by = 0;
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
  int version = 1;
};

struct HazardTransitionRecord {
  std::int64_t hazard_id = 0;
  std::int64_t at = 0;
  std::int64_t user_id = 0;
  std::string action;
  std::string from_state;
  std::string to_state;
  std::string note;
  std::string evidence;  // comma-separated sha256 of photos
};

struct HazardQuery {
  std::optional<std::string> state;
  std::optional<std::string> grade;
  std::optional<UnitId> unit;
  std::string deadline_before;  // "" or YYYY-MM-DD: rectifying with deadline < it (overdue)
  std::string deadline_by;      // "" or YYYY-MM-DD: rectifying with deadline ≤ it (due soon)
  std::string deadline_from;    // "" or YYYY-MM-DD: and deadline ≥ it (due soon, not yet overdue)
  std::string text;             // description or unit name
  PageRequest page;
};

class StoreSession : public AuditPort {
 public:
  ~StoreSession() override = default;

  // --- Regions -------------------------------------------------------------------------
  // All regions inside the scope, parents before children.
  virtual Result<std::vector<domain::Region>> ListRegions(const Scope& scope) = 0;
  // kNotFound when missing or outside the scope.
  virtual Result<domain::Region> GetRegion(const Scope& scope, RegionId id) = 0;
  // The child of `parent` (a root when empty) with exactly this name, or nullopt.
  virtual Result<std::optional<domain::Region>> FindRegionByName(std::optional<RegionId> parent,
                                                                 std::string_view name) = 0;
  // Names of the given regions (any scope: names are not sensitive); unknown ids are absent.
  virtual Result<std::vector<std::pair<RegionId, std::string>>> RegionNamesOf(
      const std::vector<RegionId>& ids) = 0;
  // Write sessions only. Assigns id, path and version 1. kAlreadyExists when a sibling
  // has the same name.
  virtual Result<domain::Region> InsertRegion(const domain::Region& region) = 0;
  // Write sessions only. Updates name and code when region.version matches (else kConflict);
  // returns the row with the incremented version.
  virtual Result<domain::Region> UpdateRegion(const domain::Region& region) = 0;
  // Write sessions only. kFailedPrecondition when the region has children, units or
  // inspectors; kConflict on a stale version.
  virtual Status DeleteRegion(RegionId id, int expected_version) = 0;

  // --- Units ---------------------------------------------------------------------------
  // A page of units ordered by region (community, then grid) and then id.
  virtual Result<PageResult<domain::Unit>> ListUnits(const Scope& scope,
                                                     const UnitQuery& query) = 0;
  virtual Result<domain::Unit> GetUnit(const Scope& scope, UnitId id) = 0;
  virtual Result<std::optional<domain::Unit>> FindUnitByCode(const Scope& scope,
                                                             std::string_view credit_code) = 0;
  // Calls visit for every unit in the scope, ordered by id (exports stream through this).
  virtual Status ForEachUnit(const Scope& scope,
                             const std::function<void(const domain::Unit&)>& visit) = 0;
  // Of the given codes, those already registered (in any scope: codes are unique system-wide).
  virtual Result<std::vector<std::string>> ExistingUnitCodes(
      const std::vector<std::string>& codes) = 0;
  // Write sessions only. Assigns id, version 1 and timestamps (`now`). kAlreadyExists on a
  // duplicate credit code; kInvalidArgument when community/grid do not exist.
  virtual Result<domain::Unit> InsertUnit(const domain::Unit& unit, std::int64_t now) = 0;
  // Write sessions only. unit.version is the version the caller read: kConflict when the row
  // has moved on, kNotFound when missing. Returns the row with version + 1.
  virtual Result<domain::Unit> UpdateUnit(const domain::Unit& unit, std::int64_t now) = 0;
  virtual Status DeleteUnit(UnitId id, int expected_version) = 0;
  virtual Result<std::int64_t> CountUnits(const Scope& scope) = 0;
  virtual Result<RegistryStats> UnitStats(const Scope& scope) = 0;

  // --- Inspectors ----------------------------------------------------------------------
  virtual Result<PageResult<domain::Inspector>> ListInspectors(const Scope& scope,
                                                               const InspectorQuery& query) = 0;
  virtual Result<domain::Inspector> GetInspector(const Scope& scope, InspectorId id) = 0;
  virtual Status ForEachInspector(const Scope& scope,
                                  const std::function<void(const domain::Inspector&)>& visit) = 0;
  virtual Result<std::vector<std::string>> ExistingEmployeeNumbers(
      const std::vector<std::string>& employee_numbers) = 0;
  // Same contracts as the unit writes; the unique key is the employee number (工号).
  virtual Result<domain::Inspector> InsertInspector(const domain::Inspector& inspector,
                                                    std::int64_t now) = 0;
  virtual Result<domain::Inspector> UpdateInspector(const domain::Inspector& inspector,
                                                    std::int64_t now) = 0;
  virtual Status DeleteInspector(InspectorId id, int expected_version) = 0;

  // --- Change counters ----------------------------------------------------------------
  // A number that grows with every committed change of the named data set ("registry": units
  // and regions; "roster": inspectors), whoever made it. Equal values mean nothing changed.
  virtual Result<std::int64_t> ChangeCounter(std::string_view name) = 0;

  // --- History and import log ------------------------------------------------------------
  virtual Status AppendHistory(const HistoryEntry& entry) = 0;
  // Newest first, at most `limit`.
  virtual Result<std::vector<HistoryEntry>> ListHistory(std::string_view entity,
                                                        std::int64_t entity_id, int limit) = 0;
  virtual Result<std::int64_t> RecordImport(const ImportRecord& record) = 0;
  virtual Result<std::vector<ImportRecord>> ListImports(int limit) = 0;

  // --- Plans ---------------------------------------------------------------------------
  // Plans visible to a scope: those covering it or inside it. Write sessions only for writes.
  // InsertPlan assigns id (and root_id = id when root_id is 0) and version 1.
  virtual Result<PlanRecord> InsertPlan(const PlanRecord& plan) = 0;
  virtual Result<PlanRecord> GetPlan(const Scope& scope, std::int64_t id) = 0;
  // Newest first, without input_json/plan_json; `year` 0 = all years.
  virtual Result<std::vector<PlanRecord>> ListPlans(const Scope& scope, int year) = 0;
  // Sets status and reapproval_due when the version matches (kConflict otherwise).
  virtual Result<PlanRecord> UpdatePlanStatus(std::int64_t id, int expected_version,
                                              const std::string& status,
                                              const std::string& reapproval_due,
                                              std::int64_t now) = 0;
  virtual Status AppendPlanEvent(const PlanEvent& event) = 0;
  virtual Result<std::vector<PlanEvent>> ListPlanEvents(std::int64_t plan_id) = 0;
  virtual Result<SeedCommitment> InsertSeedCommitment(const SeedCommitment& commitment) = 0;
  virtual Result<SeedCommitment> GetSeedCommitment(std::int64_t id) = 0;
  // kConflict when the commitment was already used by another plan.
  virtual Status MarkSeedCommitmentUsed(std::int64_t id, std::int64_t plan_id) = 0;

  // --- Hazards ---------------------------------------------------------------------------
  // Write sessions only. Assigns id, version 1; region_path is taken from the unit.
  virtual Result<HazardRecord> InsertHazard(const HazardRecord& hazard) = 0;
  virtual Result<HazardRecord> GetHazard(const Scope& scope, std::int64_t id) = 0;
  // hazard.version is the version read: kConflict when it moved on. Returns version + 1.
  virtual Result<HazardRecord> UpdateHazard(const HazardRecord& hazard) = 0;
  // Ordered by deadline (empty last), then id.
  virtual Result<PageResult<HazardRecord>> ListHazards(const Scope& scope,
                                                       const HazardQuery& query) = 0;
  // Counts by state for the same filters (the query's state and paging are ignored).
  virtual Result<std::vector<std::pair<std::string, std::int64_t>>> CountHazardsByState(
      const Scope& scope, const HazardQuery& query) = 0;
  virtual Status AppendHazardTransition(const HazardTransitionRecord& transition) = 0;
  virtual Result<std::vector<HazardTransitionRecord>> ListHazardTransitions(
      std::int64_t hazard_id) = 0;
  // Write sessions only: the next serial of a document type in a jurisdiction and year (1, 2, …),
  // allocated inside the caller's transaction so numbers never repeat or skip on commit.
  virtual Result<int> NextDocumentSerial(const std::string& scope_path, const std::string& doc_type,
                                         int year) = 0;
  // Overdue bookkeeping of the daily job (no version bump: the job does not race user edits).
  // Marks only a hazard not yet marked; false when another run marked it first, so two runs on
  // two instances never escalate the same hazard twice.
  virtual Result<bool> MarkHazardOverdue(std::int64_t id, const std::string& since,
                                         bool escalated) = 0;

  // --- Inspections (issue #5) ---
  virtual Result<TaskRecord> InsertTask(const TaskRecord& task) = 0;
  virtual Result<TaskRecord> GetTask(const Scope& scope, std::int64_t id) = 0;
  virtual Result<PageResult<TaskRecord>> ListTasks(const Scope& scope, const TaskQuery& query) = 0;
  // Status, record, note; optimistic on version (kConflict when stale).
  virtual Result<TaskRecord> UpdateTask(const TaskRecord& task) = 0;
  // The task made from a plan item, if any.
  virtual Result<std::optional<std::int64_t>> FindTaskByPlanItem(std::int64_t plan_id,
                                                                 const std::string& key) = 0;
  virtual Result<InspectionRecordRow> InsertInspectionRecord(const InspectionRecordRow& record) = 0;
  virtual Result<InspectionRecordRow> GetInspectionRecord(const Scope& scope, std::int64_t id) = 0;
  virtual Result<std::vector<InspectionRecordRow>> ListInspectionRecords(std::int64_t task_id) = 0;
  // Signature attestations (write session for inserts and use). Listing is newest first.
  virtual Result<SignatureAttestationRow> InsertSignatureAttestation(
      const SignatureAttestationRow& attestation) = 0;
  // kNotFound when there is no such attestation.
  virtual Result<SignatureAttestationRow> GetSignatureAttestation(AttestationId id) = 0;
  virtual Result<std::vector<SignatureAttestationRow>> ListSignatureAttestations(
      std::int64_t task_id) = 0;
  // Marks the attestation used by `record_id`: false when a record already used it (the row is
  // then left as it was), so two concurrent submissions cannot both use one signature.
  virtual Result<bool> UseSignatureAttestation(AttestationId id, std::int64_t record_id) = 0;
  // Inserts the upload's metadata unless the same bytes are already known; returns the stored row.
  virtual Result<UploadRow> PutUpload(const UploadRow& upload) = 0;
  virtual Result<std::optional<UploadRow>> GetUpload(const std::string& sha256) = 0;
  // The bytes of an upload kept in the database (signatures); nullopt for files on disk.
  virtual Result<std::optional<std::string>> GetUploadBytes(const std::string& sha256) = 0;
  // True when the file is cited by an inspection record, a hazard transition, a self-inspection or
  // a notice receipt that lies in the scope (and, when `unit` is given, belongs to that unit).
  virtual Result<bool> UploadReferencedIn(const std::string& sha256, const Scope& scope,
                                          std::optional<UnitId> unit) = 0;
  virtual Result<DocumentRow> InsertDocument(const DocumentRow& document) = 0;
  // Scope::All() for the public verification page, which shows only the key fields.
  virtual Result<DocumentRow> GetDocument(const Scope& scope, std::int64_t id) = 0;
  virtual Result<PageResult<DocumentRow>> ListDocuments(const Scope& scope,
                                                        const DocumentQuery& query) = 0;
  virtual Result<std::optional<IdempotentResponse>> FindIdempotentResponse(
      std::int64_t user_id, const std::string& key) = 0;
  virtual Status SaveIdempotentResponse(std::int64_t user_id, const std::string& key,
                                        const IdempotentResponse& response, std::int64_t now) = 0;
  // Claims today's run of a daily job: false when it already ran (or runs) that day.
  virtual Result<bool> ClaimJobRun(const std::string& job, const std::string& day,
                                   std::int64_t now) = 0;
  virtual Status FinishJobRun(const std::string& job, const std::string& day, std::int64_t now,
                              const std::string& result) = 0;
  virtual Result<SelfInspectionRow> InsertSelfInspection(const SelfInspectionRow& row) = 0;
  virtual Result<PageResult<SelfInspectionRow>> ListSelfInspections(const Scope& scope,
                                                                    std::optional<UnitId> unit,
                                                                    int page, int page_size) = 0;
  virtual Result<NoticeRow> InsertNotice(const NoticeRow& notice) = 0;
  // Notices published for the scope or any jurisdiction above it (an enterprise sees its street's).
  virtual Result<std::vector<NoticeRow>> ListNotices(const std::string& region_path) = 0;
  virtual Result<NoticeRow> GetNotice(std::int64_t id) = 0;
  // kAlreadyExists when the unit has signed this notice already.
  virtual Status InsertNoticeReceipt(const NoticeReceiptRow& receipt) = 0;
  virtual Result<std::vector<NoticeReceiptRow>> ListNoticeReceipts(std::int64_t notice_id) = 0;

  // --- Accounts ------------------------------------------------------------------------
  // kAlreadyExists on a duplicate username.
  virtual Result<User> InsertUser(const User& user) = 0;
  virtual Result<std::optional<User>> FindUserByName(std::string_view username) = 0;
  virtual Result<User> GetUser(UserId id) = 0;
  virtual Result<std::vector<User>> ListUsers() = 0;
  virtual Status InsertSession(const AuthSession& session) = 0;
  // nullopt when unknown; expiry is the caller's check.
  virtual Result<std::optional<AuthSession>> FindSession(std::string_view token_hash) = 0;
  virtual Status DeleteSession(std::string_view token_hash) = 0;
  virtual Status DeleteExpiredSessions(std::int64_t now) = 0;
  // Write sessions only. Account edits: user.version is the version read; kConflict when the row
  // moved on, kNotFound when missing. Returns the row with version + 1. Username and created_at
  // never change.
  virtual Result<User> UpdateUser(const User& user) = 0;
  // A user's sessions, newest first.
  virtual Result<std::vector<AuthSession>> ListSessionsOf(UserId user) = 0;
  // Write sessions only. Ends every session of the user except `keep_token_hash` (may be "").
  virtual Status DeleteSessionsOf(UserId user, std::string_view keep_token_hash) = 0;
  // Write sessions only. Records activity on a session (idle timeout).
  virtual Status TouchSession(std::string_view token_hash, std::int64_t now) = 0;
  // Write sessions only. Removes every throttle of the account ("u:<name>", "p:<name>|…").
  virtual Status DeleteLoginThrottlesOf(std::string_view username) = 0;
  // The throttle row of `key` (zeros when none). In a write session the row stays locked until
  // commit, so concurrent failures on several instances count one after another.
  virtual Result<LoginThrottle> GetLoginThrottle(const std::string& key) = 0;
  virtual Status SaveLoginThrottle(const std::string& key, const LoginThrottle& throttle) = 0;
  virtual Status DeleteLoginThrottle(const std::string& key) = 0;

  // Write sessions: makes every change durable (synchronous=FULL on SQLite) before
  // returning. Without Commit the destructor rolls back. Read sessions: ends the snapshot.
  virtual Status Commit() = 0;
};

// Connection-pool figures for /metrics.
struct StoreMetrics {
  std::int64_t pool_size = 0;    // connections open (idle + in use)
  std::int64_t pool_in_use = 0;  // connections lent to sessions now
  std::int64_t pool_waits = 0;   // sessions that had to wait for a connection, since start
  std::int64_t unavailable = 0;  // sessions refused because the database was unreachable
};

class Store {
 public:
  virtual ~Store() = default;
  // A read-only snapshot; many may be open at once.
  virtual Result<std::unique_ptr<StoreSession>> Read() = 0;
  // The single writer: blocks until other write sessions finish.
  virtual Result<std::unique_ptr<StoreSession>> Write() = 0;
  // "sqlite" or "postgresql".
  virtual std::string_view Kind() const = 0;
  virtual StoreMetrics Metrics() const { return {}; }

  // When set (the server and the CLI set it), every write session must stage an audit entry
  // before it commits (see audit_port.hpp). Off by default so the store's own contract tests can
  // exercise single methods; set before the first session is opened.
  void RequireAudit(bool required) { audit_required_ = required; }
  bool audit_required() const { return audit_required_; }

 private:
  bool audit_required_ = false;
};

// Opens the store named by `location`: a file path (SQLite) or, later, a postgresql:// URL.
// Applies pending migrations. Clear one-line errors (kUnavailable) when it cannot be opened.
Result<std::unique_ptr<Store>> OpenStore(const std::string& location);

}  // namespace anjian::store

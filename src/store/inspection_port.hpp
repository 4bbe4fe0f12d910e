// The inspection area of the store: tasks, signed inspection records, signature attestations,
// uploads (photos and signatures) and official documents with their serial numbers.
//
// Contract:
// - Reads that take a Scope treat rows outside it as missing (kNotFound).
// - Writes need a write session. Tasks carry the version read (kConflict when stale).
// - Records, documents and attestations are append-only: a correction is a new record that
//   supersedes the old one; an attestation changes only once, when a record uses it.
// - Document serials are allocated inside the caller's transaction, so a number is used once and
//   none is skipped when the transaction commits.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"
#include "common/ids.hpp"
#include "store/inspection_types.hpp"
#include "store/scope.hpp"

namespace anjian::store {

class InspectionPort {
 public:
  virtual ~InspectionPort() = default;

  // Write sessions only: the next serial of a document type in a jurisdiction and year (1, 2, …),
  // allocated inside the caller's transaction so numbers never repeat or skip on commit.
  virtual Result<int> NextDocumentSerial(const std::string& scope_path, const std::string& doc_type,
                                         int year) = 0;
  virtual Result<TaskRecord> InsertTask(const TaskRecord& task) = 0;
  virtual Result<TaskRecord> GetTask(const Scope& scope, std::int64_t id) = 0;
  virtual Result<PageResult<TaskRecord>> ListTasks(const Scope& scope, const TaskQuery& query) = 0;
  // Status, record, note; optimistic on version (kConflict when stale).
  virtual Result<TaskRecord> UpdateTask(const TaskRecord& task) = 0;
  // The task made from a plan item (by its stable key) of this revision of the plan or of any
  // other revision of the same plan, if any.
  virtual Result<std::optional<std::int64_t>> FindTaskByPlanItem(std::int64_t plan_id,
                                                                 const std::string& key) = 0;
  virtual Result<InspectionRecordRow> InsertInspectionRecord(const InspectionRecordRow& record) = 0;
  virtual Result<InspectionRecordRow> GetInspectionRecord(const Scope& scope, std::int64_t id) = 0;
  virtual Result<std::vector<InspectionRecordRow>> ListInspectionRecords(std::int64_t task_id) = 0;
  // The day of the latest inspection of every unit in the scope that has one, from signed records
  // (a corrected record counts by its newest version), in unit id order. Units never inspected are
  // not visited. The planner's two-year rule and draw exclusions read this.
  virtual Status ForEachLastInspection(const Scope& scope,
                                       const std::function<void(UnitId, CivilDate)>& visit) = 0;
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
  virtual Result<DocumentRow> GetDocument(const Scope& scope, DocumentId id) = 0;
  // The document in the scope whose content hash starts with `hash_prefix` (32 lowercase hex, as
  // a QR code carries it): a printed id can belong to another document once its street was merged
  // into this database. nullopt when none in the scope matches, or when more than one document in
  // the database does (the code then names neither); anything but 32 lowercase hex matches nothing.
  virtual Result<std::optional<DocumentRow>> FindDocumentByHashPrefix(
      const Scope& scope, std::string_view hash_prefix) = 0;
  virtual Result<PageResult<DocumentRow>> ListDocuments(const Scope& scope,
                                                        const DocumentQuery& query) = 0;
};

}  // namespace anjian::store

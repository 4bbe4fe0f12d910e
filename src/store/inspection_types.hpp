// Rows of the inspection part of the store (issue #5). Bodies of records and documents are JSON
// documents owned by app/; the store keeps them whole and indexes the columns it queries.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/ids.hpp"
#include "domain/documents/document_number.hpp"
#include "domain/inspection/record.hpp"
#include "domain/inspection/task.hpp"

namespace anjian::store {

struct TaskRecord {
  std::int64_t id = 0;
  UnitId unit_id;
  std::string unit_name;     // filled on reads
  std::string unit_address;  // filled on reads
  std::string region_path;   // the unit's path (scope)
  domain::TaskKind kind = domain::TaskKind::kPlanned;
  domain::TaskStatus status = domain::TaskStatus::kScheduled;
  CivilDate scheduled_on;
  domain::HalfDay half_day = domain::HalfDay::kUnspecified;
  std::string checklist_id;
  int checklist_version = 1;
  std::int64_t plan_id = 0;  // 0: ad hoc
  std::string plan_item_key;
  std::int64_t hazard_id = 0;  // reinspection tasks: the hazard re-inspected
  std::string note;
  std::int64_t record_id = 0;      // the newest signed record
  std::vector<std::int64_t> team;  // inspector ids, in order
  std::int64_t created_by = 0;
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
  int version = 1;
};

struct TaskQuery {
  std::optional<std::int64_t> inspector_id;  // "my tasks"
  std::optional<CivilDate> from;             // scheduled on or after
  std::optional<CivilDate> to;               // scheduled on or before
  std::optional<domain::TaskStatus> status;
  std::optional<domain::TaskKind> kind;
  std::optional<UnitId> unit;
  std::int64_t hazard_id = 0;
  // 四不两直: covert (暗查暗访) tasks are left out unless already completed.
  bool hide_covert_until_completed = false;
  int page = 1;
  int page_size = 20;
};

struct InspectionRecordRow {
  std::int64_t id = 0;
  std::int64_t task_id = 0;
  UnitId unit_id;
  std::string region_path;
  int record_version = 1;
  std::int64_t supersedes_id = 0;
  std::string correction_reason;
  std::string body_json;
  std::string content_hash;
  std::int64_t signed_by = 0;
  std::int64_t signed_at = 0;
  CivilDate inspected_on;  // the day the inspection started (the record's started_at)
};

// A team member's enforcement signature given before the record is submitted, bound to the account
// that authenticated it (issue #12): in the member's own session, or on the submitter's device
// after the member re-authenticated. A record uses it once; nothing else about it ever changes.
struct SignatureAttestationRow {
  AttestationId id;
  std::int64_t task_id = 0;
  InspectorId inspector_id;
  UserId user_id;         // the member's account, which authenticated the signature
  UserId device_user_id;  // the session it was given in: the member's own or the submitter's
  domain::SignatureAuthMethod method = domain::SignatureAuthMethod::kSession;
  std::string png_sha256;  // the signature upload (kind "signature")
  std::string client_address;
  std::int64_t created_at = 0;
  std::int64_t record_id = 0;  // 0 until a record uses it
};

struct UploadRow {
  std::string sha256;
  std::string kind;  // photo, signature
  std::string mime;
  std::int64_t size = 0;
  int width = 0;
  int height = 0;
  std::string taken_at;
  std::string region_path;  // the uploader's jurisdiction
  std::int64_t uploaded_by = 0;
  std::int64_t uploaded_at = 0;
  std::string
      bytes;  // PutUpload: kept in the database when set (signatures); never filled on reads
};

// Read back strictly: a stored document type this version does not know is kInternal naming the
// document, never a default.
struct DocumentRow {
  DocumentId id;
  domain::DocumentType doc_type = domain::DocumentType::kInspectionRecord;
  std::string number;
  int year = 0;
  int serial = 0;
  std::string issuer_path;
  UnitId unit_id;
  std::string unit_name;  // filled on reads
  std::string region_path;
  std::int64_t record_id = 0;
  std::int64_t hazard_id = 0;
  std::string content_json;
  std::string content_hash;
  UserId issued_by;
  std::int64_t issued_at = 0;
};

struct DocumentQuery {
  std::optional<UnitId> unit;
  std::int64_t record_id = 0;
  std::int64_t hazard_id = 0;
  std::optional<domain::DocumentType> doc_type;
  int page = 1;
  int page_size = 20;
};

}  // namespace anjian::store

// Use cases of inspection work (issue #5): tasks (ad hoc and from a plan's items, "my tasks"),
// photo uploads (content-addressed), signed on-site records with their enforcement — hazards per
// finding, rectification orders, on-site measures, penalty notices — issued as numbered documents
// in one transaction, idempotent per client key; corrections as new versions; documents as PDF
// and their public verification.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "app/checklist_catalog.hpp"
#include "app/documents/document_issuer.hpp"
#include "app/principal.hpp"
#include "common/clock.hpp"
#include "domain/inspection/record.hpp"
#include "io/blob_store.hpp"
#include "planner/working_calendar.hpp"
#include "store/store.hpp"

namespace anjian::app {

// An HTTP-shaped answer kept for idempotent replay: the status and the JSON body text.
struct StoredAnswer {
  int status = 200;
  std::string body;
};

struct TaskView {
  store::TaskRecord task;
  std::vector<domain::Inspector> team;
};

class InspectionService {
 public:
  InspectionService(store::Store& store, const Clock& clock, io::BlobStore& files,
                    const DocumentIssuer& issuer, const planner::WorkingCalendar& calendar)
      : store_(store), clock_(clock), files_(files), issuer_(issuer), calendar_(calendar) {}

  // --- Tasks ---
  Result<TaskView> CreateTask(const Principal& who, const nlohmann::json& body);
  // Tasks for the street-team items of an approved or in-force plan between from and to
  // (inclusive, "" = the whole year); existing ones are counted, not duplicated.
  Result<std::pair<int, int>> CreateTasksFromPlan(const Principal& who, std::int64_t plan_id,
                                                  const std::string& from, const std::string& to);
  Result<store::PageResult<TaskView>> ListTasks(const Principal& who, store::TaskQuery query,
                                                bool mine);
  Result<std::pair<TaskView, std::vector<store::InspectionRecordRow>>> GetTask(const Principal& who,
                                                                               std::int64_t id);
  Result<TaskView> CancelTask(const Principal& who, std::int64_t id, const nlohmann::json& body);

  // --- Records ---
  // The whole submission; `raw_body` is hashed to recognise a replay under the same key.
  Result<StoredAnswer> SubmitRecord(const Principal& who, std::int64_t task_id,
                                    const std::string& idempotency_key,
                                    const std::string& raw_body);
  Result<StoredAnswer> CorrectRecord(const Principal& who, std::int64_t record_id,
                                     const std::string& idempotency_key,
                                     const std::string& raw_body);
  Result<nlohmann::json> GetRecord(const Principal& who, std::int64_t id);

  // --- Files ---
  // A photo: probed (JPEG/PNG only), stored, registered. second = true when newly stored.
  // `client_taken_at` ("YYYY-MM-DDTHH:MM:SS", may be ""): the time the browser read from the
  // original's EXIF before downscaling it; used only when the bytes carry no EXIF time.
  Result<std::pair<store::UploadRow, bool>> UploadPhoto(const Principal& who,
                                                        const std::string& bytes,
                                                        const std::string& client_taken_at = "");
  Result<std::pair<store::UploadRow, std::string>> ReadUpload(const Principal& who,
                                                              const std::string& sha256);

  // --- Documents ---
  Result<store::PageResult<store::DocumentRow>> ListDocuments(const Principal& who,
                                                              store::DocumentQuery query);
  Result<std::pair<store::DocumentRow, std::string>> DocumentPdf(const Principal& who,
                                                                 std::int64_t id);
  // Public: the key fields and the document's id when `hash` matches the document `id`, or, failing
  // that, when `hash` is the 32 lowercase hex digits a QR code prints and names exactly one
  // document (whose id then differs from the printed one after a merge, issue #13 item 5);
  // {valid:false} otherwise, also for no such id.
  Result<nlohmann::json> Verify(std::int64_t id, const std::string& hash);
  nlohmann::json DocumentToJson(const store::DocumentRow& row) const;

  CivilDate Today() const { return BeijingDate(clock_); }

 private:
  Result<StoredAnswer> Submit(const Principal& who, std::int64_t task_id,
                              std::int64_t supersedes_id, const std::string& idempotency_key,
                              const std::string& raw_body);
  Result<std::vector<domain::Inspector>> LoadTeam(store::StoreSession& session,
                                                  const store::TaskRecord& task);

  store::Store& store_;
  const Clock& clock_;
  io::BlobStore& files_;
  const DocumentIssuer& issuer_;
  const planner::WorkingCalendar& calendar_;
};

nlohmann::json TaskToJson(const TaskView& view, CivilDate today);

}  // namespace anjian::app

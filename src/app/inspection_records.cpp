#include <algorithm>
// Signed on-site records: the submission with its enforcement in one transaction, idempotent per
// client key; corrections as new versions; reading a record with its versions and documents.
#include <map>

#include "app/audit_trail.hpp"
#include "app/auth_service.hpp"
#include "app/documents/document_builders.hpp"
#include "app/hazard_service.hpp"
#include "app/inspection_record_codec.hpp"
#include "app/inspection_service.hpp"
#include "app/inspection_support.hpp"
#include "app/signature_service.hpp"
#include "common/sha256.hpp"
#include "io/image_probe.hpp"

namespace anjian::app {
namespace {

using nlohmann::json;

Status ValidKey(const std::string& key) {
  if (key.size() < 8 || key.size() > 100) {
    return Error::InvalidArgument("请求须带 Idempotency-Key（8–100 个字符，客户端生成）",
                                  "Idempotency-Key");
  }
  for (char c : key) {
    if (c < 0x21 || c > 0x7e)
      return Error::InvalidArgument("Idempotency-Key 只能含可见 ASCII 字符", "Idempotency-Key");
  }
  return Ok();
}

}  // namespace

Result<StoredAnswer> InspectionService::SubmitRecord(const Principal& who, std::int64_t task_id,
                                                     const std::string& idempotency_key,
                                                     const std::string& raw_body) {
  return Submit(who, task_id, 0, idempotency_key, raw_body);
}

Result<StoredAnswer> InspectionService::CorrectRecord(const Principal& who, std::int64_t record_id,
                                                      const std::string& idempotency_key,
                                                      const std::string& raw_body) {
  ANJIAN_ASSIGN_OR_RETURN(auto session, store_.Read());
  ANJIAN_ASSIGN_OR_RETURN(auto old, session->GetInspectionRecord(who.scope, record_id));
  const auto task_id = old.task_id;
  session.reset();
  return Submit(who, task_id, record_id, idempotency_key, raw_body);
}

Result<StoredAnswer> InspectionService::Submit(const Principal& who, std::int64_t task_id,
                                               std::int64_t supersedes_id,
                                               const std::string& idempotency_key,
                                               const std::string& raw_body) {
  ANJIAN_TRY(Require(who, domain::Action::kInspect));
  ANJIAN_TRY(ValidKey(idempotency_key));
  const std::string request_hash =
      Sha256Hex((supersedes_id ? "correct:" + std::to_string(supersedes_id)
                               : "task:" + std::to_string(task_id)) +
                "\n" + raw_body);
  const auto replay = [&](const store::IdempotentResponse& stored) -> Result<StoredAnswer> {
    if (stored.request_hash != request_hash) {
      return Error{ErrorCode::kIdempotencyKeyReused,
                   "Idempotency-Key 已用于另一份不同的提交，请为新的提交生成新的键",
                   std::string("Idempotency-Key")};
    }
    return StoredAnswer{stored.status, stored.body};
  };
  {
    ANJIAN_ASSIGN_OR_RETURN(auto read, store_.Read());
    ANJIAN_ASSIGN_OR_RETURN(auto stored,
                            read->FindIdempotentResponse(who.user_id.value, idempotency_key));
    if (stored) return replay(*stored);
  }
  const json body = json::parse(raw_body, nullptr, false);
  if (body.is_discarded()) return Error::InvalidArgument("请求体不是有效的 JSON");
  ANJIAN_ASSIGN_OR_RETURN(auto record, ParseRecordBody(body));
  std::string reason;
  if (supersedes_id) {
    ANJIAN_ASSIGN_OR_RETURN(reason, TextField(body, "reason", true, 500));
  }

  const auto now = clock_.NowUnixSeconds();
  // Signatures are decoded and checked before the single writer is taken (a body that is not a
  // PNG is refused before anything is written) and stored in the database with the record, so a
  // submission costs one durable commit.
  std::vector<store::UploadRow> signature_rows;
  const auto store_signature = [&](std::string& data_url, const std::string& field) -> Status {
    ANJIAN_ASSIGN_OR_RETURN(auto row, SignatureUpload(who, data_url, field, now));
    data_url = row.sha256;
    signature_rows.push_back(std::move(row));
    return Ok();
  };
  for (std::size_t i = 0; i < record.inspector_signatures.size(); ++i) {
    auto& signature = record.inspector_signatures[i];
    if (signature.attestation_id != 0) continue;  // given earlier, stored then
    ANJIAN_TRY(store_signature(signature.signature,
                               "signatures.inspectors[" + std::to_string(i) + "].png"));
  }
  if (!record.on_site_signature.empty()) {
    ANJIAN_TRY(store_signature(record.on_site_signature, "signatures.on_site_person.png"));
  }
  if (record.refusal && !record.refusal->witness_signature.empty()) {
    ANJIAN_TRY(
        store_signature(record.refusal->witness_signature, "signatures.refusal.witness_png"));
  }

  ANJIAN_ASSIGN_OR_RETURN(auto session, store_.Write());
  // Again inside the write transaction: a concurrent retry may have committed meanwhile.
  ANJIAN_ASSIGN_OR_RETURN(auto stored,
                          session->FindIdempotentResponse(who.user_id.value, idempotency_key));
  if (stored) return replay(*stored);

  ANJIAN_ASSIGN_OR_RETURN(auto task, session->GetTask(who.scope, task_id));
  int version = 1;
  if (supersedes_id) {
    ANJIAN_ASSIGN_OR_RETURN(auto versions, session->ListInspectionRecords(task_id));
    if (versions.empty() || versions.front().id != supersedes_id) {
      return Error::Conflict("只能更正该检查记录的最新版本，请刷新后重试");
    }
    version = versions.front().record_version + 1;
  } else if (task.status != domain::TaskStatus::kScheduled) {
    return Error::Conflict(
        "该任务已" + std::string(task.status == domain::TaskStatus::kCompleted ? "完成" : "取消") +
        "，不能再次提交检查记录；如需更正请提交更正版本");
  }
  const auto* checklist = BuiltinChecklists().Find(task.checklist_id, task.checklist_version);
  if (checklist == nullptr) return Error::Internal("任务的检查表版本不存在：" + task.checklist_id);
  ANJIAN_ASSIGN_OR_RETURN(auto team, LoadTeam(*session, task));
  // The record is the team's: only one of its members submits it (issue #12, defect 6).
  if (!who.inspector_id ||
      std::find(task.team.begin(), task.team.end(), who.inspector_id->value) == task.team.end()) {
    return Error::PermissionDenied(
        "只有本次检查组成员可以提交检查记录（当前账号未关联检查组中的执法人员）");
  }
  ANJIAN_ASSIGN_OR_RETURN(auto unit, session->GetUnit(store::Scope::All(), task.unit_id));
  // Each signature bound to its member's account (issue #12, defect 6): the submitter's own by
  // this session; any other member's only through an attestation that member authenticated.
  for (std::size_t i = 0; i < record.inspector_signatures.size(); ++i) {
    auto& signature = record.inspector_signatures[i];
    const std::string field = "signatures.inspectors[" + std::to_string(i) + "]";
    if (signature.attestation_id == 0) {
      if (signature.inspector_id != who.inspector_id->value) {
        return Error{ErrorCode::kPermissionDenied,
                     field +
                         "：只能在本账号中为自己签字；其他检查组成员须在其本人账号中签字，"
                         "或在本设备上验证其身份后签字",
                     field};
      }
      signature.authenticated_user_id = who.user_id.value;
      signature.authenticated_username = who.username;
      signature.method = domain::SignatureAuthMethod::kSession;
      signature.authenticated_at = now;
      continue;
    }
    auto attestation = session->GetSignatureAttestation(AttestationId(signature.attestation_id));
    if (!attestation.ok()) {
      if (attestation.error().code != ErrorCode::kNotFound) return attestation.error();
      return Error::InvalidArgument(field + "：签字记录不存在", field + ".attestation_id");
    }
    if (auto problem = AttestationProblem(*attestation, task.id, signature.inspector_id, now,
                                          field + ".attestation_id")) {
      return *problem;
    }
    ANJIAN_ASSIGN_OR_RETURN(auto signer, session->GetUser(attestation->user_id));
    signature.signature = attestation->png_sha256;
    signature.authenticated_user_id = attestation->user_id.value;
    signature.authenticated_username = signer.username;
    signature.method = attestation->method;
    signature.authenticated_at = attestation->created_at;
  }

  for (const auto& row : signature_rows) ANJIAN_TRY(session->PutUpload(row));
  const domain::LocalDateTime local_now{BeijingDateAt(now), BeijingMinuteOfDay(now)};
  const CivilDate day = task.scheduled_on;
  // "N 个工作日内整改": counted on the statutory working calendar from the inspection day.
  for (auto& f : record.findings) {
    if (f.deadline_working_days > 0)
      f.deadline = calendar_.AddWorkingDays(record.started_at.date, f.deadline_working_days);
  }
  if (auto errors = domain::ValidateRecord(record, *checklist, task.team, day, local_now);
      !errors.empty()) {
    return FieldErrors(errors);
  }
  // Every photo must have been uploaded first.
  std::map<std::string, store::UploadRow> uploads;
  const auto check_photos = [&](const std::vector<std::string>& photos,
                                const std::string& field) -> Status {
    for (const auto& sha : photos) {
      ANJIAN_ASSIGN_OR_RETURN(auto row, session->GetUpload(sha));
      if (!row || row->kind != "photo")
        return Error::InvalidArgument(field + "：照片未上传（" + sha + "）", field);
      uploads.emplace(sha, *row);
    }
    return Ok();
  };
  for (std::size_t i = 0; i < record.answers.size(); ++i) {
    ANJIAN_TRY(check_photos(record.answers[i].photos, "results[" + std::to_string(i) + "].photos"));
  }
  for (std::size_t i = 0; i < record.findings.size(); ++i) {
    ANJIAN_TRY(
        check_photos(record.findings[i].photos, "findings[" + std::to_string(i) + "].photos"));
  }

  // The record itself.
  json stored_body = RecordBodyToJson(record);
  stored_body["task_id"] = task.id;
  stored_body["checklist_id"] = checklist->id;
  stored_body["checklist_version"] = checklist->version;
  store::InspectionRecordRow row;
  row.task_id = task.id;
  row.unit_id = task.unit_id;
  row.region_path = task.region_path;
  row.record_version = version;
  row.supersedes_id = supersedes_id;
  row.correction_reason = reason;
  row.body_json = stored_body.dump();
  row.content_hash = Sha256Hex(row.body_json);
  row.signed_by = who.user_id.value;
  row.signed_at = now;
  row.inspected_on = record.started_at.date;
  ANJIAN_ASSIGN_OR_RETURN(row, session->InsertInspectionRecord(row));
  for (std::size_t i = 0; i < record.inspector_signatures.size(); ++i) {
    const auto id = record.inspector_signatures[i].attestation_id;
    if (id == 0) continue;
    ANJIAN_ASSIGN_OR_RETURN(bool used, session->UseSignatureAttestation(AttestationId(id), row.id));
    if (!used) {
      const std::string field = "signatures.inspectors[" + std::to_string(i) + "].attestation_id";
      return Error{ErrorCode::kConflict, field + "：该签字刚被另一份记录使用，请重新签字", field};
    }
  }

  // Documents, numbered in this transaction.
  const RecordContext context{record, unit, team, *checklist, uploads};
  json documents = json::array();
  const auto issue = [&](DocumentContent content) -> Result<store::DocumentRow> {
    ANJIAN_ASSIGN_OR_RETURN(
        auto doc, issuer_.Issue(*session, std::move(content), task.unit_id, task.region_path,
                                DocumentLinks{row.id, 0}, who.user_id.value, now));
    documents.push_back(DocumentToJson(doc));
    return doc;
  };
  ANJIAN_ASSIGN_OR_RETURN(auto record_doc, issue(InspectionRecordDocument(context)));
  json hazards = json::array();
  if (!supersedes_id) {
    const auto any = [&](domain::FindingMeasure m) {
      return std::any_of(record.findings.begin(), record.findings.end(),
                         [m](const domain::Finding& f) { return f.measure == m; });
    };
    if (any(domain::FindingMeasure::kRectify)) {
      ANJIAN_TRY(issue(RectificationOrderDocument(context, record_doc.number)));
    }
    if (any(domain::FindingMeasure::kOnSite)) {
      ANJIAN_TRY(issue(OnSiteMeasuresDocument(context, record_doc.number)));
    }
    if (!record.penalties.empty())
      ANJIAN_TRY(issue(PenaltyNoticeDocument(context, record_doc.number)));

    // A hazard per finding, already under order: the deadline given, or the next working day for
    // an immediate correction or an on-site measure without one (R-HAZ-3, R-HAZ-4).
    for (const auto& f : record.findings) {
      store::HazardRecord h;
      h.unit_id = task.unit_id;
      h.grade = f.grade;
      h.state = domain::HazardState::kRectifying;
      h.description = f.description;
      h.legal_basis = f.legal_basis;
      h.found_on = record.started_at.date;
      h.deadline = f.deadline ? *f.deadline : calendar_.AddWorkingDays(record.started_at.date, 1);
      h.task_id = task.id;
      h.record_id = row.id;
      h.created_by = who.user_id.value;
      h.created_at = now;
      ANJIAN_ASSIGN_OR_RETURN(auto inserted, session->InsertHazard(h));
      const std::vector<std::string> evidence(f.photos.begin(), f.photos.end());
      ANJIAN_TRY(
          session->AppendHazardTransition({inserted.id, now, who.user_id.value, "register",
                                           std::nullopt, domain::HazardState::kRegistered,
                                           "现场检查发现（" + record_doc.number + "）", evidence}));
      ANJIAN_TRY(session->AppendHazardTransition(
          {inserted.id,
           now,
           who.user_id.value,
           std::string(domain::Code(domain::HazardAction::kIssueOrder)),
           domain::HazardState::kRegistered,
           inserted.state,
           std::string(domain::Label(f.measure)) + "，整改期限 " + inserted.deadline->ToString(),
           {}}));
      hazards.push_back(inserted.id.value);
    }
  }
  task.status = domain::TaskStatus::kCompleted;
  task.record_id = row.id;
  task.updated_at = now;
  ANJIAN_TRY(session->UpdateTask(task));

  json answer_record = json::parse(row.body_json);
  answer_record["id"] = row.id;
  answer_record["record_version"] = row.record_version;
  answer_record["supersedes_id"] = row.supersedes_id ? json(row.supersedes_id) : json(nullptr);
  answer_record["content_hash"] = row.content_hash;
  answer_record["signed_at"] = row.signed_at;
  const json answer = {{"record", answer_record}, {"hazards", hazards}, {"documents", documents}};
  StoredAnswer out{201, answer.dump()};
  ANJIAN_TRY(session->SaveIdempotentResponse(
      who.user_id.value, idempotency_key,
      store::IdempotentResponse{request_hash, out.status, out.body}, now));
  Audit(*session, who, now, supersedes_id ? "record.correct" : "record.submit", "record",
        std::to_string(row.id),
        {{"task_id", task_id},
         {"unit_id", task.unit_id.value},
         {"record_version", row.record_version},
         {"content_hash", row.content_hash},
         {"hazards", hazards},
         {"documents", documents}});
  ANJIAN_TRY(session->Commit());
  return out;
}

Result<json> InspectionService::GetRecord(const Principal& who, std::int64_t id) {
  ANJIAN_TRY(Require(who, domain::Action::kReadInspections));
  ANJIAN_ASSIGN_OR_RETURN(auto session, store_.Read());
  ANJIAN_ASSIGN_OR_RETURN(auto row, session->GetInspectionRecord(who.scope, id));
  if (!SeesUnit(who, row.unit_id))
    return Error::NotFound("现场检查记录不存在（id " + std::to_string(id) + "）");
  json out = json::parse(row.body_json);
  const bool enforcement = who.role == domain::UserRole::kAdmin ||
                           who.role == domain::UserRole::kLeader ||
                           who.role == domain::UserRole::kInspector;
  if (!enforcement) {
    out.erase("confidential_note");
    // Who signed and how stays visible; which login did it is for enforcement and audit only.
    if (out.contains("signatures") && out["signatures"].contains("inspectors")) {
      for (auto& s : out["signatures"]["inspectors"]) {
        if (!s.is_object()) continue;
        s.erase("authenticated_username");
        s.erase("authenticated_user_id");
      }
    }
  }
  out["id"] = row.id;
  out["task_id"] = row.task_id;
  out["unit_id"] = row.unit_id.value;
  out["record_version"] = row.record_version;
  out["supersedes_id"] = row.supersedes_id ? json(row.supersedes_id) : json(nullptr);
  out["correction_reason"] = row.correction_reason;
  out["content_hash"] = row.content_hash;
  out["signed_at"] = row.signed_at;
  UserNames names(*session);
  out["signed_by"] = names.Of(row.signed_by);
  ANJIAN_ASSIGN_OR_RETURN(auto task, session->GetTask(store::Scope::All(), row.task_id));
  ANJIAN_ASSIGN_OR_RETURN(auto team, LoadTeam(*session, task));
  out["task"] = TaskToJson(TaskView{task, team}, Today());
  out["versions"] = json::array();
  ANJIAN_ASSIGN_OR_RETURN(auto versions, session->ListInspectionRecords(row.task_id));
  for (const auto& v : versions) {
    out["versions"].push_back({{"id", v.id},
                               {"record_version", v.record_version},
                               {"signed_at", v.signed_at},
                               {"correction_reason", v.correction_reason},
                               {"current", v.id == versions.front().id}});
  }
  store::DocumentQuery q;
  q.record_id = id;
  q.page_size = 100;
  ANJIAN_ASSIGN_OR_RETURN(auto docs, session->ListDocuments(store::Scope::All(), q));
  out["documents"] = json::array();
  for (const auto& d : docs.items) out["documents"].push_back(DocumentToJson(d));
  return out;
}

}  // namespace anjian::app

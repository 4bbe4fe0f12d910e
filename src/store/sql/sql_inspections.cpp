// Inspection tasks, signed records, uploads, documents, idempotency keys and daily job runs in
// SQLite (issue #5).
#include <algorithm>

#include "store/sql/paged_query.hpp"
#include "store/sql/sql_session.hpp"

namespace anjian::store::sql {
namespace {

std::optional<std::int64_t> OptId(std::int64_t id) {
  return id ? std::optional<std::int64_t>(id) : std::nullopt;
}

bool InScope(const Scope& scope, const std::string& path) {
  return scope.region_path.empty() || path.starts_with(scope.region_path);
}

constexpr const char* kTaskColumns =
    "t.id, t.unit_id, u.name, u.address, t.region_path, t.kind, t.status, t.scheduled_on, "
    "t.half_day, "
    "t.checklist_id, t.checklist_version, COALESCE(t.plan_id, 0), t.plan_item_key, "
    "COALESCE(t.hazard_id, 0), "
    "t.note, COALESCE(t.record_id, 0), t.created_by, t.created_at, t.updated_at, t.version";

// A stored task value this version cannot read is kInternal naming the task, never a default.
Result<TaskRecord> ReadTask(const Statement& s) {
  TaskRecord t;
  t.id = s.Int(0);
  t.unit_id = UnitId(s.Int(1));
  t.unit_name = s.Text(2);
  t.unit_address = s.Text(3);
  t.region_path = s.Text(4);
  const auto unreadable = [&](const Error& error) {
    return Error::Internal("检查任务 " + std::to_string(t.id) + " 的存储数据无法读取：" +
                           error.message);
  };
  auto kind = domain::FromStoredCode(domain::TaskKinds(), s.Text(5), "任务类型");
  if (!kind.ok()) return unreadable(kind.error());
  t.kind = *kind;
  auto status = domain::FromStoredCode(domain::TaskStatuses(), s.Text(6), "任务状态");
  if (!status.ok()) return unreadable(status.error());
  t.status = *status;
  auto day = CivilDate::Parse(s.Text(7));
  if (!day.ok()) return unreadable(Error::Internal("检查日期无效：'" + s.Text(7) + "'"));
  t.scheduled_on = *day;
  auto half_day = domain::FromStoredCode(domain::HalfDays(), s.Text(8), "上午/下午");
  if (!half_day.ok()) return unreadable(half_day.error());
  t.half_day = *half_day;
  t.checklist_id = s.Text(9);
  t.checklist_version = static_cast<int>(s.Int(10));
  t.plan_id = s.Int(11);
  t.plan_item_key = s.Text(12);
  t.hazard_id = s.Int(13);
  t.note = s.Text(14);
  t.record_id = s.Int(15);
  t.created_by = s.Int(16);
  t.created_at = s.Int(17);
  t.updated_at = s.Int(18);
  t.version = static_cast<int>(s.Int(19));
  return t;
}

constexpr const char* kRecordColumns =
    "id, task_id, unit_id, region_path, record_version, COALESCE(supersedes_id, 0), "
    "correction_reason, body_json, "
    "content_hash, signed_by, signed_at, inspected_on";

// The inspection day of a stored record, or kInternal naming the record (never a silent default).
Result<CivilDate> StoredInspectionDay(std::int64_t record_id, const std::string& text) {
  auto day = CivilDate::Parse(text);
  if (!day.ok()) {
    return Error::Internal("现场检查记录 " + std::to_string(record_id) + " 的检查日期无法读取：'" +
                           text + "'");
  }
  return *day;
}

Result<InspectionRecordRow> ReadRecord(const Statement& s) {
  InspectionRecordRow r;
  r.id = s.Int(0);
  r.task_id = s.Int(1);
  r.unit_id = UnitId(s.Int(2));
  r.region_path = s.Text(3);
  r.record_version = static_cast<int>(s.Int(4));
  r.supersedes_id = s.Int(5);
  r.correction_reason = s.Text(6);
  r.body_json = s.Text(7);
  r.content_hash = s.Text(8);
  r.signed_by = s.Int(9);
  r.signed_at = s.Int(10);
  ANJIAN_ASSIGN_OR_RETURN(r.inspected_on, StoredInspectionDay(r.id, s.Text(11)));
  return r;
}

constexpr const char* kDocumentColumns =
    "d.id, d.doc_type, d.number, d.year, d.serial, d.issuer_path, d.unit_id, u.name, "
    "d.region_path, "
    "COALESCE(d.record_id, 0), COALESCE(d.hazard_id, 0), d.content_json, d.content_hash, "
    "d.issued_by, d.issued_at";

Result<DocumentRow> ReadDocument(const Statement& s) {
  DocumentRow d;
  d.id = DocumentId(s.Int(0));
  const std::string type = s.Text(1);
  auto parsed = domain::ParseDocumentType(type);
  if (!parsed.ok() || domain::InfoOf(*parsed).code != type) {
    return Error::Internal("文书 " + std::to_string(d.id.value) +
                           " 的存储数据无法读取：文书类型 '" + type + "'");
  }
  d.doc_type = *parsed;
  d.number = s.Text(2);
  d.year = static_cast<int>(s.Int(3));
  d.serial = static_cast<int>(s.Int(4));
  d.issuer_path = s.Text(5);
  d.unit_id = UnitId(s.Int(6));
  d.unit_name = s.Text(7);
  d.region_path = s.Text(8);
  d.record_id = s.Int(9);
  d.hazard_id = s.Int(10);
  d.content_json = s.Text(11);
  d.content_hash = s.Text(12);
  d.issued_by = UserId(s.Int(13));
  d.issued_at = s.Int(14);
  return d;
}

}  // namespace

// --- Tasks ---------------------------------------------------------------------------------

Result<TaskRecord> SqlSession::InsertTask(const TaskRecord& task) {
  ANJIAN_TRY(RequireWrite());
  ANJIAN_ASSIGN_OR_RETURN(auto unit, db_.Prepare("SELECT region_path FROM units WHERE id = ?"));
  unit.Bind(1, task.unit_id.value);
  ANJIAN_ASSIGN_OR_RETURN(bool found, unit.Step());
  if (!found)
    return Error::InvalidArgument("单位不存在（id " + std::to_string(task.unit_id.value) + "）",
                                  "unit_id");
  const std::string region_path = unit.Text(0);
  unit.Reset();
  ANJIAN_ASSIGN_OR_RETURN(
      auto stmt, db_.Prepare("INSERT INTO inspection_tasks(unit_id, region_path, kind, status, "
                             "scheduled_on, half_day, "
                             "checklist_id, checklist_version, plan_id, plan_item_key, hazard_id, "
                             "note, record_id, created_by, "
                             "created_at, updated_at, version) VALUES "
                             "(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?15,1)"));
  stmt.Bind(1, task.unit_id.value)
      .Bind(2, region_path)
      .Bind(3, domain::Code(task.kind))
      .Bind(4, domain::Code(task.status))
      .Bind(5, task.scheduled_on.ToString())
      .Bind(6, domain::Code(task.half_day))
      .Bind(7, task.checklist_id)
      .Bind(8, task.checklist_version)
      .Bind(9, OptId(task.plan_id))
      .Bind(10, task.plan_item_key)
      .Bind(11, OptId(task.hazard_id))
      .Bind(12, task.note)
      .Bind(13, OptId(task.record_id))
      .Bind(14, task.created_by)
      .Bind(15, task.created_at);
  ANJIAN_TRY(
      db_.RunUnique(stmt, Error::AlreadyExists("该计划事项已生成检查任务", "plan_item_key")));
  ANJIAN_ASSIGN_OR_RETURN(const std::int64_t id, db_.LastInsertId());
  ANJIAN_ASSIGN_OR_RETURN(auto member,
                          db_.Prepare("INSERT INTO inspection_task_members(task_id, position, "
                                      "inspector_id) VALUES (?,?,?)"));
  for (std::size_t i = 0; i < task.team.size(); ++i) {
    member.Bind(1, id).Bind(2, static_cast<std::int64_t>(i)).Bind(3, task.team[i]);
    ANJIAN_TRY(member.Run());
    member.Reset();
  }
  return GetTask(Scope::All(), id);
}

Result<TaskRecord> SqlSession::GetTask(const Scope& scope, std::int64_t id) {
  ANJIAN_ASSIGN_OR_RETURN(auto stmt,
                          db_.Prepare(std::string("SELECT ") + kTaskColumns +
                                      " FROM inspection_tasks t JOIN units u ON u.id = t.unit_id "
                                      "WHERE t.id = ?"));
  stmt.Bind(1, id);
  ANJIAN_ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row || !InScope(scope, stmt.Text(4))) {
    return Error::NotFound("检查任务不存在（id " + std::to_string(id) + "）");
  }
  ANJIAN_ASSIGN_OR_RETURN(TaskRecord task, ReadTask(stmt));
  stmt.Reset();
  ANJIAN_ASSIGN_OR_RETURN(auto members,
                          db_.Prepare("SELECT inspector_id FROM inspection_task_members WHERE "
                                      "task_id = ? ORDER BY position"));
  members.Bind(1, id);
  for (;;) {
    ANJIAN_ASSIGN_OR_RETURN(bool m, members.Step());
    if (!m) break;
    task.team.push_back(members.Int(0));
  }
  return task;
}

Result<PageResult<TaskRecord>> SqlSession::ListTasks(const Scope& scope, const TaskQuery& q) {
  WhereClause where;
  if (!scope.region_path.empty()) {
    where.Add("t.region_path >= ? AND t.region_path < ?",
              {scope.region_path, ScopeUpperBound(scope.region_path)});
  }
  if (q.inspector_id) {
    where.Add("t.id IN (SELECT task_id FROM inspection_task_members WHERE inspector_id = ?)",
              {std::to_string(*q.inspector_id)});
  }
  if (q.from) where.Add("t.scheduled_on >= ?", {q.from->ToString()});
  if (q.to) where.Add("t.scheduled_on <= ?", {q.to->ToString()});
  if (q.status) where.Add("t.status = ?", {std::string(domain::Code(*q.status))});
  if (q.kind) where.Add("t.kind = ?", {std::string(domain::Code(*q.kind))});
  if (q.unit) where.Add("t.unit_id = ?", {std::to_string(q.unit->value)});
  if (q.hazard_id) where.Add("t.hazard_id = ?", {std::to_string(q.hazard_id)});
  if (q.hide_covert_until_completed)
    where.Add("(t.kind <> ? OR t.status = ?)",
              {std::string(domain::Code(domain::TaskKind::kCovert)),
               std::string(domain::Code(domain::TaskStatus::kCompleted))});
  ANJIAN_ASSIGN_OR_RETURN(auto page, RunPagedQuery<TaskRecord>(
                                         db_, "inspection_tasks t JOIN units u ON u.id = t.unit_id",
                                         kTaskColumns, where, PageRequest{q.page, q.page_size},
                                         ReadTask, "t.scheduled_on, t.half_day, t.id"));
  ANJIAN_ASSIGN_OR_RETURN(auto members,
                          db_.Prepare("SELECT inspector_id FROM inspection_task_members WHERE "
                                      "task_id = ? ORDER BY position"));
  for (auto& task : page.items) {
    members.Bind(1, task.id);
    for (;;) {
      ANJIAN_ASSIGN_OR_RETURN(bool m, members.Step());
      if (!m) break;
      task.team.push_back(members.Int(0));
    }
    members.Reset();
  }
  return page;
}

Result<TaskRecord> SqlSession::UpdateTask(const TaskRecord& task) {
  ANJIAN_TRY(RequireWrite());
  ANJIAN_ASSIGN_OR_RETURN(
      auto stmt, db_.Prepare("UPDATE inspection_tasks SET status = ?1, record_id = ?2, note = ?3, "
                             "updated_at = ?4, version = version + 1 WHERE id = ?5 AND "
                             "version = ?6"));
  stmt.Bind(1, domain::Code(task.status))
      .Bind(2, OptId(task.record_id))
      .Bind(3, task.note)
      .Bind(4, task.updated_at)
      .Bind(5, task.id)
      .Bind(6, task.version);
  ANJIAN_TRY(stmt.Run());
  if (db_.Changes() == 0) {
    ANJIAN_ASSIGN_OR_RETURN(auto current, GetTask(Scope::All(), task.id));
    return Error::Conflict("检查任务已被他人修改（当前版本 " + std::to_string(current.version) +
                           "），请刷新后重试");
  }
  return GetTask(Scope::All(), task.id);
}

Result<std::optional<std::int64_t>> SqlSession::FindTaskByPlanItem(std::int64_t plan_id,
                                                                   const std::string& key) {
  ANJIAN_ASSIGN_OR_RETURN(auto stmt,
                          db_.Prepare("SELECT id FROM inspection_tasks WHERE plan_item_key = ?2 "
                                      "AND plan_id IN (SELECT id FROM plans WHERE root_id = "
                                      "(SELECT root_id FROM plans WHERE id = ?1)) ORDER BY id "
                                      "LIMIT 1"));
  stmt.Bind(1, plan_id).Bind(2, key);
  ANJIAN_ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row) return std::optional<std::int64_t>();
  return std::optional<std::int64_t>(stmt.Int(0));
}

// --- Records ---------------------------------------------------------------------------------

Result<InspectionRecordRow> SqlSession::InsertInspectionRecord(const InspectionRecordRow& r) {
  ANJIAN_TRY(RequireWrite());
  ANJIAN_ASSIGN_OR_RETURN(auto stmt,
                          db_.Prepare("INSERT INTO inspection_records(task_id, unit_id, "
                                      "region_path, record_version, supersedes_id, "
                                      "correction_reason, body_json, content_hash, signed_by, "
                                      "signed_at, inspected_on) VALUES (?,?,?,?,?,?,?,?,?,?,?)"));
  stmt.Bind(1, r.task_id)
      .Bind(2, r.unit_id.value)
      .Bind(3, r.region_path)
      .Bind(4, r.record_version)
      .Bind(5, OptId(r.supersedes_id))
      .Bind(6, r.correction_reason)
      .Bind(7, r.body_json)
      .Bind(8, r.content_hash)
      .Bind(9, r.signed_by)
      .Bind(10, r.signed_at)
      .Bind(11, r.inspected_on.ToString());
  ANJIAN_TRY(db_.RunUnique(stmt, Error::Conflict("该检查记录已有更新的版本，请刷新后重试")));
  InspectionRecordRow inserted = r;
  ANJIAN_ASSIGN_OR_RETURN(inserted.id, db_.LastInsertId());
  return inserted;
}

Result<InspectionRecordRow> SqlSession::GetInspectionRecord(const Scope& scope, std::int64_t id) {
  ANJIAN_ASSIGN_OR_RETURN(auto stmt, db_.Prepare(std::string("SELECT ") + kRecordColumns +
                                                 " FROM inspection_records WHERE id = ?"));
  stmt.Bind(1, id);
  ANJIAN_ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row || !InScope(scope, stmt.Text(3))) {
    return Error::NotFound("现场检查记录不存在（id " + std::to_string(id) + "）");
  }
  return ReadRecord(stmt);
}

Result<std::vector<InspectionRecordRow>> SqlSession::ListInspectionRecords(std::int64_t task_id) {
  ANJIAN_ASSIGN_OR_RETURN(auto stmt,
                          db_.Prepare(std::string("SELECT ") + kRecordColumns +
                                      " FROM inspection_records WHERE task_id = ? ORDER BY "
                                      "record_version DESC"));
  stmt.Bind(1, task_id);
  std::vector<InspectionRecordRow> out;
  for (;;) {
    ANJIAN_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) return out;
    ANJIAN_ASSIGN_OR_RETURN(auto record, ReadRecord(stmt));
    out.push_back(std::move(record));
  }
}

Status SqlSession::ForEachLastInspection(const Scope& scope,
                                         const std::function<void(UnitId, CivilDate)>& visit) {
  // The unit's region today decides the scope (a unit that moved is planned where it is now); a
  // superseded version of a corrected record does not count, its newest version does.
  ANJIAN_ASSIGN_OR_RETURN(
      auto stmt,
      db_.Prepare("SELECT r.unit_id, MAX(r.inspected_on) FROM inspection_records r JOIN units u ON "
                  "u.id = r.unit_id WHERE (?1 = '' OR (u.region_path >= ?1 AND u.region_path < "
                  "?2)) AND r.unit_id > ?3 AND NOT EXISTS (SELECT 1 FROM inspection_records s "
                  "WHERE s.supersedes_id = r.id) GROUP BY r.unit_id ORDER BY r.unit_id LIMIT ?4"));
  Status unreadable = Ok();
  ANJIAN_TRY(ForEachBatch(stmt, scope, [&](const Statement& row) {
    const std::int64_t unit = row.Int(0);
    if (!unreadable.ok()) return unit;
    auto day = CivilDate::Parse(row.Text(1));
    if (!day.ok()) {
      unreadable = Error::Internal("单位 " + std::to_string(unit) + " 的最近检查日期无法读取：'" +
                                   row.Text(1) + "'");
    } else {
      visit(UnitId(unit), *day);
    }
    return unit;
  }));
  return unreadable;
}

// --- Uploads ---------------------------------------------------------------------------------

// --- Signature attestations -----------------------------------------------------------------

namespace {

constexpr const char* kAttestationColumns =
    "id, task_id, inspector_id, user_id, device_user_id, method, png_sha256, client_address, "
    "created_at, record_id";

Result<SignatureAttestationRow> ReadAttestation(const Statement& stmt) {
  SignatureAttestationRow a;
  a.id = AttestationId(stmt.Int(0));
  a.task_id = stmt.Int(1);
  a.inspector_id = InspectorId(stmt.Int(2));
  a.user_id = UserId(stmt.Int(3));
  a.device_user_id = UserId(stmt.Int(4));
  // An unknown stored method is an error, never a silent default: the row is evidence.
  const std::string method = stmt.Text(5);
  const auto& methods = domain::SignatureAuthMethods();
  const auto known =
      std::find_if(methods.begin(), methods.end(), [&](const auto& e) { return e.code == method; });
  if (known == methods.end()) {
    return Error::Internal("签字验证记录 " + std::to_string(a.id.value) + " 的验证方式无法识别：" +
                           method);
  }
  a.method = known->value;
  a.png_sha256 = stmt.Text(6);
  a.client_address = stmt.Text(7);
  a.created_at = stmt.Int(8);
  a.record_id = stmt.IsNull(9) ? 0 : stmt.Int(9);
  return a;
}

}  // namespace

Result<SignatureAttestationRow> SqlSession::InsertSignatureAttestation(
    const SignatureAttestationRow& a) {
  ANJIAN_TRY(RequireWrite());
  ANJIAN_ASSIGN_OR_RETURN(
      auto stmt, db_.Prepare("INSERT INTO signature_attestations(task_id, inspector_id, user_id, "
                             "device_user_id, method, png_sha256, client_address, created_at) "
                             "VALUES (?,?,?,?,?,?,?,?)"));
  stmt.Bind(1, a.task_id)
      .Bind(2, a.inspector_id.value)
      .Bind(3, a.user_id.value)
      .Bind(4, a.device_user_id.value)
      .Bind(5, std::string(domain::Code(a.method)))
      .Bind(6, a.png_sha256)
      .Bind(7, a.client_address)
      .Bind(8, a.created_at);
  ANJIAN_TRY(stmt.Run());
  SignatureAttestationRow inserted = a;
  ANJIAN_ASSIGN_OR_RETURN(auto id, db_.LastInsertId());
  inserted.id = AttestationId(id);
  inserted.record_id = 0;
  return inserted;
}

Result<SignatureAttestationRow> SqlSession::GetSignatureAttestation(AttestationId id) {
  ANJIAN_ASSIGN_OR_RETURN(auto stmt, db_.Prepare(std::string("SELECT ") + kAttestationColumns +
                                                 " FROM signature_attestations WHERE id = ?"));
  stmt.Bind(1, id.value);
  ANJIAN_ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row) return Error::NotFound("签字记录不存在（id " + std::to_string(id.value) + "）");
  return ReadAttestation(stmt);
}

Result<std::vector<SignatureAttestationRow>> SqlSession::ListSignatureAttestations(
    std::int64_t task_id) {
  ANJIAN_ASSIGN_OR_RETURN(
      auto stmt, db_.Prepare(std::string("SELECT ") + kAttestationColumns +
                             " FROM signature_attestations WHERE task_id = ? ORDER BY id DESC"));
  stmt.Bind(1, task_id);
  std::vector<SignatureAttestationRow> out;
  while (true) {
    ANJIAN_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    ANJIAN_ASSIGN_OR_RETURN(auto a, ReadAttestation(stmt));
    out.push_back(std::move(a));
  }
  return out;
}

Result<bool> SqlSession::UseSignatureAttestation(AttestationId id, std::int64_t record_id) {
  ANJIAN_TRY(RequireWrite());
  ANJIAN_ASSIGN_OR_RETURN(auto stmt, db_.Prepare("UPDATE signature_attestations SET record_id = ? "
                                                 "WHERE id = ? AND record_id IS NULL"));
  stmt.Bind(1, record_id).Bind(2, id.value);
  ANJIAN_TRY(stmt.Run());
  return db_.Changes() == 1;
}

Result<UploadRow> SqlSession::PutUpload(const UploadRow& u) {
  ANJIAN_TRY(RequireWrite());
  ANJIAN_ASSIGN_OR_RETURN(
      auto stmt,
      db_.Prepare("INSERT INTO uploads(sha256, kind, mime, size, width, height, taken_at, "
                  "region_path, uploaded_by, "
                  "uploaded_at) VALUES (?,?,?,?,?,?,?,?,?,?) ON CONFLICT(sha256) DO NOTHING"));
  stmt.Bind(1, u.sha256)
      .Bind(2, u.kind)
      .Bind(3, u.mime)
      .Bind(4, u.size)
      .Bind(5, u.width)
      .Bind(6, u.height)
      .Bind(7, u.taken_at)
      .Bind(8, u.region_path)
      .Bind(9, u.uploaded_by)
      .Bind(10, u.uploaded_at);
  ANJIAN_TRY(stmt.Run());
  if (!u.bytes.empty()) {
    ANJIAN_ASSIGN_OR_RETURN(auto bytes,
                            db_.Prepare("INSERT INTO upload_bytes(sha256, bytes) VALUES (?, ?) "
                                        "ON CONFLICT(sha256) DO NOTHING"));
    bytes.Bind(1, u.sha256).BindBlob(2, u.bytes);
    ANJIAN_TRY(bytes.Run());
  }
  ANJIAN_ASSIGN_OR_RETURN(auto stored, GetUpload(u.sha256));
  if (!stored) return Error::Internal("上传记录写入失败");
  return *stored;
}

Result<std::optional<UploadRow>> SqlSession::GetUpload(const std::string& sha256) {
  ANJIAN_ASSIGN_OR_RETURN(auto stmt,
                          db_.Prepare("SELECT sha256, kind, mime, size, width, height, taken_at, "
                                      "region_path, uploaded_by, uploaded_at FROM uploads WHERE "
                                      "sha256 = ?"));
  stmt.Bind(1, sha256);
  ANJIAN_ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row) return std::optional<UploadRow>();
  UploadRow u;
  u.sha256 = stmt.Text(0);
  u.kind = stmt.Text(1);
  u.mime = stmt.Text(2);
  u.size = stmt.Int(3);
  u.width = static_cast<int>(stmt.Int(4));
  u.height = static_cast<int>(stmt.Int(5));
  u.taken_at = stmt.Text(6);
  u.region_path = stmt.Text(7);
  u.uploaded_by = stmt.Int(8);
  u.uploaded_at = stmt.Int(9);
  return std::optional<UploadRow>(std::move(u));
}

Result<std::optional<std::string>> SqlSession::GetUploadBytes(const std::string& sha256) {
  ANJIAN_ASSIGN_OR_RETURN(auto stmt,
                          db_.Prepare("SELECT bytes FROM upload_bytes WHERE sha256 = ?"));
  stmt.Bind(1, sha256);
  ANJIAN_ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row) return std::optional<std::string>();
  return std::optional<std::string>(stmt.Blob(0));
}

// --- Documents -------------------------------------------------------------------------------

Result<DocumentRow> SqlSession::InsertDocument(const DocumentRow& d) {
  ANJIAN_TRY(RequireWrite());
  ANJIAN_ASSIGN_OR_RETURN(
      auto stmt,
      db_.Prepare("INSERT INTO documents(doc_type, number, year, serial, issuer_path, unit_id, "
                  "region_path, "
                  "record_id, hazard_id, content_json, content_hash, issued_by, issued_at) "
                  "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)"));
  stmt.Bind(1, domain::InfoOf(d.doc_type).code)
      .Bind(2, d.number)
      .Bind(3, d.year)
      .Bind(4, d.serial)
      .Bind(5, d.issuer_path)
      .Bind(6, d.unit_id.value)
      .Bind(7, d.region_path)
      .Bind(8, OptId(d.record_id))
      .Bind(9, OptId(d.hazard_id))
      .Bind(10, d.content_json)
      .Bind(11, d.content_hash)
      .Bind(12, d.issued_by.value)
      .Bind(13, d.issued_at);
  ANJIAN_TRY(db_.RunUnique(stmt, Error::AlreadyExists("文书编号已被使用：" + d.number, "number")));
  ANJIAN_ASSIGN_OR_RETURN(const std::int64_t id, db_.LastInsertId());
  return GetDocument(Scope::All(), DocumentId(id));
}

Result<DocumentRow> SqlSession::GetDocument(const Scope& scope, DocumentId id) {
  ANJIAN_ASSIGN_OR_RETURN(
      auto stmt, db_.Prepare(std::string("SELECT ") + kDocumentColumns +
                             " FROM documents d JOIN units u ON u.id = d.unit_id WHERE d.id = ?"));
  stmt.Bind(1, id.value);
  ANJIAN_ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row || !InScope(scope, stmt.Text(8)))
    return Error::NotFound("文书不存在（id " + std::to_string(id.value) + "）");
  return ReadDocument(stmt);
}

Result<std::optional<DocumentRow>> SqlSession::FindDocumentByHashPrefix(
    const Scope& scope, std::string_view hash_prefix) {
  // The expression is the one documents_by_hash_prefix indexes (migration 16), so both engines
  // answer from the index. Two rows are read to tell a unique match from a shared prefix.
  ANJIAN_ASSIGN_OR_RETURN(
      auto stmt, db_.Prepare(std::string("SELECT ") + kDocumentColumns +
                             " FROM documents d JOIN units u ON u.id = d.unit_id"
                             " WHERE substr(d.content_hash, 1, 32) = ? ORDER BY d.id LIMIT 2"));
  stmt.Bind(1, hash_prefix);
  ANJIAN_ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row) return std::optional<DocumentRow>();
  ANJIAN_ASSIGN_OR_RETURN(DocumentRow found, ReadDocument(stmt));
  // 128 bits shared by two different contents is practically impossible; should it happen, the
  // QR code cannot say which of them it was printed for, so neither is vouched for. This holds
  // whatever the caller's scope: the code is ambiguous in the database, not in a view of it.
  ANJIAN_ASSIGN_OR_RETURN(bool second, stmt.Step());
  if (second || !InScope(scope, found.region_path)) return std::optional<DocumentRow>();
  return std::optional<DocumentRow>(std::move(found));
}

Result<PageResult<DocumentRow>> SqlSession::ListDocuments(const Scope& scope,
                                                          const DocumentQuery& q) {
  WhereClause where;
  if (!scope.region_path.empty()) {
    where.Add("d.region_path >= ? AND d.region_path < ?",
              {scope.region_path, ScopeUpperBound(scope.region_path)});
  }
  if (q.unit) where.Add("d.unit_id = ?", {std::to_string(q.unit->value)});
  if (q.record_id) where.Add("d.record_id = ?", {std::to_string(q.record_id)});
  if (q.hazard_id) where.Add("d.hazard_id = ?", {std::to_string(q.hazard_id)});
  if (q.doc_type) where.Add("d.doc_type = ?", {std::string(domain::InfoOf(*q.doc_type).code)});
  return RunPagedQuery<DocumentRow>(db_, "documents d JOIN units u ON u.id = d.unit_id",
                                    kDocumentColumns, where, PageRequest{q.page, q.page_size},
                                    ReadDocument, "d.id DESC");
}

// --- Idempotency and jobs ----------------------------------------------------------------------

Result<std::optional<IdempotentResponse>> SqlSession::FindIdempotentResponse(
    std::int64_t user_id, const std::string& key) {
  if (IsPostgres() && writable_) {
    // Two instances may receive the same retried submission at once: the second waits here
    // until the first commits and then finds its answer (READ COMMITTED sees the new row).
    ANJIAN_ASSIGN_OR_RETURN(auto lock,
                            db_.Prepare("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))"));
    ANJIAN_TRY(lock.Bind(1, "idempotency:" + std::to_string(user_id) + ":" + key).Run());
  }
  ANJIAN_ASSIGN_OR_RETURN(
      auto stmt, db_.Prepare("SELECT request_hash, status, response_body FROM idempotency_keys "
                             "WHERE user_id = ? AND key = ?"));
  stmt.Bind(1, user_id).Bind(2, key);
  ANJIAN_ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row) return std::optional<IdempotentResponse>();
  return std::optional<IdempotentResponse>(
      IdempotentResponse{stmt.Text(0), static_cast<int>(stmt.Int(1)), stmt.Text(2)});
}

Status SqlSession::SaveIdempotentResponse(std::int64_t user_id, const std::string& key,
                                          const IdempotentResponse& response, std::int64_t now) {
  ANJIAN_TRY(RequireWrite());
  ANJIAN_ASSIGN_OR_RETURN(
      auto stmt, db_.Prepare("INSERT INTO idempotency_keys(user_id, key, request_hash, status, "
                             "response_body, created_at) VALUES (?,?,?,?,?,?)"));
  stmt.Bind(1, user_id)
      .Bind(2, key)
      .Bind(3, response.request_hash)
      .Bind(4, response.status)
      .Bind(5, response.body)
      .Bind(6, now);
  return db_.RunUnique(stmt, Error::Conflict("该请求正在处理或已处理（Idempotency-Key 重复）"));
}

Result<bool> SqlSession::ClaimJobRun(const std::string& job, const std::string& day,
                                     std::int64_t now) {
  ANJIAN_TRY(RequireWrite());
  if (IsPostgres()) {
    // One claimant at a time across instances; the others give way instead of queueing.
    ANJIAN_ASSIGN_OR_RETURN(
        auto lock, db_.Prepare("SELECT pg_try_advisory_xact_lock(hashtextextended(?, 0))"));
    lock.Bind(1, "job:" + job);
    ANJIAN_ASSIGN_OR_RETURN(bool row, lock.Step());
    if (!row || lock.Int(0) == 0) return false;
  }
  ANJIAN_ASSIGN_OR_RETURN(auto stmt,
                          db_.Prepare("INSERT INTO job_runs(job, day, started_at) VALUES (?,?,?) "
                                      "ON CONFLICT(job, day) DO NOTHING"));
  stmt.Bind(1, job).Bind(2, day).Bind(3, now);
  ANJIAN_TRY(stmt.Run());
  return db_.Changes() == 1;
}

Status SqlSession::FinishJobRun(const std::string& job, const std::string& day, std::int64_t now,
                                const std::string& result) {
  ANJIAN_TRY(RequireWrite());
  ANJIAN_ASSIGN_OR_RETURN(
      auto stmt, db_.Prepare("UPDATE job_runs SET finished_at = ?, result = ? WHERE job = ? AND "
                             "day = ?"));
  stmt.Bind(1, now).Bind(2, result).Bind(3, job).Bind(4, day);
  return stmt.Run();
}

// --- Enterprise side ---------------------------------------------------------------------------

Result<SelfInspectionRow> SqlSession::InsertSelfInspection(const SelfInspectionRow& row) {
  ANJIAN_TRY(RequireWrite());
  ANJIAN_ASSIGN_OR_RETURN(
      auto stmt,
      db_.Prepare(
          "INSERT INTO self_inspections(unit_id, region_path, kind, done_on, checklist_id, "
          "checklist_version, "
          "body_json, nonconforming, created_by, created_at) VALUES "
          "(?1, (SELECT region_path FROM units WHERE id = ?1), ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"));
  stmt.Bind(1, row.unit_id.value)
      .Bind(2, domain::Code(row.kind))
      .Bind(3, row.done_on.ToString())
      .Bind(4, row.checklist_id)
      .Bind(5, row.checklist_version)
      .Bind(6, row.body_json)
      .Bind(7, row.nonconforming)
      .Bind(8, row.created_by.value)
      .Bind(9, row.created_at);
  ANJIAN_TRY(stmt.Run());
  SelfInspectionRow inserted = row;
  ANJIAN_ASSIGN_OR_RETURN(const auto id, db_.LastInsertId());
  inserted.id = SelfInspectionId(id);
  return inserted;
}

Result<PageResult<SelfInspectionRow>> SqlSession::ListSelfInspections(const Scope& scope,
                                                                      std::optional<UnitId> unit,
                                                                      int page, int page_size) {
  WhereClause where;
  if (!scope.region_path.empty()) {
    where.Add("s.region_path >= ? AND s.region_path < ?",
              {scope.region_path, ScopeUpperBound(scope.region_path)});
  }
  if (unit) where.Add("s.unit_id = ?", {std::to_string(unit->value)});
  return RunPagedQuery<SelfInspectionRow>(
      db_, "self_inspections s JOIN units u ON u.id = s.unit_id",
      "s.id, s.unit_id, u.name, s.region_path, s.kind, s.done_on, s.checklist_id, "
      "s.checklist_version, s.body_json, "
      "s.nonconforming, s.created_by, s.created_at",
      where, PageRequest{page, page_size},
      [](const Statement& s) -> Result<SelfInspectionRow> {
        SelfInspectionRow r;
        r.id = SelfInspectionId(s.Int(0));
        r.unit_id = UnitId(s.Int(1));
        r.unit_name = s.Text(2);
        r.region_path = s.Text(3);
        const auto unreadable = [&](const std::string& what) {
          return Error::Internal("企业自查 " + std::to_string(r.id.value) +
                                 " 的存储数据无法读取：" + what);
        };
        auto kind = domain::FromStoredCode(domain::SelfInspectionKinds(), s.Text(4), "自查类型");
        if (!kind.ok()) return unreadable(kind.error().message);
        r.kind = *kind;
        auto day = CivilDate::Parse(s.Text(5));
        if (!day.ok()) return unreadable("自查日期无效：'" + s.Text(5) + "'");
        r.done_on = *day;
        r.checklist_id = s.Text(6);
        r.checklist_version = static_cast<int>(s.Int(7));
        r.body_json = s.Text(8);
        r.nonconforming = static_cast<int>(s.Int(9));
        r.created_by = UserId(s.Int(10));
        r.created_at = s.Int(11);
        return r;
      },
      "s.done_on DESC, s.id DESC");
}

Result<NoticeRow> SqlSession::InsertNotice(const NoticeRow& n) {
  ANJIAN_TRY(RequireWrite());
  ANJIAN_ASSIGN_OR_RETURN(auto stmt,
                          db_.Prepare("INSERT INTO notices(scope_path, title, body, published_by, "
                                      "published_at) VALUES (?,?,?,?,?)"));
  stmt.Bind(1, n.scope_path)
      .Bind(2, n.title)
      .Bind(3, n.body)
      .Bind(4, n.published_by.value)
      .Bind(5, n.published_at);
  ANJIAN_TRY(stmt.Run());
  NoticeRow inserted = n;
  ANJIAN_ASSIGN_OR_RETURN(const auto id, db_.LastInsertId());
  inserted.id = NoticeId(id);
  return inserted;
}

namespace {
NoticeRow ReadNotice(const Statement& s) {
  return NoticeRow{NoticeId(s.Int(0)), s.Text(1), s.Text(2), s.Text(3), UserId(s.Int(4)), s.Int(5)};
}
}  // namespace

Result<std::vector<NoticeRow>> SqlSession::ListNotices(const std::string& region_path) {
  // A notice reaches every unit under the jurisdiction that published it: its path is a prefix of
  // the reader's, or (for regulators reading below) the reader's is a prefix of it.
  ANJIAN_ASSIGN_OR_RETURN(
      auto stmt, db_.Prepare("SELECT id, scope_path, title, body, published_by, published_at FROM "
                             "notices WHERE substr(?1, 1, length(scope_path)) = scope_path OR "
                             "substr(scope_path, 1, length(?1)) = ?1 ORDER BY id DESC"));
  stmt.Bind(1, region_path);
  std::vector<NoticeRow> out;
  for (;;) {
    ANJIAN_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) return out;
    out.push_back(ReadNotice(stmt));
  }
}

Result<NoticeRow> SqlSession::GetNotice(NoticeId id) {
  ANJIAN_ASSIGN_OR_RETURN(
      auto stmt, db_.Prepare("SELECT id, scope_path, title, body, published_by, published_at FROM "
                             "notices WHERE id = ?"));
  stmt.Bind(1, id.value);
  ANJIAN_ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row) return Error::NotFound("通知不存在（id " + std::to_string(id.value) + "）");
  return ReadNotice(stmt);
}

Status SqlSession::InsertNoticeReceipt(const NoticeReceiptRow& r) {
  ANJIAN_TRY(RequireWrite());
  ANJIAN_ASSIGN_OR_RETURN(
      auto stmt, db_.Prepare("INSERT INTO notice_receipts(notice_id, unit_id, signer_name, "
                             "signature, signed_by, signed_at) VALUES (?,?,?,?,?,?)"));
  stmt.Bind(1, r.notice_id.value)
      .Bind(2, r.unit_id.value)
      .Bind(3, r.signer_name)
      .Bind(4, r.signature)
      .Bind(5, r.signed_by.value)
      .Bind(6, r.signed_at);
  return db_.RunUnique(stmt, Error::AlreadyExists("本单位已签收该通知"));
}

Result<std::vector<NoticeReceiptRow>> SqlSession::ListNoticeReceipts(NoticeId notice_id) {
  ANJIAN_ASSIGN_OR_RETURN(
      auto stmt, db_.Prepare("SELECT r.notice_id, r.unit_id, u.name, r.signer_name, r.signature, "
                             "r.signed_by, r.signed_at FROM notice_receipts r JOIN units u ON "
                             "u.id = r.unit_id WHERE r.notice_id = ? ORDER BY r.signed_at"));
  stmt.Bind(1, notice_id.value);
  std::vector<NoticeReceiptRow> out;
  for (;;) {
    ANJIAN_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) return out;
    out.push_back({NoticeId(stmt.Int(0)), UnitId(stmt.Int(1)), stmt.Text(2), stmt.Text(3),
                   stmt.Text(4), UserId(stmt.Int(5)), stmt.Int(6)});
  }
}

}  // namespace anjian::store::sql

namespace anjian::store::sql {

Result<bool> SqlSession::UploadReferencedIn(const std::string& sha256, const Scope& scope,
                                            std::optional<UnitId> unit) {
  // Files are cited inside JSON bodies and comma lists by their 64-hex name; the scope and unit
  // conditions narrow the rows the pattern is matched against.
  ANJIAN_ASSIGN_OR_RETURN(
      auto stmt,
      db_.Prepare(
          "SELECT 1 WHERE EXISTS (SELECT 1 FROM inspection_records r WHERE r.region_path >= ?1 AND "
          "r.region_path < ?2 AND (r.unit_id = ?3 OR ?3 = 0) AND r.body_json LIKE ?4)"
          " OR EXISTS (SELECT 1 FROM hazard_transitions t JOIN hazards h ON h.id = t.hazard_id "
          "WHERE "
          "h.region_path >= ?1 AND h.region_path < ?2 AND (h.unit_id = ?3 OR ?3 = 0) AND "
          "t.evidence LIKE ?4)"
          " OR EXISTS (SELECT 1 FROM self_inspections s WHERE s.region_path >= ?1 AND "
          "s.region_path < ?2 "
          "AND (s.unit_id = ?3 OR ?3 = 0) AND s.body_json LIKE ?4)"
          " OR EXISTS (SELECT 1 FROM notice_receipts n JOIN units u ON u.id = n.unit_id WHERE "
          "u.region_path >= ?1 AND u.region_path < ?2 AND (n.unit_id = ?3 OR ?3 = 0) AND "
          "n.signature = ?5)"));
  // An empty scope means everything: every path is ≥ "" and < the maximal code point.
  stmt.Bind(1, scope.region_path)
      .Bind(2, scope.region_path.empty() ? std::string("\xf4\x8f\xbf\xbf")
                                         : ScopeUpperBound(scope.region_path))
      .Bind(3, unit ? unit->value : std::int64_t{0})
      .Bind(4, "%" + sha256 + "%")
      .Bind(5, sha256);
  ANJIAN_ASSIGN_OR_RETURN(bool row, stmt.Step());
  return row;
}

}  // namespace anjian::store::sql

// The audit area of the SQL session (store/audit_port.hpp).
#include "store/audit_chain.hpp"
#include "store/sql/paged_query.hpp"
#include "store/sql/sql_session.hpp"

namespace anjian::store::sql {

namespace {

constexpr const char* kAuditColumns =
    "seq, at, actor_id, actor, role, jurisdiction, client_address, action, target_type, target_id, "
    "outcome, details, prev_hash, hash";

Result<domain::AuditEntry> ReadAuditEntry(const Statement& s) {
  domain::AuditEntry e;
  e.seq = s.Int(0);
  e.at = s.Int(1);
  e.actor_id = s.Int(2);
  e.actor = s.Text(3);
  e.role = s.Text(4);
  e.jurisdiction = s.Text(5);
  e.client_address = s.Text(6);
  e.action = s.Text(7);
  e.target_type = s.Text(8);
  e.target_id = s.Text(9);
  // An unknown stored outcome is damage, not a default: the entry would hash differently anyway.
  auto outcome = domain::ParseAuditOutcome(s.Text(10));
  if (!outcome.ok()) {
    return Error::Internal("审计记录第 " + std::to_string(e.seq) + " 条的结果值无法识别：" +
                           s.Text(10));
  }
  e.outcome = *outcome;
  e.details_json = s.Text(11);
  e.prev_hash = s.Text(12);
  e.hash = s.Text(13);
  return e;
}

// Visits the rows `select` yields for seq ≥ ?1 (LIMIT ?2, with ?3 bound by `bind_more` when the
// query needs it) in batches keyed on seq, so a long chain never holds one huge result (PostgreSQL
// buffers rows).
Status ForEachAuditBatch(Connection& db, const std::string& select, std::int64_t from_seq,
                         const std::function<void(Statement&)>& bind_more,
                         const std::function<Status(const domain::AuditEntry&)>& visit) {
  constexpr int kBatch = 5000;
  ANJIAN_ASSIGN_OR_RETURN(auto stmt, db.Prepare(select));
  std::int64_t next = from_seq;
  for (;;) {
    stmt.Bind(1, next).Bind(2, kBatch);
    bind_more(stmt);
    int rows = 0;
    std::vector<domain::AuditEntry> batch;
    batch.reserve(kBatch);
    for (;;) {
      ANJIAN_ASSIGN_OR_RETURN(bool row, stmt.Step());
      if (!row) break;
      ANJIAN_ASSIGN_OR_RETURN(auto entry, ReadAuditEntry(stmt));
      batch.push_back(std::move(entry));
      ++rows;
    }
    stmt.Reset();
    for (const auto& entry : batch) ANJIAN_TRY(visit(entry));
    if (rows < kBatch) return Ok();
    next = batch.back().seq + 1;
  }
}

}  // namespace

void SqlSession::StageAudit(domain::AuditEntry entry) {
  ANJIAN_ASSERT(writable_ && "audit entries are staged on write sessions");
  staged_audit_.push_back(std::move(entry));
}

Status SqlSession::AppendStagedAudit() {
  if (staged_audit_.empty()) return Ok();
  // PostgreSQL: the row lock on the head serialises appenders across instances until COMMIT,
  // which follows at once. SQLite's write transaction is already exclusive.
  ANJIAN_ASSIGN_OR_RETURN(
      auto head,
      db_.Prepare(IsPostgres() ? "SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE"
                               : "SELECT seq, hash FROM audit_head WHERE id = 1"));
  ANJIAN_ASSIGN_OR_RETURN(bool found, head.Step());
  if (!found) return Error::Internal("审计链头缺失 (audit_head row missing)");
  std::int64_t seq = head.Int(0);
  std::string prev = head.Text(1);
  head.Reset();
  ANJIAN_ASSIGN_OR_RETURN(
      auto insert,
      db_.Prepare(std::string("INSERT INTO audit_log (") + kAuditColumns +
                  ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)"));
  for (auto& entry : staged_audit_) {
    entry.seq = ++seq;
    entry.prev_hash = prev;
    entry.hash = AuditEntryHash(prev, entry);
    insert.Bind(1, entry.seq)
        .Bind(2, entry.at)
        .Bind(3, entry.actor_id)
        .Bind(4, entry.actor)
        .Bind(5, entry.role)
        .Bind(6, entry.jurisdiction)
        .Bind(7, entry.client_address)
        .Bind(8, entry.action)
        .Bind(9, entry.target_type)
        .Bind(10, entry.target_id)
        .Bind(11, domain::Code(entry.outcome))
        .Bind(12, entry.details_json)
        .Bind(13, entry.prev_hash)
        .Bind(14, entry.hash);
    ANJIAN_TRY(insert.Run());
    insert.Reset();
    prev = entry.hash;
  }
  ANJIAN_ASSIGN_OR_RETURN(auto update,
                          db_.Prepare("UPDATE audit_head SET seq = ?1, hash = ?2 WHERE id = 1"));
  update.Bind(1, seq).Bind(2, prev);
  ANJIAN_TRY(update.Run());
  staged_audit_.clear();
  return Ok();
}

Result<AuditPage> SqlSession::ListAudit(const AuditQuery& q) {
  const std::string where =
      " WHERE (actor = ?1 OR ?1 = '')"
      " AND ((action >= ?2 AND action < ?3) OR ?2 = '')"
      " AND (target_type = ?4 OR ?4 = '')"
      " AND (target_id = ?5 OR ?5 = '')"
      " AND (outcome = ?6 OR ?6 = '')"
      " AND (at >= ?7 OR ?7 = 0)"
      " AND (at < ?8 OR ?8 = 0)"
      " AND ((jurisdiction >= ?9 AND jurisdiction < ?10) OR ?9 = '')";
  auto bind = [&](Statement& s) {
    s.Bind(1, q.actor).Bind(2, q.action).Bind(3, ScopeUpperBound(q.action));
    s.Bind(4, q.target_type).Bind(5, q.target_id);
    s.Bind(6, q.outcome ? std::string(domain::Code(*q.outcome)) : std::string());
    s.Bind(7, q.from).Bind(8, q.to);
    s.Bind(9, q.jurisdiction).Bind(10, ScopeUpperBound(q.jurisdiction));
  };
  AuditPage page;
  {
    ANJIAN_ASSIGN_OR_RETURN(auto count, db_.Prepare("SELECT count(*) FROM audit_log" + where));
    bind(count);
    ANJIAN_ASSIGN_OR_RETURN(bool row, count.Step());
    page.total = row ? count.Int(0) : 0;
  }
  ANJIAN_ASSIGN_OR_RETURN(
      auto stmt, db_.Prepare(std::string("SELECT ") + kAuditColumns + " FROM audit_log" + where +
                             " ORDER BY seq DESC LIMIT ?11 OFFSET ?12"));
  bind(stmt);
  stmt.Bind(11, q.page_size).Bind(12, static_cast<std::int64_t>(q.page - 1) * q.page_size);
  for (;;) {
    ANJIAN_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    ANJIAN_ASSIGN_OR_RETURN(auto entry, ReadAuditEntry(stmt));
    page.items.push_back(std::move(entry));
  }
  return page;
}

Status SqlSession::ForEachAudit(std::int64_t from_seq,
                                const std::function<Status(const domain::AuditEntry&)>& visit) {
  return ForEachAuditBatch(
      db_,
      std::string("SELECT ") + kAuditColumns +
          " FROM audit_log WHERE seq >= ?1 ORDER BY seq LIMIT ?2",
      from_seq, [](Statement&) {}, visit);
}

Result<AuditAnchor> SqlSession::AuditHead() {
  ANJIAN_ASSIGN_OR_RETURN(
      auto stmt, db_.Prepare("SELECT h.seq, h.hash, l.at FROM audit_head h LEFT JOIN audit_log l "
                             "ON l.seq = h.seq WHERE h.id = 1"));
  ANJIAN_ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row) return Error::Internal("审计链头缺失 (audit_head row missing)");
  AuditAnchor head;
  head.seq = stmt.Int(0);
  head.hash = stmt.Text(1);
  if (!stmt.IsNull(2)) head.day = domain::AuditDay(stmt.Int(2));
  return head;
}

Result<std::vector<AuditAnchor>> SqlSession::AuditAnchors(int days) {
  // Beijing days: (at + 8 h) / 86400. The newest `days` days with entries, their last entry each.
  ANJIAN_ASSIGN_OR_RETURN(
      auto stmt, db_.Prepare("SELECT l.seq, l.hash, l.at FROM audit_log l JOIN ("
                             " SELECT max(seq) AS seq FROM audit_log GROUP BY (at + 28800) / 86400"
                             " ORDER BY 1 DESC LIMIT ?1) d ON d.seq = l.seq ORDER BY l.seq DESC"));
  stmt.Bind(1, days);
  std::vector<AuditAnchor> anchors;
  for (;;) {
    ANJIAN_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    anchors.push_back({domain::AuditDay(stmt.Int(2)), stmt.Int(0), stmt.Text(1)});
  }
  return anchors;
}

Result<std::optional<AuditCheckpoint>> SqlSession::LatestAuditCheckpoint() {
  ANJIAN_ASSIGN_OR_RETURN(auto stmt,
                          db_.Prepare("SELECT seq, hash, archived_at, archived_before, file_sha256 "
                                      "FROM audit_checkpoints ORDER BY seq DESC LIMIT 1"));
  ANJIAN_ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row) return std::optional<AuditCheckpoint>();
  return std::optional<AuditCheckpoint>(
      AuditCheckpoint{stmt.Int(0), stmt.Text(1), stmt.Int(2), stmt.Int(3), stmt.Text(4)});
}

Status SqlSession::ArchiveAudit(const AuditCheckpoint& checkpoint) {
  ANJIAN_TRY(RequireWrite());
  {
    ANJIAN_ASSIGN_OR_RETURN(auto check, db_.Prepare("SELECT hash FROM audit_log WHERE seq = ?1"));
    check.Bind(1, checkpoint.seq);
    ANJIAN_ASSIGN_OR_RETURN(bool row, check.Step());
    if (!row || check.Text(0) != checkpoint.hash) {
      return Error::FailedPrecondition("存档检查点第 " + std::to_string(checkpoint.seq) +
                                       " 条不在审计日志中或哈希不符");
    }
  }
  ANJIAN_ASSIGN_OR_RETURN(auto insert,
                          db_.Prepare("INSERT INTO audit_checkpoints (seq, hash, archived_at, "
                                      "archived_before, file_sha256) VALUES (?1, ?2, ?3, ?4, ?5)"));
  insert.Bind(1, checkpoint.seq)
      .Bind(2, checkpoint.hash)
      .Bind(3, checkpoint.archived_at)
      .Bind(4, checkpoint.archived_before)
      .Bind(5, checkpoint.file_sha256);
  ANJIAN_TRY(insert.Run());
  // The gate row opens the delete trigger for this transaction only; it is removed before COMMIT.
  ANJIAN_TRY(db_.Run("INSERT INTO audit_archive_gate (open) VALUES (1)"));
  ANJIAN_ASSIGN_OR_RETURN(auto remove, db_.Prepare("DELETE FROM audit_log WHERE seq <= ?1"));
  remove.Bind(1, checkpoint.seq);
  ANJIAN_TRY(remove.Run());
  return db_.Run("DELETE FROM audit_archive_gate");
}

Result<std::vector<MergedSource>> SqlSession::ListMergedSources() {
  ANJIAN_ASSIGN_OR_RETURN(
      auto stmt, db_.Prepare("SELECT id, street_name, source_file, id_offset, id_ceiling, "
                             "district_from, district_to, street_id, merged_at, schema_version, "
                             "audit_seq, audit_hash, report_json FROM merged_sources ORDER BY id"));
  std::vector<MergedSource> sources;
  for (;;) {
    ANJIAN_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    MergedSource source;
    source.id = stmt.Int(0);
    source.street_name = stmt.Text(1);
    source.source_file = stmt.Text(2);
    source.id_offset = stmt.Int(3);
    source.id_ceiling = stmt.Int(4);
    source.district_from = stmt.Int(5);
    source.district_to = stmt.Int(6);
    source.street_id = stmt.Int(7);
    source.merged_at = stmt.Int(8);
    source.schema_version = stmt.Int(9);
    source.audit_seq = stmt.Int(10);
    source.audit_hash = stmt.Text(11);
    source.report_json = stmt.Text(12);
    sources.push_back(std::move(source));
  }
  return sources;
}

Status SqlSession::ForEachImportedAudit(
    std::int64_t source_id, std::int64_t from_seq,
    const std::function<Status(const domain::AuditEntry&)>& visit) {
  return ForEachAuditBatch(
      db_,
      std::string("SELECT ") + kAuditColumns +
          " FROM audit_log_imported WHERE source_id = ?3 AND seq >= ?1 ORDER BY seq LIMIT ?2",
      from_seq, [source_id](Statement& stmt) { stmt.Bind(3, source_id); }, visit);
}

Result<std::optional<AuditCheckpoint>> SqlSession::LatestImportedAuditCheckpoint(
    std::int64_t source_id) {
  ANJIAN_ASSIGN_OR_RETURN(auto stmt,
                          db_.Prepare("SELECT seq, hash, archived_at, archived_before, file_sha256 "
                                      "FROM audit_checkpoints_imported WHERE source_id = ?1 "
                                      "ORDER BY seq DESC LIMIT 1"));
  stmt.Bind(1, source_id);
  ANJIAN_ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row) return std::optional<AuditCheckpoint>();
  return std::optional<AuditCheckpoint>(
      AuditCheckpoint{stmt.Int(0), stmt.Text(1), stmt.Int(2), stmt.Int(3), stmt.Text(4)});
}

}  // namespace anjian::store::sql

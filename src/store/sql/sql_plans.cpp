// Plan revisions, their events and seed commitments (issue #4) in SQLite.
#include <algorithm>

#include "common/text.hpp"
#include "store/sql/paged_query.hpp"
#include "store/sql/sql_session.hpp"

namespace anjian::store::sql {
namespace {

constexpr const char* kListColumns =
    "id, root_id, revision, year, scope_path, title, policy_name, status, seed, seed_commitment, "
    "committed_at, input_hash, summary_json, adjustment_json, reapproval_due, created_by, "
    "created_at, updated_at, version";

// A stored status or date this version cannot read is kInternal naming the plan, never a default.
Result<PlanRecord> ReadPlan(const Statement& s, bool with_documents) {
  PlanRecord p;
  p.id = s.Int(0);
  p.root_id = s.Int(1);
  p.revision = static_cast<int>(s.Int(2));
  p.year = static_cast<int>(s.Int(3));
  p.scope_path = s.Text(4);
  p.title = s.Text(5);
  p.policy_name = s.Text(6);
  auto status = domain::FromStoredCode(planner::PlanStatuses(), s.Text(7), "计划状态");
  if (!status.ok()) {
    return Error::Internal("计划 " + std::to_string(p.id) + " 的存储数据无法读取：" +
                           status.error().message);
  }
  p.status = *status;
  p.seed = s.Text(8);
  p.seed_commitment = s.Text(9);
  p.committed_at = s.Int(10);
  p.input_hash = s.Text(11);
  p.summary_json = s.Text(12);
  p.adjustment_json = s.Text(13);
  if (const auto due = s.Text(14); !due.empty()) {
    auto day = CivilDate::Parse(due);
    if (!day.ok()) {
      return Error::Internal("计划 " + std::to_string(p.id) +
                             " 的存储数据无法读取：重新报批期限无效：'" + due + "'");
    }
    p.reapproval_due = *day;
  }
  p.created_by = s.Int(15);
  p.created_at = s.Int(16);
  p.updated_at = s.Int(17);
  p.version = static_cast<int>(s.Int(18));
  if (with_documents) {
    p.input_json = s.Text(19);
    p.plan_json = s.Text(20);
  }
  return p;
}

// A plan is visible when it covers the scope or lies inside it.
constexpr const char* kVisible =
    "(?1 = '' OR substr(?1, 1, length(scope_path)) = scope_path OR "
    "(scope_path >= ?1 AND scope_path < ?2))";

}  // namespace

Result<PlanRecord> SqlSession::InsertPlan(const PlanRecord& plan) {
  ANJIAN_TRY(RequireWrite());
  // Every bind refuses values past kMaxValueBytes; a plan says what to do about it.
  for (const auto* text : {&plan.plan_json, &plan.input_json}) {
    if (text->size() >= kMaxValueBytes) {
      return Error::Unprocessable(
          "计划数据 " + std::to_string(text->size() / (1024 * 1024)) +
          " MiB 超过数据库单个字段 1 GB 的上限：请按执法机关（区、街道）分别编制年度计划");
    }
  }
  ANJIAN_ASSIGN_OR_RETURN(
      auto stmt,
      db_.Prepare(
          "INSERT INTO plans(root_id, revision, year, scope_path, title, policy_name, status, "
          "seed, seed_commitment, committed_at, input_hash, input_json, plan_json, "
          "summary_json, adjustment_json, reapproval_due, created_by, created_at, "
          "updated_at, version) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,"
          "?16,?17,?18,?18,1)"));
  stmt.Bind(1, plan.root_id)
      .Bind(2, plan.revision)
      .Bind(3, plan.year)
      .Bind(4, plan.scope_path)
      .Bind(5, plan.title)
      .Bind(6, plan.policy_name)
      .Bind(7, planner::Code(plan.status))
      .Bind(8, plan.seed)
      .Bind(9, plan.seed_commitment)
      .Bind(10, plan.committed_at)
      .Bind(11, plan.input_hash)
      .Bind(12, plan.input_json)
      .Bind(13, plan.plan_json)
      .Bind(14, plan.summary_json)
      .Bind(15, plan.adjustment_json)
      .Bind(16, ToString(plan.reapproval_due))
      .Bind(17, plan.created_by)
      .Bind(18, plan.created_at);
  ANJIAN_TRY(db_.RunUnique(stmt, Error::Conflict("该计划的第 " + std::to_string(plan.revision) +
                                                 " 版已存在，请刷新后重试")));
  PlanRecord inserted = plan;
  ANJIAN_ASSIGN_OR_RETURN(inserted.id, db_.LastInsertId());
  inserted.version = 1;
  inserted.updated_at = plan.created_at;
  if (inserted.root_id == 0) {
    inserted.root_id = inserted.id;
    ANJIAN_ASSIGN_OR_RETURN(auto fix, db_.Prepare("UPDATE plans SET root_id = id WHERE id = ?"));
    fix.Bind(1, inserted.id);
    ANJIAN_TRY(fix.Run());
  }
  return inserted;
}

Result<PlanRecord> SqlSession::GetPlan(const Scope& scope, std::int64_t id) {
  ANJIAN_ASSIGN_OR_RETURN(
      auto stmt, db_.Prepare(std::string("SELECT ") + kListColumns +
                             ", input_json, plan_json FROM plans WHERE id = ?3 AND " + kVisible));
  stmt.Bind(1, scope.region_path).Bind(2, ScopeUpperBound(scope.region_path)).Bind(3, id);
  ANJIAN_ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row) return Error::NotFound("计划不存在（id " + std::to_string(id) + "）");
  return ReadPlan(stmt, true);
}

Result<std::vector<PlanRecord>> SqlSession::ListPlans(const Scope& scope, int year) {
  ANJIAN_ASSIGN_OR_RETURN(auto stmt, db_.Prepare(std::string("SELECT ") + kListColumns +
                                                 " FROM plans WHERE (?3 = 0 OR year = ?3) AND " +
                                                 kVisible + " ORDER BY id DESC"));
  stmt.Bind(1, scope.region_path).Bind(2, ScopeUpperBound(scope.region_path)).Bind(3, year);
  std::vector<PlanRecord> plans;
  for (;;) {
    ANJIAN_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) return plans;
    ANJIAN_ASSIGN_OR_RETURN(auto plan, ReadPlan(stmt, false));
    plans.push_back(std::move(plan));
  }
}

Result<PlanRecord> SqlSession::UpdatePlanStatus(std::int64_t id, int expected_version,
                                                planner::PlanStatus status,
                                                std::optional<CivilDate> reapproval_due,
                                                std::int64_t now) {
  ANJIAN_TRY(RequireWrite());
  ANJIAN_ASSIGN_OR_RETURN(auto stmt,
                          db_.Prepare("UPDATE plans SET status = ?1, reapproval_due = ?2, "
                                      "updated_at = ?3, version = version + 1 WHERE id = ?4 AND "
                                      "version = ?5"));
  stmt.Bind(1, planner::Code(status))
      .Bind(2, ToString(reapproval_due))
      .Bind(3, now)
      .Bind(4, id)
      .Bind(5, expected_version);
  ANJIAN_TRY(stmt.Run());
  if (db_.Changes() == 0) {
    auto current = GetPlan(Scope::All(), id);
    if (!current.ok()) return std::move(current).error();
    return Error::Conflict("计划已被他人修改（当前版本 " + std::to_string(current->version) +
                           "），请刷新后重试");
  }
  return GetPlan(Scope::All(), id);
}

// --- Items and input units (rows of their own, issue #13 item 4) ------------------------------

namespace {

// Rows per statement on PostgreSQL (a JSON array expanded by the server: one round trip for a
// batch, where a statement per row would make a province's four million items take minutes) and
// per read on both engines.
constexpr int kPlanRowBatch = 5000;

Status DuplicateAsConflict(Status status, std::int64_t plan_id, const char* what) {
  if (!status.ok() && status.error().code == ErrorCode::kAlreadyExists) {
    return Error::Conflict("计划 " + std::to_string(plan_id) + " 的" + what + "重复");
  }
  return status;
}

}  // namespace

Status SqlSession::InsertPlanItems(std::int64_t plan_id, const std::vector<PlanItemRow>& items) {
  ANJIAN_TRY(RequireWrite());
  if (items.empty()) return Ok();
  if (IsPostgres()) {
    // One object per item, expanded by json_to_recordset (the text parsed once; the body is a
    // json field, whose text the json type keeps as written).
    ANJIAN_ASSIGN_OR_RETURN(
        auto stmt,
        db_.Prepare("INSERT INTO plan_items(plan_id, seq, item_key, unit_credit_code, "
                    "scheduled_on, slot, kind, rule, body_json) SELECT ?1, t.s, t.k, t.c, t.d, "
                    "t.h, t.n, t.r, t.b::text FROM json_to_recordset(?2::json) AS t(s bigint, k "
                    "text, c text, d text, h bigint, n text, r text, b json)"));
    std::string batch;
    for (std::size_t start = 0; start < items.size(); start += kPlanRowBatch) {
      const auto end = std::min(items.size(), start + kPlanRowBatch);
      batch.assign("[");
      for (auto i = start; i < end; ++i) {
        const auto& item = items[i];
        if (i > start) batch += ',';
        batch += "{\"s\":" + std::to_string(item.seq) + ",\"k\":";
        AppendJsonString(batch, item.key);
        batch += ",\"c\":";
        AppendJsonString(batch, item.unit_credit_code);
        batch += ",\"d\":\"" + item.date.ToString() + "\",\"h\":" + std::to_string(item.slot) +
                 ",\"n\":";
        AppendJsonString(batch, planner::Code(item.kind));
        batch += ",\"r\":";
        AppendJsonString(batch, item.rule);
        batch += ",\"b\":";
        batch += item.body_json;
        batch += '}';
      }
      batch += ']';
      stmt.Reset();
      stmt.Bind(1, plan_id).Bind(2, batch);
      ANJIAN_TRY(DuplicateAsConflict(stmt.Run(), plan_id, "计划条目"));
    }
    return Ok();
  }
  ANJIAN_ASSIGN_OR_RETURN(
      auto stmt, db_.Prepare("INSERT INTO plan_items(plan_id, seq, item_key, unit_credit_code, "
                             "scheduled_on, slot, kind, rule, body_json) VALUES "
                             "(?1,?2,?3,?4,?5,?6,?7,?8,?9)"));
  for (const auto& item : items) {
    stmt.Reset();
    stmt.Bind(1, plan_id)
        .Bind(2, item.seq)
        .Bind(3, item.key)
        .Bind(4, item.unit_credit_code)
        .Bind(5, item.date.ToString())
        .Bind(6, item.slot)
        .Bind(7, planner::Code(item.kind))
        .Bind(8, item.rule)
        .Bind(9, item.body_json);
    ANJIAN_TRY(DuplicateAsConflict(stmt.Run(), plan_id, "计划条目"));
  }
  return Ok();
}

Status SqlSession::ForEachPlanItem(std::int64_t plan_id, const PlanItemFilter& filter,
                                   const std::function<Status(const PlanItemRow&)>& visit) {
  ANJIAN_ASSIGN_OR_RETURN(
      auto stmt,
      db_.Prepare("SELECT seq, item_key, unit_credit_code, scheduled_on, slot, kind, rule, "
                  "body_json FROM plan_items WHERE plan_id = ?1 AND seq > ?2 AND (?3 = '' OR "
                  "scheduled_on >= ?3) AND (?4 = '' OR scheduled_on <= ?4) ORDER BY seq LIMIT ?5"));
  const std::string from = ToString(filter.from);
  const std::string to = ToString(filter.to);
  std::int64_t last_seq = 0;
  for (;;) {
    // One batch is read whole before it is visited: a visitor may use the session itself.
    stmt.Reset();
    stmt.Bind(1, plan_id).Bind(2, last_seq).Bind(3, from).Bind(4, to).Bind(5, kPlanRowBatch);
    std::vector<PlanItemRow> rows;
    for (;;) {
      ANJIAN_ASSIGN_OR_RETURN(bool row, stmt.Step());
      if (!row) break;
      PlanItemRow item;
      item.seq = static_cast<int>(stmt.Int(0));
      item.key = stmt.Text(1);
      item.unit_credit_code = stmt.Text(2);
      const auto unreadable = [&](const std::string& what) {
        return Error::Internal("计划 " + std::to_string(plan_id) + " 第 " +
                               std::to_string(item.seq) + " 项的存储数据无法读取：" + what);
      };
      auto day = CivilDate::Parse(stmt.Text(3));
      if (!day.ok()) return unreadable("日期 '" + stmt.Text(3) + "'");
      item.date = *day;
      item.slot = static_cast<int>(stmt.Int(4));
      auto kind = planner::ParseItemKind(stmt.Text(5));
      if (!kind.ok()) return unreadable("类型 '" + stmt.Text(5) + "'");
      item.kind = *kind;
      item.rule = stmt.Text(6);
      item.body_json = stmt.Text(7);
      rows.push_back(std::move(item));
    }
    stmt.Reset();
    for (const auto& item : rows) ANJIAN_TRY(visit(item));
    if (rows.size() < static_cast<std::size_t>(kPlanRowBatch)) return Ok();
    last_seq = rows.back().seq;
  }
}

Status SqlSession::InsertPlanInputChunks(std::int64_t plan_id, std::int64_t first_ordinal,
                                         const std::vector<std::string>& chunks) {
  ANJIAN_TRY(RequireWrite());
  // A chunk holds a thousand units: a statement per chunk is cheap on either engine.
  ANJIAN_ASSIGN_OR_RETURN(auto stmt, db_.Prepare("INSERT INTO plan_input_chunks(plan_id, ordinal, "
                                                 "units_json) VALUES (?1, ?2, ?3)"));
  for (std::size_t i = 0; i < chunks.size(); ++i) {
    stmt.Reset();
    stmt.Bind(1, plan_id).Bind(2, first_ordinal + static_cast<std::int64_t>(i)).Bind(3, chunks[i]);
    ANJIAN_TRY(DuplicateAsConflict(stmt.Run(), plan_id, "输入快照分块序号"));
  }
  return Ok();
}

Status SqlSession::ForEachPlanInputChunk(std::int64_t plan_id,
                                         const std::function<Status(const std::string&)>& visit) {
  ANJIAN_ASSIGN_OR_RETURN(auto stmt,
                          db_.Prepare("SELECT ordinal, units_json FROM plan_input_chunks WHERE "
                                      "plan_id = ?1 AND ordinal > ?2 ORDER BY ordinal LIMIT 1"));
  std::int64_t last = 0;  // ordinals start at 1
  for (;;) {
    // One chunk at a time: a chunk may be a whole legacy plan's unit list.
    stmt.Reset();
    stmt.Bind(1, plan_id).Bind(2, last);
    ANJIAN_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) return Ok();
    last = stmt.Int(0);
    const std::string chunk = stmt.Text(1);
    stmt.Reset();
    ANJIAN_TRY(visit(chunk));
  }
}

Status SqlSession::AppendPlanEvent(const PlanEvent& e) {
  ANJIAN_TRY(RequireWrite());
  ANJIAN_ASSIGN_OR_RETURN(auto stmt,
                          db_.Prepare("INSERT INTO plan_events(plan_id, at, user_id, action, "
                                      "from_status, to_status, note) VALUES (?,?,?,?,?,?,?)"));
  stmt.Bind(1, e.plan_id)
      .Bind(2, e.at)
      .Bind(3, e.user_id)
      .Bind(4, e.action)
      .Bind(5, e.from_status)
      .Bind(6, e.to_status)
      .Bind(7, e.note);
  return stmt.Run();
}

Result<std::vector<PlanEvent>> SqlSession::ListPlanEvents(std::int64_t plan_id) {
  ANJIAN_ASSIGN_OR_RETURN(
      auto stmt, db_.Prepare("SELECT plan_id, at, user_id, action, from_status, to_status, "
                             "note FROM plan_events WHERE plan_id = ? ORDER BY id"));
  stmt.Bind(1, plan_id);
  std::vector<PlanEvent> events;
  for (;;) {
    ANJIAN_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) return events;
    events.push_back({stmt.Int(0), stmt.Int(1), stmt.Int(2), stmt.Text(3), stmt.Text(4),
                      stmt.Text(5), stmt.Text(6)});
  }
}

Result<SeedCommitment> SqlSession::InsertSeedCommitment(const SeedCommitment& c) {
  ANJIAN_TRY(RequireWrite());
  ANJIAN_ASSIGN_OR_RETURN(
      auto stmt, db_.Prepare("INSERT INTO seed_commitments(year, scope_path, commitment, "
                             "committed_at, committed_by, plan_id) VALUES (?,?,?,?,?,NULL)"));
  stmt.Bind(1, c.year)
      .Bind(2, c.scope_path)
      .Bind(3, c.commitment)
      .Bind(4, c.committed_at)
      .Bind(5, c.committed_by);
  ANJIAN_TRY(stmt.Run());
  SeedCommitment inserted = c;
  ANJIAN_ASSIGN_OR_RETURN(inserted.id, db_.LastInsertId());
  inserted.plan_id = 0;
  return inserted;
}

Result<SeedCommitment> SqlSession::GetSeedCommitment(std::int64_t id) {
  ANJIAN_ASSIGN_OR_RETURN(auto stmt,
                          db_.Prepare("SELECT id, year, scope_path, commitment, committed_at, "
                                      "committed_by, coalesce(plan_id, 0) FROM seed_commitments "
                                      "WHERE id = ?"));
  stmt.Bind(1, id);
  ANJIAN_ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row) return Error::NotFound("种子承诺不存在（id " + std::to_string(id) + "）");
  return SeedCommitment{stmt.Int(0),  static_cast<int>(stmt.Int(1)),
                        stmt.Text(2), stmt.Text(3),
                        stmt.Int(4),  stmt.Int(5),
                        stmt.Int(6)};
}

Status SqlSession::MarkSeedCommitmentUsed(std::int64_t id, std::int64_t plan_id) {
  ANJIAN_TRY(RequireWrite());
  ANJIAN_ASSIGN_OR_RETURN(auto stmt, db_.Prepare("UPDATE seed_commitments SET plan_id = ?1 "
                                                 "WHERE id = ?2 AND plan_id IS NULL"));
  stmt.Bind(1, plan_id).Bind(2, id);
  ANJIAN_TRY(stmt.Run());
  if (db_.Changes() == 0) return Error::Conflict("该种子承诺已被使用，请重新承诺新的种子");
  return Ok();
}

}  // namespace anjian::store::sql

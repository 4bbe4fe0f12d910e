// Hazards, their transitions and document serial counters in SQLite.
#include "common/text.hpp"
#include "store/sql/paged_query.hpp"
#include "store/sql/sql_session.hpp"

namespace anjian::store::sql {
namespace {

// Unit names are looked up for the rows of the page only.
constexpr const char* kHazardTable = "hazards h";
constexpr const char* kHazardColumns =
    "h.id, h.unit_id, (SELECT name FROM units WHERE id = h.unit_id), h.region_path, h.grade, "
    "h.state, h.description, h.legal_basis, h.found_on, "
    "h.deadline, h.review_round, h.supervision_level, h.supervising_leader, "
    "h.reported_to_superior, "
    "h.signatures, h.accepted, h.created_by, h.created_at, h.updated_at, h.version, "
    "COALESCE(h.task_id, 0), "
    "COALESCE(h.record_id, 0), h.overdue_since, h.escalated";
constexpr const char* kHazardOrder = "h.deadline, h.id";

// What a stored hazard value means, or kInternal naming the hazard and the value: a state, grade,
// signature or date this version cannot read is never turned into a default.
Error Unreadable(std::int64_t id, const Error& error) {
  return Error::Internal("隐患 " + std::to_string(id) + " 的存储数据无法读取：" + error.message);
}

Result<std::optional<CivilDate>> OptionalStoredDate(const std::string& text, const char* what) {
  if (text.empty()) return std::optional<CivilDate>();
  auto date = CivilDate::Parse(text);
  if (!date.ok()) return Error::Internal(std::string(what) + "日期无效：'" + text + "'");
  return std::optional<CivilDate>(*date);
}

std::string SignaturesText(const std::set<domain::HazardSignature>& signatures) {
  std::string out;
  for (auto s : signatures) {
    if (!out.empty()) out += ',';
    out += domain::Code(s);
  }
  return out;
}

Result<std::set<domain::HazardSignature>> StoredSignatures(const std::string& text) {
  std::set<domain::HazardSignature> out;
  for (const auto& code : SplitAny(text, {","})) {
    ANJIAN_ASSIGN_OR_RETURN(auto s,
                            domain::FromStoredCode(domain::HazardSignatures(), code, "签字"));
    out.insert(s);
  }
  return out;
}

std::string EvidenceText(const std::vector<std::string>& evidence) {
  std::string out;
  for (const auto& sha : evidence) {
    if (!out.empty()) out += ',';
    out += sha;
  }
  return out;
}

Result<HazardRecord> ReadHazardColumns(const Statement& s, HazardRecord& h) {
  h.unit_id = UnitId(s.Int(1));
  h.unit_name = s.Text(2);
  h.region_path = s.Text(3);
  ANJIAN_ASSIGN_OR_RETURN(h.grade,
                          domain::FromStoredCode(domain::HazardGrades(), s.Text(4), "隐患等级"));
  ANJIAN_ASSIGN_OR_RETURN(h.state,
                          domain::FromStoredCode(domain::HazardStates(), s.Text(5), "隐患状态"));
  h.description = s.Text(6);
  h.legal_basis = s.Text(7);
  ANJIAN_ASSIGN_OR_RETURN(auto found_on, OptionalStoredDate(s.Text(8), "发现"));
  if (!found_on) return Error::Internal("发现日期为空");
  h.found_on = *found_on;
  ANJIAN_ASSIGN_OR_RETURN(h.deadline, OptionalStoredDate(s.Text(9), "整改期限"));
  h.review_round = static_cast<int>(s.Int(10));
  h.supervision_level = s.Text(11);
  h.supervising_leader = s.Text(12);
  h.reported_to_superior = s.Int(13) != 0;
  ANJIAN_ASSIGN_OR_RETURN(h.signatures, StoredSignatures(s.Text(14)));
  h.accepted = s.Int(15) != 0;
  h.created_by = s.Int(16);
  h.created_at = s.Int(17);
  h.updated_at = s.Int(18);
  h.version = static_cast<int>(s.Int(19));
  h.task_id = s.Int(20);
  h.record_id = s.Int(21);
  ANJIAN_ASSIGN_OR_RETURN(h.overdue_since, OptionalStoredDate(s.Text(22), "逾期"));
  h.escalated = s.Int(23) != 0;
  return h;
}

Result<HazardRecord> ReadHazard(const Statement& s) {
  HazardRecord h;
  h.id = HazardId(s.Int(0));
  auto read = ReadHazardColumns(s, h);
  if (!read.ok()) return Unreadable(h.id.value, read.error());
  return read;
}

WhereClause HazardWhere(const Scope& scope, const HazardQuery& q, bool with_state, bool postgres) {
  WhereClause where;
  if (!scope.region_path.empty()) {
    where.Add("h.region_path >= ? AND h.region_path < ?",
              {scope.region_path, ScopeUpperBound(scope.region_path)});
  }
  if (with_state && q.state) where.Add("h.state = ?", {std::string(domain::Code(*q.state))});
  if (q.grade) where.Add("h.grade = ?", {std::string(domain::Code(*q.grade))});
  if (q.unit) where.Add("h.unit_id = ?", {std::to_string(q.unit->value)});
  if (q.deadline_before) {
    where.Add("h.state = 'rectifying' AND h.deadline <> '' AND h.deadline < ?",
              {q.deadline_before->ToString()});
  }
  if (q.deadline_by) {
    where.Add("h.state = 'rectifying' AND h.deadline <> '' AND h.deadline <= ?",
              {q.deadline_by->ToString()});
  }
  if (q.deadline_from) {
    where.Add("h.deadline <> '' AND h.deadline >= ?", {q.deadline_from->ToString()});
  }
  if (const auto text = Trim(q.text); !text.empty()) {
    const std::string t(text);
    if (postgres) {
      // pg_trgm GIN indexes on the description and the unit name answer the LIKE.
      std::string pattern = "%";
      pattern.append(EscapeLike(t)).append("%");
      where.Add(
          "(h.description LIKE ? ESCAPE '\\' OR h.unit_id IN (SELECT id FROM units WHERE name LIKE "
          "? ESCAPE "
          "'\\'))",
          {pattern, pattern});
    } else if (Utf8Length(t) >= 3) {
      // The trigram index answers substrings of three characters or more; the text is one
      // quoted phrase so FTS syntax in it is taken literally.
      std::string phrase = "\"";
      for (char c : t) phrase += c == '"' ? std::string("\"\"") : std::string(1, c);
      phrase += "\"";
      where.Add("h.id IN (SELECT rowid FROM hazard_search WHERE hazard_search MATCH ?)", {phrase});
    } else {
      where.Add(
          "(instr(h.description, ?) > 0 OR h.unit_id IN (SELECT id FROM units WHERE instr(name, ?) "
          "> 0))",
          {t, t});
    }
  }
  return where;
}

// Whether the query only narrows by jurisdiction, state and grade: then hazard_counts answers it.
bool CountableFromSummary(const HazardQuery& q) {
  return !q.unit && !q.deadline_before && !q.deadline_by && !q.deadline_from &&
         Trim(q.text).empty();
}

// (state code, count) rows as typed counts; an unknown state is an error like any stored value.
Result<std::vector<std::pair<domain::HazardState, std::int64_t>>> StateCounts(Statement& stmt) {
  std::vector<std::pair<domain::HazardState, std::int64_t>> counts;
  for (;;) {
    ANJIAN_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) return counts;
    ANJIAN_ASSIGN_OR_RETURN(
        auto state, domain::FromStoredCode(domain::HazardStates(), stmt.Text(0), "隐患状态"));
    counts.emplace_back(state, stmt.Int(1));
  }
}

}  // namespace

Result<HazardRecord> SqlSession::InsertHazard(const HazardRecord& hazard) {
  ANJIAN_TRY(RequireWrite());
  ANJIAN_ASSIGN_OR_RETURN(auto unit_path,
                          db_.Prepare("SELECT region_path, name FROM units WHERE id = ?"));
  unit_path.Bind(1, hazard.unit_id.value);
  ANJIAN_ASSIGN_OR_RETURN(bool found, unit_path.Step());
  if (!found)
    return Error::InvalidArgument("单位不存在（id " + std::to_string(hazard.unit_id.value) + "）",
                                  "unit_id");
  HazardRecord inserted = hazard;
  inserted.region_path = unit_path.Text(0);
  inserted.unit_name = unit_path.Text(1);
  unit_path.Reset();
  ANJIAN_ASSIGN_OR_RETURN(
      auto stmt,
      db_.Prepare(
          "INSERT INTO hazards(unit_id, region_path, grade, state, description, legal_basis, "
          "found_on, "
          "deadline, review_round, supervision_level, supervising_leader, reported_to_superior, "
          "signatures, accepted, created_by, created_at, updated_at, version, task_id, record_id) "
          "VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?16,1,?17,?18)"));
  stmt.Bind(1, inserted.unit_id.value)
      .Bind(2, inserted.region_path)
      .Bind(3, std::string(domain::Code(inserted.grade)))
      .Bind(4, std::string(domain::Code(inserted.state)))
      .Bind(5, inserted.description)
      .Bind(6, inserted.legal_basis)
      .Bind(7, inserted.found_on.ToString())
      .Bind(8, ToString(inserted.deadline))
      .Bind(9, inserted.review_round)
      .Bind(10, inserted.supervision_level)
      .Bind(11, inserted.supervising_leader)
      .Bind(12, inserted.reported_to_superior)
      .Bind(13, SignaturesText(inserted.signatures))
      .Bind(14, inserted.accepted)
      .Bind(15, inserted.created_by)
      .Bind(16, inserted.created_at)
      .Bind(17, inserted.task_id ? std::optional<std::int64_t>(inserted.task_id) : std::nullopt)
      .Bind(18,
            inserted.record_id ? std::optional<std::int64_t>(inserted.record_id) : std::nullopt);
  ANJIAN_TRY(stmt.Run());
  ANJIAN_ASSIGN_OR_RETURN(auto id, db_.LastInsertId());
  inserted.id = HazardId(id);
  inserted.version = 1;
  inserted.updated_at = inserted.created_at;
  return inserted;
}

Result<HazardRecord> SqlSession::GetHazard(const Scope& scope, HazardId id) {
  ANJIAN_ASSIGN_OR_RETURN(
      auto stmt, db_.Prepare(std::string("SELECT ") + kHazardColumns + " FROM " + kHazardTable +
                             " WHERE h.id = ?3 AND (?1 = '' OR (h.region_path >= ?1 AND "
                             "h.region_path < ?2))"));
  stmt.Bind(1, scope.region_path).Bind(2, ScopeUpperBound(scope.region_path)).Bind(3, id.value);
  ANJIAN_ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row) return Error::NotFound("隐患不存在（id " + std::to_string(id.value) + "）");
  return ReadHazard(stmt);
}

Result<HazardRecord> SqlSession::UpdateHazard(const HazardRecord& h) {
  ANJIAN_TRY(RequireWrite());
  ANJIAN_ASSIGN_OR_RETURN(
      auto stmt,
      db_.Prepare(
          "UPDATE hazards SET state = ?1, deadline = ?2, review_round = ?3, supervision_level = "
          "?4, "
          "supervising_leader = ?5, reported_to_superior = ?6, signatures = ?7, accepted = ?8, "
          "description = ?9, legal_basis = ?10, updated_at = ?11, version = version + 1 "
          "WHERE id = ?12 AND version = ?13"));
  stmt.Bind(1, std::string(domain::Code(h.state)))
      .Bind(2, ToString(h.deadline))
      .Bind(3, h.review_round)
      .Bind(4, h.supervision_level)
      .Bind(5, h.supervising_leader)
      .Bind(6, h.reported_to_superior)
      .Bind(7, SignaturesText(h.signatures))
      .Bind(8, h.accepted)
      .Bind(9, h.description)
      .Bind(10, h.legal_basis)
      .Bind(11, h.updated_at)
      .Bind(12, h.id.value)
      .Bind(13, h.version);
  ANJIAN_TRY(stmt.Run());
  if (db_.Changes() == 0) {
    ANJIAN_ASSIGN_OR_RETURN(auto current, GetHazard(Scope::All(), h.id));
    return Error::Conflict("隐患已被他人修改（当前版本 " + std::to_string(current.version) +
                           "），请刷新后重试");
  }
  return GetHazard(Scope::All(), h.id);
}

Result<PageResult<HazardRecord>> SqlSession::ListHazards(const Scope& scope, const HazardQuery& q) {
  std::optional<std::int64_t> total;
  if (CountableFromSummary(q)) {
    ANJIAN_ASSIGN_OR_RETURN(auto counts, CountHazardsByState(scope, q));
    total = 0;
    for (const auto& [state, n] : counts) {
      if (!q.state || *q.state == state) *total += n;
    }
  }
  // Without a state, SQLite would scan the jurisdiction's whole index range and sort it (seconds at
  // millions of rows); walking the deadline index stops after one page (hazard_ledger_bench).
  const char* table = total && !q.state && !IsPostgres()
                          ? "hazards h INDEXED BY hazards_by_deadline"
                          : kHazardTable;
  return RunPagedQuery<HazardRecord>(db_, table, kHazardColumns,
                                     HazardWhere(scope, q, true, IsPostgres()), q.page, ReadHazard,
                                     kHazardOrder, total);
}

Result<std::vector<std::pair<domain::HazardState, std::int64_t>>> SqlSession::CountHazardsByState(
    const Scope& scope, const HazardQuery& q) {
  if (CountableFromSummary(q)) {
    ANJIAN_ASSIGN_OR_RETURN(
        auto stmt,
        db_.Prepare("SELECT state, SUM(n) FROM hazard_counts WHERE (?1 = '' OR (region_path >= ?1 "
                    "AND region_path < ?2)) AND (?3 = '' OR grade = ?3) GROUP BY state "
                    "HAVING SUM(n) > 0 ORDER BY state"));
    stmt.Bind(1, scope.region_path)
        .Bind(2, ScopeUpperBound(scope.region_path))
        .Bind(3, q.grade ? std::string(domain::Code(*q.grade)) : std::string());
    return StateCounts(stmt);
  }
  const auto where = HazardWhere(scope, q, false, IsPostgres());
  ANJIAN_ASSIGN_OR_RETURN(auto stmt,
                          db_.Prepare(std::string("SELECT h.state, COUNT(*) FROM ") + kHazardTable +
                                      where.sql + " GROUP BY h.state ORDER BY h.state"));
  for (std::size_t i = 0; i < where.binds.size(); ++i)
    stmt.Bind(static_cast<int>(i + 1), where.binds[i]);
  return StateCounts(stmt);
}

Status SqlSession::AppendHazardTransition(const HazardTransitionRecord& t) {
  ANJIAN_TRY(RequireWrite());
  ANJIAN_ASSIGN_OR_RETURN(
      auto stmt, db_.Prepare("INSERT INTO hazard_transitions(hazard_id, at, user_id, action, "
                             "from_state, to_state, note, evidence) VALUES (?,?,?,?,?,?,?,?)"));
  stmt.Bind(1, t.hazard_id.value)
      .Bind(2, t.at)
      .Bind(3, t.user_id)
      .Bind(4, t.action)
      .Bind(5, t.from_state ? std::string(domain::Code(*t.from_state)) : std::string())
      .Bind(6, std::string(domain::Code(t.to_state)))
      .Bind(7, t.note)
      .Bind(8, EvidenceText(t.evidence));
  return stmt.Run();
}

Result<std::vector<HazardTransitionRecord>> SqlSession::ListHazardTransitions(HazardId hazard_id) {
  ANJIAN_ASSIGN_OR_RETURN(
      auto stmt,
      db_.Prepare("SELECT hazard_id, at, user_id, action, from_state, to_state, note, evidence "
                  "FROM hazard_transitions WHERE hazard_id = ? ORDER BY id"));
  stmt.Bind(1, hazard_id.value);
  std::vector<HazardTransitionRecord> out;
  for (;;) {
    ANJIAN_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) return out;
    HazardTransitionRecord t;
    t.hazard_id = HazardId(stmt.Int(0));
    t.at = stmt.Int(1);
    t.user_id = stmt.Int(2);
    t.action = stmt.Text(3);
    if (const auto from = stmt.Text(4); !from.empty()) {
      auto state = domain::FromStoredCode(domain::HazardStates(), from, "隐患状态");
      if (!state.ok()) return Unreadable(hazard_id.value, state.error());
      t.from_state = *state;
    }
    auto to = domain::FromStoredCode(domain::HazardStates(), stmt.Text(5), "隐患状态");
    if (!to.ok()) return Unreadable(hazard_id.value, to.error());
    t.to_state = *to;
    t.note = stmt.Text(6);
    for (auto& sha : SplitAny(stmt.Text(7), {","})) t.evidence.push_back(std::move(sha));
    out.push_back(std::move(t));
  }
}

Result<int> SqlSession::NextDocumentSerial(const std::string& scope_path,
                                           const std::string& doc_type, int year) {
  ANJIAN_TRY(RequireWrite());
  ANJIAN_ASSIGN_OR_RETURN(auto stmt,
                          db_.Prepare("INSERT INTO document_counters(scope_path, doc_type, year, "
                                      "last_serial) VALUES (?1, ?2, ?3, 1) "
                                      "ON CONFLICT(scope_path, doc_type, year) DO UPDATE SET "
                                      "last_serial = document_counters.last_serial + 1 "
                                      "RETURNING last_serial"));
  stmt.Bind(1, scope_path).Bind(2, doc_type).Bind(3, year);
  ANJIAN_ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row) return Error::Internal("文书编号分配失败");
  const int serial = static_cast<int>(stmt.Int(0));
  stmt.Reset();
  return serial;
}

Result<bool> SqlSession::MarkHazardOverdue(HazardId id, CivilDate since, bool escalated) {
  ANJIAN_TRY(RequireWrite());
  ANJIAN_ASSIGN_OR_RETURN(
      auto stmt, db_.Prepare("UPDATE hazards SET overdue_since = ?1, escalated = ?2 WHERE id = ?3 "
                             "AND overdue_since = ''"));
  stmt.Bind(1, since.ToString()).Bind(2, escalated).Bind(3, id.value);
  ANJIAN_TRY(stmt.Run());
  return db_.Changes() == 1;
}

}  // namespace anjian::store::sql

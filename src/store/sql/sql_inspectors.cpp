// Inspector rows of SqlSession. Recusal codes are stored ";"-joined.
#include <algorithm>

#include "common/text.hpp"
#include "store/sql/paged_query.hpp"
#include "store/sql/sql_session.hpp"

namespace anjian::store::sql {
namespace {

constexpr const char* kInspectorColumns =
    "id, name, employee_no, department, role, certificate_no, certificate_valid_until, "
    "jurisdiction_id, recusal_codes, phone, active, version, created_at, updated_at, leave_days";

domain::Inspector ReadInspector(const Statement& s) {
  domain::Inspector i;
  i.id = InspectorId(s.Int(0));
  i.name = s.Text(1);
  i.employee_no = s.Text(2);
  i.department = s.Text(3);
  i.role = domain::ParseInspectorRole(s.Text(4)).value();
  i.certificate_no = s.Text(5);
  if (!s.IsNull(6)) {
    auto date = CivilDate::Parse(s.Text(6));
    if (date.ok()) i.certificate_valid_until = *date;
  }
  i.jurisdiction_id = RegionId(s.Int(7));
  i.recusal_codes = SplitAny(s.Text(8), {";"});
  i.phone = s.Text(9);
  i.active = s.Int(10) != 0;
  i.version = static_cast<int>(s.Int(11));
  i.created_at = s.Int(12);
  i.updated_at = s.Int(13);
  i.leave_days = static_cast<int>(s.Int(14));
  return i;
}

std::string JoinCodes(const std::vector<std::string>& codes) {
  std::string out;
  for (const auto& c : codes) {
    if (!out.empty()) out += ';';
    out += c;
  }
  return out;
}

void BindInspectorFields(Statement& s, const domain::Inspector& i, const std::string& path) {
  s.Bind(1, i.name)
      .Bind(2, i.employee_no)
      .Bind(3, i.department)
      .Bind(4, domain::Code(i.role))
      .Bind(5, i.certificate_no)
      .Bind(6, i.certificate_valid_until
                   ? std::optional<std::string>(i.certificate_valid_until->ToString())
                   : std::optional<std::string>())
      .Bind(7, i.jurisdiction_id.value)
      .Bind(8, path)
      .Bind(9, JoinCodes(i.recusal_codes))
      .Bind(10, i.phone)
      .Bind(11, i.active)
      .Bind(15, i.leave_days);
}

}  // namespace

Result<PageResult<domain::Inspector>> SqlSession::ListInspectors(const Scope& scope,
                                                                 const InspectorQuery& q) {
  WhereClause where;
  if (!scope.region_path.empty()) {
    where.Add("region_path >= ? AND region_path < ?",
              {scope.region_path, ScopeUpperBound(scope.region_path)});
  }
  if (q.region) {
    ANJIAN_ASSIGN_OR_RETURN(std::string path, RegionPathOf(*q.region, "区划"));
    where.Add("region_path >= ? AND region_path < ?", {path, ScopeUpperBound(path)});
  }
  if (const auto text = Trim(q.text); !text.empty()) {
    const std::string t(text);
    where.Add(
        "(instr(name, ?) > 0 OR instr(employee_no, ?) > 0 OR instr(certificate_no, ?) > 0 "
        "OR instr(department, ?) > 0)",
        {t, t, t, t});
  }
  if (q.role) where.Add("role = ?", {std::string(domain::Code(*q.role))});
  return RunPagedQuery<domain::Inspector>(db_, "inspectors", kInspectorColumns, where, q.page,
                                          ReadInspector);
}

Result<domain::Inspector> SqlSession::GetInspector(const Scope& scope, InspectorId id) {
  ANJIAN_ASSIGN_OR_RETURN(
      auto stmt, db_.Prepare(std::string("SELECT ") + kInspectorColumns +
                             " FROM inspectors WHERE id = ?3 AND (?1 = '' OR (region_path >= ?1 "
                             "AND region_path < ?2))"));
  stmt.Bind(1, scope.region_path).Bind(2, ScopeUpperBound(scope.region_path)).Bind(3, id.value);
  ANJIAN_ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row) return Error::NotFound("人员不存在（id " + std::to_string(id.value) + "）");
  return ReadInspector(stmt);
}

Status SqlSession::ForEachInspector(const Scope& scope,
                                    const std::function<void(const domain::Inspector&)>& visit) {
  ANJIAN_ASSIGN_OR_RETURN(auto stmt,
                          db_.Prepare(std::string("SELECT ") + kInspectorColumns +
                                      " FROM inspectors WHERE (?1 = '' OR (region_path >= ?1 AND "
                                      "region_path < ?2)) AND id > ?3 ORDER BY id LIMIT ?4"));
  return ForEachBatch(stmt, scope, [&](const Statement& row) {
    visit(ReadInspector(row));
    return row.Int(0);
  });
}

Result<std::vector<std::string>> SqlSession::ExistingEmployeeNumbers(
    const std::vector<std::string>& employee_numbers) {
  ANJIAN_ASSIGN_OR_RETURN(auto stmt, db_.Prepare("SELECT 1 FROM inspectors WHERE employee_no = ?"));
  std::vector<std::string> existing;
  for (const auto& number : employee_numbers) {
    stmt.Bind(1, number);
    ANJIAN_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (row) existing.push_back(number);
    stmt.Reset();
  }
  return existing;
}

Result<domain::Inspector> SqlSession::InsertInspector(const domain::Inspector& inspector,
                                                      std::int64_t now) {
  ANJIAN_TRY(RequireWrite());
  ANJIAN_ASSIGN_OR_RETURN(std::string path, RegionPathOf(inspector.jurisdiction_id, "所属区划"));
  ANJIAN_ASSIGN_OR_RETURN(
      auto stmt,
      db_.Prepare("INSERT INTO inspectors(name, employee_no, department, role, certificate_no, "
                  "certificate_valid_until, jurisdiction_id, region_path, recusal_codes, phone, "
                  "active, leave_days, version, created_at, updated_at) VALUES "
                  "(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?15,1,?12,?12) "
                  "ON CONFLICT DO NOTHING"));
  BindInspectorFields(stmt, inspector, path);
  stmt.Bind(12, now);
  ANJIAN_TRY(stmt.Run());  // a duplicate inserts nothing (no savepoint per imported row)
  if (db_.Changes() == 0)
    return Error::AlreadyExists("工号 " + inspector.employee_no + " 已存在", "employee_no");
  domain::Inspector inserted = inspector;
  ANJIAN_ASSIGN_OR_RETURN(auto new_id, db_.LastInsertId());
  inserted.id = InspectorId(new_id);
  inserted.version = 1;
  inserted.created_at = inserted.updated_at = now;
  return inserted;
}

Result<domain::Inspector> SqlSession::UpdateInspector(const domain::Inspector& inspector,
                                                      std::int64_t now) {
  ANJIAN_TRY(RequireWrite());
  ANJIAN_ASSIGN_OR_RETURN(std::string path, RegionPathOf(inspector.jurisdiction_id, "所属区划"));
  ANJIAN_ASSIGN_OR_RETURN(
      auto stmt,
      db_.Prepare("UPDATE inspectors SET name=?1, employee_no=?2, department=?3, role=?4, "
                  "certificate_no=?5, certificate_valid_until=?6, jurisdiction_id=?7, "
                  "region_path=?8, recusal_codes=?9, phone=?10, active=?11, leave_days=?15, "
                  "version=version+1, "
                  "updated_at=?12 WHERE id=?13 AND version=?14"));
  BindInspectorFields(stmt, inspector, path);
  stmt.Bind(12, now).Bind(13, inspector.id.value).Bind(14, inspector.version);
  ANJIAN_TRY(db_.RunUnique(
      stmt, Error::AlreadyExists("工号 " + inspector.employee_no + " 已存在", "employee_no")));
  if (db_.Changes() == 0) {
    ANJIAN_ASSIGN_OR_RETURN(auto current, GetInspector(Scope::All(), inspector.id));
    return Error::Conflict("该人员信息已被他人修改（当前版本 " + std::to_string(current.version) +
                           "），请刷新后重试");
  }
  return GetInspector(Scope::All(), inspector.id);
}

Status SqlSession::DeleteInspector(InspectorId id, int expected_version) {
  ANJIAN_TRY(RequireWrite());
  ANJIAN_ASSIGN_OR_RETURN(auto current, GetInspector(Scope::All(), id));
  if (current.version != expected_version) {
    return Error::Conflict("该人员信息已被他人修改，请刷新后重试");
  }
  ANJIAN_ASSIGN_OR_RETURN(auto stmt, db_.Prepare("DELETE FROM inspectors WHERE id = ?"));
  return stmt.Bind(1, id.value).Run();
}

}  // namespace anjian::store::sql

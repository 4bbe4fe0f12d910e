// Unit rows of SqlSession. Categories are stored as ",code,code," so a category filter is
// a LIKE on a delimited token.
#include <algorithm>

#include "common/text.hpp"
#include "store/sql/paged_query.hpp"
#include "store/sql/sql_session.hpp"

namespace anjian::store::sql {
namespace {

constexpr const char* kUnitColumns =
    "id, credit_code, credit_code_override, credit_code_override_reason, name, address, "
    "community_id, grid_id, categories, industry_section, level, risk, accident_last_year, "
    "major_hazard_source, employees, supervising_department, safety_manager, contact_phone, "
    "status, is_key, version, created_at, updated_at";

std::string EncodeCategories(const std::vector<domain::SupervisionCategory>& categories) {
  std::string out = ",";
  for (auto c : categories) {
    out += domain::Code(c);
    out += ',';
  }
  return out;
}

std::vector<domain::SupervisionCategory> DecodeCategories(const std::string& text) {
  std::vector<domain::SupervisionCategory> out;
  for (const auto& part : SplitAny(text, {","})) {
    auto c = domain::ParseSupervisionCategory(part);
    if (c.ok()) out.push_back(*c);
  }
  return out;
}

domain::Unit ReadUnit(const Statement& s) {
  domain::Unit u;
  u.id = UnitId(s.Int(0));
  u.credit_code = s.Text(1);
  u.credit_code_override = s.Int(2) != 0;
  u.credit_code_override_reason = s.Text(3);
  u.name = s.Text(4);
  u.address = s.Text(5);
  u.community_id = RegionId(s.Int(6));
  if (!s.IsNull(7)) u.grid_id = RegionId(s.Int(7));
  u.categories = DecodeCategories(s.Text(8));
  u.industry_section = s.Text(9);
  u.level = domain::ParseSupervisionLevel(s.Text(10)).value();
  u.risk = domain::ParseRiskColour(s.Text(11)).value();
  u.accident_last_year = s.Int(12) != 0;
  u.major_hazard_source = s.Int(13) != 0;
  u.employees = static_cast<int>(s.Int(14));
  u.supervising_department = s.Text(15);
  u.safety_manager = s.Text(16);
  u.contact_phone = s.Text(17);
  u.status = domain::ParseUnitStatus(s.Text(18)).value();
  u.is_key = s.Int(19) != 0;
  u.version = static_cast<int>(s.Int(20));
  u.created_at = s.Int(21);
  u.updated_at = s.Int(22);
  return u;
}

// Binds the writable columns at 1..20 in the order of the INSERT/UPDATE statements below.
void BindUnitFields(Statement& s, const domain::Unit& u, const std::string& region_path) {
  s.Bind(1, u.credit_code)
      .Bind(2, u.credit_code_override)
      .Bind(3, u.credit_code_override_reason)
      .Bind(4, u.name)
      .Bind(5, u.address)
      .Bind(6, u.community_id.value)
      .Bind(7, u.grid_id ? std::optional<std::int64_t>(u.grid_id->value)
                         : std::optional<std::int64_t>())
      .Bind(8, region_path)
      .Bind(9, EncodeCategories(u.categories))
      .Bind(10, u.industry_section)
      .Bind(11, domain::Code(u.level))
      .Bind(12, domain::Code(u.risk))
      .Bind(13, u.accident_last_year)
      .Bind(14, u.major_hazard_source)
      .Bind(15, u.employees)
      .Bind(16, u.supervising_department)
      .Bind(17, u.safety_manager)
      .Bind(18, u.contact_phone)
      .Bind(19, domain::Code(u.status))
      .Bind(20, u.is_key);
}

}  // namespace

// Pages are ordered by (region_path, id): the ledger reads community by community, grid by
// grid, and the order is the units_region_path index, so a page costs offset + page_size index
// steps instead of sorting the whole jurisdiction.
Result<PageResult<domain::Unit>> SqlSession::ListUnits(const Scope& scope, const UnitQuery& q) {
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
    std::string pattern = "%";  // built by append: GCC 12 -O2 warns falsely (-Wrestrict) on "%" + s
    pattern.append(EscapeLike(text)).append("%");
    where.Add(
        "(name LIKE ? ESCAPE '\\' OR credit_code LIKE ? ESCAPE '\\' OR address LIKE ? ESCAPE '\\')",
        {pattern, pattern, pattern});
  }
  if (q.risk) where.Add("risk = ?", {std::string(domain::Code(*q.risk))});
  if (q.level) where.Add("level = ?", {std::string(domain::Code(*q.level))});
  if (q.status) where.Add("status = ?", {std::string(domain::Code(*q.status))});
  if (q.key) where.Add(*q.key ? "is_key = 1" : "is_key = 0", {});
  if (q.category)
    where.Add("categories LIKE ?", {"%," + std::string(domain::Code(*q.category)) + ",%"});
  return RunPagedQuery<domain::Unit>(db_, "units", kUnitColumns, where, q.page, ReadUnit);
}

Result<domain::Unit> SqlSession::GetUnit(const Scope& scope, UnitId id) {
  ANJIAN_ASSIGN_OR_RETURN(
      auto stmt, db_.Prepare(std::string("SELECT ") + kUnitColumns +
                             " FROM units WHERE id = ?3 AND (?1 = '' OR (region_path >= ?1 AND "
                             "region_path < ?2))"));
  stmt.Bind(1, scope.region_path).Bind(2, ScopeUpperBound(scope.region_path)).Bind(3, id.value);
  ANJIAN_ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row) return Error::NotFound("单位不存在（id " + std::to_string(id.value) + "）");
  return ReadUnit(stmt);
}

Result<std::optional<domain::Unit>> SqlSession::FindUnitByCode(const Scope& scope,
                                                               std::string_view credit_code) {
  ANJIAN_ASSIGN_OR_RETURN(
      auto stmt, db_.Prepare(std::string("SELECT ") + kUnitColumns +
                             " FROM units WHERE credit_code = ?3 AND (?1 = '' OR (region_path >= "
                             "?1 AND region_path < ?2))"));
  stmt.Bind(1, scope.region_path).Bind(2, ScopeUpperBound(scope.region_path)).Bind(3, credit_code);
  ANJIAN_ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row) return std::optional<domain::Unit>();
  return std::optional<domain::Unit>(ReadUnit(stmt));
}

Status SqlSession::ForEachUnit(const Scope& scope,
                               const std::function<void(const domain::Unit&)>& visit) {
  // Batches by id so a province's millions of rows never sit in memory at once (PostgreSQL reads
  // a result whole); SQLite walks the primary key the same way.
  ANJIAN_ASSIGN_OR_RETURN(
      auto stmt, db_.Prepare(std::string("SELECT ") + kUnitColumns +
                             " FROM units WHERE (?1 = '' OR (region_path >= ?1 AND region_path < "
                             "?2)) AND id > ?3 ORDER BY id LIMIT ?4"));
  return ForEachBatch(stmt, scope, [&](const Statement& row) {
    visit(ReadUnit(row));
    return row.Int(0);
  });
}

Result<std::vector<std::string>> SqlSession::ExistingUnitCodes(
    const std::vector<std::string>& codes) {
  ANJIAN_ASSIGN_OR_RETURN(auto stmt, db_.Prepare("SELECT 1 FROM units WHERE credit_code = ?"));
  std::vector<std::string> existing;
  for (const auto& code : codes) {
    stmt.Bind(1, code);
    ANJIAN_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (row) existing.push_back(code);
    stmt.Reset();
  }
  return existing;
}

Result<std::int64_t> SqlSession::CountUnits(const Scope& scope) {
  ANJIAN_ASSIGN_OR_RETURN(auto stmt, db_.Prepare("SELECT COUNT(*) FROM units WHERE (?1 = '' OR "
                                                 "(region_path >= ?1 AND region_path < ?2))"));
  stmt.Bind(1, scope.region_path).Bind(2, ScopeUpperBound(scope.region_path));
  ANJIAN_ASSIGN_OR_RETURN(bool row, stmt.Step());
  return row ? stmt.Int(0) : 0;
}

Result<RegistryStats> SqlSession::UnitStats(const Scope& scope) {
  RegistryStats stats;
  const std::string in_scope = " WHERE (?1 = '' OR (region_path >= ?1 AND region_path < ?2))";
  const std::string upper = ScopeUpperBound(scope.region_path);
  auto grouped = [&](const char* column,
                     std::vector<std::pair<std::string, std::int64_t>>& out) -> Status {
    ANJIAN_ASSIGN_OR_RETURN(auto stmt,
                            db_.Prepare(std::string("SELECT ") + column + ", COUNT(*) FROM units" +
                                        in_scope + " GROUP BY 1 ORDER BY 1"));
    stmt.Bind(1, scope.region_path).Bind(2, upper);
    for (;;) {
      ANJIAN_ASSIGN_OR_RETURN(bool row, stmt.Step());
      if (!row) return Ok();
      out.emplace_back(stmt.Text(0), stmt.Int(1));
    }
  };
  ANJIAN_TRY(grouped("risk", stats.by_risk));
  ANJIAN_TRY(grouped("level", stats.by_level));
  ANJIAN_TRY(grouped("status", stats.by_status));
  {
    ANJIAN_ASSIGN_OR_RETURN(
        auto stmt, db_.Prepare("SELECT COUNT(*), COALESCE(SUM(is_key), 0) FROM units" + in_scope));
    stmt.Bind(1, scope.region_path).Bind(2, upper);
    ANJIAN_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (row) {
      stats.total = stmt.Int(0);
      stats.key = stmt.Int(1);
    }
  }
  ANJIAN_ASSIGN_OR_RETURN(
      auto stmt,
      db_.Prepare("SELECT r.id, r.name, COUNT(*), COALESCE(SUM(u.is_key), 0) FROM units u JOIN "
                  "regions r ON r.id = u.community_id WHERE (?1 = '' OR (u.region_path >= ?1 AND "
                  "u.region_path < ?2)) GROUP BY r.id ORDER BY 3 DESC, r.id"));
  stmt.Bind(1, scope.region_path).Bind(2, upper);
  for (;;) {
    ANJIAN_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    stats.by_community.push_back({RegionId(stmt.Int(0)), stmt.Text(1), stmt.Int(2), stmt.Int(3)});
  }
  return stats;
}

// A unit lives under its grid when it has one, else under its community.
Result<std::string> SqlSession::UnitRegionPath(const domain::Unit& unit) {
  return RegionPathOf(unit.grid_id.value_or(unit.community_id),
                      unit.grid_id ? "所属网格" : "所属社区");
}

Result<domain::Unit> SqlSession::InsertUnit(const domain::Unit& unit, std::int64_t now) {
  ANJIAN_TRY(RequireWrite());
  ANJIAN_ASSIGN_OR_RETURN(std::string path, UnitRegionPath(unit));
  ANJIAN_ASSIGN_OR_RETURN(
      auto stmt,
      db_.Prepare(
          "INSERT INTO units(credit_code, credit_code_override, credit_code_override_reason, "
          "name, address, community_id, grid_id, region_path, categories, industry_section, "
          "level, risk, accident_last_year, major_hazard_source, employees, "
          "supervising_department, safety_manager, contact_phone, status, is_key, version, "
          "created_at, updated_at) VALUES "
          "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,1,?21,?21) ON CONFLICT DO NOTHING"));
  BindUnitFields(stmt, unit, path);
  stmt.Bind(21, now);
  // A duplicate inserts nothing instead of failing, so no savepoint per row: on PostgreSQL each
  // savepoint is a subtransaction, and an import's long transaction slowed with their number
  // (pg_plan_bench: 1,166 units/s in transactions of 10,000 against 4,320 in transactions of
  // 1,000).
  ANJIAN_TRY(stmt.Run());
  if (db_.Changes() == 0)
    return Error::AlreadyExists("统一社会信用代码 " + unit.credit_code + " 已登记", "credit_code");
  domain::Unit inserted = unit;
  ANJIAN_ASSIGN_OR_RETURN(auto new_id, db_.LastInsertId());
  inserted.id = UnitId(new_id);
  inserted.version = 1;
  inserted.created_at = inserted.updated_at = now;
  return inserted;
}

Result<domain::Unit> SqlSession::UpdateUnit(const domain::Unit& unit, std::int64_t now) {
  ANJIAN_TRY(RequireWrite());
  ANJIAN_ASSIGN_OR_RETURN(std::string path, UnitRegionPath(unit));
  ANJIAN_ASSIGN_OR_RETURN(
      auto stmt,
      db_.Prepare(
          "UPDATE units SET credit_code=?1, credit_code_override=?2, "
          "credit_code_override_reason=?3, name=?4, address=?5, community_id=?6, grid_id=?7, "
          "region_path=?8, categories=?9, industry_section=?10, level=?11, risk=?12, "
          "accident_last_year=?13, major_hazard_source=?14, employees=?15, "
          "supervising_department=?16, safety_manager=?17, contact_phone=?18, status=?19, "
          "is_key=?20, version=version+1, updated_at=?21 WHERE id=?22 AND version=?23"));
  BindUnitFields(stmt, unit, path);
  stmt.Bind(21, now).Bind(22, unit.id.value).Bind(23, unit.version);
  ANJIAN_TRY(db_.RunUnique(
      stmt,
      Error::AlreadyExists("统一社会信用代码 " + unit.credit_code + " 已登记", "credit_code")));
  if (db_.Changes() == 0) {
    ANJIAN_ASSIGN_OR_RETURN(auto current, GetUnit(Scope::All(), unit.id));
    return Error::Conflict("该单位已被他人修改（当前版本 " + std::to_string(current.version) +
                           "，您提交的版本 " + std::to_string(unit.version) + "），请刷新后重试");
  }
  return GetUnit(Scope::All(), unit.id);
}

Status SqlSession::DeleteUnit(UnitId id, int expected_version) {
  ANJIAN_TRY(RequireWrite());
  ANJIAN_ASSIGN_OR_RETURN(auto current, GetUnit(Scope::All(), id));
  if (current.version != expected_version) {
    return Error::Conflict("该单位已被他人修改（当前版本 " + std::to_string(current.version) +
                           "），请刷新后重试");
  }
  ANJIAN_ASSIGN_OR_RETURN(auto stmt, db_.Prepare("DELETE FROM units WHERE id = ?"));
  return stmt.Bind(1, id.value).Run();
}

}  // namespace anjian::store::sql

#include "store/sql/sql_session.hpp"

namespace anjian::store::sql {

std::string ScopeUpperBound(const std::string& prefix) {
  std::string upper = prefix;
  if (!upper.empty()) upper.back() = static_cast<char>(upper.back() + 1);
  return upper;
}

SqlSession::SqlSession(std::unique_ptr<Connection> connection, bool writable, Release release)
    : owned_(std::move(connection)),
      db_(*owned_),
      writable_(writable),
      release_(std::move(release)) {}

SqlSession::SqlSession(Connection& writer, std::unique_lock<std::mutex> write_lock)
    : db_(writer), write_lock_(std::move(write_lock)), writable_(true) {}

SqlSession::~SqlSession() {
  bool healthy = true;
  if (!finished_) healthy = db_.Run("ROLLBACK").ok();
  if (owned_ && release_) release_(std::move(owned_), healthy && db_.Healthy());
}

Status SqlSession::Commit() {
  if (finished_) return Error::Internal("session already finished");
  if (writable_ && audit_required_ && staged_audit_.empty() && !bookkeeping_) {
    // A programming error in a use case: refuse rather than commit a change nobody can account for.
    return Error::Internal("写操作缺少审计记录 (write without an audit entry)");
  }
  ANJIAN_TRY(AppendStagedAudit());
  ANJIAN_TRY(db_.Run("COMMIT"));
  finished_ = true;
  return Ok();
}

Status SqlSession::RequireWrite() const {
  ANJIAN_ASSERT(writable_ && "write method called on a read session");
  return Ok();
}

Result<std::string> SqlSession::RegionPathOf(RegionId id, std::string_view what) {
  ANJIAN_ASSIGN_OR_RETURN(auto stmt, db_.Prepare("SELECT path FROM regions WHERE id = ?"));
  stmt.Bind(1, id.value);
  ANJIAN_ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row)
    return Error::InvalidArgument(std::string(what) + "不存在（id " + std::to_string(id.value) +
                                  "）");
  return stmt.Text(0);
}

// --- Regions -----------------------------------------------------------------------------

namespace {

constexpr const char* kRegionColumns = "id, parent_id, level, code, name, path, version";

domain::Region ReadRegion(const Statement& s) {
  domain::Region r;
  r.id = RegionId(s.Int(0));
  if (!s.IsNull(1)) r.parent_id = RegionId(s.Int(1));
  r.level = domain::ParseRegionLevel(s.Text(2)).value();
  r.code = s.Text(3);
  r.name = s.Text(4);
  r.path = s.Text(5);
  r.version = static_cast<int>(s.Int(6));
  return r;
}

}  // namespace

Result<std::vector<domain::Region>> SqlSession::ListRegions(const Scope& scope) {
  const std::string sql = std::string("SELECT ") + kRegionColumns +
                          " FROM regions WHERE (?1 = '' OR (path >= ?1 AND path < ?2)) ORDER BY "
                          "length(path), id";
  ANJIAN_ASSIGN_OR_RETURN(auto stmt, db_.Prepare(sql));
  stmt.Bind(1, scope.region_path).Bind(2, ScopeUpperBound(scope.region_path));
  std::vector<domain::Region> regions;
  for (;;) {
    ANJIAN_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    regions.push_back(ReadRegion(stmt));
  }
  return regions;
}

Result<domain::Region> SqlSession::GetRegion(const Scope& scope, RegionId id) {
  const std::string sql = std::string("SELECT ") + kRegionColumns +
                          " FROM regions WHERE id = ?3 AND (?1 = '' OR (path >= ?1 AND path < ?2))";
  ANJIAN_ASSIGN_OR_RETURN(auto stmt, db_.Prepare(sql));
  stmt.Bind(1, scope.region_path).Bind(2, ScopeUpperBound(scope.region_path)).Bind(3, id.value);
  ANJIAN_ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row) return Error::NotFound("区划不存在");
  return ReadRegion(stmt);
}

Result<std::optional<domain::Region>> SqlSession::FindRegionByName(std::optional<RegionId> parent,
                                                                   std::string_view name) {
  const std::string sql = std::string("SELECT ") + kRegionColumns +
                          " FROM regions WHERE COALESCE(parent_id, 0) = ? AND name = ?";
  ANJIAN_ASSIGN_OR_RETURN(auto stmt, db_.Prepare(sql));
  stmt.Bind(1, parent ? parent->value : 0).Bind(2, name);
  ANJIAN_ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row) return std::optional<domain::Region>();
  return std::optional<domain::Region>(ReadRegion(stmt));
}

Result<std::vector<std::pair<RegionId, std::string>>> SqlSession::RegionNamesOf(
    const std::vector<RegionId>& ids) {
  ANJIAN_ASSIGN_OR_RETURN(auto stmt, db_.Prepare("SELECT name FROM regions WHERE id = ?"));
  std::vector<std::pair<RegionId, std::string>> names;
  for (auto id : ids) {
    stmt.Bind(1, id.value);
    ANJIAN_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (row) names.emplace_back(id, stmt.Text(0));
    stmt.Reset();
  }
  return names;
}

Result<domain::Region> SqlSession::InsertRegion(const domain::Region& region) {
  ANJIAN_TRY(RequireWrite());
  std::string parent_path = "/";
  if (region.parent_id) {
    ANJIAN_ASSIGN_OR_RETURN(parent_path, RegionPathOf(*region.parent_id, "上级区划"));
  }
  {
    ANJIAN_ASSIGN_OR_RETURN(
        auto stmt, db_.Prepare("INSERT INTO regions(parent_id, level, code, name, path, version, "
                               "created_at, updated_at) VALUES (?, ?, ?, ?, '', 1, 0, 0)"));
    stmt.Bind(1, region.parent_id ? std::optional<std::int64_t>(region.parent_id->value)
                                  : std::optional<std::int64_t>())
        .Bind(2, domain::Code(region.level))
        .Bind(3, region.code)
        .Bind(4, region.name);
    ANJIAN_TRY(db_.RunUnique(
        stmt, Error::AlreadyExists("同一上级下已有名为“" + region.name + "”的区划", "name")));
  }
  domain::Region inserted = region;
  ANJIAN_ASSIGN_OR_RETURN(auto new_id, db_.LastInsertId());
  inserted.id = RegionId(new_id);
  inserted.path = parent_path + std::to_string(inserted.id.value) + "/";
  inserted.version = 1;
  ANJIAN_ASSIGN_OR_RETURN(auto stmt, db_.Prepare("UPDATE regions SET path = ? WHERE id = ?"));
  ANJIAN_TRY(stmt.Bind(1, inserted.path).Bind(2, inserted.id.value).Run());
  return inserted;
}

Result<domain::Region> SqlSession::UpdateRegion(const domain::Region& region) {
  ANJIAN_TRY(RequireWrite());
  ANJIAN_ASSIGN_OR_RETURN(
      auto stmt, db_.Prepare("UPDATE regions SET name = ?, code = ?, version = version + 1 "
                             "WHERE id = ? AND version = ?"));
  stmt.Bind(1, region.name).Bind(2, region.code).Bind(3, region.id.value).Bind(4, region.version);
  ANJIAN_TRY(db_.RunUnique(
      stmt, Error::AlreadyExists("同一上级下已有名为“" + region.name + "”的区划", "name")));
  if (db_.Changes() == 0) {
    ANJIAN_ASSIGN_OR_RETURN(auto current, GetRegion(Scope::All(), region.id));
    return Error::Conflict("该区划已被他人修改（当前版本 " + std::to_string(current.version) +
                           "），请刷新后重试");
  }
  return GetRegion(Scope::All(), region.id);
}

Status SqlSession::DeleteRegion(RegionId id, int expected_version) {
  ANJIAN_TRY(RequireWrite());
  ANJIAN_ASSIGN_OR_RETURN(auto current, GetRegion(Scope::All(), id));
  if (current.version != expected_version) {
    return Error::Conflict("该区划已被他人修改，请刷新后重试");
  }
  ANJIAN_ASSIGN_OR_RETURN(
      auto stmt,
      db_.Prepare("SELECT (SELECT COUNT(*) FROM regions WHERE parent_id = ?1) + "
                  "(SELECT COUNT(*) FROM units WHERE community_id = ?1 OR grid_id = ?1) + "
                  "(SELECT COUNT(*) FROM inspectors WHERE jurisdiction_id = ?1) + "
                  "(SELECT COUNT(*) FROM users WHERE jurisdiction_id = ?1)"));
  stmt.Bind(1, id.value);
  ANJIAN_ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (row && stmt.Int(0) > 0) {
    return Error::FailedPrecondition("该区划下仍有下级区划、单位、人员或账号，不能删除");
  }
  ANJIAN_ASSIGN_OR_RETURN(auto del, db_.Prepare("DELETE FROM regions WHERE id = ?"));
  return del.Bind(1, id.value).Run();
}

Result<std::int64_t> SqlSession::ChangeCounter(std::string_view name) {
  ANJIAN_ASSIGN_OR_RETURN(auto stmt,
                          db_.Prepare("SELECT value FROM change_counters WHERE name = ?"));
  stmt.Bind(1, name);
  ANJIAN_ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row) return Error::Internal("未知的变更计数器 " + std::string(name));
  return stmt.Int(0);
}

// --- History and imports ----------------------------------------------------------------

Status SqlSession::AppendHistory(const HistoryEntry& e) {
  ANJIAN_TRY(RequireWrite());
  ANJIAN_ASSIGN_OR_RETURN(
      auto stmt, db_.Prepare("INSERT INTO history(entity, entity_id, version, action, actor, at, "
                             "snapshot) VALUES (?, ?, ?, ?, ?, ?, ?)"));
  return stmt.Bind(1, e.entity)
      .Bind(2, e.entity_id)
      .Bind(3, e.version)
      .Bind(4, e.action)
      .Bind(5, e.actor)
      .Bind(6, e.at)
      .Bind(7, e.snapshot_json)
      .Run();
}

Result<std::vector<HistoryEntry>> SqlSession::ListHistory(std::string_view entity,
                                                          std::int64_t entity_id, int limit) {
  ANJIAN_ASSIGN_OR_RETURN(
      auto stmt,
      db_.Prepare("SELECT entity, entity_id, version, action, actor, at, snapshot FROM "
                  "history WHERE entity = ? AND entity_id = ? ORDER BY id DESC LIMIT ?"));
  stmt.Bind(1, entity).Bind(2, entity_id).Bind(3, limit);
  std::vector<HistoryEntry> entries;
  for (;;) {
    ANJIAN_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    entries.push_back({stmt.Text(0), stmt.Int(1), static_cast<int>(stmt.Int(2)), stmt.Text(3),
                       stmt.Text(4), stmt.Int(5), stmt.Text(6)});
  }
  return entries;
}

Result<std::int64_t> SqlSession::RecordImport(const ImportRecord& r) {
  ANJIAN_TRY(RequireWrite());
  ANJIAN_ASSIGN_OR_RETURN(
      auto stmt, db_.Prepare("INSERT INTO imports(kind, file_name, actor, at, rows, imported, "
                             "error_count, dry_run) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
  ANJIAN_TRY(stmt.Bind(1, r.kind)
                 .Bind(2, r.file_name)
                 .Bind(3, r.actor)
                 .Bind(4, r.at)
                 .Bind(5, r.rows)
                 .Bind(6, r.imported)
                 .Bind(7, r.error_count)
                 .Bind(8, r.dry_run)
                 .Run());
  return db_.LastInsertId();
}

Result<std::vector<ImportRecord>> SqlSession::ListImports(int limit) {
  ANJIAN_ASSIGN_OR_RETURN(
      auto stmt, db_.Prepare("SELECT id, kind, file_name, actor, at, rows, imported, error_count, "
                             "dry_run FROM imports ORDER BY id DESC LIMIT ?"));
  stmt.Bind(1, limit);
  std::vector<ImportRecord> records;
  for (;;) {
    ANJIAN_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    records.push_back({stmt.Int(0), stmt.Text(1), stmt.Text(2), stmt.Text(3), stmt.Int(4),
                       stmt.Int(5), stmt.Int(6), stmt.Int(7), stmt.Int(8) != 0});
  }
  return records;
}

// --- Accounts ----------------------------------------------------------------------------

namespace {

constexpr const char* kUserSelect =
    "SELECT u.id, u.username, u.display_name, u.password_hash, u.role, u.jurisdiction_id, "
    "COALESCE(r.path, ''), u.unit_id, u.active, u.created_at, u.inspector_id, "
    "u.must_change_password, "
    "u.password_changed_at, u.totp_secret, u.totp_enabled, u.version FROM users u LEFT JOIN "
    "regions r ON r.id = u.jurisdiction_id ";

User ReadUser(const Statement& s) {
  User u;
  u.id = UserId(s.Int(0));
  u.username = s.Text(1);
  u.display_name = s.Text(2);
  u.password_hash = s.Text(3);
  u.role = domain::ParseUserRole(s.Text(4)).value();
  if (!s.IsNull(5)) u.jurisdiction_id = RegionId(s.Int(5));
  u.jurisdiction_path = s.Text(6);
  if (!s.IsNull(7)) u.unit_id = UnitId(s.Int(7));
  u.active = s.Int(8) != 0;
  u.created_at = s.Int(9);
  if (!s.IsNull(10)) u.inspector_id = InspectorId(s.Int(10));
  u.must_change_password = s.Int(11) != 0;
  u.password_changed_at = s.Int(12);
  u.totp_secret = s.Text(13);
  u.totp_enabled = s.Int(14) != 0;
  u.version = static_cast<int>(s.Int(15));
  return u;
}

}  // namespace

Result<User> SqlSession::InsertUser(const User& user) {
  ANJIAN_TRY(RequireWrite());
  ANJIAN_ASSIGN_OR_RETURN(
      auto stmt,
      db_.Prepare(
          "INSERT INTO users(username, display_name, password_hash, role, "
          "jurisdiction_id, unit_id, active, created_at, inspector_id, must_change_password, "
          "password_changed_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)"));
  stmt.Bind(1, user.username)
      .Bind(2, user.display_name)
      .Bind(3, user.password_hash)
      .Bind(4, domain::Code(user.role))
      .Bind(5, user.jurisdiction_id ? std::optional<std::int64_t>(user.jurisdiction_id->value)
                                    : std::optional<std::int64_t>())
      .Bind(6, user.unit_id ? std::optional<std::int64_t>(user.unit_id->value)
                            : std::optional<std::int64_t>())
      .Bind(7, user.active)
      .Bind(8, user.created_at)
      .Bind(9, user.inspector_id ? std::optional<std::int64_t>(user.inspector_id->value)
                                 : std::optional<std::int64_t>())
      .Bind(10, user.must_change_password)
      .Bind(11, user.password_changed_at != 0 ? user.password_changed_at : user.created_at);
  ANJIAN_TRY(
      db_.RunUnique(stmt, Error::AlreadyExists("用户名“" + user.username + "”已存在", "username")));
  ANJIAN_ASSIGN_OR_RETURN(const std::int64_t id, db_.LastInsertId());
  return GetUser(UserId(id));
}

Result<std::optional<User>> SqlSession::FindUserByName(std::string_view username) {
  ANJIAN_ASSIGN_OR_RETURN(auto stmt,
                          db_.Prepare(std::string(kUserSelect) + "WHERE u.username = ?"));
  stmt.Bind(1, username);
  ANJIAN_ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row) return std::optional<User>();
  return std::optional<User>(ReadUser(stmt));
}

Result<User> SqlSession::GetUser(UserId id) {
  ANJIAN_ASSIGN_OR_RETURN(auto stmt, db_.Prepare(std::string(kUserSelect) + "WHERE u.id = ?"));
  stmt.Bind(1, id.value);
  ANJIAN_ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row) return Error::NotFound("用户不存在");
  return ReadUser(stmt);
}

Result<std::vector<User>> SqlSession::ListUsers() {
  ANJIAN_ASSIGN_OR_RETURN(auto stmt, db_.Prepare(std::string(kUserSelect) + "ORDER BY u.id"));
  std::vector<User> users;
  for (;;) {
    ANJIAN_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    users.push_back(ReadUser(stmt));
  }
  return users;
}

Status SqlSession::InsertSession(const AuthSession& s) {
  ANJIAN_TRY(RequireWrite());
  ANJIAN_ASSIGN_OR_RETURN(
      auto stmt,
      db_.Prepare("INSERT INTO sessions(token_hash, user_id, created_at, expires_at, last_seen_at, "
                  "client_address) VALUES (?, ?, ?, ?, ?, ?)"));
  return stmt.Bind(1, s.token_hash)
      .Bind(2, s.user_id.value)
      .Bind(3, s.created_at)
      .Bind(4, s.expires_at)
      .Bind(5, s.last_seen_at != 0 ? s.last_seen_at : s.created_at)
      .Bind(6, s.client_address)
      .Run();
}

Result<std::optional<AuthSession>> SqlSession::FindSession(std::string_view token_hash) {
  ANJIAN_ASSIGN_OR_RETURN(
      auto stmt,
      db_.Prepare(
          "SELECT token_hash, user_id, created_at, expires_at, last_seen_at, client_address "
          "FROM sessions WHERE token_hash = ?"));
  stmt.Bind(1, token_hash);
  ANJIAN_ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row) return std::optional<AuthSession>();
  return std::optional<AuthSession>(AuthSession{stmt.Text(0), UserId(stmt.Int(1)), stmt.Int(2),
                                                stmt.Int(3), stmt.Int(4), stmt.Text(5)});
}

Result<std::vector<AuthSession>> SqlSession::ListSessionsOf(UserId user) {
  ANJIAN_ASSIGN_OR_RETURN(
      auto stmt,
      db_.Prepare(
          "SELECT token_hash, user_id, created_at, expires_at, last_seen_at, client_address "
          "FROM sessions WHERE user_id = ? ORDER BY created_at DESC, token_hash"));
  stmt.Bind(1, user.value);
  std::vector<AuthSession> sessions;
  for (;;) {
    ANJIAN_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    sessions.push_back(AuthSession{stmt.Text(0), UserId(stmt.Int(1)), stmt.Int(2), stmt.Int(3),
                                   stmt.Int(4), stmt.Text(5)});
  }
  return sessions;
}

Status SqlSession::DeleteSessionsOf(UserId user, std::string_view keep_token_hash) {
  ANJIAN_TRY(RequireWrite());
  ANJIAN_ASSIGN_OR_RETURN(
      auto stmt, db_.Prepare("DELETE FROM sessions WHERE user_id = ? AND token_hash <> ?"));
  return stmt.Bind(1, user.value).Bind(2, keep_token_hash).Run();
}

Status SqlSession::TouchSession(std::string_view token_hash, std::int64_t now) {
  ANJIAN_TRY(RequireWrite());
  ANJIAN_ASSIGN_OR_RETURN(auto stmt,
                          db_.Prepare("UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?"));
  return stmt.Bind(1, now).Bind(2, token_hash).Run();
}

Status SqlSession::DeleteLoginThrottlesOf(std::string_view username) {
  ANJIAN_TRY(RequireWrite());
  const std::string pair_prefix = "p:" + std::string(username) + "|";
  ANJIAN_ASSIGN_OR_RETURN(auto stmt, db_.Prepare("DELETE FROM login_throttle WHERE key = ?1 OR "
                                                 "substr(key, 1, length(?2)) = ?2"));
  return stmt.Bind(1, "u:" + std::string(username)).Bind(2, pair_prefix).Run();
}

Result<User> SqlSession::UpdateUser(const User& user) {
  ANJIAN_TRY(RequireWrite());
  ANJIAN_ASSIGN_OR_RETURN(auto stmt,
                          db_.Prepare("UPDATE users SET display_name = ?1, password_hash = ?2, "
                                      "role = ?3, jurisdiction_id = ?4, "
                                      "unit_id = ?5, active = ?6, inspector_id = ?7, "
                                      "must_change_password = ?8, password_changed_at = ?9, "
                                      "totp_secret = ?10, totp_enabled = ?11, version = version + "
                                      "1 WHERE id = ?12 AND version = ?13"));
  auto optional_id = [](auto id) {
    return id ? std::optional<std::int64_t>(id->value) : std::optional<std::int64_t>();
  };
  stmt.Bind(1, user.display_name)
      .Bind(2, user.password_hash)
      .Bind(3, domain::Code(user.role))
      .Bind(4, optional_id(user.jurisdiction_id))
      .Bind(5, optional_id(user.unit_id))
      .Bind(6, user.active)
      .Bind(7, optional_id(user.inspector_id))
      .Bind(8, user.must_change_password)
      .Bind(9, user.password_changed_at)
      .Bind(10, user.totp_secret)
      .Bind(11, user.totp_enabled)
      .Bind(12, user.id.value)
      .Bind(13, user.version);
  ANJIAN_TRY(stmt.Run());
  if (db_.Changes() == 0) {
    ANJIAN_ASSIGN_OR_RETURN(auto current, GetUser(user.id));
    return Error::Conflict("账号已被他人修改（当前版本 " + std::to_string(current.version) +
                           "），请刷新后重试");
  }
  return GetUser(user.id);
}

Status SqlSession::DeleteSession(std::string_view token_hash) {
  ANJIAN_TRY(RequireWrite());
  ANJIAN_ASSIGN_OR_RETURN(auto stmt, db_.Prepare("DELETE FROM sessions WHERE token_hash = ?"));
  return stmt.Bind(1, token_hash).Run();
}

Status SqlSession::DeleteExpiredSessions(std::int64_t now) {
  ANJIAN_TRY(RequireWrite());
  ANJIAN_ASSIGN_OR_RETURN(auto stmt, db_.Prepare("DELETE FROM sessions WHERE expires_at <= ?"));
  return stmt.Bind(1, now).Run();
}

Result<LoginThrottle> SqlSession::GetLoginThrottle(const std::string& key) {
  if (writable_) {
    // Takes the row lock first (a no-op update on an existing row) so the read below is the
    // latest committed value and no other instance can change it before we save.
    ANJIAN_ASSIGN_OR_RETURN(
        auto lock, db_.Prepare("INSERT INTO login_throttle(key, failures, window_start, "
                               "locked_until) VALUES (?, 0, 0, 0) ON CONFLICT(key) DO UPDATE "
                               "SET failures = login_throttle.failures"));
    ANJIAN_TRY(lock.Bind(1, key).Run());
  }
  ANJIAN_ASSIGN_OR_RETURN(
      auto stmt, db_.Prepare("SELECT failures, window_start, locked_until FROM login_throttle "
                             "WHERE key = ?"));
  stmt.Bind(1, key);
  ANJIAN_ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row) return LoginThrottle{};
  return LoginThrottle{static_cast<int>(stmt.Int(0)), stmt.Int(1), stmt.Int(2)};
}

Status SqlSession::SaveLoginThrottle(const std::string& key, const LoginThrottle& t) {
  ANJIAN_TRY(RequireWrite());
  ANJIAN_ASSIGN_OR_RETURN(
      auto stmt,
      db_.Prepare("INSERT INTO login_throttle(key, failures, window_start, locked_until) "
                  "VALUES (?1, ?2, ?3, ?4) ON CONFLICT(key) DO UPDATE SET failures = ?2, "
                  "window_start = ?3, locked_until = ?4"));
  return stmt.Bind(1, key)
      .Bind(2, t.failures)
      .Bind(3, t.window_start)
      .Bind(4, t.locked_until)
      .Run();
}

Status SqlSession::DeleteLoginThrottle(const std::string& key) {
  ANJIAN_TRY(RequireWrite());
  ANJIAN_ASSIGN_OR_RETURN(auto stmt, db_.Prepare("DELETE FROM login_throttle WHERE key = ?"));
  return stmt.Bind(1, key).Run();
}

}  // namespace anjian::store::sql

#include "store/postgres/pg_connection.hpp"

#include <charconv>
#include <cstdlib>
#include <cstring>

namespace anjian::store::postgres {

std::string FirstLine(std::string_view message) {
  std::string_view line = message.substr(0, message.find('\n'));
  for (std::string_view prefix : {"FATAL:  ", "ERROR:  ", "FATAL: ", "ERROR: "}) {
    if (line.starts_with(prefix)) line.remove_prefix(prefix.size());
  }
  while (!line.empty() && (line.back() == ' ' || line.back() == '\r')) line.remove_suffix(1);
  return std::string(line);
}

Error ErrorFromPg(PGconn* conn, const PGresult* result, std::string_view context) {
  const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  const std::string text = FirstLine(result ? PQresultErrorMessage(result) : PQerrorMessage(conn));
  const std::string detail = std::string(context) + ": " + text;
  const std::string_view code = state ? state : "";
  if (code.empty() || code.starts_with("08") || code == "57P01" || code == "57P02" ||
      code == "57P03" || PQstatus(conn) != CONNECTION_OK) {
    return Error::Unavailable("数据库暂时不可用，请稍后重试: " + detail);
  }
  if (code == "23505") return Error::AlreadyExists("记录已存在（唯一性冲突）: " + detail);
  if (code == "23503") return Error::FailedPrecondition("关联数据不存在或仍被引用: " + detail);
  if (code.starts_with("23") || code == "P0001")
    return Error::InvalidArgument("数据不满足约束: " + detail);
  if (code == "40001" || code == "40P01" || code == "55P03") {
    return Error::Unavailable("数据库并发冲突，请重试: " + detail);
  }
  if (code == "53300" || code.starts_with("53"))
    return Error::Unavailable("数据库资源不足: " + detail);
  return Error::Internal("数据库错误: " + detail);
}

std::string ToPgParameters(std::string_view sql, std::vector<bool>* used) {
  if (used) used->clear();
  std::string out;
  out.reserve(sql.size() + 16);
  int highest = 0;
  char quote = 0;
  for (std::size_t i = 0; i < sql.size(); ++i) {
    const char c = sql[i];
    if (quote != 0) {
      out += c;
      if (c == quote) quote = 0;  // a doubled quote re-opens on the next character: same result
      continue;
    }
    if (c == '\'' || c == '"') {
      quote = c;
      out += c;
      continue;
    }
    if (c != '?') {
      out += c;
      continue;
    }
    // `?N` names its index; a bare `?` takes one more than the highest so far (SQLite's rule).
    std::size_t j = i + 1;
    int index = 0;
    while (j < sql.size() && sql[j] >= '0' && sql[j] <= '9') index = index * 10 + (sql[j++] - '0');
    if (j == i + 1) index = highest + 1;
    highest = std::max(highest, index);
    if (used) {
      if (used->size() < static_cast<std::size_t>(index))
        used->resize(static_cast<std::size_t>(index), false);
      (*used)[static_cast<std::size_t>(index - 1)] = true;
    }
    out += '$';
    out += std::to_string(index);
    i = j - 1;
  }
  return out;
}

// --- Statement -----------------------------------------------------------------------------

PgStatement::PgStatement(PgConnection& connection, std::string name, std::string sql,
                         const std::vector<bool>& used)
    : connection_(connection),
      name_(std::move(name)),
      sql_(std::move(sql)),
      parameters_(used.size()) {
  constexpr Oid kTextOid = 25;
  types_.reserve(used.size());
  for (bool u : used) types_.push_back(u ? 0 : kTextOid);
}

PgStatement::~PgStatement() { PQclear(result_); }

PgStatement::Parameter& PgStatement::At(int index) {
  // Callers bind 1-based indexes the SQL names; a wrong index is a programming error.
  ANJIAN_ASSERT(index >= 1 && static_cast<std::size_t>(index) <= parameters_.size() &&
                "bind index out of range");
  return parameters_[static_cast<std::size_t>(index - 1)];
}

void PgStatement::BindInt(int index, std::int64_t value) {
  auto& p = At(index);
  p.value = std::to_string(value);
  p.null = false;
  p.binary = false;
}

void PgStatement::BindText(int index, std::string_view value) {
  auto& p = At(index);
  if (value.size() >= sql::kMaxValueBytes) {
    too_large_ = value.size();
    return;
  }
  p.value.assign(value.data(), value.size());
  p.null = false;
  p.binary = false;
}

void PgStatement::BindBlob(int index, std::string_view bytes) {
  auto& p = At(index);
  if (bytes.size() >= sql::kMaxValueBytes) {
    too_large_ = bytes.size();
    return;
  }
  p.value.assign(bytes.data(), bytes.size());
  p.null = false;
  p.binary = true;
}

void PgStatement::BindNull(int index) {
  auto& p = At(index);
  p.value.clear();
  p.null = true;
  p.binary = false;
}

Status PgStatement::Execute() {
  PGconn* conn = connection_.raw();
  if (!prepared_) {
    PGresult* prepared = PQprepare(conn, name_.c_str(), sql_.c_str(),
                                   static_cast<int>(parameters_.size()), types_.data());
    const bool ok = PQresultStatus(prepared) == PGRES_COMMAND_OK;
    Error error = ok ? Error{} : ErrorFromPg(conn, prepared, "prepare");
    PQclear(prepared);
    if (!ok) {
      error.message += " [" + sql_.substr(0, 200) + "]";
      return error;
    }
    prepared_ = true;
  }
  std::vector<const char*> values(parameters_.size());
  std::vector<int> lengths(parameters_.size());
  std::vector<int> formats(parameters_.size());
  for (std::size_t i = 0; i < parameters_.size(); ++i) {
    const auto& p = parameters_[i];
    values[i] = p.null ? nullptr : p.value.c_str();
    lengths[i] = static_cast<int>(p.value.size());
    formats[i] = p.binary ? 1 : 0;
  }
  PQclear(result_);
  result_ = PQexecPrepared(conn, name_.c_str(), static_cast<int>(parameters_.size()), values.data(),
                           lengths.data(), formats.data(), 0);
  const auto status = PQresultStatus(result_);
  if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
    Error error = ErrorFromPg(conn, result_, "execute");
    PQclear(result_);
    result_ = nullptr;
    // A statement prepared before the connection broke is gone with it.
    if (!connection_.Healthy()) prepared_ = false;
    return error;
  }
  const char* tuples = PQcmdTuples(result_);
  connection_.set_changes(tuples && *tuples ? std::strtoll(tuples, nullptr, 10) : 0);
  row_ = -1;
  return Ok();
}

Result<bool> PgStatement::Step() {
  if (too_large_ != 0) return sql::ValueTooLarge(too_large_);
  if (result_ == nullptr) ANJIAN_TRY(Execute());
  if (row_ + 1 >= PQntuples(result_)) return false;
  ++row_;
  return true;
}

void PgStatement::Reset() {
  PQclear(result_);
  result_ = nullptr;
  row_ = -1;
}

void PgStatement::Clear() {
  Reset();
  too_large_ = 0;
  for (auto& p : parameters_) {
    p.value.clear();
    p.null = true;
    p.binary = false;
  }
}

std::int64_t PgStatement::Int(int column) const {
  const char* value = PQgetvalue(result_, row_, column);
  if (value[0] == 't' && value[1] == '\0') return 1;  // boolean expressions (EXISTS, comparisons)
  if (value[0] == 'f' && value[1] == '\0') return 0;
  std::int64_t parsed = 0;
  const char* end = value + std::strlen(value);
  auto [ptr, ec] = std::from_chars(value, end, parsed);
  if (ec != std::errc() || (ptr != end && *ptr == '.')) {
    // numeric results (SUM) arrive as decimals
    return static_cast<std::int64_t>(std::strtod(value, nullptr));
  }
  return parsed;
}

bool PgStatement::IsNull(int column) const { return PQgetisnull(result_, row_, column) != 0; }

std::string PgStatement::Text(int column) const {
  return std::string(PQgetvalue(result_, row_, column),
                     static_cast<std::size_t>(PQgetlength(result_, row_, column)));
}

std::string PgStatement::Blob(int column) const {
  // bytea in text format is "\x" followed by hex digits.
  const std::string_view text(PQgetvalue(result_, row_, column),
                              static_cast<std::size_t>(PQgetlength(result_, row_, column)));
  if (!text.starts_with("\\x")) return std::string(text);
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return c - 'A' + 10;
  };
  std::string bytes;
  bytes.reserve((text.size() - 2) / 2);
  for (std::size_t i = 2; i + 1 < text.size(); i += 2) {
    bytes += static_cast<char>((nibble(text[i]) << 4) | nibble(text[i + 1]));
  }
  return bytes;
}

// --- Connection ----------------------------------------------------------------------------

Result<std::unique_ptr<PgConnection>> PgConnection::Open(const std::string& conninfo) {
  char* parse_error = nullptr;
  PQconninfoOption* options = PQconninfoParse(conninfo.c_str(), &parse_error);
  if (options == nullptr) {
    std::string message =
        "PostgreSQL 连接串无效: " + FirstLine(parse_error ? parse_error : "无法解析");
    PQfreemem(parse_error);
    return Error::InvalidArgument(std::move(message));
  }
  PQconninfoFree(options);
  PGconn* conn = PQconnectdb(conninfo.c_str());
  if (conn == nullptr) return Error::Unavailable("无法连接 PostgreSQL: 内存不足");
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string message = "无法连接 PostgreSQL: " + FirstLine(PQerrorMessage(conn));
    PQfinish(conn);
    return Error::Unavailable(std::move(message));
  }
  std::unique_ptr<PgConnection> connection(new PgConnection(conn));
  // Notices (e.g. "relation already exists, skipping") are not errors; keep them off stderr.
  PQsetNoticeProcessor(
      conn, [](void*, const char*) {}, nullptr);
  ANJIAN_TRY(connection->Exec("SET client_encoding = 'UTF8'; SET application_name = 'anjian'"));
  return connection;
}

PgConnection::~PgConnection() {
  cache_.clear();
  PQfinish(conn_);
}

Status PgConnection::Exec(std::string_view sql) {
  PGresult* result = PQexec(conn_, std::string(sql).c_str());
  const auto status = PQresultStatus(result);
  Status outcome = Ok();
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK && status != PGRES_EMPTY_QUERY) {
    outcome = ErrorFromPg(conn_, result, "exec");
  }
  PQclear(result);
  return outcome;
}

Result<sql::Statement> PgConnection::Prepare(std::string_view sql) {
  std::string key(sql);
  auto it = cache_.find(key);
  if (it != cache_.end()) return sql::Statement(it->second.get());
  std::vector<bool> used;
  std::string converted = ToPgParameters(sql, &used);
  std::string name = "s";  // appended, not "s" + …: GCC 12 -O2 warns falsely (-Wrestrict) on that
  name.append(std::to_string(cache_.size() + 1));
  auto statement =
      std::make_unique<PgStatement>(*this, std::move(name), std::move(converted), std::move(used));
  sql::StatementImpl* impl = statement.get();
  cache_.emplace(std::move(key), std::move(statement));
  return sql::Statement(impl);
}

Status PgConnection::RunUnique(sql::Statement& stmt, Error duplicate) {
  // An error aborts a PostgreSQL transaction; the savepoint keeps it usable after the expected
  // duplicate, as SQLite's statement-level rollback does.
  ANJIAN_TRY(Exec("SAVEPOINT anjian_unique"));
  auto run = stmt.Run();
  if (run.ok()) return Exec("RELEASE SAVEPOINT anjian_unique");
  if (Healthy()) (void)Exec("ROLLBACK TO SAVEPOINT anjian_unique");
  if (run.error().code == ErrorCode::kAlreadyExists) return duplicate;
  return run;
}

Result<std::int64_t> PgConnection::LastInsertId() {
  ANJIAN_ASSIGN_OR_RETURN(auto stmt, Prepare("SELECT lastval()"));
  ANJIAN_ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row) return Error::Internal("lastval() returned no row");
  return stmt.Int(0);
}

}  // namespace anjian::store::postgres

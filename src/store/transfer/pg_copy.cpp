#include "store/transfer/pg_copy.hpp"

#include "store/transfer/table_checksum.hpp"

namespace anjian::store::transfer {

void AppendCopyText(std::string& out, std::string_view value) {
  std::size_t start = 0;
  for (std::size_t i = 0; i < value.size(); ++i) {
    const char c = value[i];
    const char* escaped = c == '\\'   ? "\\\\"
                          : c == '\t' ? "\\t"
                          : c == '\n' ? "\\n"
                          : c == '\r' ? "\\r"
                                      : nullptr;
    if (escaped == nullptr) continue;
    out.append(value.substr(start, i - start));
    out += escaped;
    start = i + 1;
  }
  out.append(value.substr(start));
}

namespace {

// The failed COPY's first message line plus where it failed ("COPY units, line 12, column x").
Error CopyError(PGconn* conn, const PGresult* result, const std::string& table) {
  Error error = postgres::ErrorFromPg(conn, result, "复制表 " + table);
  if (result != nullptr) {
    if (const char* where = PQresultErrorField(result, PG_DIAG_CONTEXT)) {
      error.message += "（" + postgres::FirstLine(where) + "）";
    }
  }
  return error;
}

// Ends the COPY (aborting it with `abort_reason` when given) and collects its outcome.
Status FinishCopy(PGconn* conn, const std::string& table, const char* abort_reason) {
  if (PQputCopyEnd(conn, abort_reason) != 1) return CopyError(conn, nullptr, table);
  Status outcome = Ok();
  while (PGresult* result = PQgetResult(conn)) {
    if (outcome.ok() && PQresultStatus(result) != PGRES_COMMAND_OK)
      outcome = CopyError(conn, result, table);
    PQclear(result);
  }
  return outcome;
}

}  // namespace

CopyIn::CopyIn(postgres::PgConnection& postgres, std::string table,
               std::vector<ColumnShape> columns, std::size_t buffer_bytes)
    : postgres_(postgres),
      table_(std::move(table)),
      columns_(std::move(columns)),
      buffer_bytes_(buffer_bytes) {}

CopyIn::~CopyIn() {
  if (open_) (void)FinishCopy(postgres_.raw(), table_, "abandoned");
}

Status CopyIn::Start() {
  std::string names;
  for (const auto& column : columns_)
    names += (names.empty() ? "" : ", ") + QuoteIdentifier(column.name);
  const std::string copy = "COPY " + QuoteIdentifier(table_) + " (" + names + ") FROM STDIN";
  PGresult* started = PQexec(postgres_.raw(), copy.c_str());
  const bool ok = PQresultStatus(started) == PGRES_COPY_IN;
  Error error = ok ? Error{} : CopyError(postgres_.raw(), started, table_);
  PQclear(started);
  if (!ok) return error;
  open_ = true;
  buffer_.reserve(buffer_bytes_ + 4096);
  return Ok();
}

Status CopyIn::Add(const RowValues& row) {
  ANJIAN_ASSERT(open_ && row.size() == columns_.size());
  for (std::size_t i = 0; i < row.size(); ++i) {
    if (i > 0) buffer_ += '\t';
    if (row[i].null) {
      buffer_ += "\\N";
    } else if (columns_[i].kind == ColumnKind::kBlob) {
      buffer_ += "\\\\x";  // bytea's hex input "\x…", its backslash escaped for COPY
      buffer_ += row[i].bytes;
    } else {
      AppendCopyText(buffer_, row[i].bytes);
    }
  }
  buffer_ += '\n';
  return buffer_.size() >= buffer_bytes_ ? Send() : Ok();
}

Status CopyIn::Send() {
  if (PQputCopyData(postgres_.raw(), buffer_.data(), static_cast<int>(buffer_.size())) != 1) {
    return CopyError(postgres_.raw(), nullptr, table_);
  }
  buffer_.clear();
  return Ok();
}

Status CopyIn::Finish() {
  if (!buffer_.empty()) {
    Status sent = Send();
    if (!sent.ok()) return sent;  // the destructor aborts the COPY
  }
  open_ = false;
  return FinishCopy(postgres_.raw(), table_, nullptr);
}

Result<std::int64_t> CopyTable(sql::Connection& sqlite, postgres::PgConnection& postgres,
                               const TableShape& table, std::size_t buffer_bytes) {
  PGconn* conn = postgres.raw();
  const std::string columns = table.ColumnList();
  {
    const std::string copy =
        "COPY " + QuoteIdentifier(table.name) + " (" + columns + ") FROM STDIN";
    PGresult* started = PQexec(conn, copy.c_str());
    const bool ok = PQresultStatus(started) == PGRES_COPY_IN;
    Error error = ok ? Error{} : CopyError(conn, started, table.name);
    PQclear(started);
    if (!ok) return error;
  }
  // Key order: PostgreSQL then fills the primary-key index in order.
  std::string key;
  for (int column : table.key) {
    key += (key.empty() ? "" : ", ") +
           QuoteIdentifier(table.columns[static_cast<std::size_t>(column)].name);
  }
  auto rows = sqlite.Prepare("SELECT " + columns + " FROM " + QuoteIdentifier(table.name) +
                             (key.empty() ? "" : " ORDER BY " + key));
  if (!rows.ok()) {
    (void)FinishCopy(conn, table.name, "source read failed");
    return rows.error();
  }
  std::string buffer;
  buffer.reserve(buffer_bytes + 4096);
  std::int64_t count = 0;
  const auto send = [&]() -> Status {
    if (PQputCopyData(conn, buffer.data(), static_cast<int>(buffer.size())) != 1) {
      return CopyError(conn, nullptr, table.name);
    }
    buffer.clear();
    return Ok();
  };
  for (;;) {
    auto row = rows->Step();
    if (!row.ok()) {
      (void)FinishCopy(conn, table.name, "source read failed");
      return Error{row.error().code,
                   "读取 SQLite 表 " + table.name + " 失败: " + row.error().message};
    }
    if (!*row) break;
    for (std::size_t i = 0; i < table.columns.size(); ++i) {
      const int column = static_cast<int>(i);
      if (i > 0) buffer += '\t';
      if (rows->IsNull(column)) {
        buffer += "\\N";
      } else if (table.columns[i].kind == ColumnKind::kBlob) {
        buffer += "\\\\x";  // bytea's hex input "\x…", its backslash escaped for COPY
        buffer += HexOf(rows->Blob(column));
      } else {
        AppendCopyText(buffer, rows->Text(column));
      }
    }
    buffer += '\n';
    ++count;
    if (buffer.size() >= buffer_bytes) {
      Status sent = send();
      if (!sent.ok()) {
        (void)FinishCopy(conn, table.name, "send failed");
        return sent.error();
      }
    }
  }
  if (!buffer.empty()) {
    Status sent = send();
    if (!sent.ok()) {
      (void)FinishCopy(conn, table.name, "send failed");
      return sent.error();
    }
  }
  ANJIAN_TRY(FinishCopy(conn, table.name, nullptr));
  return count;
}

}  // namespace anjian::store::transfer

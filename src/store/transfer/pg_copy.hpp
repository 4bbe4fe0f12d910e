// Bulk load of one table from SQLite into PostgreSQL with COPY … FROM STDIN (text format), an
// order of magnitude faster than INSERTs and still inside the caller's transaction.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"
#include "store/postgres/pg_connection.hpp"
#include "store/sql/sql_connection.hpp"
#include "store/transfer/table_checksum.hpp"
#include "store/transfer/table_shape.hpp"

namespace anjian::store::transfer {

// Streams every row of `table` from `sqlite` into the same table on `postgres` (which must be in
// a transaction) and returns the number of rows sent. Errors name the table, and for a value
// PostgreSQL refuses, the line and column COPY reports; COPY is then aborted, and the
// transaction with it.
Result<std::int64_t> CopyTable(sql::Connection& sqlite, postgres::PgConnection& postgres,
                               const TableShape& table, std::size_t buffer_bytes);

// One value in COPY's text format: backslash, tab, newline and carriage return escaped.
void AppendCopyText(std::string& out, std::string_view value);

// A COPY … FROM STDIN of rows the caller builds (a merge transforms each row first). Start, Add
// each row, Finish; on any error the COPY is aborted (and with it the caller's transaction).
class CopyIn {
 public:
  CopyIn(postgres::PgConnection& postgres, std::string table, std::vector<ColumnShape> columns,
         std::size_t buffer_bytes);
  ~CopyIn();
  CopyIn(const CopyIn&) = delete;
  CopyIn& operator=(const CopyIn&) = delete;
  Status Start();
  // `row` in `columns`' order; blob values as lowercase hex (RowValues' convention).
  Status Add(const RowValues& row);
  Status Finish();

 private:
  Status Send();
  postgres::PgConnection& postgres_;
  std::string table_;
  std::vector<ColumnShape> columns_;
  std::size_t buffer_bytes_;
  std::string buffer_;
  bool open_ = false;
};

}  // namespace anjian::store::transfer

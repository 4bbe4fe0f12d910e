// The tables `anjian migrate` copies, as both engines describe them: SQLite's tables (less its
// internal ones: sqlite_*, FTS5 search tables and their shadow tables, which PostgreSQL replaces
// with indexes) matched column by column against PostgreSQL's, so a copy never drops or invents
// a column silently.
#pragma once

#include <string>
#include <vector>

#include "common/error.hpp"
#include "store/sql/sql_connection.hpp"

namespace anjian::store::transfer {

enum class ColumnKind { kInteger, kText, kBlob };

struct ColumnShape {
  std::string name;
  ColumnKind kind = ColumnKind::kText;
};

struct TableShape {
  std::string name;
  std::vector<ColumnShape> columns;  // in SQLite's order
  std::vector<int> key;              // indexes into `columns` of the primary key, in key order

  std::string ColumnList() const;  // "a","b",… (quoted)
};

// `name` as a double-quoted identifier (both engines accept it).
std::string QuoteIdentifier(const std::string& name);

// The tables of both databases, matched: kFailedPrecondition naming every table or column that
// exists on one side only, whose kinds differ (INTEGER/BIGINT, TEXT, BLOB/BYTEA) or whose primary
// keys differ. schema_migrations is left out (each side records its own migrations).
Result<std::vector<TableShape>> MatchTables(sql::Connection& sqlite, sql::Connection& postgres);

// max(schema_migrations.version) of a database.
Result<int> SchemaVersion(sql::Connection& db);

}  // namespace anjian::store::transfer

#include "store/transfer/table_shape.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

namespace anjian::store::transfer {

namespace {

struct SideColumn {
  std::string name;
  std::string type;  // as declared
  bool known = false;
  ColumnKind kind = ColumnKind::kText;
};

struct SideTable {
  std::vector<SideColumn> columns;
  std::vector<std::string> key;
};

// SQLite's affinity rules (https://sqlite.org/datatype3.html §3.1), for the types anjian declares.
SideColumn SqliteColumn(std::string name, std::string type) {
  std::string upper = type;
  std::transform(upper.begin(), upper.end(), upper.begin(),
                 [](unsigned char c) { return std::toupper(c); });
  SideColumn column{std::move(name), std::move(type)};
  column.known = true;
  if (upper.find("INT") != std::string::npos) {
    column.kind = ColumnKind::kInteger;
  } else if (upper.find("CHAR") != std::string::npos || upper.find("CLOB") != std::string::npos ||
             upper.find("TEXT") != std::string::npos) {
    column.kind = ColumnKind::kText;
  } else if (upper.empty() || upper.find("BLOB") != std::string::npos) {
    column.kind = ColumnKind::kBlob;
  } else {
    column.known = false;  // REAL/NUMERIC affinity: anjian stores none; refuse rather than guess
  }
  return column;
}

SideColumn PgColumn(std::string name, const std::string& type) {
  SideColumn column{std::move(name), type};
  column.known = true;
  if (type == "bigint" || type == "integer" || type == "smallint") {
    column.kind = ColumnKind::kInteger;
  } else if (type == "text" || type == "character varying" || type == "character") {
    column.kind = ColumnKind::kText;
  } else if (type == "bytea") {
    column.kind = ColumnKind::kBlob;
  } else {
    column.known = false;
  }
  return column;
}

// Tables in creation order. Virtual tables (FTS5) and their shadow tables are SQLite's own
// search machinery; PostgreSQL answers the same queries with trigram indexes.
Result<std::vector<std::pair<std::string, SideTable>>> ReadSqlite(sql::Connection& db) {
  std::vector<std::pair<std::string, SideTable>> tables;
  {
    ANJIAN_ASSIGN_OR_RETURN(
        auto stmt, db.Prepare("SELECT m.name FROM sqlite_master m JOIN pragma_table_list l "
                              "ON l.name = m.name AND l.schema = 'main' "
                              "WHERE m.type = 'table' AND l.type = 'table' AND m.name NOT LIKE "
                              "'sqlite\\_%' ESCAPE '\\' "
                              "AND m.name <> 'schema_migrations' ORDER BY m.rowid"));
    for (;;) {
      ANJIAN_ASSIGN_OR_RETURN(bool row, stmt.Step());
      if (!row) break;
      tables.push_back({stmt.Text(0), {}});
    }
  }
  ANJIAN_ASSIGN_OR_RETURN(
      auto stmt, db.Prepare("SELECT name, type, pk FROM pragma_table_info(?1) ORDER BY cid"));
  for (auto& [name, table] : tables) {
    stmt.Reset();
    stmt.Bind(1, name);
    std::vector<std::pair<std::int64_t, std::string>> key;
    for (;;) {
      ANJIAN_ASSIGN_OR_RETURN(bool row, stmt.Step());
      if (!row) break;
      table.columns.push_back(SqliteColumn(stmt.Text(0), stmt.Text(1)));
      if (stmt.Int(2) > 0) key.emplace_back(stmt.Int(2), stmt.Text(0));
    }
    std::sort(key.begin(), key.end());
    for (auto& [position, column] : key) table.key.push_back(column);
  }
  return tables;
}

Result<std::map<std::string, SideTable>> ReadPostgres(sql::Connection& db) {
  std::map<std::string, SideTable> tables;
  {
    ANJIAN_ASSIGN_OR_RETURN(
        auto stmt, db.Prepare("SELECT table_name::text FROM information_schema.tables "
                              "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' "
                              "AND table_name <> 'schema_migrations' ORDER BY 1"));
    for (;;) {
      ANJIAN_ASSIGN_OR_RETURN(bool row, stmt.Step());
      if (!row) break;
      tables[stmt.Text(0)];
    }
  }
  ANJIAN_ASSIGN_OR_RETURN(
      auto columns,
      db.Prepare("SELECT column_name::text, data_type::text FROM information_schema.columns "
                 "WHERE table_schema = current_schema() AND table_name::text = ?1 "
                 "ORDER BY ordinal_position"));
  ANJIAN_ASSIGN_OR_RETURN(
      auto key,
      db.Prepare(
          "SELECT k.column_name::text FROM information_schema.table_constraints c "
          "JOIN information_schema.key_column_usage k ON k.constraint_schema = c.constraint_schema "
          "AND k.constraint_name = c.constraint_name AND k.table_name = c.table_name "
          "WHERE c.table_schema = current_schema() AND c.table_name::text = ?1 "
          "AND c.constraint_type = 'PRIMARY KEY' ORDER BY k.ordinal_position"));
  for (auto& [name, table] : tables) {
    columns.Reset();
    columns.Bind(1, name);
    for (;;) {
      ANJIAN_ASSIGN_OR_RETURN(bool row, columns.Step());
      if (!row) break;
      table.columns.push_back(PgColumn(columns.Text(0), columns.Text(1)));
    }
    key.Reset();
    key.Bind(1, name);
    for (;;) {
      ANJIAN_ASSIGN_OR_RETURN(bool row, key.Step());
      if (!row) break;
      table.key.push_back(key.Text(0));
    }
  }
  return tables;
}

const char* KindName(ColumnKind kind) {
  switch (kind) {
    case ColumnKind::kInteger:
      return "整数";
    case ColumnKind::kText:
      return "文本";
    case ColumnKind::kBlob:
      return "二进制";
  }
  return "?";
}

std::string Joined(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& name : names) out += (out.empty() ? "" : ",") + name;
  return out;
}

}  // namespace

std::string QuoteIdentifier(const std::string& name) {
  std::string out = "\"";
  for (char c : name) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string TableShape::ColumnList() const {
  std::string out;
  for (const auto& column : columns)
    out += (out.empty() ? "" : ", ") + QuoteIdentifier(column.name);
  return out;
}

Result<std::vector<TableShape>> MatchTables(sql::Connection& sqlite, sql::Connection& postgres) {
  ANJIAN_ASSIGN_OR_RETURN(auto source, ReadSqlite(sqlite));
  ANJIAN_ASSIGN_OR_RETURN(auto target, ReadPostgres(postgres));
  std::vector<std::string> problems;
  std::vector<TableShape> shapes;
  std::set<std::string> seen;
  for (const auto& [name, table] : source) {
    seen.insert(name);
    auto found = target.find(name);
    if (found == target.end()) {
      problems.push_back("表 " + name + " 只在 SQLite 中存在");
      continue;
    }
    const SideTable& other = found->second;
    TableShape shape{name, {}, {}};
    std::map<std::string, const SideColumn*> pg_columns;
    for (const auto& column : other.columns) pg_columns[column.name] = &column;
    for (const auto& column : table.columns) {
      auto match = pg_columns.find(column.name);
      if (match == pg_columns.end()) {
        problems.push_back("列 " + name + "." + column.name + " 只在 SQLite 中存在");
        continue;
      }
      const SideColumn& pg = *match->second;
      pg_columns.erase(match);
      if (!column.known || !pg.known) {
        problems.push_back("列 " + name + "." + column.name + " 的类型无法迁移（SQLite " +
                           column.type + "，PostgreSQL " + pg.type + "）");
      } else if (column.kind != pg.kind) {
        problems.push_back("列 " + name + "." + column.name + " 类型不同（SQLite " +
                           KindName(column.kind) + "，PostgreSQL " + KindName(pg.kind) + "）");
      }
      shape.columns.push_back({column.name, column.kind});
    }
    for (const auto& [column, unused] : pg_columns) {
      problems.push_back("列 " + name + "." + column + " 只在 PostgreSQL 中存在");
    }
    if (table.key.empty()) problems.push_back("表 " + name + " 没有主键，无法逐行核对");
    if (table.key != other.key) {
      problems.push_back("表 " + name + " 的主键不同（SQLite " + Joined(table.key) +
                         "，PostgreSQL " + Joined(other.key) + "）");
    }
    for (const auto& column : table.key) {
      for (std::size_t i = 0; i < shape.columns.size(); ++i) {
        if (shape.columns[i].name == column) shape.key.push_back(static_cast<int>(i));
      }
    }
    shapes.push_back(std::move(shape));
  }
  for (const auto& [name, unused] : target) {
    if (!seen.contains(name)) problems.push_back("表 " + name + " 只在 PostgreSQL 中存在");
  }
  if (!problems.empty()) {
    std::string message = "两个数据库的表结构不一致，无法迁移: ";
    for (std::size_t i = 0; i < problems.size(); ++i) message += (i ? "；" : "") + problems[i];
    return Error::FailedPrecondition(std::move(message));
  }
  return shapes;
}

Result<int> SchemaVersion(sql::Connection& db) {
  ANJIAN_ASSIGN_OR_RETURN(auto stmt,
                          db.Prepare("SELECT COALESCE(MAX(version), 0) FROM schema_migrations"));
  ANJIAN_ASSIGN_OR_RETURN(bool row, stmt.Step());
  const int version = row ? static_cast<int>(stmt.Int(0)) : 0;
  stmt.Reset();
  return version;
}

}  // namespace anjian::store::transfer

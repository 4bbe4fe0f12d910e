// The shared shape of list queries: a WHERE clause with text binds, a total count and one page
// in (region_path, id) order. Units and inspectors both list this way.
#pragma once

#include <algorithm>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "store/sql/sql_connection.hpp"
#include "store/store.hpp"

namespace anjian::store::sql {

// `text` with LIKE's wildcards escaped by backslash (use with ESCAPE '\\').
inline std::string EscapeLike(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

// [lower, upper) bounds of the paths under `prefix` ("/1/5/" → "/1/5/", "/1/50").
std::string ScopeUpperBound(const std::string& prefix);

// Walks a scope's rows in id batches: `stmt` binds ?1/?2 (scope bounds), ?3 (last id) and
// ?4 (batch size); `visit` reads one row and returns its id.
template <typename Visit>
Status ForEachBatch(Statement& stmt, const Scope& scope, Visit visit, int batch = 5000) {
  std::int64_t last_id = 0;
  for (;;) {
    stmt.Reset();
    stmt.Bind(1, scope.region_path)
        .Bind(2, ScopeUpperBound(scope.region_path))
        .Bind(3, last_id)
        .Bind(4, batch);
    int rows = 0;
    for (;;) {
      ANJIAN_ASSIGN_OR_RETURN(bool row, stmt.Step());
      if (!row) break;
      last_id = visit(static_cast<const Statement&>(stmt));
      ++rows;
    }
    if (rows < batch) return Ok();
  }
}

// Accumulates "AND …" conditions and their (text) binds.
struct WhereClause {
  std::string sql = " WHERE 1=1";
  std::vector<std::string> binds;

  void Add(const std::string& condition, std::vector<std::string> values) {
    sql += " AND " + condition;
    binds.insert(binds.end(), std::make_move_iterator(values.begin()),
                 std::make_move_iterator(values.end()));
  }
};

// Runs COUNT(*) and the page query on `table` (a table or join); `read` turns a row of `columns`
// into T. Rows come in `order_by` order. `known_total` skips the COUNT(*) when the caller has it.
template <typename T, typename Reader>
Result<PageResult<T>> RunPagedQuery(Connection& db, const char* table, const char* columns,
                                    const WhereClause& where, const PageRequest& page, Reader read,
                                    const char* order_by = "region_path, id",
                                    std::optional<std::int64_t> known_total = std::nullopt) {
  PageResult<T> result;
  if (known_total) {
    result.total = *known_total;
  } else {
    ANJIAN_ASSIGN_OR_RETURN(auto count,
                            db.Prepare(std::string("SELECT COUNT(*) FROM ") + table + where.sql));
    for (std::size_t i = 0; i < where.binds.size(); ++i)
      count.Bind(static_cast<int>(i + 1), where.binds[i]);
    ANJIAN_ASSIGN_OR_RETURN(bool row, count.Step());
    result.total = row ? count.Int(0) : 0;
  }
  const int page_size = std::clamp(page.page_size, 1, 1000);
  const std::int64_t offset = static_cast<std::int64_t>(std::max(page.page, 1) - 1) * page_size;
  ANJIAN_ASSIGN_OR_RETURN(
      auto stmt, db.Prepare(std::string("SELECT ") + columns + " FROM " + table + where.sql +
                            " ORDER BY " + order_by + " LIMIT ? OFFSET ?"));
  int index = 1;
  for (const auto& b : where.binds) stmt.Bind(index++, b);
  stmt.Bind(index, page_size).Bind(index + 1, offset);
  for (;;) {
    ANJIAN_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    // A reader returns T, or Result<T> when a row can hold a value it must refuse to read.
    if constexpr (std::is_same_v<decltype(read(stmt)), T>) {
      result.items.push_back(read(stmt));
    } else {
      ANJIAN_ASSIGN_OR_RETURN(auto item, read(stmt));
      result.items.push_back(std::move(item));
    }
  }
  return result;
}

}  // namespace anjian::store::sql

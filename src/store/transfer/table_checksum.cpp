#include "store/transfer/table_checksum.hpp"

#include <array>
#include <vector>

namespace anjian::store::transfer {

namespace {

// The last row's key, to start the next page after it.
struct KeyValue {
  std::int64_t integer = 0;
  std::string bytes;
};

void AppendValue(std::string& out, std::string_view value) {
  out += 'V';
  out += std::to_string(value.size());
  out += ':';
  out += value;
}

void AppendRow(std::string& out, const sql::Statement& row, const TableShape& table) {
  for (std::size_t i = 0; i < table.columns.size(); ++i) {
    const int column = static_cast<int>(i);
    if (i > 0) out += ',';
    if (row.IsNull(column)) {
      out += 'N';
    } else if (table.columns[i].kind == ColumnKind::kBlob) {
      AppendValue(out, HexOf(row.Blob(column)));
    } else {
      AppendValue(out, row.Text(column));
    }
  }
  out += '\n';
}

}  // namespace

std::string CanonicalHeader(const TableShape& table) {
  std::string text = "anjian-table-v1\n" + table.name + "\n";
  for (std::size_t i = 0; i < table.columns.size(); ++i)
    text += (i ? "," : "") + table.columns[i].name;
  text += '\n';
  return text;
}

void AppendCanonicalRow(std::string& out, const RowValues& row) {
  for (std::size_t i = 0; i < row.size(); ++i) {
    if (i > 0) out += ',';
    if (row[i].null) {
      out += 'N';
    } else {
      AppendValue(out, row[i].bytes);
    }
  }
  out += '\n';
}

Result<TableChecksum> ChecksumTable(sql::Connection& db, const TableShape& table, int page_rows,
                                    const std::string& where) {
  ANJIAN_ASSERT(page_rows > 0 && !table.key.empty());
  // PostgreSQL text keys are COLLATE "C" in anjian's schema; saying so here keeps the order
  // byte-wise (SQLite's) even if a column were created with another collation.
  const bool postgres = db.dialect() == sql::Dialect::kPostgres;
  std::string keys;
  std::string parameters;
  for (std::size_t i = 0; i < table.key.size(); ++i) {
    const ColumnShape& column = table.columns[static_cast<std::size_t>(table.key[i])];
    if (i > 0) {
      keys += ", ";
      parameters += ", ";
    }
    keys += QuoteIdentifier(column.name);
    if (postgres && column.kind == ColumnKind::kText) keys += " COLLATE \"C\"";
    parameters += "?" + std::to_string(i + 1);
  }
  const std::string select =
      "SELECT " + table.ColumnList() + " FROM " + QuoteIdentifier(table.name);
  const std::string order = " ORDER BY " + keys + " LIMIT " + std::to_string(page_rows);
  const std::string filter = where.empty() ? "" : "(" + where + ") AND ";
  const std::string first_page = select + (where.empty() ? "" : " WHERE (" + where + ")") + order;
  const std::string next_page =
      select + " WHERE " + filter + "(" + keys + ") > (" + parameters + ")" + order;

  Sha256 hash;
  std::string text = CanonicalHeader(table);

  TableChecksum checksum;
  std::vector<KeyValue> last(table.key.size());
  for (bool first = true;; first = false) {
    ANJIAN_ASSIGN_OR_RETURN(auto page, db.Prepare(first ? first_page : next_page));
    if (!first) {
      for (std::size_t i = 0; i < last.size(); ++i) {
        const int index = static_cast<int>(i) + 1;
        switch (table.columns[static_cast<std::size_t>(table.key[i])].kind) {
          case ColumnKind::kInteger:
            page.Bind(index, last[i].integer);
            break;
          case ColumnKind::kText:
            page.Bind(index, last[i].bytes);
            break;
          case ColumnKind::kBlob:
            page.BindBlob(index, last[i].bytes);
            break;
        }
      }
    }
    int in_page = 0;
    for (;;) {
      ANJIAN_ASSIGN_OR_RETURN(bool row, page.Step());
      if (!row) break;
      ++in_page;
      AppendRow(text, page, table);
      if (text.size() >= (std::size_t{1} << 16)) {
        hash.Update(text);
        text.clear();
      }
      for (std::size_t i = 0; i < last.size(); ++i) {
        const int column = table.key[i];
        if (page.IsNull(column)) {
          return Error::FailedPrecondition("表 " + table.name + " 有主键为空的行，无法逐行核对");
        }
        if (table.columns[static_cast<std::size_t>(column)].kind == ColumnKind::kInteger) {
          last[i].integer = page.Int(column);
        } else if (table.columns[static_cast<std::size_t>(column)].kind == ColumnKind::kText) {
          last[i].bytes = page.Text(column);
        } else {
          last[i].bytes = page.Blob(column);
        }
      }
    }
    checksum.rows += in_page;
    if (in_page < page_rows) break;
  }
  hash.Update(text);
  checksum.sha256 = hash.HexDigest();
  return checksum;
}

}  // namespace anjian::store::transfer

// A table's fingerprint, computed the same way on SQLite and on PostgreSQL through the
// sql::Connection port, so equal fingerprints mean equal rows.
//
// Rows are read in primary-key order (text keys compare byte-wise on both engines: SQLite's
// BINARY collation, PostgreSQL's "C"), a page at a time by key. The canonical text is
//   "anjian-table-v1\n" <table> "\n" <column>,<column>… "\n"  then per row
//   <value>,<value>… "\n"   with   <value> = "N" (NULL) | "V" <byte length> ":" <bytes>
// where integers are decimal, text is its UTF-8 bytes and blobs are lowercase hex, so NULL and ''
// differ and no value can imitate a separator. The checksum is the SHA-256 of that text, in hex.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"
#include "common/sha256.hpp"
#include "store/sql/sql_connection.hpp"
#include "store/transfer/table_shape.hpp"

namespace anjian::store::transfer {

struct TableChecksum {
  std::int64_t rows = 0;
  std::string sha256;
};

// Reads every row of `table` on `db` (inside the caller's transaction, for one snapshot),
// `page_rows` rows per query. A non-empty `where` (an SQL condition without parameters) limits
// the rows, e.g. to those one merged street brought (merge.hpp).
Result<TableChecksum> ChecksumTable(sql::Connection& db, const TableShape& table, int page_rows,
                                    const std::string& where = {});

// The same canonical text for rows held in memory (a merge checksums the rows it writes before
// they reach the target): one value per column, blobs already as lowercase hex.
struct CellValue {
  bool null = true;
  std::string bytes;
};
using RowValues = std::vector<CellValue>;
std::string CanonicalHeader(const TableShape& table);
void AppendCanonicalRow(std::string& out, const RowValues& row);

}  // namespace anjian::store::transfer

// Shared machinery of the importers: header mapping, per-row cell access and error collection.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/import_service.hpp"
#include "io/table.hpp"
#include "store/store.hpp"

namespace anjian::app {

// Collects errors, counting those beyond the reporting cap.
class ErrorSink {
 public:
  void Add(int row, std::string column, std::string message);
  bool empty() const { return count_ == 0; }
  int count() const { return count_; }
  // Moves the errors into the report, with a summary line when some were not listed.
  void FinishInto(ImportReport& report);

 private:
  std::vector<ImportError> errors_;
  int count_ = 0;
};

// Maps header names to column indexes; knows whether the source was xlsx (trailing empty cells
// are normal there) or csv (a short or long row is a ragged row and reported).
class SheetView {
 public:
  // Reads the header row, checking required columns exist once. Returns false (with errors
  // added) when the header is unusable.
  bool Init(const io::Table& table, bool from_xlsx, const std::vector<std::string>& required,
            const std::vector<std::string>& optional, ErrorSink& errors);
  bool Has(const std::string& column) const { return columns_.count(column) > 0; }
  // The trimmed text of a column in a row ("" when the column or cell is absent).
  std::string Text(const io::Row& row, const std::string& column) const;
  const io::Cell* CellAt(const io::Row& row, const std::string& column) const;
  // Reports ragged csv rows; returns false when the row is ragged.
  bool CheckShape(const io::Row& row, int row_number, ErrorSink& errors) const;
  static bool IsBlank(const io::Row& row);

 private:
  std::map<std::string, std::size_t> columns_;
  std::size_t header_width_ = 0;
  bool from_xlsx_ = false;
};

// Reads the file into a table; on failure adds a row-0 error and returns nullopt.
std::optional<io::Table> ReadImportFile(std::string_view bytes, const std::string& file_name,
                                        ErrorSink& errors, bool& from_xlsx);

// What every import starts from: the decoded table, its header map, a read snapshot and the
// street the rows go to.
struct OpenedImport {
  io::Table table;
  SheetView sheet;
  std::unique_ptr<store::StoreSession> read;
  domain::Region street;
};

// Reads the file, checks the header for `required` columns and resolves the street. File-level
// problems are added to `errors` and give nullopt; storage failures are the Result's error.
Result<std::optional<OpenedImport>> OpenImport(store::Store& store, const Principal& who,
                                               std::string_view bytes, const ImportOptions& options,
                                               const std::vector<std::string>& required,
                                               ErrorSink& errors);

// The street a file is imported into: by name, or the only street in the caller's scope.
Result<domain::Region> ResolveStreet(store::StoreSession& session, const Principal& who,
                                     const std::string& street_name);

// True when a code cell was evidently stored as a number (xlsx numeric cell, or scientific
// notation text such as 9.13501E+17 in a csv saved by Excel).
bool LooksLikeDestroyedCode(const io::Cell& cell);

}  // namespace anjian::app

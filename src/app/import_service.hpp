// Atomic import of the registry and roster from csv/xlsx (PRODUCT.md templates). Every bad
// cell is reported as 第N行 [列名] 原因 (N = spreadsheet row, header = row 1); when any row is
// bad nothing is written. Communities and grids named in the file are created under the chosen
// street if missing. Dry runs validate everything and write nothing.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/principal.hpp"
#include "common/clock.hpp"
#include "domain/registry/key_policy.hpp"
#include "store/store.hpp"

namespace anjian::app {

struct ImportError {
  int row = 0;                 // spreadsheet row; 0 = the file as a whole
  std::string column;          // header name, "" when the row or file as a whole is wrong
  std::string message;         // Chinese
  std::string ToLine() const;  // "第N行 [列名] 原因"
};

struct ImportOptions {
  std::string file_name;
  std::string street_name;  // empty: the caller's street, or the only street in scope
  bool dry_run = false;
};

struct ImportReport {
  bool dry_run = false;
  int rows = 0;                     // data rows read (blank rows not counted)
  int valid_rows = 0;               // rows that passed every check
  int imported = 0;                 // rows written (0 on a dry run or when any row is bad)
  int created_regions = 0;          // communities/grids created (or that would be, on a dry run)
  std::vector<ImportError> errors;  // at most kMaxReportedErrors, then one summary entry
  int error_count = 0;              // every error, including unreported ones
  std::string street;
};

inline constexpr int kMaxReportedErrors = 1000;

class ImportService {
 public:
  ImportService(store::Store& store, const Clock& clock, domain::KeyPolicy key_policy)
      : store_(store), clock_(clock), key_policy_(std::move(key_policy)) {}

  // Reads the file (xlsx or csv, detected from the bytes) and imports units. A file that cannot
  // be read at all is reported as one error with row 0, not as a failed Result; Result errors
  // are reserved for permission and storage failures.
  Result<ImportReport> ImportUnits(const Principal& who, std::string_view bytes,
                                   const ImportOptions& options);
  Result<ImportReport> ImportInspectors(const Principal& who, std::string_view bytes,
                                        const ImportOptions& options);

 private:
  // Failed (non-dry-run) attempts are logged too, so the dashboard shows them.
  Status LogFailedImport(std::string_view kind, const Principal& who, const ImportOptions& options,
                         const ImportReport& report);

  store::Store& store_;
  const Clock& clock_;
  domain::KeyPolicy key_policy_;
};

// Header names of the templates, in template order.
const std::vector<std::string>& UnitTemplateHeaders();
const std::vector<std::string>& InspectorTemplateHeaders();

}  // namespace anjian::app

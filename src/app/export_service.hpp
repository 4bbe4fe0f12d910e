// Export of the registry and roster as xlsx (LibreOffice/Excel open it with the same rows) or
// csv, and the import templates with one example row. Exported files re-import unchanged.
#pragma once

#include <string>

#include "app/principal.hpp"
#include "store/store.hpp"

namespace anjian::app {

enum class ExportFormat { kXlsx, kCsv };

class ExportService {
 public:
  explicit ExportService(store::Store& store) : store_(store) {}

  // Writes the caller's units / inspectors to `path`. Returns the number of data rows.
  Result<std::int64_t> ExportUnits(const Principal& who, const std::string& path,
                                   ExportFormat format);
  Result<std::int64_t> ExportInspectors(const Principal& who, const std::string& path,
                                        ExportFormat format);
  // kind: "units" or "inspectors".
  static Status WriteTemplate(std::string_view kind, const std::string& path);

 private:
  store::Store& store_;
};

// ".xlsx" → kXlsx, ".csv" → kCsv, anything else kInvalidArgument.
Result<ExportFormat> ExportFormatForPath(const std::string& path);

}  // namespace anjian::app

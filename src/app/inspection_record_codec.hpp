// The on-site record's JSON: parsing a submission (strict types, every field error named) and the
// canonical stored body (what the record's content hash covers).
#pragma once

#include <nlohmann/json.hpp>

#include "common/error.hpp"
#include "domain/inspection/record.hpp"

namespace anjian::app {

// Signature fields of the result still hold the submitted data URLs; the service replaces them
// with the SHA-256 of the stored PNGs.
Result<domain::InspectionRecord> ParseRecordBody(const nlohmann::json& body);
nlohmann::json RecordBodyToJson(const domain::InspectionRecord& record);

}  // namespace anjian::app

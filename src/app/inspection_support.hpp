// Small helpers shared by the inspection use cases (tasks, records, documents, enterprise side).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "app/principal.hpp"
#include "common/error.hpp"
#include "domain/registry/unit.hpp"

namespace anjian::app {

// A trimmed string field: missing/null → "" (or an error when required); wrong type or too long →
// 400 naming it.
Result<std::string> TextField(const nlohmann::json& body, const std::string& key, bool required,
                              std::size_t max_chars, const std::string& path = "");
// All field errors as one 400 whose message lists them and whose field is the first one.
Error FieldErrors(const std::vector<domain::FieldError>& errors);
// A signature given as a PNG data URL, decoded and checked, as an upload row carrying its bytes:
// signatures are stored in the database with the record or receipt that carries them (one durable
// commit), photos in the file store. `field` names it in errors (400).
Result<store::UploadRow> SignatureUpload(const Principal& who, const std::string& data_url,
                                         const std::string& field, std::int64_t now);
// Enterprise accounts see their own unit only; everything else is by jurisdiction (store scope).
bool SeesUnit(const Principal& who, const UnitId& unit);

}  // namespace anjian::app

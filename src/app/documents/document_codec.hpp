// DocumentContent as stored JSON. The stored text is what the verification hash covers, so the
// encoding must stay stable: keys in fixed (sorted) order, no whitespace, no floating point.
#pragma once

#include <nlohmann/json.hpp>

#include "app/documents/document_content.hpp"
#include "common/error.hpp"

namespace anjian::app {

nlohmann::json DocumentContentToJson(const DocumentContent& content);
Result<DocumentContent> DocumentContentFromJson(const nlohmann::json& json);

}  // namespace anjian::app

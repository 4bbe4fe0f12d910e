// JSON forms of registry and roster rows, shared by the HTTP API and the change history.
// Input parsing is strict: wrong JSON types and unknown enum values are kInvalidArgument
// naming the field; enum fields accept the English code or the Chinese label.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "common/error.hpp"
#include "domain/registry/region.hpp"
#include "domain/registry/unit.hpp"
#include "domain/roster/inspector.hpp"
#include "store/store.hpp"

namespace anjian::app {

// Resolves a region id to its name for display ("" if unknown).
using RegionNamer = std::function<std::string(RegionId)>;

nlohmann::json UnitToJson(const domain::Unit& unit, const RegionNamer& namer);
// The same object appended as text (list responses write this directly; see json_writer.hpp).
void AppendUnitJson(std::string& out, const domain::Unit& unit, const RegionNamer& namer);
nlohmann::json InspectorToJson(const domain::Inspector& inspector, const RegionNamer& namer);
nlohmann::json RegionToJson(const domain::Region& region);
nlohmann::json UserToJson(const store::User& user);

// Applies the fields present in `body` onto `unit` (a PATCH-like merge so PUT may send the
// whole object or a subset). Server-owned fields (id, is_key, timestamps) are ignored.
Status MergeUnitJson(const nlohmann::json& body, domain::Unit& unit);
Status MergeInspectorJson(const nlohmann::json& body, domain::Inspector& inspector);
Status MergeRegionJson(const nlohmann::json& body, domain::Region& region);
// The "version" field the client read, required for updates.
Result<int> RequiredVersion(const nlohmann::json& body);

}  // namespace anjian::app

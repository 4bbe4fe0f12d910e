// The registry area of the store: the region tree, regulated units, the change counters, the
// history of registry rows and the import log.
//
// Contract:
// - Reads take a Scope (the caller's region subtree). A row outside it behaves as missing
//   (kNotFound), never as forbidden, so ids of other streets do not leak.
// - Writes need a write session (Store::Write); in a read session they fail.
// - Updates and deletes carry the version the caller read: kConflict when the row has moved on,
//   kNotFound when it is gone. A successful update returns the row with version + 1.
// - Unique keys (a unit's credit code, a region's name among its siblings) give kAlreadyExists.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/error.hpp"
#include "common/ids.hpp"
#include "domain/registry/region.hpp"
#include "domain/registry/unit.hpp"
#include "store/scope.hpp"

namespace anjian::store {

struct UnitQuery {
  std::string text;  // matches name, credit code, address (substring)
  std::optional<domain::RiskColour> risk;
  std::optional<domain::SupervisionLevel> level;
  std::optional<RegionId> region;  // a community, village or grid: units under it
  std::optional<bool> key;
  std::optional<domain::SupervisionCategory> category;
  std::optional<domain::UnitStatus> status;
  PageRequest page;
};

// Counts for the dashboard: units in the scope grouped several ways.
struct RegistryStats {
  std::int64_t total = 0;
  std::int64_t key = 0;
  std::vector<std::pair<std::string, std::int64_t>> by_risk;    // risk code → count
  std::vector<std::pair<std::string, std::int64_t>> by_level;   // level code → count
  std::vector<std::pair<std::string, std::int64_t>> by_status;  // status code → count
  struct CommunityCount {
    RegionId id;
    std::string name;
    std::int64_t total = 0;
    std::int64_t key = 0;
  };
  std::vector<CommunityCount> by_community;  // largest first
};

// One change of a registry row, with the full row after the change as JSON.
struct HistoryEntry {
  std::string entity;  // "unit", "inspector", "region"
  std::int64_t entity_id = 0;
  int version = 0;
  std::string action;  // "create", "update", "delete", "import"
  std::string actor;   // username
  std::int64_t at = 0;
  std::string snapshot_json;
};

struct ImportRecord {
  std::int64_t id = 0;
  std::string kind;  // "units", "inspectors"
  std::string file_name;
  std::string actor;
  std::int64_t at = 0;
  std::int64_t rows = 0;
  std::int64_t imported = 0;
  std::int64_t error_count = 0;
  bool dry_run = false;
};

class RegistryPort {
 public:
  virtual ~RegistryPort() = default;

  // --- Regions
  // All regions inside the scope, parents before children.
  virtual Result<std::vector<domain::Region>> ListRegions(const Scope& scope) = 0;
  // kNotFound when missing or outside the scope.
  virtual Result<domain::Region> GetRegion(const Scope& scope, RegionId id) = 0;
  // The child of `parent` (a root when empty) with exactly this name, or nullopt.
  virtual Result<std::optional<domain::Region>> FindRegionByName(std::optional<RegionId> parent,
                                                                 std::string_view name) = 0;
  // Names of the given regions (any scope: names are not sensitive); unknown ids are absent.
  virtual Result<std::vector<std::pair<RegionId, std::string>>> RegionNamesOf(
      const std::vector<RegionId>& ids) = 0;
  // Write sessions only. Assigns id, path and version 1. kAlreadyExists when a sibling
  // has the same name.
  virtual Result<domain::Region> InsertRegion(const domain::Region& region) = 0;
  // Write sessions only. Updates name and code when region.version matches (else kConflict);
  // returns the row with the incremented version.
  virtual Result<domain::Region> UpdateRegion(const domain::Region& region) = 0;
  // Write sessions only. kFailedPrecondition when the region has children, units or
  // inspectors; kConflict on a stale version.
  virtual Status DeleteRegion(RegionId id, int expected_version) = 0;

  // --- Units
  // A page of units ordered by region (community, then grid) and then id.
  virtual Result<PageResult<domain::Unit>> ListUnits(const Scope& scope,
                                                     const UnitQuery& query) = 0;
  virtual Result<domain::Unit> GetUnit(const Scope& scope, UnitId id) = 0;
  virtual Result<std::optional<domain::Unit>> FindUnitByCode(const Scope& scope,
                                                             std::string_view credit_code) = 0;
  // Calls visit for every unit in the scope, ordered by id (exports stream through this).
  virtual Status ForEachUnit(const Scope& scope,
                             const std::function<void(const domain::Unit&)>& visit) = 0;
  // Of the given codes, those already registered (in any scope: codes are unique system-wide).
  virtual Result<std::vector<std::string>> ExistingUnitCodes(
      const std::vector<std::string>& codes) = 0;
  // Write sessions only. Assigns id, version 1 and timestamps (`now`). kAlreadyExists on a
  // duplicate credit code; kInvalidArgument when community/grid do not exist.
  virtual Result<domain::Unit> InsertUnit(const domain::Unit& unit, std::int64_t now) = 0;
  // Write sessions only. unit.version is the version the caller read: kConflict when the row
  // has moved on, kNotFound when missing. Returns the row with version + 1.
  virtual Result<domain::Unit> UpdateUnit(const domain::Unit& unit, std::int64_t now) = 0;
  virtual Status DeleteUnit(UnitId id, int expected_version) = 0;
  virtual Result<std::int64_t> CountUnits(const Scope& scope) = 0;
  virtual Result<RegistryStats> UnitStats(const Scope& scope) = 0;

  // --- Change counters
  // A number that grows with every committed change of the named data set ("registry": units
  // and regions; "roster": inspectors), whoever made it. Equal values mean nothing changed.
  virtual Result<std::int64_t> ChangeCounter(std::string_view name) = 0;

  // --- History and import log
  virtual Status AppendHistory(const HistoryEntry& entry) = 0;
  // Newest first, at most `limit`.
  virtual Result<std::vector<HistoryEntry>> ListHistory(std::string_view entity,
                                                        std::int64_t entity_id, int limit) = 0;
  virtual Result<std::int64_t> RecordImport(const ImportRecord& record) = 0;
  virtual Result<std::vector<ImportRecord>> ListImports(int limit) = 0;
};

}  // namespace anjian::store

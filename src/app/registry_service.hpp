// Use cases of the registry (C1): regions and units. Each write opens a transaction, checks
// permission and jurisdiction, validates with the domain, derives is_key (R-RISK-2), saves
// and appends the row's history in the same transaction.
#pragma once

#include <unordered_map>

#include "app/json_codec.hpp"
#include "app/page_cache.hpp"
#include "app/principal.hpp"
#include "common/clock.hpp"
#include "domain/registry/key_policy.hpp"
#include "store/store.hpp"

namespace anjian::app {

// Region id → name, loaded once per request for display.
struct RegionNames {
  std::unordered_map<std::int64_t, std::string> names;
  RegionNamer Namer() const;
};

struct UnitPage {
  store::PageResult<domain::Unit> page;
  RegionNames regions;
};

class RegistryService {
 public:
  RegistryService(store::Store& store, const Clock& clock, domain::KeyPolicy key_policy,
                  std::size_t page_cache_entries = 512)
      : store_(store),
        clock_(clock),
        key_policy_(std::move(key_policy)),
        unit_pages_(page_cache_entries) {}

  Result<UnitPage> ListUnits(const Principal& who, const store::UnitQuery& query);
  // The same page rendered as the API's {items,total,page,page_size} JSON, served from the
  // page cache while the registry's change counter is unchanged.
  Result<std::shared_ptr<const std::string>> ListUnitsJson(const Principal& who,
                                                           const store::UnitQuery& query);
  Result<std::pair<domain::Unit, RegionNames>> GetUnit(const Principal& who, UnitId id);
  // `body` is the JSON the client sent; fields absent keep their defaults.
  Result<domain::Unit> CreateUnit(const Principal& who, const nlohmann::json& body);
  // Requires body.version (optimistic concurrency): kConflict when stale.
  Result<domain::Unit> UpdateUnit(const Principal& who, UnitId id, const nlohmann::json& body);
  Status DeleteUnit(const Principal& who, UnitId id, int expected_version);
  Result<std::vector<store::HistoryEntry>> UnitHistory(const Principal& who, UnitId id);
  Result<RegionNames> LoadRegionNames(const Principal& who);
  // Dashboard counts of the caller's jurisdiction.
  Result<store::RegistryStats> Stats(const Principal& who);

  Result<std::vector<domain::Region>> ListRegions(const Principal& who);
  Result<domain::Region> GetRegion(const Principal& who, RegionId id);
  Result<domain::Region> CreateRegion(const Principal& who, const nlohmann::json& body);
  Result<domain::Region> UpdateRegion(const Principal& who, RegionId id,
                                      const nlohmann::json& body);
  Status DeleteRegion(const Principal& who, RegionId id, int expected_version);

  const domain::KeyPolicy& key_policy() const { return key_policy_; }

  // Checks a unit against the domain rules and the region tree (community is a community or
  // village inside the caller's scope; grid under that community); sets is_key.
  Status PrepareUnit(store::StoreSession& session, const Principal& who, domain::Unit& unit) const;

 private:
  // Lists within an open read session (shared by ListUnits and ListUnitsJson).
  Result<UnitPage> ListUnitsIn(store::StoreSession& session, const Principal& who,
                               const store::UnitQuery& query);

  store::Store& store_;
  const Clock& clock_;
  domain::KeyPolicy key_policy_;
  PageCache unit_pages_;
};

// Joins field errors into one kInvalidArgument (field = the first one's).
Status FieldErrorsToStatus(const std::vector<domain::FieldError>& errors);

}  // namespace anjian::app

// Use cases of the roster (C2): inspectors and leaders, with optimistic concurrency and history.
#pragma once

#include "app/registry_service.hpp"

namespace anjian::app {

struct InspectorPage {
  store::PageResult<domain::Inspector> page;
  RegionNames regions;
};

class RosterService {
 public:
  RosterService(store::Store& store, const Clock& clock) : store_(store), clock_(clock) {}

  Result<InspectorPage> List(const Principal& who, const store::InspectorQuery& query);
  Result<std::pair<domain::Inspector, RegionNames>> Get(const Principal& who, InspectorId id);
  Result<domain::Inspector> Create(const Principal& who, const nlohmann::json& body);
  Result<domain::Inspector> Update(const Principal& who, InspectorId id,
                                   const nlohmann::json& body);
  Status Delete(const Principal& who, InspectorId id, int expected_version);

  // Domain validation plus: jurisdiction is a street/community/village inside the scope.
  static Status Prepare(store::StoreSession& session, const Principal& who,
                        const domain::Inspector& inspector);

 private:
  Result<RegionNames> Names(store::StoreSession& session);
  store::Store& store_;
  const Clock& clock_;
};

}  // namespace anjian::app

// The roster area of the store: certified inspectors (执法人员).
//
// Contract: the registry's (registry_port.hpp): scoped reads with rows outside the scope missing,
// writes in write sessions only, optimistic versions (kConflict), and the employee number (工号)
// as the unique key (kAlreadyExists).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "common/error.hpp"
#include "common/ids.hpp"
#include "domain/roster/inspector.hpp"
#include "store/scope.hpp"

namespace anjian::store {

struct InspectorQuery {
  std::string text;  // name, employee number, certificate number, department
  std::optional<domain::InspectorRole> role;
  std::optional<RegionId> region;
  PageRequest page;
};

class RosterPort {
 public:
  virtual ~RosterPort() = default;

  virtual Result<PageResult<domain::Inspector>> ListInspectors(const Scope& scope,
                                                               const InspectorQuery& query) = 0;
  virtual Result<domain::Inspector> GetInspector(const Scope& scope, InspectorId id) = 0;
  virtual Status ForEachInspector(const Scope& scope,
                                  const std::function<void(const domain::Inspector&)>& visit) = 0;
  virtual Result<std::vector<std::string>> ExistingEmployeeNumbers(
      const std::vector<std::string>& employee_numbers) = 0;
  // Same contracts as the unit writes; the unique key is the employee number (工号).
  virtual Result<domain::Inspector> InsertInspector(const domain::Inspector& inspector,
                                                    std::int64_t now) = 0;
  virtual Result<domain::Inspector> UpdateInspector(const domain::Inspector& inspector,
                                                    std::int64_t now) = 0;
  virtual Status DeleteInspector(InspectorId id, int expected_version) = 0;
};

}  // namespace anjian::store

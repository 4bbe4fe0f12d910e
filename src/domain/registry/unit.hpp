// A regulated production unit (生产经营单位), PRODUCT.md C1. `is_key` is never set by hand:
// the application derives it with domain::IsKeyUnit (R-RISK-2) on every write.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/error.hpp"
#include "common/ids.hpp"
#include "domain/registry/enums.hpp"

namespace anjian::domain {

struct Unit {
  UnitId id;
  std::string credit_code;
  // An early code that fails the GB 32100 checksum but was legitimately issued (§14.1).
  bool credit_code_override = false;
  std::string credit_code_override_reason;
  std::string name;
  std::string address;
  RegionId community_id;  // a community or village
  std::optional<RegionId> grid_id;
  std::vector<SupervisionCategory> categories;
  std::string industry_section;  // GB/T 4754 section letter A–T, optional
  SupervisionLevel level = SupervisionLevel::kLevel3;
  RiskColour risk = RiskColour::kBlue;
  bool accident_last_year = false;
  bool major_hazard_source = false;
  int employees = 0;
  std::string supervising_department;
  std::string safety_manager;
  std::string contact_phone;
  UnitStatus status = UnitStatus::kOperating;
  bool is_key = false;  // derived
  int version = 1;
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
};

// A field-level problem: `field` is the API field name (the importer maps it to a column).
struct FieldError {
  std::string field;
  std::string message;
};

// Checks the credit code (honouring the override) and every free-text and numeric field.
// Returns all problems, not just the first, so an import row lists each bad column.
std::vector<FieldError> ValidateUnit(const Unit& unit);

// Parses the 行业类别 cell: categories separated by ；; 、 , or ，. Duplicates are collapsed.
Result<std::vector<SupervisionCategory>> ParseCategories(std::string_view text);
std::string JoinCategoryLabels(const std::vector<SupervisionCategory>& categories);

}  // namespace anjian::domain

#include "domain/registry/region.hpp"

#include "common/text.hpp"

namespace anjian::domain {

bool MayBeChildOf(RegionLevel child, std::optional<RegionLevel> parent) {
  switch (child) {
    case RegionLevel::kDistrict:
      return !parent.has_value();
    case RegionLevel::kStreet:
      return parent == RegionLevel::kDistrict;
    case RegionLevel::kCommunity:
    case RegionLevel::kVillage:
      return parent == RegionLevel::kStreet;
    case RegionLevel::kGrid:
      return parent == RegionLevel::kCommunity || parent == RegionLevel::kVillage;
  }
  return false;
}

Status ValidateRegionCode(RegionLevel level, std::string_view code) {
  // Empty is allowed at every level, the district too: a street starting on its own data
  // (`anjian init`) may not have the district's GB/T 2260 code at hand; given, it is checked.
  if (code.empty()) return Ok();
  std::size_t expected = 0;
  switch (level) {
    case RegionLevel::kDistrict:
      expected = 6;
      break;
    case RegionLevel::kStreet:
      expected = 9;
      break;
    case RegionLevel::kCommunity:
    case RegionLevel::kVillage:
      expected = 12;
      break;
    case RegionLevel::kGrid:
      expected = 0;
      break;
  }
  if (expected == 0) {
    if (code.size() > 32) return Error::InvalidArgument("网格编号过长（最多32个字符）", "code");
    return Ok();
  }
  if (code.size() != expected || code.find_first_not_of("0123456789") != std::string_view::npos) {
    return Error::InvalidArgument(
        std::string(Label(level)) + "代码应为" + std::to_string(expected) + "位数字", "code");
  }
  return Ok();
}

Status ValidateRegion(const Region& region, std::optional<RegionLevel> parent_level) {
  const auto name = Trim(region.name);
  if (name.empty()) return Error::InvalidArgument("名称不能为空", "name");
  if (Utf8Length(name) > 64) return Error::InvalidArgument("名称过长（最多64个字）", "name");
  if (!MayBeChildOf(region.level, parent_level)) {
    return Error::InvalidArgument(
        std::string(Label(region.level)) + "不能设在" +
            (parent_level ? std::string(Label(*parent_level)) + "之下" : std::string("顶层")),
        "parent_id");
  }
  return ValidateRegionCode(region.level, region.code);
}

}  // namespace anjian::domain

#include "domain/registry/enums.hpp"

namespace anjian::domain {

const std::vector<EnumEntry<SupervisionLevel>>& SupervisionLevels() {
  static const std::vector<EnumEntry<SupervisionLevel>> kTable = {
      {SupervisionLevel::kLevel1, "level1", "一级", {"1", "一", "1级"}},
      {SupervisionLevel::kLevel2, "level2", "二级", {"2", "二", "2级"}},
      {SupervisionLevel::kLevel3, "level3", "三级", {"3", "三", "3级"}},
  };
  return kTable;
}

const std::vector<EnumEntry<RiskColour>>& RiskColours() {
  static const std::vector<EnumEntry<RiskColour>> kTable = {
      {RiskColour::kRed, "red", "红", {"红色", "重大", "重大风险"}},
      {RiskColour::kOrange, "orange", "橙", {"橙色", "较大", "较大风险"}},
      {RiskColour::kYellow, "yellow", "黄", {"黄色", "一般", "一般风险"}},
      {RiskColour::kBlue, "blue", "蓝", {"蓝色", "低", "低风险"}},
  };
  return kTable;
}

const std::vector<EnumEntry<UnitStatus>>& UnitStatuses() {
  static const std::vector<EnumEntry<UnitStatus>> kTable = {
      {UnitStatus::kOperating, "operating", "在营", {"正常", "营业"}},
      {UnitStatus::kSuspended, "suspended", "停业", {"停产", "停产停业"}},
      {UnitStatus::kClosed, "closed", "关闭", {"注销", "关停"}},
  };
  return kTable;
}

const std::vector<EnumEntry<RegionLevel>>& RegionLevels() {
  static const std::vector<EnumEntry<RegionLevel>> kTable = {
      {RegionLevel::kDistrict, "district", "区县", {"区", "县"}},
      {RegionLevel::kStreet, "street", "街道", {"乡镇", "镇", "乡"}},
      {RegionLevel::kCommunity, "community", "社区", {}},
      {RegionLevel::kVillage, "village", "村", {"行政村"}},
      {RegionLevel::kGrid, "grid", "网格", {}},
  };
  return kTable;
}

const std::vector<EnumEntry<SupervisionCategory>>& SupervisionCategories() {
  using C = SupervisionCategory;
  static const std::vector<EnumEntry<SupervisionCategory>> kTable = {
      {C::kHazardousChemicals, "hazardous_chemicals", "危险化学品", {"危化品", "危化"}},
      {C::kFireworks, "fireworks", "烟花爆竹", {}},
      {C::kNonCoalMining, "non_coal_mining", "非煤矿山", {}},
      {C::kMetallurgy, "metallurgy", "冶金", {}},
      {C::kMachinery, "machinery", "机械", {}},
      {C::kBuildingMaterials, "building_materials", "建材", {}},
      {C::kLightIndustry, "light_industry", "轻工", {}},
      {C::kCommerce, "commerce", "商贸", {}},
      {C::kConfinedSpace, "confined_space", "有限空间", {}},
      {C::kCombustibleDust, "combustible_dust", "粉尘涉爆", {"粉尘"}},
      {C::kAmmoniaRefrigeration, "ammonia_refrigeration", "涉氨制冷", {}},
      {C::kNineSmallPlaces, "nine_small_places", "九小场所", {}},
      {C::kCrowdedPlaces, "crowded_places", "人员密集场所", {}},
      {C::kGas, "gas", "燃气", {}},
      {C::kConstruction, "construction", "建筑施工", {}},
      {C::kOther, "other", "其他", {}},
  };
  return kTable;
}

std::string_view Code(SupervisionLevel v) { return FindEntry(SupervisionLevels(), v).code; }
std::string_view Label(SupervisionLevel v) { return FindEntry(SupervisionLevels(), v).label; }
std::string_view Code(RiskColour v) { return FindEntry(RiskColours(), v).code; }
std::string_view Label(RiskColour v) { return FindEntry(RiskColours(), v).label; }
std::string_view Code(UnitStatus v) { return FindEntry(UnitStatuses(), v).code; }
std::string_view Label(UnitStatus v) { return FindEntry(UnitStatuses(), v).label; }
std::string_view Code(RegionLevel v) { return FindEntry(RegionLevels(), v).code; }
std::string_view Label(RegionLevel v) { return FindEntry(RegionLevels(), v).label; }
std::string_view Code(SupervisionCategory v) { return FindEntry(SupervisionCategories(), v).code; }
std::string_view Label(SupervisionCategory v) {
  return FindEntry(SupervisionCategories(), v).label;
}

Result<SupervisionLevel> ParseSupervisionLevel(std::string_view text) {
  return ParseEnum(SupervisionLevels(), text, "监管等级");
}
Result<RiskColour> ParseRiskColour(std::string_view text) {
  return ParseEnum(RiskColours(), text, "风险等级");
}
Result<UnitStatus> ParseUnitStatus(std::string_view text) {
  return ParseEnum(UnitStatuses(), text, "经营状态");
}
Result<RegionLevel> ParseRegionLevel(std::string_view text) {
  return ParseEnum(RegionLevels(), text, "区划层级");
}
Result<SupervisionCategory> ParseSupervisionCategory(std::string_view text) {
  return ParseEnum(SupervisionCategories(), text, "行业类别");
}

Result<bool> ParseYesNo(std::string_view text) {
  const auto t = Trim(text);
  std::string lower(t);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (t == "是" || t == "有" || lower == "yes" || lower == "y" || lower == "true" || lower == "1") {
    return true;
  }
  if (t == "否" || t == "无" || lower == "no" || lower == "n" || lower == "false" || lower == "0") {
    return false;
  }
  if (t.empty()) return Error::InvalidArgument("应填“是”或“否”，不能为空");
  return Error::InvalidArgument("应填“是”或“否”，实际为“" + std::string(t) + "”");
}

}  // namespace anjian::domain

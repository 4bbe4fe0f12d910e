// Enumerations of the registry with their stable English codes (API, database) and Chinese
// labels (UI, import templates). Parse* accept either form, plus the aliases the seeds use
// (e.g. 重大风险 for 红). R-RISK-1, R-RISK-3, PRODUCT.md C1.
#pragma once

#include <algorithm>
#include <cctype>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"
#include "common/text.hpp"

namespace anjian::domain {

enum class SupervisionLevel { kLevel1, kLevel2, kLevel3 };
enum class RiskColour { kRed, kOrange, kYellow, kBlue };
enum class UnitStatus { kOperating, kSuspended, kClosed };
enum class RegionLevel { kDistrict, kStreet, kCommunity, kVillage, kGrid };
enum class SupervisionCategory {
  kHazardousChemicals,    // 危险化学品
  kFireworks,             // 烟花爆竹
  kNonCoalMining,         // 非煤矿山
  kMetallurgy,            // 冶金
  kMachinery,             // 机械
  kBuildingMaterials,     // 建材
  kLightIndustry,         // 轻工
  kCommerce,              // 商贸
  kConfinedSpace,         // 有限空间
  kCombustibleDust,       // 粉尘涉爆
  kAmmoniaRefrigeration,  // 涉氨制冷
  kNineSmallPlaces,       // 九小场所
  kCrowdedPlaces,         // 人员密集场所
  kGas,                   // 燃气
  kConstruction,          // 建筑施工
  kOther,                 // 其他
};

// One row of an enumeration's vocabulary.
template <typename E>
struct EnumEntry {
  E value;
  std::string_view code;   // English, snake_case
  std::string_view label;  // Simplified Chinese
  std::vector<std::string_view> aliases;
};

// Table look-ups shared by every enumeration of the domain and planner.
template <typename E>
const EnumEntry<E>& FindEntry(const std::vector<EnumEntry<E>>& table, E value) {
  for (const auto& e : table) {
    if (e.value == value) return e;
  }
  ANJIAN_ASSERT(false && "every enum value has a table row");
}

// Accepts the code (any case), the label or an alias; the error lists the allowed labels.
// A value as the store wrote it: the exact code and nothing else (no label, alias or case change).
// A stored value that is not a code is data this version does not understand, so it is an error
// (kInternal naming the value), never a default.
template <typename E>
Result<E> FromStoredCode(const std::vector<EnumEntry<E>>& table, std::string_view code,
                         std::string_view what) {
  for (const auto& e : table) {
    if (code == e.code) return e.value;
  }
  return Error::Internal("存储的" + std::string(what) + "取值无法识别：'" + std::string(code) +
                         "'");
}

template <typename E>
Result<E> ParseEnum(const std::vector<EnumEntry<E>>& table, std::string_view text,
                    std::string_view what) {
  const auto trimmed = Trim(text);
  std::string lower(trimmed);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (const auto& e : table) {
    if (trimmed == e.label || lower == e.code) return e.value;
    for (auto alias : e.aliases) {
      if (trimmed == alias || lower == alias) return e.value;
    }
  }
  std::string allowed;
  for (const auto& e : table) {
    if (!allowed.empty()) allowed += "、";
    allowed += e.label;
  }
  if (trimmed.empty()) return Error::InvalidArgument(std::string(what) + "不能为空");
  return Error::InvalidArgument(std::string(what) + "“" + std::string(trimmed) + "”不在可选值中（" +
                                allowed + "）");
}

std::string_view Code(SupervisionLevel v);
std::string_view Label(SupervisionLevel v);
std::string_view Code(RiskColour v);
std::string_view Label(RiskColour v);
std::string_view Code(UnitStatus v);
std::string_view Label(UnitStatus v);
std::string_view Code(RegionLevel v);
std::string_view Label(RegionLevel v);
std::string_view Code(SupervisionCategory v);
std::string_view Label(SupervisionCategory v);

// Accept the English code, the Chinese label or an alias. Errors list the allowed labels.
Result<SupervisionLevel> ParseSupervisionLevel(std::string_view text);
Result<RiskColour> ParseRiskColour(std::string_view text);
Result<UnitStatus> ParseUnitStatus(std::string_view text);
Result<RegionLevel> ParseRegionLevel(std::string_view text);
Result<SupervisionCategory> ParseSupervisionCategory(std::string_view text);
// 是/否, yes/no, true/false, 1/0, Y/N.
Result<bool> ParseYesNo(std::string_view text);

const std::vector<EnumEntry<SupervisionLevel>>& SupervisionLevels();
const std::vector<EnumEntry<RiskColour>>& RiskColours();
const std::vector<EnumEntry<UnitStatus>>& UnitStatuses();
const std::vector<EnumEntry<RegionLevel>>& RegionLevels();
const std::vector<EnumEntry<SupervisionCategory>>& SupervisionCategories();

}  // namespace anjian::domain

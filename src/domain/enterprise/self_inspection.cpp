#include "domain/enterprise/self_inspection.hpp"

namespace anjian::domain {

const std::vector<EnumEntry<SelfInspectionKind>>& SelfInspectionKinds() {
  static const std::vector<EnumEntry<SelfInspectionKind>> kTable = {
      {SelfInspectionKind::kDaily, "daily", "日常检查"},
      {SelfInspectionKind::kPeriodic, "periodic", "定期自查"},
  };
  return kTable;
}

std::string_view Code(SelfInspectionKind v) { return FindEntry(SelfInspectionKinds(), v).code; }
std::string_view Label(SelfInspectionKind v) { return FindEntry(SelfInspectionKinds(), v).label; }

Result<SelfInspectionKind> ParseSelfInspectionKind(std::string_view text) {
  return ParseEnum(SelfInspectionKinds(), text, "自查类型");
}

}  // namespace anjian::domain

// An enterprise's own safety inspection (企业自查, PRODUCT C7; R-ENT duties of the seeds): a
// daily check by the safety manager, or the periodic self-inspection the principal signs.
#pragma once

#include <string_view>
#include <vector>

#include "common/error.hpp"
#include "domain/registry/enums.hpp"

namespace anjian::domain {

enum class SelfInspectionKind { kDaily, kPeriodic };

const std::vector<EnumEntry<SelfInspectionKind>>& SelfInspectionKinds();  // daily, periodic
std::string_view Code(SelfInspectionKind v);
std::string_view Label(SelfInspectionKind v);
Result<SelfInspectionKind> ParseSelfInspectionKind(std::string_view text);
// The periodic self-inspection carries the principal's name and signature (主要负责人签字).
inline bool NeedsPrincipalSignature(SelfInspectionKind kind) {
  return kind == SelfInspectionKind::kPeriodic;
}

}  // namespace anjian::domain

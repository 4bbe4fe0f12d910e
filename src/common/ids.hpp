// Strong integer ids so a UnitId cannot be passed where an InspectorId is expected.
#pragma once

#include <compare>
#include <cstdint>

namespace anjian {

template <typename Tag>
struct StrongId {
  std::int64_t value = 0;
  constexpr StrongId() = default;
  constexpr explicit StrongId(std::int64_t v) : value(v) {}
  auto operator<=>(const StrongId&) const = default;
};

using UnitId = StrongId<struct UnitIdTag>;
using InspectorId = StrongId<struct InspectorIdTag>;
using RegionId = StrongId<struct RegionIdTag>;
using UserId = StrongId<struct UserIdTag>;
using AttestationId = StrongId<struct AttestationIdTag>;
using HazardId = StrongId<struct HazardIdTag>;
using NoticeId = StrongId<struct NoticeIdTag>;
using DocumentId = StrongId<struct DocumentIdTag>;
using SelfInspectionId = StrongId<struct SelfInspectionIdTag>;

}  // namespace anjian

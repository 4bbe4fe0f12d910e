// Valid-by-default domain objects; each test changes only the fields its behaviour is about.
#pragma once

#include <cstdint>
#include <string>

#include "common/ids.hpp"
#include "domain/registry/unit.hpp"
#include "domain/roster/inspector.hpp"

namespace anjian::test_support {

// A level-3, blue, operating 商贸 unit in `community` with a valid code (ValidCreditCode(n)).
domain::Unit MakeUnit(RegionId community = RegionId(1), std::uint64_t n = 1);
// An active enforcement officer (执法人员) with certificate "ZF<employee_no>" valid until
// 2030-12-31, in `jurisdiction`.
domain::Inspector MakeInspector(RegionId jurisdiction = RegionId(1),
                                std::string employee_no = "JF001");
// CivilDate from y/m/d that must exist (aborts the test binary otherwise).
CivilDate Date(int year, int month, int day);

}  // namespace anjian::test_support

#include "support/builders.hpp"

#include <cstdlib>

#include "support/credit_code_oracle.hpp"

namespace anjian::test_support {

domain::Unit MakeUnit(RegionId community, std::uint64_t n) {
  domain::Unit u;
  u.credit_code = ValidCreditCode(n);
  u.name = "测试商贸有限公司" + std::to_string(n);
  u.address = "解放路" + std::to_string(n) + "号";
  u.community_id = community;
  u.categories = {domain::SupervisionCategory::kCommerce};
  u.industry_section = "F";
  u.level = domain::SupervisionLevel::kLevel3;
  u.risk = domain::RiskColour::kBlue;
  u.employees = 12;
  u.supervising_department = "街道经发办";
  u.safety_manager = "王建国";
  u.contact_phone = "0391-1234567";
  u.status = domain::UnitStatus::kOperating;
  return u;
}

domain::Inspector MakeInspector(RegionId jurisdiction, std::string employee_no) {
  domain::Inspector i;
  i.name = "李志强";
  i.employee_no = std::move(employee_no);
  i.department = "街道应急办";
  i.role = domain::InspectorRole::kEnforcementOfficer;
  i.certificate_no = "ZF" + i.employee_no;
  i.certificate_valid_until = Date(2030, 12, 31);
  i.jurisdiction_id = jurisdiction;
  i.phone = "13800000000";
  return i;
}

CivilDate Date(int year, int month, int day) {
  auto date = CivilDate::FromYmd(year, month, day);
  if (!date.ok()) std::abort();
  return *date;
}

}  // namespace anjian::test_support

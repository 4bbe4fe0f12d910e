#include "app/demo_data.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <set>
#include <string>

#include "app/audit_trail.hpp"
#include "common/clock.hpp"
#include "domain/registry/credit_code.hpp"
#include "domain/registry/region.hpp"

namespace anjian::app {
namespace {

using domain::RiskColour;
using domain::SupervisionCategory;
using domain::SupervisionLevel;

constexpr std::array kCommunities = {"东风社区", "解放社区", "民主社区", "建设社区", "胜利社区",
                                     "光明社区", "新华社区", "和平社区", "幸福社区", "朝阳社区"};
constexpr std::array kVillages = {"王庄村", "李河村", "南关村"};
constexpr std::array kNamePrefixes = {"鑫源", "华泰", "恒通",   "金盛", "永兴", "宏达",
                                      "瑞丰", "富康", "盛世",   "天成", "隆昌", "佳禾",
                                      "锦程", "众诚", "新纪元", "九洲", "利民", "祥和",
                                      "东方", "百佳", "汇丰",   "诚信", "中原", "嘉和"};
constexpr std::array kStreets = {"解放路", "民主路", "建设路", "胜利街",
                                 "光明路", "新华街", "和平路", "人民路"};

struct IndustryProfile {
  SupervisionCategory category;
  const char* suffix;
  const char* department;
  int min_staff;
  int max_staff;
};

// Level-1/2 units: industrial and hazardous trades.
constexpr std::array kMajorProfiles = {
    IndustryProfile{SupervisionCategory::kHazardousChemicals, "化工有限公司", "街道应急办", 30,
                    200},
    IndustryProfile{SupervisionCategory::kMetallurgy, "铸造有限公司", "街道应急办", 50, 300},
    IndustryProfile{SupervisionCategory::kBuildingMaterials, "建材有限公司", "街道应急办", 20, 150},
    IndustryProfile{SupervisionCategory::kCombustibleDust, "木业有限公司", "街道应急办", 20, 120},
    IndustryProfile{SupervisionCategory::kAmmoniaRefrigeration, "冷链物流有限公司", "街道应急办",
                    15, 80},
    IndustryProfile{SupervisionCategory::kMachinery, "机械制造有限公司", "街道应急办", 40, 260},
    IndustryProfile{SupervisionCategory::kGas, "燃气供应站", "街道城建办", 10, 40},
    IndustryProfile{SupervisionCategory::kConstruction, "建筑工程有限公司", "街道城建办", 30, 200},
    IndustryProfile{SupervisionCategory::kCrowdedPlaces, "商业广场", "街道应急办", 60, 400},
};

// Level-3 units: shops, small places, workshops.
constexpr std::array kMinorProfiles = {
    IndustryProfile{SupervisionCategory::kCommerce, "超市", "街道经发办", 3, 40},
    IndustryProfile{SupervisionCategory::kCommerce, "五金建材店", "街道经发办", 2, 10},
    IndustryProfile{SupervisionCategory::kNineSmallPlaces, "餐馆", "街道市场所", 3, 25},
    IndustryProfile{SupervisionCategory::kNineSmallPlaces, "理发店", "街道市场所", 1, 8},
    IndustryProfile{SupervisionCategory::kNineSmallPlaces, "小旅馆", "街道市场所", 2, 12},
    IndustryProfile{SupervisionCategory::kNineSmallPlaces, "网吧", "街道市场所", 2, 10},
    IndustryProfile{SupervisionCategory::kCrowdedPlaces, "培训学校", "街道教育办", 5, 40},
    IndustryProfile{SupervisionCategory::kLightIndustry, "服装加工厂", "街道经发办", 8, 60},
    IndustryProfile{SupervisionCategory::kMachinery, "汽修厂", "街道经发办", 3, 20},
    IndustryProfile{SupervisionCategory::kGas, "瓶装液化气供应点", "街道城建办", 2, 6},
    IndustryProfile{SupervisionCategory::kLightIndustry, "食品加工坊", "街道市场所", 3, 30},
    IndustryProfile{SupervisionCategory::kOther, "仓储服务部", "街道经发办", 2, 15},
};

constexpr std::string_view kCodeAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

// `authority` is the first character (9 = market regulation for block 0), `division` the
// district's 6 digits.
std::string MakeCreditCode(SeededRng& rng, char authority, std::string_view division,
                           std::set<std::string>& used) {
  for (;;) {
    std::string code = std::string(1, authority) + "2";  // 2 = individual business
    code += division;
    if (rng.Uniform(3) != 0) code[1] = '1';  // most are enterprises
    for (int i = 0; i < 9; ++i) code += kCodeAlphabet[rng.Uniform(kCodeAlphabet.size())];
    code += domain::CreditCode::ComputeCheckCharacter(code);
    if (used.insert(code).second) return code;
  }
}

template <typename T, std::size_t N>
const T& Pick(SeededRng& rng, const std::array<T, N>& items) {
  return items[rng.Uniform(N)];
}

RiskColour RiskFor(SeededRng& rng, SupervisionLevel level) {
  const auto roll = rng.Uniform(100);
  switch (level) {
    case SupervisionLevel::kLevel1:
      return roll < 45 ? RiskColour::kRed : RiskColour::kOrange;
    case SupervisionLevel::kLevel2:
      return roll < 10 ? RiskColour::kRed : roll < 70 ? RiskColour::kOrange : RiskColour::kYellow;
    case SupervisionLevel::kLevel3:
      return roll < 2 ? RiskColour::kOrange : roll < 40 ? RiskColour::kYellow : RiskColour::kBlue;
  }
  return RiskColour::kBlue;
}

std::string Phone(SeededRng& rng) {
  std::string phone = "13";
  for (int i = 0; i < 9; ++i) phone += static_cast<char>('0' + rng.Uniform(10));
  return phone;
}

constexpr std::array kSurnames = {"王", "李", "张", "刘", "陈", "杨", "赵",
                                  "黄", "周", "吴", "徐", "孙", "马", "朱"};
constexpr std::array kGivenNames = {"建国", "丽华", "志强", "秀英", "海涛", "晓明", "红梅", "国庆",
                                    "俊杰", "雪梅", "文博", "静",   "磊",   "敏",   "伟",   "芳"};

std::string PersonName(SeededRng& rng) {
  return std::string(Pick(rng, kSurnames)) + Pick(rng, kGivenNames);
}

Status ValidateIdentity(const DemoIdentity& identity) {
  if (identity.district_code.empty() || identity.street_code.empty()) {
    return Error::InvalidArgument("演示数据的区、街道代码不能为空");
  }
  ANJIAN_TRY(domain::ValidateRegionCode(domain::RegionLevel::kDistrict, identity.district_code));
  ANJIAN_TRY(domain::ValidateRegionCode(domain::RegionLevel::kStreet, identity.street_code));
  if (identity.unit_code_block < 0 || identity.unit_code_block > kMaxDemoUnitCodeBlock) {
    return Error::InvalidArgument("演示数据的单位代码段应为 0 到 " +
                                  std::to_string(kMaxDemoUnitCodeBlock));
  }
  return Ok();
}

// Block 0 keeps 9 (market regulation); block b takes the b-th symbol after it, wrapping round the
// 31-symbol alphabet, so blocks 0–30 lead with 31 different characters and never share a code.
char RegisteringAuthorityOf(int unit_code_block) {
  const auto nine = kCodeAlphabet.find('9');
  return kCodeAlphabet[(nine + static_cast<std::size_t>(unit_code_block)) % kCodeAlphabet.size()];
}

}  // namespace

Result<DemoSummary> BuildDemoData(store::Store& store, AuthService& auth,
                                  const domain::KeyPolicy& key_policy, std::int64_t now,
                                  std::uint64_t seed, const DemoIdentity& identity) {
  ANJIAN_TRY(ValidateIdentity(identity));
  const char authority = RegisteringAuthorityOf(identity.unit_code_block);
  SeededRng rng(seed);
  DemoSummary summary;
  ANJIAN_ASSIGN_OR_RETURN(auto session, store.Write());
  ANJIAN_ASSIGN_OR_RETURN(auto existing, session->CountUnits(store::Scope::All()));
  if (existing > 0) {
    return Error::FailedPrecondition("数据库中已有单位数据，演示数据只能写入空库");
  }

  auto add_region = [&](std::optional<RegionId> parent, domain::RegionLevel level, std::string code,
                        std::string name) -> Result<domain::Region> {
    domain::Region r;
    r.parent_id = parent;
    r.level = level;
    r.code = std::move(code);
    r.name = std::move(name);
    ++summary.regions;
    return session->InsertRegion(r);
  };
  ANJIAN_ASSIGN_OR_RETURN(auto district,
                          add_region(std::nullopt, domain::RegionLevel::kDistrict,
                                     identity.district_code, identity.district_name));
  ANJIAN_ASSIGN_OR_RETURN(auto street, add_region(district.id, domain::RegionLevel::kStreet,
                                                  identity.street_code, identity.street_name));
  std::vector<domain::Region> communities;
  std::vector<std::vector<domain::Region>> grids;
  int village_number = 200;
  int community_number = 1;
  auto add_community = [&](const char* name, domain::RegionLevel level) -> Status {
    const int number =
        level == domain::RegionLevel::kVillage ? village_number++ : community_number++;
    char suffix[8];
    std::snprintf(suffix, sizeof suffix, "%03d", number);
    const std::string code = identity.street_code + suffix;
    ANJIAN_ASSIGN_OR_RETURN(auto c, add_region(street.id, level, code, name));
    communities.push_back(c);
    grids.emplace_back();
    const int grid_count = 3 + static_cast<int>(rng.Uniform(3));
    for (int g = 1; g <= grid_count; ++g) {
      static constexpr std::array kOrdinals = {"一", "二", "三", "四", "五", "六"};
      ANJIAN_ASSIGN_OR_RETURN(
          auto grid, add_region(c.id, domain::RegionLevel::kGrid, code + "-" + std::to_string(g),
                                std::string(name) + "第" + kOrdinals[g - 1] + "网格"));
      grids.back().push_back(grid);
    }
    return Ok();
  };
  for (const char* name : kCommunities)
    ANJIAN_TRY(add_community(name, domain::RegionLevel::kCommunity));
  for (const char* name : kVillages) ANJIAN_TRY(add_community(name, domain::RegionLevel::kVillage));

  std::set<std::string> used_codes;
  std::optional<UnitId> enterprise_unit;
  std::string enterprise_code;
  UnitId second_unit;
  // Seed 000: 48 level-1/2 units and 2,322 level-3 units.
  for (int index = 0; index < 2370; ++index) {
    domain::Unit u;
    const bool major = index < 48;
    u.level = major ? (index < 16 ? SupervisionLevel::kLevel1 : SupervisionLevel::kLevel2)
                    : SupervisionLevel::kLevel3;
    const auto& profile = major ? Pick(rng, kMajorProfiles) : Pick(rng, kMinorProfiles);
    u.credit_code = MakeCreditCode(rng, authority, identity.district_code, used_codes);
    const std::size_t community_index = rng.Uniform(communities.size());
    u.name = std::string(Pick(rng, kNamePrefixes)) + profile.suffix;
    if (!major) u.name = std::string(communities[community_index].name.substr(0, 6)) + u.name;
    u.address = std::string(Pick(rng, kStreets)) + std::to_string(1 + rng.Uniform(399)) + "号";
    u.community_id = communities[community_index].id;
    const auto& community_grids = grids[community_index];
    u.grid_id = community_grids[rng.Uniform(community_grids.size())].id;
    u.categories = {profile.category};
    if (major && rng.Uniform(4) == 0) u.categories.push_back(SupervisionCategory::kConfinedSpace);
    u.industry_section = profile.category == SupervisionCategory::kCommerce          ? "F"
                         : profile.category == SupervisionCategory::kConstruction    ? "E"
                         : profile.category == SupervisionCategory::kNineSmallPlaces ? "H"
                                                                                     : "C";
    u.risk = RiskFor(rng, u.level);
    u.accident_last_year = rng.Uniform(major ? 16 : 600) == 0;
    u.major_hazard_source = major && profile.category == SupervisionCategory::kHazardousChemicals &&
                            rng.Uniform(2) == 0;
    u.employees = profile.min_staff +
                  static_cast<int>(rng.Uniform(profile.max_staff - profile.min_staff + 1));
    u.supervising_department = profile.department;
    u.safety_manager = PersonName(rng);
    u.contact_phone = Phone(rng);
    u.status =
        rng.Uniform(80) == 0 ? domain::UnitStatus::kSuspended : domain::UnitStatus::kOperating;
    u.is_key = domain::IsKeyUnit(key_policy, u);
    ANJIAN_ASSIGN_OR_RETURN(auto saved, session->InsertUnit(u, now));
    if (!enterprise_unit && major) {
      enterprise_unit = saved.id;
      enterprise_code = saved.credit_code;
    }
    if (second_unit == UnitId() && !major && index > 100) second_unit = saved.id;
    ++summary.units;
  }

  struct PersonSpec {
    domain::InspectorRole role;
    const char* department;
    bool certified;
    int count;
  };
  const std::array people = {
      PersonSpec{domain::InspectorRole::kPrincipal, "街道党工委", true, 2},
      PersonSpec{domain::InspectorRole::kSafetyLeader, "街道办事处", true, 1},
      PersonSpec{domain::InspectorRole::kFieldLeader, "街道办事处", false, 3},
      PersonSpec{domain::InspectorRole::kCommunityLeader, "街道办事处", false, 3},
      PersonSpec{domain::InspectorRole::kEnforcementOfficer, "街道应急办", true, 7},
      PersonSpec{domain::InspectorRole::kCommunitySafetyOfficer, "社区居委会", false, 2},
      PersonSpec{domain::InspectorRole::kGridMember, "社区网格站", false, 3},
  };
  const auto today = CivilDate::FromUnixSeconds(now);
  std::optional<InspectorId> leader_person;
  std::vector<InspectorId>
      officers;  // certified for the next month and free to inspect the enterprise
  int person_number = 1;
  int certified_number = 0;
  std::vector<std::string> codes(used_codes.begin(), used_codes.end());
  for (const auto& spec : people) {
    for (int k = 0; k < spec.count; ++k) {
      domain::Inspector i;
      i.name = PersonName(rng);
      char number[8];
      std::snprintf(number, sizeof number, "%03d", person_number);
      i.employee_no = identity.employee_prefix + number;
      i.department = spec.department;
      i.role = spec.role;
      if (spec.certified) {
        char certificate[16];
        std::snprintf(certificate, sizeof certificate, "20%02d%04d", 18 + person_number % 6,
                      person_number);
        i.certificate_no = identity.district_code + certificate;
        // Most certificates run for years; one has lapsed and one lapses within a month so
        // the roster's expiry highlighting has something to show.
        ++certified_number;
        const int days = certified_number == 5   ? -20
                         : certified_number == 7 ? 25
                                                 : 365 + 200 * (person_number % 5);
        i.certificate_valid_until = CivilDate::FromDays(today.ToDays() + days);
      }
      i.jurisdiction_id = street.id;
      if (spec.role == domain::InspectorRole::kCommunitySafetyOfficer ||
          spec.role == domain::InspectorRole::kGridMember) {
        i.jurisdiction_id = communities[static_cast<std::size_t>(k) % communities.size()].id;
      }
      if (spec.role == domain::InspectorRole::kEnforcementOfficer && k < 3) {
        i.recusal_codes = {codes[rng.Uniform(codes.size())]};  // e.g. a relative's business
      }
      i.phone = Phone(rng);
      i.leave_days =
          5 + static_cast<int>(rng.Uniform(11));  // annual leave plus sick/personal leave
      ANJIAN_ASSIGN_OR_RETURN(auto saved_person, session->InsertInspector(i, now));
      if (spec.role == domain::InspectorRole::kSafetyLeader) leader_person = saved_person.id;
      const auto beijing_today = BeijingDateAt(now);
      if (spec.role == domain::InspectorRole::kEnforcementOfficer &&
          domain::HasValidCertificate(saved_person,
                                      CivilDate::FromDays(beijing_today.ToDays() + 30)) &&
          std::find(i.recusal_codes.begin(), i.recusal_codes.end(), enterprise_code) ==
              i.recusal_codes.end()) {
        officers.push_back(saved_person.id);
      }
      ++summary.inspectors;
      ++person_number;
    }
  }

  struct AccountSpec {
    const char* username;
    domain::UserRole role;
    const char* display;
    std::optional<RegionId> jurisdiction;
    const char* note;
  };
  const std::array accounts = {
      AccountSpec{"admin", domain::UserRole::kAdmin, "应急办管理员", street.id,
                  "维护台账、名录库、导入导出"},
      AccountSpec{"leader", domain::UserRole::kLeader, "分管安全领导", street.id,
                  "审批计划、带队检查"},
      AccountSpec{"inspector", domain::UserRole::kInspector, "执法人员", street.id, "执行检查"},
      AccountSpec{"inspector2", domain::UserRole::kInspector, "执法人员（检查组第二人）", street.id,
                  "同组签字：本人账号中签字，或在提交人手机上验证密码后签字"},
      AccountSpec{"community", domain::UserRole::kCommunity, "东风社区安全员", communities[0].id,
                  "仅东风社区"},
      AccountSpec{"grid", domain::UserRole::kGrid, "网格员", grids[0][0].id, "仅本网格"},
      AccountSpec{"enterprise", domain::UserRole::kEnterprise, "企业安全管理员", street.id,
                  "仅本单位"},
      AccountSpec{"viewer", domain::UserRole::kViewer, "区应急管理局（查看）", district.id, "只读"},
      AccountSpec{"security", domain::UserRole::kSecurityAdmin, "系统安全管理员", street.id,
                  "账号、角色、会话（不看业务数据）"},
      AccountSpec{"auditor", domain::UserRole::kAuditor, "安全审计员", street.id, "只读审计日志"},
  };
  for (const auto& spec : accounts) {
    store::User user;
    user.username = identity.username_prefix + spec.username;
    user.display_name = spec.display;
    user.role = spec.role;
    user.jurisdiction_id = spec.jurisdiction;
    if (spec.role == domain::UserRole::kEnterprise) user.unit_id = enterprise_unit;
    // The two demo inspectors are the two officers on the demo tasks' team, so each signs with
    // their own account.
    if (spec.role == domain::UserRole::kInspector) {
      const std::size_t which = std::string_view(spec.username) == "inspector2" ? 1 : 0;
      if (which < officers.size()) user.inspector_id = officers[which];
    }
    if (spec.role == domain::UserRole::kLeader) user.inspector_id = leader_person;
    ANJIAN_TRY(
        auth.AddUser(*session, user, kDemoPassword, AuthService::PasswordCheck::kDemoAccount));
    summary.accounts.push_back(
        {user.username, kDemoPassword, std::string(domain::Label(spec.role)), spec.note});
  }
  // Today's and tomorrow's inspections for the demo inspector, so the phone task list has work:
  // the enterprise account's own unit first (its orders then reach the enterprise portal).
  if (officers.size() >= 2 && enterprise_unit) {
    const auto day = BeijingDateAt(now);
    const auto tomorrow = CivilDate::FromDays(day.ToDays() + 1);
    struct DemoTask {
      UnitId unit;
      domain::TaskKind kind;
      CivilDate date;
      domain::HalfDay half_day;
      const char* note;
    };
    const std::array tasks = {
        DemoTask{*enterprise_unit, domain::TaskKind::kPlanned, day, domain::HalfDay::kMorning,
                 "年度监督检查计划"},
        DemoTask{second_unit, domain::TaskKind::kComplaint, day, domain::HalfDay::kAfternoon,
                 "群众举报：消防通道堆放杂物"},
        DemoTask{*enterprise_unit, domain::TaskKind::kSpecial, tomorrow, domain::HalfDay::kMorning,
                 "有限空间作业专项检查"},
    };
    for (const auto& t : tasks) {
      if (t.unit == UnitId()) continue;
      store::TaskRecord task;
      task.unit_id = t.unit;
      task.kind = t.kind;
      task.scheduled_on = t.date;
      task.half_day = t.half_day;
      task.checklist_id = "general";
      task.checklist_version = 1;
      task.note = t.note;
      task.team = {officers[0].value, officers[1].value};
      task.created_at = task.updated_at = now;
      ANJIAN_TRY(session->InsertTask(task));
    }
  }
  Audit(*session, Principal::System(), now, "demo.seed", "", "",
        {{"units", summary.units},
         {"inspectors", summary.inspectors},
         {"accounts", summary.accounts.size()}});
  ANJIAN_TRY(session->Commit());
  return summary;
}

}  // namespace anjian::app

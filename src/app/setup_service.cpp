#include "app/setup_service.hpp"

#include "app/audit_trail.hpp"
#include "app/json_codec.hpp"
#include "common/text.hpp"

namespace anjian::app {
namespace {

Status RequireName(const std::string& value, const char* field, const char* what) {
  if (Trim(value).empty()) return Error::InvalidArgument(std::string(what) + "不能为空", field);
  return Ok();
}

// The error's field renamed to the request's ("name" of the street is "street_name").
Error Renamed(Error error, const std::string& prefix) {
  if (error.field) error.field = prefix + *error.field;
  return error;
}

}  // namespace

namespace {

Result<std::string> OneTimePasswordDraw() {
  static constexpr std::string_view kAlphabet =
      "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";
  ANJIAN_ASSIGN_OR_RETURN(auto random, RandomToken());  // 64 hex digits = 32 bytes
  std::string out;
  for (std::size_t i = 0; i + 1 < random.size() && out.size() < 16; i += 2) {
    const int byte = std::stoi(random.substr(i, 2), nullptr, 16);
    out += kAlphabet[static_cast<std::size_t>(byte) % kAlphabet.size()];
  }
  // Three character classes whatever the draw: an upper, a lower and a digit at fixed places.
  out[0] = kAlphabet[static_cast<std::size_t>(out[0]) % 24];        // upper
  out[5] = kAlphabet[24 + static_cast<std::size_t>(out[5]) % 24];   // lower
  out[10] = kAlphabet[48 + static_cast<std::size_t>(out[10]) % 8];  // digit
  return out.substr(0, 8) + "-" + out.substr(8);
}

}  // namespace

Result<std::string> OneTimePassword(std::string_view username) {
  return DrawAcceptedPassword(OneTimePasswordDraw, username);
}

Result<SetupResult> SetupService::InitializeWithCode(const Principal& who,
                                                     const SetupRequest& request,
                                                     std::string_view code) {
  // Compared in constant time; an unset code (the server found a street at start) opens nothing.
  bool same = !setup_code_.empty() && code.size() == setup_code_.size();
  unsigned char difference = 0;
  for (std::size_t i = 0; same && i < code.size(); ++i) {
    difference |= static_cast<unsigned char>(code[i] ^ setup_code_[i]);
  }
  if (!same || difference != 0) {
    ANJIAN_ASSIGN_OR_RETURN(bool initialized, Initialized());
    if (initialized) return Error::Conflict("系统已初始化，请直接登录");
    ANJIAN_TRY(AppendAuditEntry(
        store_, AuditEntryFor(who, clock_.NowUnixSeconds(), "setup.denied", "setup", "",
                              domain::AuditOutcome::kDenied, {{"reason", "wrong setup code"}})));
    return Error{ErrorCode::kPermissionDenied, "设置码不正确：请查看服务器启动时打印的设置码",
                 std::string("setup_code")};
  }
  return Initialize(who, request);
}

Result<bool> SetupService::Initialized() {
  ANJIAN_ASSIGN_OR_RETURN(auto session, store_.Read());
  ANJIAN_ASSIGN_OR_RETURN(auto regions, session->ListRegions(store::Scope::All()));
  for (const auto& r : regions) {
    if (r.level == domain::RegionLevel::kStreet) return true;
  }
  return false;
}

Result<SetupResult> SetupService::Initialize(const Principal& who, const SetupRequest& request) {
  ANJIAN_TRY(RequireName(request.district_name, "district_name", "区县名称"));
  ANJIAN_TRY(RequireName(request.street_name, "street_name", "街道（乡镇）名称"));
  ANJIAN_TRY(RequireName(request.admin_username, "admin_username", "管理员用户名"));
  ANJIAN_TRY(RequireName(request.security_username, "security_username", "安全管理员用户名"));
  if (Trim(request.admin_username) == Trim(request.security_username)) {
    return Error::InvalidArgument("业务管理员与安全管理员须是两个不同的账号（三员分立）",
                                  "security_username");
  }
  const auto now = clock_.NowUnixSeconds();
  ANJIAN_ASSIGN_OR_RETURN(auto session, store_.Write());
  ANJIAN_ASSIGN_OR_RETURN(auto regions, session->ListRegions(store::Scope::All()));
  std::optional<domain::Region> district;
  for (const auto& r : regions) {
    if (r.level == domain::RegionLevel::kStreet) {
      return Error::FailedPrecondition("数据库已初始化（已有街道“" + r.name +
                                       "”）；新增街道请用 anjian region add");
    }
    if (r.level == domain::RegionLevel::kDistrict && r.name == Trim(request.district_name)) {
      district = r;
    }
  }
  SetupResult result;
  const auto create = [&](const domain::Region& region,
                          std::optional<domain::RegionLevel> parent_level,
                          const std::string& prefix) -> Result<domain::Region> {
    if (auto valid = domain::ValidateRegion(region, parent_level); !valid.ok()) {
      return Renamed(valid.error(), prefix);
    }
    ANJIAN_ASSIGN_OR_RETURN(auto saved, session->InsertRegion(region));
    Audit(*session, who, now, "region.create", "region", std::to_string(saved.id.value),
          FieldChanges(nlohmann::json::object(), RegionToJson(saved)));
    ANJIAN_TRY(session->AppendHistory({"region", saved.id.value, saved.version, "create",
                                       who.username, now, RegionToJson(saved).dump()}));
    return saved;
  };
  if (district) {
    if (!request.district_code.empty() && district->code != request.district_code) {
      return Error::InvalidArgument(
          "已有同名区县“" + district->name + "”，其代码为 " + district->code, "district_code");
    }
    result.district = *district;
  } else {
    domain::Region d;
    d.level = domain::RegionLevel::kDistrict;
    d.name = std::string(Trim(request.district_name));
    d.code = std::string(Trim(request.district_code));
    ANJIAN_ASSIGN_OR_RETURN(result.district, create(d, std::nullopt, "district_"));
  }
  domain::Region street;
  street.level = domain::RegionLevel::kStreet;
  street.parent_id = result.district.id;
  street.name = std::string(Trim(request.street_name));
  street.code = std::string(Trim(request.street_code));
  ANJIAN_ASSIGN_OR_RETURN(result.street, create(street, domain::RegionLevel::kDistrict, "street_"));

  const auto add = [&](const std::string& username, const char* display, domain::UserRole role,
                       const std::string& password, bool must_change,
                       const char* field) -> Result<store::User> {
    store::User user;
    user.username = std::string(Trim(username));
    user.display_name = display;
    user.role = role;
    user.jurisdiction_id = result.street.id;
    user.must_change_password = must_change;
    auto saved = auth_.AddUser(*session, user, password);
    if (!saved.ok()) {
      Error error = saved.error();
      if (error.field == "username") error.field = field;
      return error;
    }
    Audit(*session, who, now, "user.create", "user", std::to_string(saved->id.value),
          {{"username", saved->username},
           {"role", std::string(domain::Code(saved->role))},
           {"jurisdiction_id", result.street.id.value}});
    return saved;
  };
  ANJIAN_ASSIGN_OR_RETURN(result.admin,
                          add(request.admin_username, "应急办管理员", domain::UserRole::kAdmin,
                              request.admin_password, false, "admin_username"));
  ANJIAN_ASSIGN_OR_RETURN(result.security_password, OneTimePassword(request.security_username));
  ANJIAN_ASSIGN_OR_RETURN(
      result.security,
      add(request.security_username, "系统安全管理员", domain::UserRole::kSecurityAdmin,
          result.security_password, true, "security_username"));
  Audit(*session, who, now, "setup.init", "region", std::to_string(result.street.id.value),
        {{"district", result.district.name},
         {"street", result.street.name},
         {"admin", result.admin.username},
         {"security_admin", result.security.username}});
  ANJIAN_TRY(session->Commit());
  return result;
}

}  // namespace anjian::app

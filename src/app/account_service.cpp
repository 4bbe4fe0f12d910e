#include "app/account_service.hpp"

#include <sys/random.h>

#include <array>

#include "app/audit_trail.hpp"
#include "app/inspection_support.hpp"
#include "app/json_codec.hpp"
#include "io/qr_code.hpp"

namespace anjian::app {

using nlohmann::json;

namespace {

Result<std::string> TemporaryPasswordDraw() {
  // No look-alike characters (0/O, 1/l/I): the password is read out or copied by hand once.
  static constexpr std::string_view kClasses[] = {
      "ABCDEFGHJKLMNPQRSTUVWXYZ", "abcdefghijkmnpqrstuvwxyz", "23456789", "#%+=@!?*"};
  std::array<unsigned char, 16> random{};
  if (getrandom(random.data(), random.size(), 0) != static_cast<ssize_t>(random.size())) {
    return Error::Internal("无法获取随机数");
  }
  std::string password;
  for (std::size_t i = 0; i < random.size(); ++i) {
    // Positions 0–3 take one character of each class so every class is present.
    const auto& cls = kClasses[i < 4 ? i : random[i] % 3];
    password += cls[random[i] % cls.size()];
  }
  return password;
}

}  // namespace

Result<std::string> TemporaryPassword(std::string_view username) {
  return DrawAcceptedPassword(TemporaryPasswordDraw, username);
}

json AccountJson(const store::User& user) {
  json j = UserToJson(user);
  j["jurisdiction_path"] = user.jurisdiction_path;
  j["active"] = user.active;
  j["must_change_password"] = user.must_change_password;
  j["mfa_enabled"] = user.totp_enabled;
  j["password_changed_at"] = user.password_changed_at;
  j["created_at"] = user.created_at;
  j["version"] = user.version;
  return j;
}

json SessionJson(const store::AuthSession& s, std::string_view current_hash) {
  return {{"id", s.PublicId()},
          {"created_at", s.created_at},
          {"last_seen_at", s.last_seen_at},
          {"expires_at", s.expires_at},
          {"client_address", s.client_address},
          {"current", s.token_hash == current_hash}};
}

namespace {

bool Inside(const Principal& who, const store::User& user) {
  if (who.scope.region_path.empty()) return true;
  return !user.jurisdiction_path.empty() &&
         user.jurisdiction_path.starts_with(who.scope.region_path);
}

json Snapshot(const store::User& u) {
  return {{"display_name", u.display_name},
          {"role", std::string(domain::Code(u.role))},
          {"jurisdiction_id", u.jurisdiction_id ? json(u.jurisdiction_id->value) : json(nullptr)},
          {"unit_id", u.unit_id ? json(u.unit_id->value) : json(nullptr)},
          {"inspector_id", u.inspector_id ? json(u.inspector_id->value) : json(nullptr)},
          {"active", u.active},
          {"must_change_password", u.must_change_password},
          {"mfa_enabled", u.totp_enabled}};
}

Result<std::optional<std::int64_t>> OptionalId(const json& body, const char* field) {
  if (!body.contains(field) || body[field].is_null()) return std::optional<std::int64_t>();
  if (!body[field].is_number_integer() || body[field].get<std::int64_t>() < 1) {
    return Error::InvalidArgument(std::string(field) + " 应为正整数或 null", field);
  }
  return std::optional<std::int64_t>(body[field].get<std::int64_t>());
}

}  // namespace

Result<store::User> AccountService::Managed(store::StoreSession& session, const Principal& who,
                                            UserId id) {
  auto user = session.GetUser(id);
  if (!user.ok()) return user.error();
  if (!Inside(who, *user))
    return Error::NotFound("账号不存在（id " + std::to_string(id.value) + "）");
  return user;
}

Status AccountService::CheckBinding(store::StoreSession& session, const Principal& who,
                                    store::User& user) {
  if (!user.jurisdiction_id) {
    if (!who.scope.region_path.empty()) {
      return Error::InvalidArgument("须指定管辖区划（jurisdiction_id），且在您的管辖范围内",
                                    "jurisdiction_id");
    }
    user.jurisdiction_path.clear();
  } else {
    auto region = session.GetRegion(who.scope, *user.jurisdiction_id);
    if (!region.ok()) {
      if (region.error().code != ErrorCode::kNotFound) return region.error();
      return Error::InvalidArgument("管辖区划不存在或不在您的管辖范围内", "jurisdiction_id");
    }
    user.jurisdiction_path = region->path;
  }
  if (user.role == domain::UserRole::kEnterprise) {
    if (!user.unit_id) return Error::InvalidArgument("企业账号须绑定单位（unit_id）", "unit_id");
  } else {
    user.unit_id.reset();
  }
  if (user.unit_id) {
    auto unit = session.GetUnit(who.scope, *user.unit_id);
    if (!unit.ok()) {
      if (unit.error().code != ErrorCode::kNotFound) return unit.error();
      return Error::InvalidArgument("单位不存在或不在您的管辖范围内", "unit_id");
    }
  }
  if (user.inspector_id) {
    auto person = session.GetInspector(who.scope, *user.inspector_id);
    if (!person.ok()) {
      if (person.error().code != ErrorCode::kNotFound) return person.error();
      return Error::InvalidArgument("执法人员不存在或不在您的管辖范围内", "inspector_id");
    }
  }
  return Ok();
}

Result<std::vector<store::User>> AccountService::List(const Principal& who) {
  ANJIAN_TRY(Require(who, domain::Action::kManageUsers));
  ANJIAN_ASSIGN_OR_RETURN(auto session, store_.Read());
  ANJIAN_ASSIGN_OR_RETURN(auto users, session->ListUsers());
  std::vector<store::User> visible;
  for (auto& u : users) {
    if (Inside(who, u)) visible.push_back(std::move(u));
  }
  return visible;
}

Result<CreatedAccount> AccountService::Create(const Principal& who, const json& body) {
  ANJIAN_TRY(Require(who, domain::Action::kManageUsers));
  if (!body.is_object()) return Error::InvalidArgument("请求体应为 JSON 对象");
  store::User user;
  ANJIAN_ASSIGN_OR_RETURN(user.username, TextField(body, "username", true, 64));
  ANJIAN_ASSIGN_OR_RETURN(user.display_name, TextField(body, "display_name", false, 50));
  if (user.display_name.empty()) user.display_name = user.username;
  ANJIAN_ASSIGN_OR_RETURN(auto role_text, TextField(body, "role", true, 32));
  auto role = domain::ParseUserRole(role_text);
  if (!role.ok()) return Error::InvalidArgument(role.error().message, "role");
  user.role = *role;
  ANJIAN_ASSIGN_OR_RETURN(auto jurisdiction, OptionalId(body, "jurisdiction_id"));
  ANJIAN_ASSIGN_OR_RETURN(auto unit, OptionalId(body, "unit_id"));
  ANJIAN_ASSIGN_OR_RETURN(auto inspector, OptionalId(body, "inspector_id"));
  if (jurisdiction) user.jurisdiction_id = RegionId(*jurisdiction);
  if (unit) user.unit_id = UnitId(*unit);
  if (inspector) user.inspector_id = InspectorId(*inspector);
  ANJIAN_ASSIGN_OR_RETURN(auto password, TemporaryPassword(user.username));
  ANJIAN_ASSIGN_OR_RETURN(auto session, store_.Write());
  ANJIAN_TRY(CheckBinding(*session, who, user));
  user.must_change_password = true;
  ANJIAN_ASSIGN_OR_RETURN(auto saved, auth_.AddUser(*session, user, password));
  saved.must_change_password = true;
  Audit(*session, who, clock_.NowUnixSeconds(), "user.create", "user",
        std::to_string(saved.id.value), FieldChanges(json::object(), Snapshot(saved)));
  ANJIAN_TRY(session->Commit());
  return CreatedAccount{std::move(saved), std::move(password)};
}

Result<store::User> AccountService::Update(const Principal& who, UserId id, const json& body) {
  ANJIAN_TRY(Require(who, domain::Action::kManageUsers));
  if (!body.is_object()) return Error::InvalidArgument("请求体应为 JSON 对象");
  ANJIAN_ASSIGN_OR_RETURN(int version, RequiredVersion(body));
  ANJIAN_ASSIGN_OR_RETURN(auto session, store_.Write());
  ANJIAN_ASSIGN_OR_RETURN(auto user, Managed(*session, who, id));
  const store::User before = user;
  if (body.contains("display_name")) {
    ANJIAN_ASSIGN_OR_RETURN(user.display_name, TextField(body, "display_name", true, 50));
  }
  if (body.contains("role")) {
    ANJIAN_ASSIGN_OR_RETURN(auto role_text, TextField(body, "role", true, 32));
    auto role = domain::ParseUserRole(role_text);
    if (!role.ok()) return Error::InvalidArgument(role.error().message, "role");
    user.role = *role;
  }
  if (body.contains("jurisdiction_id")) {
    ANJIAN_ASSIGN_OR_RETURN(auto jurisdiction, OptionalId(body, "jurisdiction_id"));
    user.jurisdiction_id =
        jurisdiction ? std::optional<RegionId>(RegionId(*jurisdiction)) : std::nullopt;
  }
  if (body.contains("unit_id")) {
    ANJIAN_ASSIGN_OR_RETURN(auto unit, OptionalId(body, "unit_id"));
    user.unit_id = unit ? std::optional<UnitId>(UnitId(*unit)) : std::nullopt;
  }
  if (body.contains("inspector_id")) {
    ANJIAN_ASSIGN_OR_RETURN(auto inspector, OptionalId(body, "inspector_id"));
    user.inspector_id =
        inspector ? std::optional<InspectorId>(InspectorId(*inspector)) : std::nullopt;
  }
  if (body.contains("active")) {
    if (!body["active"].is_boolean())
      return Error::InvalidArgument("active 应为 true 或 false", "active");
    user.active = body["active"].get<bool>();
  }
  if (body.contains("totp_enabled")) {
    if (!body["totp_enabled"].is_boolean() || body["totp_enabled"].get<bool>()) {
      return Error::InvalidArgument("只能关闭二次验证（totp_enabled: false），开启须由本人完成",
                                    "totp_enabled");
    }
    user.totp_enabled = false;
    user.totp_secret.clear();
  }
  if (user.id == who.user_id && (user.role != before.role || !user.active)) {
    return Error::PermissionDenied("不能修改自己的角色或停用自己的账号");
  }
  ANJIAN_TRY(CheckBinding(*session, who, user));
  user.version = version;
  ANJIAN_ASSIGN_OR_RETURN(auto saved, session->UpdateUser(user));
  if (saved.role != before.role || !saved.active ||
      saved.jurisdiction_id != before.jurisdiction_id) {
    ANJIAN_TRY(session->DeleteSessionsOf(saved.id, ""));  // the old rights end now, not at expiry
  }
  Audit(*session, who, clock_.NowUnixSeconds(), "user.update", "user", std::to_string(id.value),
        FieldChanges(Snapshot(before), Snapshot(saved)));
  ANJIAN_TRY(session->Commit());
  return saved;
}

Result<std::string> AccountService::ResetPassword(const Principal& who, UserId id) {
  ANJIAN_TRY(Require(who, domain::Action::kManageUsers));
  std::string username;
  {
    // The name is read first so the password is checked against it, and the write lock is not
    // held through the Argon2 hash.
    ANJIAN_ASSIGN_OR_RETURN(auto reader, store_.Read());
    ANJIAN_ASSIGN_OR_RETURN(auto target, Managed(*reader, who, id));
    username = target.username;
  }
  ANJIAN_ASSIGN_OR_RETURN(auto password, TemporaryPassword(username));
  ANJIAN_ASSIGN_OR_RETURN(auto hash, HashPassword(password));
  ANJIAN_ASSIGN_OR_RETURN(auto session, store_.Write());
  ANJIAN_ASSIGN_OR_RETURN(auto user, Managed(*session, who, id));
  user.password_hash = hash;
  user.must_change_password = true;
  user.password_changed_at = clock_.NowUnixSeconds();
  ANJIAN_TRY(session->UpdateUser(user));
  ANJIAN_TRY(session->DeleteSessionsOf(id, ""));
  ANJIAN_TRY(session->DeleteLoginThrottlesOf(user.username));
  Audit(*session, who, clock_.NowUnixSeconds(), "user.password_reset", "user",
        std::to_string(id.value), {{"username", user.username}});
  ANJIAN_TRY(session->Commit());
  return password;
}

Status AccountService::Unlock(const Principal& who, UserId id) {
  ANJIAN_TRY(Require(who, domain::Action::kManageUsers));
  ANJIAN_ASSIGN_OR_RETURN(auto session, store_.Write());
  ANJIAN_ASSIGN_OR_RETURN(auto user, Managed(*session, who, id));
  ANJIAN_TRY(session->DeleteLoginThrottlesOf(user.username));
  Audit(*session, who, clock_.NowUnixSeconds(), "user.unlock", "user", std::to_string(id.value),
        {{"username", user.username}});
  return session->Commit();
}

Result<std::vector<store::AuthSession>> AccountService::Sessions(const Principal& who, UserId id) {
  ANJIAN_TRY(Require(who, domain::Action::kManageUsers));
  ANJIAN_ASSIGN_OR_RETURN(auto session, store_.Read());
  ANJIAN_TRY(Managed(*session, who, id));
  return session->ListSessionsOf(id);
}

Status AccountService::RevokeIn(store::StoreSession& session, const Principal& who, UserId id,
                                const std::string& session_id) {
  ANJIAN_ASSIGN_OR_RETURN(auto sessions, session.ListSessionsOf(id));
  for (const auto& s : sessions) {
    if (s.PublicId() != session_id) continue;
    ANJIAN_TRY(session.DeleteSession(s.token_hash));
    Audit(session, who, clock_.NowUnixSeconds(), "session.revoke", "user", std::to_string(id.value),
          {{"session", session_id}});
    return Ok();
  }
  return Error::NotFound("会话不存在或已结束");
}

Status AccountService::RevokeSession(const Principal& who, UserId id,
                                     const std::string& session_id) {
  ANJIAN_TRY(Require(who, domain::Action::kManageUsers));
  ANJIAN_ASSIGN_OR_RETURN(auto session, store_.Write());
  ANJIAN_TRY(Managed(*session, who, id));
  ANJIAN_TRY(RevokeIn(*session, who, id, session_id));
  return session->Commit();
}

Status AccountService::ChangePassword(const Principal& who, std::string_view old_password,
                                      std::string_view new_password) {
  ANJIAN_ASSIGN_OR_RETURN(auto session, store_.Write());
  ANJIAN_ASSIGN_OR_RETURN(auto user, session->GetUser(who.user_id));
  if (!VerifyPassword(user.password_hash, old_password)) {
    session.reset();
    ANJIAN_TRY(AppendAuditEntry(
        store_, AuditEntryFor(who, clock_.NowUnixSeconds(), "auth.password_change", "user",
                              std::to_string(who.user_id.value), domain::AuditOutcome::kFailure,
                              {{"reason", "wrong_old_password"}})));
    return Error::InvalidArgument("原密码不正确", "old_password");
  }
  if (old_password == new_password)
    return Error::InvalidArgument("新密码不能与原密码相同", "new_password");
  if (auto quality = CheckPasswordQuality(new_password, user.username); !quality.ok()) {
    return Error::InvalidArgument(quality.error().message, "new_password");
  }
  ANJIAN_ASSIGN_OR_RETURN(user.password_hash, HashPassword(new_password));
  user.must_change_password = false;
  user.password_changed_at = clock_.NowUnixSeconds();
  ANJIAN_TRY(session->UpdateUser(user));
  // Whoever else held a session with the old password loses it.
  ANJIAN_TRY(session->DeleteSessionsOf(user.id, who.session_hash));
  Audit(*session, who, user.password_changed_at, "auth.password_change", "user",
        std::to_string(user.id.value));
  return session->Commit();
}

Result<std::vector<store::AuthSession>> AccountService::OwnSessions(const Principal& who) {
  ANJIAN_ASSIGN_OR_RETURN(auto session, store_.Read());
  return session->ListSessionsOf(who.user_id);
}

Status AccountService::RevokeOwnSession(const Principal& who, const std::string& session_id) {
  ANJIAN_ASSIGN_OR_RETURN(auto session, store_.Write());
  ANJIAN_TRY(RevokeIn(*session, who, who.user_id, session_id));
  return session->Commit();
}

Result<TotpEnrolment> AccountService::EnrolTotp(const Principal& who, const std::string& issuer) {
  ANJIAN_ASSIGN_OR_RETURN(auto secret, NewTotpSecret());
  ANJIAN_ASSIGN_OR_RETURN(auto session, store_.Write());
  ANJIAN_ASSIGN_OR_RETURN(auto user, session->GetUser(who.user_id));
  if (user.totp_enabled) return Error::Conflict("已开启二次验证；如需更换请联系安全管理员先关闭");
  user.totp_secret = secret;
  ANJIAN_TRY(session->UpdateUser(user));
  Audit(*session, who, clock_.NowUnixSeconds(), "auth.totp_enrol", "user",
        std::to_string(user.id.value));
  ANJIAN_TRY(session->Commit());
  std::string label;
  for (char c : issuer + ":" + user.username) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || c == '-' || c == '.' || c == '_') {
      label += c;
    } else {
      static constexpr char kHex[] = "0123456789ABCDEF";
      label += '%';
      label += kHex[u >> 4];
      label += kHex[u & 15];
    }
  }
  TotpEnrolment out;
  out.secret = secret;
  out.otpauth_uri = "otpauth://totp/" + label + "?secret=" + secret +
                    "&issuer=Anjian&algorithm=SHA1&digits=6&period=30";
  ANJIAN_ASSIGN_OR_RETURN(out.qr_svg, io::QrCodeSvg(out.otpauth_uri));
  return out;
}

Status AccountService::ConfirmTotp(const Principal& who, std::string_view code) {
  ANJIAN_ASSIGN_OR_RETURN(auto session, store_.Write());
  ANJIAN_ASSIGN_OR_RETURN(auto user, session->GetUser(who.user_id));
  if (user.totp_secret.empty()) return Error::FailedPrecondition("请先开始绑定（enrol）");
  if (!VerifyTotp(user.totp_secret, code, clock_.NowUnixSeconds())) {
    return Error::InvalidArgument("一次性验证码错误，请核对手机时间后重试", "code");
  }
  user.totp_enabled = true;
  ANJIAN_TRY(session->UpdateUser(user));
  Audit(*session, who, clock_.NowUnixSeconds(), "auth.totp_confirm", "user",
        std::to_string(user.id.value));
  return session->Commit();
}

}  // namespace anjian::app

#include "app/auth_service.hpp"

#include <argon2.h>
#include <liboath/oath.h>
#include <pwquality.h>
#include <sys/random.h>

#include <algorithm>
#include <array>

#include "app/audit_trail.hpp"
#include "common/sha256.hpp"

namespace anjian::app {

Result<std::string> HashPassword(std::string_view password) {
  std::array<unsigned char, 16> salt{};
  if (getrandom(salt.data(), salt.size(), 0) != static_cast<ssize_t>(salt.size())) {
    return Error::Internal("无法获取随机数");
  }
  constexpr std::uint32_t kTimeCost = 2, kMemoryKiB = 19 * 1024, kParallelism = 1, kHashLen = 32;
  std::string encoded(
      argon2_encodedlen(kTimeCost, kMemoryKiB, kParallelism, salt.size(), kHashLen, Argon2_id),
      '\0');
  const int rc =
      argon2id_hash_encoded(kTimeCost, kMemoryKiB, kParallelism, password.data(), password.size(),
                            salt.data(), salt.size(), kHashLen, encoded.data(), encoded.size());
  if (rc != ARGON2_OK) return Error::Internal(std::string("argon2: ") + argon2_error_message(rc));
  encoded.resize(encoded.find('\0'));
  return encoded;
}

bool VerifyPassword(std::string_view encoded_hash, std::string_view password) {
  const std::string hash(encoded_hash);
  return argon2id_verify(hash.c_str(), password.data(), password.size()) == ARGON2_OK;
}

Result<std::string> RandomToken() {
  std::array<unsigned char, 32> bytes{};
  if (getrandom(bytes.data(), bytes.size(), 0) != static_cast<ssize_t>(bytes.size())) {
    return Error::Internal("无法获取随机数");
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (auto b : bytes) {
    out += kHex[b >> 4];
    out += kHex[b & 15];
  }
  return out;
}

std::string CsrfTokenFor(std::string_view session_token) {
  return Sha256Hex("anjian-csrf:" + std::string(session_token));
}

Result<std::string> DrawAcceptedPassword(const std::function<Result<std::string>()>& draw,
                                         std::string_view username) {
  constexpr int kAttempts = 64;
  for (int attempt = 0; attempt < kAttempts; ++attempt) {
    ANJIAN_ASSIGN_OR_RETURN(auto candidate, draw());
    if (CheckPasswordQuality(candidate, username).ok()) return candidate;
  }
  return Error::Internal("无法生成通过强度检查的密码");
}

Status CheckPasswordQuality(std::string_view password, std::string_view username) {
  pwquality_settings_t* settings = pwquality_default_settings();
  if (settings == nullptr) return Error::Internal("libpwquality: out of memory");
  // Anjian's policy, set explicitly so the system's /etc/security/pwquality.conf cannot weaken it.
  pwquality_set_int_value(settings, PWQ_SETTING_MIN_LENGTH, 10);
  pwquality_set_int_value(settings, PWQ_SETTING_MIN_CLASS, 3);
  pwquality_set_int_value(settings, PWQ_SETTING_DIG_CREDIT, 0);
  pwquality_set_int_value(settings, PWQ_SETTING_UP_CREDIT, 0);
  pwquality_set_int_value(settings, PWQ_SETTING_LOW_CREDIT, 0);
  pwquality_set_int_value(settings, PWQ_SETTING_OTH_CREDIT, 0);
  pwquality_set_int_value(settings, PWQ_SETTING_MAX_REPEAT, 3);
  pwquality_set_int_value(settings, PWQ_SETTING_GECOS_CHECK, 0);
  pwquality_set_int_value(settings, PWQ_SETTING_DICT_CHECK, 1);
  pwquality_set_int_value(settings, PWQ_SETTING_USER_CHECK, 1);
  const std::string pw(password), user(username);
  void* aux = nullptr;
  const int score =
      pwquality_check(settings, pw.c_str(), nullptr, user.empty() ? nullptr : user.c_str(), &aux);
  std::string reason;
  if (score < 0) {
    switch (score) {
      case PWQ_ERROR_MIN_LENGTH:
        reason = "密码至少10个字符";
        break;
      case PWQ_ERROR_MIN_CLASSES:
        reason = "密码须包含大写字母、小写字母、数字、符号中的至少三类";
        break;
      case PWQ_ERROR_CRACKLIB_CHECK:
        reason = "密码过于常见或基于字典单词";
        break;
      case PWQ_ERROR_USER_CHECK:
        reason = "密码不能包含用户名";
        break;
      case PWQ_ERROR_MAX_CONSECUTIVE:
      case PWQ_ERROR_MAX_CLASS_REPEAT:
      case PWQ_ERROR_MAX_SEQUENCE:
        reason = "密码含过长的重复或连续字符";
        break;
      case PWQ_ERROR_PALINDROME:
        reason = "密码不能是回文";
        break;
      case PWQ_ERROR_EMPTY_PASSWORD:
        reason = "密码不能为空";
        break;
      default: {
        char buffer[PWQ_MAX_ERROR_MESSAGE_LEN];
        reason =
            std::string("密码强度不足：") + pwquality_strerror(buffer, sizeof buffer, score, aux);
      }
    }
  }
  pwquality_free_settings(settings);
  if (!reason.empty()) return Error::InvalidArgument(reason, "password");
  return Ok();
}

namespace {

bool OathReady() {
  static const bool kReady = oath_init() == OATH_OK;
  return kReady;
}

Result<std::string> DecodeBase32(std::string_view secret_base32) {
  if (!OathReady()) return Error::Internal("liboath 初始化失败");
  char* raw = nullptr;
  size_t length = 0;
  const std::string text(secret_base32);
  if (oath_base32_decode(text.c_str(), text.size(), &raw, &length) != OATH_OK) {
    return Error::InvalidArgument("二次验证密钥无效");
  }
  std::string bytes(raw, length);
  free(raw);  // NOLINT: allocated by liboath with malloc
  return bytes;
}

}  // namespace

bool VerifyTotp(std::string_view secret_base32, std::string_view code, std::int64_t now) {
  auto secret = DecodeBase32(secret_base32);
  if (!secret.ok() || code.size() != 6) return false;
  const std::string otp(code);
  const int rc = oath_totp_validate(secret->data(), secret->size(), static_cast<time_t>(now),
                                    OATH_TOTP_DEFAULT_TIME_STEP_SIZE, OATH_TOTP_DEFAULT_START_TIME,
                                    /*window=*/1, otp.c_str());
  return rc >= 0;
}

Result<std::string> TotpCode(std::string_view secret_base32, std::int64_t now) {
  ANJIAN_ASSIGN_OR_RETURN(auto secret, DecodeBase32(secret_base32));
  char otp[7] = {};
  if (oath_totp_generate(secret.data(), secret.size(), static_cast<time_t>(now),
                         OATH_TOTP_DEFAULT_TIME_STEP_SIZE, OATH_TOTP_DEFAULT_START_TIME, 6,
                         otp) != OATH_OK) {
    return Error::Internal("无法计算一次性验证码");
  }
  return std::string(otp);
}

Result<std::string> NewTotpSecret() {
  if (!OathReady()) return Error::Internal("liboath 初始化失败");
  std::array<char, 20> bytes{};
  if (getrandom(bytes.data(), bytes.size(), 0) != static_cast<ssize_t>(bytes.size())) {
    return Error::Internal("无法获取随机数");
  }
  char* encoded = nullptr;
  size_t length = 0;
  if (oath_base32_encode(bytes.data(), bytes.size(), &encoded, &length) != OATH_OK) {
    return Error::Internal("无法编码二次验证密钥");
  }
  std::string out(encoded, length);
  free(encoded);  // NOLINT: allocated by liboath with malloc
  while (!out.empty() && out.back() == '=') out.pop_back();
  return out;
}

std::string AuthService::RestrictionOf(const store::User& user) const {
  const auto now = clock_.NowUnixSeconds();
  const bool expired = options_.max_password_age_days > 0 &&
                       now - user.password_changed_at > options_.max_password_age_days * 86400;
  if (user.must_change_password || expired) return "password_change_required";
  const bool needs_mfa =
      user.role == domain::UserRole::kAdmin || user.role == domain::UserRole::kSecurityAdmin;
  if (options_.require_mfa && needs_mfa && !user.totp_enabled) return "mfa_enrolment_required";
  return "";
}

namespace {

// Work equal to a real verification, for usernames that do not exist.
const std::string& DummyHash() {
  static const std::string kHash =
      HashPassword("anjian-no-such-user-" + RandomToken().value()).value();
  return kHash;
}

std::string PairKey(std::string_view username, std::string_view address) {
  return "p:" + std::string(username) + "|" + std::string(address);
}

Principal LoginActor(std::string_view username, const std::optional<store::User>& user,
                     std::string_view client_address) {
  Principal who;
  who.username = std::string(username).substr(0, 64);
  who.client_address = std::string(client_address);
  if (user) {
    who.user_id = user->id;
    who.role = user->role;
    who.scope = store::Scope::Under(user->jurisdiction_path);
  }
  return who;
}

}  // namespace

Result<std::int64_t> AuthService::LockedUntil(store::StoreSession& session,
                                              const std::string& key) {
  ANJIAN_ASSIGN_OR_RETURN(auto throttle, session.GetLoginThrottle(key));
  return throttle.locked_until;
}

Status AuthService::RecordFailure(std::string_view username, std::string_view client_address,
                                  std::int64_t now, std::optional<store::User> user,
                                  std::string_view action) {
  // One short transaction: each throttle row is locked from read to save, so failures arriving at
  // several instances at once are all counted; the audit entry commits with them.
  ANJIAN_ASSIGN_OR_RETURN(auto session, store_.Write());
  const Principal actor = LoginActor(username, user, client_address);
  nlohmann::json details = {
      {"reason", user ? (user->active ? "wrong_password" : "inactive") : "unknown_user"}};
  bool locked_now = false;
  auto count = [&](const std::string& key, int limit, bool growing_delay) -> Status {
    ANJIAN_ASSIGN_OR_RETURN(auto f, session->GetLoginThrottle(key));
    if (now - f.window_start > options_.failure_window_seconds) {
      f.failures = 0;
      f.window_start = now;
    }
    ++f.failures;
    if (growing_delay) {
      if (f.failures >= limit) {
        const int doublings = std::min(f.failures - limit, 16);
        f.locked_until = now + std::min<std::int64_t>(std::int64_t{1} << doublings,
                                                      options_.max_account_delay_seconds);
      }
    } else if (f.failures >= limit) {
      f.locked_until = now + options_.lockout_seconds;
      f.failures = 0;
      f.window_start = now;
      locked_now = true;
    }
    return session->SaveLoginThrottle(key, f);
  };
  ANJIAN_TRY(count(PairKey(username, client_address), options_.max_failures, false));
  ANJIAN_TRY(count("a:" + std::string(client_address), options_.max_failures * 10, false));
  ANJIAN_TRY(count("u:" + std::string(username), options_.max_failures, true));
  session->StageAudit(AuditEntryFor(actor, now, std::string(action), "user",
                                    user ? std::to_string(user->id.value) : "",
                                    domain::AuditOutcome::kFailure, details));
  if (locked_now) {
    session->StageAudit(AuditEntryFor(
        actor, now, "auth.lockout", "user", user ? std::to_string(user->id.value) : "",
        domain::AuditOutcome::kDenied,
        {{"until", now + options_.lockout_seconds}, {"client_address", client_address}}));
  }
  return session->Commit();
}

Result<LoginResult> AuthService::Login(std::string_view username, std::string_view password,
                                       std::string_view client_address,
                                       std::string_view totp_code) {
  const auto now = clock_.NowUnixSeconds();
  std::optional<store::User> user;
  std::int64_t wait_until = 0;
  {
    ANJIAN_ASSIGN_OR_RETURN(auto session, store_.Read());
    for (const std::string& key :
         {PairKey(username, client_address), "a:" + std::string(client_address),
          "u:" + std::string(username)}) {
      ANJIAN_ASSIGN_OR_RETURN(auto until, LockedUntil(*session, key));
      wait_until = std::max(wait_until, until);
    }
    ANJIAN_ASSIGN_OR_RETURN(user, session->FindUserByName(username));
  }
  if (wait_until > now) {
    ANJIAN_TRY(AppendAuditEntry(
        store_,
        AuditEntryFor(LoginActor(username, user, client_address), now, "auth.login_throttled",
                      "user", user ? std::to_string(user->id.value) : "",
                      domain::AuditOutcome::kDenied, {{"retry_after", wait_until - now}})));
    const std::int64_t wait = wait_until - now;
    return Error::ResourceExhausted(
        wait >= 60 ? "登录失败次数过多，请 " + std::to_string((wait + 59) / 60) + " 分钟后再试"
                   : "登录失败次数过多，请 " + std::to_string(wait) + " 秒后再试");
  }
  // The same Argon2 work whether or not the name exists, so timing says nothing about it.
  const bool verified = VerifyPassword(user ? user->password_hash : DummyHash(), password);
  if (!user || !user->active || !verified) {
    ANJIAN_TRY(RecordFailure(username, client_address, now, user));
    return Error::Unauthenticated("用户名或密码错误");
  }
  if (user->totp_enabled) {
    // Asked for only after the password was right, so the question reveals nothing to a guesser.
    if (totp_code.empty()) return Error::MfaRequired("请输入身份验证器中的6位一次性验证码");
    if (!VerifyTotp(user->totp_secret, totp_code, now)) {
      ANJIAN_TRY(RecordFailure(username, client_address, now, user));
      return Error::Unauthenticated("一次性验证码错误");
    }
  }
  ANJIAN_ASSIGN_OR_RETURN(std::string token, RandomToken());
  LoginResult result{token, CsrfTokenFor(token), now + options_.session_ttl_seconds, *user};
  const std::string restriction = RestrictionOf(*user);
  result.must_change_password = restriction == "password_change_required";
  result.mfa_enrolment_required = restriction == "mfa_enrolment_required";
  ANJIAN_ASSIGN_OR_RETURN(auto session, store_.Write());
  ANJIAN_TRY(session->DeleteLoginThrottle(PairKey(username, client_address)));
  ANJIAN_TRY(session->DeleteLoginThrottle("u:" + std::string(username)));
  ANJIAN_TRY(session->DeleteExpiredSessions(now));
  ANJIAN_TRY(session->InsertSession(
      {Sha256Hex(token), user->id, now, result.expires_at, now, std::string(client_address)}));
  // A cap on concurrent sessions: the oldest beyond it end now.
  ANJIAN_ASSIGN_OR_RETURN(auto sessions, session->ListSessionsOf(user->id));
  for (std::size_t i = static_cast<std::size_t>(std::max(options_.max_sessions, 1));
       i < sessions.size(); ++i) {
    ANJIAN_TRY(session->DeleteSession(sessions[i].token_hash));
  }
  session->StageAudit(AuditEntryFor(LoginActor(username, user, client_address), now, "auth.login",
                                    "user", std::to_string(user->id.value)));
  ANJIAN_TRY(session->Commit());
  return result;
}

Result<domain::SignatureAuthMethod> AuthService::Reauthenticate(const store::User& user,
                                                                std::string_view password,
                                                                std::string_view totp_code,
                                                                std::string_view client_address) {
  const auto now = clock_.NowUnixSeconds();
  if (password.empty() && totp_code.empty()) {
    return Error::InvalidArgument("请该执法人员输入本人账号的密码或一次性验证码", "password");
  }
  if (password.empty() && !user.totp_enabled) {
    return Error::InvalidArgument("该账号未启用一次性验证码，请输入密码", "password");
  }
  std::int64_t wait_until = 0;
  {
    ANJIAN_ASSIGN_OR_RETURN(auto session, store_.Read());
    for (const std::string& key : {PairKey(user.username, client_address),
                                   "a:" + std::string(client_address), "u:" + user.username}) {
      ANJIAN_ASSIGN_OR_RETURN(auto until, LockedUntil(*session, key));
      wait_until = std::max(wait_until, until);
    }
  }
  if (wait_until > now) {
    ANJIAN_TRY(AppendAuditEntry(
        store_, AuditEntryFor(LoginActor(user.username, user, client_address), now,
                              "auth.reauth_throttled", "user", std::to_string(user.id.value),
                              domain::AuditOutcome::kDenied, {{"retry_after", wait_until - now}})));
    const std::int64_t wait = wait_until - now;
    return Error::ResourceExhausted(
        wait >= 60 ? "验证失败次数过多，请 " + std::to_string((wait + 59) / 60) + " 分钟后再试"
                   : "验证失败次数过多，请 " + std::to_string(wait) + " 秒后再试");
  }
  const auto fail = [&](std::string message, const char* field) -> Error {
    auto recorded = RecordFailure(user.username, client_address, now, user, "auth.reauth_failed");
    if (!recorded.ok()) return recorded.error();
    return Error{ErrorCode::kPermissionDenied, std::move(message), std::string(field)};
  };
  if (!user.active) return fail("该账号已停用，不能用于签字", "password");
  if (!password.empty()) {
    if (!VerifyPassword(user.password_hash, password)) return fail("密码错误", "password");
    if (!user.totp_enabled) return domain::SignatureAuthMethod::kPassword;
    if (totp_code.empty()) {
      return Error::InvalidArgument("该账号已启用双因素认证，请同时输入一次性验证码", "totp_code");
    }
    if (!VerifyTotp(user.totp_secret, totp_code, now)) return fail("一次性验证码错误", "totp_code");
    return domain::SignatureAuthMethod::kPasswordAndTotp;
  }
  if (!VerifyTotp(user.totp_secret, totp_code, now)) return fail("一次性验证码错误", "totp_code");
  return domain::SignatureAuthMethod::kTotp;
}

Status AuthService::ForgiveFailures(store::StoreSession& session, std::string_view username,
                                    std::string_view client_address) {
  ANJIAN_TRY(session.DeleteLoginThrottle(PairKey(username, client_address)));
  return session.DeleteLoginThrottle("u:" + std::string(username));
}

Result<Principal> AuthService::Authenticate(std::string_view bearer_token) {
  if (bearer_token.empty()) return Error::Unauthenticated("未登录或登录已过期，请重新登录");
  ANJIAN_ASSIGN_OR_RETURN(auto session, store_.Read());
  const std::string token_hash = Sha256Hex(bearer_token);
  ANJIAN_ASSIGN_OR_RETURN(auto found, session->FindSession(token_hash));
  const auto now = clock_.NowUnixSeconds();
  if (!found || found->expires_at <= now) {
    return Error::Unauthenticated("未登录或登录已过期，请重新登录");
  }
  if (options_.idle_timeout_seconds > 0 &&
      now - found->last_seen_at > options_.idle_timeout_seconds) {
    return Error::Unauthenticated("长时间未操作，登录已失效，请重新登录");
  }
  ANJIAN_ASSIGN_OR_RETURN(auto user, session->GetUser(found->user_id));
  if (!user.active) return Error::Unauthenticated("账号已停用");
  if (now - found->last_seen_at >= 60) {
    // Activity is bookkeeping, not a change anyone made: no audit entry, at most once a minute.
    session.reset();
    ANJIAN_ASSIGN_OR_RETURN(auto touch, store_.Write());
    touch->MarkBookkeeping();
    ANJIAN_TRY(touch->TouchSession(token_hash, now));
    ANJIAN_TRY(touch->Commit());
    ANJIAN_ASSIGN_OR_RETURN(session, store_.Read());
  }
  Principal principal;
  principal.user_id = user.id;
  principal.username = user.username;
  principal.role = user.role;
  principal.scope = store::Scope::Under(user.jurisdiction_path);
  principal.unit_id = user.unit_id;
  principal.inspector_id = user.inspector_id;
  principal.session_hash = token_hash;
  principal.restriction = RestrictionOf(user);
  if (user.role == domain::UserRole::kCommunity || user.role == domain::UserRole::kGrid) {
    principal.assigned_region = user.jurisdiction_id;
  }
  if (user.role == domain::UserRole::kEnterprise) {
    // An enterprise account's scope is its unit, always: never the jurisdiction it may have been
    // given, and nothing at all when the unit is missing (issue #12, defect 5).
    if (!user.unit_id) return Error::Unauthenticated("企业账号未绑定单位，请联系安全管理员");
    auto unit = session->GetUnit(store::Scope::All(), *user.unit_id);
    if (!unit.ok()) {
      if (unit.error().code != ErrorCode::kNotFound) return unit.error();
      return Error::Unauthenticated("企业账号绑定的单位已不存在，请联系安全管理员");
    }
    auto region = session->GetRegion(store::Scope::All(),
                                     unit->grid_id ? *unit->grid_id : unit->community_id);
    if (!region.ok()) return region.error();
    principal.scope = store::Scope::Under(region->path);
  }
  return principal;
}

Status AuthService::Logout(const Principal& who, std::string_view bearer_token) {
  ANJIAN_ASSIGN_OR_RETURN(auto session, store_.Write());
  ANJIAN_TRY(session->DeleteSession(Sha256Hex(bearer_token)));
  Audit(*session, who, clock_.NowUnixSeconds(), "auth.logout", "user",
        std::to_string(who.user_id.value));
  return session->Commit();
}

Result<store::User> AuthService::AddUser(store::StoreSession& session, store::User user,
                                         std::string_view password, PasswordCheck check) {
  if (user.username.empty() || user.username.size() > 64 ||
      user.username.find_first_of(" \t\r\n/\\") != std::string::npos) {
    return Error::InvalidArgument("用户名不能为空、不能含空白或斜杠，最长64字符", "username");
  }
  if (check == PasswordCheck::kEnforceQuality) {
    ANJIAN_TRY(CheckPasswordQuality(password, user.username));
  } else if (password.size() < 8) {
    return Error::InvalidArgument("密码至少8个字符", "password");
  }
  if (user.role == domain::UserRole::kEnterprise && !user.unit_id) {
    return Error::InvalidArgument("企业账号须绑定单位", "unit_id");
  }
  ANJIAN_ASSIGN_OR_RETURN(user.password_hash, HashPassword(password));
  user.created_at = clock_.NowUnixSeconds();
  user.password_changed_at = user.created_at;
  return session.InsertUser(user);
}

}  // namespace anjian::app

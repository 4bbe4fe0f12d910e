#include "app/auth_service.hpp"

#include <argon2.h>
#include <openssl/evp.h>
#include <sys/random.h>

#include <array>

namespace anjian::app {

Result<std::string> HashPassword(std::string_view password) {
  std::array<unsigned char, 16> salt{};
  if (getrandom(salt.data(), salt.size(), 0) != static_cast<ssize_t>(salt.size())) {
    return Error::Internal("无法获取随机数");
  }
  constexpr std::uint32_t kTimeCost = 2, kMemoryKiB = 19 * 1024, kParallelism = 1, kHashLen = 32;
  std::string encoded(argon2_encodedlen(kTimeCost, kMemoryKiB, kParallelism, salt.size(), kHashLen,
                                        Argon2_id),
                      '\0');
  const int rc = argon2id_hash_encoded(kTimeCost, kMemoryKiB, kParallelism, password.data(),
                                       password.size(), salt.data(), salt.size(), kHashLen,
                                       encoded.data(), encoded.size());
  if (rc != ARGON2_OK) return Error::Internal(std::string("argon2: ") + argon2_error_message(rc));
  encoded.resize(encoded.find('\0'));
  return encoded;
}

bool VerifyPassword(std::string_view encoded_hash, std::string_view password) {
  const std::string hash(encoded_hash);
  return argon2id_verify(hash.c_str(), password.data(), password.size()) == ARGON2_OK;
}

std::string Sha256Hex(std::string_view data) {
  std::array<unsigned char, 32> digest{};
  unsigned int length = 0;
  EVP_Digest(data.data(), data.size(), digest.data(), &length, EVP_sha256(), nullptr);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(64);
  for (unsigned i = 0; i < length; ++i) {
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 15];
  }
  return out;
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

Result<bool> AuthService::IsLocked(store::StoreSession& session, const std::string& key, std::int64_t now) {
  ANJIAN_ASSIGN_OR_RETURN(auto throttle, session.GetLoginThrottle(key));
  return throttle.locked_until > now;
}

Status AuthService::RecordFailure(const std::string& key, std::int64_t now) {
  // One short transaction per key: the row is locked from read to save, so failures arriving at
  // several instances at once are all counted.
  ANJIAN_ASSIGN_OR_RETURN(auto session, store_.Write());
  ANJIAN_ASSIGN_OR_RETURN(auto f, session->GetLoginThrottle(key));
  if (now - f.window_start > options_.failure_window_seconds) {
    f.failures = 0;
    f.window_start = now;
  }
  // Many users can share one address (an office NAT, a reverse proxy), so an address is
  // locked only after ten times the per-user limit.
  const int limit = key.starts_with("a:") ? options_.max_failures * 10 : options_.max_failures;
  if (++f.failures >= limit) {
    f.locked_until = now + options_.lockout_seconds;
    f.failures = 0;
    f.window_start = now;
  }
  ANJIAN_TRY(session->SaveLoginThrottle(key, f));
  return session->Commit();
}

Result<LoginResult> AuthService::Login(std::string_view username, std::string_view password,
                                       std::string_view client_address) {
  const auto now = clock_.NowUnixSeconds();
  const std::string user_key = "u:" + std::string(username);
  const std::string address_key = "a:" + std::string(client_address);
  std::optional<store::User> user;
  {
    ANJIAN_ASSIGN_OR_RETURN(auto session, store_.Read());
    ANJIAN_ASSIGN_OR_RETURN(bool user_locked, IsLocked(*session, user_key, now));
    ANJIAN_ASSIGN_OR_RETURN(bool address_locked, IsLocked(*session, address_key, now));
    if (user_locked || address_locked) {
      return Error::ResourceExhausted("登录失败次数过多，请 " +
                                      std::to_string(options_.lockout_seconds / 60) + " 分钟后再试");
    }
    ANJIAN_ASSIGN_OR_RETURN(user, session->FindUserByName(username));
  }
  if (!user || !user->active || !VerifyPassword(user->password_hash, password)) {
    ANJIAN_TRY(RecordFailure(user_key, now));
    ANJIAN_TRY(RecordFailure(address_key, now));
    return Error::Unauthenticated("用户名或密码错误");
  }
  ANJIAN_ASSIGN_OR_RETURN(std::string token, RandomToken());
  LoginResult result{token, now + options_.session_ttl_seconds, *user};
  ANJIAN_ASSIGN_OR_RETURN(auto session, store_.Write());
  ANJIAN_TRY(session->DeleteLoginThrottle(user_key));
  ANJIAN_TRY(session->DeleteExpiredSessions(now));
  ANJIAN_TRY(session->InsertSession({Sha256Hex(token), user->id, now, result.expires_at}));
  ANJIAN_TRY(session->Commit());
  return result;
}

Result<Principal> AuthService::Authenticate(std::string_view bearer_token) {
  if (bearer_token.empty()) return Error::Unauthenticated("未登录或登录已过期，请重新登录");
  ANJIAN_ASSIGN_OR_RETURN(auto session, store_.Read());
  ANJIAN_ASSIGN_OR_RETURN(auto found, session->FindSession(Sha256Hex(bearer_token)));
  if (!found || found->expires_at <= clock_.NowUnixSeconds()) {
    return Error::Unauthenticated("未登录或登录已过期，请重新登录");
  }
  ANJIAN_ASSIGN_OR_RETURN(auto user, session->GetUser(found->user_id));
  if (!user.active) return Error::Unauthenticated("账号已停用");
  Principal principal;
  principal.user_id = user.id;
  principal.username = user.username;
  principal.role = user.role;
  principal.scope = store::Scope::Under(user.jurisdiction_path);
  principal.unit_id = user.unit_id;
  principal.inspector_id = user.inspector_id;
  return principal;
}

Status AuthService::Logout(std::string_view bearer_token) {
  ANJIAN_ASSIGN_OR_RETURN(auto session, store_.Write());
  ANJIAN_TRY(session->DeleteSession(Sha256Hex(bearer_token)));
  return session->Commit();
}

Result<store::User> AuthService::AddUser(store::StoreSession& session, store::User user,
                                         std::string_view password) {
  if (user.username.empty() || user.username.size() > 64 ||
      user.username.find_first_of(" \t\r\n/\\") != std::string::npos) {
    return Error::InvalidArgument("用户名不能为空、不能含空白或斜杠，最长64字符", "username");
  }
  if (password.size() < 8) return Error::InvalidArgument("密码至少8个字符", "password");
  if (user.role == domain::UserRole::kEnterprise && !user.unit_id) {
    return Error::InvalidArgument("企业账号须绑定单位", "unit_id");
  }
  ANJIAN_ASSIGN_OR_RETURN(user.password_hash, HashPassword(password));
  user.created_at = clock_.NowUnixSeconds();
  return session.InsertUser(user);
}

}  // namespace anjian::app

// AuthService: Argon2id passwords, opaque bearer tokens with server-side expiry, throttling after
// repeated failures (C11). Clock-driven: FixedClock moves time past expiry and lockout.
#include "app/auth_service.hpp"

#include "app_fixture.hpp"
#include "common/sha256.hpp"

namespace anjian::app {
namespace {

constexpr const char* kPassword = "Tq8#vLr2!mZe";

bool IsLowerHex(const std::string& s) {
  return s.find_first_not_of("0123456789abcdef") == std::string::npos;
}

class AuthServiceTest : public AppTest {
 protected:
  void SetUp() override {
    AppTest::SetUp();
    options_.session_ttl_seconds = 3600;
    options_.max_failures = 5;
    options_.failure_window_seconds = 600;
    options_.lockout_seconds = 900;
    options_.idle_timeout_seconds = 0;  // the idle-timeout test turns it on
    auth_ = std::make_unique<AuthService>(*store_, clock_, options_);
  }

  // Adds the account "dongfeng" (社区安全员 of 东风社区). One Argon2 hash.
  store::User AddDongfeng(bool active = true) {
    auto session = store_->Write();
    EXPECT_OK(session);
    store::User user;
    user.username = "dongfeng";
    user.display_name = "东风社区安全员";
    user.role = domain::UserRole::kCommunity;
    user.jurisdiction_id = tree_.community_a.id;
    user.active = active;
    auto saved = auth_->AddUser(**session, user, kPassword);
    EXPECT_OK(saved);
    EXPECT_OK(CommitFixture(**session));
    return saved.ok() ? *saved : user;
  }

  AuthOptions options_;
  std::unique_ptr<AuthService> auth_;
};

TEST_F(AuthServiceTest, HashedPasswordVerifiesOnlyWithTheSamePassword) {
  auto hash = HashPassword("安全生产Pass1");
  ASSERT_OK(hash);
  EXPECT_EQ(hash->rfind("$argon2id$", 0), 0u) << *hash;
  EXPECT_EQ(hash->find("安全生产Pass1"), std::string::npos);
  EXPECT_TRUE(VerifyPassword(*hash, "安全生产Pass1"));
  EXPECT_FALSE(VerifyPassword(*hash, "安全生产Pass2"));
  EXPECT_FALSE(VerifyPassword(*hash, ""));
  auto again = HashPassword("安全生产Pass1");
  ASSERT_OK(again);
  EXPECT_NE(*again, *hash);  // random salt
}

TEST_F(AuthServiceTest, RandomTokensAre64HexCharactersAndDiffer) {
  auto a = RandomToken();
  auto b = RandomToken();
  ASSERT_OK(a);
  ASSERT_OK(b);
  EXPECT_EQ(a->size(), 64u);
  EXPECT_TRUE(IsLowerHex(*a));
  EXPECT_NE(*a, *b);
}

TEST_F(AuthServiceTest, LoginGivesATokenThatAuthenticatesWithTheUsersScope) {
  const auto user = AddDongfeng();
  auto login = auth_->Login("dongfeng", kPassword, "10.0.0.1");
  ASSERT_OK(login);
  EXPECT_EQ(login->token.size(), 64u);
  EXPECT_TRUE(IsLowerHex(login->token));
  EXPECT_EQ(login->expires_at, kNow + 3600);
  EXPECT_EQ(login->user.username, "dongfeng");
  auto who = auth_->Authenticate(login->token);
  ASSERT_OK(who);
  EXPECT_EQ(who->user_id, user.id);
  EXPECT_EQ(who->username, "dongfeng");
  EXPECT_EQ(who->role, domain::UserRole::kCommunity);
  const std::string expected_path = "/" + std::to_string(tree_.district.id.value) + "/" +
                                    std::to_string(tree_.street.id.value) + "/" +
                                    std::to_string(tree_.community_a.id.value) + "/";
  EXPECT_EQ(who->scope.region_path, expected_path);
  EXPECT_FALSE(who->unit_id.has_value());
}

TEST_F(AuthServiceTest, StoresOnlyTheTokenHash) {
  AddDongfeng();
  auto login = auth_->Login("dongfeng", kPassword, "10.0.0.1");
  ASSERT_OK(login);
  auto session = store_->Read();
  ASSERT_OK(session);
  EXPECT_FALSE((*(*session)->FindSession(login->token)).has_value());
  EXPECT_TRUE((*(*session)->FindSession(Sha256Hex(login->token))).has_value());
}

TEST_F(AuthServiceTest, WrongPasswordAndUnknownUserGiveTheSameError) {
  AddDongfeng();
  auto wrong = auth_->Login("dongfeng", "not-the-password", "10.0.0.1");
  ASSERT_ERROR_CODE(wrong, kUnauthenticated);
  auto unknown = auth_->Login("nobody", kPassword, "10.0.0.2");
  ASSERT_ERROR_CODE(unknown, kUnauthenticated);
  EXPECT_EQ(wrong.error().message, unknown.error().message);
}

TEST_F(AuthServiceTest, FiveFailuresLockThatAddressOutButOnlySlowTheAccountElsewhere) {
  AddDongfeng();
  for (int attempt = 1; attempt <= 5; ++attempt) {
    EXPECT_ERROR_CODE(auth_->Login("dongfeng", "guess" + std::to_string(attempt), "10.0.0.9"),
                      kUnauthenticated)
        << "attempt " << attempt;
  }
  EXPECT_ERROR_CODE(auth_->Login("dongfeng", kPassword, "10.0.0.9"), kResourceExhausted);
  // Elsewhere the owner waits one second (the account's first delay), then gets in: the guesser
  // cannot lock the owner out (issue #12, defect 8).
  EXPECT_ERROR_CODE(auth_->Login("dongfeng", kPassword, "10.0.0.10"), kResourceExhausted);
  clock_.Advance(2);
  EXPECT_OK(auth_->Login("dongfeng", kPassword, "10.0.0.10"));
  // The guessing address stays locked for this account until the lockout passes.
  clock_.Advance(896);
  EXPECT_ERROR_CODE(auth_->Login("dongfeng", kPassword, "10.0.0.9"), kResourceExhausted);
  clock_.Advance(3);
  EXPECT_OK(auth_->Login("dongfeng", kPassword, "10.0.0.9"));
}

TEST_F(AuthServiceTest, GuessingFromManyAddressesMeetsADoublingDelay) {
  AddDongfeng();
  // One guess per address, each after the previous delay has passed.
  for (int attempt = 1; attempt <= 8; ++attempt) {
    clock_.Advance(61);
    EXPECT_ERROR_CODE(auth_->Login("dongfeng", "guess", "10.1.0." + std::to_string(attempt)),
                      kUnauthenticated)
        << "attempt " << attempt;
  }
  // After the 8th failure the account waits 2^(8-5) = 8 seconds wherever the next try comes from.
  clock_.Advance(7);
  EXPECT_ERROR_CODE(auth_->Login("dongfeng", kPassword, "10.2.0.1"), kResourceExhausted);
  clock_.Advance(2);
  EXPECT_OK(auth_->Login("dongfeng", kPassword, "10.2.0.1"));
}

TEST_F(AuthServiceTest, TheDelayIsCapped) {
  options_.max_account_delay_seconds = 60;
  options_.failure_window_seconds = 100000;
  auth_ = std::make_unique<AuthService>(*store_, clock_, options_);
  AddDongfeng();
  for (int attempt = 1; attempt <= 20; ++attempt) {
    clock_.Advance(61);
    EXPECT_ERROR_CODE(auth_->Login("dongfeng", "guess", "10.3.0." + std::to_string(attempt)),
                      kUnauthenticated);
  }
  // 2^15 s uncapped; the cap makes it 60.
  clock_.Advance(59);
  EXPECT_ERROR_CODE(auth_->Login("dongfeng", kPassword, "10.4.0.1"), kResourceExhausted);
  clock_.Advance(2);
  EXPECT_OK(auth_->Login("dongfeng", kPassword, "10.4.0.1"));
}

TEST_F(AuthServiceTest, LockoutHoldsOnEveryInstanceOfTheSameStore) {
  // Two server instances are two AuthService objects on one database: failures split between
  // them add up, and the lockout one of them imposes holds on the other.
  AddDongfeng();
  AuthService other_instance(*store_, clock_, options_);
  for (int attempt = 1; attempt <= 5; ++attempt) {
    auto& auth = attempt % 2 == 0 ? other_instance : *auth_;
    EXPECT_ERROR_CODE(auth.Login("dongfeng", "wrong-password", "10.0.0.9"), kUnauthenticated)
        << "attempt " << attempt;
  }
  EXPECT_ERROR_CODE(auth_->Login("dongfeng", kPassword, "10.0.0.9"), kResourceExhausted);
  EXPECT_ERROR_CODE(other_instance.Login("dongfeng", kPassword, "10.0.0.9"), kResourceExhausted);
  clock_.Advance(901);
  EXPECT_OK(other_instance.Login("dongfeng", kPassword, "10.0.0.9"));
}

TEST_F(AuthServiceTest, FailuresOutsideTheWindowDoNotAccumulate) {
  AddDongfeng();
  for (int attempt = 1; attempt <= 4; ++attempt) {
    EXPECT_ERROR_CODE(auth_->Login("nobody-here", "x", "10.0.0.3"), kUnauthenticated);
  }
  clock_.Advance(601);  // window is 600 s
  EXPECT_ERROR_CODE(auth_->Login("nobody-here", "x", "10.0.0.3"), kUnauthenticated);
  EXPECT_ERROR_CODE(auth_->Login("nobody-here", "x", "10.0.0.3"), kUnauthenticated);
  // 2 failures in the new window: neither the name nor the address is locked.
  EXPECT_OK(auth_->Login("dongfeng", kPassword, "10.0.0.3"));
}

TEST_F(AuthServiceTest, SessionExpiresAfterItsTtl) {
  AddDongfeng();
  auto login = auth_->Login("dongfeng", kPassword, "10.0.0.1");
  ASSERT_OK(login);
  clock_.Advance(3599);
  EXPECT_OK(auth_->Authenticate(login->token));
  clock_.Advance(1);  // now == expires_at
  EXPECT_ERROR_CODE(auth_->Authenticate(login->token), kUnauthenticated);
}

TEST_F(AuthServiceTest, LogoutInvalidatesTheToken) {
  AddDongfeng();
  auto login = auth_->Login("dongfeng", kPassword, "10.0.0.1");
  ASSERT_OK(login);
  auto principal = auth_->Authenticate(login->token);
  ASSERT_OK(principal);
  ASSERT_OK(auth_->Logout(*principal, login->token));
  EXPECT_ERROR_CODE(auth_->Authenticate(login->token), kUnauthenticated);
}

TEST_F(AuthServiceTest, UnknownOrEmptyTokenIsUnauthenticated) {
  EXPECT_ERROR_CODE(auth_->Authenticate(""), kUnauthenticated);
  EXPECT_ERROR_CODE(auth_->Authenticate(std::string(64, 'a')), kUnauthenticated);
}

TEST_F(AuthServiceTest, InactiveAccountCannotLogIn) {
  AddDongfeng(/*active=*/false);
  EXPECT_ERROR_CODE(auth_->Login("dongfeng", kPassword, "10.0.0.1"), kUnauthenticated);
}

TEST_F(AuthServiceTest, WeakPasswordsAreRefusedByTheQualityCheck) {
  auto session = store_->Write();
  ASSERT_OK(session);
  store::User user;
  user.username = "zhangwei";
  for (const char* weak : {"12345678", "1234567890", "password1234", "abcdefghijk",
                           "Zhangwei#2026x", "aaaaaaaaaaA1!"}) {
    auto added = auth_->AddUser(**session, user, weak);
    ASSERT_ERROR_CODE(added, kInvalidArgument) << weak;
    EXPECT_EQ(added.error().field, std::optional<std::string>("password")) << weak;
  }
  EXPECT_OK(auth_->AddUser(**session, user, "Tq8#vLr2!mZe"));
  // The demo accounts keep their published password.
  user.username = "demo-viewer";
  EXPECT_OK(
      auth_->AddUser(**session, user, "Anjian@2024", AuthService::PasswordCheck::kDemoAccount));
}

TEST_F(AuthServiceTest, IdleSessionsEndAndActivityKeepsThemAlive) {
  options_.idle_timeout_seconds = 1800;
  options_.session_ttl_seconds = 12 * 3600;
  auth_ = std::make_unique<AuthService>(*store_, clock_, options_);
  AddDongfeng();
  auto login = auth_->Login("dongfeng", kPassword, "10.0.0.1");
  ASSERT_OK(login);
  clock_.Advance(1700);
  EXPECT_OK(auth_->Authenticate(login->token));  // activity recorded
  clock_.Advance(1700);
  EXPECT_OK(auth_->Authenticate(login->token)) << "1700 s after the last request";
  clock_.Advance(1801);
  EXPECT_ERROR_CODE(auth_->Authenticate(login->token), kUnauthenticated);
}

TEST_F(AuthServiceTest, LoggingInPastTheSessionCapEndsTheOldest) {
  options_.max_sessions = 2;
  auth_ = std::make_unique<AuthService>(*store_, clock_, options_);
  AddDongfeng();
  auto first = auth_->Login("dongfeng", kPassword, "10.0.0.1");
  clock_.Advance(1);
  auto second = auth_->Login("dongfeng", kPassword, "10.0.0.1");
  clock_.Advance(1);
  auto third = auth_->Login("dongfeng", kPassword, "10.0.0.1");
  ASSERT_OK(first);
  ASSERT_OK(second);
  ASSERT_OK(third);
  EXPECT_ERROR_CODE(auth_->Authenticate(first->token), kUnauthenticated);
  EXPECT_OK(auth_->Authenticate(second->token));
  EXPECT_OK(auth_->Authenticate(third->token));
}

TEST_F(AuthServiceTest, ASecondFactorIsAskedForOnlyAfterTheRightPassword) {
  AddDongfeng();
  auto secret = NewTotpSecret();
  ASSERT_OK(secret);
  {
    auto session = store_->Write();
    ASSERT_OK(session);
    auto user = (*session)->FindUserByName("dongfeng");
    ASSERT_OK(user);
    (*user)->totp_secret = *secret;
    (*user)->totp_enabled = true;
    ASSERT_OK((*session)->UpdateUser(**user));
    ASSERT_OK(CommitFixture(**session));
  }
  EXPECT_ERROR_CODE(auth_->Login("dongfeng", "wrong-pass", "10.0.0.1"), kUnauthenticated);
  EXPECT_ERROR_CODE(auth_->Login("dongfeng", kPassword, "10.0.0.1"), kMfaRequired);
  EXPECT_ERROR_CODE(auth_->Login("dongfeng", kPassword, "10.0.0.1", "000000"), kUnauthenticated);
  auto code = TotpCode(*secret, clock_.NowUnixSeconds());
  ASSERT_OK(code);
  EXPECT_OK(auth_->Login("dongfeng", kPassword, "10.0.0.1", *code));
  // A code from five minutes ago is no longer accepted (one 30 s step either side).
  auto old_code = TotpCode(*secret, clock_.NowUnixSeconds() - 300);
  ASSERT_OK(old_code);
  if (*old_code != *code) {
    EXPECT_FALSE(VerifyTotp(*secret, *old_code, clock_.NowUnixSeconds()));
  }
}

TEST_F(AuthServiceTest, TotpMatchesTheRfc6238Vector) {
  // RFC 6238 appendix B, SHA-1, secret "12345678901234567890" (base32 below), T = 59 → 94287082
  // (8 digits); its last six digits are the 6-digit code.
  EXPECT_TRUE(VerifyTotp("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", "287082", 59));
  EXPECT_FALSE(VerifyTotp("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", "287083", 59));
}

TEST_F(AuthServiceTest, OldPasswordsAndTemporaryOnesRestrictTheSession) {
  AddDongfeng();
  auto session = store_->Read();
  ASSERT_OK(session);
  auto user = (*session)->FindUserByName("dongfeng");
  ASSERT_OK(user);
  EXPECT_EQ(auth_->RestrictionOf(**user), "");
  clock_.Advance(181 * 86400);
  EXPECT_EQ(auth_->RestrictionOf(**user), "password_change_required");
  (*user)->password_changed_at = clock_.NowUnixSeconds();
  (*user)->must_change_password = true;
  EXPECT_EQ(auth_->RestrictionOf(**user), "password_change_required");
  (*user)->must_change_password = false;
  (*user)->role = domain::UserRole::kSecurityAdmin;
  options_.require_mfa = true;
  AuthService strict(*store_, clock_, options_);
  EXPECT_EQ(strict.RestrictionOf(**user), "mfa_enrolment_required");
}

TEST_F(AuthServiceTest, AddUserValidatesBeforeHashing) {
  auto session = store_->Write();
  ASSERT_OK(session);
  store::User user;
  user.username = "short-pass";
  EXPECT_ERROR_CODE(auth_->AddUser(**session, user, "1234567"), kInvalidArgument);
  for (const char* bad : {"", "has space", "a/b"}) {
    user.username = bad;
    EXPECT_ERROR_CODE(auth_->AddUser(**session, user, kPassword), kInvalidArgument) << bad;
  }
  user.username = "company";
  user.role = domain::UserRole::kEnterprise;
  auto enterprise = auth_->AddUser(**session, user, kPassword);
  ASSERT_ERROR_CODE(enterprise, kInvalidArgument);
  EXPECT_EQ(enterprise.error().field, std::optional<std::string>("unit_id"));
  auto users = (*session)->ListUsers();
  ASSERT_OK(users);
  EXPECT_TRUE(users->empty());
}

}  // namespace
}  // namespace anjian::app

// Store contract: accounts, login sessions, change history and the import log.
#include "store/sql/sql_connection.hpp"
#include "store_contract.hpp"

namespace anjian::store {
namespace {

User MakeUser(std::string username, std::optional<RegionId> jurisdiction) {
  User u;
  u.username = std::move(username);
  u.display_name = "测试账号";
  u.password_hash = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA";
  u.role = domain::UserRole::kCommunity;
  u.jurisdiction_id = jurisdiction;
  u.created_at = 1'767'225'600;
  return u;
}

TEST_P(StoreContractTest, UserRoundTripsWithJurisdictionPath) {
  SeedTree();
  auto session = WriteSession();
  auto saved = session->InsertUser(MakeUser("dongfeng", tree_.community_a.id));
  ASSERT_OK(saved);
  EXPECT_GT(saved->id.value, 0);
  ASSERT_OK(session->Commit());
  auto reader = ReadSession();
  auto found = reader->FindUserByName("dongfeng");
  ASSERT_OK(found);
  ASSERT_TRUE(found->has_value());
  const User& u = **found;
  EXPECT_EQ(u.id, saved->id);
  EXPECT_EQ(u.display_name, "测试账号");
  EXPECT_EQ(u.password_hash, "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA");
  EXPECT_EQ(u.role, domain::UserRole::kCommunity);
  EXPECT_EQ(u.jurisdiction_id, std::optional<RegionId>(tree_.community_a.id));
  EXPECT_EQ(u.jurisdiction_path, tree_.community_a.path);
  EXPECT_TRUE(u.active);
  EXPECT_FALSE(u.unit_id.has_value());
}

TEST_P(StoreContractTest, UserWithoutJurisdictionHasEmptyPath) {
  auto session = WriteSession();
  auto saved = session->InsertUser(MakeUser("root", std::nullopt));
  ASSERT_OK(saved);
  auto got = session->GetUser(saved->id);
  ASSERT_OK(got);
  EXPECT_EQ(got->jurisdiction_path, "");
}

TEST_P(StoreContractTest, DuplicateUsernameIsAlreadyExists) {
  SeedTree();
  auto session = WriteSession();
  ASSERT_OK(session->InsertUser(MakeUser("admin", tree_.street.id)));
  EXPECT_ERROR_CODE(session->InsertUser(MakeUser("admin", tree_.community_b.id)), kAlreadyExists);
}

TEST_P(StoreContractTest, UnknownUsersAreMissing) {
  auto session = ReadSession();
  auto found = session->FindUserByName("nobody");
  ASSERT_OK(found);
  EXPECT_FALSE(found->has_value());
  EXPECT_ERROR_CODE(session->GetUser(UserId(777)), kNotFound);
}

TEST_P(StoreContractTest, ListUsersInCreationOrder) {
  SeedTree();
  auto session = WriteSession();
  ASSERT_OK(session->InsertUser(MakeUser("b-user", tree_.street.id)));
  ASSERT_OK(session->InsertUser(MakeUser("a-user", tree_.street.id)));
  auto users = session->ListUsers();
  ASSERT_OK(users);
  ASSERT_EQ(users->size(), 2u);
  EXPECT_EQ((*users)[0].username, "b-user");
  EXPECT_EQ((*users)[1].username, "a-user");
}

TEST_P(StoreContractTest, UserBoundToMissingUnitViolatesForeignKey) {
  SeedTree();
  auto session = WriteSession();
  User u = MakeUser("enterprise", tree_.street.id);
  u.role = domain::UserRole::kEnterprise;
  u.unit_id = UnitId(31337);
  EXPECT_FALSE(session->InsertUser(u).ok());
}

TEST_P(StoreContractTest, SessionsAreFoundDeletedAndExpired) {
  SeedTree();
  auto session = WriteSession();
  auto user = session->InsertUser(MakeUser("u1", tree_.street.id));
  ASSERT_OK(user);
  ASSERT_OK(session->InsertSession({"hash-old", user->id, kNow - 100, kNow}));
  ASSERT_OK(session->InsertSession({"hash-new", user->id, kNow, kNow + 3600}));
  ASSERT_OK(session->InsertSession({"hash-gone", user->id, kNow, kNow + 3600}));
  auto found = session->FindSession("hash-new");
  ASSERT_OK(found);
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->user_id, user->id);
  EXPECT_EQ((*found)->created_at, kNow);
  EXPECT_EQ((*found)->expires_at, kNow + 3600);
  ASSERT_OK(session->DeleteSession("hash-gone"));
  EXPECT_FALSE(session->FindSession("hash-gone")->has_value());
  ASSERT_OK(session->DeleteExpiredSessions(kNow));  // expires_at <= now goes
  EXPECT_FALSE(session->FindSession("hash-old")->has_value());
  EXPECT_TRUE(session->FindSession("hash-new")->has_value());
  EXPECT_FALSE(session->FindSession("never-issued")->has_value());
}

TEST_P(StoreContractTest, SessionForMissingUserViolatesForeignKey) {
  auto session = WriteSession();
  EXPECT_FALSE(session->InsertSession({"orphan", UserId(4040), kNow, kNow + 60}).ok());
}

TEST_P(StoreContractTest, HistoryIsListedNewestFirstPerEntity) {
  auto session = WriteSession();
  for (int version = 1; version <= 3; ++version) {
    ASSERT_OK(
        session->AppendHistory({"unit", 42, version, version == 1 ? "create" : "update", "admin",
                                kNow + version, "{\"version\":" + std::to_string(version) + "}"}));
  }
  ASSERT_OK(session->AppendHistory({"unit", 43, 1, "create", "admin", kNow, "{}"}));
  ASSERT_OK(session->AppendHistory({"inspector", 42, 1, "create", "admin", kNow, "{}"}));
  ASSERT_OK(session->Commit());
  auto reader = ReadSession();
  auto history = reader->ListHistory("unit", 42, 10);
  ASSERT_OK(history);
  ASSERT_EQ(history->size(), 3u);
  EXPECT_EQ((*history)[0].version, 3);
  EXPECT_EQ((*history)[1].version, 2);
  EXPECT_EQ((*history)[2].version, 1);
  EXPECT_EQ((*history)[2].action, "create");
  EXPECT_EQ((*history)[0].actor, "admin");
  EXPECT_EQ((*history)[0].at, kNow + 3);
  EXPECT_EQ((*history)[0].snapshot_json, "{\"version\":3}");
  EXPECT_EQ((*history)[0].entity, "unit");
  EXPECT_EQ((*history)[0].entity_id, 42);
  auto limited = reader->ListHistory("unit", 42, 2);
  ASSERT_OK(limited);
  ASSERT_EQ(limited->size(), 2u);
  EXPECT_EQ((*limited)[1].version, 2);
}

TEST_P(StoreContractTest, AValueOverTheEnginesLimitIsRefusedAndTheTransactionGoesOn) {
  // Both engines cap one value below 1 GB; PostgreSQL drops the connection past it, SQLite binds
  // NULL. The store refuses the statement instead, and the transaction stays usable.
  auto session = WriteSession();
  HistoryEntry huge{"unit", 42, 1, "update", "admin", kNow, std::string(sql::kMaxValueBytes, 'x')};
  EXPECT_ERROR_CODE(session->AppendHistory(huge), kUnprocessable);
  huge.snapshot_json = "{}";
  ASSERT_OK(session->AppendHistory(huge));
  ASSERT_OK(session->Commit());
  auto history = ReadSession()->ListHistory("unit", 42, 10);
  ASSERT_OK(history);
  ASSERT_EQ(history->size(), 1u);
  EXPECT_EQ((*history)[0].snapshot_json, "{}");
}

TEST_P(StoreContractTest, ImportLogListsNewestFirst) {
  auto session = WriteSession();
  auto first = session->RecordImport({0, "units", "a.xlsx", "admin", kNow, 10, 10, 0, false});
  ASSERT_OK(first);
  auto second = session->RecordImport({0, "inspectors", "b.csv", "admin", kNow + 5, 3, 0, 2, true});
  ASSERT_OK(second);
  EXPECT_NE(*first, *second);
  ASSERT_OK(session->Commit());
  auto imports = ReadSession()->ListImports(10);
  ASSERT_OK(imports);
  ASSERT_EQ(imports->size(), 2u);
  EXPECT_EQ((*imports)[0].id, *second);
  EXPECT_EQ((*imports)[0].kind, "inspectors");
  EXPECT_EQ((*imports)[0].file_name, "b.csv");
  EXPECT_EQ((*imports)[0].error_count, 2);
  EXPECT_TRUE((*imports)[0].dry_run);
  EXPECT_EQ((*imports)[1].rows, 10);
  EXPECT_EQ((*imports)[1].imported, 10);
  EXPECT_FALSE((*imports)[1].dry_run);
}

TEST_P(StoreContractTest, LoginThrottleRoundTripsAndIsSharedByStoreHandles) {
  {
    auto reader = ReadSession();
    auto none = reader->GetLoginThrottle("u:nobody");
    ASSERT_OK(none);
    EXPECT_EQ(none->failures, 0);
    EXPECT_EQ(none->locked_until, 0);
  }
  {
    auto session = WriteSession();
    auto locked = session->GetLoginThrottle("u:admin");  // creates and locks the row
    ASSERT_OK(locked);
    EXPECT_EQ(locked->failures, 0);
    ASSERT_OK(session->SaveLoginThrottle("u:admin", {3, kNow, kNow + 900}));
    ASSERT_OK(session->Commit());
  }
  // Another handle on the same database (another instance) sees the counters.
  Reopen();
  auto stored = ReadSession()->GetLoginThrottle("u:admin");
  ASSERT_OK(stored);
  EXPECT_EQ(stored->failures, 3);
  EXPECT_EQ(stored->window_start, kNow);
  EXPECT_EQ(stored->locked_until, kNow + 900);
  {
    auto session = WriteSession();
    ASSERT_OK(session->DeleteLoginThrottle("u:admin"));
    ASSERT_OK(session->Commit());
  }
  EXPECT_EQ(ReadSession()->GetLoginThrottle("u:admin")->failures, 0);
}

}  // namespace
}  // namespace anjian::store

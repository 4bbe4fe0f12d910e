// BuildDemoData: the demo street modelled on seed 000 (解放街道: 48 level-1/2 + 2,322 level-3 =
// 2,370 units), deterministic from its seed, valid by the registry's own rules; another identity
// gives another street of the same district that shares no username, employee number or credit
// code with it (two streets to merge, issue #13 item 5).
#include "app/demo_data.hpp"

#include <cstdio>
#include <map>
#include <set>

#include "app_fixture.hpp"
#include "domain/registry/credit_code.hpp"
#include "support/builders.hpp"
#include "support/credit_code_oracle.hpp"

namespace anjian::app {
namespace {

constexpr std::int64_t kDemoNow = 1'767'225'600;  // 2026-01-01

struct DemoWorld {
  test_support::TempDir dir;
  std::unique_ptr<store::sqlite::SqliteStore> store;
  FixedClock clock{kDemoNow};
  std::unique_ptr<AuthService> auth;
  Result<DemoSummary> summary = Error::Internal("not built");

  explicit DemoWorld(const DemoIdentity& identity = {}) {
    auto opened = store::sqlite::SqliteStore::Open(dir.File("demo.db"));
    if (!opened.ok()) return;
    store = std::move(opened).value();
    auth = std::make_unique<AuthService>(*store, clock);
    summary = BuildDemoData(*store, *auth, domain::KeyPolicy::Default(), kDemoNow, 2024, identity);
  }
  std::vector<domain::Unit> Units() const {
    std::vector<domain::Unit> units;
    auto session = store->Read();
    EXPECT_OK((*session)->ForEachUnit(store::Scope::All(),
                                      [&](const domain::Unit& u) { units.push_back(u); }));
    return units;
  }
  std::vector<domain::Inspector> Inspectors() const {
    std::vector<domain::Inspector> out;
    auto session = store->Read();
    EXPECT_OK((*session)->ForEachInspector(store::Scope::All(),
                                           [&](const domain::Inspector& i) { out.push_back(i); }));
    return out;
  }
  std::vector<store::User> Users() const {
    auto session = store->Read();
    auto users = (*session)->ListUsers();
    EXPECT_OK(users);
    return users.ok() ? *users : std::vector<store::User>{};
  }
  std::vector<domain::Region> Regions() const {
    auto session = store->Read();
    auto regions = (*session)->ListRegions(store::Scope::All());
    EXPECT_OK(regions);
    return regions.ok() ? *regions : std::vector<domain::Region>{};
  }
  // The district or the street: there is one of each.
  domain::Region OnlyRegionAt(domain::RegionLevel level) const {
    std::vector<domain::Region> found;
    for (const auto& r : Regions()) {
      if (r.level == level) found.push_back(r);
    }
    EXPECT_EQ(found.size(), 1u);
    return found.empty() ? domain::Region{} : found.front();
  }
  std::int64_t Total(const store::UnitQuery& query) const {
    auto session = store->Read();
    auto page = (*session)->ListUnits(store::Scope::All(), query);
    EXPECT_OK(page);
    return page.ok() ? page->total : -1;
  }
};

class DemoDataTest : public ::testing::Test {
 protected:
  // Two independent builds with the same seed, shared by the suite (each costs 7 Argon2 hashes).
  // `other_` is the second street of the same district, built from the same seed.
  static void SetUpTestSuite() {
    first_ = new DemoWorld();
    second_ = new DemoWorld();
    other_ = new DemoWorld(OtherStreet());
  }
  static void TearDownTestSuite() {
    delete first_;
    delete second_;
    delete other_;
  }
  void SetUp() override {
    ASSERT_OK(first_->summary);
    ASSERT_OK(second_->summary);
    ASSERT_OK(other_->summary);
  }
  static DemoIdentity OtherStreet() {
    DemoIdentity identity;
    identity.street_name = "民主街道";
    identity.street_code = "410802002";
    identity.username_prefix = "mz_";
    identity.employee_prefix = "MZ";
    identity.unit_code_block = 1;
    return identity;
  }
  static DemoWorld* first_;
  static DemoWorld* second_;
  static DemoWorld* other_;
};

DemoWorld* DemoDataTest::first_ = nullptr;
DemoWorld* DemoDataTest::second_ = nullptr;
DemoWorld* DemoDataTest::other_ = nullptr;

std::set<std::string> Usernames(const std::vector<store::User>& users) {
  std::set<std::string> names;
  for (const auto& u : users) names.insert(u.username);
  return names;
}

std::set<std::string> SummaryUsernames(const DemoSummary& summary) {
  std::set<std::string> names;
  for (const auto& a : summary.accounts) names.insert(a.username);
  return names;
}

template <typename Set>
std::vector<std::string> Shared(const Set& a, const Set& b) {
  std::vector<std::string> shared;
  for (const auto& x : a) {
    if (b.contains(x)) shared.push_back(x);
  }
  return shared;
}

TEST_F(DemoDataTest, CreatesTheSeedStreetsUnitCount) {
  EXPECT_EQ(first_->summary->units, 2370);
  EXPECT_EQ(first_->Total({}), 2370);
}

TEST_F(DemoDataTest, Has48Level1And2UnitsAnd2322Level3) {
  const auto level1 = first_->Total({.level = domain::SupervisionLevel::kLevel1});
  const auto level2 = first_->Total({.level = domain::SupervisionLevel::kLevel2});
  EXPECT_EQ(level1 + level2, 48);
  EXPECT_GT(level1, 0);
  EXPECT_GT(level2, 0);
  EXPECT_EQ(first_->Total({.level = domain::SupervisionLevel::kLevel3}), 2322);
}

TEST_F(DemoDataTest, HasAtLeastTenCommunitiesIncludingVillagesAndConsistentGrids) {
  auto session = first_->store->Read();
  auto regions = (*session)->ListRegions(store::Scope::All());
  ASSERT_OK(regions);
  std::map<std::int64_t, domain::Region> by_id;
  int communities = 0, villages = 0;
  for (const auto& r : *regions) {
    by_id[r.id.value] = r;
    communities += r.level == domain::RegionLevel::kCommunity ? 1 : 0;
    villages += r.level == domain::RegionLevel::kVillage ? 1 : 0;
  }
  EXPECT_GE(communities + villages, 10);
  EXPECT_GE(villages, 1);
  for (const auto& u : first_->Units()) {
    const auto& community = by_id.at(u.community_id.value);
    ASSERT_TRUE(community.level == domain::RegionLevel::kCommunity ||
                community.level == domain::RegionLevel::kVillage)
        << u.name;
    if (u.grid_id) {
      const auto& grid = by_id.at(u.grid_id->value);
      ASSERT_EQ(grid.level, domain::RegionLevel::kGrid);
      ASSERT_EQ(grid.parent_id, std::optional<RegionId>(u.community_id)) << u.name;
    }
  }
}

TEST_F(DemoDataTest, EveryUnitIsValidWithACheckedCreditCode) {
  std::set<std::string> codes;
  for (const auto& u : first_->Units()) {
    EXPECT_OK(domain::CreditCode::Parse(u.credit_code));
    ASSERT_EQ(u.credit_code.size(), 18u);
    EXPECT_EQ(u.credit_code[17],
              test_support::ReferenceCheckCharacter(u.credit_code.substr(0, 17)));
    EXPECT_FALSE(u.credit_code_override);
    EXPECT_TRUE(domain::ValidateUnit(u).empty()) << u.name;
    codes.insert(u.credit_code);
  }
  EXPECT_EQ(codes.size(), 2370u);
}

TEST_F(DemoDataTest, KeyFlagFollowsRRisk2) {
  int key = 0;
  for (const auto& u : first_->Units()) {
    const bool expected = u.risk == domain::RiskColour::kRed ||
                          u.risk == domain::RiskColour::kOrange || u.accident_last_year;
    ASSERT_EQ(u.is_key, expected) << u.name;
    key += u.is_key ? 1 : 0;
  }
  EXPECT_GT(key, 0);
}

TEST_F(DemoDataTest, SameSeedGivesTheSameUnitsInTheSameOrder) {
  const auto a = first_->Units();
  const auto b = second_->Units();
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    ASSERT_EQ(a[i].credit_code, b[i].credit_code) << "unit " << i;
    ASSERT_EQ(a[i].name, b[i].name) << "unit " << i;
    ASSERT_EQ(a[i].risk, b[i].risk) << "unit " << i;
  }
}

TEST_F(DemoDataTest, HasAboutTwentyValidInspectors) {
  const auto inspectors = first_->Inspectors();
  EXPECT_GE(inspectors.size(), 18u);
  EXPECT_LE(inspectors.size(), 24u);
  EXPECT_EQ(first_->summary->inspectors, static_cast<int>(inspectors.size()));
  for (const auto& i : inspectors) EXPECT_TRUE(domain::ValidateInspector(i).empty()) << i.name;
}

TEST_F(DemoDataTest, HasAGridMemberWithoutCertificate) {
  bool found = false;
  for (const auto& i : first_->Inspectors()) {
    if (i.role != domain::InspectorRole::kGridMember) continue;
    EXPECT_TRUE(i.certificate_no.empty()) << i.name;
    found = found || (i.certificate_no.empty() && !i.certificate_valid_until);
  }
  EXPECT_TRUE(found);
}

// Regression for src/app/demo_data.cpp: the lapsed (person 5) and soon-lapsing (person 7)
// certificates are assigned to a 分管领导 and a 分包社区领导, whose PersonSpec is uncertified, so
// the demo roster has no expired and no soon-expiring certificate to highlight.
TEST_F(DemoDataTest, Regression_HasAnExpiredAndASoonExpiringCertificate) {
  const auto today = CivilDate::FromUnixSeconds(kDemoNow);
  bool expired = false, soon = false;
  for (const auto& i : first_->Inspectors()) {
    if (i.certificate_no.empty() || !i.certificate_valid_until) continue;
    const auto days_left = i.certificate_valid_until->ToDays() - today.ToDays();
    expired = expired || days_left < 0;
    soon = soon || (days_left >= 0 && days_left <= 30);
  }
  EXPECT_TRUE(expired) << "no certificate has lapsed";
  EXPECT_TRUE(soon) << "no certificate lapses within 30 days";
}

TEST_F(DemoDataTest, CreatesOneAccountPerRole) {
  auto session = first_->store->Read();
  auto users = (*session)->ListUsers();
  ASSERT_OK(users);
  // One per role, plus a second inspector so that the demo team of two signs with two accounts.
  ASSERT_EQ(users->size(), 10u);
  EXPECT_EQ(first_->summary->accounts.size(), 10u);
  std::set<domain::UserRole> roles;
  std::set<std::int64_t> inspectors;
  for (const auto& u : *users) {
    roles.insert(u.role);
    if (u.role == domain::UserRole::kEnterprise) {
      EXPECT_TRUE(u.unit_id.has_value());
    }
    if (u.role == domain::UserRole::kInspector) {
      ASSERT_TRUE(u.inspector_id.has_value()) << u.username;
      inspectors.insert(u.inspector_id->value);
    }
  }
  EXPECT_EQ(roles.size(), 9u);
  EXPECT_EQ(inspectors.size(), 2u) << "the two inspector accounts are two different officers";
}

TEST_F(DemoDataTest, DemoTasksAreSignedByTwoAccounts) {
  auto session = first_->store->Read();
  auto users = (*session)->ListUsers();
  ASSERT_OK(users);
  std::set<std::int64_t> linked;
  for (const auto& u : *users) {
    if (u.inspector_id) linked.insert(u.inspector_id->value);
  }
  store::TaskQuery query;
  auto tasks = (*session)->ListTasks(store::Scope::All(), query);
  ASSERT_OK(tasks);
  ASSERT_FALSE(tasks->items.empty());
  for (const auto& task : tasks->items) {
    for (auto member : task.team) EXPECT_TRUE(linked.contains(member)) << "task " << task.id;
  }
}

TEST_F(DemoDataTest, AdminCanLogInWithTheDemoPassword) {
  auto login = first_->auth->Login("admin", kDemoPassword, "127.0.0.1");
  ASSERT_OK(login);
  auto who = first_->auth->Authenticate(login->token);
  ASSERT_OK(who);
  EXPECT_EQ(who->role, domain::UserRole::kAdmin);
}

TEST_F(DemoDataTest, DefaultIdentityBuildsJiefangStreetAsBefore) {
  const std::set<std::string> usernames = {"admin",     "leader", "inspector",  "inspector2",
                                           "community", "grid",   "enterprise", "viewer",
                                           "security",  "auditor"};
  EXPECT_EQ(Usernames(first_->Users()), usernames);
  EXPECT_EQ(SummaryUsernames(*first_->summary), usernames);
  const auto district = first_->OnlyRegionAt(domain::RegionLevel::kDistrict);
  EXPECT_EQ(district.name, "解放区");
  EXPECT_EQ(district.code, "410802");
  const auto street = first_->OnlyRegionAt(domain::RegionLevel::kStreet);
  EXPECT_EQ(street.name, "解放街道");
  EXPECT_EQ(street.code, "410802001");
  std::set<std::string> numbers, expected_numbers;
  for (const auto& i : first_->Inspectors()) numbers.insert(i.employee_no);
  for (std::size_t k = 1; k <= numbers.size(); ++k) {
    char expected[8];
    std::snprintf(expected, sizeof expected, "JF%03zu", k);
    expected_numbers.insert(expected);
  }
  EXPECT_EQ(numbers, expected_numbers);
  for (const auto& u : first_->Units()) {
    ASSERT_TRUE(u.credit_code.starts_with("91410802") || u.credit_code.starts_with("92410802"))
        << u.credit_code;
  }
}

TEST_F(DemoDataTest, AnotherIdentityGivesADisjointStreetOfTheSameDistrict) {
  EXPECT_EQ(other_->summary->units, first_->summary->units);
  const auto district = other_->OnlyRegionAt(domain::RegionLevel::kDistrict);
  EXPECT_EQ(district.name, "解放区") << "the same district: the merge case";
  const auto street = other_->OnlyRegionAt(domain::RegionLevel::kStreet);
  EXPECT_EQ(street.name, "民主街道");
  EXPECT_EQ(street.code, "410802002");
  for (const auto& r : other_->Regions()) {
    if (r.level == domain::RegionLevel::kCommunity || r.level == domain::RegionLevel::kVillage) {
      EXPECT_TRUE(r.code.starts_with("410802002")) << r.name << " " << r.code;
    }
  }

  const auto ours = Usernames(first_->Users());
  const auto theirs = Usernames(other_->Users());
  EXPECT_EQ(theirs.size(), ours.size());
  EXPECT_EQ(Shared(ours, theirs), std::vector<std::string>{});
  EXPECT_EQ(SummaryUsernames(*other_->summary), theirs) << "the summary names the stored accounts";
  EXPECT_TRUE(theirs.contains("mz_admin"));
  EXPECT_TRUE(theirs.contains("mz_inspector2"));

  std::set<std::string> our_numbers, their_numbers;
  for (const auto& i : first_->Inspectors()) our_numbers.insert(i.employee_no);
  for (const auto& i : other_->Inspectors()) {
    EXPECT_TRUE(i.employee_no.starts_with("MZ")) << i.employee_no;
    their_numbers.insert(i.employee_no);
  }
  EXPECT_EQ(Shared(our_numbers, their_numbers), std::vector<std::string>{});

  std::set<std::string> our_codes, their_codes;
  for (const auto& u : first_->Units()) our_codes.insert(u.credit_code);
  for (const auto& u : other_->Units()) {
    ASSERT_OK(domain::CreditCode::Parse(u.credit_code));
    EXPECT_EQ(domain::CreditCode::Parse(u.credit_code)->division_code(), "410802");
    ASSERT_TRUE(domain::ValidateUnit(u).empty()) << u.name;
    their_codes.insert(u.credit_code);
  }
  EXPECT_EQ(their_codes.size(), 2370u);
  EXPECT_EQ(Shared(our_codes, their_codes), std::vector<std::string>{});
}

TEST_F(DemoDataTest, APrefixedAccountLogsIn) {
  auto login = other_->auth->Login("mz_inspector", kDemoPassword, "127.0.0.1");
  ASSERT_OK(login);
  auto who = other_->auth->Authenticate(login->token);
  ASSERT_OK(who);
  EXPECT_EQ(who->role, domain::UserRole::kInspector);
  EXPECT_TRUE(who->inspector_id.has_value()) << "linked to an officer as without a prefix";
}

class DemoDataRefusalTest : public AppTest {};

TEST_F(DemoDataRefusalTest, RefusesAnIdentityWithBadCodesOrBlock) {
  AuthService auth(*store_, clock_);
  DemoIdentity short_street;
  short_street.street_code = "4108021";
  EXPECT_ERROR_CODE(
      BuildDemoData(*store_, auth, domain::KeyPolicy::Default(), kNow, 2024, short_street),
      kInvalidArgument);
  DemoIdentity no_district;
  no_district.district_code = "";
  EXPECT_ERROR_CODE(
      BuildDemoData(*store_, auth, domain::KeyPolicy::Default(), kNow, 2024, no_district),
      kInvalidArgument);
  for (int block : {-1, kMaxDemoUnitCodeBlock + 1}) {
    DemoIdentity identity;
    identity.unit_code_block = block;
    EXPECT_ERROR_CODE(
        BuildDemoData(*store_, auth, domain::KeyPolicy::Default(), kNow, 2024, identity),
        kInvalidArgument)
        << "block " << block;
  }
  EXPECT_EQ(CountUnits(), 0);
}

TEST_F(DemoDataRefusalTest, RefusesAStoreThatAlreadyHasUnits) {
  {
    auto session = store_->Write();
    ASSERT_OK((*session)->InsertUnit(test_support::MakeUnit(tree_.community_a.id, 1), kNow));
    ASSERT_OK(CommitFixture(**session));
  }
  AuthService auth(*store_, clock_);
  auto result = BuildDemoData(*store_, auth, domain::KeyPolicy::Default(), kNow);
  EXPECT_ERROR_CODE(result, kFailedPrecondition);
  EXPECT_EQ(CountUnits(), 1);
  EXPECT_EQ(CountRegions(), 8u);
}

}  // namespace
}  // namespace anjian::app

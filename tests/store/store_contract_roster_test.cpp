// Store contract: inspectors — round trip incl. recusal codes and certificate dates, filters,
// unique employee numbers, optimistic versions and scope.
#include <set>

#include "store_contract.hpp"

namespace anjian::store {
namespace {

using domain::Inspector;
using domain::InspectorRole;
using test_support::Date;
using test_support::MakeInspector;

class RosterContract {
 public:
  static Inspector Insert(StoreSession& session, const Inspector& i) {
    auto saved = session.InsertInspector(i, 1'767'225'600);
    EXPECT_OK(saved);
    return saved.ok() ? *saved : i;
  }
};

TEST_P(StoreContractTest, InspectorRoundTripsEveryField) {
  SeedTree();
  Inspector i = MakeInspector(tree_.street.id, "JF001");
  i.recusal_codes = {"91350100M000100Y43", "91310000775785552L"};
  i.certificate_valid_until = Date(2026, 12, 31);
  i.role = InspectorRole::kSafetyLeader;
  i.leave_days = 12;
  Inspector saved;
  {
    auto session = WriteSession();
    saved = RosterContract::Insert(*session, i);
    ASSERT_OK(session->Commit());
  }
  EXPECT_EQ(saved.version, 1);
  auto session = ReadSession();
  auto got = session->GetInspector(Scope::All(), saved.id);
  ASSERT_OK(got);
  EXPECT_EQ(got->name, "李志强");
  EXPECT_EQ(got->employee_no, "JF001");
  EXPECT_EQ(got->department, "街道应急办");
  EXPECT_EQ(got->role, InspectorRole::kSafetyLeader);
  EXPECT_EQ(got->certificate_no, "ZFJF001");
  EXPECT_EQ(got->certificate_valid_until, std::optional<CivilDate>(Date(2026, 12, 31)));
  EXPECT_EQ(got->recusal_codes, i.recusal_codes);
  EXPECT_EQ(got->jurisdiction_id, tree_.street.id);
  EXPECT_EQ(got->phone, "13800000000");
  EXPECT_EQ(got->leave_days, 12);
  EXPECT_TRUE(got->active);
  EXPECT_EQ(got->created_at, kNow);
}

TEST_P(StoreContractTest, InspectorWithoutCertificateRoundTripsAsEmpty) {
  SeedTree();
  Inspector grid = MakeInspector(tree_.community_a.id, "WG001");
  grid.role = InspectorRole::kGridMember;
  grid.certificate_no.clear();
  grid.certificate_valid_until.reset();
  auto session = WriteSession();
  auto saved = RosterContract::Insert(*session, grid);
  auto got = session->GetInspector(Scope::All(), saved.id);
  ASSERT_OK(got);
  EXPECT_FALSE(got->certificate_valid_until.has_value());
  EXPECT_TRUE(got->certificate_no.empty());
  EXPECT_TRUE(got->recusal_codes.empty());
}

TEST_P(StoreContractTest, DuplicateEmployeeNumberIsAlreadyExists) {
  SeedTree();
  auto session = WriteSession();
  RosterContract::Insert(*session, MakeInspector(tree_.street.id, "JF001"));
  EXPECT_ERROR_CODE(session->InsertInspector(MakeInspector(tree_.community_a.id, "JF001"), kNow),
                    kAlreadyExists);
  auto existing = session->ExistingEmployeeNumbers({"JF001", "JF002"});
  ASSERT_OK(existing);
  EXPECT_EQ(*existing, std::vector<std::string>{"JF001"});
}

TEST_P(StoreContractTest, ListInspectorsFiltersByTextRoleAndRegion) {
  SeedTree();
  auto session = WriteSession();
  Inspector a = MakeInspector(tree_.street.id, "JF001");
  a.name = "王建国";
  Inspector b = MakeInspector(tree_.community_a.id, "WG007");
  b.name = "赵丽华";
  b.role = InspectorRole::kGridMember;
  b.certificate_no.clear();
  b.certificate_valid_until.reset();
  b.department = "东风社区网格站";
  Inspector c = MakeInspector(tree_.community_b.id, "JF003");
  c.name = "孙海涛";
  a = RosterContract::Insert(*session, a);
  b = RosterContract::Insert(*session, b);
  c = RosterContract::Insert(*session, c);
  auto list = [&](InspectorQuery q, const Scope& scope = Scope::All()) {
    auto page = session->ListInspectors(scope, q);
    EXPECT_OK(page);
    std::set<std::int64_t> ids;
    for (const auto& i : page->items) ids.insert(i.id.value);
    EXPECT_EQ(page->total, static_cast<std::int64_t>(ids.size()));
    return ids;
  };
  using S = std::set<std::int64_t>;
  EXPECT_EQ(list({.text = "建国"}), S{a.id.value});
  EXPECT_EQ(list({.text = "WG007"}), S{b.id.value});
  EXPECT_EQ(list({.text = "网格站"}), S{b.id.value});
  EXPECT_EQ(list({.text = "ZFJF003"}), S{c.id.value});
  EXPECT_EQ(list({.role = InspectorRole::kEnforcementOfficer}), (S{a.id.value, c.id.value}));
  EXPECT_EQ(list({.region = tree_.community_a.id}), S{b.id.value});
  EXPECT_EQ(list({}, Scope::Under(tree_.community_b.path)), S{c.id.value});
  EXPECT_ERROR_CODE(session->GetInspector(Scope::Under(tree_.community_b.path), a.id), kNotFound);
}

TEST_P(StoreContractTest, InspectorUpdateAndDeleteUseVersions) {
  SeedTree();
  auto session = WriteSession();
  const Inspector saved = RosterContract::Insert(*session, MakeInspector(tree_.street.id, "JF001"));
  Inspector changed = saved;
  changed.recusal_codes = {"91350100M000100Y43"};
  changed.certificate_valid_until = Date(2027, 3, 1);
  auto updated = session->UpdateInspector(changed, kNow + 10);
  ASSERT_OK(updated);
  EXPECT_EQ(updated->version, 2);
  EXPECT_EQ(updated->recusal_codes, changed.recusal_codes);
  EXPECT_EQ(updated->certificate_valid_until, std::optional<CivilDate>(Date(2027, 3, 1)));
  EXPECT_ERROR_CODE(session->UpdateInspector(saved, kNow + 20), kConflict);
  EXPECT_ERROR_CODE(session->DeleteInspector(saved.id, 1), kConflict);
  EXPECT_OK(session->DeleteInspector(saved.id, 2));
  EXPECT_ERROR_CODE(session->GetInspector(Scope::All(), saved.id), kNotFound);
}

TEST_P(StoreContractTest, ForEachInspectorVisitsScopeInIdOrder) {
  SeedTree();
  auto session = WriteSession();
  const auto a = RosterContract::Insert(*session, MakeInspector(tree_.community_a.id, "A1"));
  RosterContract::Insert(*session, MakeInspector(tree_.community_b.id, "B1"));
  const auto a2 = RosterContract::Insert(*session, MakeInspector(tree_.grid_a1.id, "A2"));
  std::vector<std::int64_t> visited;
  ASSERT_OK(session->ForEachInspector(Scope::Under(tree_.community_a.path),
                                      [&](const Inspector& i) { visited.push_back(i.id.value); }));
  EXPECT_EQ(visited, (std::vector<std::int64_t>{a.id.value, a2.id.value}));
}

}  // namespace
}  // namespace anjian::store

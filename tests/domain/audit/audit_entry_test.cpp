#include "domain/audit/audit_entry.hpp"

#include <gtest/gtest.h>

namespace anjian::domain {
namespace {

AuditEntry Sample() {
  AuditEntry e;
  e.seq = 7;
  e.at = 1'796'608'276;
  e.actor_id = 3;
  e.actor = "leader";
  e.role = "leader";
  e.jurisdiction = "/1/2/";
  e.client_address = "10.1.2.3";
  e.action = "plan.approve";
  e.target_type = "plan";
  e.target_id = "12";
  e.outcome = AuditOutcome::kSuccess;
  e.details_json = R"({"note":"同意"})";
  return e;
}

TEST(AuditEntryTest, EveryFieldChangesTheCanonicalText) {
  const std::string base = CanonicalText(Sample());
  const std::vector<void (*)(AuditEntry&)> edits = {
      [](AuditEntry& e) { ++e.seq; },
      [](AuditEntry& e) { ++e.at; },
      [](AuditEntry& e) { ++e.actor_id; },
      [](AuditEntry& e) { e.actor += "x"; },
      [](AuditEntry& e) { e.role = "admin"; },
      [](AuditEntry& e) { e.jurisdiction = "/1/"; },
      [](AuditEntry& e) { e.client_address = "10.1.2.4"; },
      [](AuditEntry& e) { e.action = "plan.reject"; },
      [](AuditEntry& e) { e.target_type = "unit"; },
      [](AuditEntry& e) { e.target_id = "13"; },
      [](AuditEntry& e) { e.outcome = AuditOutcome::kDenied; },
      [](AuditEntry& e) { e.details_json = "{}"; },
  };
  for (std::size_t i = 0; i < edits.size(); ++i) {
    AuditEntry e = Sample();
    edits[i](e);
    EXPECT_NE(CanonicalText(e), base) << "edit " << i;
  }
}

TEST(AuditEntryTest, ValuesCannotShiftBetweenFields) {
  AuditEntry a = Sample();
  AuditEntry b = Sample();
  a.target_type = "ab";
  a.target_id = "c";
  b.target_type = "a";
  b.target_id = "bc";
  EXPECT_NE(CanonicalText(a), CanonicalText(b));
}

TEST(AuditEntryTest, TheHashesAreNotPartOfTheCanonicalText) {
  AuditEntry a = Sample();
  AuditEntry b = Sample();
  b.prev_hash = "ff";
  b.hash = "ee";
  EXPECT_EQ(CanonicalText(a), CanonicalText(b));
}

TEST(AuditEntryTest, DaysAreBeijingDays) {
  // 2026-12-06T15:59:59Z is 23:59:59 in Beijing; one second later it is the 7th there.
  EXPECT_EQ(AuditDay(1'796'572'799), "2026-12-06");
  EXPECT_EQ(AuditDay(1'796'572'800), "2026-12-07");
}

TEST(AuditEntryTest, OutcomesRoundTripAndUnknownOnesAreErrors) {
  for (const auto& o : AuditOutcomes()) EXPECT_EQ(*ParseAuditOutcome(Code(o.value)), o.value);
  EXPECT_FALSE(ParseAuditOutcome("ok").ok());
}

}  // namespace
}  // namespace anjian::domain

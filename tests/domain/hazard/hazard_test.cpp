// The hazard state machine: the closed loop in order, who may do what, the major-hazard
// conditions for closure, and (rapidcheck) that no sequence of commands by any roles ever closes
// a major hazard without them, and that a command is accepted exactly when the role may do it now
// (AllowedHazardActions) and it carries what it needs, every refusal having that cause.
#include "domain/hazard/hazard.hpp"

#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <optional>

#include "support/builders.hpp"
#include "support/result_matchers.hpp"

namespace anjian::domain {
namespace {

using test_support::Date;

const CivilDate kToday = Date(2026, 3, 2);

HazardCommand Cmd(HazardAction action, UserRole role) {
  HazardCommand c;
  c.action = action;
  c.role = role;
  c.actor = std::string(Label(role));
  c.at = 1;
  if (action == HazardAction::kIssueOrder || action == HazardAction::kReviewFail)
    c.deadline = Date(2026, 3, 20);
  return c;
}

Hazard Apply(Hazard h, HazardCommand c) {
  auto next = ApplyHazardCommand(h, c, kToday);
  EXPECT_TRUE(next.ok()) << (next.ok() ? "" : next.error().message);
  return next.ok() ? *next : h;
}

TEST(HazardTest, GeneralHazardRunsTheClosedLoopWithOneFailedReview) {
  Hazard h;
  h = Apply(h, Cmd(HazardAction::kIssueOrder, UserRole::kInspector));
  EXPECT_EQ(h.state, HazardState::kRectifying);
  h = Apply(h, Cmd(HazardAction::kSubmitRectification, UserRole::kEnterprise));
  auto fail = Cmd(HazardAction::kReviewFail, UserRole::kInspector);
  fail.deadline = Date(2026, 4, 10);
  h = Apply(h, fail);
  EXPECT_EQ(h.state, HazardState::kRectifying);
  EXPECT_EQ(h.review_round, 1);
  EXPECT_EQ(*h.deadline, Date(2026, 4, 10));
  h = Apply(h, Cmd(HazardAction::kSubmitRectification, UserRole::kEnterprise));
  h = Apply(h, Cmd(HazardAction::kReviewPass, UserRole::kInspector));
  h = Apply(h, Cmd(HazardAction::kClose, UserRole::kInspector));
  h = Apply(h, Cmd(HazardAction::kArchive, UserRole::kInspector));
  EXPECT_EQ(h.state, HazardState::kArchived);
  ASSERT_EQ(h.log.size(), 7u);
  EXPECT_EQ(h.log[2].action, HazardAction::kReviewFail);
  EXPECT_EQ(h.log[2].from, HazardState::kSubmitted);
  EXPECT_EQ(h.log[2].to, HazardState::kRectifying);
}

TEST(HazardTest, IllegalTransitionNamesTheAllowedOnes) {
  Hazard h;
  auto result = ApplyHazardCommand(h, Cmd(HazardAction::kClose, UserRole::kInspector), kToday);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kConflict);
  EXPECT_NE(result.error().message.find("下达整改指令"), std::string::npos)
      << result.error().message;
}

TEST(HazardTest, RolesThatMayNotAreRefused) {
  Hazard h;
  EXPECT_ERROR_CODE(
      ApplyHazardCommand(h, Cmd(HazardAction::kIssueOrder, UserRole::kEnterprise), kToday),
      kPermissionDenied);
  EXPECT_ERROR_CODE(ApplyHazardCommand(h, Cmd(HazardAction::kIssueOrder, UserRole::kGrid), kToday),
                    kPermissionDenied);
  h = Apply(h, Cmd(HazardAction::kIssueOrder, UserRole::kInspector));
  EXPECT_ERROR_CODE(
      ApplyHazardCommand(h, Cmd(HazardAction::kSubmitRectification, UserRole::kInspector), kToday),
      kPermissionDenied);
}

TEST(HazardTest, DeadlinesAreRequiredAndNotInThePast) {
  Hazard h;
  auto c = Cmd(HazardAction::kIssueOrder, UserRole::kInspector);
  c.deadline.reset();
  EXPECT_ERROR_CODE(ApplyHazardCommand(h, c, kToday), kInvalidArgument);
  c.deadline = Date(2026, 3, 1);
  EXPECT_ERROR_CODE(ApplyHazardCommand(h, c, kToday), kInvalidArgument);
}

TEST(HazardTest, MajorHazardClosureNamesEveryMissingCondition) {
  Hazard h;
  h.grade = HazardGrade::kMajor;
  h = Apply(h, Cmd(HazardAction::kIssueOrder, UserRole::kInspector));
  h = Apply(h, Cmd(HazardAction::kSubmitRectification, UserRole::kEnterprise));
  h = Apply(h, Cmd(HazardAction::kReviewPass, UserRole::kInspector));
  auto close = ApplyHazardCommand(h, Cmd(HazardAction::kClose, UserRole::kLeader), kToday);
  ASSERT_FALSE(close.ok());
  EXPECT_EQ(close.error().code, ErrorCode::kUnprocessable);
  for (const char* missing : {"挂牌督办", "上报上级", "企业主要负责人签字", "监管部门复核人签字",
                              "监管部门负责人签字", "验收合格"}) {
    EXPECT_NE(close.error().message.find(missing), std::string::npos) << missing;
  }
  // An inspector may not close a major hazard at all.
  EXPECT_ERROR_CODE(ApplyHazardCommand(h, Cmd(HazardAction::kClose, UserRole::kInspector), kToday),
                    kPermissionDenied);
  auto list = Cmd(HazardAction::kListSupervision, UserRole::kLeader);
  list.supervision_level = "街道";
  list.supervising_leader = "王红梅";
  h = Apply(h, list);
  h = Apply(h, Cmd(HazardAction::kReportSuperior, UserRole::kInspector));
  for (auto [signature, role] :
       {std::pair{HazardSignature::kEnterprisePrincipal, UserRole::kEnterprise},
        std::pair{HazardSignature::kRegulatorReviewer, UserRole::kInspector}}) {
    auto sign = Cmd(HazardAction::kSign, role);
    sign.signature = signature;
    h = Apply(h, sign);
  }
  // A leader's signature cannot be given by someone else, nor twice.
  auto forged = Cmd(HazardAction::kSign, UserRole::kInspector);
  forged.signature = HazardSignature::kRegulatorLeader;
  EXPECT_ERROR_CODE(ApplyHazardCommand(h, forged, kToday), kPermissionDenied);
  auto leader = Cmd(HazardAction::kSign, UserRole::kLeader);
  leader.signature = HazardSignature::kRegulatorLeader;
  h = Apply(h, leader);
  EXPECT_ERROR_CODE(ApplyHazardCommand(h, leader, kToday), kConflict);
  close = ApplyHazardCommand(h, Cmd(HazardAction::kClose, UserRole::kLeader), kToday);
  ASSERT_FALSE(close.ok());
  EXPECT_EQ(close.error().message, "重大隐患销号前还缺：验收合格");
  h = Apply(h, Cmd(HazardAction::kAccept, UserRole::kInspector));
  h = Apply(h, Cmd(HazardAction::kClose, UserRole::kLeader));
  EXPECT_EQ(h.state, HazardState::kClosed);
}

TEST(HazardTest, GeneralHazardsRefuseMajorOnlySteps) {
  Hazard h;
  EXPECT_ERROR_CODE(
      ApplyHazardCommand(h, Cmd(HazardAction::kReportSuperior, UserRole::kInspector), kToday),
      kConflict);
}

TEST(HazardTest, OverdueAndDueSoon) {
  Hazard h;
  h = Apply(h, Cmd(HazardAction::kIssueOrder, UserRole::kInspector));  // deadline 03-20
  EXPECT_FALSE(IsOverdue(h, Date(2026, 3, 20)));
  EXPECT_TRUE(IsOverdue(h, Date(2026, 3, 21)));
  EXPECT_TRUE(IsDueWithin(h, Date(2026, 3, 17), 3));
  EXPECT_FALSE(IsDueWithin(h, Date(2026, 3, 16), 3));
  EXPECT_FALSE(IsDueWithin(h, Date(2026, 3, 21), 3));
}

TEST(HazardTest, AllowedActionsMatchWhatApplyAccepts) {
  Hazard h;
  h.grade = HazardGrade::kMajor;
  h = Apply(h, Cmd(HazardAction::kIssueOrder, UserRole::kInspector));
  const auto enterprise = AllowedHazardActions(h, UserRole::kEnterprise);
  EXPECT_EQ(enterprise, std::vector<HazardAction>{HazardAction::kSubmitRectification});
  const auto leader = AllowedHazardActions(h, UserRole::kLeader);
  EXPECT_NE(std::find(leader.begin(), leader.end(), HazardAction::kListSupervision), leader.end());
}

// The signature each signing role gives (R-MAJ-3), written out here, not taken from hazard.cpp.
std::optional<HazardSignature> OwnSignature(UserRole role) {
  if (role == UserRole::kEnterprise) return HazardSignature::kEnterprisePrincipal;
  if (role == UserRole::kInspector) return HazardSignature::kRegulatorReviewer;
  if (role == UserRole::kLeader) return HazardSignature::kRegulatorLeader;
  return std::nullopt;
}

// Whether the command carries what its action needs (hazard.hpp): a deadline not in the past, the
// supervision level and leader, the signer's own signature not yet given, and for closing a major
// hazard the supervision, the report, all three signatures and the acceptance (R-MAJ-1..3).
bool Complete(const Hazard& h, const HazardCommand& c) {
  switch (c.action) {
    case HazardAction::kIssueOrder:
    case HazardAction::kReviewFail:
      return c.deadline.has_value() && !(*c.deadline < kToday);
    case HazardAction::kListSupervision:
      return !c.supervision_level.empty() && !c.supervising_leader.empty();
    case HazardAction::kSign:
      return c.signature.has_value() && c.signature == OwnSignature(c.role) &&
             !h.signatures.count(*c.signature);
    case HazardAction::kClose:
      return h.grade == HazardGrade::kGeneral ||
             (!h.supervision_level.empty() && h.reported_to_superior && h.signatures.size() == 3u &&
              h.accepted);
    default:
      return true;
  }
}

// Random command sequences by random roles.
RC_GTEST_PROP(HazardProperty, NoMajorHazardClosesWithoutItsConditionsAndEveryRefusalHasItsCause,
              ()) {
  Hazard h;
  h.grade = *rc::gen::element(HazardGrade::kGeneral, HazardGrade::kMajor);
  const auto steps = *rc::gen::inRange(1, 150);
  const std::vector<UserRole> roles = {UserRole::kAdmin,     UserRole::kLeader,
                                       UserRole::kInspector, UserRole::kEnterprise,
                                       UserRole::kGrid,      UserRole::kViewer};
  std::size_t accepted = 0;
  for (int i = 0; i < steps; ++i) {
    HazardCommand c;
    c.role = *rc::gen::elementOf(roles);
    // Mostly something the role may do now (so runs reach closure), sometimes anything at all.
    const auto allowed = AllowedHazardActions(h, c.role);
    c.action = !allowed.empty() && *rc::gen::inRange(0, 10) < 8
                   ? *rc::gen::elementOf(allowed)
                   : static_cast<HazardAction>(*rc::gen::inRange(0, 10));
    if (*rc::gen::inRange(0, 4) > 0)
      c.deadline = CivilDate::FromDays(kToday.ToDays() + *rc::gen::inRange(-5, 60));
    if (*rc::gen::inRange(0, 4) > 0)
      c.signature = static_cast<HazardSignature>(*rc::gen::inRange(0, 3));
    if (c.action == HazardAction::kSign && *rc::gen::inRange(0, 10) < 8) {
      // Usually the signer's own signature; sometimes someone else's (must be refused).
      if (c.role == UserRole::kEnterprise) c.signature = HazardSignature::kEnterprisePrincipal;
      if (c.role == UserRole::kInspector) c.signature = HazardSignature::kRegulatorReviewer;
      if (c.role == UserRole::kLeader) c.signature = HazardSignature::kRegulatorLeader;
    }
    if (*rc::gen::arbitrary<bool>()) {
      c.supervision_level = "区";
      c.supervising_leader = "李";
    }
    auto next = ApplyHazardCommand(h, c, kToday);
    // Accepted exactly when the action is offered to the role now and the command is complete.
    // (ApplyHazardCommand takes the hazard by const reference and returns the next one, so a
    // refusal cannot change `h`; what can go wrong is refusing a legal command or accepting an
    // illegal one, or refusing for another reason than the one the contract gives.)
    const bool offered = std::find(allowed.begin(), allowed.end(), c.action) != allowed.end();
    RC_ASSERT(next.ok() == (offered && Complete(h, c)));
    if (!next.ok()) {
      const auto code = next.error().code;
      if (!offered) {  // the role may not do it at all, or not in this state
        RC_ASSERT(code == ErrorCode::kPermissionDenied || code == ErrorCode::kConflict ||
                  // a signer whose own signature is given, signing without naming one
                  (c.action == HazardAction::kSign && !c.signature &&
                   code == ErrorCode::kInvalidArgument));
      } else if (c.action == HazardAction::kClose) {  // a major hazard lacking a condition
        RC_ASSERT(code == ErrorCode::kUnprocessable);
      } else if (c.action == HazardAction::kSign && c.signature &&
                 c.signature != OwnSignature(c.role)) {
        RC_ASSERT(code == ErrorCode::kPermissionDenied);  // someone else's signature
      } else {  // a missing or past deadline, supervision details or signature
        RC_ASSERT(code == ErrorCode::kInvalidArgument);
      }
      continue;
    }
    ++accepted;
    RC_ASSERT(next->log.size() == h.log.size() + 1);
    RC_ASSERT(next->log.back().action == c.action);
    RC_ASSERT(next->log.back().from == h.state);
    RC_ASSERT(next->log.back().to == next->state);
    RC_ASSERT(c.role != UserRole::kGrid && c.role != UserRole::kViewer);
    if (next->state == HazardState::kClosed && h.state != HazardState::kClosed &&
        h.grade == HazardGrade::kMajor) {
      RC_ASSERT(!h.supervision_level.empty());
      RC_ASSERT(h.reported_to_superior);
      RC_ASSERT(h.signatures.size() == 3u);
      RC_ASSERT(h.accepted);
      RC_ASSERT(c.role == UserRole::kLeader || c.role == UserRole::kAdmin);
    }
    if (h.state == HazardState::kArchived) RC_FAIL("an archived hazard accepted a command");
    if (next->state == HazardState::kRectifying && h.state != HazardState::kRectifying) {
      RC_ASSERT(next->deadline.has_value() && !(*next->deadline < kToday));
    }
    h = *next;
  }
  RC_ASSERT(h.log.size() == accepted);
  RC_CLASSIFY(h.state == HazardState::kClosed || h.state == HazardState::kArchived, "closed");
  RC_CLASSIFY(h.grade == HazardGrade::kMajor &&
                  (h.state == HazardState::kClosed || h.state == HazardState::kArchived),
              "major closed");
}

}  // namespace
}  // namespace anjian::domain

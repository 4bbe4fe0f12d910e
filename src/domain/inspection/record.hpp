// The on-site inspection record (现场检查记录, R-PROC-3..8) and the enforcement it decides
// (R-PROC-7, R-HAZ-3, R-PEN-1): the checklist answers, the findings with their measures, the
// penalties, and the signatures — both (all) inspectors and the unit's on-site person, or that
// person's refusal noted with a witness (R-PROC-5, 安全生产法第六十八条). Once signed a record is
// immutable; a correction is a new version (app/inspection_service). Pure: photos and signatures
// are referenced by the SHA-256 of their stored bytes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/civil_date.hpp"
#include "common/error.hpp"
#include "domain/hazard/hazard.hpp"
#include "domain/inspection/checklist.hpp"
#include "domain/registry/unit.hpp"

namespace anjian::domain {

// "YYYY-MM-DDTHH:MM" local (Beijing) time, minute resolution, as written on the forms.
struct LocalDateTime {
  CivilDate date;
  int minute_of_day = 0;
  static Result<LocalDateTime> Parse(std::string_view text);
  std::string ToString() const;    // 2026-11-23T09:00
  std::string ToFormText() const;  // 2026年11月23日09时00分
  std::int64_t Minutes() const { return date.ToDays() * 1440 + minute_of_day; }
};

enum class FindingMeasure { kImmediate, kRectify, kOnSite };
enum class PenaltyKind { kWarning, kOrderCorrect, kFine, kSuspend };

// How a team member's enforcement signature was bound to that member's account (issue #12): given
// in the member's own session, or on the submitting device after the member re-entered their
// password, a one-time code from their authenticator, or both.
enum class SignatureAuthMethod { kSession, kPassword, kTotp, kPasswordAndTotp };

const std::vector<EnumEntry<FindingMeasure>>& FindingMeasures();
const std::vector<EnumEntry<PenaltyKind>>& PenaltyKinds();
const std::vector<EnumEntry<SignatureAuthMethod>>& SignatureAuthMethods();
std::string_view Code(SignatureAuthMethod v);
std::string_view Label(SignatureAuthMethod v);
std::string_view Code(FindingMeasure v);
std::string_view Label(FindingMeasure v);
std::string_view Code(PenaltyKind v);
std::string_view Label(PenaltyKind v);

struct ChecklistAnswer {
  std::string code;
  ItemResult result = ItemResult::kConform;
  std::string note;
  std::vector<std::string> photos;
};

struct Finding {
  std::string item_code;  // "" for a problem outside the checklist
  std::string description;
  HazardGrade grade = HazardGrade::kGeneral;
  std::string legal_basis;
  FindingMeasure measure = FindingMeasure::kRectify;
  std::optional<CivilDate> deadline;  // kRectify
  int deadline_working_days =
      0;  // alternative to `deadline`: counted on the working calendar by the caller
  std::string on_site_decision;  // kOnSite
  std::vector<std::string> photos;
};

struct Penalty {
  PenaltyKind kind = PenaltyKind::kWarning;
  std::int64_t amount_yuan = 0;  // kFine
  std::string legal_basis;
  std::string facts;
};

struct OnSitePerson {
  std::string name;
  std::string post;
  std::string phone;
};

struct Refusal {
  std::string reason;
  std::string witness_name;
  std::string witness_signature;  // sha256 of the witness's PNG
};

// One team member's signature and the proof that the member gave it: the account that
// authenticated it, how and when. The submitter's own signature is authenticated by the submitting
// session; any other member's comes from an attestation made beforehand (app/signature_service).
struct InspectorSignature {
  std::int64_t inspector_id = 0;
  std::string signature;            // sha256 of the PNG
  std::int64_t attestation_id = 0;  // 0: signed in the submitting session
  std::int64_t authenticated_user_id = 0;
  std::string authenticated_username;
  SignatureAuthMethod method = SignatureAuthMethod::kSession;
  std::int64_t authenticated_at = 0;  // unix seconds
};

struct InspectionRecord {
  LocalDateTime started_at;
  LocalDateTime ended_at;
  std::string place;
  std::string purpose;
  OnSitePerson on_site_person;
  std::vector<ChecklistAnswer> answers;
  std::vector<Finding> findings;
  std::vector<Penalty> penalties;
  bool case_filed = false;  // 立案
  std::string handling;     // 处理情况
  // Technical or business secrets seen during the inspection (R-PROC-6): kept with the record but
  // shown only to enforcement roles, never to viewers, community staff, grid members or in
  // documents.
  std::string confidential_note;
  std::vector<InspectorSignature> inspector_signatures;
  std::string on_site_signature;  // sha256, "" when refused
  std::optional<Refusal> refusal;
};

// Every problem of a record about to be signed, each naming its field ("results[3].note",
// "findings[0].deadline", "signatures.inspectors"): times (end after start, on the task's day or
// the next, not in the future), every checklist item answered exactly once and no unknown code,
// mandatory items not 不适用, a note on each 不符合, each 不符合 item covered by a finding, finding
// texts and legal bases, rectification deadlines after the inspection day (and at most a year),
// on-site decisions, penalty bases and fine amounts (1 to 100,000,000 yuan), each team member's
// signature exactly once and nobody else's, the on-site person's signature or a refusal with a
// witness (never both), text lengths.
std::vector<FieldError> ValidateRecord(const InspectionRecord& record, const Checklist& checklist,
                                       const std::vector<std::int64_t>& team, CivilDate task_day,
                                       LocalDateTime now);

// "人民币伍万元整" for 50000 (the capital-figure amount used on penalty documents).
std::string ChineseCapitalYuan(std::int64_t yuan);

}  // namespace anjian::domain

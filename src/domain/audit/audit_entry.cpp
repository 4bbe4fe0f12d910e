#include "domain/audit/audit_entry.hpp"

#include "common/civil_date.hpp"

namespace anjian::domain {

const std::vector<EnumEntry<AuditOutcome>>& AuditOutcomes() {
  static const std::vector<EnumEntry<AuditOutcome>> kTable = {
      {AuditOutcome::kSuccess, "success", "成功", {}},
      {AuditOutcome::kDenied, "denied", "拒绝", {}},
      {AuditOutcome::kFailure, "failure", "失败", {}},
  };
  return kTable;
}

std::string_view Code(AuditOutcome outcome) { return FindEntry(AuditOutcomes(), outcome).code; }
std::string_view Label(AuditOutcome outcome) { return FindEntry(AuditOutcomes(), outcome).label; }

Result<AuditOutcome> ParseAuditOutcome(std::string_view text) {
  auto parsed = ParseEnum(AuditOutcomes(), text, "结果");
  if (!parsed.ok()) return Error::InvalidArgument(parsed.error().message, "outcome");
  return parsed;
}

namespace {
void Field(std::string& out, std::string_view value) {
  out += std::to_string(value.size());
  out += ':';
  out += value;
  out += '\n';
}
}  // namespace

std::string CanonicalText(const AuditEntry& e) {
  std::string out = "anjian-audit-v1\n";
  Field(out, std::to_string(e.seq));
  Field(out, std::to_string(e.at));
  Field(out, std::to_string(e.actor_id));
  Field(out, e.actor);
  Field(out, e.role);
  Field(out, e.jurisdiction);
  Field(out, e.client_address);
  Field(out, e.action);
  Field(out, e.target_type);
  Field(out, e.target_id);
  Field(out, Code(e.outcome));
  Field(out, e.details_json);
  return out;
}

std::string AuditDay(std::int64_t unix_seconds) {
  constexpr std::int64_t kBeijingOffset = 8 * 3600;
  const std::int64_t local = unix_seconds + kBeijingOffset;
  std::int64_t days = local / 86400;
  if (local % 86400 < 0) --days;
  return CivilDate::FromDays(days).ToString();
}

}  // namespace anjian::domain

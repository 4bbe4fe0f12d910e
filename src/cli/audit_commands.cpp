// anjian audit verify|export|archive: the operator's side of the audit log (docs/security.md).
#include <cstdio>

#include "app/audit_service.hpp"
#include "cli/commands.hpp"
#include "cli/services.hpp"
#include "common/civil_date.hpp"

namespace anjian::cli {

namespace {

// Start of a Beijing-time day as Unix seconds (+1 day when `next_day`); 0 for an empty text.
Result<std::int64_t> DayStart(const std::string& text, const char* flag, bool next_day) {
  if (text.empty()) return std::int64_t{0};
  auto date = CivilDate::Parse(text);
  if (!date.ok())
    return Error::InvalidArgument(std::string(flag) + " 应为 YYYY-MM-DD：" + date.error().message,
                                  flag);
  return (date->ToDays() + (next_day ? 1 : 0)) * 86400 - 8 * 3600;
}

int ExitFor(const Error& error) {
  return error.code == ErrorCode::kInvalidArgument || error.code == ErrorCode::kFailedPrecondition
             ? 2
             : 1;
}

}  // namespace

int RunAuditVerify(const AuditOptions& options) {
  auto services = BuildServices(options.db);
  if (!services) return 1;
  auto result = services->audit->Verify();
  if (!result.ok()) {
    PrintError(result.error());
    return 1;
  }
  const store::AuditVerification& main = result->main;
  if (!main.intact) {
    std::printf("审计链被破坏：第 %lld 条起不可信。%s\n",
                static_cast<long long>(main.first_bad_seq), main.problem.c_str());
  } else {
    std::printf("审计链完好：核验 %lld 条（第 %lld–%lld 条），链头哈希 %s\n",
                static_cast<long long>(main.entries), static_cast<long long>(main.first_seq),
                static_cast<long long>(main.head_seq), main.head_hash.c_str());
  }
  // Each merged street's own chain, verified on its own (docs/security.md).
  for (const auto& imported : result->imported) {
    const std::string source = "合并来源 #" + std::to_string(imported.source.id) + "（" +
                               imported.source.street_name + "，" +
                               domain::AuditDay(imported.source.merged_at) + " 合并）";
    const store::AuditVerification& chain = imported.chain;
    if (!chain.intact) {
      const std::string from = chain.first_bad_seq > 0
                                   ? "第 " + std::to_string(chain.first_bad_seq) + " 条起不可信。"
                                   : std::string();
      std::printf("导入审计链被破坏：%s%s%s\n", source.c_str(), from.c_str(),
                  chain.problem.c_str());
    } else {
      std::printf("导入审计链完好：%s核验 %lld 条（第 %lld–%lld 条），链头哈希 %s\n",
                  source.c_str(), static_cast<long long>(chain.entries),
                  static_cast<long long>(chain.first_seq), static_cast<long long>(chain.head_seq),
                  chain.head_hash.c_str());
    }
  }
  return result->intact() ? 0 : 3;
}

int RunAuditExport(const AuditOptions& options) {
  auto from = DayStart(options.from, "--from", false);
  auto to = DayStart(options.to, "--to", true);
  if (!from.ok() || !to.ok()) {
    PrintError(from.ok() ? to.error() : from.error());
    return 2;
  }
  auto services = BuildServices(options.db);
  if (!services) return 1;
  store::AuditQuery query;
  query.from = *from;
  query.to = *to;
  // The operator acts as the system's auditor here; the export itself is written to the log.
  app::Principal operator_principal = app::Principal::System();
  operator_principal.role = domain::UserRole::kAuditor;
  auto written = services->audit->Export(operator_principal, query, options.out);
  if (!written.ok()) {
    PrintError(written.error());
    return ExitFor(written.error());
  }
  std::printf("已导出 %lld 条审计记录到 %s\n", static_cast<long long>(*written),
              options.out.c_str());
  return 0;
}

int RunAuditArchive(const AuditOptions& options) {
  auto before = DayStart(options.before, "--before", false);
  if (!before.ok()) {
    PrintError(before.error());
    return 2;
  }
  if (!options.out.ends_with(".jsonl")) {
    PrintError(Error::InvalidArgument("存档文件应为 .jsonl", "out"));
    return 2;
  }
  auto services = BuildServices(options.db);
  if (!services) return 1;
  auto archived = services->audit->Archive(*before, options.out);
  if (!archived.ok()) {
    PrintError(archived.error());
    return ExitFor(archived.error());
  }
  std::printf("已存档 %lld 条审计记录（至第 %lld 条）到 %s，文件 SHA-256 %s\n",
              static_cast<long long>(archived->archived),
              static_cast<long long>(archived->checkpoint.seq), options.out.c_str(),
              archived->checkpoint.file_sha256.c_str());
  return 0;
}

}  // namespace anjian::cli

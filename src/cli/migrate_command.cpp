// anjian migrate: the report is one line per table on stdout, progress and errors on stderr.
#include "cli/migrate_command.hpp"

#include <cstdio>

#include "cli/services.hpp"
#include "store/transfer/transfer.hpp"

namespace anjian::cli {

namespace {

constexpr int kExitFailure = 1;
constexpr int kExitBadInput = 2;
constexpr int kExitDifference = 3;

// 12345 → "12,345".
std::string Grouped(std::int64_t value) {
  std::string digits = std::to_string(value < 0 ? -value : value);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return value < 0 ? "-" + out : out;
}

// Cells a terminal gives `text`: CJK characters take two.
std::size_t DisplayWidth(const std::string& text) {
  std::size_t width = 0;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if ((byte & 0xC0) != 0x80) width += byte < 0x80 ? 1 : 2;
  }
  return width;
}

std::string PadRight(const std::string& text, std::size_t cells) {
  const std::size_t width = DisplayWidth(text);
  return width >= cells ? text : text + std::string(cells - width, ' ');
}

std::string PadLeft(const std::string& text, std::size_t cells) {
  const std::size_t width = DisplayWidth(text);
  return width >= cells ? text : std::string(cells - width, ' ') + text;
}

void PrintLine(const std::string& table, const std::string& rows, const std::string& checksum,
               const std::string& same) {
  std::printf("%s %s  %s  %s\n", PadRight(table, 28).c_str(), PadLeft(rows, 10).c_str(),
              PadRight(checksum, 64).c_str(), same.c_str());
}

// One line per table: 表 行数 校验和 一致; a differing table adds the PostgreSQL side below it.
void PrintReport(const store::transfer::TransferReport& report) {
  PrintLine("表", "行数", "校验和 (SHA-256)", "一致");
  using store::transfer::TableTreatment;
  for (const auto& table : report.tables) {
    const bool same = table.Matches();
    std::string checksum = table.source_sha256;
    switch (table.treatment) {
      case TableTreatment::kCopied:
        if (!table.target_table.empty()) checksum += "（并入 " + table.target_table + "）";
        break;
      case TableTreatment::kMergedByKey:
        checksum = "按内容合并：目标库已有 " + Grouped(table.target_rows) + " 行同键";
        break;
      case TableTreatment::kDropped:
        checksum = "未迁入（会话等临时数据，用户需重新登录）";
        break;
      case TableTreatment::kTargetOwned:
        checksum = "未迁入（保留目标库自身的）";
        break;
    }
    PrintLine(table.table, Grouped(table.source_rows), checksum, same ? "是" : "否");
    if (!same) PrintLine("  └ PostgreSQL", Grouped(table.target_rows), table.target_sha256, "");
  }
}

// What a merge into an occupied database did, after the table lines.
void PrintMerge(const store::transfer::MergeSummary& merge) {
  std::string streets;
  for (const auto& street : merge.streets) streets += (streets.empty() ? "" : "、") + street;
  std::printf("合并：%s 并入 %s（合并来源 #%lld；本街道所有编号 + %s，原编号 1–%s）\n",
              streets.c_str(), merge.district.c_str(), static_cast<long long>(merge.source_id),
              Grouped(merge.id_offset).c_str(), Grouped(merge.id_ceiling).c_str());
  std::printf("该街道的审计日志 %s 条作为导入审计链保存（anjian audit verify 一并核验）\n",
              Grouped(merge.audit_entries).c_str());
  if (!merge.narrowed_accounts.empty()) {
    std::string names;
    for (const auto& name : merge.narrowed_accounts) names += (names.empty() ? "" : "、") + name;
    std::printf("以下账号原管辖范围高于街道，已收窄为该街道（区县账号以目标库为准）：%s\n",
                names.c_str());
  }
}

std::string Seconds(double seconds) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.2f", seconds);
  return buffer;
}

int ExitCodeFor(const Error& error) {
  return error.code == ErrorCode::kInvalidArgument || error.code == ErrorCode::kFailedPrecondition
             ? kExitBadInput
             : kExitFailure;
}

}  // namespace

CLI::App* AddMigrateCommand(CLI::App& app, MigrateOptions& options) {
  auto* cmd = app.add_subcommand(
      "migrate",
      "把街道的 SQLite 数据库迁入 PostgreSQL 数据库并逐表核对：空库原样迁入；已有其他街道的库则"
      "合并（编号整体后移，文书、计划、审计链仍可核验）。先停止两边的 anjian serve");
  cmd->add_option("--from", options.from, "源库：sqlite:文件路径")->required();
  cmd->add_option("--to", options.to, "目标库：postgresql://用户@主机/库名")->required();
  cmd->add_flag("--verify-only", options.verify_only, "只核对两库是否一致，不写入");
  return cmd;
}

int RunMigrate(const MigrateOptions& options) {
  std::string path = options.from;
  if (path.starts_with("sqlite:")) path = path.substr(7);
  if (path.empty() || path.starts_with("postgres")) {
    PrintError(Error::InvalidArgument("--from 应为 sqlite:文件路径，而不是“" + options.from + "”"));
    return kExitBadInput;
  }
  if (!options.to.starts_with("postgresql://") && !options.to.starts_with("postgres://")) {
    PrintError(Error::InvalidArgument("--to 应为 postgresql:// 开头的连接串"));
    return kExitBadInput;
  }
  using store::transfer::TransferProgress;
  // A line per table copied; verification passes are announced when they finish.
  const auto progress = [](const TransferProgress& p) {
    if (p.stage == TransferProgress::Stage::kCopied) {
      std::fprintf(stderr, "[%zu/%zu] 已复制 %s（%s 行）\n", p.index, p.count, p.table.c_str(),
                   Grouped(p.rows).c_str());
    } else if (p.index == p.count) {
      std::fprintf(stderr, "%s %zu 张表\n",
                   p.stage == TransferProgress::Stage::kVerified ? "已核对" : "提交后已复核",
                   p.count);
    }
  };

  if (options.verify_only) {
    auto report = store::transfer::VerifySqliteAgainstPostgres(path, options.to, {}, progress);
    if (!report.ok()) {
      PrintError(report.error());
      return ExitCodeFor(report.error());
    }
    PrintReport(*report);
    std::size_t differing = 0;
    for (const auto& table : report->tables) differing += table.Matches() ? 0 : 1;
    if (differing > 0) {
      std::printf("核对发现 %zu 张表不一致\n", differing);
      return kExitDifference;
    }
    std::printf("核对完成：%zu 张表 共 %s 行，全部一致（结构版本 %d；用时 %s 秒）\n",
                report->tables.size(), Grouped(report->rows).c_str(), report->schema_version,
                Seconds(report->verify_seconds).c_str());
    return 0;
  }

  auto report = store::transfer::CopySqliteToPostgres(path, options.to, {}, progress);
  if (!report.ok()) {
    PrintError(report.error());  // the message says when data was committed nonetheless
    return ExitCodeFor(report.error());
  }
  PrintReport(*report);
  std::size_t differing = 0;
  for (const auto& table : report->tables) differing += table.Matches() ? 0 : 1;
  if (differing > 0 && !report->committed) {
    PrintError(Error::Internal("核对不一致（" + std::to_string(differing) +
                               " 张表），已回滚，目标库未写入任何数据"));
    return kExitDifference;
  }
  if (differing > 0) {
    PrintError(Error::Internal("数据已提交，但提交后复核有 " + std::to_string(differing) +
                               " 张表不一致（迁移后目标库被改动？）；可用 --verify-only 重新核对"));
    return kExitDifference;
  }
  if (report->merge) PrintMerge(*report->merge);
  const double rate =
      report->copy_seconds > 0 ? static_cast<double>(report->rows) / report->copy_seconds : 0;
  std::printf(
      "迁移完成：%zu 张表 共 %s 行，全部一致（结构版本 %d；复制 %s 秒，约 %s 行/秒；核对 %s 秒）\n",
      report->tables.size(), Grouped(report->rows).c_str(), report->schema_version,
      Seconds(report->copy_seconds).c_str(), Grouped(static_cast<std::int64_t>(rate)).c_str(),
      Seconds(report->verify_seconds).c_str());
  return 0;
}

}  // namespace anjian::cli

#include "app/audit_service.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdio>

#include "app/audit_trail.hpp"
#include "app/auth_service.hpp"
#include "common/sha256.hpp"
#include "io/table_writer.hpp"

namespace anjian::app {

nlohmann::json AuditEntryJson(const domain::AuditEntry& e) {
  nlohmann::json details =
      nlohmann::json::parse(e.details_json, nullptr, /*allow_exceptions=*/false);
  if (details.is_discarded()) details = e.details_json;
  return {{"seq", e.seq},
          {"at", e.at},
          {"actor_id", e.actor_id},
          {"actor", e.actor},
          {"role", e.role},
          {"jurisdiction", e.jurisdiction},
          {"client_address", e.client_address},
          {"action", e.action},
          {"target_type", e.target_type},
          {"target_id", e.target_id},
          {"outcome", std::string(domain::Code(e.outcome))},
          {"details", std::move(details)},
          {"prev_hash", e.prev_hash},
          {"hash", e.hash}};
}

Result<store::AuditPage> AuditService::List(const Principal& who, store::AuditQuery query) {
  ANJIAN_TRY(Require(who, domain::Action::kReadAudit));
  // An auditor sees the accounts of its own jurisdiction; the whole log (the system's entries and
  // failed logins of unknown names included) is for an auditor of the whole system.
  query.jurisdiction = who.scope.region_path;
  ANJIAN_ASSIGN_OR_RETURN(auto session, store_.Read());
  return session->ListAudit(query);
}

Result<std::vector<store::AuditAnchor>> AuditService::Anchors(const Principal& who, int days) {
  ANJIAN_TRY(Require(who, domain::Action::kReadAudit));
  ANJIAN_ASSIGN_OR_RETURN(auto session, store_.Read());
  return session->AuditAnchors(days);
}

namespace {

std::string FormatTime(std::int64_t unix_seconds) {
  const std::int64_t local = unix_seconds + 8 * 3600;
  std::int64_t seconds_of_day = local % 86400;
  if (seconds_of_day < 0) seconds_of_day += 86400;
  char clock[16];
  std::snprintf(clock, sizeof clock, " %02d:%02d:%02d", static_cast<int>(seconds_of_day / 3600),
                static_cast<int>(seconds_of_day / 60 % 60), static_cast<int>(seconds_of_day % 60));
  return domain::AuditDay(unix_seconds) + clock;
}

// Writes `text` to a new file durably (write, fsync, close); the caller removes it on failure.
Status WriteDurably(const std::string& path, const std::string& text) {
  std::FILE* file = std::fopen(path.c_str(), "wbx");
  if (file == nullptr)
    return Error::InvalidArgument("无法创建文件（已存在或目录不可写）：" + path, "out");
  const bool written = std::fwrite(text.data(), 1, text.size(), file) == text.size() &&
                       std::fflush(file) == 0 && fsync(fileno(file)) == 0;
  const bool closed = std::fclose(file) == 0;
  if (!written || !closed) return Error::Unavailable("写入文件失败：" + path);
  return Ok();
}

Result<std::vector<domain::AuditEntry>> CollectChainOrder(store::StoreSession& session,
                                                          store::AuditQuery query) {
  query.page_size = 500;
  std::vector<domain::AuditEntry> entries;
  for (query.page = 1;; ++query.page) {
    ANJIAN_ASSIGN_OR_RETURN(auto page, session.ListAudit(query));
    for (auto& e : page.items) entries.push_back(std::move(e));
    if (static_cast<int>(page.items.size()) < query.page_size) break;
  }
  std::reverse(entries.begin(), entries.end());  // pages are newest first
  return entries;
}

}  // namespace

Result<std::int64_t> AuditService::Export(const Principal& who, store::AuditQuery query,
                                          const std::string& path) {
  ANJIAN_TRY(Require(who, domain::Action::kReadAudit));
  query.jurisdiction = who.scope.region_path;
  std::vector<domain::AuditEntry> entries;
  {
    ANJIAN_ASSIGN_OR_RETURN(auto session, store_.Read());
    ANJIAN_ASSIGN_OR_RETURN(entries, CollectChainOrder(*session, query));
  }
  if (path.ends_with(".xlsx")) {
    io::Row header;
    for (const char* name : {"序号", "时间（北京时间）", "账号", "角色", "管辖区划", "客户端地址",
                             "操作", "对象类型", "对象编号", "结果", "详情", "前序哈希", "哈希"}) {
      header.push_back({name});
    }
    std::size_t next = 0;
    ANJIAN_TRY(io::WriteXlsxFile(
        path, header,
        [&](io::Row& row) {
          if (next == entries.size()) return false;
          const auto& e = entries[next++];
          for (std::string text :
               {std::to_string(e.seq), FormatTime(e.at), e.actor, e.role, e.jurisdiction,
                e.client_address, e.action, e.target_type, e.target_id,
                std::string(domain::Label(e.outcome)), e.details_json, e.prev_hash, e.hash}) {
            row.push_back({std::move(text)});
          }
          row[0].numeric = true;
          return true;
        },
        {.sheet_name = "审计日志",
         .column_widths = {8, 20, 14, 12, 14, 16, 24, 12, 12, 8, 60, 20, 20}}));
  } else if (path.ends_with(".jsonl")) {
    std::string text;
    for (const auto& e : entries) text += CanonicalJson(AuditEntryJson(e)) + "\n";
    ANJIAN_TRY(WriteDurably(path, text));
  } else {
    return Error::InvalidArgument("导出文件应为 .jsonl 或 .xlsx", "out");
  }
  nlohmann::json details = {{"entries", entries.size()},
                            {"format", path.ends_with(".xlsx") ? "xlsx" : "jsonl"}};
  if (!query.actor.empty()) details["actor"] = query.actor;
  if (!query.action.empty()) details["action"] = query.action;
  if (query.from != 0) details["from"] = query.from;
  if (query.to != 0) details["to"] = query.to;
  ANJIAN_TRY(AppendAuditEntry(
      store_, AuditEntryFor(who, clock_.NowUnixSeconds(), "audit.export", "audit_log", "",
                            domain::AuditOutcome::kSuccess, details)));
  return static_cast<std::int64_t>(entries.size());
}

bool AuditVerifyReport::intact() const {
  return main.intact && std::all_of(imported.begin(), imported.end(),
                                    [](const auto& chain) { return chain.chain.intact; });
}

namespace {

// The merged_sources row is not hashed; the merge's entry in the main chain is, so it is what
// proves that the recorded head (and so the imported chain's length) is the one that was merged.
Status CheckMergeAnchor(store::StoreSession& session,
                        const std::optional<store::AuditCheckpoint>& main_checkpoint,
                        ImportedAuditVerification& verification) {
  const store::MergedSource& source = verification.source;
  store::AuditQuery query;
  query.action = "migrate.merge";
  query.target_type = "merged_source";
  query.target_id = std::to_string(source.id);
  ANJIAN_ASSIGN_OR_RETURN(auto page, session.ListAudit(query));
  auto broken = [&verification](std::string problem) {
    verification.chain.intact = false;
    verification.chain.first_bad_seq = 0;
    verification.chain.problem = std::move(problem);
  };
  bool found = false;
  for (const auto& entry : page.items) {
    if (entry.action != "migrate.merge") continue;  // the query matches action prefixes
    found = true;
    verification.anchor_seq = entry.seq;
    const auto details =
        nlohmann::json::parse(entry.details_json, nullptr, /*allow_exceptions=*/false);
    const nlohmann::json head = details.is_object() && details.contains("imported_head")
                                    ? details["imported_head"]
                                    : nlohmann::json();
    const bool readable = head.is_object() && head.contains("seq") &&
                          head["seq"].is_number_integer() && head.contains("hash") &&
                          head["hash"].is_string();
    if (!readable) {
      broken("本库审计链第 " + std::to_string(entry.seq) +
             " 条（migrate.merge）未记录导入链头，无法印证合并来源记录");
      return Ok();
    }
    const auto seq = head["seq"].get<std::int64_t>();
    const auto hash = head["hash"].get<std::string>();
    if (seq != source.audit_seq || hash != source.audit_hash) {
      broken("合并来源记录的链头（第 " + std::to_string(source.audit_seq) + " 条）与本库审计链第 " +
             std::to_string(entry.seq) + " 条（migrate.merge）记录的导入链头（第 " +
             std::to_string(seq) + " 条）不符：导入链或合并来源记录被改动");
      return Ok();
    }
  }
  // Entries older than the newest archive cut have left the main chain; the anchor with them.
  const bool archived = main_checkpoint && source.merged_at < main_checkpoint->archived_before;
  if (!found && !archived) {
    broken("本库审计链中没有这次合并的 migrate.merge 记录（merged_source " +
           std::to_string(source.id) + "）：合并来源记录无从印证");
  }
  return Ok();
}

}  // namespace

Result<AuditVerifyReport> AuditService::Verify() {
  ANJIAN_ASSIGN_OR_RETURN(auto session, store_.Read());
  AuditVerifyReport report;
  ANJIAN_ASSIGN_OR_RETURN(report.main, store::VerifyAuditChain(*session));
  ANJIAN_ASSIGN_OR_RETURN(auto main_checkpoint, session->LatestAuditCheckpoint());
  ANJIAN_ASSIGN_OR_RETURN(auto sources, session->ListMergedSources());
  for (auto& source : sources) {
    ImportedAuditVerification verification;
    ANJIAN_ASSIGN_OR_RETURN(verification.chain, store::VerifyImportedAuditChain(*session, source));
    verification.source = std::move(source);
    if (verification.chain.intact) {
      ANJIAN_TRY(CheckMergeAnchor(*session, main_checkpoint, verification));
    }
    report.imported.push_back(std::move(verification));
  }
  return report;
}

Result<AuditArchiveResult> AuditService::Archive(std::int64_t before, const std::string& path,
                                                 std::int64_t retention_days) {
  const std::int64_t now = clock_.NowUnixSeconds();
  const std::int64_t keep_from = now - std::max<std::int64_t>(retention_days, 180) * 86400;
  if (before > keep_from) {
    return Error::FailedPrecondition(
        "审计日志至少保存180天（《网络安全法》第二十一条），只能存档 " +
        domain::AuditDay(keep_from) + " 之前的记录");
  }
  ANJIAN_ASSIGN_OR_RETURN(auto session, store_.Write());
  ANJIAN_ASSIGN_OR_RETURN(auto verification, store::VerifyAuditChain(*session));
  if (!verification.intact) {
    return Error::FailedPrecondition("审计链不完整，拒绝存档：" + verification.problem);
  }
  ANJIAN_ASSIGN_OR_RETURN(auto checkpoint_before, session->LatestAuditCheckpoint());
  std::vector<domain::AuditEntry> archived;
  bool reached_kept = false;
  Status walked = session->ForEachAudit(0, [&](const domain::AuditEntry& e) -> Status {
    if (e.at >= before) {
      reached_kept = true;  // entries are in time order along the chain; stop at the first kept one
      return Error::FailedPrecondition("done");
    }
    archived.push_back(e);
    return Ok();
  });
  if (!walked.ok() && !reached_kept) return walked.error();
  if (archived.empty()) return Error::FailedPrecondition("没有早于该日期的审计记录可存档");
  // The file starts with where its chain begins, so it verifies on its own.
  std::string text =
      CanonicalJson(
          {{"anjian_audit_archive", 1},
           {"starts_after_seq", checkpoint_before ? checkpoint_before->seq : 0},
           {"starts_after_hash", checkpoint_before ? checkpoint_before->hash
                                                   : std::string(domain::kAuditGenesisHash)}}) +
      "\n";
  for (const auto& e : archived) text += CanonicalJson(AuditEntryJson(e)) + "\n";
  ANJIAN_TRY(WriteDurably(path, text));
  store::AuditCheckpoint checkpoint{archived.back().seq, archived.back().hash, now, before,
                                    Sha256Hex(text)};
  Status archived_ok = session->ArchiveAudit(checkpoint);
  if (archived_ok.ok()) {
    Principal system = Principal::System();
    Audit(*session, system, now, "audit.archive", "audit_log", std::to_string(checkpoint.seq),
          {{"entries", archived.size()},
           {"before", domain::AuditDay(before)},
           {"file_sha256", checkpoint.file_sha256}});
    archived_ok = session->Commit();
  }
  if (!archived_ok.ok()) {
    std::remove(path.c_str());
    return archived_ok.error();
  }
  return AuditArchiveResult{static_cast<std::int64_t>(archived.size()), checkpoint};
}

}  // namespace anjian::app

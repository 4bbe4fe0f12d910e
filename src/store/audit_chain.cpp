#include "store/audit_chain.hpp"

#include "common/sha256.hpp"

namespace anjian::store {

std::string AuditEntryHash(std::string_view prev_hash, const domain::AuditEntry& entry) {
  return Sha256().Update(prev_hash).Update(domain::CanonicalText(entry)).HexDigest();
}

Result<AuditVerification> VerifyAuditEntries(const std::optional<AuditCheckpoint>& checkpoint,
                                             const AuditChainWalk& walk, const AuditAnchor& head,
                                             std::string_view head_name) {
  AuditVerification result;
  std::int64_t expected_seq = checkpoint ? checkpoint->seq + 1 : 1;
  std::string expected_prev =
      checkpoint ? checkpoint->hash : std::string(domain::kAuditGenesisHash);
  result.first_seq = expected_seq;
  auto fail = [&result](std::int64_t seq, std::string problem) {
    result.intact = false;
    result.first_bad_seq = seq;
    result.problem = std::move(problem);
    return Error::FailedPrecondition("stop");  // ends the walk; not reported as an error
  };
  Status walked = walk([&](const domain::AuditEntry& entry) -> Status {
    if (entry.seq != expected_seq) {
      return fail(expected_seq,
                  entry.seq < expected_seq
                      ? "第 " + std::to_string(entry.seq) + " 条出现在存档检查点之后或顺序错乱"
                      : "缺少第 " + std::to_string(expected_seq) + " 条（其后为第 " +
                            std::to_string(entry.seq) + " 条）：记录被删除");
    }
    if (entry.prev_hash != expected_prev) {
      return fail(entry.seq, "第 " + std::to_string(entry.seq) +
                                 " 条的前序哈希与上一条不符：记录被插入、删除或改动");
    }
    if (AuditEntryHash(expected_prev, entry) != entry.hash) {
      return fail(entry.seq,
                  "第 " + std::to_string(entry.seq) + " 条的内容与其哈希不符：记录被改动");
    }
    expected_prev = entry.hash;
    ++expected_seq;
    ++result.entries;
    return Ok();
  });
  if (!walked.ok() && result.intact) return walked.error();
  if (!result.intact) return result;
  result.head_seq = head.seq;
  result.head_hash = head.hash;
  if (head.seq != expected_seq - 1 || head.hash != expected_prev) {
    result.intact = false;
    result.first_bad_seq = expected_seq;
    result.problem = std::string(head_name) + "（第 " + std::to_string(head.seq) +
                     " 条）与最后一条记录（第 " + std::to_string(expected_seq - 1) +
                     " 条）不符：末尾记录被删除或链头被改动";
  }
  return result;
}

Result<AuditVerification> VerifyAuditChain(AuditPort& session) {
  ANJIAN_ASSIGN_OR_RETURN(auto checkpoint, session.LatestAuditCheckpoint());
  ANJIAN_ASSIGN_OR_RETURN(auto head, session.AuditHead());
  return VerifyAuditEntries(
      checkpoint,
      // From 0, not from the checkpoint: a row inserted below the checkpoint must be seen.
      [&session](const std::function<Status(const domain::AuditEntry&)>& visit) {
        return session.ForEachAudit(0, visit);
      },
      head, "链头");
}

Result<AuditVerification> VerifyImportedAuditChain(AuditPort& session, const MergedSource& source) {
  ANJIAN_ASSIGN_OR_RETURN(auto checkpoint, session.LatestImportedAuditCheckpoint(source.id));
  AuditAnchor head;
  head.seq = source.audit_seq;
  head.hash = source.audit_hash;
  return VerifyAuditEntries(
      checkpoint,
      [&session, &source](const std::function<Status(const domain::AuditEntry&)>& visit) {
        return session.ForEachImportedAudit(source.id, 0, visit);
      },
      head, "合并时记录的链头");
}

}  // namespace anjian::store

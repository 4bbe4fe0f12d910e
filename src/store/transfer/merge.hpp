// `anjian migrate` into a PostgreSQL database that already serves other streets: the street's
// rows are renumbered by one offset and its paths rewritten (merge_rules.hpp), in the caller's
// locked transaction, then proven by counts and checksums of the rows written against the rows
// the target now holds for this street.
//
// Refused before anything is written (kFailedPrecondition, naming what collides): the source's
// district is not a district of the target (same name and level), one of its streets is already
// there, or a unified social credit code, an employee number or a username exists on both sides;
// also an account scoped above its street when the source holds several streets (with one street
// such accounts are narrowed to it and listed in the report, so no street's account can read the
// whole district after the merge).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "common/error.hpp"
#include "store/transfer/transfer.hpp"
#include "store/transfer/transfer_support.hpp"

namespace anjian::store::transfer {

// Runs inside `load` (begun, target tables locked) with the source snapshot open. Commits on
// success (report.committed); otherwise the caller's guards roll back.
Result<TransferReport> MergeIntoOccupiedTarget(detail::Endpoints& ends,
                                               detail::TransactionGuard& load,
                                               const std::string& sqlite_path,
                                               const TransferOptions& options,
                                               const ProgressCallback& progress);

// The merged_sources id under which this source was merged: the one whose recorded audit head
// equals the source's (a source written to since has another head, and is not found).
Result<std::optional<std::int64_t>> FindMergedSource(detail::Endpoints& ends);

// `anjian migrate --verify-only` after a merge: the source's rows, renumbered as the merge did,
// against the rows the target holds for that street (inside the caller's snapshots; no writes).
Result<TransferReport> VerifyMergedStreet(detail::Endpoints& ends, std::int64_t source_id,
                                          const TransferOptions& options,
                                          const ProgressCallback& progress);

}  // namespace anjian::store::transfer

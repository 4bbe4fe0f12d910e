// How each table and column of a street's database moves into a district database that already
// holds other streets (`anjian migrate` into an occupied target, merge.hpp). Every id of the
// incoming street moves up by one offset, its district becomes the target's district of the same
// name, stored region paths are rewritten component by component, and hashed evidence (record
// bodies, plan snapshots, document contents, history snapshots, the audit chain) is copied byte
// for byte: the street's own ids stay inside it, translatable through merged_sources.id_offset.
//
// The catalogue names every table and every integer or path column; a table or column it does
// not name refuses the merge (CheckCatalogue), so a later migration cannot add a reference the
// merge would copy unchanged and so point at another street's row.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"
#include "store/transfer/table_checksum.hpp"
#include "store/transfer/table_shape.hpp"

namespace anjian::store::transfer {

enum class ValueRule {
  kVerbatim,  // counts, times, versions, hashes, names: copied as they are
  kId,        // a row id or a reference to one (users, units, plans…): + offset; 0 and NULL kept
  kRegionId,  // a region id: the incoming district → the target's, any other region + offset
  kPath,      // a region path "/1/2/7/": each component as kRegionId
  kHistoryEntity,  // history.entity_id: a region id when entity = 'region', else a row id
  kAccountScope,   // users.jurisdiction_id: NULL or the district (wider than the street) →
                   // IdMapping::narrow_to, so no street's account sees the whole district
};

enum class TablePolicy {
  kCopy,            // every row, transformed
  kInsertIfAbsent,  // content-addressed rows (uploads, their bytes; job runs by day): a row whose
                    // key the target already holds is the same content and is not copied again
  kDrop,            // transient rows: sessions, login throttling, idempotency replies
  kTargetOwned,     // the target's own singleton rows (change counters, audit head, archive gate)
  kImportedChain,   // the street's audit chain → <table>_imported with the merge's source id
  kSourceMustBeEmpty,  // merge bookkeeping: a street database never holds any
};

struct TableRule {
  std::string table;
  TablePolicy policy = TablePolicy::kCopy;
  std::map<std::string, ValueRule> columns;  // every integer and path column, by name
};

// The catalogue entry of `table`, or nullptr when it has none.
const TableRule* FindTableRule(std::string_view table);

// kFailedPrecondition naming each table of `tables` without a catalogue entry and each integer or
// *path column the entry does not classify.
Status CheckCatalogue(const std::vector<TableShape>& tables);

// The renumbering of one incoming street.
struct IdMapping {
  std::int64_t offset = 0;
  std::int64_t district_from = 0;
  std::int64_t district_to = 0;
  std::int64_t narrow_to = 0;  // users scoped above the street get this region (0: none)

  std::int64_t Id(std::int64_t id) const { return id == 0 ? 0 : id + offset; }
  std::int64_t Region(std::int64_t id) const;
  // "/1/2/7/" → "/9/1000002/1000007/"; kInvalidArgument for text that is not a region path.
  Result<std::string> Path(std::string_view path) const;
};

// Applies `rule` to one source row (in the source table's column order) and returns the target
// row (for kImportedChain, `source_id` first). kInvalidArgument names the column of a value that
// cannot be mapped (a non-numeric id, a malformed path).
Result<RowValues> TransformRow(const TableRule& rule, const TableShape& source_table,
                               const IdMapping& mapping, std::int64_t source_id, RowValues row);

}  // namespace anjian::store::transfer

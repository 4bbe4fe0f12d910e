#include "store/transfer/merge.hpp"

#include <algorithm>
#include <ctime>
#include <nlohmann/json.hpp>
#include <optional>
#include <unordered_set>

#include "common/sha256.hpp"
#include "domain/audit/audit_entry.hpp"
#include "store/audit_chain.hpp"
#include "store/transfer/merge_rules.hpp"
#include "store/transfer/pg_copy.hpp"
#include "store/transfer/table_checksum.hpp"

namespace anjian::store::transfer {

namespace {

using namespace detail;  // NOLINT(google-build-using-namespace): store/transfer's own helpers

// Offsets are whole millions, so an id tells at a glance which street it came from.
constexpr std::int64_t kOffsetStep = 1'000'000;
// Ids reach the browser as JSON numbers: they must stay exact in a double.
constexpr std::int64_t kMaxExactId = (std::int64_t{1} << 53) - 1;
constexpr std::size_t kListedCollisions = 5;

std::string Literal(const std::string& text) {
  std::string out = "'";
  for (const char c : text) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

std::string JoinNames(const std::vector<std::string>& names, std::size_t limit) {
  std::string out;
  for (std::size_t i = 0; i < names.size() && i < limit; ++i) out += (i ? "、" : "") + names[i];
  if (names.size() > limit) out += " 等 " + std::to_string(names.size()) + " 个";
  return out;
}

struct Region {
  std::int64_t id = 0;
  std::string name;
};

struct MergeContext {
  IdMapping mapping;
  std::int64_t ceiling = 0;
  std::int64_t source_id = 0;
  std::string district;
  std::vector<Region> streets;            // the source's ids and names
  std::vector<std::string> street_paths;  // the streets' paths in the target
  std::vector<std::string> narrowed;
  std::int64_t audit_seq = 0;
  std::string audit_hash;
};

Result<std::int64_t> Scalar(sql::Connection& db, const std::string& sql) {
  ANJIAN_ASSIGN_OR_RETURN(auto stmt, db.Prepare(sql));
  ANJIAN_ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row || stmt.IsNull(0)) return std::int64_t{0};
  return stmt.Int(0);
}

const TableShape* FindShape(const std::vector<TableShape>& tables, const std::string& name) {
  for (const auto& table : tables) {
    if (table.name == name) return &table;
  }
  return nullptr;
}

// --- preflight: everything that would make the merged database wrong, before any write --------

Status RefuseMergeBookkeeping(sql::Connection& source) {
  for (const char* table : {"merged_sources", "audit_log_imported", "audit_checkpoints_imported"}) {
    ANJIAN_ASSIGN_OR_RETURN(const auto rows,
                            Scalar(source, std::string("SELECT count(*) FROM ") + table));
    if (rows != 0) {
      return Error::FailedPrecondition(std::string("源库含有合并记录（") + table +
                                       "），不是单个街道的数据库，不能再并入其他数据库");
    }
  }
  return Ok();
}

Status MapDistrictAndStreets(sql::Connection& source, sql::Connection& target, MergeContext& ctx) {
  ANJIAN_ASSIGN_OR_RETURN(
      auto roots,
      Rows(source, "SELECT id, name, level, code FROM regions WHERE parent_id IS NULL ORDER BY id",
           4));
  if (roots.size() != 1 || roots[0][2] != "district") {
    return Error::FailedPrecondition("源库的区划应以一个区县为顶层，才能并入区县数据库（现有 " +
                                     std::to_string(roots.size()) + " 个顶层区划）");
  }
  ctx.mapping.district_from = std::stoll(roots[0][0]);
  ctx.district = roots[0][1];
  const std::string& code = roots[0][3];
  ANJIAN_ASSIGN_OR_RETURN(
      auto districts,
      Rows(target,
           "SELECT id, name, code FROM regions WHERE parent_id IS NULL AND level = 'district'", 3));
  std::vector<std::string> names;
  for (const auto& district : districts) {
    names.push_back(district[1]);
    if (district[1] != ctx.district) continue;
    if (!code.empty() && !district[2].empty() && district[2] != code) {
      return Error::FailedPrecondition("目标库的“" + ctx.district + "”区划代码为 " + district[2] +
                                       "，源库为 " + code + "：不是同一个区县，拒绝合并");
    }
    ctx.mapping.district_to = std::stoll(district[0]);
  }
  if (ctx.mapping.district_to == 0) {
    return Error::FailedPrecondition("目标库中没有区县“" + ctx.district + "”（现有：" +
                                     (names.empty() ? "无" : JoinNames(names, 10)) +
                                     "）：街道只能并入其所属区县的数据库");
  }
  ANJIAN_ASSIGN_OR_RETURN(auto streets,
                          Rows(source,
                               "SELECT id, name FROM regions WHERE parent_id = " +
                                   std::to_string(ctx.mapping.district_from) + " ORDER BY id",
                               2));
  if (streets.empty()) return Error::FailedPrecondition("源库中没有街道，没有可合并的数据");
  std::vector<std::string> present;
  ANJIAN_ASSIGN_OR_RETURN(
      auto lookup, target.Prepare("SELECT id FROM regions WHERE parent_id = ?1 AND name = ?2"));
  for (const auto& street : streets) {
    ctx.streets.push_back({std::stoll(street[0]), street[1]});
    lookup.Bind(1, ctx.mapping.district_to).Bind(2, street[1]);
    ANJIAN_ASSIGN_OR_RETURN(bool found, lookup.Step());
    if (found) present.push_back(street[1]);
    lookup.Reset();
  }
  if (!present.empty()) {
    return Error::FailedPrecondition("目标库的“" + ctx.district + "”下已有" +
                                     JoinNames(present, 5) +
                                     "：同一街道不能合并两次（或两库的街道同名，请先改名）");
  }
  return Ok();
}

// Values that identify a person or a unit to users (and to plans and imports): if both sides hold
// one, renumbering cannot tell them apart, so the merge is refused with the values named.
Status RefuseIdentityCollisions(sql::Connection& source, sql::Connection& target) {
  struct Identity {
    const char* table;
    const char* column;
    const char* label;
  };
  static constexpr Identity kIdentities[] = {
      {"units", "credit_code", "统一社会信用代码"},
      {"inspectors", "employee_no", "执法人员工号"},
      {"users", "username", "用户名"},
  };
  std::string problems;
  for (const auto& identity : kIdentities) {
    const std::string select =
        std::string("SELECT ") + identity.column + " FROM " + identity.table + " ORDER BY 1";
    ANJIAN_ASSIGN_OR_RETURN(auto held, Rows(target, select, 1));
    std::unordered_set<std::string> taken;
    for (auto& row : held) taken.insert(std::move(row[0]));
    ANJIAN_ASSIGN_OR_RETURN(auto incoming, Rows(source, select, 1));
    std::vector<std::string> both;
    for (const auto& row : incoming) {
      if (taken.contains(row[0])) both.push_back(row[0]);
    }
    if (!both.empty()) {
      problems += (problems.empty() ? "" : "；") + std::string(identity.label) + " " +
                  JoinNames(both, kListedCollisions);
    }
  }
  if (problems.empty()) return Ok();
  return Error::FailedPrecondition(
      "两库中有相同的标识，合并后无法区分，拒绝合并（请先在街道库中改正或停用重复项）：" +
      problems);
}

// Accounts scoped above their street (the whole system, or the district) would read every street
// of the district after the merge: with one street they are narrowed to it, else refused.
Status NarrowWideAccounts(sql::Connection& source, MergeContext& ctx) {
  ANJIAN_ASSIGN_OR_RETURN(auto wide,
                          Rows(source,
                               "SELECT username FROM users WHERE jurisdiction_id IS NULL OR "
                               "jurisdiction_id = " +
                                   std::to_string(ctx.mapping.district_from) + " ORDER BY id",
                               1));
  for (const auto& row : wide) ctx.narrowed.push_back(row[0]);
  if (ctx.narrowed.empty()) return Ok();
  if (ctx.streets.size() != 1) {
    return Error::FailedPrecondition(
        "源库有多个街道，且以下账号的管辖范围高于街道，合并后将能查看全区县数据，拒绝合并（请先把其"
        "管辖范围改为某个街道）：" +
        JoinNames(ctx.narrowed, 10));
  }
  ctx.mapping.narrow_to = ctx.mapping.Region(ctx.streets[0].id);
  return Ok();
}

// The largest row id of every id-keyed table.
Result<std::int64_t> LargestId(sql::Connection& db, const std::vector<TableShape>& tables) {
  std::int64_t largest = 0;
  for (const auto& table : tables) {
    const TableRule* rule = FindTableRule(table.name);
    if (rule == nullptr || table.key.size() != 1) continue;
    const ColumnShape& key = table.columns[static_cast<std::size_t>(table.key[0])];
    const auto found = rule->columns.find(key.name);
    if (found == rule->columns.end() ||
        (found->second != ValueRule::kId && found->second != ValueRule::kRegionId))
      continue;
    ANJIAN_ASSIGN_OR_RETURN(const auto value,
                            Scalar(db, "SELECT MAX(" + QuoteIdentifier(key.name) + ") FROM " +
                                           QuoteIdentifier(table.name)));
    largest = std::max(largest, value);
  }
  return largest;
}

Status ChooseNumbers(sql::Connection& source, sql::Connection& target,
                     const std::vector<TableShape>& tables, MergeContext& ctx) {
  ANJIAN_ASSIGN_OR_RETURN(const auto target_largest, LargestId(target, tables));
  ANJIAN_ASSIGN_OR_RETURN(ctx.ceiling, LargestId(source, tables));
  ctx.mapping.offset = (target_largest / kOffsetStep + 1) * kOffsetStep;
  if (ctx.mapping.offset > kMaxExactId - ctx.ceiling) {
    return Error::FailedPrecondition("目标库的编号已接近上限，无法为合并的街道分配编号段");
  }
  ANJIAN_ASSIGN_OR_RETURN(const auto last_source,
                          Scalar(target, "SELECT MAX(id) FROM merged_sources"));
  ctx.source_id = last_source + 1;
  ANJIAN_ASSIGN_OR_RETURN(auto head, Rows(source, "SELECT seq, hash FROM audit_head", 2));
  if (head.size() == 1) {
    ctx.audit_seq = std::stoll(head[0][0]);
    ctx.audit_hash = head[0][1];
  }
  if (ctx.audit_seq > 0) {
    ANJIAN_ASSIGN_OR_RETURN(
        auto again,
        Rows(target,
             "SELECT street_name FROM merged_sources WHERE audit_hash = " + Literal(ctx.audit_hash),
             1));
    if (!again.empty()) {
      return Error::FailedPrecondition("这个数据库（" + again[0][0] + "）已经合并过，不能合并两次");
    }
  }
  return Ok();
}

// --- the copy ------------------------------------------------------------------------------

// Where the table's rows go, and the shape they have there.
struct Destination {
  const TableShape* shape = nullptr;
  std::string table;
};

bool KeyHasPath(const TableRule& rule, const TableShape& table) {
  for (const int column : table.key) {
    const auto found = rule.columns.find(table.columns[static_cast<std::size_t>(column)].name);
    if (found != rule.columns.end() && found->second == ValueRule::kPath) return true;
  }
  return false;
}

// Key order as ChecksumTable reads it: integers by value, text byte-wise.
bool KeyLess(const TableShape& table, const RowValues& a, const RowValues& b) {
  for (const int index : table.key) {
    const auto column = static_cast<std::size_t>(index);
    if (table.columns[column].kind == ColumnKind::kInteger) {
      const std::int64_t x = std::stoll(a[column].bytes);
      const std::int64_t y = std::stoll(b[column].bytes);
      if (x != y) return x < y;
    } else if (a[column].bytes != b[column].bytes) {
      return a[column].bytes < b[column].bytes;
    }
  }
  return false;
}

// The rows of this street in the target: id-keyed tables by the street's id range, path-keyed
// tables by its paths, the imported chain by its source id.
Result<std::string> SubsetFilter(const TableRule& rule, const TableShape& table,
                                 const MergeContext& ctx) {
  if (rule.policy == TablePolicy::kImportedChain)
    return "\"source_id\" = " + std::to_string(ctx.source_id);
  const std::string& first = table.columns[static_cast<std::size_t>(table.key[0])].name;
  const auto found = rule.columns.find(first);
  if (found != rule.columns.end() &&
      (found->second == ValueRule::kId || found->second == ValueRule::kRegionId)) {
    return QuoteIdentifier(first) + " BETWEEN " + std::to_string(ctx.mapping.offset + 1) + " AND " +
           std::to_string(ctx.mapping.offset + ctx.ceiling);
  }
  if (found != rule.columns.end() && found->second == ValueRule::kPath) {
    std::string filter;
    for (const auto& path : ctx.street_paths) {
      std::string upper = path;
      upper.back() = static_cast<char>('/' + 1);
      filter += (filter.empty() ? "(" : " OR (") + QuoteIdentifier(first) + " >= " + Literal(path) +
                " AND " + QuoteIdentifier(first) + " < " + Literal(upper) + ")";
    }
    return filter;
  }
  return Error::FailedPrecondition("合并规则无法界定表 " + table.name + " 中属于该街道的行");
}

struct Written {
  std::int64_t rows = 0;
  std::string sha256;
};

// Reads the source table in key order, transforms each row and streams it into COPY, hashing the
// rows as written (sorted into the target's key order first when a path is part of the key).
// With `target` null the rows are only hashed (verification of an earlier merge).
Result<Written> CopyRows(sql::Connection& source, postgres::PgConnection* target,
                         const TableShape& source_table, const Destination& destination,
                         const TableRule& rule, const MergeContext& ctx, std::size_t buffer_bytes) {
  std::string key;
  for (const int column : source_table.key) {
    key += (key.empty() ? "" : ", ") +
           QuoteIdentifier(source_table.columns[static_cast<std::size_t>(column)].name);
  }
  std::string where;
  if (source_table.name == "regions")
    where = " WHERE id <> " + std::to_string(ctx.mapping.district_from);
  ANJIAN_ASSIGN_OR_RETURN(auto rows,
                          source.Prepare("SELECT " + source_table.ColumnList() + " FROM " +
                                         QuoteIdentifier(source_table.name) + where +
                                         (key.empty() ? "" : " ORDER BY " + key)));
  std::optional<CopyIn> copy;
  if (target != nullptr) {
    copy.emplace(*target, destination.table, destination.shape->columns, buffer_bytes);
    ANJIAN_TRY(copy->Start());
  }
  const bool sort = KeyHasPath(rule, *destination.shape);
  std::vector<RowValues> held;
  Sha256 hash;
  std::string text = CanonicalHeader(*destination.shape);
  Written written;
  RowValues row(source_table.columns.size());
  for (;;) {
    ANJIAN_ASSIGN_OR_RETURN(bool more, rows.Step());
    if (!more) break;
    for (std::size_t i = 0; i < source_table.columns.size(); ++i) {
      const int column = static_cast<int>(i);
      row[i].null = rows.IsNull(column);
      if (row[i].null) {
        row[i].bytes.clear();
      } else if (source_table.columns[i].kind == ColumnKind::kBlob) {
        row[i].bytes = HexOf(rows.Blob(column));
      } else {
        row[i].bytes = rows.Text(column);
      }
    }
    ANJIAN_ASSIGN_OR_RETURN(auto moved,
                            TransformRow(rule, source_table, ctx.mapping, ctx.source_id, row));
    if (copy) ANJIAN_TRY(copy->Add(moved));
    ++written.rows;
    if (sort) {
      held.push_back(std::move(moved));
      continue;
    }
    AppendCanonicalRow(text, moved);
    if (text.size() >= (std::size_t{1} << 16)) {
      hash.Update(text);
      text.clear();
    }
  }
  if (copy) ANJIAN_TRY(copy->Finish());
  if (sort) {
    const TableShape& shape = *destination.shape;
    std::sort(held.begin(), held.end(),
              [&](const RowValues& a, const RowValues& b) { return KeyLess(shape, a, b); });
    for (const auto& kept : held) AppendCanonicalRow(text, kept);
  }
  hash.Update(text);
  written.sha256 = hash.HexDigest();
  return written;
}

// Content-addressed rows: loaded into a temporary table, inserted where the key is new, and
// counted back by key (a row the target already held is the same content under the same key).
Result<TableReport> MergeByKey(sql::Connection& source, postgres::PgConnection& target,
                               const TableShape& table, const TableRule& rule,
                               const MergeContext& ctx, std::size_t buffer_bytes) {
  ANJIAN_TRY(target.Exec("CREATE TEMPORARY TABLE merge_incoming (LIKE " +
                         QuoteIdentifier(table.name) + ") ON COMMIT DROP"));
  const Destination staging{&table, "merge_incoming"};
  ANJIAN_ASSIGN_OR_RETURN(auto written,
                          CopyRows(source, &target, table, staging, rule, ctx, buffer_bytes));
  const std::string columns = table.ColumnList();
  std::string match;
  for (const int column : table.key) {
    const std::string name = QuoteIdentifier(table.columns[static_cast<std::size_t>(column)].name);
    match += (match.empty() ? "" : " AND ") + ("t." + name + " = i." + name);
  }
  ANJIAN_TRY(target.Exec("INSERT INTO " + QuoteIdentifier(table.name) + " (" + columns +
                         ") SELECT " + columns + " FROM merge_incoming ON CONFLICT DO NOTHING"));
  ANJIAN_ASSIGN_OR_RETURN(const auto found,
                          Scalar(target,
                                 "SELECT count(*) FROM merge_incoming i WHERE EXISTS "
                                 "(SELECT 1 FROM " +
                                     QuoteIdentifier(table.name) + " t WHERE " + match + ")"));
  ANJIAN_TRY(target.Exec("DROP TABLE merge_incoming"));
  TableReport report;
  report.table = table.name;
  report.treatment = TableTreatment::kMergedByKey;
  report.source_rows = written.rows;
  report.target_rows = found;
  return report;
}

// One entry in the target's own chain: who merged what, with the imported chain's head, which
// anchors that chain in this one.
Status AppendMergeEntry(sql::Connection& target, std::int64_t now, const MergeContext& ctx,
                        const nlohmann::json& details) {
  ANJIAN_ASSIGN_OR_RETURN(
      auto head, Rows(target, "SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE", 2));
  if (head.size() != 1) return Error::Internal("审计链头缺失 (audit_head row missing)");
  domain::AuditEntry entry;
  entry.seq = std::stoll(head[0][0]) + 1;
  entry.at = now;
  entry.actor_id = 0;
  entry.actor = "system";
  entry.role = "system";
  entry.action = "migrate.merge";
  entry.target_type = "merged_source";
  entry.target_id = std::to_string(ctx.source_id);
  entry.details_json = details.dump();
  entry.prev_hash = head[0][1];
  entry.hash = AuditEntryHash(entry.prev_hash, entry);
  ANJIAN_ASSIGN_OR_RETURN(
      auto insert,
      target.Prepare("INSERT INTO audit_log (seq, at, actor_id, actor, role, jurisdiction, "
                     "client_address, action, target_type, target_id, outcome, details, "
                     "prev_hash, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, "
                     "?13, ?14)"));
  insert.Bind(1, entry.seq)
      .Bind(2, entry.at)
      .Bind(3, entry.actor_id)
      .Bind(4, entry.actor)
      .Bind(5, entry.role)
      .Bind(6, entry.jurisdiction)
      .Bind(7, entry.client_address)
      .Bind(8, entry.action)
      .Bind(9, entry.target_type)
      .Bind(10, entry.target_id)
      .Bind(11, domain::Code(entry.outcome))
      .Bind(12, entry.details_json)
      .Bind(13, entry.prev_hash)
      .Bind(14, entry.hash);
  ANJIAN_TRY(insert.Run());
  ANJIAN_ASSIGN_OR_RETURN(auto update,
                          target.Prepare("UPDATE audit_head SET seq = ?1, hash = ?2 WHERE id = 1"));
  update.Bind(1, entry.seq).Bind(2, entry.hash);
  return update.Run();
}

nlohmann::json MergeDetails(const std::string& sqlite_path, const MergeContext& ctx,
                            const TransferReport& report) {
  nlohmann::json streets = nlohmann::json::array();
  for (const auto& street : ctx.streets) streets.push_back(street.name);
  nlohmann::json tables = nlohmann::json::object();
  for (const auto& table : report.tables) {
    if (table.treatment == TableTreatment::kTargetOwned) continue;
    nlohmann::json entry = {{"rows", table.source_rows}};
    if (table.treatment == TableTreatment::kCopied) entry["sha256"] = table.source_sha256;
    if (table.treatment == TableTreatment::kDropped) entry["dropped"] = true;
    if (table.treatment == TableTreatment::kMergedByKey) entry["merged_by_key"] = true;
    tables[table.target_table.empty() ? table.table : table.target_table] = entry;
  }
  return {{"source_file", sqlite_path},
          {"district", ctx.district},
          {"streets", streets},
          {"id_offset", ctx.mapping.offset},
          {"id_ceiling", ctx.ceiling},
          {"district_from", ctx.mapping.district_from},
          {"district_to", ctx.mapping.district_to},
          {"narrowed_accounts", ctx.narrowed},
          {"imported_head", {{"seq", ctx.audit_seq}, {"hash", ctx.audit_hash}}},
          {"schema_version", report.schema_version},
          {"tables", tables}};
}

Status RecordSource(sql::Connection& target, const std::string& sqlite_path,
                    const MergeContext& ctx, std::int64_t now, int schema_version,
                    const nlohmann::json& details) {
  std::string streets;
  for (const auto& street : ctx.streets) streets += (streets.empty() ? "" : "、") + street.name;
  ANJIAN_ASSIGN_OR_RETURN(
      auto insert,
      target.Prepare("INSERT INTO merged_sources (id, street_name, source_file, id_offset, "
                     "id_ceiling, district_from, district_to, street_id, merged_at, "
                     "schema_version, audit_seq, audit_hash, report_json) VALUES (?1, ?2, ?3, ?4, "
                     "?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)"));
  insert.Bind(1, ctx.source_id)
      .Bind(2, streets)
      .Bind(3, sqlite_path)
      .Bind(4, ctx.mapping.offset)
      .Bind(5, ctx.ceiling)
      .Bind(6, ctx.mapping.district_from)
      .Bind(7, ctx.mapping.district_to)
      .Bind(8, ctx.mapping.Region(ctx.streets.front().id))
      .Bind(9, now)
      .Bind(10, schema_version)
      .Bind(11, ctx.audit_seq)
      .Bind(12, ctx.audit_hash)
      .Bind(13, details.dump());
  return insert.Run();
}

// The street's rows in the target, checksummed (inside the load, or after COMMIT through `db`).
Status CompareSubsets(sql::Connection& db, const std::vector<TableShape>& tables,
                      const MergeContext& ctx, const TransferOptions& options,
                      const ProgressCallback& progress, TransferProgress::Stage stage,
                      TransferReport& report) {
  for (std::size_t i = 0; i < report.tables.size(); ++i) {
    TableReport& table = report.tables[i];
    if (table.treatment == TableTreatment::kCopied) {
      const std::string name = table.target_table.empty() ? table.table : table.target_table;
      const TableShape* shape = FindShape(tables, name);
      const TableRule* rule = FindTableRule(table.table);
      if (shape == nullptr || rule == nullptr) return Error::Internal("merge lost table " + name);
      ANJIAN_ASSIGN_OR_RETURN(auto filter, SubsetFilter(*rule, *shape, ctx));
      ANJIAN_ASSIGN_OR_RETURN(auto sum, ChecksumTable(db, *shape, options.page_rows, filter));
      table.target_rows = sum.rows;
      table.target_sha256 = sum.sha256;
    }
    if (progress) progress({stage, table.table, table.target_rows, i + 1, report.tables.size()});
  }
  return Ok();
}

// Keys of the source's content-addressed rows found in the target, one probe per row (a read-only
// snapshot cannot stage them in a temporary table).
Result<std::int64_t> CountPresentKeys(sql::Connection& source, sql::Connection& target,
                                      const TableShape& table) {
  std::string keys;
  std::string match;
  for (std::size_t i = 0; i < table.key.size(); ++i) {
    const std::string name =
        QuoteIdentifier(table.columns[static_cast<std::size_t>(table.key[i])].name);
    keys += (i ? ", " : "") + name;
    match += (i ? " AND " : "") + name + " = ?" + std::to_string(i + 1);
  }
  ANJIAN_ASSIGN_OR_RETURN(
      auto rows, source.Prepare("SELECT " + keys + " FROM " + QuoteIdentifier(table.name)));
  ANJIAN_ASSIGN_OR_RETURN(
      auto probe,
      target.Prepare("SELECT 1 FROM " + QuoteIdentifier(table.name) + " WHERE " + match));
  std::int64_t present = 0;
  for (;;) {
    ANJIAN_ASSIGN_OR_RETURN(bool more, rows.Step());
    if (!more) break;
    for (std::size_t i = 0; i < table.key.size(); ++i)
      probe.Bind(static_cast<int>(i) + 1, rows.Text(static_cast<int>(i)));
    ANJIAN_ASSIGN_OR_RETURN(bool found, probe.Step());
    present += found ? 1 : 0;
    probe.Reset();
  }
  return present;
}

// One table of a merge (`target` set: written) or of its later verification (`target` null: the
// source's rows only hashed, content-addressed keys probed on `reader`).
Result<TableReport> BringTable(sql::Connection& source, postgres::PgConnection* target,
                               sql::Connection& reader, const std::vector<TableShape>& tables,
                               const TableShape& table, const TableRule& rule,
                               const MergeContext& ctx, std::size_t buffer_bytes) {
  TableReport entry;
  entry.table = table.name;
  switch (rule.policy) {
    case TablePolicy::kDrop:
    case TablePolicy::kTargetOwned:
      entry.treatment = rule.policy == TablePolicy::kDrop ? TableTreatment::kDropped
                                                          : TableTreatment::kTargetOwned;
      break;
    case TablePolicy::kInsertIfAbsent: {
      if (target != nullptr) return MergeByKey(source, *target, table, rule, ctx, buffer_bytes);
      entry.treatment = TableTreatment::kMergedByKey;
      ANJIAN_ASSIGN_OR_RETURN(entry.target_rows, CountPresentKeys(source, reader, table));
      break;
    }
    case TablePolicy::kCopy:
    case TablePolicy::kImportedChain: {
      Destination destination{&table, table.name};
      if (rule.policy == TablePolicy::kImportedChain) {
        destination.table = table.name + "_imported";
        destination.shape = FindShape(tables, destination.table);
        if (destination.shape == nullptr)
          return Error::Internal("merge target table missing: " + destination.table);
        entry.target_table = destination.table;
      }
      ANJIAN_ASSIGN_OR_RETURN(
          auto written, CopyRows(source, target, table, destination, rule, ctx, buffer_bytes));
      entry.source_rows = written.rows;
      entry.source_sha256 = written.sha256;
      return entry;
    }
    case TablePolicy::kSourceMustBeEmpty:
      return Error::Internal("merge bookkeeping table " + table.name + " is not brought");
  }
  ANJIAN_ASSIGN_OR_RETURN(entry.source_rows,
                          Scalar(source, "SELECT count(*) FROM " + QuoteIdentifier(table.name)));
  return entry;
}

// The streets' paths in the target, from their renumbered ids.
void SetStreetPaths(MergeContext& ctx) {
  ctx.street_paths.clear();
  for (const auto& street : ctx.streets) {
    ctx.street_paths.push_back("/" + std::to_string(ctx.mapping.district_to) + "/" +
                               std::to_string(ctx.mapping.Region(street.id)) + "/");
  }
}

}  // namespace

Result<std::optional<std::int64_t>> FindMergedSource(detail::Endpoints& ends) {
  ANJIAN_ASSIGN_OR_RETURN(auto head, Rows(*ends.sqlite, "SELECT seq, hash FROM audit_head", 2));
  if (head.size() != 1 || head[0][0] == "0") return std::optional<std::int64_t>();
  ANJIAN_ASSIGN_OR_RETURN(auto found,
                          Rows(*ends.postgres,
                               "SELECT id FROM merged_sources WHERE audit_seq = " + head[0][0] +
                                   " AND audit_hash = " + Literal(head[0][1]),
                               1));
  if (found.empty()) return std::optional<std::int64_t>();
  return std::optional<std::int64_t>(std::stoll(found[0][0]));
}

Result<TransferReport> VerifyMergedStreet(detail::Endpoints& ends, std::int64_t source_id,
                                          const TransferOptions& options,
                                          const ProgressCallback& progress) {
  sql::Connection& source = *ends.sqlite;
  sql::Connection& target = *ends.postgres;
  ANJIAN_TRY(CheckCatalogue(ends.tables));
  ANJIAN_ASSIGN_OR_RETURN(
      auto recorded,
      Rows(target,
           "SELECT id_offset, id_ceiling, district_from, district_to, audit_seq, audit_hash FROM "
           "merged_sources WHERE id = " +
               std::to_string(source_id),
           6));
  if (recorded.size() != 1) return Error::NotFound("没有合并来源 #" + std::to_string(source_id));
  MergeContext ctx;
  ctx.source_id = source_id;
  ctx.mapping.offset = std::stoll(recorded[0][0]);
  ctx.ceiling = std::stoll(recorded[0][1]);
  ctx.mapping.district_from = std::stoll(recorded[0][2]);
  ctx.mapping.district_to = std::stoll(recorded[0][3]);
  ctx.audit_seq = std::stoll(recorded[0][4]);
  ctx.audit_hash = recorded[0][5];
  ANJIAN_ASSIGN_OR_RETURN(auto streets,
                          Rows(source,
                               "SELECT id, name FROM regions WHERE parent_id = " +
                                   std::to_string(ctx.mapping.district_from) + " ORDER BY id",
                               2));
  for (const auto& street : streets) ctx.streets.push_back({std::stoll(street[0]), street[1]});
  SetStreetPaths(ctx);
  // The merge narrowed wide accounts only when the source had one street (else it refused).
  if (ctx.streets.size() == 1) ctx.mapping.narrow_to = ctx.mapping.Region(ctx.streets[0].id);

  TransferReport report;
  report.schema_version = ends.version;
  const auto started = SteadyClock::now();
  for (const auto& table : ends.tables) {
    const TableRule* rule = FindTableRule(table.name);
    if (rule == nullptr || rule->policy == TablePolicy::kSourceMustBeEmpty) continue;
    ANJIAN_ASSIGN_OR_RETURN(auto entry, BringTable(source, nullptr, target, ends.tables, table,
                                                   *rule, ctx, options.copy_buffer_bytes));
    report.rows += entry.source_rows;
    report.tables.push_back(std::move(entry));
  }
  ANJIAN_TRY(CompareSubsets(target, ends.tables, ctx, options, progress,
                            TransferProgress::Stage::kVerified, report));
  MergeSummary summary;
  summary.source_id = ctx.source_id;
  summary.id_offset = ctx.mapping.offset;
  summary.id_ceiling = ctx.ceiling;
  for (const auto& street : ctx.streets) summary.streets.push_back(street.name);
  report.merge = summary;
  report.verify_seconds = SecondsSince(started);
  return report;
}

Result<TransferReport> MergeIntoOccupiedTarget(detail::Endpoints& ends,
                                               detail::TransactionGuard& load,
                                               const std::string& sqlite_path,
                                               const TransferOptions& options,
                                               const ProgressCallback& progress) {
  sql::Connection& source = *ends.sqlite;
  postgres::PgConnection& target = *ends.postgres;
  const std::int64_t now =
      options.now != 0 ? options.now : static_cast<std::int64_t>(std::time(nullptr));
  ANJIAN_TRY(CheckCatalogue(ends.tables));
  ANJIAN_TRY(RefuseMergeBookkeeping(source));
  MergeContext ctx;
  ANJIAN_TRY(MapDistrictAndStreets(source, target, ctx));
  ANJIAN_TRY(RefuseIdentityCollisions(source, target));
  ANJIAN_TRY(ChooseNumbers(source, target, ends.tables, ctx));
  SetStreetPaths(ctx);
  ANJIAN_TRY(NarrowWideAccounts(source, ctx));

  TransferReport report;
  report.schema_version = ends.version;
  const auto copy_started = SteadyClock::now();
  TargetConstraints constraints;
  ANJIAN_TRY(constraints.Suspend(target));
  std::size_t index = 0;
  for (const auto& table : ends.tables) {
    ++index;
    const TableRule* rule = FindTableRule(table.name);
    if (rule == nullptr) return Error::Internal("merge rule missing for " + table.name);
    if (rule->policy == TablePolicy::kSourceMustBeEmpty) continue;
    ANJIAN_ASSIGN_OR_RETURN(auto entry, BringTable(source, &target, target, ends.tables, table,
                                                   *rule, ctx, options.copy_buffer_bytes));
    report.rows += entry.source_rows;
    if (progress) {
      progress({TransferProgress::Stage::kCopied, table.name, entry.source_rows, index,
                ends.tables.size()});
    }
    report.tables.push_back(std::move(entry));
  }
  report.copy_seconds = SecondsSince(copy_started);

  const auto verify_started = SteadyClock::now();
  ANJIAN_TRY(CompareSubsets(target, ends.tables, ctx, options, progress,
                            TransferProgress::Stage::kVerified, report));
  MergeSummary summary;
  summary.source_id = ctx.source_id;
  summary.id_offset = ctx.mapping.offset;
  summary.id_ceiling = ctx.ceiling;
  summary.district = ctx.district;
  for (const auto& street : ctx.streets) summary.streets.push_back(street.name);
  summary.narrowed_accounts = ctx.narrowed;
  for (const auto& table : report.tables) {
    if (table.table == "audit_log") summary.audit_entries = table.source_rows;
  }
  report.merge = summary;
  if (!report.AllMatch()) {
    report.verify_seconds = SecondsSince(verify_started);
    return report;  // the caller's guards roll back
  }
  const nlohmann::json details = MergeDetails(sqlite_path, ctx, report);
  // Recorded before the foreign keys come back: the imported chain refers to it.
  ANJIAN_TRY(RecordSource(target, sqlite_path, ctx, now, report.schema_version, details));
  ANJIAN_TRY(constraints.Restore(target));
  // Caches keyed on the registry's and roster's change counters must see the new streets.
  ANJIAN_TRY(target.Exec("UPDATE change_counters SET value = value + 1"));
  ANJIAN_TRY(AdvanceSequences(target, ends.tables));
  ANJIAN_TRY(AppendMergeEntry(target, now, ctx, details));
  ANJIAN_TRY(target.Exec("ANALYZE " + TableList(ends.tables)));
  ANJIAN_TRY(load.Commit());
  report.committed = true;

  if (options.verify_after_commit) {
    auto recheck = [&]() -> Status {
      ANJIAN_ASSIGN_OR_RETURN(auto fresh, postgres::PgConnection::Open(ends.conninfo));
      TransactionGuard snapshot(*fresh);
      ANJIAN_TRY(snapshot.Begin("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"));
      return CompareSubsets(*fresh, ends.tables, ctx, options, progress,
                            TransferProgress::Stage::kRechecked, report);
    };
    Status rechecked = recheck();
    if (!rechecked.ok()) {
      return Error{rechecked.error().code,
                   "街道已并入并提交，但提交后复核未能完成: " + rechecked.error().message};
    }
  }
  report.verify_seconds = SecondsSince(verify_started);
  return report;
}

}  // namespace anjian::store::transfer

#include "store/transfer/merge_rules.hpp"

#include <charconv>

namespace anjian::store::transfer {

namespace {

using enum ValueRule;

// Integer columns that hold no reference (times, counts, versions, flags), named per table so a
// new integer column is classified by whoever adds it.
const std::vector<TableRule>& Catalogue() {
  static const std::vector<TableRule> kCatalogue = {
      {"regions",
       TablePolicy::kCopy,
       {{"id", kRegionId},
        {"parent_id", kRegionId},
        {"path", kPath},
        {"version", kVerbatim},
        {"created_at", kVerbatim},
        {"updated_at", kVerbatim}}},
      {"units",
       TablePolicy::kCopy,
       {{"id", kId},
        {"credit_code_override", kVerbatim},
        {"community_id", kRegionId},
        {"grid_id", kRegionId},
        {"region_path", kPath},
        {"accident_last_year", kVerbatim},
        {"major_hazard_source", kVerbatim},
        {"employees", kVerbatim},
        {"is_key", kVerbatim},
        {"version", kVerbatim},
        {"created_at", kVerbatim},
        {"updated_at", kVerbatim}}},
      {"inspectors",
       TablePolicy::kCopy,
       {{"id", kId},
        {"jurisdiction_id", kRegionId},
        {"region_path", kPath},
        {"active", kVerbatim},
        {"version", kVerbatim},
        {"created_at", kVerbatim},
        {"updated_at", kVerbatim},
        {"leave_days", kVerbatim}}},
      {"users",
       TablePolicy::kCopy,
       {{"id", kId},
        {"jurisdiction_id", kAccountScope},
        {"unit_id", kId},
        {"active", kVerbatim},
        {"created_at", kVerbatim},
        {"inspector_id", kId},
        {"must_change_password", kVerbatim},
        {"password_changed_at", kVerbatim},
        {"totp_enabled", kVerbatim},
        {"version", kVerbatim}}},
      {"sessions",
       TablePolicy::kDrop,
       {{"user_id", kId},
        {"created_at", kVerbatim},
        {"expires_at", kVerbatim},
        {"last_seen_at", kVerbatim}}},
      {"history",
       TablePolicy::kCopy,
       {{"id", kId}, {"entity_id", kHistoryEntity}, {"version", kVerbatim}, {"at", kVerbatim}}},
      {"imports",
       TablePolicy::kCopy,
       {{"id", kId},
        {"at", kVerbatim},
        {"rows", kVerbatim},
        {"imported", kVerbatim},
        {"error_count", kVerbatim},
        {"dry_run", kVerbatim}}},
      {"change_counters", TablePolicy::kTargetOwned, {{"value", kVerbatim}}},
      {"seed_commitments",
       TablePolicy::kCopy,
       {{"id", kId},
        {"year", kVerbatim},
        {"scope_path", kPath},
        {"committed_at", kVerbatim},
        {"committed_by", kId},
        {"plan_id", kId}}},
      {"plans",
       TablePolicy::kCopy,
       {{"id", kId},
        {"root_id", kId},
        {"revision", kVerbatim},
        {"year", kVerbatim},
        {"scope_path", kPath},
        {"committed_at", kVerbatim},
        {"created_by", kId},
        {"created_at", kVerbatim},
        {"updated_at", kVerbatim},
        {"version", kVerbatim}}},
      {"plan_events",
       TablePolicy::kCopy,
       {{"id", kId}, {"plan_id", kId}, {"at", kVerbatim}, {"user_id", kId}}},
      {"hazards",
       TablePolicy::kCopy,
       {{"id", kId},
        {"unit_id", kId},
        {"region_path", kPath},
        {"review_round", kVerbatim},
        {"reported_to_superior", kVerbatim},
        {"accepted", kVerbatim},
        {"created_by", kId},
        {"created_at", kVerbatim},
        {"updated_at", kVerbatim},
        {"version", kVerbatim},
        {"task_id", kId},
        {"record_id", kId},
        {"escalated", kVerbatim}}},
      {"hazard_counts", TablePolicy::kCopy, {{"region_path", kPath}, {"n", kVerbatim}}},
      {"hazard_transitions",
       TablePolicy::kCopy,
       {{"id", kId}, {"hazard_id", kId}, {"at", kVerbatim}, {"user_id", kId}}},
      {"document_counters",
       TablePolicy::kCopy,
       {{"scope_path", kPath}, {"year", kVerbatim}, {"last_serial", kVerbatim}}},
      {"inspection_tasks",
       TablePolicy::kCopy,
       {{"id", kId},
        {"unit_id", kId},
        {"region_path", kPath},
        {"checklist_version", kVerbatim},
        {"plan_id", kId},
        {"hazard_id", kId},
        {"record_id", kId},
        {"created_by", kId},
        {"created_at", kVerbatim},
        {"updated_at", kVerbatim},
        {"version", kVerbatim}}},
      {"inspection_task_members",
       TablePolicy::kCopy,
       {{"task_id", kId}, {"position", kVerbatim}, {"inspector_id", kId}}},
      {"inspection_records",
       TablePolicy::kCopy,
       {{"id", kId},
        {"task_id", kId},
        {"unit_id", kId},
        {"region_path", kPath},
        {"record_version", kVerbatim},
        {"supersedes_id", kId},
        {"signed_by", kId},
        {"signed_at", kVerbatim}}},
      {"uploads",
       TablePolicy::kInsertIfAbsent,
       {{"size", kVerbatim},
        {"width", kVerbatim},
        {"height", kVerbatim},
        {"region_path", kPath},
        {"uploaded_by", kId},
        {"uploaded_at", kVerbatim}}},
      {"documents",
       TablePolicy::kCopy,
       {{"id", kId},
        {"year", kVerbatim},
        {"serial", kVerbatim},
        {"issuer_path", kPath},
        {"unit_id", kId},
        {"region_path", kPath},
        {"record_id", kId},
        {"hazard_id", kId},
        {"issued_by", kId},
        {"issued_at", kVerbatim}}},
      {"idempotency_keys",
       TablePolicy::kDrop,
       {{"user_id", kId}, {"status", kVerbatim}, {"created_at", kVerbatim}}},
      {"job_runs",
       TablePolicy::kInsertIfAbsent,
       {{"started_at", kVerbatim}, {"finished_at", kVerbatim}}},
      {"self_inspections",
       TablePolicy::kCopy,
       {{"id", kId},
        {"unit_id", kId},
        {"region_path", kPath},
        {"checklist_version", kVerbatim},
        {"nonconforming", kVerbatim},
        {"created_by", kId},
        {"created_at", kVerbatim}}},
      {"notices",
       TablePolicy::kCopy,
       {{"id", kId}, {"scope_path", kPath}, {"published_by", kId}, {"published_at", kVerbatim}}},
      {"notice_receipts",
       TablePolicy::kCopy,
       {{"notice_id", kId}, {"unit_id", kId}, {"signed_by", kId}, {"signed_at", kVerbatim}}},
      {"upload_bytes", TablePolicy::kInsertIfAbsent, {}},
      {"login_throttle",
       TablePolicy::kDrop,
       {{"failures", kVerbatim}, {"window_start", kVerbatim}, {"locked_until", kVerbatim}}},
      {"audit_log",
       TablePolicy::kImportedChain,
       {{"seq", kVerbatim}, {"at", kVerbatim}, {"actor_id", kVerbatim}}},
      {"audit_head", TablePolicy::kTargetOwned, {{"id", kVerbatim}, {"seq", kVerbatim}}},
      {"audit_checkpoints",
       TablePolicy::kImportedChain,
       {{"seq", kVerbatim}, {"archived_at", kVerbatim}, {"archived_before", kVerbatim}}},
      {"audit_archive_gate", TablePolicy::kTargetOwned, {{"open", kVerbatim}}},
      {"signature_attestations",
       TablePolicy::kCopy,
       {{"id", kId},
        {"task_id", kId},
        {"inspector_id", kId},
        {"user_id", kId},
        {"device_user_id", kId},
        {"created_at", kVerbatim},
        {"record_id", kId}}},
      {"plan_items",
       TablePolicy::kCopy,
       {{"plan_id", kId}, {"seq", kVerbatim}, {"slot", kVerbatim}}},
      {"plan_input_chunks", TablePolicy::kCopy, {{"plan_id", kId}, {"ordinal", kVerbatim}}},
      {"merged_sources",
       TablePolicy::kSourceMustBeEmpty,
       {{"id", kVerbatim},
        {"id_offset", kVerbatim},
        {"id_ceiling", kVerbatim},
        {"district_from", kVerbatim},
        {"district_to", kVerbatim},
        {"street_id", kVerbatim},
        {"merged_at", kVerbatim},
        {"schema_version", kVerbatim},
        {"audit_seq", kVerbatim}}},
      {"audit_log_imported",
       TablePolicy::kSourceMustBeEmpty,
       {{"source_id", kVerbatim}, {"seq", kVerbatim}, {"at", kVerbatim}, {"actor_id", kVerbatim}}},
      {"audit_checkpoints_imported",
       TablePolicy::kSourceMustBeEmpty,
       {{"source_id", kVerbatim},
        {"seq", kVerbatim},
        {"archived_at", kVerbatim},
        {"archived_before", kVerbatim}}},
  };
  return kCatalogue;
}

bool IsPathColumn(std::string_view name) { return name == "path" || name.ends_with("_path"); }

Result<std::int64_t> ParseId(const std::string& text, const std::string& column) {
  std::int64_t value = 0;
  const auto* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc() || ptr != end) {
    return Error::InvalidArgument("列 " + column + " 的值“" + text + "”不是编号，无法换号");
  }
  return value;
}

}  // namespace

const TableRule* FindTableRule(std::string_view table) {
  for (const auto& rule : Catalogue()) {
    if (rule.table == table) return &rule;
  }
  return nullptr;
}

Status CheckCatalogue(const std::vector<TableShape>& tables) {
  std::string missing;
  for (const auto& table : tables) {
    const TableRule* rule = FindTableRule(table.name);
    if (rule == nullptr) {
      missing += (missing.empty() ? "" : "、") + table.name;
      continue;
    }
    for (const auto& column : table.columns) {
      const bool needs_rule = column.kind == ColumnKind::kInteger || IsPathColumn(column.name);
      if (needs_rule && !rule->columns.contains(column.name))
        missing += (missing.empty() ? "" : "、") + table.name + "." + column.name;
    }
  }
  if (missing.empty()) return Ok();
  return Error::FailedPrecondition(
      "合并规则未覆盖以下表或列（请在 merge_rules.cpp 中说明其换号方式）：" + missing);
}

std::int64_t IdMapping::Region(std::int64_t id) const {
  if (id == district_from) return district_to;
  return Id(id);
}

Result<std::string> IdMapping::Path(std::string_view path) const {
  if (path.empty()) return std::string();  // an account or row without a scope
  if (path.front() != '/' || path.back() != '/') {
    return Error::InvalidArgument("区划路径“" + std::string(path) + "”格式不对");
  }
  std::string out = "/";
  std::size_t start = 1;
  while (start < path.size()) {
    const std::size_t slash = path.find('/', start);
    const std::string part(path.substr(start, slash - start));
    ANJIAN_ASSIGN_OR_RETURN(const std::int64_t id, ParseId(part, "path"));
    if (id <= 0) return Error::InvalidArgument("区划路径“" + std::string(path) + "”格式不对");
    out += std::to_string(Region(id));
    out += '/';
    start = slash + 1;
  }
  return out;
}

Result<RowValues> TransformRow(const TableRule& rule, const TableShape& source_table,
                               const IdMapping& mapping, std::int64_t source_id, RowValues row) {
  int entity_column = -1;
  for (std::size_t i = 0; i < source_table.columns.size(); ++i) {
    if (source_table.columns[i].name == "entity") entity_column = static_cast<int>(i);
  }
  for (std::size_t i = 0; i < source_table.columns.size(); ++i) {
    const std::string& name = source_table.columns[i].name;
    const auto found = rule.columns.find(name);
    if (found == rule.columns.end() || found->second == kVerbatim) continue;
    CellValue& cell = row[i];
    if (found->second == kAccountScope) {
      if (mapping.narrow_to != 0) {
        std::int64_t id = 0;
        if (!cell.null) {
          ANJIAN_ASSIGN_OR_RETURN(id, ParseId(cell.bytes, source_table.name + "." + name));
        }
        if (cell.null || id == mapping.district_from) {
          cell = {false, std::to_string(mapping.narrow_to)};
          continue;
        }
      }
      if (cell.null) continue;
      ANJIAN_ASSIGN_OR_RETURN(const std::int64_t id,
                              ParseId(cell.bytes, source_table.name + "." + name));
      cell.bytes = std::to_string(mapping.Region(id));
      continue;
    }
    if (cell.null) continue;
    if (found->second == kPath) {
      auto mapped = mapping.Path(cell.bytes);
      if (!mapped.ok()) {
        return Error::InvalidArgument(source_table.name + "." + name + ": " +
                                      mapped.error().message);
      }
      cell.bytes = std::move(*mapped);
      continue;
    }
    ANJIAN_ASSIGN_OR_RETURN(const std::int64_t id,
                            ParseId(cell.bytes, source_table.name + "." + name));
    bool region = found->second == kRegionId;
    if (found->second == kHistoryEntity) {
      region = entity_column >= 0 && !row[static_cast<std::size_t>(entity_column)].null &&
               row[static_cast<std::size_t>(entity_column)].bytes == "region";
    }
    cell.bytes = std::to_string(region ? mapping.Region(id) : mapping.Id(id));
  }
  if (rule.policy == TablePolicy::kImportedChain) {
    row.insert(row.begin(), CellValue{false, std::to_string(source_id)});
  }
  return row;
}

}  // namespace anjian::store::transfer

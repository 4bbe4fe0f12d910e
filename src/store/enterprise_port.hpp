// The enterprise area of the store: self-inspections of regulated units, notices (告知书) published
// to units and the units' signed receipts.
//
// Contract:
// - Writes need a write session; rows are append-only.
// - Self-inspections are read within a Scope (and for one unit when given).
// - A unit signs a notice once (kAlreadyExists on the second receipt).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/civil_date.hpp"
#include "common/error.hpp"
#include "common/ids.hpp"
#include "domain/enterprise/self_inspection.hpp"
#include "store/scope.hpp"

namespace anjian::store {

// Stored kinds and days are read back as domain values: one this version cannot read is
// kInternal naming the row, never a default.
struct SelfInspectionRow {
  SelfInspectionId id;
  UnitId unit_id;
  std::string unit_name;  // filled on reads
  std::string region_path;
  domain::SelfInspectionKind kind = domain::SelfInspectionKind::kDaily;
  CivilDate done_on;
  std::string checklist_id;
  int checklist_version = 1;
  std::string body_json;
  int nonconforming = 0;
  UserId created_by;
  std::int64_t created_at = 0;
};

struct NoticeRow {
  NoticeId id;
  std::string scope_path;
  std::string title;
  std::string body;
  UserId published_by;
  std::int64_t published_at = 0;
};

struct NoticeReceiptRow {
  NoticeId notice_id;
  UnitId unit_id;
  std::string unit_name;  // filled on reads
  std::string signer_name;
  std::string signature;  // sha256 of the PNG
  UserId signed_by;
  std::int64_t signed_at = 0;
};

class EnterprisePort {
 public:
  virtual ~EnterprisePort() = default;

  virtual Result<SelfInspectionRow> InsertSelfInspection(const SelfInspectionRow& row) = 0;
  virtual Result<PageResult<SelfInspectionRow>> ListSelfInspections(const Scope& scope,
                                                                    std::optional<UnitId> unit,
                                                                    int page, int page_size) = 0;
  virtual Result<NoticeRow> InsertNotice(const NoticeRow& notice) = 0;
  // Notices published for the scope or any jurisdiction above it (an enterprise sees its street's).
  virtual Result<std::vector<NoticeRow>> ListNotices(const std::string& region_path) = 0;
  virtual Result<NoticeRow> GetNotice(NoticeId id) = 0;
  // kAlreadyExists when the unit has signed this notice already.
  virtual Status InsertNoticeReceipt(const NoticeReceiptRow& receipt) = 0;
  virtual Result<std::vector<NoticeReceiptRow>> ListNoticeReceipts(NoticeId notice_id) = 0;
};

}  // namespace anjian::store

// Inspection checklists as versioned data (domain.md §11, R-CONT-1/2): the general 20-item list of
// seeds 000/003 and industry lists, each item with its legal basis. The lists themselves live in
// data/checklists/*.jsonc (app/checklist_catalog parses them); a record keeps the id and version
// it was filled against, so a later version never changes an old record.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"
#include "domain/registry/enums.hpp"
#include "domain/registry/unit.hpp"  // FieldError

namespace anjian::domain {

enum class ItemResult { kConform, kNonConform, kNotApplicable };

const std::vector<EnumEntry<ItemResult>>&
ItemResults();  // conform 符合, nonconform 不符合, not_applicable 不适用
std::string_view Code(ItemResult v);
std::string_view Label(ItemResult v);
Result<ItemResult> ParseItemResult(std::string_view text);

struct ChecklistItem {
  std::string code;         // "C1"; unique within the list
  std::string text;         // 检查内容
  std::string legal_basis;  // 《安全生产法》第六十三条
  std::string source;       // which seed or standard the item comes from, e.g. "S0 1; S3 1"
  bool mandatory = false;   // R-CONT-2: checked in every inspection (may not be 不适用)
};

struct Checklist {
  std::string id;  // "general", "dust", …
  int version = 1;
  std::string title;     // 安全生产监督检查通用检查表
  std::string industry;  // "" for the general list
  std::string basis;     // where the list comes from
  std::vector<ChecklistItem> items;
};

// Problems of a list as data (empty id/title/items, duplicate or empty codes, empty text or legal
// basis), each naming the item ("items[3].legal_basis").
std::vector<FieldError> ValidateChecklist(const Checklist& checklist);
const ChecklistItem* FindItem(const Checklist& checklist, std::string_view code);

}  // namespace anjian::domain

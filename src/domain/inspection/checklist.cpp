#include "domain/inspection/checklist.hpp"

#include <map>

#include "common/text.hpp"

namespace anjian::domain {
namespace {

bool IsIdCharacter(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; }

std::string ItemPath(std::size_t index, const char* field) {
  return "items[" + std::to_string(index) + "]." + field;
}

}  // namespace

const std::vector<EnumEntry<ItemResult>>& ItemResults() {
  static const std::vector<EnumEntry<ItemResult>> kTable = {
      {ItemResult::kConform, "conform", "符合", {"合格"}},
      {ItemResult::kNonConform, "nonconform", "不符合", {"不合格", "non_conform"}},
      {ItemResult::kNotApplicable, "not_applicable", "不适用", {"n/a", "na"}},
  };
  return kTable;
}

std::string_view Code(ItemResult v) { return FindEntry(ItemResults(), v).code; }
std::string_view Label(ItemResult v) { return FindEntry(ItemResults(), v).label; }
Result<ItemResult> ParseItemResult(std::string_view text) {
  return ParseEnum(ItemResults(), text, "检查结果");
}

std::vector<FieldError> ValidateChecklist(const Checklist& checklist) {
  std::vector<FieldError> problems;
  auto add = [&problems](std::string field, std::string message) {
    problems.push_back({std::move(field), std::move(message)});
  };
  if (Trim(checklist.id).empty()) {
    add("id", "检查表编号不能为空");
  } else {
    for (char c : checklist.id) {
      if (!IsIdCharacter(c)) {
        add("id", "检查表编号“" + checklist.id + "”只能由小写字母、数字和连字符组成");
        break;
      }
    }
  }
  if (checklist.version < 1) add("version", "版本号应为正整数");
  if (Trim(checklist.title).empty()) add("title", "检查表名称不能为空");
  if (checklist.items.empty()) add("items", "检查表至少应有一项检查内容");

  // Records refer to items by code, so a code must identify exactly one item of the list.
  std::map<std::string, std::size_t, std::less<>> first_index_by_code;
  for (std::size_t i = 0; i < checklist.items.size(); ++i) {
    const auto& item = checklist.items[i];
    const auto code = Trim(item.code);
    if (code.empty()) {
      add(ItemPath(i, "code"), "检查项编号不能为空");
    } else if (code.size() != item.code.size()) {
      add(ItemPath(i, "code"), "检查项编号“" + item.code + "”首尾不能有空格");
    } else if (auto [it, inserted] = first_index_by_code.emplace(item.code, i); !inserted) {
      add(ItemPath(i, "code"),
          "检查项编号“" + item.code + "”与 items[" + std::to_string(it->second) + "] 重复");
    }
    if (Trim(item.text).empty()) add(ItemPath(i, "text"), "检查内容不能为空");
    if (Trim(item.legal_basis).empty()) {
      add(ItemPath(i, "legal_basis"), "检查项应注明法律依据");
    }
  }
  return problems;
}

const ChecklistItem* FindItem(const Checklist& checklist, std::string_view code) {
  for (const auto& item : checklist.items) {
    if (item.code == code) return &item;
  }
  return nullptr;
}

}  // namespace anjian::domain

#include "domain/registry/unit.hpp"

#include <algorithm>

#include "common/text.hpp"
#include "domain/registry/credit_code.hpp"

namespace anjian::domain {
namespace {

void CheckText(std::vector<FieldError>& errors, const std::string& field, std::string_view label,
               std::string_view value, std::size_t max_chars, bool required) {
  if (!IsValidUtf8(value)) {
    errors.push_back({field, std::string(label) + "含有无法识别的字符"});
    return;
  }
  const auto trimmed = Trim(value);
  if (required && trimmed.empty()) {
    errors.push_back({field, std::string(label) + "不能为空"});
  } else if (Utf8Length(trimmed) > max_chars) {
    errors.push_back({field, std::string(label) + "过长（最多" + std::to_string(max_chars) +
                                 "个字，实际" + std::to_string(Utf8Length(trimmed)) + "个）"});
  }
}

}  // namespace

std::vector<FieldError> ValidateUnit(const Unit& unit) {
  std::vector<FieldError> errors;
  if (unit.credit_code_override) {
    auto code = CreditCode::ParseAllowingBadCheck(unit.credit_code);
    if (!code.ok()) errors.push_back({"credit_code", code.error().message});
    if (Trim(unit.credit_code_override_reason).empty()) {
      errors.push_back({"credit_code_override_reason", "使用校验位例外时须注明原因"});
    }
  } else {
    auto code = CreditCode::Parse(unit.credit_code);
    if (!code.ok()) errors.push_back({"credit_code", code.error().message});
  }
  CheckText(errors, "name", "单位名称", unit.name, 100, /*required=*/true);
  CheckText(errors, "address", "地址", unit.address, 200, /*required=*/false);
  CheckText(errors, "supervising_department", "监管部门", unit.supervising_department, 50, false);
  CheckText(errors, "safety_manager", "安全管理员", unit.safety_manager, 30, false);
  CheckText(errors, "contact_phone", "联系电话", unit.contact_phone, 30, false);
  if (!unit.contact_phone.empty() &&
      Trim(unit.contact_phone).find_first_not_of("0123456789-+ ()") != std::string_view::npos) {
    errors.push_back({"contact_phone", "联系电话只能包含数字、空格和 - + ( )"});
  }
  if (unit.employees < 0 || unit.employees > 1'000'000) {
    errors.push_back({"employees", "从业人数应为0到1000000之间的整数"});
  }
  if (!unit.industry_section.empty() &&
      (unit.industry_section.size() != 1 || unit.industry_section[0] < 'A' ||
       unit.industry_section[0] > 'T')) {
    errors.push_back({"industry_section", "国民经济行业门类应为 A–T 之一（GB/T 4754）"});
  }
  if (unit.categories.empty()) errors.push_back({"categories", "行业类别至少填写一项"});
  return errors;
}

Result<std::vector<SupervisionCategory>> ParseCategories(std::string_view text) {
  std::vector<SupervisionCategory> categories;
  for (const auto& part : SplitAny(text, {";", "；", "、", ",", "，", "/"})) {
    auto category = ParseSupervisionCategory(part);
    if (!category.ok()) return category.error();
    if (std::find(categories.begin(), categories.end(), *category) == categories.end()) {
      categories.push_back(*category);
    }
  }
  if (categories.empty()) return Error::InvalidArgument("行业类别不能为空");
  return categories;
}

std::string JoinCategoryLabels(const std::vector<SupervisionCategory>& categories) {
  std::string out;
  for (auto c : categories) {
    if (!out.empty()) out += "、";
    out += Label(c);
  }
  return out;
}

}  // namespace anjian::domain

// Builders for import files in the tests: template rows as CSV text (headers spelled out from
// PRODUCT.md, not taken from the code), and UTF-8 → GBK re-encoding with iconv.
#pragma once

#include <iconv.h>

#include <cstdint>
#include <string>
#include <vector>

#include "support/credit_code_oracle.hpp"

namespace anjian::app {

// PRODUCT.md "Import templates", units.
inline const std::string kUnitHeader =
    "统一社会信用代码,单位名称,地址,所属社区,所属网格,行业类别,监管等级,风险等级,上年度发生事故,"
    "从业人数,重大危险源,监管部门";
// PRODUCT.md "Import templates", inspectors.
inline const std::string kInspectorHeader =
    "姓名,工号,所属部门,角色,执法证号,执法证有效期至,所属社区,回避单位";

struct UnitLine {
  std::string code, name, address = "解放路8号", community = "东风社区", grid = "东风社区第一网格",
                          categories = "商贸", level = "三级", risk = "蓝", accident = "否",
                          employees = "12", hazard = "否", department = "街道经发办";
  std::string Csv() const {
    return code + "," + name + "," + address + "," + community + "," + grid + "," + categories +
           "," + level + "," + risk + "," + accident + "," + employees + "," + hazard + "," +
           department;
  }
};

inline UnitLine Line(std::uint64_t n) {
  UnitLine line;
  line.code = test_support::ValidCreditCode(n);
  line.name = "解放便利店" + std::to_string(n);
  return line;
}

inline std::string UnitCsv(const std::vector<UnitLine>& lines,
                           const std::string& header = kUnitHeader) {
  std::string csv = header + "\r\n";
  for (const auto& line : lines) csv += line.Csv() + "\r\n";
  return csv;
}

inline std::string ToGbk(const std::string& utf8) {
  iconv_t cd = iconv_open("GBK", "UTF-8");
  if (cd == reinterpret_cast<iconv_t>(-1)) return {};
  std::string out(utf8.size() * 2 + 16, '\0');
  char* in_ptr = const_cast<char*>(utf8.data());
  std::size_t in_left = utf8.size();
  char* out_ptr = out.data();
  std::size_t out_left = out.size();
  const std::size_t rc = iconv(cd, &in_ptr, &in_left, &out_ptr, &out_left);
  iconv_close(cd);
  if (rc == static_cast<std::size_t>(-1) || in_left != 0) return {};
  out.resize(out.size() - out_left);
  return out;
}

}  // namespace anjian::app

#include <cctype>
#include <string>

#include "io/table.hpp"

namespace anjian::io {

namespace {

constexpr std::string_view kZipMagic = "PK\x03\x04";
// OLE2 compound document: legacy .xls, and also what Excel writes for a password-protected xlsx.
constexpr std::string_view kOleMagic = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

bool HasExtension(std::string_view file_name, std::string_view extension) {
  if (file_name.size() < extension.size()) return false;
  const auto tail = file_name.substr(file_name.size() - extension.size());
  for (std::size_t i = 0; i < tail.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(tail[i])) != extension[i]) return false;
  }
  return true;
}

}  // namespace

Result<Table> ReadTable(std::string_view bytes, std::string_view file_name,
                        const ReadLimits& limits) {
  if (bytes.starts_with(kZipMagic)) return ReadXlsx(bytes, limits);
  const bool named_xlsx = HasExtension(file_name, ".xlsx") || HasExtension(file_name, ".xlsm");
  if (bytes.starts_with(kOleMagic)) {
    if (named_xlsx) {
      return Error::InvalidArgument(
          "文件是加密的 xlsx 或旧版 .xls 格式，请在 Excel 中取消密码并另存为 .xlsx 或 .csv");
    }
    return Error::InvalidArgument("不支持旧版 .xls 格式，请在 Excel 中另存为 .xlsx 或 .csv");
  }
  // A name that promises a spreadsheet but bytes that are not one: parsing them as CSV would only
  // produce confusing column errors.
  if (HasExtension(file_name, ".xls")) {
    return Error::InvalidArgument("不支持旧版 .xls 格式，请在 Excel 中另存为 .xlsx 或 .csv");
  }
  if (named_xlsx) return Error::InvalidArgument("不是有效的 xlsx 文件（无法作为 zip 打开）");
  return ReadCsv(bytes, limits);
}

}  // namespace anjian::io

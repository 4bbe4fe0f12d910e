#include <string>

#include "io/table_writer.hpp"

namespace anjian::io {

namespace {

bool NeedsQuoting(std::string_view text) {
  return text.find_first_of(",\"\r\n") != std::string_view::npos;
}

// A leading = + - @ (or TAB/CR, which Excel strips before evaluating) would make Excel run the
// cell as a formula when the export is opened (CSV injection); a quote makes it plain text.
bool LooksLikeFormula(std::string_view text) {
  return !text.empty() && (text.front() == '=' || text.front() == '+' || text.front() == '-' ||
                           text.front() == '@' || text.front() == '\t' || text.front() == '\r');
}

void AppendCell(std::string& out, const Cell& cell) {
  std::string text;
  if (!cell.numeric && LooksLikeFormula(cell.text)) {
    text = "'" + cell.text;
  } else {
    text = cell.text;
  }
  if (!NeedsQuoting(text)) {
    out += text;
    return;
  }
  out.push_back('"');
  for (char c : text) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

void AppendRow(std::string& out, const Row& row) {
  for (std::size_t i = 0; i < row.size(); ++i) {
    if (i > 0) out.push_back(',');
    AppendCell(out, row[i]);
  }
  out += "\r\n";
}

}  // namespace

std::string WriteCsv(const Row& header, const std::vector<Row>& rows) {
  std::string out = "\xEF\xBB\xBF";
  AppendRow(out, header);
  for (const auto& row : rows) AppendRow(out, row);
  return out;
}

}  // namespace anjian::io

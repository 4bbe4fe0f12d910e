#include "support/pdf_tools.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <regex>
#include <sstream>

namespace anjian::test_support {

std::string RunCommand(const std::string& command) {
  std::string output;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return output;
  std::array<char, 4096> buffer;
  std::size_t read;
  while ((read = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0) {
    output.append(buffer.data(), read);
  }
  pclose(pipe);
  return output;
}

void WriteBytes(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) {
    std::cerr << "pdf_tools: cannot write " << path << "\n";
    std::abort();
  }
}

std::string PdfText(const std::string& path, int page) {
  std::string range;
  if (page > 0) range = " -f " + std::to_string(page) + " -l " + std::to_string(page);
  std::string text = RunCommand("pdftotext -layout" + range + " '" + path + "' - 2>&1");
  text.erase(std::remove_if(text.begin(), text.end(),
                            [](char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\f'; }),
             text.end());
  return text;
}

int PdfPageCount(const std::string& path) {
  const std::string info = RunCommand("pdfinfo '" + path + "' 2>&1");
  std::smatch match;
  static const std::regex kPages(R"(Pages:\s+(\d+))");
  if (!std::regex_search(info, match, kPages)) {
    ADD_FAILURE() << "pdfinfo output without a page count:\n" << info;
    return 0;
  }
  return std::stoi(match[1]);
}

std::vector<PdfImageRow> PdfImages(const std::string& path) {
  // page num type width height color comp bpc enc interp object ID x-ppi y-ppi size ratio
  std::istringstream lines(RunCommand("pdfimages -list '" + path + "' 2>&1"));
  std::vector<PdfImageRow> rows;
  std::string line;
  bool table = false;
  while (std::getline(lines, line)) {
    if (line.rfind("----", 0) == 0) {
      table = true;
      continue;
    }
    if (!table) continue;
    std::istringstream fields(line);
    PdfImageRow row;
    int number;
    std::string type, color, interpolate;
    int components, bits;
    if (fields >> row.page >> number >> type >> row.width >> row.height >> color >> components >>
            bits >> row.encoding >> interpolate >> row.object_id &&
        type == "image") {
      rows.push_back(row);
    }
  }
  return rows;
}

std::string RenderPagePng(const std::string& pdf_path, int page, int dpi) {
  const std::string prefix = pdf_path + ".page" + std::to_string(page);
  RunCommand("pdftoppm -r " + std::to_string(dpi) + " -png -singlefile -f " + std::to_string(page) +
             " -l " + std::to_string(page) + " '" + pdf_path + "' '" + prefix + "' 2>&1");
  const std::string png = prefix + ".png";
  std::ifstream probe(png);
  return probe ? png : "";
}

std::vector<std::string> DecodeQrCodes(const std::string& image_path) {
  std::istringstream lines(RunCommand("zbarimg --quiet --raw -Sdisable -Sqrcode.enable '" +
                                      image_path + "' 2>/dev/null"));
  std::vector<std::string> codes;
  std::string line;
  while (std::getline(lines, line)) {
    if (!line.empty()) codes.push_back(line);
  }
  return codes;
}

}  // namespace anjian::test_support

#include "io/xlsx_parts.hpp"

namespace anjian::io {

namespace {

bool ParseXmlBool(const char* value) {
  if (value == nullptr) return false;
  const std::string_view text(value);
  return text == "1" || text == "true";
}

// ---- relationships (_rels/*.rels) ----

class RelationshipsParser final : public XmlSaxParser {
 public:
  explicit RelationshipsParser(std::string part) : XmlSaxParser(std::move(part)) {}
  Relationships by_id;

 protected:
  void OnStartElement(std::string_view name, const XmlAttributes& attributes) override {
    if (name != "Relationship") return;
    const char* id = attributes.Find("Id");
    const char* type = attributes.Find("Type");
    const char* target = attributes.Find("Target");
    const char* mode = attributes.Find("TargetMode");
    if (id == nullptr || target == nullptr) return;
    by_id[id] = Relationship{type != nullptr ? type : "", target,
                             mode != nullptr && std::string_view(mode) == "External"};
  }
  void OnEndElement(std::string_view /*name*/) override {}
};

// ---- workbook.xml ----

class WorkbookParser final : public XmlSaxParser {
 public:
  explicit WorkbookParser(std::string part) : XmlSaxParser(std::move(part)) {}
  WorkbookInfo info;

 protected:
  void OnStartElement(std::string_view name, const XmlAttributes& attributes) override {
    if (name == "workbookPr") {
      if (ParseXmlBool(attributes.Find("date1904"))) info.date_system = DateSystem::k1904;
    } else if (name == "sheet") {
      // The relationship id is r:id; "sheetId" has a different local name, so "id" is unambiguous.
      const char* rel_id = attributes.Find("id");
      if (rel_id == nullptr) return;
      if (info.first_sheet_rel_id.empty()) info.first_sheet_rel_id = rel_id;
      const char* state = attributes.Find("state");
      const bool hidden = state != nullptr && std::string_view(state) != "visible";
      if (!hidden && info.first_visible_sheet_rel_id.empty())
        info.first_visible_sheet_rel_id = rel_id;
    }
  }
  void OnEndElement(std::string_view /*name*/) override {}
};

// ---- styles.xml: which cell formats (xf indexes) display dates ----

class StylesParser final : public XmlSaxParser {
 public:
  explicit StylesParser(std::string part) : XmlSaxParser(std::move(part)) {}

  std::vector<bool> DateStyles() const {
    std::vector<bool> is_date;
    is_date.reserve(cell_format_ids_.size());
    for (int id : cell_format_ids_) {
      const auto custom = custom_formats_.find(id);
      is_date.push_back(custom != custom_formats_.end() ? IsDateFormatCode(custom->second)
                                                        : IsBuiltinDateFormat(id));
    }
    return is_date;
  }

 protected:
  void OnStartElement(std::string_view name, const XmlAttributes& attributes) override {
    if (name == "numFmt") {
      int id = 0;
      const char* id_text = attributes.Find("numFmtId");
      const char* code = attributes.Find("formatCode");
      if (id_text != nullptr && code != nullptr && ParseInteger(id_text, id)) {
        custom_formats_[id] = code;
      }
    } else if (name == "cellXfs") {
      in_cell_xfs_ = true;
    } else if (name == "xf" && in_cell_xfs_) {
      int id = 0;
      const char* id_text = attributes.Find("numFmtId");
      if (id_text == nullptr || !ParseInteger(id_text, id)) id = 0;
      cell_format_ids_.push_back(id);
    }
  }
  void OnEndElement(std::string_view name) override {
    if (name == "cellXfs") in_cell_xfs_ = false;
  }

 private:
  bool in_cell_xfs_ = false;
  std::map<int, std::string> custom_formats_;
  std::vector<int> cell_format_ids_;
};

// ---- sharedStrings.xml ----

class SharedStringsParser final : public XmlSaxParser {
 public:
  explicit SharedStringsParser(std::string part) : XmlSaxParser(std::move(part)) {}
  std::vector<std::string> strings;

 protected:
  void OnStartElement(std::string_view name, const XmlAttributes& /*attributes*/) override {
    if (name == "si") {
      current_.clear();
      in_item_ = true;
    } else if (name == "rPh") {
      ++phonetic_depth_;
    } else if (name == "t" && in_item_ && phonetic_depth_ == 0) {
      in_text_ = true;
    }
  }
  void OnEndElement(std::string_view name) override {
    if (name == "t") {
      in_text_ = false;
    } else if (name == "rPh") {
      if (phonetic_depth_ > 0) --phonetic_depth_;
    } else if (name == "si") {
      strings.push_back(DecodeOoxmlEscapes(current_));
      in_item_ = false;
    }
  }
  void OnText(std::string_view text) override {
    if (in_text_) current_.append(text);
  }

 private:
  std::string current_;
  bool in_item_ = false;
  bool in_text_ = false;
  int phonetic_depth_ = 0;
};

}  // namespace

std::string ResolvePartPath(std::string_view base_folder, std::string_view target) {
  std::string joined;
  if (target.starts_with('/')) {
    joined = std::string(target.substr(1));
  } else {
    joined = std::string(base_folder) + std::string(target);
  }
  std::vector<std::string> segments;
  std::size_t start = 0;
  while (start <= joined.size()) {
    auto end = joined.find('/', start);
    if (end == std::string::npos) end = joined.size();
    const std::string segment = joined.substr(start, end - start);
    if (segment == "..") {
      if (!segments.empty()) segments.pop_back();
    } else if (!segment.empty() && segment != ".") {
      segments.push_back(segment);
    }
    start = end + 1;
  }
  std::string path;
  for (const auto& segment : segments) {
    if (!path.empty()) path += '/';
    path += segment;
  }
  return path;
}

std::string FolderOf(std::string_view part_path) {
  const auto slash = part_path.rfind('/');
  return slash == std::string_view::npos ? std::string()
                                         : std::string(part_path.substr(0, slash + 1));
}

std::string RelationshipsPathOf(std::string_view part_path) {
  const auto slash = part_path.rfind('/');
  const std::string folder = FolderOf(part_path);
  const std::string_view file =
      slash == std::string_view::npos ? part_path : part_path.substr(slash + 1);
  return folder + "_rels/" + std::string(file) + ".rels";
}

Status ParsePart(ZipReader& zip, const std::string& path, std::uint64_t max_bytes,
                 XmlSaxParser& parser) {
  ANJIAN_TRY(
      zip.ReadEntry(path, max_bytes, [&](std::string_view chunk) { return parser.Feed(chunk); }));
  return parser.Finish();
}

Result<Relationships> ReadRelationships(ZipReader& zip, const std::string& path,
                                        std::uint64_t max_bytes) {
  RelationshipsParser parser(path);
  ANJIAN_TRY(ParsePart(zip, path, max_bytes, parser));
  return std::move(parser.by_id);
}

Result<WorkbookInfo> ReadWorkbook(ZipReader& zip, const std::string& path,
                                  std::uint64_t max_bytes) {
  WorkbookParser parser(path);
  ANJIAN_TRY(ParsePart(zip, path, max_bytes, parser));
  return std::move(parser.info);
}

Result<std::vector<bool>> ReadDateStyles(ZipReader& zip, const std::string& path,
                                         std::uint64_t max_bytes) {
  StylesParser parser(path);
  ANJIAN_TRY(ParsePart(zip, path, max_bytes, parser));
  return parser.DateStyles();
}

Result<std::vector<std::string>> ReadSharedStrings(ZipReader& zip, const std::string& path,
                                                   std::uint64_t max_bytes) {
  SharedStringsParser parser(path);
  ANJIAN_TRY(ParsePart(zip, path, max_bytes, parser));
  return std::move(parser.strings);
}

}  // namespace anjian::io

#include "io/xml_sax.hpp"

#include <climits>

#include "io/zip_reader.hpp"

namespace anjian::io {

std::string_view LocalName(const char* qualified_name) {
  // One pass instead of strlen + rfind: this runs for every element and attribute of the sheet.
  const char* local = qualified_name;
  const char* end = qualified_name;
  for (; *end != '\0'; ++end) {
    if (*end == ':') local = end + 1;
  }
  return std::string_view(local, static_cast<std::size_t>(end - local));
}

const char* XmlAttributes::Find(std::string_view local_name) const {
  for (const XML_Char** pair = pairs_; pair[0] != nullptr; pair += 2) {
    if (LocalName(pair[0]) == local_name) return pair[1];
  }
  return nullptr;
}

XmlSaxParser::XmlSaxParser(std::string part_name)
    : parser_(XML_ParserCreate("UTF-8")), part_name_(std::move(part_name)) {
  ANJIAN_ASSERT(parser_ != nullptr);  // only fails when out of memory
  XML_SetUserData(parser_, this);
  XML_SetElementHandler(parser_, &XmlSaxParser::StartThunk, &XmlSaxParser::EndThunk);
  XML_SetCharacterDataHandler(parser_, &XmlSaxParser::TextThunk);
  XML_SetStartDoctypeDeclHandler(parser_, &XmlSaxParser::DoctypeThunk);
}

XmlSaxParser::~XmlSaxParser() { XML_ParserFree(parser_); }

void XmlSaxParser::Fail(Error error) {
  if (failure_) return;
  failure_ = std::move(error);
  XML_StopParser(parser_, XML_FALSE);
}

Status XmlSaxParser::Parse(const char* data, int size, bool is_final) {
  if (failure_) return *failure_;
  const XML_Status status = XML_Parse(parser_, data, size, is_final ? XML_TRUE : XML_FALSE);
  if (failure_) return *failure_;
  if (status != XML_STATUS_OK) {
    failure_ =
        CorruptXlsx(part_name_ + " 第 " + std::to_string(XML_GetCurrentLineNumber(parser_)) +
                    " 行 XML 格式错误（" + XML_ErrorString(XML_GetErrorCode(parser_)) + "）");
    return *failure_;
  }
  return Ok();
}

Status XmlSaxParser::Feed(std::string_view chunk) {
  // XML_Parse takes an int length; zip chunks are far smaller, but split defensively.
  while (chunk.size() > static_cast<std::size_t>(INT_MAX)) {
    ANJIAN_TRY(Parse(chunk.data(), INT_MAX, false));
    chunk.remove_prefix(INT_MAX);
  }
  return Parse(chunk.data(), static_cast<int>(chunk.size()), false);
}

Status XmlSaxParser::Finish() { return Parse(nullptr, 0, true); }

Status XmlSaxParser::ParseAll(std::string_view document) {
  ANJIAN_TRY(Feed(document));
  return Finish();
}

void XmlSaxParser::StartThunk(void* self, const XML_Char* name, const XML_Char** attributes) {
  auto* parser = static_cast<XmlSaxParser*>(self);
  if (parser->failure_) return;
  parser->OnStartElement(LocalName(name), XmlAttributes(attributes));
}

void XmlSaxParser::EndThunk(void* self, const XML_Char* name) {
  auto* parser = static_cast<XmlSaxParser*>(self);
  if (parser->failure_) return;
  parser->OnEndElement(LocalName(name));
}

void XmlSaxParser::TextThunk(void* self, const XML_Char* text, int length) {
  auto* parser = static_cast<XmlSaxParser*>(self);
  if (parser->failure_) return;
  parser->OnText(std::string_view(text, static_cast<std::size_t>(length)));
}

void XmlSaxParser::DoctypeThunk(void* self, const XML_Char* /*name*/, const XML_Char* /*sysid*/,
                                const XML_Char* /*pubid*/, int /*has_internal_subset*/) {
  auto* parser = static_cast<XmlSaxParser*>(self);
  parser->Fail(CorruptXlsx(parser->part_name_ + " 含有不允许的 DOCTYPE 声明"));
}

}  // namespace anjian::io

// A thin streaming XML parser over expat for the xlsx reader. Internal to io.
// Element and attribute names are reported without namespace prefixes ("x:c" → "c"), because
// writers differ in the prefixes they use and xlsx parts never mix vocabularies that clash.
// DOCTYPE declarations are rejected, which rules out entity-expansion attacks.
#pragma once

#include <expat.h>

#include <optional>
#include <string>
#include <string_view>

#include "common/error.hpp"

namespace anjian::io {

// "x:c" → "c".
std::string_view LocalName(const char* qualified_name);

// The attribute list expat hands to a start-element callback: name, value, name, value, …, null.
class XmlAttributes {
 public:
  explicit XmlAttributes(const XML_Char** pairs) : pairs_(pairs) {}
  // Value of the first attribute whose local name is `local_name`, or nullptr.
  const char* Find(std::string_view local_name) const;
  // Calls visit(local_name, value) for each attribute, in document order.
  template <typename Visitor>
  void ForEach(Visitor&& visit) const {
    for (const XML_Char** pair = pairs_; pair[0] != nullptr; pair += 2)
      visit(LocalName(pair[0]), pair[1]);
  }

 private:
  const XML_Char** pairs_;
};

class XmlSaxParser {
 public:
  // part_name appears in error messages.
  explicit XmlSaxParser(std::string part_name);
  virtual ~XmlSaxParser();
  XmlSaxParser(const XmlSaxParser&) = delete;
  XmlSaxParser& operator=(const XmlSaxParser&) = delete;

  // Feeds the next chunk of the document; Finish() after the last one. Returns the first error of
  // the XML itself (as "xlsx 文件已损坏或被截断：…") or one raised by the subclass with Fail().
  Status Feed(std::string_view chunk);
  Status Finish();
  // Parses a complete document in one call.
  Status ParseAll(std::string_view document);

 protected:
  virtual void OnStartElement(std::string_view name, const XmlAttributes& attributes) = 0;
  virtual void OnEndElement(std::string_view name) = 0;
  // Character data, possibly split across several calls.
  virtual void OnText(std::string_view /*text*/) {}
  // Stops parsing; Feed/Finish return `error`. Call only from the On* callbacks.
  void Fail(Error error);
  bool failed() const { return failure_.has_value(); }

 private:
  Status Parse(const char* data, int size, bool is_final);
  static void StartThunk(void* self, const XML_Char* name, const XML_Char** attributes);
  static void EndThunk(void* self, const XML_Char* name);
  static void TextThunk(void* self, const XML_Char* text, int length);
  static void DoctypeThunk(void* self, const XML_Char* name, const XML_Char* sysid,
                           const XML_Char* pubid, int has_internal_subset);

  XML_Parser parser_;
  std::string part_name_;
  std::optional<Error> failure_;
};

}  // namespace anjian::io

// A minimal append-only JSON writer for hot list responses: building an nlohmann DOM for 50
// units costs ~1,500 allocations per request (measured: the list endpoint spent most of its
// time in json construction, destruction and malloc), so lists are written straight to a string.
// The writer tracks commas itself; the caller is responsible for balanced Begin/End calls.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace anjian::app {

class JsonWriter {
 public:
  explicit JsonWriter(std::string& out) : out_(out) {}

  JsonWriter& BeginObject() { return Open('{'); }
  JsonWriter& EndObject() { return Close('}'); }
  JsonWriter& BeginArray() { return Open('['); }
  JsonWriter& EndArray() { return Close(']'); }
  JsonWriter& Key(std::string_view key);
  JsonWriter& String(std::string_view value);
  JsonWriter& Int(std::int64_t value);
  JsonWriter& Bool(bool value);
  JsonWriter& Null();
  // Inserts already-serialised JSON as one value.
  JsonWriter& Raw(std::string_view json);

  template <typename T>
  JsonWriter& Field(std::string_view key, const T& value);

 private:
  JsonWriter& Open(char c);
  JsonWriter& Close(char c);
  void Separate();

  std::string& out_;
  bool need_comma_ = false;
};

template <typename T>
JsonWriter& JsonWriter::Field(std::string_view key, const T& value) {
  Key(key);
  if constexpr (std::is_same_v<T, bool>) {
    return Bool(value);
  } else if constexpr (std::is_integral_v<T>) {
    return Int(static_cast<std::int64_t>(value));
  } else {
    return String(value);
  }
}

}  // namespace anjian::app

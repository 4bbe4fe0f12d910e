// A strict reader of the Prometheus text exposition format 0.0.4 for tests: every line must be a
// "# HELP", a "# TYPE" or a sample `name{label="value",...} value`, label values unescaped, each
// sample preceded by the TYPE of its family and families not interleaved. Written from the format
// description, independently of http/metrics.cpp, so that it can catch the writer's mistakes.
#pragma once

#include <cstdlib>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace anjian::http {

struct MetricSample {
  std::string name;
  std::map<std::string, std::string> labels;
  double value = 0;
};

struct Exposition {
  std::vector<MetricSample> samples;
  std::map<std::string, std::string> types;  // family name → counter|gauge|histogram|...
  std::string error;                         // first problem found; empty when the text is valid

  // The value of the one sample with this name and exactly these labels, if present.
  std::optional<double> Value(std::string_view name,
                              const std::map<std::string, std::string>& labels = {}) const {
    for (const MetricSample& sample : samples) {
      if (sample.name == name && sample.labels == labels) return sample.value;
    }
    return std::nullopt;
  }
  std::vector<MetricSample> All(std::string_view name) const {
    std::vector<MetricSample> found;
    for (const MetricSample& sample : samples) {
      if (sample.name == name) found.push_back(sample);
    }
    return found;
  }
};

namespace exposition_detail {

inline bool IsNameStart(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
}
inline bool IsNameChar(char c) { return IsNameStart(c) || (c >= '0' && c <= '9'); }

inline std::string ReadName(std::string_view& rest) {
  std::size_t length = 0;
  if (rest.empty() || !IsNameStart(rest[0])) return {};
  while (length < rest.size() && IsNameChar(rest[length])) ++length;
  std::string name(rest.substr(0, length));
  rest.remove_prefix(length);
  return name;
}

inline std::optional<double> ReadValue(std::string_view text) {
  if (text == "+Inf") return std::numeric_limits<double>::infinity();
  if (text == "-Inf") return -std::numeric_limits<double>::infinity();
  if (text == "NaN") return std::numeric_limits<double>::quiet_NaN();
  if (text.empty()) return std::nullopt;
  const std::string copy(text);
  char* end = nullptr;
  const double value = std::strtod(copy.c_str(), &end);
  if (end != copy.c_str() + copy.size()) return std::nullopt;
  return value;
}

// The family a sample belongs to: histogram samples end in _bucket, _sum or _count.
inline std::string FamilyOf(const std::string& name,
                            const std::map<std::string, std::string>& types) {
  if (types.count(name)) return name;
  for (std::string_view suffix : {"_bucket", "_sum", "_count"}) {
    if (name.size() > suffix.size() &&
        name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0) {
      const std::string base = name.substr(0, name.size() - suffix.size());
      if (types.count(base)) return base;
    }
  }
  return {};
}

}  // namespace exposition_detail

inline Exposition ParseExposition(std::string_view text) {
  using namespace exposition_detail;
  Exposition result;
  std::set<std::string> finished_families;
  std::string current_family;
  int line_number = 0;
  auto fail = [&](const std::string& why, std::string_view line) {
    if (result.error.empty())
      result.error = "line " + std::to_string(line_number) + ": " + why + ": " + std::string(line);
  };
  if (!text.empty() && text.back() != '\n') result.error = "text does not end with a newline";
  while (!text.empty()) {
    const std::size_t newline = text.find('\n');
    std::string_view line = text.substr(0, newline);
    text.remove_prefix(newline == std::string_view::npos ? text.size() : newline + 1);
    ++line_number;
    if (line.empty()) continue;
    if (line.starts_with("# HELP ")) continue;
    if (line.starts_with("# TYPE ")) {
      std::string_view rest = line.substr(7);
      const std::string name = ReadName(rest);
      if (name.empty() || rest.empty() || rest[0] != ' ') {
        fail("bad TYPE line", line);
        continue;
      }
      const std::string type(rest.substr(1));
      if (type != "counter" && type != "gauge" && type != "histogram" && type != "summary" &&
          type != "untyped") {
        fail("unknown type", line);
      }
      if (result.types.count(name)) fail("second TYPE for a family", line);
      result.types[name] = type;
      if (!current_family.empty()) finished_families.insert(current_family);
      current_family = name;
      continue;
    }
    if (line.starts_with("#")) continue;  // other comments are allowed
    MetricSample sample;
    std::string_view rest = line;
    sample.name = ReadName(rest);
    if (sample.name.empty()) {
      fail("bad metric name", line);
      continue;
    }
    if (!rest.empty() && rest[0] == '{') {
      rest.remove_prefix(1);
      bool ok = true;
      while (ok && !rest.empty() && rest[0] != '}') {
        const std::string label = ReadName(rest);
        if (label.empty() || rest.size() < 2 || rest[0] != '=' || rest[1] != '"') {
          ok = false;
          break;
        }
        rest.remove_prefix(2);
        std::string value;
        bool closed = false;
        while (!rest.empty()) {
          const char c = rest[0];
          rest.remove_prefix(1);
          if (c == '"') {
            closed = true;
            break;
          }
          if (c == '\\') {
            if (rest.empty()) break;
            const char escaped = rest[0];
            rest.remove_prefix(1);
            if (escaped == 'n')
              value += '\n';
            else if (escaped == '\\' || escaped == '"')
              value += escaped;
            else
              ok = false;
          } else if (c == '\n') {
            ok = false;
          } else {
            value += c;
          }
        }
        if (!closed || sample.labels.count(label)) ok = false;
        sample.labels[label] = value;
        if (!rest.empty() && rest[0] == ',') rest.remove_prefix(1);
      }
      if (!ok || rest.empty() || rest[0] != '}') {
        fail("bad label set", line);
        continue;
      }
      rest.remove_prefix(1);
    }
    if (rest.empty() || rest[0] != ' ') {
      fail("no space before the value", line);
      continue;
    }
    rest.remove_prefix(1);
    // An optional timestamp may follow the value; this server never writes one.
    const std::optional<double> value = ReadValue(rest);
    if (!value) {
      fail("bad value", line);
      continue;
    }
    sample.value = *value;
    const std::string family = FamilyOf(sample.name, result.types);
    if (family.empty())
      fail("sample without a TYPE line", line);
    else if (family != current_family)
      fail("sample outside its family's block", line);
    if (finished_families.count(family)) fail("family continued after another started", line);
    result.samples.push_back(std::move(sample));
  }
  return result;
}

}  // namespace anjian::http

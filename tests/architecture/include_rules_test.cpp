// The pure core (src/domain, src/planner) and src/common include only the C++ standard library
// and each other (STYLE.md, "architecture/include_rules_test.cpp"): no database, HTTP, JSON,
// logging, crypto or file-format library, and nothing from store/, http/, io/ or app/.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

// C++20 standard library headers, plus the C library wrappers.
const std::set<std::string>& StandardHeaders() {
  static const std::set<std::string> kHeaders = {
      "algorithm", "any", "array", "atomic", "barrier", "bit", "bitset", "charconv", "chrono",
      "codecvt", "compare", "complex", "concepts", "condition_variable", "coroutine", "deque",
      "exception", "execution", "expected", "filesystem", "format", "forward_list", "fstream",
      "functional", "future", "initializer_list", "iomanip", "ios", "iosfwd", "iostream",
      "istream", "iterator", "latch", "limits", "list", "locale", "map", "memory",
      "memory_resource", "mutex", "new", "numbers", "numeric", "optional", "ostream", "queue",
      "random", "ranges", "ratio", "regex", "scoped_allocator", "semaphore", "set",
      "shared_mutex", "source_location", "span", "sstream", "stack", "stdexcept", "stop_token",
      "streambuf", "string", "string_view", "syncstream", "system_error", "thread", "tuple",
      "type_traits", "typeindex", "typeinfo", "unordered_map", "unordered_set", "utility",
      "valarray", "variant", "vector", "version",
      "cassert", "cctype", "cerrno", "cfenv", "cfloat", "cinttypes", "climits", "clocale",
      "cmath", "csetjmp", "csignal", "cstdarg", "cstddef", "cstdint", "cstdio", "cstdlib",
      "cstring", "ctime", "cuchar", "cwchar", "cwctype"};
  return kHeaders;
}

struct Include {
  std::string file;
  int line = 0;
  bool angled = false;
  std::string header;
};

std::vector<Include> ScanIncludes(const fs::path& root, int& files_scanned) {
  static const std::regex kInclude(R"(^\s*#\s*include\s*([<"])([^>"]+)[>"])");
  std::vector<Include> includes;
  if (!fs::exists(root)) return includes;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (!entry.is_regular_file()) continue;
    const auto ext = entry.path().extension().string();
    if (ext != ".hpp" && ext != ".cpp" && ext != ".h" && ext != ".cc" && ext != ".in") continue;
    ++files_scanned;
    std::ifstream in(entry.path());
    std::string text;
    int line_number = 0;
    while (std::getline(in, text)) {
      ++line_number;
      std::smatch m;
      if (std::regex_search(text, m, kInclude)) {
        includes.push_back({fs::relative(entry.path(), ANJIAN_SOURCE_DIR).string(), line_number,
                            m[1] == "<", m[2]});
      }
    }
  }
  return includes;
}

bool StartsWithAny(const std::string& header, const std::vector<std::string>& prefixes) {
  for (const auto& p : prefixes) {
    if (header.rfind(p, 0) == 0) return true;
  }
  return false;
}

// Why a header is banned, for a readable failure ("" when it is allowed).
std::string Violation(const Include& inc, const std::vector<std::string>& allowed_prefixes) {
  static const std::vector<std::string> kBannedLibraries = {
      "sqlite3", "libpq", "postgresql", "pqxx", "boost/", "nlohmann/", "spdlog/", "fmt/",
      "argon2", "openssl/", "xlsxwriter", "expat", "minizip/", "zlib", "CLI/", "gtest/"};
  static const std::vector<std::string> kBannedLayers = {"store/", "http/", "io/", "app/", "cli/"};
  if (StartsWithAny(inc.header, kBannedLibraries)) return "I/O or third-party library";
  if (StartsWithAny(inc.header, kBannedLayers)) return "outer layer";
  if (inc.angled) {
    return StandardHeaders().count(inc.header) ? "" : "not a standard library header";
  }
  return StartsWithAny(inc.header, allowed_prefixes) ? "" : "not in an allowed layer";
}

std::string Report(const std::vector<Include>& includes, const std::vector<std::string>& allowed) {
  std::string report;
  for (const auto& inc : includes) {
    const auto why = Violation(inc, allowed);
    if (why.empty()) continue;
    report += inc.file + ":" + std::to_string(inc.line) + ": #include " + (inc.angled ? "<" : "\"") +
              inc.header + (inc.angled ? ">" : "\"") + " — " + why + "\n";
  }
  return report;
}

TEST(IncludeRulesTest, DomainAndPlannerIncludeOnlyStandardLibraryAndCore) {
  int files = 0;
  std::vector<Include> includes;
  for (const char* dir : {"/src/domain", "/src/planner"}) {
    auto found = ScanIncludes(fs::path(ANJIAN_SOURCE_DIR + std::string(dir)), files);
    includes.insert(includes.end(), found.begin(), found.end());
  }
  EXPECT_GT(files, 5) << "scanned too few files; is ANJIAN_SOURCE_DIR right?";
  EXPECT_GT(includes.size(), 10u);
  const auto report = Report(includes, {"common/", "domain/", "planner/"});
  EXPECT_TRUE(report.empty()) << "forbidden includes in the pure core:\n" << report;
}

TEST(IncludeRulesTest, CommonIncludesOnlyStandardLibraryAndItself) {
  int files = 0;
  auto includes = ScanIncludes(fs::path(ANJIAN_SOURCE_DIR "/src/common"), files);
  EXPECT_GT(files, 3);
  const auto report = Report(includes, {"common/"});
  EXPECT_TRUE(report.empty()) << "forbidden includes in src/common:\n" << report;
}

TEST(IncludeRulesTest, RuleRejectsTheKindsOfHeaderItMustCatch) {
  // Guards the checker itself so the scans above cannot pass by accepting everything.
  const std::vector<std::string> core = {"common/", "domain/", "planner/"};
  EXPECT_NE(Violation({"f", 1, true, "sqlite3.h"}, core), "");
  EXPECT_NE(Violation({"f", 1, true, "nlohmann/json.hpp"}, core), "");
  EXPECT_NE(Violation({"f", 1, true, "boost/asio.hpp"}, core), "");
  EXPECT_NE(Violation({"f", 1, true, "libpq-fe.h"}, core), "");
  EXPECT_NE(Violation({"f", 1, true, "argon2.h"}, core), "");
  EXPECT_NE(Violation({"f", 1, true, "openssl/evp.h"}, core), "");
  EXPECT_NE(Violation({"f", 1, true, "unistd.h"}, core), "");
  EXPECT_NE(Violation({"f", 1, false, "store/store.hpp"}, core), "");
  EXPECT_NE(Violation({"f", 1, false, "io/table.hpp"}, core), "");
  EXPECT_NE(Violation({"f", 1, false, "app/principal.hpp"}, core), "");
  EXPECT_NE(Violation({"f", 1, false, "http/router.hpp"}, core), "");
  EXPECT_EQ(Violation({"f", 1, true, "vector"}, core), "");
  EXPECT_EQ(Violation({"f", 1, false, "common/error.hpp"}, core), "");
  EXPECT_EQ(Violation({"f", 1, false, "domain/registry/unit.hpp"}, core), "");
}

}  // namespace

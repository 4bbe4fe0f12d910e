// The dependency rule of docs/architecture.md, checked on every #include under src/ (STYLE.md,
// "architecture/include_rules_test.cpp"). The pure core (src/domain, src/planner) and src/common
// include only the C++ standard library and each other: no database, HTTP, JSON, logging, crypto
// (save common/sha256.cpp's libcrypto digest) or file-format library, nothing from store/, http/,
// io/, app/ or cli/, and no file, console or thread header (<fstream>, <filesystem>, <iostream>,
// <thread>, ...). The outer layers depend only inward: io and store on nothing but the core, app
// not on http or cli, http not on cli. Every failure names the file and line. The checks are also
// run on a made-up tree with one violation of each kind, so they cannot pass by accepting
// everything.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "support/temp_dir.hpp"

namespace {

namespace fs = std::filesystem;

// C++20 standard library headers, plus the C library wrappers.
const std::set<std::string>& StandardHeaders() {
  static const std::set<std::string> kHeaders = {"algorithm",
                                                 "any",
                                                 "array",
                                                 "atomic",
                                                 "barrier",
                                                 "bit",
                                                 "bitset",
                                                 "charconv",
                                                 "chrono",
                                                 "codecvt",
                                                 "compare",
                                                 "complex",
                                                 "concepts",
                                                 "condition_variable",
                                                 "coroutine",
                                                 "deque",
                                                 "exception",
                                                 "execution",
                                                 "expected",
                                                 "filesystem",
                                                 "format",
                                                 "forward_list",
                                                 "fstream",
                                                 "functional",
                                                 "future",
                                                 "initializer_list",
                                                 "iomanip",
                                                 "ios",
                                                 "iosfwd",
                                                 "iostream",
                                                 "istream",
                                                 "iterator",
                                                 "latch",
                                                 "limits",
                                                 "list",
                                                 "locale",
                                                 "map",
                                                 "memory",
                                                 "memory_resource",
                                                 "mutex",
                                                 "new",
                                                 "numbers",
                                                 "numeric",
                                                 "optional",
                                                 "ostream",
                                                 "queue",
                                                 "random",
                                                 "ranges",
                                                 "ratio",
                                                 "regex",
                                                 "scoped_allocator",
                                                 "semaphore",
                                                 "set",
                                                 "shared_mutex",
                                                 "source_location",
                                                 "span",
                                                 "sstream",
                                                 "stack",
                                                 "stdexcept",
                                                 "stop_token",
                                                 "streambuf",
                                                 "string",
                                                 "string_view",
                                                 "syncstream",
                                                 "system_error",
                                                 "thread",
                                                 "tuple",
                                                 "type_traits",
                                                 "typeindex",
                                                 "typeinfo",
                                                 "unordered_map",
                                                 "unordered_set",
                                                 "utility",
                                                 "valarray",
                                                 "variant",
                                                 "vector",
                                                 "version",
                                                 "cassert",
                                                 "cctype",
                                                 "cerrno",
                                                 "cfenv",
                                                 "cfloat",
                                                 "cinttypes",
                                                 "climits",
                                                 "clocale",
                                                 "cmath",
                                                 "csetjmp",
                                                 "csignal",
                                                 "cstdarg",
                                                 "cstddef",
                                                 "cstdint",
                                                 "cstdio",
                                                 "cstdlib",
                                                 "cstring",
                                                 "ctime",
                                                 "cuchar",
                                                 "cwchar",
                                                 "cwctype"};
  return kHeaders;
}

struct Include {
  std::string file;
  int line = 0;
  bool angled = false;
  std::string header;
  // For a quoted include written relative to the including file ("../app/x.hpp"), the header's
  // path from src/ ("app/x.hpp"); otherwise the header as written.
  std::string resolved;
};

// Every #include in the C++ files under `root`; `file` is relative to `base`.
std::vector<Include> ScanIncludes(const fs::path& root, const fs::path& base, int& files_scanned) {
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
        Include inc{fs::relative(entry.path(), base).string(), line_number, m[1] == "<", m[2],
                    m[2]};
        const auto beside = (entry.path().parent_path() / inc.header).lexically_normal();
        if (!inc.angled && fs::exists(beside)) {
          inc.resolved = beside.lexically_relative((base / "src").lexically_normal()).string();
        }
        includes.push_back(std::move(inc));
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

// Why a header is banned in the core (src/common, src/domain, src/planner), for a readable failure
// ("" when it is allowed).
std::string Violation(const Include& inc, const std::vector<std::string>& allowed_prefixes) {
  static const std::vector<std::string> kBannedLibraries = {
      "sqlite3", "libpq",    "postgresql", "pqxx",  "boost/",   "nlohmann/", "spdlog/", "fmt/",
      "argon2",  "openssl/", "xlsxwriter", "expat", "minizip/", "zlib",      "CLI/",    "gtest/"};
  static const std::vector<std::string> kBannedLayers = {"platform/", "store/", "http/",
                                                         "io/",       "app/",   "cli/"};
  if (StartsWithAny(inc.header, kBannedLibraries)) return "I/O or third-party library";
  if (StartsWithAny(inc.resolved, kBannedLayers)) return "outer layer";
  if (inc.angled) {
    return StandardHeaders().count(inc.header) ? "" : "not a standard library header";
  }
  return StartsWithAny(inc.resolved, allowed_prefixes) ? "" : "not in an allowed layer";
}

// The pure core computes; reading files, printing and starting threads belong to the outer layers.
std::string CoreIoOrThreadViolation(const Include& inc) {
  static const std::set<std::string> kBanned = {
      "fstream", "filesystem", "iostream", "thread",
      // The rest of the thread family: nothing in the core may wait or share across threads.
      "future", "mutex", "shared_mutex", "condition_variable", "stop_token", "semaphore", "latch",
      "barrier"};
  return inc.angled && kBanned.count(inc.header) ? "file, console or thread header in the pure core"
                                                 : "";
}

// The layer a quoted include belongs to: the first folder of its path from src/ ("" for angled
// includes and for files outside the layers).
std::string LayerOf(const Include& inc) {
  static const std::set<std::string> kLayers = {"common", "platform", "domain", "planner", "io",
                                                "store",  "app",      "http",   "cli"};
  if (inc.angled) return "";
  const auto first = inc.resolved.substr(0, inc.resolved.find('/'));
  return kLayers.count(first) ? first : "";
}

// Which layers each layer must not include (docs/architecture.md, "Components and the dependency
// rule"): the core nothing outside itself; platform (operating-system facilities) only common; io
// and store only the core and platform; app neither http nor cli; http not cli. cli, the
// composition root, may include anything. Known exceptions, if one is ever needed, are listed here
// by file with the reason, not silenced in the scan.
const std::map<std::string, std::set<std::string>>& LayerMatrix() {
  static const std::map<std::string, std::set<std::string>> kMatrix = {
      {"common", {"platform", "domain", "planner", "io", "store", "app", "http", "cli"}},
      {"platform", {"domain", "planner", "io", "store", "app", "http", "cli"}},
      {"domain", {"platform", "io", "store", "app", "http", "cli"}},
      {"planner", {"platform", "io", "store", "app", "http", "cli"}},
      {"io", {"store", "app", "http", "cli"}},
      {"store", {"io", "app", "http", "cli"}},
      {"app", {"http", "cli"}},
      {"http", {"cli"}},
  };
  return kMatrix;
}

template <typename Rule>
std::string Report(const std::vector<Include>& includes, Rule&& rule) {
  std::string report;
  for (const auto& inc : includes) {
    const std::string why = rule(inc);
    if (why.empty()) continue;
    report += inc.file + ":" + std::to_string(inc.line) + ": #include " +
              (inc.angled ? "<" : "\"") + inc.header + (inc.angled ? ">" : "\"") + " — " + why +
              "\n";
  }
  return report;
}

std::string Report(const std::vector<Include>& includes, const std::vector<std::string>& allowed) {
  return Report(includes, [&](const Include& inc) { return Violation(inc, allowed); });
}

// True for a header of a store engine or its tooling (store/sqlite/, store/postgres/, store/sql/,
// store/transfer/): everything under a subfolder of src/store. The port is the files directly in
// src/store (store.hpp, the *_port.hpp headers, scope.hpp, composed_session.hpp).
bool IsStoreEngineHeader(const Include& inc) {
  return LayerOf(inc) == "store" && inc.resolved.find('/', 6) != std::string::npos;
}

// Includes of `layer` (src/<layer> under `base`) that reach a layer it must not depend on, or, for
// app and http, a store engine: they see the store only through its port (anjian_store_port), and
// only cli (the composition root) links the engines.
std::string LayerReport(const fs::path& base, const std::string& layer, int& files) {
  const auto& banned = LayerMatrix().at(layer);
  const bool port_only = layer == "app" || layer == "http";
  return Report(ScanIncludes(base / "src" / layer, base, files), [&](const Include& inc) {
    const auto target = LayerOf(inc);
    if (banned.count(target)) return layer + " must not depend on " + target;
    if (port_only && IsStoreEngineHeader(inc)) {
      return layer + " must use the store port, not an engine";
    }
    return std::string();
  });
}

// File, console and thread headers in src/domain and src/planner under `base`.
std::string CoreIoOrThreadReport(const fs::path& base, int& files) {
  std::string report;
  for (const char* layer : {"domain", "planner"}) {
    report += Report(ScanIncludes(base / "src" / layer, base, files), CoreIoOrThreadViolation);
  }
  return report;
}

TEST(IncludeRulesTest, DomainAndPlannerIncludeOnlyStandardLibraryAndCore) {
  int files = 0;
  std::vector<Include> includes;
  for (const char* dir : {"/src/domain", "/src/planner"}) {
    auto found =
        ScanIncludes(fs::path(ANJIAN_SOURCE_DIR + std::string(dir)), ANJIAN_SOURCE_DIR, files);
    includes.insert(includes.end(), found.begin(), found.end());
  }
  EXPECT_GT(files, 5) << "scanned too few files; is ANJIAN_SOURCE_DIR right?";
  EXPECT_GT(includes.size(), 10u);
  const auto report = Report(includes, {"common/", "domain/", "planner/"});
  EXPECT_TRUE(report.empty()) << "forbidden includes in the pure core:\n" << report;
}

TEST(IncludeRulesTest, CommonIncludesOnlyStandardLibraryAndItself) {
  int files = 0;
  auto includes = ScanIncludes(fs::path(ANJIAN_SOURCE_DIR "/src/common"), ANJIAN_SOURCE_DIR, files);
  EXPECT_GT(files, 3);
  // One exception: the single SHA-256 of the system is libcrypto's, behind common/sha256.hpp (whose
  // header is standard-only). A digest computes; it reads and writes nothing.
  bool sha256_uses_libcrypto = false;
  const auto report = Report(includes, [&](const Include& inc) {
    if (inc.file.ends_with("src/common/sha256.cpp") && inc.angled &&
        inc.header == "openssl/evp.h") {
      sha256_uses_libcrypto = true;
      return std::string();
    }
    return Violation(inc, {"common/"});
  });
  EXPECT_TRUE(report.empty()) << "forbidden includes in src/common:\n" << report;
  EXPECT_TRUE(sha256_uses_libcrypto) << "the exception above names a file that no longer needs it";
}

TEST(IncludeRulesTest, DomainAndPlannerIncludeNoFileConsoleOrThreadHeader) {
  int files = 0;
  const auto report = CoreIoOrThreadReport(ANJIAN_SOURCE_DIR, files);
  EXPECT_GT(files, 5) << "scanned too few files; is ANJIAN_SOURCE_DIR right?";
  EXPECT_TRUE(report.empty()) << "I/O or threads in the pure core:\n" << report;
}

TEST(IncludeRulesTest, EachLayerIncludesOnlyTheLayersBelowIt) {
  for (const auto& [layer, banned] : LayerMatrix()) {
    int files = 0;
    const auto report = LayerReport(ANJIAN_SOURCE_DIR, layer, files);
    EXPECT_GT(files, 1) << "src/" << layer
                        << ": scanned too few files; is ANJIAN_SOURCE_DIR right?";
    EXPECT_TRUE(report.empty()) << "src/" << layer << " includes a layer above it:\n" << report;
  }
}

TEST(IncludeRulesTest, RuleRejectsTheKindsOfHeaderItMustCatch) {
  // Guards the checker itself so the scans above cannot pass by accepting everything.
  const std::vector<std::string> core = {"common/", "domain/", "planner/"};
  const auto angled = [](const char* h) { return Include{"f", 1, true, h, h}; };
  const auto quoted = [](const char* h) { return Include{"f", 1, false, h, h}; };
  EXPECT_NE(Violation(angled("sqlite3.h"), core), "");
  EXPECT_NE(Violation(angled("nlohmann/json.hpp"), core), "");
  EXPECT_NE(Violation(angled("boost/asio.hpp"), core), "");
  EXPECT_NE(Violation(angled("libpq-fe.h"), core), "");
  EXPECT_NE(Violation(angled("argon2.h"), core), "");
  EXPECT_NE(Violation(angled("openssl/evp.h"), core), "");
  EXPECT_NE(Violation(angled("unistd.h"), core), "");
  EXPECT_NE(Violation(quoted("store/store.hpp"), core), "");
  EXPECT_NE(Violation(quoted("io/table.hpp"), core), "");
  EXPECT_NE(Violation(quoted("platform/atomic_file.hpp"), core), "");
  EXPECT_NE(Violation(quoted("app/principal.hpp"), core), "");
  EXPECT_NE(Violation(quoted("http/router.hpp"), core), "");
  EXPECT_NE(Violation(quoted("cli/commands.hpp"), core), "");
  EXPECT_EQ(Violation(angled("vector"), core), "");
  EXPECT_EQ(Violation(quoted("common/error.hpp"), core), "");
  EXPECT_EQ(Violation(quoted("domain/registry/unit.hpp"), core), "");
  for (const char* h : {"fstream", "filesystem", "iostream", "thread", "mutex", "future"}) {
    EXPECT_NE(CoreIoOrThreadViolation(angled(h)), "") << h;
  }
  for (const char* h : {"sstream", "string", "chrono", "cstdio"}) {
    EXPECT_EQ(CoreIoOrThreadViolation(angled(h)), "") << h;
  }
}

// A made-up source tree with one violation of each rule at a known line (and allowed includes
// around it): the same scans as above must name each file and line, and nothing else.
class MadeUpTree {
 public:
  void Write(const std::string& relative, const std::vector<std::string>& lines) {
    const fs::path file = fs::path(dir_.path()) / relative;
    fs::create_directories(file.parent_path());
    std::ofstream out(file);
    for (const auto& line : lines) out << line << "\n";
  }
  fs::path base() const { return dir_.path(); }

 private:
  anjian::test_support::TempDir dir_;
};

bool Has(const std::string& report, const std::string& needle) {
  return report.find(needle) != std::string::npos;
}

TEST(IncludeRulesTest, RulesNameTheFileAndLineOfEachViolationInAMadeUpTree) {
  MadeUpTree tree;
  tree.Write("src/domain/rules.cpp",
             {"#include \"domain/rules.hpp\"", "", "#include <fstream>", "#include <vector>"});
  tree.Write("src/domain/rules.hpp", {"#pragma once", "#include <string>"});
  tree.Write("src/planner/draw.hpp",
             {"#pragma once", "#include <thread>", "#include \"common/error.hpp\"",
              "#include \"store/store.hpp\""});
  tree.Write("src/io/table.cpp", {"#include \"io/table.hpp\"", "#include \"app/principal.hpp\""});
  tree.Write("src/io/table.hpp", {"#pragma once"});
  tree.Write("src/store/sqlite/engine.cpp",
             {"#include \"store/store.hpp\"", "#include \"domain/rules.hpp\"",
              "#include \"../../http/router.hpp\""});  // relative: still http
  tree.Write("src/http/router.hpp", {"#pragma once", "#include \"app/principal.hpp\""});
  tree.Write("src/http/server.cpp", {"#include \"http/router.hpp\"", "#include \"store/store.hpp\"",
                                     "#include \"io/table.hpp\"", "#include \"cli/services.hpp\""});
  tree.Write("src/app/principal.hpp",
             {"#pragma once", "#include \"store/store.hpp\"", "#include \"io/table.hpp\"",
              "#include \"planner/draw.hpp\"", "#include \"http/router.hpp\""});
  tree.Write("src/app/service.cpp",
             {"#include \"cli/services.hpp\"", "#include \"store/sqlite/sqlite_store.hpp\"",
              "#include \"store/composed_session.hpp\""});
  tree.Write("src/cli/main.cpp",
             {"#include \"http/router.hpp\"", "#include \"app/principal.hpp\""});

  int files = 0;
  const auto core = CoreIoOrThreadReport(tree.base(), files);
  EXPECT_TRUE(Has(core, "src/domain/rules.cpp:3: #include <fstream>")) << core;
  EXPECT_TRUE(Has(core, "src/planner/draw.hpp:2: #include <thread>")) << core;
  EXPECT_FALSE(Has(core, "<vector>")) << core;
  EXPECT_FALSE(Has(core, "<string>")) << core;

  std::map<std::string, std::string> reports;
  for (const auto& [layer, banned] : LayerMatrix())
    reports[layer] = LayerReport(tree.base(), layer, files);
  EXPECT_TRUE(Has(
      reports["planner"],
      "src/planner/draw.hpp:4: #include \"store/store.hpp\" — planner must not depend on store"))
      << reports["planner"];
  EXPECT_TRUE(Has(reports["io"],
                  "src/io/table.cpp:2: #include \"app/principal.hpp\" — io must not depend on app"))
      << reports["io"];
  EXPECT_TRUE(Has(reports["store"],
                  "src/store/sqlite/engine.cpp:3: #include \"../../http/router.hpp\" — store must "
                  "not depend on http"))
      << reports["store"];
  EXPECT_TRUE(
      Has(reports["app"],
          "src/app/principal.hpp:5: #include \"http/router.hpp\" — app must not depend on http"))
      << reports["app"];
  EXPECT_TRUE(
      Has(reports["app"],
          "src/app/service.cpp:1: #include \"cli/services.hpp\" — app must not depend on cli"))
      << reports["app"];
  EXPECT_TRUE(
      Has(reports["http"],
          "src/http/server.cpp:4: #include \"cli/services.hpp\" — http must not depend on cli"))
      << reports["http"];
  EXPECT_TRUE(Has(reports["app"],
                  "src/app/service.cpp:2: #include \"store/sqlite/sqlite_store.hpp\" — app must "
                  "use the store port, not an engine"))
      << reports["app"];
  // Exactly these: the allowed includes (store → domain, app → store/io/planner, http →
  // app/store/io, cli → anything) are not reported.
  EXPECT_EQ(reports["domain"], "");
  EXPECT_EQ(std::count(reports["store"].begin(), reports["store"].end(), '\n'), 1);
  EXPECT_EQ(std::count(reports["app"].begin(), reports["app"].end(), '\n'), 3);
  EXPECT_EQ(std::count(reports["http"].begin(), reports["http"].end(), '\n'), 1);
  EXPECT_EQ(std::count(reports["io"].begin(), reports["io"].end(), '\n'), 1);
  EXPECT_EQ(std::count(reports["planner"].begin(), reports["planner"].end(), '\n'), 1);
}

}  // namespace

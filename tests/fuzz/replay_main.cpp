// Standalone driver for the fuzz harnesses outside libFuzzer (docs/fuzzing.md): the ordinary gcc
// test build links each <name>_fuzzer.cpp with this main, and ctest runs it over the committed
// corpus, so `make test` replays every input under ASan/UBSan.
//
//   <name>_replay [--no-fork] PATH...   PATH: a file or a directory (read recursively)
//
// Each input runs in a forked child, so one crash does not hide the others: the child's sanitizer
// report goes to stderr and the input is counted as failed. Prints "N passed, M failed" and exits
// 1 if any input failed or no input was found. --no-fork runs everything in this process (for a
// debugger); the first crash then ends the run.
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

namespace fs = std::filesystem;

bool ReadFile(const fs::path& path, std::string& bytes) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return !in.bad();
}

int RunOne(const std::string& bytes) {
  // A copy on the heap of exactly the input's size, as libFuzzer does, so ASan sees reads past it.
  std::vector<std::uint8_t> copy(bytes.begin(), bytes.end());
  return LLVMFuzzerTestOneInput(copy.data(), copy.size());
}

// 0 when the input ran cleanly (the harness returned 0 and the child exited normally).
int RunForked(const std::string& bytes) {
  std::fflush(nullptr);
  const pid_t child = fork();
  if (child < 0) {
    std::perror("fork");
    return -1;
  }
  if (child == 0) _exit(RunOne(bytes) == 0 ? 0 : 3);
  int status = 0;
  if (waitpid(child, &status, 0) < 0) {
    std::perror("waitpid");
    return -1;
  }
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  return 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
}

}  // namespace

int main(int argc, char** argv) {
  bool fork_each = true;
  std::vector<fs::path> inputs;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--no-fork") {
      fork_each = false;
      continue;
    }
    std::error_code error;
    if (fs::is_directory(arg, error)) {
      for (const auto& entry : fs::recursive_directory_iterator(arg, error)) {
        if (entry.is_regular_file()) inputs.push_back(entry.path());
      }
    } else if (fs::is_regular_file(arg, error)) {
      inputs.emplace_back(arg);
    } else {
      std::fprintf(stderr, "replay: no such file or directory: %s\n", argv[i]);
      return 2;
    }
  }
  std::sort(inputs.begin(), inputs.end());

  int passed = 0;
  std::vector<std::string> failed;
  for (const auto& path : inputs) {
    std::string bytes;
    if (!ReadFile(path, bytes)) {
      std::fprintf(stderr, "replay: cannot read %s\n", path.c_str());
      failed.push_back(path.string());
      continue;
    }
    const int rc = fork_each ? RunForked(bytes) : RunOne(bytes);
    if (rc == 0) {
      ++passed;
    } else {
      std::fprintf(stderr, "replay: FAILED (status %d): %s\n", rc, path.c_str());
      failed.push_back(path.string());
    }
  }
  for (const auto& path : failed) std::printf("failed: %s\n", path.c_str());
  std::printf("%s: %d passed, %zu failed\n", argc > 0 ? argv[0] : "replay", passed, failed.size());
  if (inputs.empty()) {
    std::fprintf(stderr, "replay: no inputs found\n");
    return 1;
  }
  return failed.empty() ? 0 : 1;
}

// Atomic replacement of files: the new content or the old, never a mix, and no temporary file left
// behind whatever fails (the producer, the rename, a missing directory).
#include "platform/atomic_file.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "support/result_matchers.hpp"
#include "support/temp_dir.hpp"

namespace anjian::platform {
namespace {

namespace fs = std::filesystem;

std::string Read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::size_t EntriesIn(const std::string& dir) {
  return static_cast<std::size_t>(
      std::distance(fs::directory_iterator(dir), fs::directory_iterator()));
}

TEST(AtomicFileTest, WritesNewAndReplacesExistingContent) {
  test_support::TempDir dir;
  const auto target = dir.File("ledger.xlsx");
  ASSERT_OK(WriteFileAtomically(target, "first", "文件"));
  EXPECT_EQ(Read(target), "first");
  const std::string large(3'000'000, 'x');
  ASSERT_OK(WriteFileAtomically(target, large, "文件"));
  EXPECT_EQ(Read(target), large);
  EXPECT_EQ(EntriesIn(dir.path()), 1u) << "no temporary file is left";
}

TEST(AtomicFileTest, AFailingProducerLeavesTheOldFileAndNoTemporaryFile) {
  test_support::TempDir dir;
  const auto target = dir.File("backup.db");
  ASSERT_OK(WriteFileAtomically(target, "old", "文件"));
  std::string seen_temp;
  const Status failed = ReplaceFileAtomically(
      target,
      [&](const std::string& temp) -> Status {
        seen_temp = temp;
        std::ofstream(temp, std::ios::binary) << "half of the new";
        return Error::Unavailable("pg_dump 失败");
      },
      " " + target);
  ASSERT_ERROR_CODE(failed, kUnavailable);
  EXPECT_EQ(failed.error().message, "pg_dump 失败") << "the producer's error comes through";
  EXPECT_EQ(fs::path(seen_temp).parent_path(), fs::path(dir.path()))
      << "the temporary file is next to the target, so the rename stays on one file system";
  EXPECT_FALSE(fs::exists(seen_temp));
  EXPECT_EQ(Read(target), "old");
  EXPECT_EQ(EntriesIn(dir.path()), 1u);
}

TEST(AtomicFileTest, AFailedRenameIsAnErrorNamingTheFileAndLeavesNothing) {
  test_support::TempDir dir;
  // A directory squatting on the target makes the rename fail after the content was written.
  const auto target = dir.File("files");
  fs::create_directories(fs::path(target) / "inside");
  const Status failed = WriteFileAtomically(target, "bytes", "文件");
  ASSERT_ERROR_CODE(failed, kInternal);
  EXPECT_EQ(failed.error().message.rfind("无法写入文件：", 0), 0u) << failed.error().message;
  EXPECT_EQ(EntriesIn(dir.path()), 1u) << "only the squatting directory remains";
  EXPECT_TRUE(fs::is_directory(target));
}

TEST(AtomicFileTest, AMissingDirectoryIsAnErrorNotACrash) {
  test_support::TempDir dir;
  const auto target = dir.File("no/such/dir/x.db");
  const Status failed = WriteFileAtomically(target, "bytes", " " + target);
  ASSERT_ERROR_CODE(failed, kInternal);
  EXPECT_NE(failed.error().message.find(target), std::string::npos) << failed.error().message;
  EXPECT_FALSE(fs::exists(fs::path(dir.path()) / "no"));
}

}  // namespace
}  // namespace anjian::platform

#include "io/blob_store.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "io/io_test_support.hpp"
#include "support/result_matchers.hpp"

namespace anjian::io {
namespace {

namespace fs = std::filesystem;
using io_test::ReadFileOrDie;
using io_test::TempDir;
using ::testing::ElementsAre;

// FIPS 180-2 digest of "abc", computed outside this code base.
constexpr char kAbcId[] = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

// Every regular file under `root`, as paths relative to it.
std::vector<std::string> FilesUnder(const fs::path& root) {
  std::vector<std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (!entry.is_directory()) files.push_back(fs::relative(entry.path(), root).string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string BinaryBytes() { return std::string("\x00\xFF\x89PNG\r\n\x1a\n\x00tail", 15); }

TEST(BlobStoreTest, PutThenGetReturnsTheSameBytes) {
  TempDir dir;
  BlobStore store(fs::path(dir.path()) / "files");
  auto id = store.Put(BinaryBytes());
  ASSERT_OK(id);
  auto bytes = store.Get(*id);
  ASSERT_OK(bytes);
  EXPECT_EQ(*bytes, BinaryBytes());
}

TEST(BlobStoreTest, IdIsTheSha256OfTheBytesAndNamesTheFile) {
  TempDir dir;
  const fs::path root = fs::path(dir.path()) / "files";
  BlobStore store(root);
  auto id = store.Put("abc");
  ASSERT_OK(id);
  EXPECT_EQ(*id, kAbcId);
  const fs::path expected =
      root / "ba" / "7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
  EXPECT_EQ(store.PathOf(kAbcId), expected);
  EXPECT_EQ(ReadFileOrDie(expected.string()), "abc");
  EXPECT_THAT(
      FilesUnder(root),
      ElementsAre(
          fs::path("ba/7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad").string()));
}

TEST(BlobStoreTest, StoresEmptyBytes) {
  TempDir dir;
  BlobStore store(fs::path(dir.path()) / "files");
  auto id = store.Put("");
  ASSERT_OK(id);
  EXPECT_EQ(*id, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  auto bytes = store.Get(*id);
  ASSERT_OK(bytes);
  EXPECT_EQ(*bytes, "");
}

TEST(BlobStoreTest, SameBytesTwiceGiveTheSameIdAndLeaveTheFileAlone) {
  TempDir dir;
  const fs::path root = fs::path(dir.path()) / "files";
  BlobStore store(root);
  auto first = store.Put("abc");
  ASSERT_OK(first);
  struct stat before;
  ASSERT_EQ(::stat(store.PathOf(*first).c_str(), &before), 0);
  auto second = store.Put("abc");
  ASSERT_OK(second);
  EXPECT_EQ(*second, *first);
  struct stat after;
  ASSERT_EQ(::stat(store.PathOf(*first).c_str(), &after), 0);
  // A rewrite would have renamed a new file into place, with a new inode.
  EXPECT_EQ(after.st_ino, before.st_ino);
  EXPECT_EQ(FilesUnder(root).size(), 1u);
}

TEST(BlobStoreTest, ReplacesAFileOfTheWrongSizeUnderAnId) {
  TempDir dir;
  const fs::path root = fs::path(dir.path()) / "files";
  BlobStore store(root);
  ASSERT_OK(store.Put("abc"));
  fs::resize_file(store.PathOf(kAbcId), 1);  // damaged outside the store
  ASSERT_OK(store.Put("abc"));
  auto bytes = store.Get(kAbcId);
  ASSERT_OK(bytes);
  EXPECT_EQ(*bytes, "abc");
}

TEST(BlobStoreTest, CreatesTheRootOnFirstPutOnly) {
  TempDir dir;
  const fs::path root = fs::path(dir.path()) / "db.sqlite.files" / "nested";
  BlobStore store(root);
  EXPECT_FALSE(fs::exists(root));
  EXPECT_EQ(store.root(), root);
  ASSERT_OK(store.Put("abc"));
  EXPECT_TRUE(fs::is_directory(root / "ba"));
}

TEST(BlobStoreTest, GetOfAnUnknownIdIsNotFound) {
  TempDir dir;
  BlobStore store(fs::path(dir.path()) / "files");
  auto missing = store.Get(kAbcId);  // before the root exists
  ASSERT_ERROR_CODE(missing, kNotFound);
  EXPECT_EQ(missing.error().message, "文件不存在");
  ASSERT_OK(store.Put("abd"));
  EXPECT_ERROR_CODE(store.Get(kAbcId), kNotFound);
  EXPECT_FALSE(store.Contains(kAbcId));
}

TEST(BlobStoreTest, MalformedIdsNeverBecomePaths) {
  TempDir dir;
  const fs::path root = fs::path(dir.path()) / "files";
  BlobStore store(root);
  ASSERT_OK(store.Put("abc"));
  const std::string upper = "BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD";
  // 64 characters that walk out of the root if joined onto it.
  std::string traversal;
  for (int i = 0; i < 19; ++i) traversal += "../";
  traversal += "etc/pas";
  ASSERT_EQ(traversal.size(), 64u);
  for (const std::string& id :
       {std::string("../../etc/passwd"), std::string(), std::string(kAbcId).substr(1),
        std::string(kAbcId) + "0", upper, traversal, std::string(kAbcId).substr(0, 63) + "g",
        std::string(kAbcId).substr(0, 63) + '\0'}) {
    SCOPED_TRACE(id);
    auto bytes = store.Get(id);
    ASSERT_ERROR_CODE(bytes, kInvalidArgument);
    EXPECT_EQ(bytes.error().message, "文件编号无效");
    EXPECT_FALSE(store.Contains(id));
    EXPECT_TRUE(store.PathOf(id).empty());
  }
  EXPECT_TRUE(store.Contains(kAbcId));
}

TEST(BlobStoreTest, FailedPutReportsAnErrorAndLeavesNoTempFile) {
  TempDir dir;
  const fs::path root = fs::path(dir.path()) / "files";
  BlobStore store(root);
  // A directory squatting on the blob's path makes the final rename fail.
  fs::create_directories(store.PathOf(kAbcId));
  auto id = store.Put("abc");
  ASSERT_ERROR_CODE(id, kInternal);
  EXPECT_THAT(id.error().message, ::testing::StartsWith("无法写入文件："));
  EXPECT_TRUE(FilesUnder(root).empty());
}

TEST(BlobStoreTest, ConcurrentPutsOfSameAndDifferentBytes) {
  TempDir dir;
  const fs::path root = fs::path(dir.path()) / "files";
  BlobStore store(root);
  constexpr int kThreads = 8;
  constexpr int kRounds = 25;
  const std::string shared(100'000, 'x');
  std::vector<std::vector<std::string>> ids(kThreads);
  std::vector<std::vector<bool>> failures(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      const std::string own = "thread " + std::to_string(t) + std::string(50'000, 'y');
      for (int round = 0; round < kRounds; ++round) {
        for (const std::string* bytes : {&shared, &own}) {
          auto id = store.Put(*bytes);
          failures[t].push_back(!id.ok());
          if (id.ok()) ids[t].push_back(*id);
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();

  std::set<std::string> distinct;
  for (int t = 0; t < kThreads; ++t) {
    SCOPED_TRACE("thread " + std::to_string(t));
    EXPECT_EQ(std::count(failures[t].begin(), failures[t].end(), true), 0);
    ASSERT_EQ(ids[t].size(), 2u * kRounds);
    // Rounds alternate shared and own bytes; each kind always got the same id back.
    for (int round = 0; round < kRounds; ++round) {
      EXPECT_EQ(ids[t][2 * round], ids[0][0]);
      EXPECT_EQ(ids[t][2 * round + 1], ids[t][1]);
    }
    auto own = store.Get(ids[t][1]);
    ASSERT_OK(own);
    EXPECT_EQ(*own, "thread " + std::to_string(t) + std::string(50'000, 'y'));
    distinct.insert(ids[t].begin(), ids[t].end());
  }
  EXPECT_EQ(distinct.size(), 1u + kThreads);
  auto shared_bytes = store.Get(ids[0][0]);
  ASSERT_OK(shared_bytes);
  EXPECT_EQ(*shared_bytes, shared);
  // Exactly one file per distinct content and no temp files left.
  std::vector<std::string> expected_files;
  for (const std::string& id : distinct) {
    expected_files.push_back(fs::relative(store.PathOf(id), root).string());
  }
  std::sort(expected_files.begin(), expected_files.end());
  EXPECT_EQ(FilesUnder(root), expected_files);
}

}  // namespace
}  // namespace anjian::io

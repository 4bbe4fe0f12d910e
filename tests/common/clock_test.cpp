// Clock and random-source ports: FixedClock only moves when told; SeededRng is SplitMix64, so a
// published seed reproduces a draw anywhere.
#include "common/clock.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <array>
#include <vector>

namespace anjian {
namespace {

TEST(FixedClockTest, MovesOnlyWhenTold) {
  FixedClock clock(1'700'000'000);
  EXPECT_EQ(clock.NowUnixSeconds(), 1'700'000'000);
  EXPECT_EQ(clock.NowUnixSeconds(), 1'700'000'000);
  clock.Advance(90);
  EXPECT_EQ(clock.NowUnixSeconds(), 1'700'000'090);
  clock.Set(5);
  EXPECT_EQ(clock.NowUnixSeconds(), 5);
}

// Reference outputs of SplitMix64 (Vigna), widely published: seed 0 and seed 1234567.
TEST(SeededRngTest, MatchesSplitMix64ReferenceOutputs) {
  SeededRng zero(0);
  EXPECT_EQ(zero.Next(), 0xE220A8397B1DCDAFULL);
  EXPECT_EQ(zero.Next(), 0x6E789E6AA1B965F4ULL);
  EXPECT_EQ(zero.Next(), 0x06C45D188009454FULL);
  SeededRng other(1234567);
  EXPECT_EQ(other.Next(), 6457827717110365317ULL);
  EXPECT_EQ(other.Next(), 3203168211198807973ULL);
  EXPECT_EQ(other.Next(), 9817491932198370423ULL);
}

TEST(SeededRngTest, SameSeedGivesSameSequence) {
  SeededRng a(2024), b(2024);
  for (int i = 0; i < 1000; ++i) ASSERT_EQ(a.Next(), b.Next()) << "draw " << i;
  for (int i = 0; i < 1000; ++i) ASSERT_EQ(a.Uniform(97), b.Uniform(97)) << "uniform " << i;
}

TEST(SeededRngTest, DifferentSeedsGiveDifferentSequences) {
  SeededRng a(2024), b(2025);
  int equal = 0;
  for (int i = 0; i < 100; ++i) equal += a.Next() == b.Next() ? 1 : 0;
  EXPECT_LT(equal, 2);
}

TEST(SeededRngTest, UniformOfZeroOrOneIsZero) {
  SeededRng rng(7);
  EXPECT_EQ(rng.Uniform(0), 0u);
  EXPECT_EQ(rng.Uniform(1), 0u);
}

TEST(SeededRngTest, UniformCoversEveryValueEvenly) {
  SeededRng rng(99);
  std::array<int, 6> counts{};
  constexpr int kDraws = 60'000;
  for (int i = 0; i < kDraws; ++i) ++counts.at(rng.Uniform(6));
  // Expected 10,000 each; sd ≈ 91, so ±600 is > 6 sd.
  for (int face = 0; face < 6; ++face) {
    EXPECT_NEAR(counts[face], kDraws / 6, 600) << "value " << face;
  }
}

TEST(SeededRngTest, UniformHandlesBoundsNearTheTopOfTheRange) {
  SeededRng rng(3);
  const std::uint64_t bound = (1ULL << 63) + 1;  // rejection zone is almost half the range
  for (int i = 0; i < 1000; ++i) ASSERT_LT(rng.Uniform(bound), bound);
}

RC_GTEST_PROP(SeededRngPropertyTest, UniformStaysBelowBound,
              (std::uint64_t seed, std::uint64_t raw)) {
  const std::uint64_t bound = raw == 0 ? 1 : raw;
  SeededRng rng(seed);
  for (int i = 0; i < 20; ++i) RC_ASSERT(rng.Uniform(bound) < bound);
}

RC_GTEST_PROP(SeededRngPropertyTest, UniformStaysBelowSmallBound, (std::uint64_t seed)) {
  const auto bound = *rc::gen::inRange<std::uint64_t>(1, 50);
  SeededRng rng(seed);
  for (int i = 0; i < 50; ++i) RC_ASSERT(rng.Uniform(bound) < bound);
}

RC_GTEST_PROP(SeededRngPropertyTest, ReplayingASeedReproducesTheDraw, (std::uint64_t seed)) {
  SeededRng a(seed), b(seed);
  std::vector<std::uint64_t> first, second;
  for (int i = 0; i < 10; ++i) first.push_back(a.Uniform(2370));
  for (int i = 0; i < 10; ++i) second.push_back(b.Uniform(2370));
  RC_ASSERT(first == second);
}

// 2026-11-22T16:05:00Z is 00:05 on 2026-11-23 in Beijing: the date turns over at 16:00 UTC.
TEST(BeijingTimeTest, DateAndMinuteOfDayAreUtcPlusEight) {
  EXPECT_EQ(BeijingDateAt(1'795'363'500).ToString(), "2026-11-23");
  EXPECT_EQ(BeijingMinuteOfDay(1'795'363'500), 5);
  EXPECT_EQ(BeijingDateAt(1'795'363'500 - 600).ToString(), "2026-11-22");
  EXPECT_EQ(BeijingMinuteOfDay(1'795'363'500 - 600), 23 * 60 + 55);
  EXPECT_EQ(BeijingDate(FixedClock(1'795'363'500)).ToString(), "2026-11-23");
}

}  // namespace
}  // namespace anjian

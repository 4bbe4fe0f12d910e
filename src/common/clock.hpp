// Clock and random-source ports (STYLE.md §11). Production code takes a Clock& / Rng&;
// tests pass FixedClock / a seeded generator so deadlines and draws are reproducible.
#pragma once

#include <chrono>
#include <cstdint>

#include "common/civil_date.hpp"

namespace anjian {

class Clock {
 public:
  virtual ~Clock() = default;
  // Seconds since the Unix epoch, UTC.
  virtual std::int64_t NowUnixSeconds() const = 0;
};

class SystemClock final : public Clock {
 public:
  std::int64_t NowUnixSeconds() const override {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  }
};

// A clock that only moves when told to.
class FixedClock final : public Clock {
 public:
  explicit FixedClock(std::int64_t unix_seconds) : now_(unix_seconds) {}
  std::int64_t NowUnixSeconds() const override { return now_; }
  void Advance(std::int64_t seconds) { now_ += seconds; }
  void Set(std::int64_t unix_seconds) { now_ = unix_seconds; }

 private:
  std::int64_t now_;
};

// Today's date where the users are (China Standard Time, UTC+8, no daylight saving): deadlines,
// found dates and re-approval dues are dates in that zone whatever the server's TZ.
constexpr std::int64_t kBeijingOffsetSeconds = 8 * 3600;
inline CivilDate BeijingDateAt(std::int64_t unix_seconds) {
  return CivilDate::FromUnixSeconds(unix_seconds + kBeijingOffsetSeconds);
}
// Minutes since Beijing midnight (0..1439).
inline int BeijingMinuteOfDay(std::int64_t unix_seconds) {
  const std::int64_t seconds = ((unix_seconds + kBeijingOffsetSeconds) % 86400 + 86400) % 86400;
  return static_cast<int>(seconds / 60);
}
inline CivilDate BeijingDate(const Clock& clock) { return BeijingDateAt(clock.NowUnixSeconds()); }

// Deterministic 64-bit generator (SplitMix64). Documented so a draw can be re-run by anyone
// from the published seed: state += 0x9E3779B97F4A7C15; z = mix(state).
class SeededRng {
 public:
  explicit SeededRng(std::uint64_t seed) : state_(seed) {}
  std::uint64_t Next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  // Uniform integer in [0, bound) without modulo bias (rejection sampling).
  std::uint64_t Uniform(std::uint64_t bound) {
    if (bound <= 1) return 0;
    const std::uint64_t limit = UINT64_MAX - (UINT64_MAX % bound);
    std::uint64_t x;
    do {
      x = Next();
    } while (x >= limit);
    return x % bound;
  }

 private:
  std::uint64_t state_;
};

}  // namespace anjian

// Memory figures of the benchmark process itself (Linux /proc and getrusage), shared by the plan
// benchmarks.
#pragma once

#include <sys/resource.h>
#include <unistd.h>

#include <fstream>

namespace anjian::bench {

inline double PeakRssMiB() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;  // KiB on Linux
}

inline double CurrentRssMiB() {
  std::ifstream statm("/proc/self/statm");
  long pages = 0, resident = 0;
  statm >> pages >> resident;
  return static_cast<double>(resident) * static_cast<double>(sysconf(_SC_PAGESIZE)) /
         (1024.0 * 1024.0);
}

// Linux ≥ 4.0: "5" resets the peak RSS (VmHWM, which ru_maxrss reads) to the current RSS.
inline bool ResetPeakRss() {
  std::ofstream clear("/proc/self/clear_refs");
  clear << "5";
  clear.flush();
  return static_cast<bool>(clear);
}

}  // namespace anjian::bench

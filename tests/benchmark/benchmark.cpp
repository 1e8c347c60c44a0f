// Prints the engine's speed and memory: seconds per optimisation step at given sizes
// (square images, one scale, L-BFGS) and the peak resident memory. A program, not a
// test: these machines are shared, so read its figures, don't assert on them.
#include <dlfcn.h>
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>

#include "neural_style/transfer.h"

namespace {

using namespace neural_style;
using Clock = std::chrono::steady_clock;

Image pattern(int side, int period) {
  Image image(side, side, 3);
  for (int y = 0; y < side; ++y)
    for (int x = 0; x < side; ++x)
      for (int c = 0; c < 3; ++c)
        image.at(x, y, c) = 0.5f + 0.4f * std::sin(float(x * (c + 1) + y * (3 - c)) / period);
  return image;
}

double peak_rss_gb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1048576.0;  // ru_maxrss is in KiB
}

// The library that serves sgemm_ (the Gram matrices' and linear algebra's BLAS): the
// alternatives system or LD_LIBRARY_PATH may point anywhere.
std::string sgemm_library() {
  Dl_info info{};
  void* sgemm = dlsym(RTLD_DEFAULT, "sgemm_");
  if (!sgemm || !dladdr(sgemm, &info) || !info.dli_fname) return "none found";
  char resolved[4096];
  return realpath(info.dli_fname, resolved) ? resolved : info.dli_fname;
}

// Mean seconds per step after `warmup` steps (the first ones set up oneDNN's kernels).
double seconds_per_step(int side, int warmup, int measured, Precision precision, Result& r) {
  Settings s;
  s.precision = precision;
  s.size = side;
  s.iterations = warmup + measured;
  s.multi_scale = false;
  Clock::time_point start;
  r = transfer(pattern(side, 7), {pattern(side, 3)}, s, [&](const Progress& p) {
    if (p.iteration == warmup) start = Clock::now();
    return true;
  });
  return std::chrono::duration<double>(Clock::now() - start).count() / measured;
}

}  // namespace

int main(int argc, char** argv) {
  const int measured = argc > 2 ? std::atoi(argv[2]) : 5;
  std::string sizes = argc > 1 ? argv[1] : "256,512";
  std::printf("neural-style benchmark: %u cores, BLAS %s\n", std::thread::hardware_concurrency(),
              sgemm_library().c_str());
  std::printf("%6s %12s %18s %16s\n", "size", "fp32 s/it", "automatic s/it", "peak RSS (GB)");
  Result fp32, automatic;
  for (std::size_t pos = 0; pos < sizes.size();) {
    const std::size_t comma = std::min(sizes.find(',', pos), sizes.size());
    const int side = std::atoi(sizes.substr(pos, comma - pos).c_str());
    pos = comma + 1;
    try {
      const double a = seconds_per_step(side, 2, measured, Precision::fp32, fp32);
      const double b = seconds_per_step(side, 2, measured, Precision::automatic, automatic);
      std::printf("%6d %12.3f %11.3f (%s) %16.2f\n", side, a, b, automatic.precision.c_str(),
                  peak_rss_gb());
    } catch (const Error& e) {
      std::printf("%6d failed: %s\n", side, e.what());
      return 1;
    }
    std::fflush(stdout);
  }
  std::printf("network: %s; peak RSS is the process's peak so far (sizes run in order)\n",
              fp32.pretrained ? "pretrained VGG-19" : "random-feature VGG-19 (same cost)");
  return 0;
}

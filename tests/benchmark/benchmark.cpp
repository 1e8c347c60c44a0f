// Prints the engine's speed and memory: seconds per optimisation step at given sizes
// (square images, one scale, L-BFGS), the fraction of the machine's matrix-multiply peak,
// and the peak resident memory; with --presets, the wall time of each quality preset;
// with --run, one run at a content's full size under a memory budget: its tiles, time,
// the longest wait between two progress calls (how soon Stop answers), and the memory
// model's peak beside the measured one.
// A program, not a test: these machines are shared, so read its figures, don't assert
// on them.
#include <dlfcn.h>
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>

#include <ATen/ATen.h>
#include <ATen/Parallel.h>

#include "hardware.h"
#include "neural_style/plan.h"
#include "neural_style/presets.h"
#include "neural_style/transfer.h"
#include "neural_style/weights.h"

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

double peak_rss_gib() {
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

// The machine's measured matrix-multiply rate in FLOP/s for `type`: what "fraction of
// peak" is relative to. Measured as a 1x1 convolution (a 4096x1024x1024 product) so that
// it runs on oneDNN, like the network does, rather than on the BLAS; the best of a few.
double matmul_peak(at::ScalarType type) {
  const int64_t positions = 64 * 64, channels = 1024;
  const auto cl = at::MemoryFormat::ChannelsLast;
  const at::Tensor x = at::rand({1, channels, 64, 64}).to(type).contiguous(cl);
  const at::Tensor w = at::rand({channels, channels, 1, 1}).to(type).contiguous(cl);
  double best = 1e9;
  for (int i = 0; i < 5; ++i) {
    const auto start = Clock::now();
    at::conv2d(x, w);
    best = std::min(best, std::chrono::duration<double>(Clock::now() - start).count());
  }
  return 2.0 * positions * channels * channels / best;
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

// Wall time of each quality preset on a 1024x768 content, as a user runs it: network set-up
// included, default settings otherwise; and the steps taken of the budget (converged
// scales end early).
int time_presets() {
  Image content = pattern(1024, 7), style = pattern(512, 3);
  content.height = 768;
  content.pixels.resize(std::size_t(1024) * 768 * 3);
  std::printf("%-10s %11s %6s %10s %16s\n", "preset", "iterations", "taken", "seconds",
              "peak RSS (GiB)");
  for (const Preset& preset : kPresets) {
    Settings s;
    s.iterations = preset.iterations;
    const auto start = Clock::now();
    const Result r = transfer(content, {style}, s);
    std::printf("%-10s %11d %6d %10.1f %16.2f   (%s)\n", preset.name, preset.iterations,
                r.iterations_done, std::chrono::duration<double>(Clock::now() - start).count(),
                peak_rss_gib(), r.precision.c_str());
    std::fflush(stdout);
  }
  return 0;
}

// One run at full size on a width x height content under `gigabytes` (0: the default
// budget); `iterations` over all scales, or all at full size with "single".
int time_run(int width, int height, double gigabytes, int iterations, bool single) {
  Image content(width, height, 3), style = pattern(1024, 3);
  for (int y = 0; y < height; ++y)
    for (int x = 0; x < width; ++x)
      for (int c = 0; c < 3; ++c)
        content.at(x, y, c) = 0.5f + 0.4f * std::sin(float(x * (c + 1) + y * (3 - c)) / 11);
  Settings s;
  s.memory = gigabytes;
  s.iterations = iterations;
  s.multi_scale = !single;
  const bool pretrained = !find_weights("").empty();
  const MemoryPlan plan = plan_memory(width, height, {{1024, 1024}}, s, pretrained);
  const Scale& last = plan.scales.back();
  std::printf("%dx%d, %d iterations%s, budget %.1f GB: last scale %dx%d in %d tile(s) of %d px, "
              "L-BFGS history %d\n",
              width, height, iterations, single ? " at full size" : "", plan.budget / 1e9,
              last.width, last.height, last.tiles, last.tile_side, last.history);
  std::fflush(stdout);
  const auto start = Clock::now();
  auto previous = start, previous_step = start;
  double longest_wait = 0, longest_tile = 0, last_step = 0;
  bool in_tiles = false;
  const Result r = transfer(content, {style}, s, [&](const Progress& p) {
    const auto now = Clock::now();
    const double wait = std::chrono::duration<double>(now - previous).count();
    longest_wait = std::max(longest_wait, wait);
    if (in_tiles && p.tiles > 0) longest_tile = std::max(longest_tile, wait);
    in_tiles = p.tiles > 0 && p.tile < p.tiles;
    previous = now;
    if (p.tiles > 0) return true;
    if (p.scale == p.scales) last_step = std::chrono::duration<double>(now - previous_step).count();
    previous_step = now;
    return true;
  });
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  const double measured = peak_rss_gib() * 1073741824.0;
  std::printf("wall %.1f s (%s %s), last step %.1f s; longest wait between progress calls "
              "%.1f s, between two tiles %.1f s (how soon Stop answers)\n"
              "peak RSS %.2f GB, model %.2f GB (model/measured %.2f)\n",
              seconds, r.precision.c_str(), r.pretrained ? "VGG-19" : "built-in network",
              last_step, longest_wait, longest_tile, measured / 1e9, plan.peak / 1e9,
              plan.peak / measured);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc > 1 && std::string(argv[1]) == "--presets") return time_presets();
  if (argc >= 6 && std::string(argv[1]) == "--run")
    return time_run(std::atoi(argv[2]), std::atoi(argv[3]), std::atof(argv[4]),
                    std::atoi(argv[5]), argc > 6 && std::string(argv[6]) == "single");
  const int measured = argc > 2 ? std::atoi(argv[2]) : 5;
  std::string sizes = argc > 1 ? argv[1] : "256,512";
  std::printf("neural-style benchmark: %s; %u cores, BLAS %s\n", cpu_kind().c_str(),
              std::thread::hardware_concurrency(), sgemm_library().c_str());
  at::set_num_threads(static_cast<int>(std::thread::hardware_concurrency()));
  // Without a bf16 path oneDNN runs reference code, a minute for this product.
  const bool bf16 = cpu_may_run_bf16_fast();
  const double peak32 = matmul_peak(at::kFloat), peak16 = bf16 ? matmul_peak(at::kBFloat16) : 0;
  std::printf("matrix-multiply peak: fp32 %.0f GFLOP/s, bf16 %s\n", peak32 / 1e9,
              bf16 ? (std::to_string(std::lround(peak16 / 1e9)) + " GFLOP/s").c_str()
                   : "not measured (no AVX-512: no bf16 path)");
  std::printf("%6s %8s %10s %8s %16s %8s %14s\n", "size", "GFLOP", "fp32 s/it", "of peak",
              "automatic s/it", "of peak", "peak RSS (GiB)");
  Result fp32, automatic;
  for (std::size_t pos = 0; pos < sizes.size();) {
    const std::size_t comma = std::min(sizes.find(',', pos), sizes.size());
    const int side = std::atoi(sizes.substr(pos, comma - pos).c_str());
    pos = comma + 1;
    try {
      const double a = seconds_per_step(side, 2, measured, Precision::fp32, fp32);
      const double b = seconds_per_step(side, 2, measured, Precision::automatic, automatic);
      const double flops = step_flops(side, side, Settings{}, fp32.pretrained);
      const double peak_b = automatic.precision == "bf16" ? peak16 : peak32;
      std::printf("%6d %8.0f %10.3f %7.0f%% %9.3f (%s) %7.0f%% %14.2f\n", side, flops / 1e9, a,
                  100 * flops / a / peak32, b, automatic.precision.c_str(),
                  100 * flops / b / peak_b, peak_rss_gib());
    } catch (const Error& e) {
      std::printf("%6d failed: %s\n", side, e.what());
      return 1;
    }
    std::fflush(stdout);
  }
  std::printf("network: %s; peak RSS is the process's peak so far (sizes run in order)\n",
              fp32.pretrained ? "pretrained VGG-19" : "built-in network (no weights installed)");
  return 0;
}

// How fast this machine runs the method, and so which precision an automatic run uses:
// measured once per machine by timing a few steps, then kept in a per-user cache file that
// the CLI and both GIMP plug-ins share. CPUs differ in what they are fast at (bf16 is 2-3x
// faster than fp32 on Intel AMX, somewhat faster on AMD AVX512-BF16, and has no fast path
// at all on AVX2), so the choice is timed, not read off one CPUID bit.
#pragma once

#include <optional>
#include <string>

#include "neural_style/settings.h"

namespace neural_style {

struct Speed {
  Precision precision = Precision::fp32;  // fp32 or bf16, never automatic
  double step_cost = 0;  // seconds per optimisation step per megapixel at that precision
  double fp32_step_cost = 0;  // the measured costs; 0 where not measured (bf16 on a CPU
  double bf16_step_cost = 0;  // without a bf16 path, or a precision fixed before)
};

// The environment variable that pins the automatic choice without measuring ("fp32" or
// "bf16"): for tests, and for scripts that must give the same pixels on every machine.
inline constexpr const char* kPrecisionVariable = "NEURAL_STYLE_PRECISION";

// The cache file: $XDG_CACHE_HOME/gimp-neural-style/speed, or ~/.cache/gimp-neural-style/speed.
// One line per key: what a step's cost depends on, so that a change of any of it measures
// again (CPU model and flags, libtorch's version, the engine's version with a digest of its
// build and sources, threads, and the network with a digest of the built-in one's
// definition; speed_key.h).
std::string speed_cache_path();

// Whether run_precision() must measure first (a few seconds): front ends say so then.
bool precision_needs_measuring(const Settings& settings);

// The precision a run with these settings uses on the CPU: settings.precision where fixed,
// else the one pinned by kPrecisionVariable, else speed()'s choice.
Precision run_precision(const Settings& settings);

// run_precision() and its step cost: from the cache, or measured (and cached) now; a fixed
// or pinned precision is kept, and only its cost measured if the cache lacks it. A run on
// the CPU; a GPU is not measured here.
Speed speed(const Settings& settings);

// speed() if it needs no measurement.
std::optional<Speed> cached_speed(const Settings& settings);

// Seconds one optimisation step costs per megapixel with these settings (their precision
// must be fixed): a few steps at 256 px, without the cache.
double measure_step_cost(const Settings& settings);

}  // namespace neural_style

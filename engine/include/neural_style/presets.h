// Quality presets: a working size and an iteration budget under one name, shared by the
// dialog and the benchmark that times them. Coarse to fine spends most iterations at
// the small scales, so each preset costs 4-5 times the one before it, not the pixels
// times the iterations. Wall times (neural-style-benchmark --presets) are in README.md.
#pragma once

namespace neural_style {

struct Preset {
  const char* name;  // English; front ends translate it
  int size;
  int iterations;
};

inline constexpr Preset kPresets[] = {
    {"Draft", 256, 100},      // to judge a style or a setting
    {"Balanced", 512, 300},   // the defaults
    {"Fine", 1024, 500},      // for final results
};

}  // namespace neural_style

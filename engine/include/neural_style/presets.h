// Quality presets: an iteration budget under one name, shared by the dialog and the
// benchmark that times them. Every preset paints at the content's own size (a size cap is
// a separate setting); coarse to fine spends most iterations at the small scales. Wall
// times (neural-style-benchmark --presets) are in README.md.
#pragma once

namespace neural_style {

struct Preset {
  const char* name;  // English; front ends translate it
  int iterations;
};

inline constexpr Preset kPresets[] = {
    {"Draft", 100},      // to judge a style or a setting
    {"Balanced", 300},   // the defaults
    {"Fine", 500},       // for final results
};

}  // namespace neural_style

// Quality presets: an iteration budget under one name, shared by the dialog and the
// benchmark that times them. Every preset paints at the content's own size (a size cap is
// a separate setting); coarse to fine spends most iterations at the small scales. Wall
// times (neural-style-benchmark --presets) are in docs/benchmarks.md.
#pragma once

#include "neural_style/settings.h"

#ifndef N_
#define N_(String) (String)  // marks the names for the plug-in's catalogues (po/POTFILES)
#endif

namespace neural_style {

struct Preset {
  const char* name;  // English, N_() marked; front ends translate it
  int iterations;
};

inline constexpr Preset kPresets[] = {
    // TRANSLATORS: quality presets, from the quickest to the best-looking result.
    {N_("Draft"), 100},                    // to judge a style or a setting
    {N_("Balanced"), kDefaultIterations},  // the defaults
    {N_("Fine"), 500},                     // for final results
};

}  // namespace neural_style

// The sliders of both settings dialogs (GIMP 2.10's and GIMP 3's): the range a slider
// spans, its steps and whether it is logarithmic. The entry beside it accepts the
// argument's whole range (plugin::kArgumentSpecs), which also gives the label.
#pragma once

#include "arguments.h"

namespace neural_style::ui {

// A slider with an entry for one numeric argument: the slider spans the useful range, the
// entry the argument's whole range. Logarithmic where the useful range spans decades.
struct ScaleRow {
  const char* argument;  // the procedure argument it edits, also the entry's widget name
  const char* tooltip;
  double lower, upper, step, page;
  int digits;
  bool logarithmic;
};

inline constexpr ScaleRow kMixRow = {
    "style-mix", N_("Share of the second style: 0 takes only the first style, 1 only the second"),
    0, 1, 0.01, 0.1, 2, false};

inline constexpr ScaleRow kLookRows[] = {
    {"style-weight", N_("How strongly the style shows, weighed against the content weight"), 0.1,
     1000, 1, 10, 2, true},
    {"content-weight", N_("How much of the original's shapes to keep"), 0, 100, 0.1, 1, 2, true},
    {"tv-weight", N_("Evens out noise and speckles"), 0, 100, 0.1, 1, 2, true},
    {"style-scale",
     N_("Size of the style's brush strokes: the style layer's size relative to the working "
        "size"),
     0.25, 4, 0.05, 0.25, 2, true},
};

inline constexpr ScaleRow kQualityRows[] = {
    {"size",
     N_("A cap on the longest side in pixels the style is computed at, for quicker trials; "
        "0 = the layer's own size (the default). The result always has the layer's size"),
     64, 2048, 16, 128, 0, true},
    {"iterations",
     N_("Optimisation steps over all scales: more take longer and look more finished"), 10,
     2000, 10, 100, 0, true},
};

}  // namespace neural_style::ui

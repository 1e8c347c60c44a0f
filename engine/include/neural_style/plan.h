// How a run is laid out over scales, and what it will cost: what front ends show before
// starting one.
#pragma once

#include <utility>
#include <vector>

#include "neural_style/settings.h"

namespace neural_style {

struct Scale {
  int width = 0;
  int height = 0;
  int iterations = 0;
};

// Width and height scaled so the longest side is `longest` (aspect kept, each >= 1).
std::pair<int, int> fit_longest(int width, int height, int longest);

// The scales a run on a width x height content goes through: its working size (the
// content's, capped by settings.size), reached coarse to fine from about 128 px, each
// scale sqrt(2) larger, unless settings.multi_scale is off. Throws Error when the working
// size is too small to stylise.
std::vector<Scale> plan_scales(int width, int height, const Settings& settings);

// Seconds one optimisation step costs per megapixel on this machine, with these
// settings' device, precision and threads: measured by running a few steps at 256 px
// (a second or two). Cache it: it does not change while the machine does not.
double measure_step_cost(const Settings& settings);

// Arithmetic of one optimisation step on a width x height image with the pre-trained
// VGG-19 or the built-in network: the convolutions up to the deepest layer in use,
// forward and backward to the pixels, and the Gram products.
double step_flops(int width, int height, const Settings& settings, bool pretrained);

// Expected seconds for a run, from a measured step cost.
double estimate_seconds(int width, int height, const Settings& settings, double step_cost);

}  // namespace neural_style

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
  // Filled in by plan_memory():
  int tile_side = 0;    // evaluated in tiles of this side; 0: the whole image at once
  int tiles = 1;
  int history = 10;     // L-BFGS's stored steps (each pair costs two copies of the image)
  double peak_bytes = 0;
  double work = 1;      // a step's cost against a whole step at this size (tiles overlap)
};

// A piece of a scale evaluated on its own: the pixels whose features it contributes (x,
// y, width, height) and the crop it reads, those pixels with a halo as wide as the
// deepest layer reaches, cut at the image's edges, where the network's own padding
// applies as it does for the whole image.
struct Tile {
  int x = 0, y = 0, width = 0, height = 0;
  int crop_x = 0, crop_y = 0, crop_width = 0, crop_height = 0;
};

// The tiles of a width x height image: squares of `side` pixels (rounded up to a multiple
// of `stride`, the features' spacing, so that every crop's feature grid is the whole
// image's; smaller at the right and bottom edges) with halos of `halo` pixels (rounded
// up likewise). Side 0, or one that covers the image: one tile, the whole image.
std::vector<Tile> tile_layout(int width, int height, int side, int halo, int stride);

// Width and height scaled so the longest side is `longest` (aspect kept, each >= 1).
std::pair<int, int> fit_longest(int width, int height, int longest);

// The scales a run on a width x height content goes through: its working size (the
// content's, capped by settings.size), reached coarse to fine from about 128 px, each
// scale sqrt(2) larger, unless settings.multi_scale is off. Throws Error when the working
// size is too small to stylise.
std::vector<Scale> plan_scales(int width, int height, const Settings& settings);

// Arithmetic of one optimisation step on a width x height image with the pre-trained
// VGG-19 or the built-in network: the convolutions up to the deepest layer in use,
// forward and backward to the pixels, and the Gram products.
double step_flops(int width, int height, const Settings& settings, bool pretrained);

// The memory model. A run's peak is the libtorch runtime and network, plus copies of the
// content at its own size, plus at each scale the optimiser's copies of the image and the
// network's activations for the whole image or for one tile's crop.
struct Extent {
  int width = 0;
  int height = 0;
};

struct MemoryPlan {
  double budget = 0;          // bytes
  double peak = 0;            // bytes, at the most demanding scale
  std::vector<Scale> scales;  // plan_scales()'s, each with its tiles and history
};

// The memory a run may use by default: this share of the machine's total memory (not of
// what is free at the moment, so that a rerun makes the same tiles and the same pixels).
inline constexpr double kDefaultMemoryShare = 0.5;
double default_memory_budget();

// The scales of a run on a width x height content with these styles (at their own
// sizes), each evaluated whole where it fits settings.memory (or the default budget) and
// in the largest tiles that fit where it does not, with a shorter optimiser history
// where the image's copies alone crowd the budget. Throws Error when not even small
// tiles fit.
MemoryPlan plan_memory(int width, int height, const std::vector<Extent>& styles,
                       const Settings& settings, bool pretrained);

// Expected seconds for a run through `scales` (plan_scales', or better plan_memory's,
// which count the tiles' overlap), from a measured step cost.
double estimate_seconds(const std::vector<Scale>& scales, double step_cost);

}  // namespace neural_style

// Gatys-style neural style transfer: the engine's entry point.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "neural_style/error.h"
#include "neural_style/image.h"
#include "neural_style/settings.h"

namespace neural_style {

struct Losses {
  double content = 0;  // weighted, as they enter the total
  double style = 0;
  double tv = 0;
  double total = 0;
  double temporal = 0;  // animation frames only (frames.h); part of the total
  double range = 0;     // the pixels' excess beyond 0..1 (kept near 0); part of the total
};

struct Progress {
  int scale = 0;            // 1-based index of the current scale
  int scales = 0;
  int width = 0;            // working size of the current scale
  int height = 0;
  int iteration = 0;        // steps done, over all scales
  int iterations = 0;       // steps planned, over all scales
  // Within a step of a scale evaluated in tiles: passes over tiles done of all (two
  // passes per step); 0 of 0 after a whole step.
  int tile = 0;
  int tiles = 0;
  Losses losses;
  int steps_undone = 0;     // steps whose loss or gradient was not finite (Result's)
  double seconds_elapsed = 0;
  double seconds_left = -1;  // < 0 until there is a measurement to estimate from
  // The image being optimised, as RGB at the current scale's size. Costs a copy, so
  // it is only made when called; valid only during the callback.
  std::function<Image()> snapshot;
};

// Called after every step, and after every tile of a tiled step. Return false to stop:
// the engine then returns promptly with the last completed step's image, flagged as
// stopped.
using ProgressCallback = std::function<bool(const Progress&)>;

struct Result {
  Image image;              // the content's size and channel layout
  bool stopped = false;     // the callback asked to stop before the budget was spent
  int iterations_done = 0;
  // Steps whose loss or gradient was not finite (NaN or infinity): each was undone, back to
  // the best image so far, and the optimiser went on afresh with a smaller step.
  int steps_undone = 0;
  Losses losses;            // at the last step's start, before the clamp to 0..1
  // The style's share of the pull on the pixels (its gradient norm over the style's plus
  // the content's) on the first scale, halfway between the content and the style
  // picture: what the weights balance, the same whatever the network.
  double style_share = 0;
  bool pretrained = false;  // false: the built-in network (no weights installed)
  std::string weights_path; // the file used, empty with the built-in network
  std::string content_layer;  // the one used (settings.content_layer, or the automatic one)
  std::string device;       // "cpu" or "cuda"
  std::string precision;    // "fp32" or "bf16"
  double memory_budget = 0; // bytes the run was planned to (settings.memory or the default)
};

// Stylises `content` with one or two `styles` (the second mixed in by
// settings.style_mix). Alpha of the content is kept; alpha of a style is composited
// over white. Throws Error with a message for the user on bad input or failure.
Result transfer(const Image& content, const std::vector<Image>& styles,
                const Settings& settings, const ProgressCallback& progress = {});

// The losses of `image` (content's size) as a painting of `content` in `styles`, at the
// settings' working size in one scale: to compare the pictures of different runs (the
// frames benchmark), whose own Result::losses are those of their last iterate.
Losses losses_of(const Image& image, const Image& content, const std::vector<Image>& styles,
                 const Settings& settings);

}  // namespace neural_style

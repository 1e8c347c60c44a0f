// Gatys-style neural style transfer: the engine's entry point.
#pragma once

#include <string>
#include <vector>

#include "neural_style/error.h"
#include "neural_style/image.h"
#include "neural_style/progress.h"
#include "neural_style/settings.h"

namespace neural_style {

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

// A run that does not start from the content alone: the engine's hook for animation
// frames (frames.cpp), which start each frame from the previous result warped onto it
// and keep it near that where the motion is trusted. Plain images, so that its user needs
// no torch.
#pragma once

#include <vector>

#include "neural_style/image.h"
#include "neural_style/settings.h"
#include "neural_style/transfer.h"

namespace neural_style {

struct Start {
  Image image;   // empty: the usual start (content plus seeded perturbation, or noise)
  // The temporal term (objective.h's Temporal), at the content's size; weight 0: none.
  Image target;
  Image mask;    // one channel: how strongly each pixel is held, 1 = fully (trusted)
  double temporal_weight = 0;
};

// transfer(), starting from `start`.
Result transfer_from(const Image& content, const std::vector<Image>& styles,
                     const Settings& settings, const ProgressCallback& progress,
                     const Start& start);

}  // namespace neural_style

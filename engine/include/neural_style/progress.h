// What a run reports while it runs: the losses, and the progress handed to the caller
// after each step. Its own header, as the objective needs the losses without the run.
#pragma once

#include <functional>

#include "neural_style/image.h"

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

}  // namespace neural_style

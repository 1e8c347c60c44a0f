// The engine's progress as the user sees it: how far along, and as text the scale, the
// iteration and the time left; shown in GIMP's progress bar and in the run window.
#pragma once

#include <string>

#include "neural_style/frames.h"
#include "neural_style/transfer.h"

namespace neural_style::plugin {

// How far along a run is, 0..1. Later scales cost more per step, so time, once the engine
// can estimate it, says better than the step count how far along the run is. Never moves
// backwards, though the estimate of the time left may grow.
class ProgressMeter {
 public:
  double fraction(const Progress& p);

 private:
  double shown_ = 0;
};

// The same over the frames of an animation, each frame of each pass an equal share; a
// frame's time starts at 0. Frame 0 of 0 is a single layer's run.
class FramesMeter {
 public:
  double fraction(const FrameProgress& p);

 private:
  int run_ = -1;
  ProgressMeter meter_;
};

// "Scale 2 of 4 (256×192), iteration 57 of 300, 1:23 left", translated.
std::string progress_text(const Progress& p);

// "Frame 2 of 5: " (with two passes "Frame 2 of 5, pass 1 of 2: ") and the frame's own
// progress text.
std::string frame_progress_text(const FrameProgress& p);

// Shows the progress bar; call before the engine starts (it reports after each step). Its
// first text says so when the run will first measure this computer's speed.
void start_progress(const Settings& settings);

// A callback for neural_style::transfer that drives the bar, on the main thread only. It
// never asks to stop: cancelling from GIMP's progress bar ends the whole plug-in process.
ProgressCallback progress_in_gimp();
// The same for animation frames.
FrameProgressCallback frames_progress_in_gimp();

}  // namespace neural_style::plugin

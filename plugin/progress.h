// The engine's progress in GIMP's progress bar: how far along, and as text the scale,
// the iteration and the time left.
#pragma once

#include "neural_style/transfer.h"

namespace neural_style::plugin {

// Shows the progress bar; call before the engine starts (it reports after each step).
void start_progress();

// A callback for neural_style::transfer that drives the bar. It never asks to stop:
// cancelling from GIMP's progress bar ends the whole plug-in process.
ProgressCallback progress_in_gimp();

}  // namespace neural_style::plugin

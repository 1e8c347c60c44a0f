// An interactive run: the steps of batch mode (stylise.h, animation.h), the engine's part
// on a worker thread watched in the run window (ui/run_window.h), which shows the evolving
// image, the scale, the iteration and the time left, and offers Stop and Keep and Cancel.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "arguments.h"
#include "host.h"
#include "neural_style/transfer.h"

namespace neural_style::plugin {

// The engine's part of a run, given the callback to report to (and to stop through).
using Work = std::function<Result(const ProgressCallback&)>;

// Runs `work` on a worker thread and shows it, in a window titled `title`, until it ends.
// Returns its result when it finished or when the user pressed "Stop and Keep"
// (result.stopped, the image so far); nothing when the user cancelled. Rethrows what
// `work` threw, unless cancelled. `on_main_thread` also sees the progress, on the main
// thread (for GIMP's progress bar).
std::optional<Result> watch_transfer(const std::string& title, const Work& work,
                                     const ProgressCallback& on_main_thread);

// stylise (stylise.h) with each layer's run watched. Nothing when the user cancelled.
std::optional<std::vector<ItemId>> stylise_watched(ImageId image,
                                                   const std::vector<ItemId>& drawables,
                                                   const Arguments& arguments);

// stylise_frames (animation.h) with the run watched, the new image shown. Nothing when the
// user cancelled (no new image).
std::optional<ImageId> stylise_frames_watched(ImageId image, const Arguments& arguments);

}  // namespace neural_style::plugin

// One run of plug-in-neural-style-frames once its arguments are settled: the image's
// top-level layers are the frames of an animation (the bottom layer plays first). They are
// read and made whole, stylised by the engine's transfer_frames, and written as the layers
// of a new image; the source image is only read, so it gets no undo step.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "arguments.h"
#include "inputs.h"
#include "neural_style/frames.h"
#include "neural_style/plan.h"

namespace neural_style::plugin {

// Everything the engine needs, read before it starts, as Job is for one layer.
struct FramesJob {
  ImageId image = -1;
  std::vector<ItemId> layers;  // the frames in playing order: the bottom layer first
  Inputs in;                   // the styles, and the canvas as the region, for the plan
  std::vector<Image> frames;   // whole frames, the image's size
  std::vector<Image> styles;
  Settings settings;
  double temporal_weight = 0;
};

// Checks the frames, the styles and the memory plan of one frame, reading no pixels: the
// job without its pixels, settings and temporal weight (what the dialog's estimate needs).
// Throws Failure or neural_style::Error, both with a message for the user.
FramesJob check_frames(ImageId image, const Arguments& arguments);

// The engine's plan for each frame after the first (frames.h's later_frame_settings).
MemoryPlan later_frame_plan(const FramesJob& job, const Arguments& arguments);

// check_frames, then reads the pixels; throws as it does.
FramesJob prepare_frames(ImageId image, const Arguments& arguments,
                         bool& random_features_told);

// The engine's part; touches no libgimp, so it may run on any thread.
FramesResult run_frames(const FramesJob& job, const FrameProgressCallback& progress);

// A new image with a layer per result, named as its frame, in the frames' order; shown in
// a display when `show`. A stopped run has fewer results: the first frames.
ImageId write_frames(const FramesJob& job, const FramesResult& result, bool show);

// Runs the frames' engine part with its progress shown; nothing when the user cancelled it.
using FramesRunner = std::function<std::optional<FramesResult>(const FramesJob&)>;

// All of it, the engine's part run by `run`: after Stop and Keep the frames done so far
// and the stopped one's last iterate make the new image. Nothing when the run was
// cancelled (no new image). Throws what prepare_frames and the engine throw.
std::optional<ImageId> stylise_frames(ImageId image, const Arguments& arguments,
                                      bool& random_features_told, bool show,
                                      const FramesRunner& run);

// All of it with GIMP's progress bar, for batch mode and Repeat.
ImageId stylise_frames(ImageId image, const Arguments& arguments, bool& random_features_told,
                       bool show);

}  // namespace neural_style::plugin

// Animation frames: each frame stylised in turn, each after the first starting from the
// previous result warped along the optical flow, and kept close to it where the flow is
// reliable (Ruder, Dosovitskiy and Brox, "Artistic style transfer for videos", 2016).
#pragma once

#include <functional>
#include <vector>

#include "neural_style/image.h"
#include "neural_style/settings.h"
#include "neural_style/transfer.h"

namespace neural_style {

// 0: every frame on its own. The default removes visible flicker and keeps the style
// (docs/design.md, Animation frames; the figures in docs/benchmarks.md).
inline constexpr double kDefaultTemporalWeight = 5;
inline constexpr double kMaxTemporalWeight = 1e6;

struct FrameProgress {
  int frame = 0;    // 1-based index of the frame being stylised
  int frames = 0;
  Progress step;    // that frame's own progress (scales, iterations, tiles, snapshot)
  // 1-based: the pass over the frames. With a temporal weight there are two, the second
  // going back from the last frame to the first (frames.cpp).
  int pass = 1;
  int passes = 1;
};

// How many frames were stylised before this one, in all passes.
inline int runs_before(const FrameProgress& p) {
  return (p.pass - 1) * p.frames + (p.pass == 1 ? p.frame - 1 : p.frames - p.frame);
}
// Return false to stop: finished frames are kept, plus the current frame's last iterate
// (in the second pass: every frame, those not yet reached as the first pass left them).
using FrameProgressCallback = std::function<bool(const FrameProgress&)>;

struct FramesResult {
  // One per frame done (all of them unless stopped; a stopped run also keeps the current
  // frame's last iterate), each the size and channel layout of its input frame.
  std::vector<Result> frames;
  bool stopped = false;
};

// The settings each frame after the first runs with: from the previous result warped
// onto it, one scale with a share of the iterations (frames.cpp). The same settings when
// temporal_weight is 0 (every frame on its own). For estimates of a whole run.
Settings later_frame_settings(const Settings& settings, double temporal_weight);

// How many times the frames are stylised in all: the first frame's run with `settings`
// and the rest with later_frame_settings. For estimates of a whole run.
int frame_runs(int frames, double temporal_weight);

// Frames in playing order, all of one size (else Error, code frames_differ_in_size) and at
// least two (else Error, code too_few_frames). temporal_weight >= 0.
FramesResult transfer_frames(const std::vector<Image>& frames,
                             const std::vector<Image>& styles, const Settings& settings,
                             double temporal_weight,
                             const FrameProgressCallback& progress = {});

}  // namespace neural_style

#include "neural_style/frames.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "optical_flow.h"
#include "start.h"

namespace neural_style {
namespace {

void check_frames(const std::vector<Image>& frames, double temporal_weight) {
  if (frames.size() < 2) throw Error(ErrorCode::too_few_frames);
  const Image& first = frames.front();
  for (std::size_t i = 1; i < frames.size(); ++i)
    if (frames[i].width != first.width || frames[i].height != first.height)
      throw Error(ErrorCode::frames_differ_in_size,
                  {std::to_string(first.width), std::to_string(first.height), std::to_string(i + 1),
                   std::to_string(frames[i].width), std::to_string(frames[i].height)});
  if (!(temporal_weight >= 0 && temporal_weight <= kMaxTemporalWeight))
    throw Error(ErrorCode::weight_out_of_range, {"temporal-weight", number_text(kMaxTemporalWeight)});
}

// A frame after the first starts from the previous result warped onto it, already a
// painting of nearly this picture: one scale at the working size and this share of the
// budget (docs/design.md, Animation frames).
constexpr double kLaterFrameShare = 0.15;

// Ruder et al.'s multi-pass (sec. 3.4), in two passes: the first, forward, leaves what came
// into view late under-painted; the second, backward, repaints the last frame freely and
// carries each later neighbour onto the frame before it (docs/design.md, Animation frames).
constexpr int kPasses = 2;

// The motion between frames k-1 and k, both ways, each flow at its first frame's size.
struct Motion {
  Flow ahead;  // k-1 to k
  Flow back;   // k to k-1
};

Motion motion_between(const Image& earlier, const Image& later) {
  return {optical_flow(earlier, later), optical_flow(later, earlier)};
}

// `a` where the one-channel `mask` is 1, `b` where it is 0.
Image composited(const Image& mask, const Image& a, const Image& b) {
  Image out = b;
  for (std::size_t i = 0; i < out.pixels.size(); ++i) {
    const float m = mask.pixels[i / out.channels];
    out.pixels[i] = m * a.pixels[i] + (1 - m) * b.pixels[i];
  }
  return out;
}

// In the second pass, how strongly a frame is held to its own first painting where the
// neighbour's motion is not trusted, against 1 where it is: the first pass painted that
// band coherently with the frame before it (docs/design.md, Animation frames).
constexpr float kOwnPaintingHold = 0.2f;

// In the second pass, the width (a Gaussian's sigma, pixels) of the ramp from the carried
// painting to the frame's own where the motion stops being trusted: a hard step leaves a
// seam that later frames carry on.
constexpr float kSeamRamp = 2.0f;

// A frame's start: its neighbour's result carried onto it along `to_neighbour` (the flow
// from this frame to the neighbour), held near that where `from_neighbour` agrees. Where
// it does not, the frame's own earlier painting (`own`), held loosely, if it has one.
Start carried_over(const Image& neighbour_result, const Flow& to_neighbour,
                   const Flow& from_neighbour, const Image& own, double temporal_weight) {
  Start start;
  start.target = warp(neighbour_result, to_neighbour);
  start.mask = consistency_mask(from_neighbour, to_neighbour);
  start.temporal_weight = temporal_weight;
  if (own.empty()) {
    start.image = start.target;
    return start;
  }
  start.mask = feathered(start.mask, kSeamRamp);
  start.image = composited(start.mask, start.target, own);
  start.target = start.image;
  for (float& m : start.mask.pixels) m += (1 - m) * kOwnPaintingHold;
  return start;
}

}  // namespace

Settings later_frame_settings(const Settings& settings, double temporal_weight) {
  if (temporal_weight <= 0) return settings;
  Settings s = settings;
  s.multi_scale = false;
  s.iterations = std::max(1, static_cast<int>(std::lround(settings.iterations * kLaterFrameShare)));
  return s;
}

int frame_runs(int frames, double temporal_weight) {
  return temporal_weight > 0 ? kPasses * frames : frames;
}

FramesResult transfer_frames(const std::vector<Image>& frames, const std::vector<Image>& styles,
                             const Settings& settings, double temporal_weight,
                             const FrameProgressCallback& progress) try {
  check_frames(frames, temporal_weight);
  validate(settings);
  const int n = static_cast<int>(frames.size());
  const int passes = temporal_weight > 0 ? kPasses : 1;
  const Settings later = later_frame_settings(settings, temporal_weight);
  std::vector<Motion> motion(frames.size());  // [k]: between frames k-1 and k
  FramesResult out;
  out.frames.resize(frames.size());
  for (int pass = 1; pass <= passes; ++pass)
    for (int i = 0; i < n; ++i) {
      const bool forward = pass == 1;
      const int k = forward ? i : n - 1 - i;
      auto step = [&](const Progress& p) {
        return !progress || progress({k + 1, n, p, pass, passes});
      };
      Start start;
      if (pass == 2) start.image = out.frames[k].image;  // the last frame's: free again
      if (temporal_weight > 0 && i > 0) {
        if (forward) {
          motion[k] = motion_between(frames[k - 1], frames[k]);
          start = carried_over(out.frames[k - 1].image, motion[k].back, motion[k].ahead, {},
                               temporal_weight);
        } else {
          start = carried_over(out.frames[k + 1].image, motion[k + 1].ahead,
                               motion[k + 1].back, out.frames[k].image, temporal_weight);
        }
      }
      out.frames[k] = transfer_from(frames[k], styles, pass == 1 && k == 0 ? settings : later,
                                    step, start);
      if (out.frames[k].stopped) {
        out.stopped = true;
        if (pass == 1) out.frames.resize(k + 1);
        return out;
      }
    }
  return out;
} catch (...) {  // a failed allocation, anything: as a coded Error (OpenCV's are already)
  throw as_error(std::current_exception());
}

}  // namespace neural_style

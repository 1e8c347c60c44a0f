// Motion between two frames and what follows from it for animation frames (Ruder,
// Dosovitskiy and Brox, "Artistic style transfer for videos", 2016): the dense optical
// flow (OpenCV's DIS), an image warped along it, and the forward-backward consistency
// mask that marks where the flow can be trusted. Plain images in and out: no OpenCV type
// leaves optical_flow.cpp, and no torch enters it. Where OpenCV fails, each throws Error
// with code opencv_failure and OpenCV's reason.
#pragma once

#include <vector>

#include "neural_style/image.h"

namespace neural_style {

// A displacement per pixel, row by row: the pixel at (x, y) of one frame is at
// (x + dx, y + dy) of the other.
struct Flow {
  int width = 0;
  int height = 0;
  std::vector<float> dx, dy;

  Flow() = default;
  Flow(int w, int h)
      : width(w), height(h), dx(static_cast<std::size_t>(w) * h), dy(dx.size()) {}
  std::size_t index(int x, int y) const { return static_cast<std::size_t>(y) * width + x; }
};

// The flow from `from` to `to` (same size, any channel layout; measured on luminance).
Flow optical_flow(const Image& from, const Image& to);

// Each pixel of the result is `image` read at (x + dx, y + dy) of `flow` (bicubic; past
// the edges the nearest edge pixel). `flow` is the result's size and `image`'s too.
Image warp(const Image& image, const Flow& flow);

// 1 where the flow from frame B back to frame A (`backward`, B's size) is trusted, 0
// where not, as one-channel image of B's size. Untrusted: disocclusions, where following
// `backward` to A and `forward` (A to B) back again does not return near the start, and
// motion boundaries, where `backward` changes steeply (Ruder et al.'s sec. 3.2 tests),
// and pixels that came into view across A's edge, or that came from within kEdgeMargin of
// it and lie further inside B.
Image consistency_mask(const Flow& forward, const Flow& backward);

// `mask` (one channel) blurred by a Gaussian of `sigma` pixels: its 0-1 steps become ramps.
Image feathered(const Image& mask, float sigma);

// The band along a frame's edge that is not carried inward into the next frame: DIS
// underestimates motion that leaves the frame, and a painting's edge carried inward
// becomes a line (docs/design.md, Animation frames).
inline constexpr float kEdgeMargin = 5;

}  // namespace neural_style

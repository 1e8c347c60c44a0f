// A plain float image: the only pixel type that crosses the engine's boundary.
#pragma once

#include <cstddef>
#include <vector>

namespace neural_style {

// Interleaved pixels, row by row, values in 0..1, non-linear sRGB (what VGG-19 was
// trained on). channels: 1 = grey, 2 = grey + alpha, 3 = RGB, 4 = RGBA.
struct Image {
  int width = 0;
  int height = 0;
  int channels = 0;
  std::vector<float> pixels;

  Image() = default;
  Image(int w, int h, int c)
      : width(w), height(h), channels(c),
        pixels(static_cast<std::size_t>(w) * h * c, 0.0f) {}

  bool empty() const { return width <= 0 || height <= 0 || pixels.empty(); }
  bool has_alpha() const { return channels == 2 || channels == 4; }
  float& at(int x, int y, int c) {
    return pixels[(static_cast<std::size_t>(y) * width + x) * channels + c];
  }
  float at(int x, int y, int c) const {
    return pixels[(static_cast<std::size_t>(y) * width + x) * channels + c];
  }
};

}  // namespace neural_style

#include "compose.h"

#include <algorithm>

namespace neural_style::plugin {

bool is_combine_frame(const std::string& layer_name) {
  return layer_name.find("(combine)") != std::string::npos;
}

// "Over" on the stored (non-linear) values. Optimised animations come from GIFs, whose
// alpha is 0 or 1, where this is exact; GIMP blends partial alpha in linear light.
void draw_over(Image& canvas, const Image& layer, int x, int y) {
  const int alpha = canvas.channels - 1;
  const int left = std::max(0, x), right = std::min(canvas.width, x + layer.width);
  const int top = std::max(0, y), bottom = std::min(canvas.height, y + layer.height);
  for (int cy = top; cy < bottom; ++cy)
    for (int cx = left; cx < right; ++cx) {
      const float a = layer.at(cx - x, cy - y, alpha), below = canvas.at(cx, cy, alpha);
      const float out = a + below * (1 - a);
      for (int c = 0; c < alpha; ++c) {
        const float mixed =
            layer.at(cx - x, cy - y, c) * a + canvas.at(cx, cy, c) * below * (1 - a);
        canvas.at(cx, cy, c) = out > 0 ? mixed / out : 0;
      }
      canvas.at(cx, cy, alpha) = out;
    }
}

bool is_opaque(const Image& image) {
  const int alpha = image.channels - 1;
  for (int y = 0; y < image.height; ++y)
    for (int x = 0; x < image.width; ++x)
      if (image.at(x, y, alpha) < 1) return false;
  return true;
}

Image without_alpha(const Image& image) {
  Image out(image.width, image.height, image.channels - 1);
  for (int y = 0; y < image.height; ++y)
    for (int x = 0; x < image.width; ++x)
      for (int c = 0; c < out.channels; ++c) out.at(x, y, c) = image.at(x, y, c);
  return out;
}

}  // namespace neural_style::plugin

// Frames of an optimised animation made whole, as Filters ▸ Animation ▸ Unoptimize does:
// a "(combine)" layer holds only what changed since the frame before and is drawn over it;
// any other layer is a whole frame on a transparent canvas. No libgimp here.
#pragma once

#include <string>

#include "neural_style/image.h"

namespace neural_style::plugin {

// As GIMP's Animation filters read a layer's name.
bool is_combine_frame(const std::string& layer_name);

// Draws `layer` over `canvas` with its top-left corner at (x, y), clipped to the canvas.
// Both have an alpha channel and the same number of colour channels.
void draw_over(Image& canvas, const Image& layer, int x, int y);

// Whether every pixel is opaque; then the alpha channel can go.
bool is_opaque(const Image& image);
// `image` without its alpha channel (the last).
Image without_alpha(const Image& image);

}  // namespace neural_style::plugin

// All pixel traffic between GIMP and the plug-in, and the only file that talks GEGL and
// babl. Pixels move as image_files::get_pixels and set_pixels move them for the command
// line, so that a layer and a file with the same bytes give the same result.
#pragma once

#include "host.h"
#include "neural_style/image.h"

namespace neural_style::plugin {

// `channels` picks the layout: 1 Y', 2 Y'A, 3 R'G'B', 4 R'G'B'A (non-linear, as the
// engine wants them).
Image read_pixels(ItemId drawable, const Region& region, int channels);

// The selection's coverage over `region` (image coordinates), 0..1, one channel.
Image read_selection(ImageId image, const Region& region);

void write_pixels(ItemId drawable, const Region& region, const Image& image);

// Multiplies the alpha of `image` by `mask` (one channel, same size), so a feathered
// selection fades the result out as it fades out itself.
void mask_alpha(Image& image, const Image& mask);

}  // namespace neural_style::plugin

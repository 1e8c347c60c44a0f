// All pixel traffic between GIMP and the plug-in, and the only file that talks GEGL and
// babl. Pixels move as babl float formats, so 8-bit, 16-bit and float images keep their
// precision, and babl does any conversion (grey to RGB, indexed to RGB, adding alpha).
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

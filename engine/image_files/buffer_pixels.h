// Pixels between a GeglBuffer and an Image, for both GEGL users: image files
// (image_files.h) and the plug-in's layers (plugin/pixels.cpp). Non-linear (Y', R'G'B'),
// as the engine wants them. 8-bit sRGB buffers convert to and from bytes here, the same in
// every process; the others through babl's float formats, so that 16-bit and float keep
// their precision, and babl does any other conversion (indexed, linear, another space).
#pragma once

#include <gegl.h>

#include "neural_style/image.h"

namespace neural_style::image_files {

// The format of `channels` (layouts below) and `type` ("u8", "float", ...).
const Babl* format_of(int channels, const char* type);

// `rect` of `buffer` in the layout `channels` asks for (1 Y', 2 Y'A, 3 R'G'B', 4 R'G'B'A).
Image get_pixels(GeglBuffer* buffer, const GeglRectangle& rect, int channels);

// Writes `image` over `rect` of `buffer`, in the buffer's own format.
void set_pixels(GeglBuffer* buffer, const GeglRectangle& rect, const Image& image);

}  // namespace neural_style::image_files

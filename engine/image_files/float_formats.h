// The babl formats pixels travel in between GEGL and an Image, for both GEGL users: image
// files (image_files.h) and the plug-in's layers (plugin/pixels.cpp). Non-linear (Y',
// R'G'B'), as the engine wants them; floats, so that every bit depth keeps its precision.
#pragma once

#include <babl/babl.h>

namespace neural_style::image_files {

// `channels`: 1 Y', 2 Y'A, 3 R'G'B', 4 R'G'B'A.
const Babl* float_format(int channels);

}  // namespace neural_style::image_files

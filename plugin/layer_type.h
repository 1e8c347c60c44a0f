// The GIMP layer type of a pixel layout, the same in GIMP 2.10's and GIMP 3's libgimp:
// for the hosts (host_gimp2.cpp, host_gimp3.cpp) only, which include libgimp.
#pragma once

#include <libgimp/gimp.h>

namespace neural_style::plugin {

// `channels`: 1 Y', 2 Y'A, 3 R'G'B', 4 R'G'B'A.
inline GimpImageType layer_type(int channels) {
  switch (channels) {
    case 1: return GIMP_GRAY_IMAGE;
    case 2: return GIMP_GRAYA_IMAGE;
    case 3: return GIMP_RGB_IMAGE;
    default: return GIMP_RGBA_IMAGE;
  }
}

}  // namespace neural_style::plugin

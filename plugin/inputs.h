// The drawables a run works on, checked. Every bad input the procedure can be handed is
// refused here, before a pixel is read, with a message for the user.
#pragma once

#include <libgimp/gimp.h>

#include <string>
#include <vector>

#include "arguments.h"
#include "pixels.h"

namespace neural_style::plugin {

struct Inputs {
  gint32 image = -1;
  gint32 content = -1;          // the content layer
  std::vector<gint32> styles;   // one or two style layers
  Region region;                // the part of the content computed, layer coordinates
  bool masked = false;          // a selection limits the result to itself
  int channels = 0;             // content layout, read and written: Y', Y'A, R'G'B', R'G'B'A
};

// Throws a Failure with the message GIMP shows when an input cannot be used.
Inputs gather_inputs(gint32 image, gint32 drawable, const Arguments& arguments);

// The layer's name, for messages and the result's name.
std::string item_name(gint32 item);

}  // namespace neural_style::plugin

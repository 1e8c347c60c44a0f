// The drawables a run works on, checked. Every bad input the procedure can be handed is
// refused here, before a pixel is read, with a message for the user.
#pragma once

#include <string>
#include <vector>

#include "arguments.h"
#include "host.h"
#include "neural_style/plan.h"

namespace neural_style::plugin {

// One style: a layer of an open image, or a built-in painting.
struct Style {
  ItemId layer = kNoLayer;     // none for a painting
  int painting = kNoPainting;  // index into kPaintings, for a painting
  Extent extent;
};

struct Inputs {
  ImageId image = -1;
  ItemId content = -1;          // the content layer
  std::vector<Style> styles;    // one or two
  Region region;                // the part of the content computed, layer coordinates
  bool masked = false;          // a selection limits the result to itself
  int channels = 0;             // content layout, read and written: Y', Y'A, R'G'B', R'G'B'A
};

// The style layers or painting the arguments name, checked (throws a Failure).
std::vector<Style> gather_styles(const Arguments& arguments);

// Refuses an indexed image, which the engine cannot read.
void check_not_indexed(ImageId image);

// Throws a Failure with the message GIMP shows when an input cannot be used.
Inputs gather_inputs(ImageId image, ItemId drawable, const Arguments& arguments);

// The engine's memory plan for a run on these inputs. Throws neural_style::Error when
// the run does not fit its memory budget even in small tiles.
MemoryPlan memory_plan(const Inputs& in, const Arguments& arguments);
// The same for these engine settings (their weights_path says which network).
MemoryPlan memory_plan(const Inputs& in, const Settings& settings);

// The style layer a dialog offers first: `last` while it is still a style layer; otherwise
// another layer of the image than the content, since a layer is rarely its own style;
// kNoLayer when the image has none (the dialog then offers a built-in painting).
ItemId default_style_layer(ImageId image, ItemId content, ItemId last);

// The layer's name, or the painting's in the user's language.
std::string style_name(const Style& style);

}  // namespace neural_style::plugin

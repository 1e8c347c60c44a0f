// The settings dialog of interactive runs (GTK 2 and libgimpui). A plain one: the style
// layer, the style's strength, the working size, the iteration budget and whether to keep
// the content's colours; the other arguments keep their last values.
#pragma once

#include <libgimp/gimp.h>

#include "arguments.h"

namespace neural_style::ui {

// Shows the dialog for stylising `drawable` of `image`, starting from `arguments` and
// editing them in place; true when the user pressed OK.
bool run_dialog(gint32 image, gint32 drawable, plugin::Arguments& arguments);

}  // namespace neural_style::ui

// The settings dialog of interactive runs (GTK 2 and libgimpui): the style layers, the
// weights, the quality, and what a run with them will cost; Help, Reset, Cancel and OK.
#pragma once

#include <gtk/gtk.h>
#include <libgimp/gimp.h>

#include "arguments.h"
#include "dialog_names.h"
#include "estimate.h"

namespace neural_style::ui {

// The response of the Reset button.
inline constexpr int kResponseReset = 1;

// Builds the dialog for stylising `drawable` of `image`, or with `frames` all the image's
// layers as the frames of an animation (titled and estimated so), not yet shown. Its controls edit
// `arguments` in place as they change; its estimate uses `calibration`. Both must outlive
// the dialog. Needs gimp_ui_init.
GtkWidget* settings_dialog_new(gint32 image, gint32 drawable, bool frames,
                               plugin::Arguments& arguments,
                               const Calibration& calibration);

// Shows the dialog, starting from `arguments` (the last values), until OK or Cancel;
// true when the user pressed OK.
bool run_dialog(gint32 image, gint32 drawable, bool frames, plugin::Arguments& arguments,
                const Calibration& calibration);

}  // namespace neural_style::ui

// The settings dialog of GIMP 3: a GimpProcedureDialog over the procedure's config, laid out
// like GIMP 2.10's dialog (Style, Look, Quality, Estimate), with the same presets, slider
// ranges, estimate and network line.
#pragma once

#include <libgimp/gimpui.h>

#include "estimate.h"
#include "host.h"

namespace neural_style::ui {

// The response of our Help button; GimpProcedureDialog's own Reset is 1.
inline constexpr gint kResponseHelp = 100;

// Shows the dialog for stylising `drawable` (the first selected layer) of `image`, or with
// `frames` all the image's layers as the frames of an animation, until OK or Cancel; true
// when the user pressed OK, `config` then holding the settings. The estimate uses
// `calibration`, which must outlive the dialog. Needs gimp_ui_init.
bool run_procedure_dialog(GimpProcedure* procedure, GimpProcedureConfig* config,
                          plugin::ImageId image, plugin::ItemId drawable, bool frames,
                          const Calibration& calibration);

}  // namespace neural_style::ui

// The quality presets (neural_style::kPresets) in the dialog: the numbers stay editable,
// and the preset combo then shows "Custom".
#pragma once

#include <gtk/gtk.h>

#include "neural_style/presets.h"

namespace neural_style::ui {

// The value the preset combo shows for settings that match no preset.
inline constexpr int kCustomPreset = -1;

// The index of the preset with this iteration budget, or kCustomPreset.
int matching_preset(int iterations);

const Preset& preset(int index);

// A combo of the presets and "Custom", showing the one matching the iterations.
GtkWidget* preset_combo_new(int iterations);

}  // namespace neural_style::ui

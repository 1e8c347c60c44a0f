// Quality presets: a working size and an iteration budget under one name. The numbers stay
// editable; the preset combo then shows "Custom". Times are for a square layer on the
// 2-core development VM in fp32 (bf16 on CPUs with AMX is about three times faster):
//
//   Draft     256 px,  100 iterations, about 15 s: to judge a style or a setting
//   Balanced  512 px,  300 iterations, about 1.5 min: the procedure's defaults
//   Fine     1024 px,  500 iterations, about 5 min: for final results
//
// Coarse to fine spends most iterations at the small scales, so each preset costs 3-6
// times the one before it, not the pixels times the iterations.
#pragma once

#include <gtk/gtk.h>

namespace neural_style::ui {

struct Preset {
  const char* name;  // untranslated; marked with N_()
  int size;
  int iterations;
};

// The value the preset combo shows for settings that match no preset.
inline constexpr int kCustomPreset = -1;

// The index of the preset with this size and iteration budget, or kCustomPreset.
int matching_preset(int size, int iterations);

const Preset& preset(int index);

// A combo of the presets and "Custom", showing the one matching size and iterations.
GtkWidget* preset_combo_new(int size, int iterations);

}  // namespace neural_style::ui

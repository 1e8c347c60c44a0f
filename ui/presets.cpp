#include "presets.h"

#include <glib/gi18n-lib.h>
#include <libgimp/gimp.h>
#include <libgimp/gimpui.h>

#include <array>

namespace neural_style::ui {
namespace {

// TRANSLATORS: quality presets, from the quickest to the best-looking result.
const std::array<Preset, 3> kPresets = {{
    {N_("Draft"), 256, 100},
    {N_("Balanced"), 512, 300},
    {N_("Fine"), 1024, 500},
}};

}  // namespace

int matching_preset(int size, int iterations) {
  for (std::size_t i = 0; i < kPresets.size(); ++i)
    if (kPresets[i].size == size && kPresets[i].iterations == iterations)
      return static_cast<int>(i);
  return kCustomPreset;
}

const Preset& preset(int index) { return kPresets.at(static_cast<std::size_t>(index)); }

GtkWidget* preset_combo_new(int size, int iterations) {
  GtkWidget* combo = gimp_int_combo_box_new_array(0, nullptr);
  for (std::size_t i = 0; i < kPresets.size(); ++i)
    gimp_int_combo_box_append(GIMP_INT_COMBO_BOX(combo), GIMP_INT_STORE_VALUE, int(i),
                              GIMP_INT_STORE_LABEL, _(kPresets[i].name), -1);
  gimp_int_combo_box_append(GIMP_INT_COMBO_BOX(combo), GIMP_INT_STORE_VALUE, kCustomPreset,
                            // TRANSLATORS: the preset shown when size or iterations were edited.
                            GIMP_INT_STORE_LABEL, _("Custom"), -1);
  gimp_int_combo_box_set_active(GIMP_INT_COMBO_BOX(combo), matching_preset(size, iterations));
  return combo;
}

}  // namespace neural_style::ui

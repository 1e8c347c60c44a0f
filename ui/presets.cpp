#include "presets.h"

#include <glib/gi18n-lib.h>
#include <libgimp/gimp.h>
#include <libgimp/gimpui.h>

#include <iterator>

namespace neural_style::ui {

int matching_preset(int iterations) {
  for (std::size_t i = 0; i < std::size(kPresets); ++i)
    if (kPresets[i].iterations == iterations)
      return static_cast<int>(i);
  return kCustomPreset;
}

const Preset& preset(int index) { return kPresets[index]; }

GtkWidget* preset_combo_new(int iterations) {
  GtkWidget* combo = gimp_int_combo_box_new_array(0, nullptr);
  for (std::size_t i = 0; i < std::size(kPresets); ++i)
    gimp_int_combo_box_append(GIMP_INT_COMBO_BOX(combo), GIMP_INT_STORE_VALUE, int(i),
                              GIMP_INT_STORE_LABEL, _(kPresets[i].name), -1);
  gimp_int_combo_box_append(GIMP_INT_COMBO_BOX(combo), GIMP_INT_STORE_VALUE, kCustomPreset,
                            // TRANSLATORS: the preset shown when the iterations were edited.
                            GIMP_INT_STORE_LABEL, _("Custom"), -1);
  gimp_int_combo_box_set_active(GIMP_INT_COMBO_BOX(combo), matching_preset(iterations));
  return combo;
}

}  // namespace neural_style::ui

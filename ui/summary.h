// What both settings dialogs (GIMP 2.10's and GIMP 3's) work out from the current settings
// alone, by the same code: the estimate, the reason a run cannot start (OK is off while
// there is one) and the preset matching the iterations.
#pragma once

#include <gtk/gtk.h>

#include <string>

#include "arguments.h"
#include "estimate.h"
#include "host.h"

namespace neural_style::ui {

// The widgets it updates, each dialog's own.
struct Summary {
  GtkWidget* dialog = nullptr;       // whose OK follows
  GtkWidget* preset = nullptr;       // preset_combo_new
  GtkWidget* time = nullptr;         // the estimate's labels
  GtkWidget* memory = nullptr;
  GtkWidget* problem = nullptr;      // the label saying why OK is off
  GtkWidget* problem_row = nullptr;  // it with its icon, shown only then
  std::string network_problem;       // NetworkNote::problem: no run can start
  bool frames = false;               // the image's layers as an animation's frames
};

void refresh_summary(const Summary& summary, plugin::ImageId image, plugin::ItemId drawable,
                     const plugin::Arguments& arguments, const Calibration& calibration);

}  // namespace neural_style::ui

#include "summary.h"

#include <libgimp/gimp.h>
#include <libgimp/gimpui.h>

#include "presets.h"

namespace neural_style::ui {
namespace {

void set_text(GtkWidget* label, const std::string& text) {
  // Setting the same text still queues a resize and a redraw, twice a second.
  if (text != gtk_label_get_text(GTK_LABEL(label)))
    gtk_label_set_text(GTK_LABEL(label), text.c_str());
}

}  // namespace

void refresh_summary(const Summary& s, plugin::ImageId image, plugin::ItemId drawable,
                     const plugin::Arguments& arguments, const Calibration& calibration) {
  // Setting the combo to the preset it already shows changes nothing, so its own handler,
  // which sets the iterations, is not called back with other ones.
  gimp_int_combo_box_set_active(GIMP_INT_COMBO_BOX(s.preset),
                                matching_preset(arguments.iterations));
  const Estimate estimate = s.frames ? estimate_frames_run(image, arguments, calibration)
                                     : estimate_run(image, drawable, arguments, calibration);
  // The settings' own problem first: the network line already shows the weights'.
  const std::string problem = estimate.problem.empty() ? s.network_problem : estimate.problem;
  set_text(s.time, estimate.time.empty() ? "—" : estimate.time);
  set_text(s.memory, estimate.memory.empty() ? "—" : estimate.memory);
  set_text(s.problem, problem);
  gtk_widget_set_visible(s.problem_row, !problem.empty());
  gtk_dialog_set_response_sensitive(GTK_DIALOG(s.dialog), GTK_RESPONSE_OK, problem.empty());
}

}  // namespace neural_style::ui

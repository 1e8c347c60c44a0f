// The few GTK calls that differ between GTK 2 (GIMP 2.10) and GTK 3 (GIMP 3), settled once
// for the parts of the interface both plug-ins share.
#pragma once

#include <gtk/gtk.h>

namespace neural_style::ui {

inline GtkWidget* vertical_box_new(int spacing) {
#if GTK_CHECK_VERSION(3, 0, 0)
  return gtk_box_new(GTK_ORIENTATION_VERTICAL, spacing);
#else
  return gtk_vbox_new(FALSE, spacing);
#endif
}

inline void label_align_top_left(GtkWidget* label) {
#if GTK_CHECK_VERSION(3, 16, 0)
  gtk_label_set_xalign(GTK_LABEL(label), 0.0);
  gtk_label_set_yalign(GTK_LABEL(label), 0.0);
#else
  gtk_misc_set_alignment(GTK_MISC(label), 0.0, 0.0);
#endif
}

// A wrapped label `width` pixels wide: GTK 3 would otherwise give it the width of its
// whole text on one line, and stretch its window across the screen.
inline void label_wrap_width(GtkWidget* label, int width) {
  gtk_label_set_line_wrap(GTK_LABEL(label), TRUE);
  gtk_widget_set_size_request(label, width, -1);
#if GTK_CHECK_VERSION(3, 0, 0)
  gtk_label_set_max_width_chars(GTK_LABEL(label), 1);  // the size request decides
#endif
}

// GTK 2 shows a progress bar's text whenever it has one; GTK 3 only when asked.
inline void progress_bar_show_text(GtkWidget* bar) {
#if GTK_CHECK_VERSION(3, 0, 0)
  gtk_progress_bar_set_show_text(GTK_PROGRESS_BAR(bar), TRUE);
#else
  (void)bar;
#endif
}

}  // namespace neural_style::ui

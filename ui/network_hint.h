// The dialogs' network line: which network a run will use, in GIMP's hint box.
#pragma once

#include <gtk/gtk.h>

#include <string>

namespace neural_style::ui {

// Which network a run will use, for the dialog's network line.
struct NetworkNote {
  std::string text;     // the weights file used, or how to install the real weights
  bool warning = false;  // the built-in network, or a broken weights file
  std::string problem;  // a weights file that cannot be used, or empty
};

NetworkNote network_note();

// GIMP's hint box with the note, a warning icon when it is the built-in network or
// a broken weights file. Named kNetworkName.
GtkWidget* network_hint_new(const NetworkNote& note);

}  // namespace neural_style::ui

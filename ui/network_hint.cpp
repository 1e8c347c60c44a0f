#include "network_hint.h"

#include <glib/gi18n-lib.h>
#include <libgimp/gimp.h>
#include <libgimp/gimpui.h>

#include "beside_plugin.h"
#include "dialog_names.h"
#include "engine_messages.h"
#include "neural_style/error.h"
#include "neural_style/weights.h"
#include "text.h"

namespace neural_style::ui {

NetworkNote network_note() {
  NetworkNote note;
  try {
    const std::string weights = plugin::weights_for_run();
    note.warning = weights.empty();
    note.text = weights.empty()
                    ? plugin::weights_hint()
                    : plugin::printf_text(_("Uses the pretrained VGG-19 network from %s."),
                                          weights.c_str());
  } catch (const Error& error) {
    note.text = note.problem = plugin::engine_message(error);
    note.warning = true;
  }
  return note;
}

GtkWidget* network_hint_new(const NetworkNote& note) {
  const char* icon = note.warning ? GIMP_ICON_DIALOG_WARNING : GIMP_ICON_DIALOG_INFORMATION;
  GtkWidget* hint = GTK_WIDGET(
      g_object_new(GIMP_TYPE_HINT_BOX, "icon-name", icon, "hint", note.text.c_str(), nullptr));
  gtk_widget_set_name(hint, kNetworkName);
  return hint;
}

}  // namespace neural_style::ui

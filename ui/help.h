// The dialog's help: what each setting does, in the user's language. Shown in a window of
// its own rather than GIMP's help browser, which has no pages for third-party plug-ins
// unless they install a whole help domain.
#pragma once

#include <glib.h>

namespace neural_style::ui {

inline constexpr const char* kHelpId = "plug-in-neural-style";

// A GimpHelpFunc: `dialog` is the settings dialog the help window belongs to.
void show_help(const gchar* help_id, gpointer dialog);

}  // namespace neural_style::ui

// What the GIMP 3 plug-in remembers for the length of a GIMP session, beside the last
// values GIMP keeps in the procedure's config (host::arguments_of).
#pragma once

#include "arguments.h"
#include "host.h"

namespace neural_style::plugin {

// GIMP 3.0 keeps no layer arguments in the last values ("couldn't serialize property …
// of type GimpDrawable"), so Repeat would run without a style. The style layers' IDs are
// kept for the GIMP session instead (host::session_value): remembered
// after the dialog's OK, used by Repeat and the next dialog when the config has no style.
void remember_styles(const Arguments& arguments);
// `arguments` with the remembered style layers when it has none: IDs that may no longer
// exist, so that the run says so.
Arguments with_remembered_styles(Arguments arguments);
// The config with the remembered style layers, where they still exist; for the dialog.
void restore_styles(GimpProcedureConfig* config);

// Whether the user has been told in this GIMP session that no weights are installed
// (host::session_value).
bool random_features_told();
void remember_random_features_told();

}  // namespace neural_style::plugin

// GIMP 3 keeps a procedure's arguments in a GimpProcedureConfig (also its last values):
// how they map onto the Arguments the rest of the plug-in works with, and what the
// plug-in remembers for the length of a GIMP session.
#pragma once

#include <libgimp/gimp.h>

#include "arguments.h"
#include "host.h"

namespace neural_style::plugin {

// GIMP 3's argument for a built-in painting as the style (Arguments::painting): a choice
// of "none" or a painting's id, which the dialog shows as a combo and the last values keep.
inline constexpr const char* kPaintingArgument = "builtin-style";
inline constexpr const char* kNoPaintingChoice = "none";
// GIMP 3's argument for the memory budget in GB (Arguments::memory), 0 = the default share.
inline constexpr const char* kMemoryArgument = "memory";

Arguments arguments_of(GimpProcedureConfig* config);

// Sets the drawable argument `name` to `layer`, or to none for kNoLayer.
void set_layer_argument(GimpProcedureConfig* config, const char* name, ItemId layer);

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

// GIMP 3 keeps a procedure's arguments in a GimpProcedureConfig (also its last values):
// how they map onto the Arguments the rest of the plug-in works with, and what the
// plug-in remembers for the length of a GIMP session.
#pragma once

#include <libgimp/gimp.h>

#include "arguments.h"

namespace neural_style::plugin {

Arguments arguments_of(GimpProcedureConfig* config);

// Sets one argument of `config` from its value in `arguments`.
void set_config_argument(GimpProcedureConfig* config, const ArgumentSpec& spec,
                         const Arguments& arguments);

// Whether the user has been told in this GIMP session that no weights are installed.
// Kept as a global parasite that is not saved, since GIMP 3 has no gimp_set_data.
bool random_features_told();
void remember_random_features_told();

}  // namespace neural_style::plugin

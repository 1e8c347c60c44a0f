// One run of the procedure once its arguments are settled: check the inputs, read the
// pixels, run the engine, add the result.
#pragma once

#include <libgimp/gimp.h>

#include "arguments.h"

namespace neural_style::plugin {

// Returns the new layer. Throws Failure or neural_style::Error, both with a message for
// the user, before the image is changed. `random_features_told` says whether the user
// has already been told this session that no weights are installed; a run that tells
// them sets it.
gint32 stylise(gint32 image, gint32 drawable, const Arguments& arguments,
               bool& random_features_told);

}  // namespace neural_style::plugin

// The only place the image changes: in one undo group, the result becomes a new layer
// directly above the content layer, with the record of its settings attached. Called
// after the computation, so that cancelling (which kills the plug-in) leaves the image
// as it was, and one Ctrl+Z removes the whole effect.
#pragma once

#include <string>

#include "inputs.h"
#include "neural_style/image.h"

namespace neural_style::plugin {

// `result` covers in.region of the content layer in its layout (in.channels); the rest
// of the new layer stays transparent. Returns the new layer.
gint32 add_result_layer(const Inputs& in, const Image& result, const std::string& name,
                        const std::string& record);

}  // namespace neural_style::plugin

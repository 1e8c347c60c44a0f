// Files installed in the plug-in's own folder travel with it: a portable bundle, a copy in
// the user's GIMP profile, or the tests' temporary plug-ins folder. They take precedence
// over the system-wide install.
#pragma once

#include <string>

namespace neural_style::plugin {

// The path of `name` in the folder of the running executable when it exists there (file
// or folder), otherwise "".
std::string beside_plugin(const std::string& name);

// The VGG-19 weights a run uses: a file beside the plug-in, otherwise the engine's lookup
// (find_weights: environment, user data folder, models folder); "" means the built-in
// network. Throws neural_style::Error for a weights file the user named that does not
// exist.
std::string weights_for_run();

}  // namespace neural_style::plugin

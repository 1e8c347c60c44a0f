// Files installed in the plug-in's own folder travel with it: a portable bundle, a copy in
// the user's GIMP profile, or the tests' temporary plug-ins folder. They take precedence
// over the system-wide install.
#pragma once

#include <string>

namespace neural_style::plugin {

// The path of `name` in the folder of the running executable when it exists there (file
// or folder), otherwise "".
std::string beside_plugin(const std::string& name);

}  // namespace neural_style::plugin

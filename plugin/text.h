// Small string helpers shared by the plug-in's GIMP-independent parts.
#pragma once

#include <glib.h>

#include <string>

namespace neural_style::plugin {

// printf into a std::string; with _() formats, translators can reorder the arguments.
std::string printf_text(const char* format, ...) G_GNUC_PRINTF(1, 2);

// The shortest text that reads back as the same double, with a '.' in any locale:
// for records that must reproduce a run exactly.
std::string exact_number(double value);

}  // namespace neural_style::plugin

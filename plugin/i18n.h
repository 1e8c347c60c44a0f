// The plug-in's translations (text domain GETTEXT_PACKAGE). Its catalogues are looked up
// in a "locale" folder beside the executable first (see beside_plugin.h), then in the
// locale folder of the install prefix.
#pragma once

#include <string>

namespace neural_style::plugin {

std::string locale_dir();

// Binds the text domain, in UTF-8 as GTK wants it. Call before the first _().
void init_i18n();

}  // namespace neural_style::plugin

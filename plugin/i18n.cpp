#include "i18n.h"

#include <glib/gi18n-lib.h>

#include "beside_plugin.h"

namespace neural_style::plugin {

std::string locale_dir() {
  const std::string bundled = beside_plugin("locale");
  return bundled.empty() ? LOCALEDIR : bundled;
}

void init_i18n() {
  bindtextdomain(GETTEXT_PACKAGE, locale_dir().c_str());
  bind_textdomain_codeset(GETTEXT_PACKAGE, "UTF-8");
}

}  // namespace neural_style::plugin

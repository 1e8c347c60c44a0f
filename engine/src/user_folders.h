// The user's folders, as the XDG base directory specification names them.
#pragma once

#include <cstdlib>
#include <string>

namespace neural_style {

// $variable, else ~/under_home (e.g. "XDG_CACHE_HOME", ".cache"); "" without either.
inline std::string user_folder(const char* variable, const char* under_home) {
  if (const char* xdg = std::getenv(variable); xdg && *xdg) return xdg;
  if (const char* home = std::getenv("HOME"); home && *home)
    return std::string(home) + "/" + under_home;
  return "";
}

}  // namespace neural_style

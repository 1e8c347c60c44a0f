// The command line of neural-style-cli, parsed into engine settings.
#pragma once

#include <string>
#include <vector>

#include "neural_style/settings.h"

namespace neural_style::cli {

struct Options {
  std::string content;
  std::vector<std::string> styles;
  std::string output;
  Settings settings;
  bool help = false;
  bool version = false;
};

// Throws neural_style::Error (a usage error, exit code 2) on anything it cannot use.
Options parse_options(int argc, char** argv);

const char* usage();

}  // namespace neural_style::cli

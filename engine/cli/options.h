// The command line of neural-style-cli, parsed into engine settings.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

#include "neural_style/frames.h"
#include "neural_style/settings.h"

namespace neural_style::cli {

struct Options {
  std::string content;
  std::vector<std::string> styles;
  std::string output;
  Settings settings;
  // --frames: content and output are patterns (frame_files.h), and each frame after the
  // first is kept near the previous result by this weight (frames.h).
  bool frames = false;
  double temporal_weight = kDefaultTemporalWeight;
  bool help = false;
  bool version = false;
};

// A command line the CLI cannot use (exit code 2). English only: the CLI is not
// translated, and these never reach the plug-in.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Throws UsageError, or neural_style::Error for settings out of range (also exit code 2),
// on anything it cannot use.
Options parse_options(int argc, char** argv);

// The --help text; its defaults and ranges come from the Settings constants.
std::string usage();

}  // namespace neural_style::cli

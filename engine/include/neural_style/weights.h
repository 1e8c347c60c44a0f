// Where the VGG-19 weights come from. No torch here: front ends use it to tell the user
// which network a run will use before starting one.
#pragma once

#include <string>
#include <vector>

namespace neural_style {

// The file name the fetch script installs and the lookup searches for.
inline constexpr const char* kWeightsFile = "vgg19-features.safetensors";
// Environment variable naming a weights file.
inline constexpr const char* kWeightsEnv = "NEURAL_STYLE_WEIGHTS";

// Candidate files in lookup order: `explicit_path` (if not empty), $NEURAL_STYLE_WEIGHTS,
// the user's data folder ($XDG_DATA_HOME or ~/.local/share, then neural-style/), then
// the installed models folder.
std::vector<std::string> weights_candidates(const std::string& explicit_path);

// The first candidate that exists, or "" when none does (the built-in network is used).
// An explicit path that does not exist is an Error, not a silent fallback.
std::string find_weights(const std::string& explicit_path);

// One sentence telling the user how to install the real weights: the format (English,
// a msgid of the plug-in's catalogues) with the command in place of its %s.
std::string weights_install_hint();
const char* weights_install_hint_format();
std::string weights_install_command();

}  // namespace neural_style

#include "neural_style/weights.h"

#include <cstdlib>
#include <filesystem>

#include "neural_style/error.h"
#include "user_folders.h"

// Marks the hint for the plug-in's catalogues, as in error.cpp.
#define N_(text) text

#ifndef NEURAL_STYLE_MODELS_DIR
#define NEURAL_STYLE_MODELS_DIR "/usr/local/share/neural-style/models"
#endif
#ifndef NEURAL_STYLE_FETCH_COMMAND
#define NEURAL_STYLE_FETCH_COMMAND "neural-style-fetch-weights"
#endif

namespace neural_style {

std::vector<std::string> weights_candidates(const std::string& explicit_path) {
  std::vector<std::string> candidates;
  if (!explicit_path.empty()) candidates.push_back(explicit_path);
  if (const char* env = std::getenv(kWeightsEnv); env && *env) candidates.push_back(env);
  if (std::string data = user_folder("XDG_DATA_HOME", ".local/share"); !data.empty())
    candidates.push_back(data + "/neural-style/" + kWeightsFile);
  candidates.push_back(std::string(NEURAL_STYLE_MODELS_DIR) + "/" + kWeightsFile);
  return candidates;
}

std::string find_weights(const std::string& explicit_path) {
  std::error_code error;
  // A path the user named must exist: falling back to the built-in network would hide a typo.
  std::string named = explicit_path;
  if (const char* env = std::getenv(kWeightsEnv); named.empty() && env && *env) named = env;
  if (!named.empty() && !std::filesystem::is_regular_file(named, error))
    throw Error(ErrorCode::weights_missing, {named});
  for (const std::string& candidate : weights_candidates(explicit_path))
    if (std::filesystem::is_regular_file(candidate, error)) return candidate;
  return "";
}

const char* weights_install_hint_format() {
  // xgettext:c-format
  return N_("No VGG-19 weights are installed, so the built-in network is used. For Gatys et "
            "al.'s own network, install the VGG-19 weights once with: %s");
}

std::string weights_install_command() {
  return NEURAL_STYLE_FETCH_COMMAND;
}

std::string weights_install_hint() {
  return fill_format(weights_install_hint_format(), {weights_install_command()});
}

}  // namespace neural_style

#include "neural_style/settings.h"

#include <cmath>
#include <string>

#include "neural_style/error.h"

namespace neural_style {
namespace {

void check_weight(double value, const char* name) {
  if (!std::isfinite(value) || value < 0 || value > kMaxWeight)
    throw Error(std::string(name) + " must be a number from 0 to 1e9.");
}

void check_layers(const Settings& s) {
  static const char* const kLayers[] = {"relu1_1", "relu1_2", "relu2_1", "relu2_2",
                                        "relu3_1", "relu3_2", "relu3_3", "relu3_4",
                                        "relu4_1", "relu4_2", "relu4_3", "relu4_4",
                                        "relu5_1"};
  auto known = [](const std::string& name) {
    for (const char* layer : kLayers)
      if (name == layer) return true;
    return false;
  };
  if (s.style_layers.empty()) throw Error("At least one style layer is needed.");
  for (const std::string& layer : s.style_layers)
    if (!known(layer)) throw Error("Unknown style layer '" + layer + "' (relu1_1 ... relu5_1).");
  if (!s.content_layer.empty() && !known(s.content_layer))
    throw Error("Unknown content layer '" + s.content_layer + "' (relu1_1 ... relu5_1).");
}

}  // namespace

void validate(const Settings& s) {
  check_weight(s.content_weight, "content-weight");
  check_weight(s.style_weight, "style-weight");
  check_weight(s.tv_weight, "tv-weight");
  if (!(s.style_weight > 0)) throw Error("style-weight must be greater than 0.");
  if (!(s.style_mix >= 0 && s.style_mix <= 1)) throw Error("style-mix must be from 0 to 1.");
  if (!(s.style_scale >= kMinStyleScale && s.style_scale <= kMaxStyleScale))
    throw Error("style-scale must be from 0.1 to 8.");
  if (s.size != 0 && (s.size < kMinSide || s.size > kMaxSize))
    throw Error("size must be 0 (the image's own size) or from 16 to 8192 pixels.");
  if (s.iterations < 1 || s.iterations > kMaxIterations)
    throw Error("iterations must be from 1 to 100000.");
  if (s.threads < 0 || s.threads > 1024) throw Error("threads must be from 0 (all cores) to 1024.");
  check_layers(s);
}

const char* to_string(Optimizer optimizer) {
  return optimizer == Optimizer::lbfgs ? "lbfgs" : "adam";
}

const char* to_string(Init init) { return init == Init::content ? "content" : "noise"; }

}  // namespace neural_style

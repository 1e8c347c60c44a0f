#include "neural_style/settings.h"

#include <cmath>
#include <string>

#include "neural_style/error.h"
#include "vgg_layers.h"

namespace neural_style {
namespace {

void check_weight(double value, const char* name) {
  if (!std::isfinite(value) || value < 0 || value > kMaxWeight)
    throw Error(std::string(name) + " must be a number from 0 to 1e9.");
}

void check_layers(const Settings& s) {
  if (s.style_layers.empty()) throw Error("At least one style layer is needed.");
  for (const std::string& layer : s.style_layers)
    if (vgg_layer_index(layer) < 0)
      throw Error("Unknown style layer '" + layer + "' (relu1_1 ... relu5_1).");
  if (!s.content_layer.empty() && vgg_layer_index(s.content_layer) < 0)
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
    throw Error("size must be 0 (the image's own size) or from 16 to 524288 pixels.");
  if (!(s.memory >= 0 && s.memory <= kMaxMemory))
    throw Error("memory must be 0 (a share of this machine's) or a number of gigabytes.");
  if (s.iterations < 1 || s.iterations > kMaxIterations)
    throw Error("iterations must be from 1 to 100000.");
  if (s.threads < 0 || s.threads > 1024) throw Error("threads must be from 0 (all cores) to 1024.");
  check_layers(s);
}

std::string content_layer(const Settings& settings, bool pretrained) {
  if (!settings.content_layer.empty()) return settings.content_layer;
  return pretrained ? "relu4_2" : "relu1_1";
}

}  // namespace neural_style

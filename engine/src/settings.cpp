#include "neural_style/settings.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <thread>

#include "neural_style/error.h"
#include "vgg_layers.h"

namespace neural_style {
namespace {

void check_weight(double value, const char* name) {
  if (!std::isfinite(value) || value < 0 || value > kMaxWeight)
    throw Error(ErrorCode::weight_out_of_range, {name, number_text(kMaxWeight)});
}

void check_layers(const Settings& s) {
  if (s.style_layers.empty()) throw Error(ErrorCode::no_style_layer);
  for (const std::string& layer : s.style_layers)
    if (vgg_layer_index(layer) < 0) throw Error(ErrorCode::unknown_style_layer, {layer});
  if (!s.content_layer.empty() && vgg_layer_index(s.content_layer) < 0)
    throw Error(ErrorCode::unknown_content_layer, {s.content_layer});
}

}  // namespace

void validate(const Settings& s) {
  check_weight(s.content_weight, "content-weight");
  check_weight(s.style_weight, "style-weight");
  check_weight(s.tv_weight, "tv-weight");
  if (!(s.style_weight > 0)) throw Error(ErrorCode::style_weight_not_positive);
  if (!(s.style_mix >= 0 && s.style_mix <= 1)) throw Error(ErrorCode::style_mix_out_of_range);
  if (!(s.style_scale >= kMinStyleScale && s.style_scale <= kMaxStyleScale))
    throw Error(ErrorCode::style_scale_out_of_range,
                {number_text(kMinStyleScale), number_text(kMaxStyleScale)});
  if (s.size != 0 && (s.size < kMinSide || s.size > kMaxSize))
    throw Error(ErrorCode::size_out_of_range, {number_text(kMinSide), number_text(kMaxSize)});
  if (!(s.memory >= 0 && s.memory <= kMaxMemory))
    throw Error(ErrorCode::memory_out_of_range, {number_text(kMaxMemory)});
  if (!(s.convergence >= 0 && s.convergence <= 1))
    throw Error(ErrorCode::weight_out_of_range, {"convergence", "1"});
  if (s.iterations < 1 || s.iterations > kMaxIterations)
    throw Error(ErrorCode::iterations_out_of_range, {number_text(kMaxIterations)});
  if (s.threads < 0 || s.threads > kMaxThreads)
    throw Error(ErrorCode::threads_out_of_range, {number_text(kMaxThreads)});
  check_layers(s);
}

std::string content_layer(const Settings& settings, bool pretrained) {
  if (!settings.content_layer.empty()) return settings.content_layer;
  return pretrained ? kPretrainedContentLayer : kBuiltinContentLayer;
}

int thread_count(const Settings& settings) {
  if (settings.threads > 0) return settings.threads;
  return std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
}

}  // namespace neural_style

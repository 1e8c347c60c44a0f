#include "neural_style/plan.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <string>

#include "neural_style/error.h"
#include "neural_style/transfer.h"
#include "builtin_layers.h"
#include "vgg_layers.h"

namespace neural_style {
namespace {

constexpr int kFirstScale = 128;  // longest side of the coarsest scale
// The growth between consecutive scales: each has about twice the pixels.
const double kScaleStep = std::sqrt(2.0);

// Sides from about 128 px up to the working size; the smaller scales get more of the
// iteration budget (each step costs half as much there).
std::vector<Scale> coarse_to_fine(int width, int height, int iterations) {
  const int longest = std::max(width, height);
  const int count = 1 + std::max(0, static_cast<int>(std::lround(
                                        std::log(double(longest) / kFirstScale) /
                                        std::log(kScaleStep))));
  std::vector<Scale> scales;
  for (int i = count - 1; i >= 0; --i) {
    auto [w, h] = fit_longest(width, height,
                              static_cast<int>(std::lround(longest / std::pow(kScaleStep, i))));
    if (std::min(w, h) >= kMinSide) scales.push_back({w, h, 0});
  }
  while (static_cast<int>(scales.size()) > iterations) scales.erase(scales.begin());
  double total_share = 0;
  for (std::size_t i = 0; i < scales.size(); ++i) total_share += std::pow(kScaleStep, -double(i));
  int assigned = 0;
  for (std::size_t i = 0; i < scales.size(); ++i) {
    scales[i].iterations = std::max(
        1, static_cast<int>(iterations * std::pow(kScaleStep, -double(i)) / total_share));
    assigned += scales[i].iterations;
  }
  scales.front().iterations += iterations - assigned;  // rounding remainder
  return scales;
}

}  // namespace

std::pair<int, int> fit_longest(int width, int height, int longest) {
  const double scale = static_cast<double>(longest) / std::max(width, height);
  return {std::max(1, static_cast<int>(std::lround(width * scale))),
          std::max(1, static_cast<int>(std::lround(height * scale)))};
}

std::vector<Scale> plan_scales(int width, int height, const Settings& settings) {
  const int longest = std::max(width, height);
  auto [w, h] = fit_longest(width, height,
                            settings.size > 0 ? std::min(settings.size, longest) : longest);
  if (std::min(w, h) < kMinSide)
    throw Error("The image is too small to stylise at size " + std::to_string(settings.size) +
                ": its shorter side would be " + std::to_string(std::min(w, h)) +
                " pixels, and at least " + std::to_string(kMinSide) + " are needed.");
  if (!settings.multi_scale) return {{w, h, settings.iterations}};
  return coarse_to_fine(w, h, settings.iterations);
}

double measure_step_cost(const Settings& settings) {
  constexpr int kSide = 256, kWarmup = 2, kMeasured = 3;
  Image pattern(kSide, kSide, 3);
  for (std::size_t i = 0; i < pattern.pixels.size(); ++i)
    pattern.pixels[i] = 0.5f + 0.4f * std::sin(0.37f * static_cast<float>(i % 997));
  Settings s = settings;
  s.size = kSide;
  s.iterations = kWarmup + kMeasured;
  s.multi_scale = false;
  std::chrono::steady_clock::time_point start;
  transfer(pattern, {pattern}, s, [&](const Progress& p) {
    if (p.iteration == kWarmup) start = std::chrono::steady_clock::now();
    return true;
  });
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return seconds / kMeasured / (kSide * kSide / 1e6);
}

namespace {

// VGG-19 up to the deepest layer in use.
double vgg19_flops(double w, double h, int deepest, const Settings& settings) {
  double flops = 0;
  for (int i = 0; i <= deepest; ++i) {
    const VggConv& conv = kVggConvs[i];
    if (conv.pool_before) w = std::floor(w / 2), h = std::floor(h / 2);
    const double forward = 2.0 * conv.in * conv.out * 9 * w * h;
    flops += 2 * forward;  // the backward to the input costs what the forward does
    for (const std::string& layer : settings.style_layers)
      if (layer == conv.relu) flops += 2 * (2.0 * conv.out * conv.out * w * h);  // Gram, both ways
  }
  return flops;
}

// The built-in network at every octave up to the deepest in use.
double builtin_flops(double w, double h, int deepest, const Settings& settings) {
  double flops = 0;
  for (int octave = 0; octave <= deepest; ++octave) {
    if (octave > 0) w = std::ceil(w / 2), h = std::ceil(h / 2);
    for (const BuiltinConv& conv : kBuiltinConvs)
      flops += 2 * (2.0 * conv.in * conv.out * conv.kernel * conv.kernel * w * h);
    const double channels = std::end(kBuiltinConvs)[-1].out;
    for (const std::string& layer : settings.style_layers)
      if (builtin_octave(layer) == octave) flops += 2 * (2.0 * channels * channels * w * h);
  }
  return flops;
}

}  // namespace

double step_flops(int width, int height, const Settings& settings, bool pretrained) {
  const std::string content = content_layer(settings, pretrained);
  if (pretrained) {
    int deepest = vgg_layer_index(content);
    for (const std::string& layer : settings.style_layers)
      deepest = std::max(deepest, vgg_layer_index(layer));
    return vgg19_flops(width, height, deepest, settings);
  }
  int deepest = builtin_octave(content);
  for (const std::string& layer : settings.style_layers)
    deepest = std::max(deepest, builtin_octave(layer));
  return builtin_flops(width, height, deepest, settings);
}

double estimate_seconds(int width, int height, const Settings& settings, double step_cost) {
  double megapixel_steps = 0;
  for (const Scale& scale : plan_scales(width, height, settings))
    megapixel_steps += scale.iterations * (scale.width * double(scale.height) / 1e6);
  return megapixel_steps * step_cost;
}

}  // namespace neural_style

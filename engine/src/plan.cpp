#include "neural_style/plan.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>
#include <string>

#include "neural_style/error.h"
#include "builtin_layers.h"
#include "receptive_field.h"
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
    throw Error(ErrorCode::working_size_too_small,
                {std::to_string(settings.size), std::to_string(std::min(w, h)),
                 std::to_string(kMinSide)});
  if (!settings.multi_scale) return {{w, h, settings.iterations}};
  return coarse_to_fine(w, h, settings.iterations);
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

int round_up(int value, int multiple) { return (value + multiple - 1) / multiple * multiple; }

std::vector<Tile> tile_layout(int width, int height, int side, int halo, int stride) {
  side = round_up(side, stride);
  if (side <= 0 || (side >= width && side >= height)) return {{0, 0, width, height, 0, 0, width, height}};
  halo = round_up(halo, stride);
  std::vector<Tile> tiles;
  for (int y = 0; y < height; y += side)
    for (int x = 0; x < width; x += side) {
      Tile t{x, y, std::min(side, width - x), std::min(side, height - y)};
      t.crop_x = std::max(0, x - halo);
      t.crop_y = std::max(0, y - halo);
      t.crop_width = std::min(width, x + t.width + halo) - t.crop_x;
      t.crop_height = std::min(height, y + t.height + halo) - t.crop_y;
      tiles.push_back(t);
    }
  return tiles;
}

namespace {

// The memory model's terms, fitted to the peak RSS of `neural-style-benchmark --run`
// (fp32, CPU, the built-in network, 12 steps at full size so that L-BFGS's history is
// full): 3.74 GB whole at 1024x768, 1.85 GB in 12 tiles at 1280x960 under 1.5 GB. It
// prints the model beside the measurement.
constexpr double kRuntimeBytes = 350e6;         // libtorch, its threads, the built-in network
constexpr double kVgg19Bytes = 80e6;            // VGG-19's weights up to relu5_1
constexpr double kSourceBytesPerPixel = 56;     // the content, its tensor and the result
constexpr double kImageBytesPerPixel = 12;      // one fp32 RGB copy of a scale's image
constexpr int kImageCopies = 12;                // the image, its gradient, L-BFGS's own
// Bytes per feature value (channels times positions at the layer's stride) of the layers
// in use, for a forward and backward pass: the features, the content error, and in the
// backward pass the gradients of both losses and their sum. The forward passes alone (the
// styles' Grams, the first pass over tiles) keep only the layer at hand and stay below.
constexpr double kBackwardBytesPerValue = 22;
constexpr int kHistories[] = {10, 7, 5, 3};     // L-BFGS's, longest first
// A tiled step's cost per pixel read (crops overlap) against a whole step's: the first
// pass over the tiles and each tile's content features add forward passes. Measured:
// 1280x960 in 12 tiles (neural-style-benchmark --run 1280 960 1.5 12 single) against whole.
constexpr double kTiledPassCost = 1.35;
constexpr int kGoodTile = 512;                  // shorter histories before smaller tiles
constexpr int kSmallestTile = 64;

// Feature values per input pixel at the layers up to the deepest in use.
double values_per_pixel(const Settings& s, bool pretrained) {
  std::vector<std::string> layers = s.style_layers;
  layers.push_back(content_layer(s, pretrained));
  double values = 0;
  if (pretrained) {
    int deepest = 0;
    for (const std::string& layer : layers) deepest = std::max(deepest, vgg_layer_index(layer));
    for (int i = 0; i <= deepest; ++i) {
      const double stride = vgg_reach(i).stride;
      values += kVggConvs[i].out / (stride * stride);
    }
    return values;
  }
  int deepest = 0;
  for (const std::string& layer : layers) deepest = std::max(deepest, builtin_octave(layer));
  for (int octave = 0; octave <= deepest; ++octave)
    for (const BuiltinConv& conv : kBuiltinConvs) values += conv.out / std::pow(4.0, octave);
  return values;
}

double crop_pixels(const std::vector<Tile>& tiles) {
  double largest = 0;
  for (const Tile& t : tiles) largest = std::max(largest, double(t.crop_width) * t.crop_height);
  return largest;
}

// The scale's tiles and history under `budget`; false if nothing fits.
bool fit_scale(Scale& scale, double fixed, double values, double budget, const Reach& reach) {
  const double pixels = double(scale.width) * scale.height;
  for (int pass = 0; pass < 2; ++pass) {
    const int smallest = pass == 0 ? kGoodTile : kSmallestTile;
    for (int history : kHistories) {
      const double room =
          budget - fixed - (kImageCopies + 2 * history) * kImageBytesPerPixel * pixels;
      if (room <= 0) continue;
      scale.history = history;
      if (kBackwardBytesPerValue * values * pixels <= room) {
        scale.tile_side = 0;
        scale.tiles = 1;
        scale.peak_bytes = budget - room + kBackwardBytesPerValue * values * pixels;
        return true;
      }
      const int crop = static_cast<int>(std::sqrt(room / (kBackwardBytesPerValue * values)));
      const int side = (crop - 2 * round_up(reach.radius, reach.stride)) / reach.stride * reach.stride;
      if (side < smallest) continue;
      const std::vector<Tile> tiles =
          tile_layout(scale.width, scale.height, side, reach.radius, reach.stride);
      scale.tile_side = side;
      scale.tiles = static_cast<int>(tiles.size());
      double read = 0;
      for (const Tile& t : tiles) read += double(t.crop_width) * t.crop_height;
      scale.work = kTiledPassCost * read / pixels;
      scale.peak_bytes = budget - room + kBackwardBytesPerValue * values * crop_pixels(tiles);
      return true;
    }
  }
  return false;
}

}  // namespace

double default_memory_budget() {
  std::ifstream meminfo("/proc/meminfo");
  std::string line;
  while (std::getline(meminfo, line)) {
    std::istringstream fields(line);
    std::string key;
    double kilobytes = 0;
    if (fields >> key >> kilobytes && key == "MemTotal:")
      return kDefaultMemoryShare * kilobytes * 1024;
  }
  return 4e9;  // unknown: a small laptop's share
}

MemoryPlan plan_memory(int width, int height, const std::vector<Extent>& styles,
                       const Settings& s, bool pretrained) {
  MemoryPlan plan;
  plan.budget = s.memory > 0 ? s.memory * 1e9 : default_memory_budget();
  plan.scales = plan_scales(width, height, s);
  double fixed = kRuntimeBytes + (pretrained ? kVgg19Bytes : 0) +
                 kSourceBytesPerPixel * double(width) * height;
  for (const Extent& style : styles) fixed += kSourceBytesPerPixel * double(style.width) * style.height;
  std::vector<std::string> layers = s.style_layers;
  layers.push_back(content_layer(s, pretrained));
  const Reach reach = deepest_reach(layers, pretrained);
  const double values = values_per_pixel(s, pretrained);
  for (Scale& scale : plan.scales) {
    if (!fit_scale(scale, fixed, values, plan.budget, reach)) {
      std::ostringstream gigabytes;
      gigabytes.setf(std::ios::fixed);
      gigabytes.precision(1);
      gigabytes << plan.budget / 1e9;
      throw Error(ErrorCode::memory_budget_too_small,
                  {gigabytes.str(), std::to_string(scale.width), std::to_string(scale.height)});
    }
    plan.peak = std::max(plan.peak, scale.peak_bytes);
  }
  return plan;
}

double estimate_seconds(const std::vector<Scale>& scales, double step_cost) {
  double megapixel_steps = 0;
  for (const Scale& scale : scales)
    megapixel_steps += scale.iterations * scale.work * (scale.width * double(scale.height) / 1e6);
  return megapixel_steps * step_cost;
}

}  // namespace neural_style

// How far a layer's features reach into the image and how far apart they lie, in the
// input's pixels: what evaluating an image tile by tile needs (halos and alignment).
// No torch here: the memory model uses it too.
#pragma once

#include <algorithm>
#include <string>
#include <vector>

#include "builtin_layers.h"
#include "vgg_layers.h"

namespace neural_style {

struct Reach {
  int radius = 0;  // a feature depends on the input within this distance of its position
  int stride = 1;  // input pixels between neighbouring features
};

// VGG-19: each 3x3 convolution reaches one feature further, each 2x2 pool one further
// on one side and doubles the stride.
inline Reach vgg_reach(int index) {
  Reach r;
  for (int i = 0; i <= index; ++i) {
    if (kVggConvs[i].pool_before) r.radius += r.stride, r.stride *= 2;
    r.radius += r.stride;
  }
  return r;
}

// The built-in network: each octave's 5x5 binomial blur reaches 2 pixels of the octave
// below, and the filters reach kernel / 2 pixels of their own octave.
inline Reach builtin_reach(int octave) {
  Reach r;
  for (int o = 1; o <= octave; ++o) r.radius += 2 * r.stride, r.stride *= 2;
  for (const BuiltinConv& conv : kBuiltinConvs) r.radius += conv.kernel / 2 * r.stride;
  return r;
}

inline Reach layer_reach(const std::string& layer, bool pretrained) {
  return pretrained ? vgg_reach(vgg_layer_index(layer)) : builtin_reach(builtin_octave(layer));
}

// The deepest reach and the largest stride among `layers`.
inline Reach deepest_reach(const std::vector<std::string>& layers, bool pretrained) {
  Reach deepest;
  for (const std::string& layer : layers) {
    const Reach r = layer_reach(layer, pretrained);
    deepest.radius = std::max(deepest.radius, r.radius);
    deepest.stride = std::max(deepest.stride, r.stride);
  }
  return deepest;
}

}  // namespace neural_style

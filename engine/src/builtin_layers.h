// The built-in network's shape (builtin_network.h): the one table the network and the
// cost model share. No torch here.
#pragma once

#include <string>

namespace neural_style {

struct BuiltinConv {
  int kernel;
  int in, out;
};

// Applied, with the same weights, at every octave of the image's Gaussian pyramid. The
// first layer's last kColourChannels outputs are the octave's colours themselves
// (builtin_network.cpp), the others random filters.
inline constexpr int kColourChannels = 3;
inline constexpr BuiltinConv kBuiltinConvs[] = {{7, 3, 128 + kColourChannels}};
inline constexpr int kBuiltinOctaves = 5;  // relu1_* ... relu5_*

// The network's revision, for the speed cache's key (speed.cpp) with the table above: change
// it with anything in builtin_network.cpp that changes what a step computes (its padding,
// pyramid, layers or their sizes), so that the cost is measured again. The key also digests
// the engine's sources, so a change that forgets this still gets measured.
inline constexpr const char* kBuiltinNetworkRevision =
    "2026-12-06: one 7x7 layer, mirrored border, 5x5 binomial pyramid, colour channels";

// The octave that stands for a VGG-19 layer name ("relu3_1" -> 2), or -1.
inline int builtin_octave(const std::string& relu) {
  if (relu.size() != 7 || relu.compare(0, 4, "relu") != 0 || relu[5] != '_') return -1;
  const int block = relu[4] - '0';
  return block >= 1 && block <= kBuiltinOctaves ? block - 1 : -1;
}

}  // namespace neural_style

// The network used when no VGG-19 weights are installed: built from a fixed seed, the
// same on every run, nothing to download.
//
// One layer of 128 7x7 filters (and a ReLU) applied at every octave of a Gaussian pyramid
// of the image, half of them oriented stroke filters and half random: Ustyuzhaninov et al.
// (ICLR 2017) showed that a single layer of random filters of many sizes rivals a trained
// VGG-19 for texture statistics, and elongated filters see brush strokes; the pyramid
// (as in Snelgrove 2017) gives the large sizes for the price of small filters. Each filter
// sums to zero over its three colours together (it answers structure and the balance
// between colours, not how light the picture is), reads a mirrored border (zero padding
// painted a band along every edge), and is scaled to a mean activation of 1 on a seeded
// 1/f noise image (as Gatys et al. normalised VGG-19), so that no few channels dominate
// the Gram matrices. Three more channels are the octave's colours themselves
// (builtin_network.cpp). Why each choice, and what it was measured against, in
// docs/design.md (The two networks); it costs a fraction of VGG-19's step.
//
// Layer names map onto VGG-19's by stride: relu{k}_* is the output at octave k-1 (stride
// 2^(k-1), VGG-19's stride in block k). relu1_1 ... relu5_1 are thus the same features at
// five scales, fine to coarse; relu4_1 and relu4_2 are the same layer.
#pragma once

#include <cstdint>

#include "network.h"

namespace neural_style {

class BuiltinNetwork : public Network {
 public:
  explicit BuiltinNetwork(std::uint64_t seed);

  bool pretrained() const override { return false; }
  bool separate_scales() const override { return true; }
  int colour_channels() const override;
  int stroke_channels() const override;
  void to(at::Device device, at::ScalarType dtype, bool channels_last) override;
  void forward(const at::Tensor& rgb, const std::vector<std::string>& layers,
               const Tap& tap) const override;

 private:
  at::Tensor octave_features(const at::Tensor& x) const;

  std::vector<at::Tensor> weights_;
  std::vector<at::Tensor> biases_;
  at::Tensor blur_;  // the pyramid's 5x5 binomial kernel, one per colour channel
  at::ScalarType dtype_ = at::kFloat;
  bool channels_last_ = false;
};

}  // namespace neural_style

// What the method needs of a network: features at named layers during one forward pass.
// Two networks implement it: the real VGG-19 (vgg.h) and the built-in one that needs no
// download (builtin_network.h). Layers are named as VGG-19's ReLUs ("relu3_1"); the
// built-in network maps each name onto a layer of its own.
#pragma once

#include <ATen/ATen.h>

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace neural_style {

// The seed of what the engine draws the same on every run, whatever the user's seed: the
// built-in network's filters and the balance's reference noise (objective.cpp).
inline constexpr std::uint64_t kFixedSeed = 0x5eed5eed;

class Network {
 public:
  virtual ~Network() = default;

  // True for the real, pre-trained VGG-19.
  virtual bool pretrained() const = 0;

  // True where each layer sees one scale alone (the built-in network's pyramid): the style
  // then also holds the covariance between neighbouring scales (objective.cpp).
  virtual bool separate_scales() const { return false; }

  // How many of each layer's last channels are the picture's colours rather than filters.
  virtual int colour_channels() const { return 0; }

  // How many of each layer's first channels are oriented stroke filters.
  virtual int stroke_channels() const { return 0; }

  // Moves the weights; features then come out in that device, dtype and memory format.
  virtual void to(at::Device device, at::ScalarType dtype, bool channels_last) = 0;

  // Hands each of `layers` to `tap` as soon as the forward pass over `rgb` (1x3xHxW in
  // 0..1) reaches it, and stops after the deepest one.
  using Tap = std::function<void(const std::string& layer, const at::Tensor& features)>;
  virtual void forward(const at::Tensor& rgb, const std::vector<std::string>& layers,
                       const Tap& tap) const = 0;

  // The same, as a map.
  std::map<std::string, at::Tensor> features(const at::Tensor& rgb,
                                             const std::vector<std::string>& layers) const {
    std::map<std::string, at::Tensor> taps;
    forward(rgb, layers, [&taps](const std::string& layer, const at::Tensor& f) { taps[layer] = f; });
    return taps;
  }
};

}  // namespace neural_style

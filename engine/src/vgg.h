// VGG-19's convolutional part up to relu5_1, in torchvision's layout, as a frozen
// feature extractor. Loaded from safetensors or, with no weights installed, built from
// a fixed seed (random convolutions still carry texture statistics, at lower quality).
#pragma once

#include <ATen/ATen.h>

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace neural_style {

class Vgg19 {
 public:
  // Throws Error if the file is missing, malformed, or lacks a tensor of the right shape.
  static Vgg19 load(const std::string& path);
  // torchvision's initialisation (Kaiming normal, fan-out; zero bias) from `seed`.
  static Vgg19 random(std::uint64_t seed);

  bool pretrained() const { return pretrained_; }

  // Moves the weights; features then come out in that device, dtype and memory format.
  void to(at::Device device, at::ScalarType dtype, bool channels_last);

  // Features at `layers` (relu names such as "relu4_2") for a 1x3xHxW RGB image in 0..1;
  // ImageNet normalisation is applied here. Stops after the deepest requested layer.
  std::map<std::string, at::Tensor> features(const at::Tensor& rgb,
                                             const std::vector<std::string>& layers) const;

  // The same, handing each requested layer's features to `tap` as soon as the forward
  // pass reaches it.
  using Tap = std::function<void(const std::string& layer, const at::Tensor& features)>;
  void forward(const at::Tensor& rgb, const std::vector<std::string>& layers,
               const Tap& tap) const;

 private:
  std::vector<at::Tensor> weights_;  // conv1_1 ... conv5_1
  std::vector<at::Tensor> biases_;
  bool pretrained_ = false;
  at::ScalarType dtype_ = at::kFloat;
  bool channels_last_ = false;
};

}  // namespace neural_style

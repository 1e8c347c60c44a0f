// VGG-19's convolutional part up to relu5_1, in torchvision's layout, as a frozen
// feature extractor loaded from safetensors: the network of Gatys et al.
#pragma once

#include <cstdint>

#include "network.h"

namespace neural_style {

class Vgg19 : public Network {
 public:
  // Throws Error if the file is missing, malformed, or lacks a tensor of the right shape.
  static Vgg19 load(const std::string& path);
  // torchvision's initialisation (Kaiming normal, fan-out; zero bias) from `seed`: for
  // tests, which need a VGG-19 without a file.
  static Vgg19 random(std::uint64_t seed);

  bool pretrained() const override { return pretrained_; }
  void to(at::Device device, at::ScalarType dtype, bool channels_last) override;
  // ImageNet normalisation is applied here.
  void forward(const at::Tensor& rgb, const std::vector<std::string>& layers,
               const Tap& tap) const override;

 private:
  std::vector<at::Tensor> weights_;  // conv1_1 ... conv5_1
  std::vector<at::Tensor> biases_;
  bool pretrained_ = false;
  at::ScalarType dtype_ = at::kFloat;
  bool channels_last_ = false;
};

}  // namespace neural_style

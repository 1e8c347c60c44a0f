#include "builtin_network.h"

#include <algorithm>
#include <cmath>

#include "builtin_layers.h"
#include "neural_style/error.h"
#include "input_conv.h"
#include "relu_in_place.h"

namespace neural_style {
namespace {

constexpr int kCalibrationSide = 256;

// The next octave: a 5x5 binomial blur, every second pixel (Burt and Adelson's pyramid).
at::Tensor half(const at::Tensor& x, const at::Tensor& blur) {
  const int64_t stride[] = {2, 2}, padding[] = {0, 0}, dilation[] = {1, 1};
  const at::Tensor padded = at::reflection_pad2d(x, {2, 2, 2, 2});
  return at::conv2d(padded, blur.to(x.scalar_type()), at::Tensor(), stride, padding, dilation,
                    x.size(1));
}

// A convolution that keeps the size (odd kernels).
at::Tensor conv(const at::Tensor& x, const at::Tensor& weight, const at::Tensor& bias) {
  const int64_t pad = weight.size(2) / 2;
  return at::conv2d(x, weight, bias, {1, 1}, {pad, pad});
}

// Seeded coloured noise with a natural image's 1/f spectrum: white noise at every octave
// from 4 px up, enlarged and summed with amplitudes proportional to the octave's size.
at::Tensor calibration_image(at::Generator& generator) {
  at::Tensor sum = at::zeros({1, 3, kCalibrationSide, kCalibrationSide});
  for (int side = 4; side <= kCalibrationSide; side *= 2) {
    const at::Tensor noise = at::randn({1, 3, side, side}, generator);
    sum += at::upsample_bilinear2d(noise, {kCalibrationSide, kCalibrationSide}, false) *
           (double(kCalibrationSide) / side);
  }
  // Channels as correlated as a photo's.
  const at::Tensor mix = at::tensor({1.0f, 0.8f, 0.7f, 0.8f, 1.0f, 0.8f, 0.7f, 0.8f, 1.0f}).view({3, 3});
  sum = at::einsum("ij,bjhw->bihw", {mix, sum});
  return ((sum - sum.mean()) / sum.std() * 0.2 + 0.5).clamp(0, 1);
}

}  // namespace

BuiltinNetwork::BuiltinNetwork(std::uint64_t seed) {
  at::NoGradGuard no_grad;
  at::Generator generator = at::make_generator<at::CPUGeneratorImpl>(seed);
  const at::Tensor b = at::tensor({1.0f, 4.0f, 6.0f, 4.0f, 1.0f}) / 16.0f;
  blur_ = at::outer(b, b).expand({3, 1, 5, 5}).contiguous();
  for (const BuiltinConv& conv : kBuiltinConvs) {
    const double sigma = std::sqrt(2.0 / (conv.in * conv.kernel * conv.kernel));
    at::Tensor w = at::normal(0.0, sigma, {conv.out, conv.in, conv.kernel, conv.kernel}, generator);
    weights_.push_back(w - w.mean({1, 2, 3}, /*keepdim=*/true));
    biases_.push_back(at::zeros({conv.out}));
  }
  // Each channel to a mean activation of 1, layer by layer.
  at::Tensor x = calibration_image(generator) - 0.5;
  for (std::size_t i = 0; i < weights_.size(); ++i) {
    x = at::relu(conv(x, weights_[i], biases_[i]));
    const at::Tensor scale = 1.0 / x.mean({0, 2, 3}).clamp_min(1e-3);
    weights_[i] *= scale.view({-1, 1, 1, 1});
    biases_[i] *= scale;
    x *= scale.view({1, -1, 1, 1});
  }
}

void BuiltinNetwork::to(at::Device device, at::ScalarType dtype, bool channels_last) {
  const auto format = channels_last ? at::MemoryFormat::ChannelsLast : at::MemoryFormat::Contiguous;
  for (at::Tensor& w : weights_) w = w.to(device, dtype).contiguous(format).requires_grad_(false);
  for (at::Tensor& b : biases_) b = b.to(device, dtype).requires_grad_(false);
  blur_ = blur_.to(device).requires_grad_(false);  // the pyramid stays fp32 (below)
  dtype_ = dtype;
  channels_last_ = channels_last;
}

at::Tensor BuiltinNetwork::octave_features(const at::Tensor& x) const {
  at::Tensor y = x;
  for (std::size_t i = 0; i < weights_.size(); ++i)
    y = ReluInPlace::apply(i == 0 ? InputConv::apply(y, weights_[i], biases_[i])
                                  : conv(y, weights_[i], biases_[i]));
  return y;
}

void BuiltinNetwork::forward(const at::Tensor& rgb, const std::vector<std::string>& layers,
                             const Tap& tap) const {
  int last = -1;
  for (const std::string& layer : layers) last = std::max(last, builtin_octave(layer));
  if (last < 0) throw Error(ErrorCode::no_known_layer);
  // The pyramid of three colour channels costs next to nothing, so it stays in the
  // image's type (libtorch 1.13 has no bf16 reflection padding); each octave enters the
  // filters in the network's type.
  at::Tensor x = rgb - 0.5;
  for (int octave = 0; octave <= last; ++octave) {
    if (octave > 0) x = half(x, blur_);
    bool wanted = false;
    for (const std::string& layer : layers) wanted |= builtin_octave(layer) == octave;
    if (!wanted) continue;
    at::Tensor input = x.to(dtype_);
    if (channels_last_) input = input.contiguous(at::MemoryFormat::ChannelsLast);
    const at::Tensor features = octave_features(input);
    for (const std::string& layer : layers)
      if (builtin_octave(layer) == octave) tap(layer, features);
  }
}

}  // namespace neural_style

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

// The colour channels' mean activation, against 1 for each filter's. The filters sum to
// zero over the colours and never see how light the picture is; these channels carry the
// painting's palette, and much stronger they fade the subject (docs/design.md).
constexpr double kColourActivation = 4;

// `x` with `pad` pixels of its own mirror image around it, where the filters read beyond
// the edge: zero padding showed them a grey frame, which the optimisation answered with a
// band along every painting's edge. In fp32 (libtorch 1.13 has no bf16 reflection
// padding); repeated where an octave is too small to mirror that far.
at::Tensor mirrored(const at::Tensor& x, int64_t pad) {
  const at::Tensor wide = x.scalar_type() == at::kBFloat16 ? x.to(at::kFloat) : x;
  const at::Tensor padded = std::min(x.size(2), x.size(3)) > pad
                                ? at::reflection_pad2d(wide, {pad, pad, pad, pad})
                                : at::replication_pad2d(wide, {pad, pad, pad, pad});
  return padded.to(x.scalar_type()).contiguous(x.suggest_memory_format());
}

// The next octave: a 5x5 binomial blur, every second pixel (Burt and Adelson's pyramid).
at::Tensor half(const at::Tensor& x, const at::Tensor& blur) {
  const int64_t stride[] = {2, 2}, padding[] = {0, 0}, dilation[] = {1, 1};
  return at::conv2d(mirrored(x, 2), blur.to(x.scalar_type()), at::Tensor(), stride, padding,
                    dilation, x.size(1));
}

// A convolution that keeps the size (odd kernels), reading a mirrored border.
at::Tensor conv(const at::Tensor& x, const at::Tensor& weight, const at::Tensor& bias) {
  return at::conv2d(mirrored(x, weight.size(2) / 2), weight, bias);
}

// Filters that pass each colour channel through (with a bias of 0.5, as the network's input
// is centred on grey): the octave's colours as features, which the ReLU leaves alone
// within 0..1.
static_assert(kBuiltinConvs[0].in == kColourChannels, "the first layer reads the colours");
at::Tensor colour_filters(int kernel) {
  at::Tensor w = at::zeros({kColourChannels, 3, kernel, kernel});
  for (int c = 0; c < kColourChannels; ++c) w[c][c][kernel / 2][kernel / 2] = 1.0;
  return w;
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

// Brush-stroke detectors: kStrokeFilters of the first layer's random filters are
// replaced by elongated, oriented ones (an edge and a ridge across the stroke, at
// kStrokeOrientations directions), each with a random colour mix. Random filters alone
// see blotches: their Grams painted a mosaic of dabs at the pyramid's spacing, where these
// paint strokes of the painting's length and direction (docs/design.md, built-in network).
constexpr int kStrokeFilters = 64;
constexpr int kStrokeOrientations = 16;
constexpr double kStrokeLength = 2.2;  // the envelope's sigma along the stroke, in pixels
constexpr double kStrokeWidth = 0.9;   // and across it
static_assert(kStrokeFilters <= kBuiltinConvs[0].out - kColourChannels,
              "the stroke filters take the place of random ones");

// One stroke filter's spatial kernel, zero-mean and of unit norm.
at::Tensor stroke_kernel(int kernel, double angle, bool ridge) {
  at::Tensor k = at::empty({kernel, kernel});
  auto a = k.accessor<float, 2>();
  const double centre = kernel / 2;
  for (int y = 0; y < kernel; ++y)
    for (int x = 0; x < kernel; ++x) {
      const double along = (x - centre) * std::cos(angle) + (y - centre) * std::sin(angle);
      const double across = (y - centre) * std::cos(angle) - (x - centre) * std::sin(angle);
      const double v = across / kStrokeWidth, u = along / kStrokeLength;
      const double envelope = std::exp(-0.5 * (u * u + v * v));
      a[y][x] = static_cast<float>((ridge ? 1 - v * v : v) * envelope);
    }
  k -= k.mean();
  return k / k.norm();
}

// `count` stroke filters over three colours, of the norm random ones of `sigma` have.
at::Tensor stroke_filters(int count, int kernel, double sigma, at::Generator& generator) {
  at::Tensor w = at::empty({count, 3, kernel, kernel});
  for (int f = 0; f < count; ++f) {
    const double angle = M_PI * (f % kStrokeOrientations) / kStrokeOrientations;
    const at::Tensor k = stroke_kernel(kernel, angle, (f / kStrokeOrientations) % 2 == 1);
    const at::Tensor mix = at::normal(0.0, sigma * kernel, {3, 1, 1}, generator);
    w[f] = mix * k;
  }
  return w;
}

}  // namespace

BuiltinNetwork::BuiltinNetwork(std::uint64_t seed) {
  at::NoGradGuard no_grad;
  at::Generator generator = at::make_generator<at::CPUGeneratorImpl>(seed);
  const at::Tensor b = at::tensor({1.0f, 4.0f, 6.0f, 4.0f, 1.0f}) / 16.0f;
  blur_ = at::outer(b, b).expand({3, 1, 5, 5}).contiguous();
  for (const BuiltinConv& conv : kBuiltinConvs) {
    const int random = conv.out - (weights_.empty() ? kColourChannels : 0);
    const double sigma = std::sqrt(2.0 / (conv.in * conv.kernel * conv.kernel));
    const at::Tensor w =
        at::normal(0.0, sigma, {random, conv.in, conv.kernel, conv.kernel}, generator);
    weights_.push_back(w - w.mean({1, 2, 3}, /*keepdim=*/true));
    if (weights_.size() == 1)
      weights_.front().narrow(0, 0, kStrokeFilters)
          .copy_(stroke_filters(kStrokeFilters, conv.kernel, sigma, generator));
    biases_.push_back(at::zeros({random}));
  }
  weights_.front() = at::cat({weights_.front(), colour_filters(kBuiltinConvs[0].kernel)});
  biases_.front() = at::cat({biases_.front(), at::full({kColourChannels}, 0.5)});
  // Each channel to a mean activation of 1, layer by layer.
  at::Tensor x = calibration_image(generator) - 0.5;
  for (std::size_t i = 0; i < weights_.size(); ++i) {
    x = at::relu(conv(x, weights_[i], biases_[i]));
    const at::Tensor scale = 1.0 / x.mean({0, 2, 3}).clamp_min(1e-3);
    weights_[i] *= scale.view({-1, 1, 1, 1});
    biases_[i] *= scale;
    x *= scale.view({1, -1, 1, 1});
  }
  const int64_t first_colour = weights_.front().size(0) - kColourChannels;
  weights_.front().narrow(0, first_colour, kColourChannels) *= kColourActivation;
  biases_.front().narrow(0, first_colour, kColourChannels) *= kColourActivation;
}

int BuiltinNetwork::colour_channels() const { return kColourChannels; }

int BuiltinNetwork::stroke_channels() const { return kStrokeFilters; }

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
    y = ReluInPlace::apply(
        i == 0 ? InputConv::apply(mirrored(y, weights_[i].size(2) / 2), weights_[i], biases_[i], 0)
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

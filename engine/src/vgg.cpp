#include "vgg.h"

#include <torch/utils.h>

#include <cmath>

#include "neural_style/error.h"
#include "safetensors.h"
#include "input_conv.h"
#include "relu_in_place.h"
#include "vgg_layers.h"

namespace neural_style {
namespace {

at::Tensor from_file(const std::string& path, const safetensors::Header& header,
                     const std::string& name, std::vector<int64_t> shape) {
  auto it = header.tensors.find(name);
  if (it == header.tensors.end())
    throw Error(ErrorCode::weights_not_vgg19, {path, name});
  if (it->second.shape != shape)
    throw Error(ErrorCode::weights_wrong_vgg19_shape, {path, name});
  std::vector<float> values = safetensors::read_f32(path, header, name);
  return at::from_blob(values.data(), shape, at::kFloat).clone();
}

int deepest(const std::vector<std::string>& layers) {
  int last = -1;
  for (const std::string& layer : layers) last = std::max(last, vgg_layer_index(layer));
  if (last < 0) throw Error(ErrorCode::no_known_layer);
  return last;
}

}  // namespace

Vgg19 Vgg19::load(const std::string& path) {
  const safetensors::Header header = safetensors::read_header(path);
  Vgg19 net;
  for (const VggConv& conv : kVggConvs) {
    const std::string prefix = "features." + std::to_string(conv.index);
    net.weights_.push_back(from_file(path, header, prefix + ".weight", {conv.out, conv.in, 3, 3}));
    net.biases_.push_back(from_file(path, header, prefix + ".bias", {conv.out}));
  }
  net.pretrained_ = true;
  return net;
}

Vgg19 Vgg19::random(std::uint64_t seed) {
  at::Generator generator = at::make_generator<at::CPUGeneratorImpl>(seed);
  Vgg19 net;
  for (const VggConv& conv : kVggConvs) {
    const double sigma = std::sqrt(2.0 / (conv.out * 9));  // Kaiming normal, fan-out, ReLU
    net.weights_.push_back(at::normal(0.0, sigma, {conv.out, conv.in, 3, 3}, generator));
    net.biases_.push_back(at::zeros({conv.out}));
  }
  return net;
}

void Vgg19::to(at::Device device, at::ScalarType dtype, bool channels_last) {
  const auto format = channels_last ? at::MemoryFormat::ChannelsLast : at::MemoryFormat::Contiguous;
  for (at::Tensor& w : weights_) w = w.to(device, dtype).contiguous(format).requires_grad_(false);
  for (at::Tensor& b : biases_) b = b.to(device, dtype).requires_grad_(false);
  dtype_ = dtype;
  channels_last_ = channels_last;
}

void Vgg19::forward(const at::Tensor& rgb, const std::vector<std::string>& layers,
                    const Tap& tap) const {
  const auto options = at::TensorOptions().device(rgb.device()).dtype(rgb.scalar_type());
  const at::Tensor mean = at::tensor({0.485, 0.456, 0.406}, options).view({1, 3, 1, 1});
  const at::Tensor sigma = at::tensor({0.229, 0.224, 0.225}, options).view({1, 3, 1, 1});
  at::Tensor x = ((rgb - mean) / sigma).to(dtype_);
  if (channels_last_) x = x.contiguous(at::MemoryFormat::ChannelsLast);

  const int last = deepest(layers);
  for (int i = 0; i <= last; ++i) {
    if (kVggConvs[i].pool_before) x = at::max_pool2d(x, {2, 2}, {2, 2});
    // In place, as torchvision does: a convolution's backward needs its input, not its
    // output, so the output's memory can hold the ReLU.
    const int64_t pad = weights_[i].size(2) / 2;  // zeros, as VGG-19 was trained with
    x = ReluInPlace::apply(i == 0 ? InputConv::apply(x, weights_[i], biases_[i], pad)
                                  : at::conv2d(x, weights_[i], biases_[i], 1, pad));
    for (const std::string& layer : layers)
      if (layer == kVggConvs[i].relu) tap(layer, x);
  }
}

}  // namespace neural_style

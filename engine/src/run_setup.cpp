#include "run_setup.h"

#include <torch/cuda.h>

#include "builtin_network.h"
#include "neural_style/error.h"
#include "neural_style/speed.h"
#include "neural_style/weights.h"
#include "vgg.h"

namespace neural_style {

at::Device pick_device(const Settings& s) {
  if (s.device == Device::cuda && !torch::cuda::is_available())
    throw Error(ErrorCode::cuda_unavailable);
  if (s.device == Device::cpu || !torch::cuda::is_available()) return at::Device(at::kCPU);
  // The GPU's fast paths: cuDNN picks the fastest convolution for each scale's shape
  // (shapes repeat for every step of a scale), and fp32 products use TF32 tensor cores.
  at::globalContext().setBenchmarkCuDNN(true);
  at::globalContext().setAllowTF32CuDNN(true);
  at::globalContext().setAllowTF32CuBLAS(true);
  return at::Device(at::kCUDA);
}

at::ScalarType pick_dtype(const Settings& s, at::Device device) {
  if (s.precision == Precision::bf16) return at::kBFloat16;
  if (s.precision == Precision::fp32 || !device.is_cpu()) return at::kFloat;
  return run_precision(s) == Precision::bf16 ? at::kBFloat16 : at::kFloat;
}

std::unique_ptr<Network> load_network(const Settings& s, std::string& path) {
  path = find_weights(s.weights_path);
  if (path.empty()) return std::make_unique<BuiltinNetwork>(kFixedSeed);
  return std::make_unique<Vgg19>(Vgg19::load(path));
}

}  // namespace neural_style

#include "losses.h"

namespace neural_style {
namespace {

// Keeps a target of all zeros (a dead layer of a random network) from dividing by 0.
constexpr double kEpsilon = 1e-8;

at::ScalarType accumulation_type(const at::Tensor& t) {
  return t.scalar_type() == at::kDouble ? at::kDouble : at::kFloat;
}

}  // namespace

at::Tensor gram(const at::Tensor& features) {
  const int64_t channels = features.size(1);
  const int64_t positions = features.size(2) * features.size(3);
  at::Tensor f = features.reshape({channels, positions}).to(accumulation_type(features));
  return at::mm(f, f.t()) / static_cast<double>(positions);
}

at::Tensor relative_loss(const at::Tensor& x, const at::Tensor& target) {
  const auto type = accumulation_type(target);
  at::Tensor t = target.to(type);
  return (x.to(type) - t).pow(2).sum() / (t.pow(2).sum() + kEpsilon);
}

at::Tensor tv_loss(const at::Tensor& image) {
  using at::indexing::Slice;
  at::Tensor dx = image.index({Slice(), Slice(), Slice(), Slice(1, at::indexing::None)}) -
                  image.index({Slice(), Slice(), Slice(), Slice(at::indexing::None, -1)});
  at::Tensor dy = image.index({Slice(), Slice(), Slice(1, at::indexing::None), Slice()}) -
                  image.index({Slice(), Slice(), Slice(at::indexing::None, -1), Slice()});
  return dx.pow(2).mean() + dy.pow(2).mean();
}

}  // namespace neural_style

#include "losses.h"

#include <torch/autograd.h>

namespace neural_style {
namespace {

// Keeps a target of all zeros (a dead layer of a random network) from dividing by 0.
constexpr double kEpsilon = 1e-8;

at::ScalarType accumulation_type(const at::Tensor& t) {
  return t.scalar_type() == at::kDouble ? at::kDouble : at::kFloat;
}

// Features as a positions x channels matrix: a free view for channels-last tensors.
at::Tensor as_matrix(const at::Tensor& features) {
  return features.permute({0, 2, 3, 1}).reshape({-1, features.size(1)});
}

// G = X^T X / N with a hand-written backward: autograd's own would multiply twice (once
// per operand of the product) and copy the transposes; this is one product. The forward
// product is fp32 (the loss needs it); the backward one runs in the features' own type,
// since its result only feeds the network's backward pass in that type (bf16: AMX).
class GramFunction : public torch::autograd::Function<GramFunction> {
 public:
  static at::Tensor forward(torch::autograd::AutogradContext* ctx, const at::Tensor& features) {
    ctx->save_for_backward({features});
    const at::Tensor x = as_matrix(features).to(accumulation_type(features));
    return at::mm(x.t(), x) / static_cast<double>(x.size(0));
  }

  static torch::autograd::variable_list backward(torch::autograd::AutogradContext* ctx,
                                                 torch::autograd::variable_list grads) {
    const at::Tensor features = ctx->get_saved_variables()[0];
    const at::Tensor x = as_matrix(features);
    const at::Tensor g = (grads[0] + grads[0].t()) / static_cast<double>(x.size(0));
    const at::Tensor dx = at::mm(x, g.to(x.scalar_type()));  // positions x channels
    return {dx.reshape({features.size(0), features.size(2), features.size(3), features.size(1)})
                .permute({0, 3, 1, 2})};
  }
};

}  // namespace

at::Tensor gram(const at::Tensor& features) { return GramFunction::apply(features); }

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

// Autograd's gradient of a scalar function against central differences, in double: the
// check behind every hand-written backward in the engine.
#pragma once

#include <gtest/gtest.h>
#include <torch/autograd.h>

#include <cmath>
#include <functional>

namespace neural_style {

// Checks every `stride`-th element of `x`, within `tolerance` times 1 + |numeric|. The
// networks are piecewise linear: where a step of h crosses a ReLU's kink, the difference
// depends on the step, so an element whose differences at h and h / 2 disagree is skipped;
// at least half of the elements checked must be smooth.
inline void expect_gradient_matches(const std::function<at::Tensor(const at::Tensor&)>& f,
                                    at::Tensor x, int64_t stride = 1, double tolerance = 1e-6) {
  x = x.clone().requires_grad_(true);
  const at::Tensor analytic = torch::autograd::grad({f(x)}, {x})[0].reshape(-1);
  at::NoGradGuard no_grad;
  at::Tensor flat = x.detach().clone().view(-1);
  const auto difference = [&](int64_t i, double h) {
    const double v = flat[i].item<double>();
    flat[i] = v + h;
    const double up = f(flat.view(x.sizes())).item<double>();
    flat[i] = v - h;
    const double down = f(flat.view(x.sizes())).item<double>();
    flat[i] = v;
    return (up - down) / (2 * h);
  };
  int64_t checked = 0, smooth = 0;
  for (int64_t i = 0; i < flat.numel(); i += stride, ++checked) {
    const double numeric = difference(i, 1e-6);
    const double allowed = tolerance * (1 + std::abs(numeric));
    if (std::abs(difference(i, 5e-7) - numeric) > allowed) continue;
    ++smooth;
    EXPECT_NEAR(analytic[i].item<double>(), numeric, allowed) << "element " << i;
  }
  EXPECT_GE(2 * smooth, checked) << "elements where the function is smooth";
}

}  // namespace neural_style

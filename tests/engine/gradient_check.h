// Autograd's gradient of a scalar function against central differences, in double: the
// check behind every hand-written backward in the engine.
#pragma once

#include <gtest/gtest.h>
#include <torch/autograd.h>

#include <cmath>
#include <functional>

namespace neural_style {

// Checks every `stride`-th element of `x`, within `tolerance` times 1 + |numeric|.
inline void expect_gradient_matches(const std::function<at::Tensor(const at::Tensor&)>& f,
                                    at::Tensor x, int64_t stride = 1, double tolerance = 1e-6) {
  x = x.clone().requires_grad_(true);
  const at::Tensor analytic = torch::autograd::grad({f(x)}, {x})[0].reshape(-1);
  at::NoGradGuard no_grad;
  const double h = 1e-6;
  at::Tensor flat = x.detach().clone().view(-1);
  for (int64_t i = 0; i < flat.numel(); i += stride) {
    const double v = flat[i].item<double>();
    flat[i] = v + h;
    const double up = f(flat.view(x.sizes())).item<double>();
    flat[i] = v - h;
    const double down = f(flat.view(x.sizes())).item<double>();
    flat[i] = v;
    const double numeric = (up - down) / (2 * h);
    EXPECT_NEAR(analytic[i].item<double>(), numeric, tolerance * (1 + std::abs(numeric)))
        << "element " << i;
  }
}

}  // namespace neural_style

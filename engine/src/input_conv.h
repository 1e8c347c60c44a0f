// The networks' first convolution, on the image's three colour channels, with a backward to
// the image as one matrix product and col2im. oneDNN's own backward-data for three input
// channels runs at a fifth of the machine's matrix-multiply rate (AMD EPYC, AVX2: 0.44 s for
// the built-in network's 3->128 7x7 layer at 512x512, against 0.20 s this way), and it is the
// largest single cost of a step. The weights are frozen, so no weight gradient is formed.
#pragma once

#include <ATen/ATen.h>
#include <torch/autograd.h>

#include <vector>

namespace neural_style {

class InputConv : public torch::autograd::Function<InputConv> {
 public:
  // Odd kernels, stride 1, zero-padded by `pad` on every side.
  static at::Tensor forward(torch::autograd::AutogradContext* ctx, const at::Tensor& x,
                            const at::Tensor& weight, const at::Tensor& bias, int64_t pad) {
    ctx->saved_data["kernel"] = weight.size(2);
    ctx->saved_data["pad"] = pad;
    ctx->saved_data["height"] = x.size(2);
    ctx->saved_data["width"] = x.size(3);
    ctx->save_for_backward({weight});
    return at::conv2d(x, weight, bias, {1, 1}, {pad, pad});
  }

  static torch::autograd::variable_list backward(torch::autograd::AutogradContext* ctx,
                                                 torch::autograd::variable_list grads) {
    const at::Tensor weight = ctx->get_saved_variables()[0];
    const int64_t kernel = ctx->saved_data["kernel"].toInt(), pad = ctx->saved_data["pad"].toInt();
    const int64_t height = ctx->saved_data["height"].toInt();
    const int64_t width = ctx->saved_data["width"].toInt();
    const at::Tensor w = weight.reshape({weight.size(0), -1}).t();  // in*k*k x out
    // Positions x output channels: a view of a channels-last gradient, no copy.
    const at::Tensor g = grads[0].contiguous(at::MemoryFormat::ChannelsLast).permute({0, 2, 3, 1});
    std::vector<at::Tensor> dx;
    for (int64_t i = 0; i < g.size(0); ++i) {
      // Every position's share of each input pixel, summed back into the image by col2im.
      const at::Tensor columns = at::mm(w, g[i].reshape({g.size(1) * g.size(2), -1}).t());
      dx.push_back(at::col2im(columns.unsqueeze(0), {height, width}, {kernel, kernel}, {1, 1},
                              {pad, pad}, {1, 1}));
    }
    return {at::cat(dx), at::Tensor(), at::Tensor(), at::Tensor()};
  }
};

}  // namespace neural_style

#include "losses.h"

#include <torch/autograd.h>

#include <algorithm>
#include <cmath>

namespace neural_style {
namespace {

at::ScalarType accumulation_type(const at::Tensor& t) {
  return t.scalar_type() == at::kDouble ? at::kDouble : at::kFloat;
}

// Features as a positions x channels matrix: a free view for channels-last tensors.
at::Tensor as_matrix(const at::Tensor& features) {
  return features.permute({0, 2, 3, 1})
      .reshape({features.size(0) * features.size(2) * features.size(3), features.size(1)});
}

// A positions x channels matrix back as features shaped and typed like `like`, channels-last.
at::Tensor as_features(const at::Tensor& matrix, const at::Tensor& like) {
  return matrix.to(like.scalar_type())
      .reshape({like.size(0), like.size(2), like.size(3), like.size(1)})
      .permute({0, 3, 1, 2});
}

// The bf16 Gram's partial products: enough positions each to keep AMX busy, enough of them
// that their bf16 rounding averages out (test_losses: relative error about 2e-4 with 16 or
// more, against 2e-3 for one bf16 product).
constexpr int64_t kPartialRows = 2048;
constexpr int64_t kMinPartials = 16;
constexpr int64_t kMaxPartials = 64;

// Whether this machine's bf16 matrix products accumulate in fp32 (oneDNN on AMX or
// AVX512-BF16). Elsewhere libtorch 1.13 accumulates them in bf16, which keeps 8 bits of
// a sum: one Gram is then 90% off (measured on an AVX2 AMD EPYC). Asked once, of a
// product whose exact answer is 4096.
bool bf16_products_accumulate_in_fp32() {
  static const bool exact = [] {
    const at::Tensor ones = at::ones({4096, 8}, at::kBFloat16);
    return at::mm(ones.t(), ones).to(at::kFloat).min().item<float>() > 4000;
  }();
  return exact;
}

// X^T X in fp32 (or double). Many bf16 positions are summed as bf16 products of chunks of
// positions (AMX) accumulated in fp32: 5-20x faster than one fp32 product, most of whose
// time goes into copying the features to fp32. Few positions take the fp32 path, and so
// does every product on a machine whose bf16 products do not accumulate in fp32.
at::Tensor gram_product(const at::Tensor& x) {
  const int64_t positions = x.size(0), channels = x.size(1);
  const int64_t parts = std::min(kMaxPartials, positions / kPartialRows);
  if (x.scalar_type() != at::kBFloat16 || parts < kMinPartials ||
      !bf16_products_accumulate_in_fp32()) {
    const at::Tensor f = x.to(accumulation_type(x));
    return at::mm(f.t(), f);
  }
  const int64_t rows = positions / parts, bulk = rows * parts;
  const at::Tensor chunks = x.narrow(0, 0, bulk).view({parts, rows, channels});
  at::Tensor g = at::bmm(chunks.transpose(1, 2), chunks).to(at::kFloat).sum(0);
  if (bulk < positions) {
    const at::Tensor rest = x.narrow(0, bulk, positions - bulk).to(at::kFloat);
    g.addmm_(rest.t(), rest);
  }
  return g;
}

// G = X^T X / N with a hand-written backward: autograd's own would multiply twice (once
// per operand of the product) and copy the transposes; this is one product. The forward
// product is accumulated in fp32 (the loss needs it); the backward one runs in the
// features' own type, since its result only feeds the network's backward pass in that
// type (bf16: AMX).
class GramFunction : public torch::autograd::Function<GramFunction> {
 public:
  static at::Tensor forward(torch::autograd::AutogradContext* ctx, const at::Tensor& features) {
    ctx->save_for_backward({features});
    const at::Tensor x = as_matrix(features);
    return gram_product(x) / static_cast<double>(x.size(0));
  }

  static torch::autograd::variable_list backward(torch::autograd::AutogradContext* ctx,
                                                 torch::autograd::variable_list grads) {
    const at::Tensor features = ctx->get_saved_variables()[0];
    const at::Tensor x = as_matrix(features);
    const at::Tensor g = (grads[0] + grads[0].t()) / static_cast<double>(x.size(0));
    const at::ScalarType type =
        bf16_products_accumulate_in_fp32() ? x.scalar_type() : accumulation_type(x);
    return {as_features(at::mm(x.to(type), g.to(type)), features)};
  }
};

// The sums of two layers' products and of each one's features, with a hand-written
// backward that hands each layer its gradient in its own (channels-last) layout: autograd's
// own returns transposed ones, which slow every backward pass below them.
class CrossFunction : public torch::autograd::Function<CrossFunction> {
 public:
  static torch::autograd::variable_list forward(torch::autograd::AutogradContext* ctx,
                                                const at::Tensor& finer, const at::Tensor& coarser) {
    ctx->save_for_backward({finer, coarser});
    const at::Tensor a = as_matrix(finer).to(accumulation_type(finer));
    const at::Tensor b = as_matrix(coarser).to(accumulation_type(coarser));
    return {at::mm(a.t(), b), a.sum(0), b.sum(0)};
  }

  static torch::autograd::variable_list backward(torch::autograd::AutogradContext* ctx,
                                                 torch::autograd::variable_list grads) {
    const auto saved = ctx->get_saved_variables();
    const at::Tensor a = as_matrix(saved[0]).to(accumulation_type(saved[0]));
    const at::Tensor b = as_matrix(saved[1]).to(accumulation_type(saved[1]));
    at::Tensor da = at::mm(b, grads[0].t()) + grads[1], db = at::mm(a, grads[0]) + grads[2];
    return {as_features(da, saved[0]), as_features(db, saved[1])};
  }
};

// The first `channels` channels of a layer's features at positions [y, y + rows) x [x, x + cols).
at::Tensor window(const at::Tensor& features, int64_t channels, int64_t y, int64_t x, int64_t rows,
                  int64_t cols) {
  return features.narrow(1, 0, channels).narrow(2, y, rows).narrow(3, x, cols);
}

// A window of positions and their partners `dx`, `dy` further on, as one block read row by row:
// its positions x channels matrix (a view where the block spans the layer's width, else a
// copy) holds each position's partner `dy * width + dx` rows further down, so that one product
// of two of its slices sums every pair, with the pairs that wrap from one row's end into the
// next row subtracted. No copy of the windows, where the whole layer is used.
struct ShiftBlock {
  at::Tensor all, first, second;  // the block's matrix; positions' and partners' slices
  at::Tensor wrapped, partners;   // the wrapping positions and their partners
  int64_t width;                  // of the block

  ShiftBlock(const at::Tensor& features, const std::vector<int64_t>& w, at::ScalarType type) {
    const int64_t channels = w[0], dx = w[1], dy = w[2], y = w[3], x = w[4], rows = w[5],
                  cols = w[6];
    const at::Tensor block = window(features, channels, y, x, rows + dy, cols + dx);
    width = cols + dx;
    all = as_matrix(block).to(type);
    const int64_t pairs = rows * width - dx;
    first = all.narrow(0, 0, pairs);
    second = all.narrow(0, dy * width + dx, pairs);
    wrapped = as_matrix(block.narrow(2, 0, rows - 1).narrow(3, cols, dx)).to(type);
    partners = as_matrix(block.narrow(2, dy + 1, rows - 1).narrow(3, 0, dx)).to(type);
  }
};

// The sums of a window's products with the window `dx`, `dy` positions further on, with a
// hand-written backward that hands the whole layer its gradient channels-last: autograd's
// own, through the windows' slices, comes channels-first and slowed every backward pass
// below it (a step at 512 px a quarter longer).
class ShiftFunction : public torch::autograd::Function<ShiftFunction> {
 public:
  static torch::autograd::variable_list forward(torch::autograd::AutogradContext* ctx,
                                                const at::Tensor& features, int64_t channels,
                                                int64_t dx, int64_t dy, int64_t y, int64_t x,
                                                int64_t rows, int64_t cols) {
    ctx->save_for_backward({features});
    const std::vector<int64_t> w{channels, dx, dy, y, x, rows, cols};
    ctx->saved_data["window"] = w;
    const ShiftBlock b(features, w, accumulation_type(features));
    return {at::mm(b.first.t(), b.second) - at::mm(b.wrapped.t(), b.partners),
            b.first.sum(0) - b.wrapped.sum(0), b.second.sum(0) - b.partners.sum(0)};
  }

  static torch::autograd::variable_list backward(torch::autograd::AutogradContext* ctx,
                                                 torch::autograd::variable_list grads) {
    const at::Tensor f = ctx->get_saved_variables()[0];
    const std::vector<int64_t> w = ctx->saved_data["window"].toIntVector();
    const int64_t channels = w[0], dx = w[1], dy = w[2], y = w[3], x = w[4], rows = w[5];
    const ShiftBlock b(f, w, accumulation_type(f));
    at::Tensor all = at::zeros_like(b.all, at::MemoryFormat::Contiguous);
    const int64_t pairs = b.first.size(0), offset = dy * b.width + dx;
    all.narrow(0, 0, pairs).addmm_(b.second, grads[0].t()).add_(grads[1]);
    all.narrow(0, offset, pairs).addmm_(b.first, grads[0]).add_(grads[2]);
    // The wrapping positions lie in rows [0, rows - 1), columns [cols, width); their partners
    // dy + 1 rows further down, in columns [0, dx).
    const at::Tensor grid = all.view({-1, b.width, channels});
    grid.narrow(0, 0, rows - 1).narrow(1, b.width - dx, dx)
        .sub_((at::mm(b.partners, grads[0].t()) + grads[1]).view({rows - 1, dx, channels}));
    grid.narrow(0, dy + 1, rows - 1).narrow(1, 0, dx)
        .sub_((at::mm(b.wrapped, grads[0]) + grads[2]).view({rows - 1, dx, channels}));
    at::Tensor gradient = at::zeros_like(f);
    const at::Tensor block = window(gradient, channels, y, x, rows + dy, b.width);
    block.copy_(as_features(all, block));
    return {gradient, at::Tensor(), at::Tensor(), at::Tensor(), at::Tensor(), at::Tensor(),
            at::Tensor(), at::Tensor()};
  }
};

// Brightness and colour (BT.601 Y, and Cb and Cr scaled to Y's range) with colour
// differences weighted kChromaSmoothness times as much as brightness differences: the
// smoothness term then removes single-pixel colour speckle, which no painting has, and
// leaves the brush strokes' light and dark alone (quality benchmark: colour noise 4x
// lower, content and style distance unchanged).
constexpr double kChromaSmoothness = 10;

at::Tensor smoothness_space(const at::Tensor& like) {
  const double c = 2 * std::sqrt(kChromaSmoothness);
  return at::tensor({0.299, 0.587, 0.114,
                     -0.168736 * c, -0.331264 * c, 0.5 * c,
                     0.5 * c, -0.418688 * c, -0.081312 * c},
                    like.options()).view({3, 3});
}

}  // namespace

at::Tensor gram(const at::Tensor& features) { return GramFunction::apply(features); }

at::Tensor onto_coarser(const at::Tensor& features) {
  return at::avg_pool2d(features, {2, 2}, {2, 2}, {0, 0}, /*ceil_mode=*/true,
                        /*count_include_pad=*/false);
}

CrossSums cross_sums(const at::Tensor& finer, const at::Tensor& coarser) {
  const auto sums = CrossFunction::apply(finer, coarser);
  return {sums[0], sums[1], sums[2], static_cast<double>(finer.numel() / finer.size(1))};
}

CrossSums shifted_sums(const at::Tensor& features, int channels, int dx, int dy, int64_t y,
                       int64_t x, int64_t rows, int64_t cols) {
  rows = std::min(rows, features.size(2) - y - dy);
  cols = std::min(cols, features.size(3) - x - dx);
  if (rows <= 0 || cols <= 0) return {};
  const auto sums = ShiftFunction::apply(features, channels, dx, dy, y, x, rows, cols);
  return {sums[0], sums[1], sums[2], static_cast<double>(rows * cols)};
}

at::Tensor cross_covariance(const CrossSums& sums) {
  const double n = sums.positions;
  return sums.products / n - at::outer(sums.finer / n, sums.coarser / n);
}

at::Tensor relative_loss(const at::Tensor& x, const at::Tensor& target) {
  const auto type = accumulation_type(target);
  at::Tensor t = target.to(type);
  return (x.to(type) - t).pow(2).sum() / (t.pow(2).sum() + kRelativeEpsilon);
}

at::Tensor tv_loss(const at::Tensor& rgb) {
  using at::indexing::Slice;
  const at::Tensor image = at::einsum("ij,bjhw->bihw", {smoothness_space(rgb), rgb});
  at::Tensor dx = image.index({Slice(), Slice(), Slice(), Slice(1, at::indexing::None)}) -
                  image.index({Slice(), Slice(), Slice(), Slice(at::indexing::None, -1)});
  at::Tensor dy = image.index({Slice(), Slice(), Slice(1, at::indexing::None), Slice()}) -
                  image.index({Slice(), Slice(), Slice(at::indexing::None, -1), Slice()});
  return dx.pow(2).mean() + dy.pow(2).mean();
}

at::Tensor range_loss(const at::Tensor& rgb) {
  return (at::relu(-rgb).pow(2) + at::relu(rgb - 1).pow(2)).mean();
}

}  // namespace neural_style

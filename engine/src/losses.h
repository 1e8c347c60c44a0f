// The three losses of Gatys et al., normalised so that their weights mean the same at
// any image size and for any network: a Gram matrix is averaged over positions, and the
// content and style losses are relative squared errors (1 = as far off as the target
// is from zero). Every style layer therefore counts equally, whatever its magnitude.
#pragma once

#include <ATen/ATen.h>

namespace neural_style {

// Features 1xCxHxW -> CxC Gram matrix divided by H*W. Computed in fp32 or wider even
// when the features are bf16.
at::Tensor gram(const at::Tensor& features);

// A layer's features with each 2x2 block of positions averaged: on the grid of the layer
// of twice its stride (ceil(n/2) of n positions, as the built-in pyramid halves).
at::Tensor onto_coarser(const at::Tensor& features);

// What the centred covariance between two layers' features on one grid is made of, in
// fp32 or wider: the sums of their products and of each one's features, over `positions`.
// Sums over tiles add up to the whole image's.
struct CrossSums {
  at::Tensor products;        // C1 x C2
  at::Tensor finer, coarser;  // C1 and C2
  double positions = 0;
};
CrossSums cross_sums(const at::Tensor& finer, const at::Tensor& coarser);

// The same sums for the first `channels` of one layer's features at positions
// [y, y + rows) x [x, x + cols) and those `dx`, `dy` >= 0 positions further on, over the
// positions whose partner lies within `features` (none: zero positions). Windows of a layer
// over tiles add up to the whole's.
CrossSums shifted_sums(const at::Tensor& features, int channels, int dx, int dy, int64_t y,
                       int64_t x, int64_t rows, int64_t cols);

// products / N - mean(finer) mean(coarser)^T: which features of one scale occur where
// those of the next one do, beyond how often each occurs.
at::Tensor cross_covariance(const CrossSums& sums);

// Keeps a target of all zeros (a dead layer of a random network) from dividing by 0.
inline constexpr double kRelativeEpsilon = 1e-8;

// ||x - target||^2 / (||target||^2 + kRelativeEpsilon), for features or Gram matrices.
at::Tensor relative_loss(const at::Tensor& x, const at::Tensor& target);

// Mean squared difference between neighbouring pixels, horizontally plus vertically, of
// an RGB image in a space where colour differences weigh more than brightness ones.
at::Tensor tv_loss(const at::Tensor& rgb);

// Mean squared excess of the pixels beyond 0..1 (0 inside). The optimiser works on
// unbounded pixels and the result is clamped; without this term it met the style partly
// with values beyond the range, which the clamp then took away (objective.cpp).
at::Tensor range_loss(const at::Tensor& rgb);

}  // namespace neural_style

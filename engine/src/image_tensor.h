// Conversions between the engine's plain Image and torch tensors, and the resampling
// and colour operations that work on whole images.
#pragma once

#include <ATen/ATen.h>

#include <vector>

#include "neural_style/image.h"

namespace neural_style {

// 1x3xHxW float RGB in 0..1; grey is replicated and alpha composited over white, so
// hidden colours under transparent pixels cannot steer the result.
at::Tensor to_tensor(const Image& image);

// The inverse for an RGB tensor, in the layout of `like` (its channel count and alpha).
Image to_image(const at::Tensor& rgb, const Image& like);

// Plain RGB image from an RGB tensor (for previews).
Image to_rgb_image(const at::Tensor& rgb);

// Antialiased when shrinking, bicubic when growing; the result is clamped to 0..1.
at::Tensor resize(const at::Tensor& rgb, int width, int height);

// Luminance of `stylised` with the chroma of `content` (same size, BT.601 YCbCr); where
// that chroma cannot have that luminance, the nearest luminance it can.
at::Tensor preserve_colors(const at::Tensor& stylised, const at::Tensor& content);

// `content` recoloured to the mean and covariance of the pixel colours of `styles`, mixed
// by their `shares` (a linear colour transfer).
at::Tensor match_palette(const at::Tensor& content, const std::vector<at::Tensor>& styles,
                         const std::vector<double>& shares);

}  // namespace neural_style

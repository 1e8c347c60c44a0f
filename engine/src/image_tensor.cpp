#include "image_tensor.h"

#include <algorithm>
#include <cmath>

namespace neural_style {
namespace {

// Rec. 709 luma, as GIMP's desaturate uses for grey results.
float luma(float r, float g, float b) { return 0.2126f * r + 0.7152f * g + 0.0722f * b; }

at::Tensor ycbcr(const at::Tensor& rgb) {
  auto r = rgb.select(1, 0), g = rgb.select(1, 1), b = rgb.select(1, 2);
  auto y = 0.299 * r + 0.587 * g + 0.114 * b;
  auto cb = -0.168736 * r - 0.331264 * g + 0.5 * b;
  auto cr = 0.5 * r - 0.418688 * g - 0.081312 * b;
  return at::stack({y, cb, cr}, 1);
}

at::Tensor rgb_from_ycbcr(const at::Tensor& ycc) {
  auto y = ycc.select(1, 0), cb = ycc.select(1, 1), cr = ycc.select(1, 2);
  return at::stack({y + 1.402 * cr, y - 0.344136 * cb - 0.714136 * cr, y + 1.772 * cb}, 1);
}

// Mean (3x1) and covariance (3x3) of an RGB tensor's pixels, in double.
std::pair<at::Tensor, at::Tensor> colour_moments(const at::Tensor& rgb) {
  const at::Tensor pixels = rgb.to(at::kDouble).reshape({3, -1});
  const at::Tensor mean = pixels.mean(1, true);
  const at::Tensor centred = pixels - mean;
  return {mean, centred.mm(centred.t()) / pixels.size(1)};
}

// A colour covariance to a power. The floor (a spread of 1% of the range) keeps an almost
// grey photo's faint colour noise from being stretched to the painting's colours.
at::Tensor covariance_power(const at::Tensor& covariance, double power) {
  const auto [values, vectors] = at::linalg_eigh(covariance);
  return vectors.mm(at::diag(values.clamp_min(1e-4).pow(power))).mm(vectors.t());
}

}  // namespace

at::Tensor to_tensor(const Image& image) {
  const int w = image.width, h = image.height, c = image.channels;
  at::Tensor out = at::empty({1, 3, h, w}, at::kFloat);
  float* dst = out.data_ptr<float>();
  const std::size_t plane = static_cast<std::size_t>(w) * h;
  const bool grey = c < 3;
  const int alpha = image.has_alpha() ? c - 1 : -1;
  for (std::size_t i = 0; i < plane; ++i) {
    const float* px = &image.pixels[i * c];
    const float a = alpha >= 0 ? std::clamp(px[alpha], 0.0f, 1.0f) : 1.0f;
    for (int k = 0; k < 3; ++k) {
      const float v = std::clamp(px[grey ? 0 : k], 0.0f, 1.0f);
      dst[k * plane + i] = v * a + (1.0f - a);
    }
  }
  return out;
}

Image to_image(const at::Tensor& rgb, const Image& like) {
  at::Tensor cpu = rgb.detach().to(at::kCPU, at::kFloat).clamp(0, 1).contiguous();
  Image out(like.width, like.height, like.channels);
  const float* src = cpu.data_ptr<float>();
  const std::size_t plane = static_cast<std::size_t>(like.width) * like.height;
  const int c = like.channels;
  for (std::size_t i = 0; i < plane; ++i) {
    float* px = &out.pixels[i * c];
    const float r = src[i], g = src[plane + i], b = src[2 * plane + i];
    if (c < 3) {
      px[0] = luma(r, g, b);
    } else {
      px[0] = r, px[1] = g, px[2] = b;
    }
    if (like.has_alpha()) px[c - 1] = like.pixels[i * c + c - 1];
  }
  return out;
}

Image to_rgb_image(const at::Tensor& rgb) {
  Image like(static_cast<int>(rgb.size(3)), static_cast<int>(rgb.size(2)), 3);
  return to_image(rgb, like);
}

at::Tensor resize(const at::Tensor& rgb, int width, int height) {
  if (rgb.size(3) == width && rgb.size(2) == height) return rgb.clone();
  const bool shrinking = width < rgb.size(3) || height < rgb.size(2);
  at::Tensor out =
      shrinking ? at::_upsample_bilinear2d_aa(rgb, {height, width}, /*align_corners=*/false)
                : at::upsample_bicubic2d(rgb, {height, width}, /*align_corners=*/false);
  return out.clamp(0, 1).contiguous();
}

at::Tensor preserve_colors(const at::Tensor& stylised, const at::Tensor& content) {
  at::Tensor mixed = ycbcr(content);
  // The content's colour exactly, at the stylised brightness where that colour exists,
  // else at the nearest brightness that has it: each channel's offset from Y bounds Y.
  // Clamping RGB instead would shift the colour of bright and dark strokes.
  const at::Tensor offsets = rgb_from_ycbcr(mixed) - mixed.select(1, 0).unsqueeze(1);
  const at::Tensor low = -std::get<0>(offsets.min(1)), high = 1 - std::get<0>(offsets.max(1));
  mixed.select(1, 0).copy_(at::max(at::min(ycbcr(stylised).select(1, 0), high), low));
  return rgb_from_ycbcr(mixed).clamp(0, 1);
}

at::Tensor match_palette(const at::Tensor& content, const std::vector<at::Tensor>& styles,
                         const std::vector<double>& shares) {
  // The moments of the styles' mixture, each style counted by its share.
  at::Tensor style_mean = at::zeros({3, 1}, at::kDouble);
  std::vector<std::pair<at::Tensor, at::Tensor>> moments;
  for (std::size_t i = 0; i < styles.size(); ++i) {
    moments.push_back(colour_moments(styles[i]));
    style_mean += shares[i] * moments.back().first;
  }
  at::Tensor style_covariance = at::zeros({3, 3}, at::kDouble);
  for (std::size_t i = 0; i < styles.size(); ++i) {
    const at::Tensor offset = moments[i].first - style_mean;
    style_covariance += shares[i] * (moments[i].second + offset.mm(offset.t()));
  }
  const auto [mean, covariance] = colour_moments(content);
  const at::Tensor map =
      covariance_power(style_covariance, 0.5).mm(covariance_power(covariance, -0.5));
  const at::Tensor out = map.mm(content.to(at::kDouble).reshape({3, -1}) - mean) + style_mean;
  return out.reshape(content.sizes()).to(content.scalar_type()).clamp(0, 1).contiguous();
}

}  // namespace neural_style

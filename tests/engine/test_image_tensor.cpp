// Image <-> tensor conversions, resampling and colour preservation.
#include <gtest/gtest.h>

#include "image_tensor.h"

namespace neural_style {
namespace {

Image ramp(int w, int h, int channels) {
  Image image(w, h, channels);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x)
      for (int c = 0; c < channels; ++c)
        image.at(x, y, c) = static_cast<float>((x * 7 + y * 3 + c * 5) % 11) / 10.0f;
  return image;
}

TEST(ImageTensor, RgbRoundTripIsExact) {
  const Image image = ramp(9, 5, 3);
  const at::Tensor t = to_tensor(image);
  EXPECT_EQ(t.sizes(), (at::IntArrayRef{1, 3, 5, 9}));
  EXPECT_FLOAT_EQ(t[0][2][4][8].item<float>(), image.at(8, 4, 2));
  EXPECT_EQ(to_image(t, image).pixels, image.pixels);
}

TEST(ImageTensor, AlphaIsKeptAndCompositedOverWhite) {
  Image image = ramp(4, 3, 4);
  image.at(1, 1, 3) = 0.0f;  // fully transparent: its colour must not matter
  const at::Tensor t = to_tensor(image);
  for (int c = 0; c < 3; ++c) EXPECT_FLOAT_EQ(t[0][c][1][1].item<float>(), 1.0f);
  const Image back = to_image(t, image);
  ASSERT_EQ(back.channels, 4);
  for (int y = 0; y < 3; ++y)
    for (int x = 0; x < 4; ++x) EXPECT_EQ(back.at(x, y, 3), image.at(x, y, 3));
}

TEST(ImageTensor, GreyStaysGrey) {
  const Image image = ramp(6, 4, 2);
  const at::Tensor t = to_tensor(image);
  EXPECT_TRUE(at::equal(t[0][0], t[0][1]));
  const Image back = to_image(t, image);
  ASSERT_EQ(back.channels, 2);
  // Grey in, grey out: composited values come back, alpha untouched.
  const float a = image.at(2, 1, 1);
  EXPECT_NEAR(back.at(2, 1, 0), image.at(2, 1, 0) * a + (1 - a), 1e-6);
  EXPECT_EQ(back.at(2, 1, 1), a);
}

TEST(ImageTensor, ResizeGivesSizeAndStaysInRange) {
  const at::Tensor t = to_tensor(ramp(40, 30, 3));
  const at::Tensor small = resize(t, 20, 15), large = resize(t, 97, 61);
  EXPECT_EQ(small.sizes(), (at::IntArrayRef{1, 3, 15, 20}));
  EXPECT_EQ(large.sizes(), (at::IntArrayRef{1, 3, 61, 97}));
  EXPECT_GE(large.min().item<float>(), 0.0f);  // bicubic overshoot is clamped
  EXPECT_LE(large.max().item<float>(), 1.0f);
  EXPECT_NEAR(small.mean().item<float>(), t.mean().item<float>(), 0.02);
}

// Colours near mid-grey, so that no mix leaves the RGB gamut (preserve_colors clamps): a
// seeded draw, since an unlucky one from the shared generator once did.
TEST(ImageTensor, PreserveColorsTakesLuminanceFromResultAndChromaFromContent) {
  const at::Tensor content = to_tensor(ramp(8, 8, 3)) * 0.2 + 0.4;
  at::Generator generator = at::make_generator<at::CPUGeneratorImpl>(11);
  const at::Tensor stylised = at::rand({1, 3, 8, 8}, generator) * 0.2 + 0.4;
  const at::Tensor mixed = preserve_colors(stylised, content);
  auto chroma = [](const at::Tensor& rgb) {
    auto r = rgb.select(1, 0), g = rgb.select(1, 1), b = rgb.select(1, 2);
    return at::stack({-0.168736 * r - 0.331264 * g + 0.5 * b, 0.5 * r - 0.418688 * g - 0.081312 * b});
  };
  auto luma = [](const at::Tensor& rgb) {
    return 0.299 * rgb.select(1, 0) + 0.587 * rgb.select(1, 1) + 0.114 * rgb.select(1, 2);
  };
  EXPECT_TRUE(at::allclose(chroma(mixed), chroma(content), 1e-4, 1e-5));
  EXPECT_TRUE(at::allclose(luma(mixed), luma(stylised), 1e-4, 1e-5));
}

std::pair<at::Tensor, at::Tensor> mean_and_covariance(const at::Tensor& rgb) {
  const at::Tensor pixels = rgb.to(at::kDouble).reshape({3, -1});
  const at::Tensor centred = pixels - pixels.mean(1, true);
  return {pixels.mean(1), centred.mm(centred.t()) / pixels.size(1)};
}

// Two styles of equal size and share: their pixels taken together. Spreads well inside the
// gamut, so that the clamp to 0..1 takes nothing.
TEST(ImageTensor, MatchPaletteGivesTheStylesColourMeanAndCovariance) {
  at::Generator generator = at::make_generator<at::CPUGeneratorImpl>(5);
  const at::Tensor content = at::rand({1, 3, 40, 30}, generator) * 0.3 + 0.2;
  const at::Tensor mixing = at::tensor({0.6, 0.3, 0.1, 0.1, 0.5, 0.4, 0.0, 0.2, 0.8}).reshape({3, 3});
  const at::Tensor warm = (mixing.to(at::kFloat).mm(at::rand({3, 600}, generator)) * 0.4 + 0.3);
  const at::Tensor cool = warm.flip(0).reshape({1, 3, 20, 30});
  const at::Tensor recoloured = match_palette(content, {warm.reshape({1, 3, 20, 30}), cool}, {0.5, 0.5});
  const auto [mean, covariance] = mean_and_covariance(recoloured);
  const auto [style_mean, style_covariance] =
      mean_and_covariance(at::cat({warm, cool.reshape({3, -1})}, 1));
  EXPECT_TRUE(at::allclose(mean, style_mean, 0, 1e-4));
  EXPECT_TRUE(at::allclose(covariance, style_covariance, 0, 1e-4));
  EXPECT_GT(at::abs(mean - mean_and_covariance(content).first).max().item<double>(), 0.05);
}

// An almost grey photo has little colour of its own: matching its covariance must not
// blow its noise up into colour speckle.
TEST(ImageTensor, MatchPaletteLeavesAGreyPhotosNoiseFaint) {
  at::Generator generator = at::make_generator<at::CPUGeneratorImpl>(6);
  const at::Tensor grey = to_tensor(ramp(32, 32, 1));
  const at::Tensor photo = (grey + at::rand({1, 3, 32, 32}, generator) * 0.002).clamp(0, 1);
  const at::Tensor painting = at::rand({1, 3, 32, 32}, generator) * 0.6 + 0.2;
  const at::Tensor recoloured = match_palette(photo, {painting}, {1.0});
  const at::Tensor spread = recoloured - recoloured.mean(1, true);  // away from grey
  EXPECT_LT(spread.abs().max().item<double>(), 0.05);
  EXPECT_GT((painting - painting.mean(1, true)).abs().max().item<double>(), 0.3);
}

}  // namespace
}  // namespace neural_style

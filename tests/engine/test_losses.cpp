// The loss maths against naive loops, and their gradients against finite differences.
#include <gtest/gtest.h>

#include <array>

#include "gradient_check.h"
#include "losses.h"

namespace neural_style {
namespace {

at::Tensor random_double(at::IntArrayRef shape, std::uint64_t seed) {
  at::Generator generator = at::make_generator<at::CPUGeneratorImpl>(seed);
  return at::randn(shape, generator, at::kDouble);
}

TEST(Losses, GramMatchesNaiveLoops) {
  const at::Tensor f = random_double({1, 4, 5, 6}, 1);
  const at::Tensor g = gram(f);
  auto a = f.accessor<double, 4>();
  for (int i = 0; i < 4; ++i)
    for (int j = 0; j < 4; ++j) {
      double sum = 0;
      for (int y = 0; y < 5; ++y)
        for (int x = 0; x < 6; ++x) sum += a[0][i][y][x] * a[0][j][y][x];
      EXPECT_NEAR(g[i][j].item<double>(), sum / 30.0, 1e-12);
    }
}

TEST(Losses, GramIsSizeIndependentForRepeatedTexture) {
  // The same texture tiled twice has the same statistics, so the same Gram matrix.
  const at::Tensor f = random_double({1, 3, 4, 4}, 2);
  EXPECT_TRUE(at::allclose(gram(f), gram(at::cat({f, f}, 3)), 1e-12, 1e-12));
}

TEST(Losses, GramOfChannelsLastFloatMatchesContiguous) {
  const at::Tensor f = random_double({1, 8, 6, 7}, 3).to(at::kFloat);
  EXPECT_TRUE(at::allclose(gram(f), gram(f.contiguous(at::MemoryFormat::ChannelsLast)), 1e-5, 1e-6));
}

TEST(Losses, GramOfBf16FeaturesIsFp32AndClose) {
  const at::Tensor f = random_double({1, 16, 9, 7}, 12).to(at::kFloat);
  const at::Tensor g = gram(f.to(at::kBFloat16).contiguous(at::MemoryFormat::ChannelsLast));
  EXPECT_EQ(g.scalar_type(), at::kFloat);
  EXPECT_LT((g - gram(f)).abs().max().item<double>(), 0.02 * gram(f).abs().max().item<double>());
}

// Enough positions for the bf16 Gram's partial products (losses.cpp): their sum in fp32
// stays far closer to the exact product of the same bf16 values than one bf16 product.
TEST(Losses, GramOfManyBf16PositionsIsAccumulatedInFp32) {
  const at::Tensor f = at::relu(random_double({1, 64, 256, 160}, 5))
                           .to(at::kBFloat16)
                           .contiguous(at::MemoryFormat::ChannelsLast);
  const at::Tensor exact = gram(f.to(at::kDouble));
  const auto error = [&](const at::Tensor& g) {
    return ((g.to(at::kDouble) - exact).norm() / exact.norm()).item<double>();
  };
  const at::Tensor x = f.permute({0, 2, 3, 1}).reshape({-1, 64});
  const at::Tensor one_bf16_product = at::mm(x.t(), x) / static_cast<double>(x.size(0));
  const at::Tensor g = gram(f);
  EXPECT_EQ(g.scalar_type(), at::kFloat);
  EXPECT_LT(error(g), 5e-4);
  EXPECT_LT(error(g), 0.5 * error(one_bf16_product));
}

TEST(Losses, OntoCoarserAveragesEachBlockAndKeepsTheOddEdge) {
  const at::Tensor f = at::arange(9, at::kDouble).view({1, 1, 3, 3});  // rows 0 1 2, 3 4 5, 6 7 8
  const at::Tensor expected = at::tensor({2.0, 3.5, 6.5, 8.0}, at::kDouble).view({1, 1, 2, 2});
  EXPECT_TRUE(at::allclose(onto_coarser(f), expected, 1e-12, 1e-12));
}

TEST(Losses, CrossCovarianceIsCentredAndAddsUpOverTiles) {
  const at::Tensor a = random_double({1, 3, 4, 6}, 7), b = random_double({1, 2, 4, 6}, 8);
  const at::Tensor fa = a.flatten(2)[0], fb = b.flatten(2)[0];  // channels x positions
  const at::Tensor centred = at::mm(fa - fa.mean(1, true), (fb - fb.mean(1, true)).t()) / 24.0;
  EXPECT_TRUE(at::allclose(cross_covariance(cross_sums(a, b)), centred, 1e-12, 1e-12));
  // Two tiles of three columns each: their sums add up to the whole's.
  const CrossSums left = cross_sums(a.narrow(3, 0, 3), b.narrow(3, 0, 3));
  const CrossSums right = cross_sums(a.narrow(3, 3, 3), b.narrow(3, 3, 3));
  const CrossSums whole{left.products + right.products, left.finer + right.finer,
                        left.coarser + right.coarser, left.positions + right.positions};
  EXPECT_TRUE(at::allclose(cross_covariance(whole), centred, 1e-12, 1e-12));
}

TEST(Losses, RelativeLossMatchesNaiveSum) {
  const at::Tensor x = random_double({3, 7}, 4), t = random_double({3, 7}, 5);
  double diff = 0, norm = 0;
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 7; ++j) {
      const double d = x[i][j].item<double>() - t[i][j].item<double>();
      diff += d * d;
      norm += t[i][j].item<double>() * t[i][j].item<double>();
    }
  // Within the epsilon that guards against an all-zero target.
  EXPECT_NEAR(relative_loss(x, t).item<double>(), diff / norm, 1e-6);
  EXPECT_NEAR(relative_loss(t, t).item<double>(), 0.0, 1e-15);
  EXPECT_NEAR(relative_loss(at::zeros_like(t), t).item<double>(), 1.0, 1e-7);
  EXPECT_TRUE(std::isfinite(relative_loss(x, at::zeros_like(t)).item<double>()));
}

// Brightness (BT.601 Y) and colour (Cb, Cr at twice their scale) differences, colour
// weighted 10 times as much.
std::array<double, 3> smoothness_channels(double r, double g, double b) {
  const double c = 2 * std::sqrt(10.0);
  return {0.299 * r + 0.587 * g + 0.114 * b, c * (-0.168736 * r - 0.331264 * g + 0.5 * b),
          c * (0.5 * r - 0.418688 * g - 0.081312 * b)};
}

TEST(Losses, TotalVariationMatchesNaiveLoops) {
  const at::Tensor img = random_double({1, 3, 5, 6}, 6);
  auto a = img.accessor<double, 4>();
  const auto at = [&](int y, int x) { return smoothness_channels(a[0][0][y][x], a[0][1][y][x], a[0][2][y][x]); };
  double dx = 0, dy = 0;
  for (int c = 0; c < 3; ++c)
    for (int y = 0; y < 5; ++y)
      for (int x = 0; x < 6; ++x) {
        if (x + 1 < 6) dx += std::pow(at(y, x + 1)[c] - at(y, x)[c], 2);
        if (y + 1 < 5) dy += std::pow(at(y + 1, x)[c] - at(y, x)[c], 2);
      }
  EXPECT_NEAR(tv_loss(img).item<double>(), dx / (3 * 5 * 5) + dy / (3 * 4 * 6), 1e-12);
  EXPECT_EQ(tv_loss(at::ones({1, 3, 4, 4}, at::kDouble)).item<double>(), 0.0);
}

TEST(Losses, RangeLossCountsOnlyTheExcessBeyondZeroToOne) {
  EXPECT_EQ(range_loss(at::rand({1, 3, 4, 4}, at::kDouble)).item<double>(), 0.0);
  at::Tensor img = at::full({1, 3, 2, 2}, 0.5, at::kDouble);
  img[0][0][0][0] = 1.5;   // 0.5 above
  img[0][2][1][1] = -0.2;  // 0.2 below
  EXPECT_NEAR(range_loss(img).item<double>(), (0.25 + 0.04) / 12, 1e-12);
}

TEST(Losses, ColourSpeckleCostsMoreThanBrightnessSpeckle) {
  // Two checkerboards with the same RGB amplitude: grey (brightness) and red against cyan
  // at equal luma-ish brightness (colour).
  at::Tensor grey = at::zeros({1, 3, 4, 4}, at::kDouble), colour = grey.clone();
  for (int y = 0; y < 4; ++y)
    for (int x = 0; x < 4; ++x) {
      const double s = (x + y) % 2 ? 0.1 : -0.1;
      grey.index_put_({0, at::indexing::Slice(), y, x}, 0.5 + s);
      colour.index_put_({0, 0, y, x}, 0.5 + s);
      colour.index_put_({0, 1, y, x}, 0.5 - s);
      colour.index_put_({0, 2, y, x}, 0.5 - s);
    }
  EXPECT_GT(tv_loss(colour).item<double>(), 5 * tv_loss(grey).item<double>());
}

TEST(Losses, StyleLossGradientMatchesFiniteDifferences) {
  const at::Tensor target = gram(random_double({1, 3, 4, 3}, 7));
  expect_gradient_matches([&](const at::Tensor& f) { return relative_loss(gram(f), target); },
                          random_double({1, 3, 4, 3}, 8));
}

TEST(Losses, CrossCovarianceLossGradientMatchesFiniteDifferences) {
  const at::Tensor coarser = random_double({1, 2, 3, 2}, 12), target = random_double({3, 2}, 13);
  expect_gradient_matches(
      [&](const at::Tensor& f) {
        return relative_loss(cross_covariance(cross_sums(onto_coarser(f), coarser)), target);
      },
      random_double({1, 3, 5, 4}, 14));
  const at::Tensor finer = random_double({1, 3, 3, 2}, 15);
  expect_gradient_matches(
      [&](const at::Tensor& f) { return relative_loss(cross_covariance(cross_sums(finer, f)), target); },
      random_double({1, 2, 3, 2}, 16));
}

// A window's shifted sums against naive loops, partners beyond the features left out, and
// the hand-written backward against finite differences (a window inside, one at the edge).
TEST(Losses, ShiftedSumsMatchNaiveLoopsAndTheirGradientFiniteDifferences) {
  const at::Tensor f = random_double({1, 4, 5, 6}, 17);
  // 3 channels, partners 2 right and 1 down, of the window of rows 1..4 and columns 0..4.
  const CrossSums sums = shifted_sums(f, 3, 2, 1, 1, 0, 4, 5);
  ASSERT_EQ(sums.positions, 3 * 4);  // rows 1..3 and columns 0..3 have a partner
  auto a = f.accessor<double, 4>();
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 3; ++j) {
      double sum = 0;
      for (int y = 1; y < 4; ++y)
        for (int x = 0; x < 4; ++x) sum += a[0][i][y][x] * a[0][j][y + 1][x + 2];
      EXPECT_NEAR(sums.products[i][j].item<double>(), sum, 1e-12);
    }
  EXPECT_EQ(shifted_sums(f, 3, 0, 5, 0, 0, 5, 6).positions, 0);  // no partner 5 rows down
  const at::Tensor target = random_double({2, 2}, 18);
  for (int64_t x : {0, 2})
    expect_gradient_matches(
        [&](const at::Tensor& g) {
          return relative_loss(cross_covariance(shifted_sums(g, 2, 1, 1, 1, x, 3, 3)), target);
        },
        random_double({1, 3, 5, 5}, 19));
}

TEST(Losses, ContentLossGradientMatchesFiniteDifferences) {
  const at::Tensor target = random_double({1, 2, 3, 3}, 9);
  expect_gradient_matches([&](const at::Tensor& f) { return relative_loss(f, target); },
                          random_double({1, 2, 3, 3}, 10));
}

TEST(Losses, TotalVariationGradientMatchesFiniteDifferences) {
  expect_gradient_matches([](const at::Tensor& img) { return tv_loss(img); },
                          random_double({1, 3, 4, 5}, 11));
}

}  // namespace
}  // namespace neural_style

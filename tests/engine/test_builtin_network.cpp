// The built-in network: seeded, the right octave for each layer name, every channel
// alive, and a backward that matches central differences.
#include <gtest/gtest.h>

#include "builtin_layers.h"
#include "builtin_network.h"
#include "gradient_check.h"
#include "input_conv.h"
#include "neural_style/settings.h"

namespace neural_style {
namespace {

TEST(BuiltinNetwork, SameSeedSameFeaturesOtherSeedOtherFeatures) {
  const at::Tensor image = at::rand({1, 3, 40, 40});
  const auto a = BuiltinNetwork(5).features(image, {"relu2_1"}).at("relu2_1");
  const auto b = BuiltinNetwork(5).features(image, {"relu2_1"}).at("relu2_1");
  const auto c = BuiltinNetwork(6).features(image, {"relu2_1"}).at("relu2_1");
  EXPECT_TRUE(at::equal(a, b));
  EXPECT_FALSE(at::allclose(a, c));
  EXPECT_FALSE(BuiltinNetwork(5).pretrained());
}

TEST(BuiltinNetwork, EachVggNameIsTheOctaveOfItsStride) {
  const auto taps = BuiltinNetwork(1).features(at::rand({1, 3, 48, 33}),
                                               {"relu1_1", "relu3_1", "relu4_1", "relu4_2"});
  ASSERT_EQ(taps.size(), 4u);
  EXPECT_EQ(taps.at("relu1_1").size(2), 48);
  EXPECT_EQ(taps.at("relu1_1").size(3), 33);
  EXPECT_EQ(taps.at("relu3_1").size(2), 12);  // stride 4, as VGG-19's relu3_1
  EXPECT_EQ(taps.at("relu3_1").size(3), 9);   // rounded up: edges are kept
  EXPECT_EQ(taps.at("relu4_1").size(2), 6);
  EXPECT_TRUE(at::equal(taps.at("relu4_1"), taps.at("relu4_2")));  // one octave
  EXPECT_THROW(BuiltinNetwork(1).features(at::rand({1, 3, 16, 16}), {"conv1_1"}), std::exception);
}

TEST(BuiltinNetwork, EveryChannelAnswersAPhoto) {
  // A smooth image with edges of every direction and of two colour contrasts, as photos
  // have (the stroke filters answer one direction and one colour mix each): no channel
  // dead, none dominating.
  at::Tensor image = at::zeros({1, 3, 64, 64});
  image.index_put_({0, 0}, at::linspace(0, 1, 64).view({1, 64}).expand({64, 64}));
  image.index_put_({0, 1}, at::linspace(1, 0, 64).view({64, 1}).expand({64, 64}));
  image.index_put_({0, 2, at::indexing::Slice(20, 40), at::indexing::Slice(10, 50)}, 0.9);
  const at::Tensor y = at::arange(64).view({64, 1}), x = at::arange(64).view({1, 64});
  const at::Tensor disc = ((x - 44).pow(2) + (y - 44).pow(2) < 144).unsqueeze(0);
  const at::Tensor ring = ((x - 18).pow(2) + (y - 46).pow(2) < 100).unsqueeze(0);
  image[0] = at::where(disc, at::tensor({0.95f, 0.2f, 0.5f}).view({3, 1, 1}), image[0]);
  image[0] = at::where(ring, at::tensor({0.3f, 0.05f, 0.1f}).view({3, 1, 1}), image[0]);
  const at::Tensor means = BuiltinNetwork(1).features(image, {"relu1_1"}).at("relu1_1").mean({0, 2, 3});
  EXPECT_GT(means.min().item<double>(), 0.0) << "dead: " << at::nonzero(means == 0);
  EXPECT_LT(means.max().item<double>(), 50 * means.mean().item<double>());
}

// The filters read a mirrored border, not a grey one: a grey picture has the same features
// at its edges as inside, at every octave (its colour, and nothing from the filters, which
// sum to zero). With zero padding the edges' features differed by up to 37, and every
// painting had a band along its edges. Float rounding leaves about 2e-5.
TEST(BuiltinNetwork, AnEvenPictureLooksTheSameAtItsEdges) {
  const at::Tensor image = at::full({1, 3, 64, 48}, 0.8);
  const auto taps = BuiltinNetwork(1).features(image, {"relu1_1", "relu3_1", "relu5_1"});
  ASSERT_EQ(taps.size(), 3u);
  for (const auto& [layer, f] : taps) {
    const at::Tensor centre = f.index({0, at::indexing::Slice(), f.size(2) / 2, f.size(3) / 2});
    EXPECT_GT(centre.max().item<double>(), 1.0) << layer;  // the colour channels
    EXPECT_LT((f - centre.view({1, -1, 1, 1})).abs().max().item<double>(), 1e-3) << layer;
  }
}

// The smallest picture the engine takes reaches relu5_1: octaves too small to mirror the
// pyramid's blur or the filters' reach repeat their edge instead.
TEST(BuiltinNetwork, TheSmallestPictureReachesTheDeepestOctave) {
  const at::Tensor image = at::rand({1, 3, kMinSide, kMinSide});
  const at::Tensor f = BuiltinNetwork(1).features(image, {"relu5_1"}).at("relu5_1");
  EXPECT_EQ(f.size(2), 1);
  EXPECT_EQ(f.size(3), 1);
}

TEST(BuiltinNetwork, GradientMatchesFiniteDifferences) {
  at::manual_seed(1);  // the same inputs whichever tests ran before
  BuiltinNetwork net(3);
  net.to(at::kCPU, at::kDouble, /*channels_last=*/true);
  const at::Tensor image = at::rand({1, 3, 12, 12}, at::kDouble);
  const int64_t channels = kBuiltinConvs[0].out;
  const at::Tensor w1 = at::rand({1, channels, 12, 12}, at::kDouble);
  const at::Tensor w2 = at::rand({1, channels, 6, 6}, at::kDouble);
  const at::Tensor w3 = at::rand({1, channels, 3, 3}, at::kDouble);  // too small to mirror
  const auto loss = [&](const at::Tensor& x) {
    const auto f = net.features(x, {"relu1_1", "relu2_1", "relu3_1"});
    return (f.at("relu1_1") * w1).sum() + (f.at("relu2_1") * w2).sum() +
           (f.at("relu3_1") * w3).sum();
  };
  expect_gradient_matches(loss, image, /*stride=*/5, /*tolerance=*/1e-5);
}

// The first layer's own backward (input_conv.h) against libtorch's convolution backward,
// for both networks' kernels and paddings (VGG-19 pads with zeros, the built-in network
// mirrors the picture first and pads nothing), a batch of two and either memory layout.
// The reference runs in double: libtorch 2.6's float backward-data (oneDNN's avx512_core
// kernel, picked on AMD EPYC with AVX-512 and no AMX) is wrong for these 8 output channels
// and a batch of two in the contiguous layout, off by as much as the gradient itself.
TEST(InputConv, BackwardIsTheConvolutionsOwn) {
  at::manual_seed(3);
  for (const int kernel : {3, 7})
    for (const int64_t pad : {int64_t{0}, int64_t(kernel / 2)})
      for (const auto format : {at::MemoryFormat::Contiguous, at::MemoryFormat::ChannelsLast}) {
        const at::Tensor w = at::randn({8, 3, kernel, kernel}).contiguous(format);
        const at::Tensor b = at::randn({8});
        const at::Tensor x = at::rand({2, 3, 21, 17}).contiguous(format);
        const int64_t height = 21 + 2 * pad - kernel + 1, width = 17 + 2 * pad - kernel + 1;
        const at::Tensor upstream = at::randn({2, 8, height, width});
        const at::Tensor ours = x.clone().requires_grad_(true);
        const at::Tensor theirs = x.to(at::kDouble).requires_grad_(true);
        const at::Tensor y = InputConv::apply(ours, w, b, pad);
        const at::Tensor expected =
            at::conv2d(theirs, w.to(at::kDouble), b.to(at::kDouble), {1, 1}, {pad, pad});
        EXPECT_TRUE(at::allclose(y.to(at::kDouble), expected, 1e-5, 1e-5));
        (y * upstream).sum().backward();
        (expected * upstream.to(at::kDouble)).sum().backward();
        // Float sums of 8 x kernel^2 terms stay within 4e-7 of the largest element
        // (measured); a wrong backward is off by the element's own size.
        const double scale = theirs.grad().abs().max().item<double>();
        const at::Tensor difference = ours.grad().to(at::kDouble) - theirs.grad();
        const double error = difference.abs().max().item<double>();
        EXPECT_LE(error, 1e-5 * scale) << "kernel " << kernel << ", padding " << pad;
      }
}

}  // namespace
}  // namespace neural_style

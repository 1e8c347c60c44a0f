// Our VGG-19 against torchvision's, with the same (generated) weights, at every layer
// the method taps; and the seeded random VGG-19 that tests use without a file.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>

#include "gradient_check.h"
#include "safetensors.h"
#include "vgg.h"

namespace neural_style {
namespace {

const std::vector<std::string> kTaps = {"relu1_1", "relu2_1", "relu3_1",
                                        "relu4_1", "relu4_2", "relu5_1"};

std::string fixture(const std::string& name) {
  const char* dir = std::getenv("NEURAL_STYLE_FIXTURES");  // set by `meson test`
  if (!dir) ADD_FAILURE() << "NEURAL_STYLE_FIXTURES is not set: run through meson test";
  return std::string(dir ? dir : "") + "/" + name;
}

at::Tensor reference(const safetensors::Header& header, const std::string& name) {
  const std::string path = fixture("vgg19-reference.safetensors");
  std::vector<float> values = safetensors::read_f32(path, header, name);
  return at::from_blob(values.data(), header.tensors.at(name).shape, at::kFloat).clone();
}

class VggAgainstTorchvision : public ::testing::TestWithParam<bool> {};

TEST_P(VggAgainstTorchvision, FeaturesMatchAtEveryTap) {
  const auto header = safetensors::read_header(fixture("vgg19-reference.safetensors"));
  Vgg19 net = Vgg19::load(fixture("vgg19-random.safetensors"));
  EXPECT_TRUE(net.pretrained());
  net.to(at::kCPU, at::kFloat, /*channels_last=*/GetParam());
  const auto ours = net.features(reference(header, "input"), kTaps);
  for (const std::string& tap : kTaps) {
    const at::Tensor expected = reference(header, tap);
    const at::Tensor actual = ours.at(tap);
    ASSERT_EQ(actual.sizes(), expected.sizes()) << tap;
    const double scale = expected.abs().max().item<double>();
    EXPECT_GT(scale, 0.0) << tap << " is all zeros: the fixture cannot tell layers apart";
    const double error = (actual - expected).abs().max().item<double>();
    EXPECT_LT(error, 1e-4 * scale) << tap;
  }
}

INSTANTIATE_TEST_SUITE_P(MemoryFormats, VggAgainstTorchvision, ::testing::Bool());

TEST(Vgg, StopsAtTheDeepestRequestedLayer) {
  Vgg19 net = Vgg19::random(1);
  const auto taps = net.features(at::rand({1, 3, 32, 32}), {"relu2_1"});
  ASSERT_EQ(taps.size(), 1u);
  EXPECT_EQ(taps.at("relu2_1").sizes(), (at::IntArrayRef{1, 128, 16, 16}));
}

// The network's backward (its in-place ReLU, pooling, convolutions) against central
// differences, in double, at taps before and after a pooling layer.
TEST(Vgg, GradientMatchesFiniteDifferences) {
  at::manual_seed(1);  // the same inputs whichever tests ran before
  Vgg19 net = Vgg19::random(3);
  net.to(at::kCPU, at::kDouble, /*channels_last=*/true);
  const at::Tensor image = at::rand({1, 3, 8, 8}, at::kDouble);
  const std::vector<std::string> taps = {"relu1_2", "relu2_1"};
  const at::Tensor w1 = at::rand({1, 64, 8, 8}, at::kDouble);
  const at::Tensor w2 = at::rand({1, 128, 4, 4}, at::kDouble);
  const auto loss = [&](const at::Tensor& x) {
    const auto f = net.features(x, taps);
    return (f.at("relu1_2") * w1).sum() + (f.at("relu2_1") * w2).sum();
  };
  expect_gradient_matches(loss, image, /*stride=*/7, /*tolerance=*/1e-5);
}

TEST(Vgg, RandomFeaturesAreSeeded) {
  const at::Tensor image = at::rand({1, 3, 32, 32});
  auto a = Vgg19::random(5).features(image, {"relu3_1"}).at("relu3_1");
  auto b = Vgg19::random(5).features(image, {"relu3_1"}).at("relu3_1");
  auto c = Vgg19::random(6).features(image, {"relu3_1"}).at("relu3_1");
  EXPECT_TRUE(at::equal(a, b));
  EXPECT_FALSE(at::allclose(a, c));
  EXPECT_FALSE(Vgg19::random(5).pretrained());
}

}  // namespace
}  // namespace neural_style

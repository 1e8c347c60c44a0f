// Tiled evaluation of a scale's loss and gradient against the whole image's: the same
// function, for both networks and several tile layouts, including tiles smaller than
// the halo and image sides that are not multiples of the features' spacing.
#include <gtest/gtest.h>

#include "builtin_network.h"
#include "objective.h"
#include "receptive_field.h"
#include "vgg.h"

namespace neural_style {
namespace {

struct Evaluation {
  double loss;
  at::Tensor gradient;
};

Evaluation evaluate(const Network& net, const Settings& s, const at::Tensor& image,
                    const at::Tensor& content, const at::Tensor& style, int tile_side,
                    const Factors& factors) {
  Scale scale{static_cast<int>(image.size(3)), static_cast<int>(image.size(2)), 1};
  scale.tile_side = tile_side;
  const Objective objective(net, s, scale, content, {style}, {1.0}, factors);
  const at::Tensor x = image.clone().requires_grad_(true);
  Losses losses;
  const double loss = objective.evaluate(x, losses, [](int, int) { return true; });
  EXPECT_EQ(objective.tiled(), tile_side > 0);
  return {loss, x.grad().clone()};
}

// A smooth picture with detail at every scale, so that every layer's features vary.
at::Tensor picture(int width, int height, int seed) {
  at::Generator generator = at::make_generator<at::CPUGeneratorImpl>(seed);
  at::Tensor sum = at::zeros({1, 3, height, width});
  for (int side = 4; side <= 256; side *= 4)
    sum += at::upsample_bilinear2d(at::rand({1, 3, side, side}, generator), {height, width}, false);
  return (sum / 4).clamp(0, 1);
}

void expect_tiles_match_whole(const Network& net, const Settings& s, int width, int height,
                              const std::vector<int>& sides) {
  const at::Tensor content = picture(width, height, 1), style = picture(200, 170, 2);
  const at::Tensor image = (0.7 * content + 0.3 * picture(width, height, 3)).clamp(0, 1);
  Scale whole_scale{width, height, 1};
  const Objective reference(net, s, whole_scale, content, {style}, {1.0}, Factors{});
  EXPECT_EQ(reference.factors().shift.empty(), net.stroke_channels() == 0);  // tiled too
  const Evaluation whole = evaluate(net, s, image, content, style, 0, reference.factors());
  for (int side : sides) {
    SCOPED_TRACE("tile side " + std::to_string(side));
    const Evaluation tiled = evaluate(net, s, image, content, style, side, reference.factors());
    EXPECT_LE(std::abs(tiled.loss - whole.loss) / whole.loss, 1e-4);
    const double error = (tiled.gradient - whole.gradient).norm().item<double>() /
                         whole.gradient.norm().item<double>();
    EXPECT_LE(error, 1e-4);
  }
}

Settings resolved(bool pretrained) {
  Settings s;
  s.content_layer = content_layer(s, pretrained);
  return s;
}

TEST(Objective, TiledEqualsWholeWithTheBuiltinNetwork) {
  const BuiltinNetwork net(7);
  const Reach reach = deepest_reach({"relu5_1"}, false);
  ASSERT_GT(reach.radius, 48);  // so that 48 px tiles are smaller than the halo
  // 390 x 275: neither side a multiple of the stride (16).
  expect_tiles_match_whole(net, resolved(false), 390, 275, {48, 160});
  // 200 x 150: relu5_1's grid holds too few positions for this scale to use it.
  expect_tiles_match_whole(net, resolved(false), 200, 150, {48});
}

TEST(Objective, TiledEqualsWholeWithVgg19) {
  Vgg19 net = Vgg19::random(3);
  net.to(at::kCPU, at::kFloat, true);
  expect_tiles_match_whole(net, resolved(true), 330, 230, {144});
}

// The built-in content layer sees an eighth of the resolution; its edge term is what makes a
// softened photo, its layout unchanged, cost more. VGG-19's relu4_2 needs none.
TEST(Objective, TheBuiltinContentAlsoHoldsThePhotosEdges) {
  const BuiltinNetwork net(7);
  const Settings s = resolved(false);
  const at::Tensor content = picture(256, 192, 1), style = picture(200, 170, 2);
  const Scale scale{256, 192, 1};
  const Objective measured(net, s, scale, content, {style}, {1.0}, Factors{});
  ASSERT_GT(measured.factors().edges, 0);
  Factors without_edges = measured.factors();
  without_edges.edges = 0;
  const Objective coarse(net, s, scale, content, {style}, {1.0}, without_edges);
  const at::Tensor softened =
      at::upsample_bilinear2d(at::avg_pool2d(content, {4, 4}), {192, 256}, false);
  Losses with, without;
  const auto go_on = [](int, int) { return true; };
  measured.evaluate(softened.clone().requires_grad_(true), with, go_on);
  coarse.evaluate(softened.clone().requires_grad_(true), without, go_on);
  EXPECT_GT(with.content, 2 * without.content);

  Vgg19 vgg = Vgg19::random(3);
  vgg.to(at::kCPU, at::kFloat, true);
  const Objective pretrained(vgg, resolved(true), scale, content, {style}, {1.0}, Factors{});
  EXPECT_EQ(pretrained.factors().edges, 0);
}

// On a small scale the coarse octaves have a few dozen positions, whose Grams copied where the
// painting's large shapes lie: there the style is the finer layers' alone.
TEST(Objective, ASmallScaleLeavesOutTheLayersWithFewPositions) {
  const BuiltinNetwork net(7);
  const Settings all = resolved(false);
  Settings fine = all;
  fine.style_layers = {"relu1_1", "relu2_1", "relu3_1"};
  const at::Tensor style = picture(200, 170, 2);
  for (const int width : {128, 512}) {
    SCOPED_TRACE("width " + std::to_string(width));
    const int height = width * 3 / 4;
    const at::Tensor content = picture(width, height, 1);
    const Scale scale{width, height, 1};
    const Objective every(net, all, scale, content, {style}, {1.0}, Factors{});
    Factors factors = every.factors();
    factors.style.resize(3);
    factors.cross.resize(1);  // relu2_1 onto relu3_1
    const Objective finer(net, fine, scale, content, {style}, {1.0}, factors);
    ASSERT_EQ(finer.factors().shift.size(), every.factors().shift.size());
    const at::Tensor image = (0.7 * content + 0.3 * picture(width, height, 3)).clamp(0, 1);
    Losses with_coarse, without;
    const auto go_on = [](int, int) { return true; };
    every.evaluate(image.clone().requires_grad_(true), with_coarse, go_on);
    finer.evaluate(image.clone().requires_grad_(true), without, go_on);
    if (width == 128)
      EXPECT_NEAR(with_coarse.style, without.style, 1e-6 * without.style);
    else
      EXPECT_GT(with_coarse.style, 1.01 * without.style);
  }
}

TEST(Objective, TilesCoverTheImageOnceAndCropsStartOnTheStride) {
  const std::vector<Tile> tiles = tile_layout(770, 523, 250, 78, 16);
  double covered = 0;
  for (const Tile& t : tiles) {
    covered += double(t.width) * t.height;
    EXPECT_EQ(t.x % 16, 0);
    EXPECT_EQ(t.crop_x % 16, 0);
    EXPECT_EQ(t.crop_y % 16, 0);
    EXPECT_LE(t.crop_x + t.crop_width, 770);
    EXPECT_TRUE(t.crop_x == 0 || t.x - t.crop_x >= 78);
    EXPECT_TRUE(t.crop_x + t.crop_width == 770 || t.crop_x + t.crop_width - t.x - t.width >= 78);
  }
  EXPECT_EQ(covered, 770.0 * 523);
  EXPECT_EQ(tiles.size(), 12u);  // 256 px squares: 4 x 3
  EXPECT_EQ(tile_layout(770, 523, 0, 78, 16).size(), 1u);
  EXPECT_EQ(tile_layout(770, 523, 800, 78, 16).size(), 1u);
}

}  // namespace
}  // namespace neural_style

// The scale plan and the cost estimate that front ends show before a run.
#include <gtest/gtest.h>

#include <cmath>
#include <numeric>

#include "neural_style/error.h"
#include "neural_style/plan.h"

namespace neural_style {
namespace {

TEST(Plan, FitLongestKeepsAspect) {
  EXPECT_EQ(fit_longest(1024, 768, 512), (std::pair<int, int>{512, 384}));
  EXPECT_EQ(fit_longest(300, 1200, 128), (std::pair<int, int>{32, 128}));
  EXPECT_EQ(fit_longest(2000, 1, 100), (std::pair<int, int>{100, 1}));
}

TEST(Plan, CoarseToFineFrom128WithMostStepsAtSmallScales) {
  Settings s;
  s.size = 512;
  s.iterations = 300;
  const std::vector<Scale> scales = plan_scales(2048, 1536, s);
  ASSERT_EQ(scales.size(), 5u);
  EXPECT_EQ(scales.front().width, 128);
  EXPECT_EQ(scales.back().width, 512);
  EXPECT_EQ(scales.back().height, 384);
  int total = 0;
  for (std::size_t i = 0; i < scales.size(); ++i) {
    total += scales[i].iterations;
    if (i > 0) {
      EXPECT_NEAR(double(scales[i].width) / scales[i - 1].width, std::sqrt(2.0), 0.02);
      EXPECT_LT(scales[i].iterations, scales[i - 1].iterations);
    }
  }
  EXPECT_EQ(total, 300);
}

TEST(Plan, SmallImagesAndSmallBudgetsUseFewerScales) {
  Settings s;
  s.size = 0;
  s.iterations = 2;
  EXPECT_EQ(plan_scales(100, 80, s).size(), 1u);
  EXPECT_EQ(plan_scales(1000, 800, s).size(), 2u);  // one step per scale at least
  EXPECT_EQ(plan_scales(1000, 800, s).back().width, 1000);
  s.multi_scale = false;
  s.iterations = 40;
  const auto single = plan_scales(1000, 800, s);
  ASSERT_EQ(single.size(), 1u);
  EXPECT_EQ(single[0].iterations, 40);
}

TEST(Plan, TooSmallWorkingSizeIsAnError) {
  Settings s;
  s.size = 64;
  EXPECT_THROW(plan_scales(1000, 20, s), Error);
}

TEST(Plan, EstimateScalesWithPixelsAndSteps) {
  Settings s;
  s.size = 0;
  s.multi_scale = false;
  s.iterations = 10;
  EXPECT_NEAR(estimate_seconds(plan_scales(1000, 1000, s), 2.0), 20.0, 1e-9);
  s.iterations = 20;
  EXPECT_NEAR(estimate_seconds(plan_scales(500, 1000, s), 2.0), 20.0, 1e-9);
  s.multi_scale = true;
  EXPECT_LT(estimate_seconds(plan_scales(1000, 1000, s), 2.0), 40.0);  // coarse scales are cheaper
  // Tiles read overlapping crops: a tiled plan costs more than the same scales whole.
  s.memory = 1.0;
  const MemoryPlan tiled = plan_memory(1000, 1000, {}, s, false);
  ASSERT_GT(tiled.scales.back().tiles, 1);
  EXPECT_GT(estimate_seconds(tiled.scales, 2.0), estimate_seconds(plan_scales(1000, 1000, s), 2.0));
}

TEST(Plan, StepArithmeticMatchesTheKnownCost) {
  // ~99 / 397 GFLOP at 256 / 512 px for the default layers (forward to relu5_1, backward
  // to the pixels, Grams): the figures the project's cost model started from.
  EXPECT_NEAR(step_flops(256, 256, Settings{}, true) / 1e9, 99, 3);
  EXPECT_NEAR(step_flops(512, 512, Settings{}, true) / 1e9, 397, 10);
  Settings shallow;
  shallow.style_layers = {"relu1_1"};
  shallow.content_layer = "relu1_1";
  EXPECT_LT(step_flops(512, 512, shallow, true), step_flops(512, 512, Settings{}, true) / 50);
}

TEST(Plan, BuiltinNetworkCostsNoMoreThanVgg19) {
  const double builtin = step_flops(512, 512, Settings{}, false);
  EXPECT_LT(builtin, step_flops(512, 512, Settings{}, true));
  Settings fine;
  fine.style_layers = {"relu1_1"};
  fine.content_layer = "relu1_1";
  EXPECT_LT(step_flops(512, 512, fine, false), builtin / 1.2);  // one octave of five
}

}  // namespace
}  // namespace neural_style

// The motion parts of animation frames against hand-made flows, whose right answers are
// known: a warp along a known shift, and the consistency mask where the two flows agree,
// where the backward flow lands on a place the forward flow says has gone (an
// occlusion), across a motion boundary, and where a pixel came into view. And OpenCV's flow itself, on a known shift.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "caught_error.h"
#include "optical_flow.h"

namespace neural_style {
namespace {

// Smooth texture with detail in every direction, so that flow is well defined.
Image texture(int w, int h) {
  Image image(w, h, 3);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x)
      for (int c = 0; c < 3; ++c)
        image.at(x, y, c) = 0.5f + 0.2f * std::sin(0.31f * x + 0.7f * c) * std::cos(0.23f * y) +
                            0.2f * std::sin(0.17f * (x + 2 * y) + c);
  return image;
}

// B(x, y) = A(x - sx, y - sy): the picture moved right by sx and down by sy.
Image shifted(const Image& a, int sx, int sy) {
  Image b(a.width, a.height, a.channels);
  for (int y = 0; y < a.height; ++y)
    for (int x = 0; x < a.width; ++x)
      for (int c = 0; c < a.channels; ++c)
        b.at(x, y, c) = a.at(std::clamp(x - sx, 0, a.width - 1), std::clamp(y - sy, 0, a.height - 1), c);
  return b;
}

Flow uniform(int w, int h, float dx, float dy) {
  Flow f(w, h);
  std::fill(f.dx.begin(), f.dx.end(), dx);
  std::fill(f.dy.begin(), f.dy.end(), dy);
  return f;
}

TEST(OpticalFlow, WarpAlongAKnownShiftGivesTheShiftedImage) {
  const Image a = texture(40, 32), b = shifted(a, 3, 2);
  // B's pixel at (x, y) came from A's (x - 3, y - 2): the flow from B back to A.
  const Image w = warp(a, uniform(40, 32, -3, -2));
  for (int y = 2; y < 32; ++y)
    for (int x = 3; x < 40; ++x)
      for (int c = 0; c < 3; ++c) ASSERT_NEAR(w.at(x, y, c), b.at(x, y, c), 1e-5) << x << "," << y;
  // A wrong direction is far off: the test can tell.
  const Image wrong = warp(a, uniform(40, 32, 3, 2));
  EXPECT_GT(std::abs(wrong.at(20, 16, 0) - b.at(20, 16, 0)) + std::abs(wrong.at(21, 17, 1) - b.at(21, 17, 1)), 0.01);
}

TEST(OpticalFlow, WarpKeepsTheChannelLayout) {
  Image grey_alpha(20, 16, 2);
  for (int y = 0; y < 16; ++y)
    for (int x = 0; x < 20; ++x) grey_alpha.at(x, y, 0) = x / 20.0f, grey_alpha.at(x, y, 1) = y / 16.0f;
  const Image w = warp(grey_alpha, uniform(20, 16, -1, 0));
  ASSERT_EQ(w.channels, 2);
  EXPECT_NEAR(w.at(5, 7, 0), 4 / 20.0f, 1e-6);
  EXPECT_NEAR(w.at(5, 7, 1), 7 / 16.0f, 1e-6);
}

TEST(OpticalFlow, MaskTrustsFlowsThatAgreeExceptWhatCameIntoView) {
  // Everything moved 3 right and 2 down: B's first 3 columns and 2 rows came from
  // outside A, and the next kEdgeMargin from its edge.
  const int m = static_cast<int>(kEdgeMargin);
  const Image mask = consistency_mask(uniform(40, 32, 3, 2), uniform(40, 32, -3, -2));
  ASSERT_EQ(mask.channels, 1);
  for (int y = 0; y < 32; ++y)
    for (int x = 0; x < 40; ++x)
      ASSERT_EQ(mask.at(x, y, 0), x >= 3 + m && y >= 2 + m ? 1.0f : 0.0f) << x << "," << y;
  // The other way: B's last 3 columns and 2 rows came from past A's far edges.
  const Image back = consistency_mask(uniform(40, 32, -3, -2), uniform(40, 32, 3, 2));
  for (int y = 0; y < 32; ++y)
    for (int x = 0; x < 40; ++x)
      ASSERT_EQ(back.at(x, y, 0), x + 3 <= 39 - m && y + 2 <= 31 - m ? 1.0f : 0.0f) << x << "," << y;
}

TEST(OpticalFlow, MaskTrustsTheEdgeOfAStillPicture) {
  // Nothing moved: A's edge stays B's edge, so carrying it over puts nothing inside B.
  const Image mask = consistency_mask(uniform(40, 32, 0, 0), uniform(40, 32, 0, 0));
  for (int y = 0; y < 32; ++y)
    for (int x = 0; x < 40; ++x) ASSERT_EQ(mask.at(x, y, 0), 1.0f) << x << "," << y;
}

TEST(OpticalFlow, MaskExcludesWhereTheRoundTripDoesNotReturn) {
  // A's block [10, 20) x [8, 18) stays put while the rest moves 3 right: seen from B, the
  // backward flow of its pixels 13..22 lands in the block, whose forward flow does not
  // bring them back (they were covered in B).
  Flow forward = uniform(40, 32, 3, 0);
  for (int y = 8; y < 18; ++y)
    for (int x = 10; x < 20; ++x) forward.dx[forward.index(x, y)] = 0;
  const Image mask = consistency_mask(forward, uniform(40, 32, -3, 0));
  for (int y = 9; y < 17; ++y)
    for (int x = 14; x < 22; ++x) EXPECT_EQ(mask.at(x, y, 0), 0.0f) << x << "," << y;
  EXPECT_EQ(mask.at(3 + static_cast<int>(kEdgeMargin), 12, 0), 1.0f);  // first column past the edge band
  EXPECT_EQ(mask.at(30, 12, 0), 1.0f);
  EXPECT_EQ(mask.at(1, 12, 0), 0.0f);  // came into view
  EXPECT_EQ(mask.at(17, 25, 0), 1.0f);
}

TEST(OpticalFlow, MaskExcludesMotionBoundaries) {
  // B's right half came from 6 px to the left, its left half stood still; A's pixels from
  // 14 on moved right by 6. Consistent everywhere but at the step in the backward flow
  // (and where A's moved pixels uncovered B's left half).
  Flow forward(40, 32), backward(40, 32);
  for (int y = 0; y < 32; ++y)
    for (int x = 0; x < 40; ++x) {
      forward.dx[forward.index(x, y)] = x >= 14 ? 6.0f : 0.0f;
      backward.dx[backward.index(x, y)] = x >= 20 ? -6.0f : 0.0f;
    }
  const Image mask = consistency_mask(forward, backward);
  EXPECT_EQ(mask.at(19, 10, 0), 0.0f);
  EXPECT_EQ(mask.at(20, 10, 0), 0.0f);
  EXPECT_EQ(mask.at(4, 10, 0), 1.0f);
  EXPECT_EQ(mask.at(30, 10, 0), 1.0f);
}

TEST(OpticalFlow, FeatheringTurnsTheMasksStepIntoARamp) {
  Image step(40, 8, 1);
  for (int y = 0; y < 8; ++y)
    for (int x = 20; x < 40; ++x) step.at(x, y, 0) = 1;
  const Image ramp = feathered(step, 2);
  EXPECT_NEAR(ramp.at(2, 4, 0), 0.0f, 1e-4);
  EXPECT_NEAR(ramp.at(37, 4, 0), 1.0f, 1e-4);
  for (int x = 17; x < 23; ++x) {
    EXPECT_GT(ramp.at(x, 4, 0), 0.0f) << x;
    EXPECT_LT(ramp.at(x, 4, 0), 1.0f) << x;
    EXPECT_LT(ramp.at(x - 1, 4, 0), ramp.at(x, 4, 0)) << x;
  }
}

TEST(OpticalFlow, OpenCvFindsAKnownShiftInTheRightDirection) {
  const Image a = texture(96, 80), b = shifted(a, 2, 1);
  const Flow f = optical_flow(a, b);
  ASSERT_EQ(f.width, 96);
  std::vector<float> dx, dy;
  for (int y = 16; y < 64; ++y)
    for (int x = 16; x < 80; ++x) dx.push_back(f.dx[f.index(x, y)]), dy.push_back(f.dy[f.index(x, y)]);
  std::nth_element(dx.begin(), dx.begin() + dx.size() / 2, dx.end());
  std::nth_element(dy.begin(), dy.begin() + dy.size() / 2, dy.end());
  EXPECT_NEAR(dx[dx.size() / 2], 2.0f, 0.25f);
  EXPECT_NEAR(dy[dy.size() / 2], 1.0f, 0.25f);
}

// OpenCV's own exceptions leave as the engine's Error, with OpenCV's reason.
TEST(OpticalFlow, OpenCvsFailuresAreEngineErrors) {
  const Error sizes = caught([] { optical_flow(texture(32, 32), texture(40, 32)); });
  EXPECT_EQ(sizes.code(), ErrorCode::opencv_failure);
  ASSERT_EQ(sizes.arguments().size(), 1u);
  EXPECT_NE(sizes.arguments()[0].find("Assertion failed"), std::string::npos) << sizes.what();
  EXPECT_EQ(std::string(sizes.what()).rfind("Following the motion between the frames failed "
                                            "(OpenCV): (-215:Assertion failed) ", 0), 0u)
      << sizes.what();
  EXPECT_EQ(caught([] { optical_flow(Image(), Image()); }).code(), ErrorCode::opencv_failure);
  EXPECT_EQ(caught([] { feathered(Image(8, 8, 1), 0); }).code(), ErrorCode::opencv_failure);
}

}  // namespace
}  // namespace neural_style

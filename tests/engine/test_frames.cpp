// Animation frames end to end on small images with the built-in network: bad input is
// refused with its code, the temporal term keeps a frame near the previous result warped
// onto it, and progress names the frame and can stop.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "caught_error.h"
#include "neural_style/frames.h"
#include "neural_style/plan.h"
#include "optical_flow.h"
#include "start.h"

namespace neural_style {
namespace {

// A picture with texture in every direction, moved right by `shift` pixels.
Image frame(int shift, int w = 56, int h = 48) {
  Image image(w, h, 3);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      const float u = static_cast<float>(x - shift);
      const bool disc = std::hypot(u - w / 2.0, y - h / 2.0) < h / 4.0;
      image.at(x, y, 0) = 0.5f + 0.3f * std::sin(0.35f * u) * std::cos(0.27f * y);
      image.at(x, y, 1) = 0.5f + 0.3f * std::sin(0.21f * (u + y));
      image.at(x, y, 2) = disc ? 0.9f : 0.2f;
    }
  return image;
}

Image stripes() {
  Image image(48, 48, 3);
  for (int y = 0; y < 48; ++y)
    for (int x = 0; x < 48; ++x) {
      const bool on = ((x + y) / 6) % 2 == 0;
      image.at(x, y, 0) = on ? 0.9f : 0.05f;
      image.at(x, y, 1) = on ? 0.7f : 0.1f;
      image.at(x, y, 2) = on ? 0.1f : 0.3f;
    }
  return image;
}

// Every step of the budget (no convergence stop), so that the runs compared take the same
// steps whatever their losses do.
Settings fast(int iterations = 24) {
  Settings s;
  s.iterations = iterations;
  s.convergence = 0;
  s.seed = 42;
  s.device = Device::cpu;
  s.precision = Precision::fp32;
  return s;
}

constexpr int kShift = 3;

// Mean absolute difference between `b` and `a` moved by the true motion, away from the
// edge the motion uncovers.
double flicker(const Image& a, const Image& b) {
  Flow back(a.width, a.height);
  std::fill(back.dx.begin(), back.dx.end(), -static_cast<float>(kShift));
  const Image moved = warp(a, back);
  double sum = 0;
  int n = 0;
  for (int y = 0; y < a.height; ++y)
    for (int x = kShift + 2; x < a.width; ++x)
      for (int c = 0; c < 3; ++c) sum += std::abs(moved.at(x, y, c) - b.at(x, y, c)), ++n;
  return sum / n;
}

TEST(Frames, RefusesTooFewFramesFramesOfOtherSizesAndABadWeight) {
  EXPECT_EQ(caught([] { transfer_frames({}, {stripes()}, fast(), 1); }).code(),
            ErrorCode::too_few_frames);
  EXPECT_EQ(caught([] { transfer_frames({frame(0)}, {stripes()}, fast(), 1); }).code(),
            ErrorCode::too_few_frames);
  const Error sizes =
      caught([] { transfer_frames({frame(0), frame(1), frame(2, 40, 48)}, {stripes()}, fast(), 1); });
  EXPECT_EQ(sizes.code(), ErrorCode::frames_differ_in_size);
  EXPECT_EQ(sizes.arguments(), (std::vector<std::string>{"56", "48", "3", "40", "48"}));
  EXPECT_EQ(caught([] { transfer_frames({frame(0), frame(1)}, {stripes()}, fast(), -1); }).code(),
            ErrorCode::weight_out_of_range);
}

// The coherent method against every frame on its own (weight 0).
TEST(Frames, TheSecondFrameFollowsTheFirstAlongTheMotion) {
  const std::vector<Image> frames = {frame(0), frame(kShift)};
  const FramesResult alone = transfer_frames(frames, {stripes()}, fast(), 0);
  const FramesResult coherent = transfer_frames(frames, {stripes()}, fast(), kDefaultTemporalWeight);
  ASSERT_EQ(alone.frames.size(), 2u);
  ASSERT_EQ(coherent.frames.size(), 2u);
  EXPECT_FALSE(coherent.stopped);
  const double apart = flicker(alone.frames[0].image, alone.frames[1].image);
  const double together = flicker(coherent.frames[0].image, coherent.frames[1].image);
  EXPECT_LT(together, 0.5 * apart) << "alone " << apart << ", coherent " << together;
  // The last pass to touch each frame: the second, back from the last frame (repainted
  // freely), which holds the first frame to the second.
  EXPECT_GT(coherent.frames[0].losses.temporal, 0);
  EXPECT_EQ(alone.frames[0].losses.temporal, 0);
}

// The term itself: from the same start, with and without it.
TEST(Frames, TheTemporalTermPullsTowardsItsTargetWhereTheMaskTrustsIt) {
  const Result first = transfer(frame(0), {stripes()}, fast());
  Flow back(56, 48), ahead(56, 48);
  std::fill(back.dx.begin(), back.dx.end(), -static_cast<float>(kShift));
  std::fill(ahead.dx.begin(), ahead.dx.end(), static_cast<float>(kShift));
  Start start;
  start.image = warp(first.image, back);
  start.target = start.image;
  start.mask = consistency_mask(ahead, back);
  Settings s = fast(12);
  s.multi_scale = false;
  const Result without = transfer_from(frame(kShift), {stripes()}, s, {}, start);
  start.temporal_weight = 30;
  const Result with = transfer_from(frame(kShift), {stripes()}, s, {}, start);
  EXPECT_LT(flicker(first.image, with.image), 0.7 * flicker(first.image, without.image));
}

// What the dialog's estimate counts on (frames.h): the later frames run exactly with
// later_frame_settings, one scale and fewer steps; with weight 0 as the first.
TEST(Frames, LaterFramesRunWithTheirOwnSettings) {
  for (const double weight : {0.0, 1.0}) {
    const Settings later = later_frame_settings(fast(), weight);
    EXPECT_EQ(later.multi_scale, weight == 0);
    EXPECT_EQ(later.iterations < fast().iterations, weight > 0);
    std::vector<Progress> second;
    // Large enough for two scales.
    const std::vector<Image> frames = {frame(0, 180, 160), frame(1, 180, 160)};
    ASSERT_EQ(plan_scales(180, 160, fast()).size(), 2u);
    transfer_frames(frames, {stripes()}, fast(), weight, [&](const FrameProgress& p) {
      if (p.frame == 2 && p.pass == 1) second.push_back(p.step);
      return true;
    });
    ASSERT_FALSE(second.empty());
    EXPECT_EQ(second.back().scales, later.multi_scale ? 2 : 1) << "weight " << weight;
    EXPECT_EQ(second.back().iteration, later.iterations) << "weight " << weight;
  }
}

// Ruder et al.'s second pass: with a weight, every frame once more, back from the last,
// each with the later settings; alone, one pass. A stop in the second pass keeps every
// frame, the current one as its last iterate.
TEST(Frames, TheSecondPassGoesBackFromTheLastFrameAndAStopThereKeepsEveryFrame) {
  const std::vector<Image> frames = {frame(0), frame(1), frame(2)};
  for (const double weight : {0.0, 1.0}) {
    std::vector<std::pair<int, int>> seen;  // (pass, frame), once each
    const FramesResult r = transfer_frames(frames, {stripes()}, fast(8), weight,
                                           [&](const FrameProgress& p) {
      EXPECT_EQ(p.passes, weight > 0 ? 2 : 1);
      if (seen.empty() || seen.back() != std::make_pair(p.pass, p.frame))
        seen.push_back({p.pass, p.frame});
      return true;
    });
    const std::vector<std::pair<int, int>> one_pass = {{1, 1}, {1, 2}, {1, 3}};
    std::vector<std::pair<int, int>> two_passes = one_pass;
    two_passes.insert(two_passes.end(), {{2, 3}, {2, 2}, {2, 1}});
    EXPECT_EQ(seen, weight > 0 ? two_passes : one_pass) << "weight " << weight;
    EXPECT_EQ(int(seen.size()), frame_runs(3, weight));
    EXPECT_EQ(r.frames.size(), 3u);
  }
  const FramesResult stopped = transfer_frames(
      frames, {stripes()}, fast(8), 1,
      [&](const FrameProgress& p) { return !(p.pass == 2 && p.frame == 2 && p.step.iteration >= 1); });
  EXPECT_TRUE(stopped.stopped);
  ASSERT_EQ(stopped.frames.size(), 3u);
  EXPECT_TRUE(stopped.frames[1].stopped);
  EXPECT_FALSE(stopped.frames[0].stopped) << "the first pass's painting";
  EXPECT_FALSE(stopped.frames[2].stopped);
}

TEST(Frames, ProgressNamesTheFrameAndStopKeepsTheFramesDone) {
  std::vector<int> seen;
  const FramesResult r = transfer_frames(
      {frame(0), frame(1), frame(2)}, {stripes()}, fast(8), 1, [&](const FrameProgress& p) {
        EXPECT_EQ(p.frames, 3);
        if (seen.empty() || seen.back() != p.frame) seen.push_back(p.frame);
        return !(p.frame == 2 && p.step.iteration >= 1);
      });
  EXPECT_EQ(seen, (std::vector<int>{1, 2}));
  EXPECT_TRUE(r.stopped);
  ASSERT_EQ(r.frames.size(), 2u);
  EXPECT_FALSE(r.frames[0].stopped);
  EXPECT_TRUE(r.frames[1].stopped);
  EXPECT_EQ(r.frames[1].image.width, 56);
}

}  // namespace
}  // namespace neural_style

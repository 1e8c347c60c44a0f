// The progress as the user reads it (plugin/progress.h): the text and the bar's fraction.
#include <gtest/gtest.h>

#include "progress.h"

namespace neural_style::plugin {
namespace {

Progress at(int iteration, double elapsed, double left) {
  Progress p;
  p.scale = 2;
  p.scales = 4;
  p.width = 256;
  p.height = 192;
  p.iteration = iteration;
  p.iterations = 300;
  p.seconds_elapsed = elapsed;
  p.seconds_left = left;
  return p;
}

TEST(ProgressText, ScaleIterationAndTimeLeft) {
  EXPECT_EQ(progress_text(at(57, 10, 83)), "Scale 2 of 4 (256×192), iteration 57 of 300, 1:23 left");
  EXPECT_EQ(progress_text(at(57, 10, 3723)),
            "Scale 2 of 4 (256×192), iteration 57 of 300, 1:02:03 left");
}

TEST(ProgressText, NoTimeBeforeAnEstimate) {
  EXPECT_EQ(progress_text(at(1, 1, -1)), "Scale 2 of 4 (256×192), iteration 1 of 300");
}

TEST(ProgressText, TilesWhileATiledStepRuns) {
  Progress p = at(57, 10, 59.6);
  p.tile = 3;
  p.tiles = 8;
  EXPECT_EQ(progress_text(p), "Scale 2 of 4 (256×192), iteration 57 of 300, tile 3 of 8, 1:00 left");
}

TEST(ProgressText, StepsUndoneOnceThereAreAny) {
  Progress p = at(57, 10, 83);
  p.steps_undone = 2;
  EXPECT_EQ(progress_text(p), "Scale 2 of 4 (256×192), iteration 57 of 300, 2 steps undone (the "
                              "loss was not a number), 1:23 left");
}

TEST(ProgressMeter, CountsStepsUntilThereIsTimeThenTime) {
  ProgressMeter meter;
  EXPECT_DOUBLE_EQ(meter.fraction(at(30, 5, -1)), 0.1);
  EXPECT_DOUBLE_EQ(meter.fraction(at(60, 20, 60)), 0.25);
}

TEST(ProgressMeter, NeverMovesBackwardsNorPastTheEnd) {
  ProgressMeter meter;
  EXPECT_DOUBLE_EQ(meter.fraction(at(150, 50, 50)), 0.5);
  EXPECT_DOUBLE_EQ(meter.fraction(at(151, 51, 200)), 0.5) << "the estimate grew";
  EXPECT_DOUBLE_EQ(meter.fraction(at(300, 100, 0)), 1.0);
  EXPECT_DOUBLE_EQ(meter.fraction(at(300, 100, -1)), 1.0);
}

TEST(FramesProgress, FrameThenTheFramesOwnProgress) {
  EXPECT_EQ(frame_progress_text({2, 5, at(1, 1, -1)}),
            "Frame 2 of 5: Scale 2 of 4 (256×192), iteration 1 of 300");
}

TEST(FramesMeter, EachFrameAnEqualShareStartingAfresh) {
  FramesMeter meter;
  EXPECT_DOUBLE_EQ(meter.fraction({1, 4, at(150, 50, 50)}), 0.125);
  EXPECT_DOUBLE_EQ(meter.fraction({2, 4, at(30, 5, -1)}), 0.275) << "frame 2's own 10%";
  EXPECT_DOUBLE_EQ(meter.fraction({4, 4, at(300, 100, 0)}), 1.0);
}

TEST(FramesProgress, TwoPassesNameThePass) {
  EXPECT_EQ(frame_progress_text({2, 5, at(1, 1, -1), 2, 2}),
            "Frame 2 of 5, pass 2 of 2: Scale 2 of 4 (256×192), iteration 1 of 300");
}

// The second pass goes back from the last frame: its frame 4 of 4 is the fifth of eight.
TEST(FramesMeter, EachFrameOfEachPassAnEqualShare) {
  FramesMeter meter;
  EXPECT_DOUBLE_EQ(meter.fraction({4, 4, at(300, 100, 0), 1, 2}), 0.5);
  EXPECT_DOUBLE_EQ(meter.fraction({4, 4, at(150, 50, 50), 2, 2}), 0.5625) << "starts afresh";
  EXPECT_DOUBLE_EQ(meter.fraction({1, 4, at(300, 100, 0), 2, 2}), 1.0);
}

TEST(FramesMeter, ALayersRunIsFrameZeroOfZero) {
  FramesMeter meter;
  EXPECT_DOUBLE_EQ(meter.fraction({0, 0, at(150, 50, 50)}), 0.5);
}

}  // namespace
}  // namespace neural_style::plugin

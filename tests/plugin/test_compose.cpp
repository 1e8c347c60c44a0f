// Frames of an optimised animation made whole (plugin/compose.h), against pixels worked
// out by hand.
#include <gtest/gtest.h>

#include "compose.h"

namespace neural_style::plugin {
namespace {

// A w x h RGBA image of one colour.
Image filled(int w, int h, float r, float g, float b, float a) {
  Image image(w, h, 4);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      image.at(x, y, 0) = r;
      image.at(x, y, 1) = g;
      image.at(x, y, 2) = b;
      image.at(x, y, 3) = a;
    }
  return image;
}

std::vector<float> pixel(const Image& image, int x, int y) {
  std::vector<float> p;
  for (int c = 0; c < image.channels; ++c) p.push_back(image.at(x, y, c));
  return p;
}

TEST(Compose, CombineFramesAreMarkedInTheirNames) {
  EXPECT_TRUE(is_combine_frame("Frame 2 (100ms) (combine)"));
  EXPECT_FALSE(is_combine_frame("Frame 2 (100ms) (replace)"));
  EXPECT_FALSE(is_combine_frame("Frame 2 (100ms)"));
}

TEST(Compose, AnOpaqueLayerReplacesWhereItLiesClippedToTheCanvas) {
  Image canvas = filled(4, 3, 1, 0, 0, 1);
  draw_over(canvas, filled(2, 2, 0, 0, 1, 1), 3, 2);  // only its top-left pixel lands
  EXPECT_EQ(pixel(canvas, 3, 2), (std::vector<float>{0, 0, 1, 1}));
  EXPECT_EQ(pixel(canvas, 2, 2), (std::vector<float>{1, 0, 0, 1}));
  EXPECT_EQ(pixel(canvas, 3, 1), (std::vector<float>{1, 0, 0, 1}));
}

TEST(Compose, TransparencyShowsWhatIsBelow) {
  Image canvas = filled(2, 2, 1, 0, 0, 1);
  draw_over(canvas, filled(2, 2, 0, 0, 1, 0), 0, 0);
  EXPECT_EQ(pixel(canvas, 0, 0), (std::vector<float>{1, 0, 0, 1}));
  draw_over(canvas, filled(1, 1, 0, 0, 1, 0.25f), -1, -1);  // off the canvas: nothing
  EXPECT_EQ(pixel(canvas, 0, 0), (std::vector<float>{1, 0, 0, 1}));
  draw_over(canvas, filled(1, 1, 0, 0, 1, 0.25f), 0, 0);
  EXPECT_EQ(pixel(canvas, 0, 0), (std::vector<float>{0.75f, 0, 0.25f, 1}));
}

TEST(Compose, OverNothingKeepsTheLayersColourAndAlpha) {
  Image canvas(1, 1, 4);
  draw_over(canvas, filled(1, 1, 0.2f, 0.4f, 0.6f, 0.5f), 0, 0);
  EXPECT_EQ(pixel(canvas, 0, 0), (std::vector<float>{0.2f, 0.4f, 0.6f, 0.5f}));
}

TEST(Compose, AlphaGoesOnlyWhenOpaqueEverywhere) {
  Image image = filled(2, 1, 0.5f, 0.5f, 0.5f, 1);
  EXPECT_TRUE(is_opaque(image));
  EXPECT_EQ(without_alpha(image).channels, 3);
  EXPECT_EQ(pixel(without_alpha(image), 1, 0), (std::vector<float>{0.5f, 0.5f, 0.5f}));
  image.at(1, 0, 3) = 0.99f;
  EXPECT_FALSE(is_opaque(image));
}

}  // namespace
}  // namespace neural_style::plugin

// Pixels between GEGL buffers and Images (engine/image_files/buffer_pixels.h): 8-bit sRGB
// converted by one rule in every process, other formats keeping their precision.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <vector>

#include "buffer_pixels.h"
#include "image_files.h"

namespace neural_style::image_files {
namespace {

class BufferPixels : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { init(nullptr, nullptr); }
  void TearDown() override {
    if (buffer_) g_object_unref(buffer_);
  }
  GeglBuffer* buffer(const char* format) {
    return buffer_ = gegl_buffer_new(&rect_, babl_format(format));
  }
  // Every value from -0.25 to 1.25 in steps of a quarter byte, hitting the halves.
  Image ramp() const {
    Image image(rect_.width, rect_.height, 3);
    for (std::size_t i = 0; i < image.pixels.size(); ++i)
      image.pixels[i] = (float(i % 1530) - 127.5f) / 1020.0f;
    return image;
  }

  const GeglRectangle rect_ = {0, 0, 64, 32};
  GeglBuffer* buffer_ = nullptr;
};

TEST_F(BufferPixels, EightBitSrgbRoundsHalvesUpAndClamps) {
  GeglBuffer* bytes = buffer("R'G'B' u8");
  const Image image = ramp();
  set_pixels(bytes, rect_, image);
  std::vector<std::uint8_t> stored(image.pixels.size());
  gegl_buffer_get(bytes, &rect_, 1.0, babl_format("R'G'B' u8"), stored.data(),
                  GEGL_AUTO_ROWSTRIDE, GEGL_ABYSS_NONE);
  for (std::size_t i = 0; i < stored.size(); ++i) {
    const float scaled = std::fmin(std::fmax(image.pixels[i], 0.0f), 1.0f) * 255.0f;
    ASSERT_EQ(stored[i], static_cast<int>(std::floor(scaled + 0.5f))) << image.pixels[i];
  }
  const Image back = get_pixels(bytes, rect_, 3);
  for (std::size_t i = 0; i < stored.size(); ++i) ASSERT_EQ(back.pixels[i], stored[i] / 255.0f);
}

TEST_F(BufferPixels, FloatKeepsEveryBit) {
  GeglBuffer* floats = buffer("R'G'B' float");
  Image image = ramp();
  for (float& value : image.pixels) value = std::fmin(std::fmax(value, 0.0f), 1.0f);
  set_pixels(floats, rect_, image);
  EXPECT_EQ(get_pixels(floats, rect_, 3).pixels, image.pixels);
}

TEST_F(BufferPixels, SixteenBitKeepsItsPrecision) {
  GeglBuffer* words = buffer("R'G'B' u16");
  Image image = ramp();
  for (float& value : image.pixels) value = std::fmin(std::fmax(value, 0.0f), 1.0f);
  set_pixels(words, rect_, image);
  const Image back = get_pixels(words, rect_, 3);
  for (std::size_t i = 0; i < image.pixels.size(); ++i)
    ASSERT_NEAR(back.pixels[i], image.pixels[i], 0.51f / 65535.0f);
}

}  // namespace
}  // namespace neural_style::image_files

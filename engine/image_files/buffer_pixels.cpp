#include "buffer_pixels.h"

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

namespace neural_style::image_files {
namespace {

const char* const kLayouts[] = {"Y'", "Y'A", "R'G'B'", "R'G'B'A"};

// What 8-bit images and files hold, and what is converted here rather than by babl:
// babl picks among its conversions by timing them in each process, so its choice, and
// the rounding that comes with it, is not the same in every run.
bool holds_srgb_bytes(GeglBuffer* buffer) {
  const Babl* format = gegl_buffer_get_format(buffer);
  if (babl_format_get_space(format) != babl_space("sRGB") ||
      babl_format_get_type(format, 0) != babl_type("u8"))
    return false;
  const Babl* model = babl_format_get_model(format);
  return std::any_of(std::begin(kLayouts), std::end(kLayouts),
                     [&](const char* layout) { return babl_model_is(model, layout); });
}

std::uint8_t to_byte(float value) {
  return static_cast<std::uint8_t>(std::clamp(value, 0.0f, 1.0f) * 255.0f + 0.5f);
}

}  // namespace

const Babl* format_of(int channels, const char* type) {
  return babl_format((std::string(kLayouts[channels - 1]) + " " + type).c_str());
}

Image get_pixels(GeglBuffer* buffer, const GeglRectangle& rect, int channels) {
  Image image(rect.width, rect.height, channels);
  if (!holds_srgb_bytes(buffer)) {
    gegl_buffer_get(buffer, &rect, 1.0, format_of(channels, "float"), image.pixels.data(),
                    GEGL_AUTO_ROWSTRIDE, GEGL_ABYSS_NONE);
    return image;
  }
  std::vector<std::uint8_t> bytes(image.pixels.size());
  gegl_buffer_get(buffer, &rect, 1.0, format_of(channels, "u8"), bytes.data(),
                  GEGL_AUTO_ROWSTRIDE, GEGL_ABYSS_NONE);
  std::transform(bytes.begin(), bytes.end(), image.pixels.begin(),
                 [](std::uint8_t byte) { return byte / 255.0f; });
  return image;
}

void set_pixels(GeglBuffer* buffer, const GeglRectangle& rect, const Image& image) {
  if (!holds_srgb_bytes(buffer)) {
    gegl_buffer_set(buffer, &rect, 0, format_of(image.channels, "float"), image.pixels.data(),
                    GEGL_AUTO_ROWSTRIDE);
    return;
  }
  std::vector<std::uint8_t> bytes(image.pixels.size());
  std::transform(image.pixels.begin(), image.pixels.end(), bytes.begin(), to_byte);
  gegl_buffer_set(buffer, &rect, 0, format_of(image.channels, "u8"), bytes.data(),
                  GEGL_AUTO_ROWSTRIDE);
}

}  // namespace neural_style::image_files

#include "pixels.h"

#include <gegl.h>

#include "float_formats.h"

namespace neural_style::plugin {
namespace {

using image_files::float_format;

GeglRectangle rectangle(const Region& region) {
  return {region.x, region.y, region.width, region.height};
}

Image read_buffer(GeglBuffer* buffer, const Region& region, const Babl* format, int channels) {
  Image image(region.width, region.height, channels);
  const GeglRectangle rect = rectangle(region);
  gegl_buffer_get(buffer, &rect, 1.0, format, image.pixels.data(), GEGL_AUTO_ROWSTRIDE,
                  GEGL_ABYSS_NONE);
  g_object_unref(buffer);
  return image;
}

}  // namespace

Image read_pixels(ItemId drawable, const Region& region, int channels) {
  return read_buffer(host::drawable_buffer(drawable), region, float_format(channels),
                     channels);
}

Image read_selection(ImageId image, const Region& region) {
  // Coverage is linear, hence "Y" and not "Y'".
  return read_buffer(host::selection_buffer(image), region,
                     babl_format("Y float"), 1);
}

void write_pixels(ItemId drawable, const Region& region, const Image& image) {
  GeglBuffer* buffer = host::drawable_buffer(drawable);
  const GeglRectangle rect = rectangle(region);
  gegl_buffer_set(buffer, &rect, 0, float_format(image.channels), image.pixels.data(),
                  GEGL_AUTO_ROWSTRIDE);
  g_object_unref(buffer);  // flushes the tiles to GIMP
}

void mask_alpha(Image& image, const Image& mask) {
  const int alpha = image.channels - 1;
  for (int y = 0; y < image.height; ++y)
    for (int x = 0; x < image.width; ++x) image.at(x, y, alpha) *= mask.at(x, y, 0);
}

}  // namespace neural_style::plugin

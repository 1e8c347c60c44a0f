#include "pixels.h"

#include <gegl.h>

#include "buffer_pixels.h"

namespace neural_style::plugin {
namespace {

GeglRectangle rectangle(const Region& region) {
  return {region.x, region.y, region.width, region.height};
}

}  // namespace

Image read_pixels(ItemId drawable, const Region& region, int channels) {
  GeglBuffer* buffer = host::drawable_buffer(drawable);
  Image image = image_files::get_pixels(buffer, rectangle(region), channels);
  g_object_unref(buffer);
  return image;
}

Image read_selection(ImageId image, const Region& region) {
  GeglBuffer* buffer = host::selection_buffer(image);
  Image coverage(region.width, region.height, 1);
  const GeglRectangle rect = rectangle(region);
  // Coverage is linear, hence "Y" and not "Y'".
  gegl_buffer_get(buffer, &rect, 1.0, babl_format("Y float"), coverage.pixels.data(),
                  GEGL_AUTO_ROWSTRIDE, GEGL_ABYSS_NONE);
  g_object_unref(buffer);
  return coverage;
}

void write_pixels(ItemId drawable, const Region& region, const Image& image) {
  GeglBuffer* buffer = host::drawable_buffer(drawable);
  image_files::set_pixels(buffer, rectangle(region), image);
  g_object_unref(buffer);  // flushes the tiles to GIMP
}

void mask_alpha(Image& image, const Image& mask) {
  const int alpha = image.channels - 1;
  for (int y = 0; y < image.height; ++y)
    for (int x = 0; x < image.width; ++x) image.at(x, y, alpha) *= mask.at(x, y, 0);
}

}  // namespace neural_style::plugin

#include "image_files.h"

#include <gegl.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "float_formats.h"
#include "neural_style/error.h"

namespace neural_style::cli {

const Babl* float_format(int channels) {
  static const char* const kNames[] = {"Y' float", "Y'A float", "R'G'B' float", "R'G'B'A float"};
  return babl_format(kNames[channels - 1]);
}

namespace {

int channels_of(const Babl* format) {
  const int components = babl_format_get_n_components(format);
  const bool alpha = babl_format_has_alpha(format);
  const bool grey = components - (alpha ? 1 : 0) == 1;
  return (grey ? 1 : 3) + (alpha ? 1 : 0);
}

std::string extension_of(const std::string& path) {
  std::string ext = std::filesystem::path(path).extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext;
}

GeglNode* load_node(GeglNode* graph, const std::string& path) {
  return gegl_node_new_child(graph, "operation", "gegl:load", "path", path.c_str(), nullptr);
}

}  // namespace

void init_image_files(int* argc, char*** argv) { gegl_init(argc, argv); }
void exit_image_files() { gegl_exit(); }

Image load_image(const std::string& path, int channels) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error))
    throw Error(ErrorCode::image_file_missing, {path});
  GeglNode* graph = gegl_node_new();
  GeglBuffer* buffer = nullptr;
  GeglNode* load = load_node(graph, path);
  GeglNode* sink = gegl_node_new_child(graph, "operation", "gegl:buffer-sink", "buffer", &buffer, nullptr);
  gegl_node_link(load, sink);
  gegl_node_process(sink);
  g_object_unref(graph);
  const GeglRectangle* extent = buffer ? gegl_buffer_get_extent(buffer) : nullptr;
  if (!extent || extent->width <= 0 || extent->height <= 0) {
    if (buffer) g_object_unref(buffer);
    throw Error(ErrorCode::image_file_unreadable, {path});
  }
  if (channels == 0) channels = channels_of(gegl_buffer_get_format(buffer));
  Image image(extent->width, extent->height, channels);
  gegl_buffer_get(buffer, extent, 1.0, float_format(image.channels), image.pixels.data(),
                  GEGL_AUTO_ROWSTRIDE, GEGL_ABYSS_NONE);
  g_object_unref(buffer);
  return image;
}

std::pair<int, int> image_size(const std::string& path) {
  GeglNode* graph = gegl_node_new();
  const GeglRectangle box = gegl_node_get_bounding_box(load_node(graph, path));
  g_object_unref(graph);
  return {std::max(0, box.width), std::max(0, box.height)};
}

void save_image(const Image& image, const std::string& path) {
  const std::string ext = extension_of(path);
  const std::string temporary = path + ".partial" + ext;
  const GeglRectangle rect = {0, 0, image.width, image.height};
  GeglBuffer* buffer = gegl_buffer_new(&rect, float_format(image.channels));
  gegl_buffer_set(buffer, &rect, 0, float_format(image.channels), image.pixels.data(),
                  GEGL_AUTO_ROWSTRIDE);
  GeglNode* graph = gegl_node_new();
  GeglNode* source = gegl_node_new_child(graph, "operation", "gegl:buffer-source", "buffer", buffer, nullptr);
  GeglNode* save = ext == ".png"
      ? gegl_node_new_child(graph, "operation", "gegl:png-save", "path", temporary.c_str(),
                            "bitdepth", 8, nullptr)
      : gegl_node_new_child(graph, "operation", "gegl:save", "path", temporary.c_str(), nullptr);
  gegl_node_link(source, save);
  gegl_node_process(save);
  g_object_unref(graph);
  g_object_unref(buffer);
  std::error_code error;
  if (std::filesystem::file_size(temporary, error) == 0 || error) {
    std::filesystem::remove(temporary, error);
    throw Error(ErrorCode::image_file_unsavable, {path});
  }
  std::filesystem::rename(temporary, path, error);
  if (error) {
    std::error_code ignored;
    std::filesystem::remove(temporary, ignored);
    throw Error(ErrorCode::image_file_not_renamed, {path, error.message()});
  }
}

}  // namespace neural_style::cli

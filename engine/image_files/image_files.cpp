#include "image_files.h"

#include <gegl.h>
// jpeglib.h needs FILE and size_t declared first.
#include <cstdio>
#include <jpeglib.h>

#include <algorithm>
#include <cctype>
#include <csetjmp>
#include <filesystem>
#include <mutex>
#include <vector>

#include "buffer_pixels.h"
#include "neural_style/error.h"

namespace neural_style::image_files {

namespace fs = std::filesystem;

namespace {

int channels_of(const Babl* format) {
  const int components = babl_format_get_n_components(format);
  const bool alpha = babl_format_has_alpha(format);
  const bool grey = components - (alpha ? 1 : 0) == 1;
  return (grey ? 1 : 3) + (alpha ? 1 : 0);
}

std::string extension_of(const std::string& path) {
  std::string ext = fs::path(path).extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext;
}

GeglNode* load_node(GeglNode* graph, const std::string& path) {
  return gegl_node_new_child(graph, "operation", "gegl:load", "path", path.c_str(), nullptr);
}

// The GLib warnings logged while it lives: GEGL's loaders say only there that a file was
// cut short or damaged, and hand back what they decoded.
class LoadWarnings {
 public:
  LoadWarnings() {
    for (const char* domain : kDomains)
      handlers_.push_back(g_log_set_handler(
          domain, GLogLevelFlags(G_LOG_LEVEL_WARNING | G_LOG_LEVEL_CRITICAL), record, this));
  }
  ~LoadWarnings() {
    for (std::size_t i = 0; i < handlers_.size(); ++i) g_log_remove_handler(kDomains[i], handlers_[i]);
  }
  LoadWarnings(const LoadWarnings&) = delete;
  LoadWarnings& operator=(const LoadWarnings&) = delete;

  // The first warning, without its closing full stop (the message adds its own).
  std::string first() {
    const std::lock_guard<std::mutex> lock(mutex_);
    std::string text = first_;
    while (!text.empty() && (text.back() == '.' || std::isspace(static_cast<unsigned char>(text.back()))))
      text.pop_back();
    return text;
  }

 private:
  static constexpr const char* kDomains[] = {nullptr, "GEGL"};
  static void record(const gchar*, GLogLevelFlags, const gchar* message, gpointer self) {
    auto* warnings = static_cast<LoadWarnings*>(self);
    const std::lock_guard<std::mutex> lock(warnings->mutex_);
    if (warnings->first_.empty()) warnings->first_ = message;
  }

  std::vector<guint> handlers_;
  std::mutex mutex_;  // GEGL may decode on its worker threads
  std::string first_;
};

// libjpeg's first complaint about a JPEG file, or nothing. GEGL's JPEG loader leaves
// libjpeg's default error handler in place, which ends the whole process on a damaged file
// (and fills one cut short with grey, with a warning on stderr): a JPEG is decoded here
// first, with an error handler that returns. No C++ object lives across the longjmp.
struct JpegErrors {
  jpeg_error_mgr manager;
  std::jmp_buf failed;
  char first[JMSG_LENGTH_MAX];
};

void jpeg_failed(j_common_ptr info) {
  auto* errors = reinterpret_cast<JpegErrors*>(info->err);
  if (!errors->first[0]) info->err->format_message(info, errors->first);
  std::longjmp(errors->failed, 1);
}

void jpeg_warned(j_common_ptr info, int level) {
  auto* errors = reinterpret_cast<JpegErrors*>(info->err);
  if (level < 0 && !errors->first[0]) info->err->format_message(info, errors->first);
}

bool decode_jpeg(std::FILE* file, JpegErrors& errors) {
  jpeg_decompress_struct info;
  info.err = jpeg_std_error(&errors.manager);
  errors.manager.error_exit = jpeg_failed;
  errors.manager.emit_message = jpeg_warned;
  errors.first[0] = 0;
  if (setjmp(errors.failed)) {
    jpeg_destroy_decompress(&info);
    return false;
  }
  jpeg_create_decompress(&info);
  jpeg_stdio_src(&info, file);
  jpeg_read_header(&info, TRUE);
  jpeg_start_decompress(&info);
  JSAMPARRAY row = (*info.mem->alloc_sarray)(reinterpret_cast<j_common_ptr>(&info), JPOOL_IMAGE,
                                             info.output_width * info.output_components, 1);
  while (info.output_scanline < info.output_height) jpeg_read_scanlines(&info, row, 1);
  jpeg_finish_decompress(&info);
  jpeg_destroy_decompress(&info);
  return errors.first[0] == 0;
}

std::string jpeg_fault(const std::string& path) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (!file) return "";
  unsigned char magic[2] = {0, 0};
  const bool jpeg = std::fread(magic, 1, 2, file) == 2 && magic[0] == 0xFF && magic[1] == 0xD8;
  std::rewind(file);
  JpegErrors errors;
  const bool whole = !jpeg || decode_jpeg(file, errors);
  std::fclose(file);
  return whole ? "" : errors.first;
}

// What can be told before GEGL decodes: that it is a file, not empty, not a bomb, and not
// a damaged JPEG.
void check_before_decoding(const std::string& path) {
  std::error_code error;
  const fs::file_status status = fs::status(path, error);
  if (fs::is_directory(status)) throw Error(ErrorCode::image_file_is_folder, {path});
  if (!fs::is_regular_file(status)) throw Error(ErrorCode::image_file_missing, {path});
  if (fs::file_size(path, error) == 0) throw Error(ErrorCode::image_file_empty, {path});
  const auto [width, height] = image_size(path);
  if (std::int64_t{width} * height > kMaxPixels)
    throw Error(ErrorCode::image_file_too_large,
                {path, std::to_string(width), std::to_string(height), std::to_string(kMaxPixels)});
  const std::string fault = jpeg_fault(path);
  if (!fault.empty()) throw Error(ErrorCode::image_file_damaged, {path, fault});
}

GeglBuffer* decode(const std::string& path) {
  LoadWarnings warnings;
  GeglNode* graph = gegl_node_new();
  GeglBuffer* buffer = nullptr;
  GeglNode* sink = gegl_node_new_child(graph, "operation", "gegl:buffer-sink", "buffer", &buffer, nullptr);
  gegl_node_link(load_node(graph, path), sink);
  gegl_node_process(sink);
  g_object_unref(graph);
  const GeglRectangle* extent = buffer ? gegl_buffer_get_extent(buffer) : nullptr;
  const bool empty = !extent || extent->width <= 0 || extent->height <= 0;
  const std::string warning = warnings.first();
  if (empty || !warning.empty()) {
    if (buffer) g_object_unref(buffer);
    if (empty) throw Error(ErrorCode::image_file_unreadable, {path});
    throw Error(ErrorCode::image_file_damaged, {path, warning});
  }
  return buffer;
}

}  // namespace

void init(int* argc, char*** argv) { gegl_init(argc, argv); }
void shutdown() { gegl_exit(); }

Image load_image(const std::string& path, int channels) {
  check_before_decoding(path);
  GeglBuffer* buffer = decode(path);
  const GeglRectangle* extent = gegl_buffer_get_extent(buffer);
  if (channels == 0) channels = channels_of(gegl_buffer_get_format(buffer));
  Image image = get_pixels(buffer, *extent, channels);
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
  // PNG (written with 8 bits) and JPEG take bytes, made as for an 8-bit layer.
  const bool bytes = ext == ".png" || ext == ".jpg" || ext == ".jpeg";
  GeglBuffer* buffer = gegl_buffer_new(&rect, format_of(image.channels, bytes ? "u8" : "float"));
  set_pixels(buffer, rect, image);
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
  if (fs::file_size(temporary, error) == 0 || error) {
    fs::remove(temporary, error);
    throw Error(ErrorCode::image_file_unsavable, {path});
  }
  fs::rename(temporary, path, error);
  if (error) {
    std::error_code ignored;
    fs::remove(temporary, ignored);
    throw Error(ErrorCode::image_file_not_renamed, {path, error.message()});
  }
}

}  // namespace neural_style::image_files

#include "paintings.h"

#include <glib/gi18n-lib.h>

#include "beside_plugin.h"
#include "failure.h"
#include "image_files.h"
#include "text.h"

namespace neural_style::plugin {
namespace {

constexpr const char* kFolder = "paintings";

}  // namespace

std::string painting_path(int painting) {
  const std::string file = std::string(kFolder) + "/" + kPaintings.at(painting).file;
  const std::string beside = beside_plugin(file);
  if (!beside.empty()) return beside;
  const std::string installed = std::string(NEURAL_STYLE_MODELS_DIR) + "/" + file;
  if (g_file_test(installed.c_str(), G_FILE_TEST_IS_REGULAR)) return installed;
  throw execution_failure(
      printf_text(_("The built-in painting '%s' is not installed: %s is missing. Install the "
                    "plug-in again."),
                  _(kPaintings.at(painting).name), installed.c_str()));
}

Extent painting_extent(int painting) {
  const auto [width, height] = image_files::image_size(painting_path(painting));
  return {width, height};
}

Image read_painting(int painting) { return image_files::load_image(painting_path(painting), 4); }

}  // namespace neural_style::plugin

#include "stylise.h"

#include <filesystem>
#include <system_error>

#include "inputs.h"
#include "memory_budget.h"
#include "neural_style/transfer.h"
#include "neural_style/weights.h"
#include "progress.h"
#include "provenance.h"
#include "result_layer.h"

namespace neural_style::plugin {
namespace {

// Weights installed next to the plug-in travel with it (a bundle, a portable install);
// otherwise the engine's lookup decides (environment, user data folder, models folder).
std::string weights_beside_plugin() {
  std::error_code error;
  const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", error);
  if (error) return "";
  const std::filesystem::path weights = self.parent_path() / kWeightsFile;
  return std::filesystem::is_regular_file(weights, error) ? weights.string() : "";
}

Workload workload_of(const Inputs& in, const Arguments& arguments) {
  Workload w;
  w.content = {in.region.width, in.region.height};
  for (gint32 style : in.styles)
    w.styles.push_back({gimp_drawable_width(style), gimp_drawable_height(style)});
  w.size = arguments.size;
  w.style_scale = arguments.style_scale;
  return w;
}

std::vector<Image> read_styles(const Inputs& in) {
  std::vector<Image> styles;
  for (gint32 style : in.styles)
    styles.push_back(read_pixels(
        style, {0, 0, gimp_drawable_width(style), gimp_drawable_height(style)}, 4));
  return styles;
}

// The selection over the computed region, which is in layer coordinates.
Image selection_over(const Inputs& in) {
  gint x = 0, y = 0;
  gimp_drawable_offsets(in.content, &x, &y);
  return read_selection(in.image,
                        {in.region.x + x, in.region.y + y, in.region.width, in.region.height});
}

RunRecord record_of(const Inputs& in, const Arguments& arguments, std::int32_t seed,
                    const Result& result) {
  RunRecord r;
  r.arguments = arguments;
  r.seed = seed;
  r.style_name = item_name(in.styles[0]);
  if (in.styles.size() > 1) r.style2_name = item_name(in.styles[1]);
  r.pretrained = result.pretrained;
  r.weights_path = result.weights_path;
  r.region_x = in.region.x;
  r.region_y = in.region.y;
  r.region_width = in.region.width;
  r.region_height = in.region.height;
  r.iterations_done = result.iterations_done;
  return r;
}

}  // namespace

gint32 stylise(gint32 image, gint32 drawable, const Arguments& arguments,
               bool& random_features_told) {
  const Inputs in = gather_inputs(image, drawable, arguments);
  check_memory(workload_of(in, arguments), available_memory());
  const std::string weights = find_weights(weights_beside_plugin());
  if (weights.empty() && !random_features_told) {
    gimp_message(weights_install_hint().c_str());
    random_features_told = true;
  }
  const std::int32_t seed = seed_to_use(arguments.seed);
  start_progress();
  const Image content = read_pixels(in.content, in.region, in.channels);
  Result result = transfer(content, read_styles(in), engine_settings(arguments, seed, weights),
                           progress_in_gimp());
  if (in.masked) mask_alpha(result.image, selection_over(in));
  const RunRecord record = record_of(in, arguments, seed, result);
  return add_result_layer(in, result.image,
                          result_layer_name(item_name(in.content), record.style_name,
                                            record.style2_name),
                          record_text(record, NEURAL_STYLE_VERSION));
}

}  // namespace neural_style::plugin

#include "stylise.h"

#include "beside_plugin.h"
#include "engine_messages.h"
#include "neural_style/weights.h"
#include "progress.h"
#include "provenance.h"
#include "result_layer.h"

namespace neural_style::plugin {
namespace {

std::vector<Image> read_styles(const Inputs& in) {
  std::vector<Image> styles;
  for (gint32 style : in.styles)
    styles.push_back(
        read_pixels(style, {0, 0, gimp_drawable_width(style), gimp_drawable_height(style)}, 4));
  return styles;
}

// The selection over the computed region, which is in layer coordinates.
Image selection_over(const Inputs& in) {
  gint x = 0, y = 0;
  gimp_drawable_offsets(in.content, &x, &y);
  return read_selection(in.image,
                        {in.region.x + x, in.region.y + y, in.region.width, in.region.height});
}

RunRecord record_of(const Job& job, const Result& result) {
  RunRecord r;
  r.arguments = job.arguments;
  r.seed = job.seed;
  r.style_name = item_name(job.in.styles[0]);
  if (job.in.styles.size() > 1) r.style2_name = item_name(job.in.styles[1]);
  r.pretrained = result.pretrained;
  r.weights_path = result.weights_path;
  r.region_x = job.in.region.x;
  r.region_y = job.in.region.y;
  r.region_width = job.in.region.width;
  r.region_height = job.in.region.height;
  r.iterations_done = result.iterations_done;
  return r;
}

}  // namespace

// Weights installed next to the plug-in travel with it (a bundle, a portable install);
// otherwise the engine's lookup decides (environment, user data folder, models folder).
std::string weights_for_run() { return find_weights(beside_plugin(kWeightsFile)); }

Workload workload_of(const Inputs& in, const Arguments& arguments) {
  Workload w;
  w.content = {in.region.width, in.region.height};
  for (gint32 style : in.styles)
    w.styles.push_back({gimp_drawable_width(style), gimp_drawable_height(style)});
  w.size = arguments.size;
  w.style_scale = arguments.style_scale;
  return w;
}

Job prepare_job(gint32 image, gint32 drawable, const Arguments& arguments,
                bool& random_features_told) {
  Job job;
  job.in = gather_inputs(image, drawable, arguments);
  check_memory(workload_of(job.in, arguments), available_memory());
  const std::string weights = weights_for_run();
  if (weights.empty() && !random_features_told) {
    gimp_message(translate_engine_message(weights_install_hint()).c_str());
    random_features_told = true;
  }
  job.arguments = arguments;
  job.seed = seed_to_use(arguments.seed);
  job.settings = engine_settings(arguments, job.seed, weights);
  job.content = read_pixels(job.in.content, job.in.region, job.in.channels);
  job.styles = read_styles(job.in);
  if (job.in.masked) job.selection = selection_over(job.in);
  return job;
}

Result run_job(const Job& job, const ProgressCallback& progress) {
  return transfer(job.content, job.styles, job.settings, progress);
}

std::string result_name(const Job& job) {
  return result_layer_name(item_name(job.in.content), item_name(job.in.styles[0]),
                           job.in.styles.size() > 1 ? item_name(job.in.styles[1]) : "");
}

gint32 write_result(const Job& job, Result result) {
  if (job.in.masked) mask_alpha(result.image, job.selection);
  return add_result_layer(job.in, result.image, result_name(job),
                          record_text(record_of(job, result), NEURAL_STYLE_VERSION));
}

gint32 stylise(gint32 image, gint32 drawable, const Arguments& arguments,
               bool& random_features_told) {
  const Job job = prepare_job(image, drawable, arguments, random_features_told);
  start_progress();
  return write_result(job, run_job(job, progress_in_gimp()));
}

}  // namespace neural_style::plugin

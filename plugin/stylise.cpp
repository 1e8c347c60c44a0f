#include "stylise.h"

#include "engine_messages.h"
#include "neural_style/weights.h"
#include "paintings.h"
#include "pixels.h"
#include "progress.h"
#include "provenance.h"
#include "result_layer.h"

namespace neural_style::plugin {
std::vector<Image> read_styles(const Inputs& in) {
  std::vector<Image> styles;
  for (const Style& style : in.styles)
    styles.push_back(style.painting != kNoPainting
                         ? read_painting(style.painting)
                         : read_pixels(style.layer, {0, 0, style.extent.width,
                                                     style.extent.height}, 4));
  return styles;
}

std::string weights_telling_once(bool& random_features_told) {
  const std::string weights = weights_for_run();
  if (weights.empty() && !random_features_told) {
    host::message(weights_hint());
    random_features_told = true;
  }
  return weights;
}

namespace {

// The selection over the computed region, which is in layer coordinates.
Image selection_over(const Inputs& in) {
  const Region at = host::offsets(in.content);
  return read_selection(in.image, {in.region.x + at.x, in.region.y + at.y, in.region.width,
                                   in.region.height});
}

RunRecord record_of(const Job& job, const Result& result) {
  RunRecord r;
  r.arguments = job.arguments;
  r.seed = job.seed;
  const Style& style = job.in.styles[0];
  if (style.painting != kNoPainting) {
    r.painting_name = kPaintings.at(style.painting).name;
    r.arguments.style_drawable = kNoLayer;  // not used
  } else {
    r.style_name = host::item_name(style.layer);
  }
  if (job.in.styles.size() > 1) r.style2_name = host::item_name(job.in.styles[1].layer);
  r.pretrained = result.pretrained;
  r.weights_path = result.weights_path;
  r.region_x = job.in.region.x;
  r.region_y = job.in.region.y;
  r.region_width = job.in.region.width;
  r.region_height = job.in.region.height;
  r.iterations_done = result.iterations_done;
  r.steps_undone = result.steps_undone;
  r.precision = result.precision;
  r.memory_budget = result.memory_budget;
  return r;
}

}  // namespace

std::vector<Job> prepare_jobs(ImageId image, const std::vector<ItemId>& drawables,
                              const Arguments& arguments, bool& random_features_told) {
  std::vector<Job> jobs(drawables.size());
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    jobs[i].in = gather_inputs(image, drawables[i], arguments);
    memory_plan(jobs[i].in, arguments);  // throws when it does not fit the budget
  }
  const std::string weights = weights_telling_once(random_features_told);
  // One seed for all, so the layers of one run are styled alike and reproducibly.
  const std::int32_t seed = seed_to_use(arguments.seed);
  for (Job& job : jobs) {
    job.arguments = arguments;
    job.seed = seed;
    job.settings = engine_settings(arguments, seed, weights);
    job.content = read_pixels(job.in.content, job.in.region, job.in.channels);
    job.styles = read_styles(job.in);
    if (job.in.masked) job.selection = selection_over(job.in);
  }
  return jobs;
}

Result run_job(const Job& job, const ProgressCallback& progress) {
  return transfer(job.content, job.styles, job.settings, progress);
}

std::string result_name(const Job& job) {
  return result_layer_name(host::item_name(job.in.content), style_name(job.in.styles[0]),
                           job.in.styles.size() > 1 ? style_name(job.in.styles[1]) : "");
}

std::vector<ItemId> write_results(const std::vector<Job>& jobs, std::vector<Result> results) {
  std::vector<ItemId> layers;
  if (results.empty()) return layers;
  UndoGroup group(jobs[0].in.image);
  for (std::size_t i = 0; i < results.size(); ++i) {
    const Job& job = jobs[i];
    Result& result = results[i];
    if (job.in.masked) mask_alpha(result.image, job.selection);
    layers.push_back(add_result_layer(job.in, result.image, result_name(job),
                                      record_text(record_of(job, result), NEURAL_STYLE_VERSION)));
  }
  host::select_layers(jobs[0].in.image, layers);  // GIMP selects only the last one inserted
  return layers;
}

std::optional<std::vector<ItemId>> stylise(ImageId image, const std::vector<ItemId>& drawables,
                                           const Arguments& arguments,
                                           bool& random_features_told, const JobRunner& run) {
  const std::vector<Job> jobs = prepare_jobs(image, drawables, arguments, random_features_told);
  std::vector<Result> results;
  for (const Job& job : jobs) {
    start_progress(job.settings);
    std::optional<Result> result = run(job);
    if (!result) return std::nullopt;
    const bool stopped = result->stopped;
    results.push_back(std::move(*result));
    if (stopped) break;
  }
  return write_results(jobs, std::move(results));
}

std::vector<ItemId> stylise(ImageId image, const std::vector<ItemId>& drawables,
                            const Arguments& arguments, bool& random_features_told) {
  // GIMP's progress bar never asks to stop: every job runs to its end.
  return *stylise(image, drawables, arguments, random_features_told,
                  [](const Job& job) { return run_job(job, progress_in_gimp()); });
}

}  // namespace neural_style::plugin

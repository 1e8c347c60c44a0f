#include "animation.h"

#include <glib/gi18n-lib.h>

#include <algorithm>

#include "compose.h"
#include "failure.h"
#include "pixels.h"
#include "progress.h"
#include "stylise.h"
#include "text.h"

namespace neural_style::plugin {
namespace {

// The frames in playing order, checked: at least two, no groups, and every frame that
// replaces the one before the image's size (decided: frames of different sizes are
// refused rather than stylised each at its own size; "(combine)" frames, which hold only
// what changed, may be smaller and anywhere).
std::vector<ItemId> frame_layers(ImageId image) {
  check_not_indexed(image);
  std::vector<ItemId> layers = host::layers(image);
  std::reverse(layers.begin(), layers.end());
  if (layers.size() < 2)
    throw calling_failure(_("An animation needs at least two frames: each layer of the image "
                            "is a frame, and this image has only one."));
  const int width = host::image_width(image), height = host::image_height(image);
  for (ItemId layer : layers) {
    const std::string name = host::item_name(layer);
    if (host::is_group(layer))
      throw calling_failure(printf_text(
          _("The frames must be layers, but '%s' is a layer group: merge it or move its "
            "layers out of it."),
          name.c_str()));
    if (!is_combine_frame(name) && (host::width(layer) != width || host::height(layer) != height))
      throw calling_failure(printf_text(
          _("The frame '%s' is %d×%d pixels, but the image is %d×%d: frames of different "
            "sizes cannot be stylised. Make every frame the image's size (Layer ▸ Layer to "
            "Image Size); only (combine) frames may be smaller."),
          name.c_str(), host::width(layer), host::height(layer), width, height));
  }
  return layers;
}

// The frames as the animation shows them, each with an alpha channel while composing; it
// goes when every frame is opaque.
std::vector<Image> whole_frames(ImageId image, const std::vector<ItemId>& layers) {
  const int width = host::image_width(image), height = host::image_height(image);
  const int channels = (host::is_gray(layers.front()) ? 1 : 3) + 1;
  std::vector<Image> frames;
  Image canvas(width, height, channels);
  for (ItemId layer : layers) {
    if (!is_combine_frame(host::item_name(layer))) canvas = Image(width, height, channels);
    const Region at = host::offsets(layer);
    draw_over(canvas, read_pixels(layer, {0, 0, host::width(layer), host::height(layer)}, channels),
              at.x, at.y);
    frames.push_back(canvas);
  }
  if (std::all_of(frames.begin(), frames.end(), is_opaque))
    for (Image& frame : frames) frame = without_alpha(frame);
  return frames;
}

}  // namespace

FramesJob check_frames(ImageId image, const Arguments& arguments) {
  FramesJob job;
  job.image = image;
  job.layers = frame_layers(image);
  job.in.image = image;
  job.in.content = job.layers.front();
  job.in.styles = gather_styles(arguments);
  job.in.region = {0, 0, host::image_width(image), host::image_height(image)};
  memory_plan(job.in, arguments);  // throws when one frame does not fit the budget
  return job;
}

MemoryPlan later_frame_plan(const FramesJob& job, const Arguments& arguments) {
  const Settings first = engine_settings(arguments, 0, weights_for_run());
  return memory_plan(job.in, later_frame_settings(first, temporal_weight_to_use(arguments)));
}

FramesJob prepare_frames(ImageId image, const Arguments& arguments,
                         bool& random_features_told) {
  FramesJob job = check_frames(image, arguments);
  const std::string weights = weights_telling_once(random_features_told);
  job.settings = engine_settings(arguments, seed_to_use(arguments.seed), weights);
  job.temporal_weight = temporal_weight_to_use(arguments);
  job.frames = whole_frames(image, job.layers);
  job.styles = read_styles(job.in);
  return job;
}

FramesResult run_frames(const FramesJob& job, const FrameProgressCallback& progress) {
  return transfer_frames(job.frames, job.styles, job.settings, job.temporal_weight, progress);
}

ImageId write_frames(const FramesJob& job, const FramesResult& result, bool show) {
  const ImageId image = host::new_image_like(job.image);
  try {
    for (std::size_t i = 0; i < result.frames.size(); ++i) {
      const Image& pixels = result.frames[i].image;
      const std::string name = host::item_name(job.layers[i]);
      // On top: the first frame ends up at the bottom, where it plays first.
      const ItemId layer =
          host::add_top_layer(image, name, pixels.width, pixels.height, pixels.channels);
      if (layer == -1)
        throw execution_failure(
            printf_text(_("GIMP could not create the layer for the frame '%s'."), name.c_str()));
      write_pixels(layer, {0, 0, pixels.width, pixels.height}, pixels);
    }
  } catch (...) {
    host::delete_image(image);  // an error leaves no new image
    throw;
  }
  host::finish_new_image(image, show);
  return image;
}

std::optional<ImageId> stylise_frames(ImageId image, const Arguments& arguments,
                                      bool& random_features_told, bool show,
                                      const FramesRunner& run) {
  const FramesJob job = prepare_frames(image, arguments, random_features_told);
  start_progress(job.settings);
  const std::optional<FramesResult> result = run(job);
  if (!result) return std::nullopt;
  return write_frames(job, *result, show);
}

ImageId stylise_frames(ImageId image, const Arguments& arguments, bool& random_features_told,
                       bool show) {
  return *stylise_frames(image, arguments, random_features_told, show, [](const FramesJob& job) {
    return run_frames(job, frames_progress_in_gimp());
  });
}

}  // namespace neural_style::plugin

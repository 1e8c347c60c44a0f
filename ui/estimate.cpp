#include "estimate.h"

#include <glib/gi18n-lib.h>

#include <algorithm>
#include <cmath>
#include <optional>

#include "animation.h"
#include "beside_plugin.h"
#include "engine_messages.h"
#include "failure.h"
#include "host.h"
#include "inputs.h"
#include "neural_style/frames.h"
#include "neural_style/plan.h"
#include "neural_style/speed.h"
#include "text.h"

namespace neural_style::ui {
namespace {

constexpr double kGigabyte = 1e9;

// At one second per megapixel-step, the engine's estimate counts megapixel-steps.
double megapixel_steps(const MemoryPlan& plan) { return estimate_seconds(plan.scales, 1); }

// The time of a run of that many megapixel-steps.
std::string time_text(double megapixel_steps, const Calibration& calibration) {
  switch (calibration.state()) {
    // TRANSLATORS: the time while the machine's speed is being measured.
    case Calibration::State::measuring:
      return _("estimating…");
    case Calibration::State::failed:
      return _("unknown");
    case Calibration::State::ready:
      break;
  }
  // The whole budget's time: scales that converge sooner end sooner (transfer.cpp), by as
  // much as half of Fine's budget, so this is a bound, and the progress bar's time left
  // follows the run's own plan.
  // TRANSLATORS: the time a run takes at most, e.g. "up to about 2 min".
  return plugin::printf_text(_("up to about %s"),
                             duration_text(megapixel_steps * calibration.step_cost()).c_str());
}

std::string memory_text(const MemoryPlan& plan) {
  int tiles = 1;
  for (const Scale& scale : plan.scales) tiles = std::max(tiles, scale.tiles);
  if (tiles == 1)
    return plugin::printf_text(_("about %.1f GB of a %.1f GB budget"), plan.peak / kGigabyte,
                               plan.budget / kGigabyte);
  return plugin::printf_text(_("about %.1f GB of a %.1f GB budget, in %d tiles"),
                             plan.peak / kGigabyte, plan.budget / kGigabyte, tiles);
}

}  // namespace

Calibration::Calibration() : settings_(plugin::engine_settings({}, 0, plugin::weights_for_run())) {
  try {
    if (const std::optional<Speed> known = cached_speed(settings_)) {
      step_cost_ = known->step_cost;
      state_ = State::ready;
      return;
    }
  } catch (const std::exception&) {
    state_ = State::failed;  // the dialog says "unknown"; a run would report the error
    return;
  }
  worker_ = std::thread(&Calibration::measure, this);
}

Calibration::~Calibration() {
  if (worker_.joinable()) worker_.join();
}

// On the worker thread: no GTK and no libgimp. The engine keeps the result in its cache.
void Calibration::measure() {
  try {
    step_cost_ = speed(settings_).step_cost;
    state_ = State::ready;
  } catch (const std::exception&) {
    state_ = State::failed;
  }
}

Estimate estimate_run(plugin::ImageId image, plugin::ItemId drawable,
                      const plugin::Arguments& arguments, const Calibration& calibration) {
  Estimate estimate;
  try {
    plugin::check_arguments(arguments);
    const plugin::Inputs in = plugin::gather_inputs(image, drawable, arguments);
    const MemoryPlan plan = plugin::memory_plan(in, arguments);
    estimate.time = time_text(megapixel_steps(plan), calibration);
    estimate.memory = memory_text(plan);
  } catch (const std::exception&) {
    estimate.problem = plugin::failure_of(std::current_exception()).what();
  }
  return estimate;
}

Estimate estimate_frames_run(plugin::ImageId image, const plugin::Arguments& arguments,
                             const Calibration& calibration) {
  Estimate estimate;
  try {
    plugin::check_frames_arguments(arguments);
    const plugin::FramesJob job = plugin::check_frames(image, arguments);
    const MemoryPlan plan = plugin::memory_plan(job.in, arguments);
    const double later = megapixel_steps(plugin::later_frame_plan(job, arguments));
    const int runs = frame_runs(int(job.layers.size()), plugin::temporal_weight_to_use(arguments));
    estimate.time = time_text(megapixel_steps(plan) + later * double(runs - 1), calibration);
    estimate.memory = memory_text(plan);
  } catch (const std::exception&) {
    estimate.problem = plugin::failure_of(std::current_exception()).what();
  }
  return estimate;
}

std::string duration_text(double seconds) {
  const long s = std::lround(seconds);
  // TRANSLATORS: durations: seconds, minutes, hours and minutes.
  if (s < 90) return plugin::printf_text(_("%ld s"), std::max(1L, s));
  const long minutes = std::lround(seconds / 60);
  if (minutes < 90) return plugin::printf_text(_("%ld min"), minutes);
  return plugin::printf_text(_("%ld h %02ld min"), minutes / 60, minutes % 60);
}

}  // namespace neural_style::ui

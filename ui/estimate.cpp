#include "estimate.h"

#include <glib/gi18n-lib.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <locale>
#include <optional>
#include <sstream>

#include "animation.h"
#include "engine_messages.h"
#include "failure.h"
#include "host.h"
#include "neural_style/plan.h"
#include "stylise.h"
#include "text.h"

namespace neural_style::ui {
namespace {

constexpr double kGigabyte = 1e9;

std::string cache_path() {
  gchar* path = g_build_filename(plugin::host::profile_directory().c_str(),
                                 "neural-style-calibration", nullptr);
  std::string result = path;
  g_free(path);
  return result;
}

// What the step cost depends on besides the CPU: the engine (new versions may be faster)
// and the threads it gets (all cores, the default).
std::string cache_key() {
  return plugin::printf_text("version=%s threads=%u", NEURAL_STYLE_VERSION,
                             std::thread::hardware_concurrency());
}

// The file holds one line: the key, a tab, the seconds per megapixel-step.
std::optional<double> cached_step_cost(const std::string& path, const std::string& key) {
  std::ifstream file(path);
  std::string line;
  if (!std::getline(file, line) || line.rfind(key + "\t", 0) != 0) return std::nullopt;
  std::istringstream value(line.substr(key.size() + 1));
  value.imbue(std::locale::classic());
  double cost = 0;
  if (value >> cost && cost > 0) return cost;
  return std::nullopt;
}

void cache_step_cost(const std::string& path, const std::string& key, double cost) {
  const std::string text = key + "\t" + plugin::exact_number(cost) + "\n";
  g_file_set_contents(path.c_str(), text.c_str(), -1, nullptr);
}

// The time `runs` runs of `plan` take.
std::string time_text(const MemoryPlan& plan, const Calibration& calibration, int runs) {
  // At one second per megapixel-step, the estimate counts megapixel-steps.
  const double megapixel_steps = runs * estimate_seconds(plan.scales, 1);
  switch (calibration.state()) {
    // TRANSLATORS: the time while the machine's speed is being measured.
    case Calibration::State::measuring:
      return _("estimating…");
    case Calibration::State::failed:
      return _("unknown");
    case Calibration::State::ready:
      break;
  }
  return plugin::printf_text(_("about %s"),
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

Calibration::Calibration() {
  const std::string path = cache_path(), key = cache_key();
  if (const std::optional<double> cost = cached_step_cost(path, key)) {
    step_cost_ = *cost;
    state_ = State::ready;
    return;
  }
  worker_ = std::thread(&Calibration::measure, this, path, key);
}

Calibration::~Calibration() {
  if (worker_.joinable()) worker_.join();
}

// On the worker thread: no GTK and no libgimp, hence the file's path and key are settled
// before. The file is written here, since the dialog may be gone by the end.
void Calibration::measure(const std::string& path, const std::string& key) {
  try {
    step_cost_ = measure_step_cost(plugin::engine_settings({}, 0, plugin::weights_for_run()));
    cache_step_cost(path, key, step_cost_);
    state_ = State::ready;
  } catch (const std::exception&) {
    state_ = State::failed;  // the dialog says "unknown"; a run would report the error
  }
}

Estimate estimate_run(plugin::ImageId image, plugin::ItemId drawable,
                      const plugin::Arguments& arguments, const Calibration& calibration) {
  Estimate estimate;
  try {
    plugin::check_arguments(arguments);
    const plugin::Inputs in = plugin::gather_inputs(image, drawable, arguments);
    const MemoryPlan plan = plugin::memory_plan(in, arguments);
    estimate.time = time_text(plan, calibration, 1);
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
    estimate.time = time_text(plan, calibration, static_cast<int>(job.layers.size()));
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

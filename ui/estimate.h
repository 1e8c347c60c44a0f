// What a run will cost, shown in the dialog before it starts: the time, from a step cost
// measured on this machine, and the memory, from the plug-in's model; and the reason when
// a run cannot start at all.
#pragma once

#include <atomic>
#include <string>
#include <thread>

#include "arguments.h"
#include "host.h"
#include "neural_style/settings.h"

namespace neural_style::ui {

// Seconds per megapixel-step on this machine, at the precision a run uses there
// (neural_style::speed): from the engine's speed cache, shared with the CLI and the other
// GIMP, or measured on a worker thread (a few seconds) when the cache lacks it. Keep it
// beyond the dialog that shows the estimate: the destructor waits for a measurement in
// progress.
class Calibration {
 public:
  enum class State { measuring, ready, failed };

  Calibration();
  ~Calibration();  // waits for a measurement in progress
  Calibration(const Calibration&) = delete;
  Calibration& operator=(const Calibration&) = delete;

  State state() const { return state_; }
  double step_cost() const { return step_cost_; }  // valid when ready

 private:
  void measure();

  const Settings settings_;

  std::atomic<State> state_{State::measuring};
  std::atomic<double> step_cost_{0};
  std::thread worker_;
};

struct Estimate {
  std::string time;     // "up to about 2 min", "estimating…", or empty when a run cannot start
  std::string memory;   // "about 1.2 GB of 21.0 GB available", or empty
  std::string problem;  // why a run with these settings cannot start, or empty
};

Estimate estimate_run(plugin::ImageId image, plugin::ItemId drawable,
                      const plugin::Arguments& arguments, const Calibration& calibration);
// The same for all the frames of an animation (plug-in-neural-style-frames): the image's
// layers, the first frame planned as a run of its own, the later ones as the engine runs
// them (frames.h).
Estimate estimate_frames_run(plugin::ImageId image, const plugin::Arguments& arguments,
                             const Calibration& calibration);

// "45 s", "12 min", "2 h 05 min": as precise as an estimate deserves.
std::string duration_text(double seconds);

}  // namespace neural_style::ui

#include "progress.h"

#include <glib/gi18n-lib.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "host.h"
#include "neural_style/speed.h"
#include "text.h"

namespace neural_style::plugin {
namespace {

// Every text update is a round trip to GIMP and a redraw; four a second read smoothly.
constexpr double kTextInterval = 0.25;
// gimp-console shows no plug-in progress: with this variable set to 1 (as demo.sh does),
// batch runs also print it to stderr, which GIMP passes on, a line a second. Ordinary
// scripts stay quiet.
constexpr const char* kPrintVariable = "NEURAL_STYLE_PROGRESS";
constexpr double kPrintInterval = 1.0;

bool print_requested() { return g_strcmp0(g_getenv(kPrintVariable), "1") == 0; }

std::string clock_time(double seconds) {
  const long s = std::lround(seconds);
  if (s >= 3600) return printf_text("%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
  return printf_text("%ld:%02ld", s / 60, s % 60);
}

// GIMP's bar, its text a few times a second, and stderr when asked.
class ProgressBar {
 public:
  bool show(double fraction, const Progress& p, const std::string& text) {
    host::progress_update(fraction);
    if (p.seconds_elapsed >= next_text_time_) {
      next_text_time_ = p.seconds_elapsed + kTextInterval;
      host::progress_text(text);
    }
    if (print_ && (p.seconds_elapsed >= next_print_time_ || p.iteration == p.iterations)) {
      next_print_time_ = p.seconds_elapsed + kPrintInterval;
      std::fprintf(stderr, "neural-style: %s\n", text.c_str());
    }
    return true;
  }

 private:
  double next_text_time_ = 0;
  bool print_ = print_requested();
  double next_print_time_ = 0;
};

class LayerProgress {
 public:
  bool operator()(const Progress& p) { return bar_.show(meter_.fraction(p), p, progress_text(p)); }

 private:
  ProgressBar bar_;
  ProgressMeter meter_;
};

// Each frame's time restarts at 0, so the text's clock restarts with it.
class FramesProgress {
 public:
  bool operator()(const FrameProgress& p) {
    if (runs_before(p) != run_) {
      run_ = runs_before(p);
      bar_ = ProgressBar();
    }
    return bar_.show(meter_.fraction(p), p.step, frame_progress_text(p));
  }

 private:
  int run_ = -1;
  ProgressBar bar_;
  FramesMeter meter_;
};

}  // namespace

double ProgressMeter::fraction(const Progress& p) {
  const double f = p.seconds_left >= 0
                       ? p.seconds_elapsed / std::max(1e-9, p.seconds_elapsed + p.seconds_left)
                       : double(p.iteration) / std::max(1, p.iterations);
  shown_ = std::clamp(f, shown_, 1.0);
  return shown_;
}

double FramesMeter::fraction(const FrameProgress& p) {
  if (p.frames == 0) return meter_.fraction(p.step);
  if (runs_before(p) != run_) {
    run_ = runs_before(p);
    meter_ = ProgressMeter();
  }
  return (run_ + meter_.fraction(p.step)) / (p.frames * p.passes);
}

std::string progress_text(const Progress& p) {
  std::string text = printf_text(_("Scale %d of %d (%d×%d), iteration %d of %d"), p.scale,
                                 p.scales, p.width, p.height, p.iteration, p.iterations);
  // TRANSLATORS: appended to the progress text during a step computed in tiles.
  if (p.tiles > 0) text += printf_text(_(", tile %d of %d"), p.tile, p.tiles);
  // TRANSLATORS: appended to the progress text once steps went wrong and were taken back.
  if (p.steps_undone > 0)
    text += printf_text(_(", %d steps undone (the loss was not a number)"), p.steps_undone);
  // TRANSLATORS: appended to the progress text: the time left, as 1:05 or 1:02:03.
  if (p.seconds_left >= 0) text += printf_text(_(", %s left"), clock_time(p.seconds_left).c_str());
  return text;
}

std::string frame_progress_text(const FrameProgress& p) {
  if (p.passes > 1)
    // TRANSLATORS: the progress of one frame of an animation in one of the passes over
    // all frames, then that frame's own progress.
    return printf_text(_("Frame %d of %d, pass %d of %d: %s"), p.frame, p.frames, p.pass,
                       p.passes, progress_text(p.step).c_str());
  // TRANSLATORS: the progress of one frame of an animation, then that frame's own progress.
  return printf_text(_("Frame %d of %d: %s"), p.frame, p.frames, progress_text(p.step).c_str());
}

void start_progress(const Settings& settings) {
  // TRANSLATORS: the progress text of the first run on a computer, before the run starts.
  host::progress_start(precision_needs_measuring(settings)
                           ? _("Measuring this computer's speed (once, a few seconds)…")
                           : _("Neural style transfer"));
}

ProgressCallback progress_in_gimp() { return LayerProgress(); }

FrameProgressCallback frames_progress_in_gimp() { return FramesProgress(); }

}  // namespace neural_style::plugin

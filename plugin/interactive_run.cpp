#include "interactive_run.h"

#include <glib/gi18n-lib.h>

#include <mutex>

#include "animation.h"
#include "progress.h"
#include "run_window.h"
#include "stylise.h"

namespace neural_style::plugin {
namespace {

// A snapshot costs a copy of the image off the engine's device; two a second are enough
// to watch it change.
constexpr double kSnapshotInterval = 0.5;

// What the worker hands over to the main thread.
struct Handover {
  std::mutex mutex;
  // The latest, without its snapshot function (valid only in the callback).
  FrameProgress progress;
  bool started = false;
  Image snapshot;  // an image not shown yet, or empty
};

// The engine's callback, on the worker thread.
class Reporter {
 public:
  Reporter(Handover& handover, const ui::RunWindow& window)
      : handover_(handover), window_(window) {}

  bool operator()(const FrameProgress& p) {
    Image snapshot;
    if (p.frame != frame_) {  // each frame's clock starts at 0
      frame_ = p.frame;
      next_snapshot_ = 0;
    }
    if (p.step.snapshot && p.step.seconds_elapsed >= next_snapshot_) {
      snapshot = p.step.snapshot();
      next_snapshot_ = p.step.seconds_elapsed + kSnapshotInterval;
    }
    std::lock_guard<std::mutex> lock(handover_.mutex);
    handover_.progress = p;
    handover_.progress.step.snapshot = nullptr;
    handover_.started = true;
    if (!snapshot.empty()) handover_.snapshot = std::move(snapshot);
    return !window_.stop_asked();
  }

 private:
  Handover& handover_;
  const ui::RunWindow& window_;
  int frame_ = 0;
  double next_snapshot_ = 0;
};

// On the main thread: shows in the window what the worker handed over, and tells
// `on_main_thread`.
void show_latest(Handover& handover, ui::RunWindow& window, FramesMeter& meter,
                 const FrameProgressCallback& on_main_thread) {
  FrameProgress p;
  Image snapshot;
  {
    std::lock_guard<std::mutex> lock(handover.mutex);
    if (!handover.started) return;
    p = handover.progress;
    snapshot = std::move(handover.snapshot);
    handover.snapshot = Image();
  }
  if (!snapshot.empty()) window.show_snapshot(snapshot);
  window.show_progress(meter.fraction(p),
                       p.frames > 0 ? frame_progress_text(p) : progress_text(p.step));
  if (on_main_thread) on_main_thread(p);
}

// Runs `work` on a worker thread, shown in the run window until it ends. Returns its result
// when it finished or was stopped, nothing when the user cancelled. Rethrows what `work`
// threw, unless cancelled. A layer's run reports as frame 0 of 0.
template <typename R>
std::optional<R> watch(const std::string& title,
                       const std::function<R(const FrameProgressCallback&)>& work,
                       const FrameProgressCallback& on_main_thread) {
  ui::RunWindow window(title);
  Handover handover;
  FramesMeter meter;
  std::optional<R> result;
  const bool keep =
      window.run([&] { result = work(Reporter(handover, window)); },
                 [&] { show_latest(handover, window, meter, on_main_thread); });
  if (!keep) return std::nullopt;
  return result;
}

}  // namespace

std::optional<Result> watch_transfer(const std::string& title, const Work& work,
                                     const ProgressCallback& on_main_thread) {
  return watch<Result>(
      title,
      [&](const FrameProgressCallback& report) {
        return work([report](const Progress& p) { return report(FrameProgress{0, 0, p}); });
      },
      [&](const FrameProgress& p) { return !on_main_thread || on_main_thread(p.step); });
}

std::optional<std::vector<ItemId>> stylise_watched(ImageId image,
                                                   const std::vector<ItemId>& drawables,
                                                   const Arguments& arguments) {
  // The dialog's network line has already said whether the real weights are installed.
  bool random_features_told = true;
  return stylise(image, drawables, arguments, random_features_told, [](const Job& job) {
    return watch_transfer(
        result_name(job), [&job](const ProgressCallback& p) { return run_job(job, p); },
        progress_in_gimp());
  });
}

std::optional<ImageId> stylise_frames_watched(ImageId image, const Arguments& arguments) {
  // The dialog's network line has already said whether the real weights are installed.
  bool random_features_told = true;
  return stylise_frames(image, arguments, random_features_told, true, [](const FramesJob& job) {
    return watch<FramesResult>(
        _("Neural Style Transfer (Frames)"),
        [&job](const FrameProgressCallback& report) { return run_frames(job, report); },
        frames_progress_in_gimp());
  });
}

}  // namespace neural_style::plugin

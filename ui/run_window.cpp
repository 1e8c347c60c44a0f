#include "run_window.h"

#include <glib/gi18n-lib.h>
#include <libgimp/gimp.h>
#include <libgimp/gimpui.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <exception>
#include <mutex>
#include <thread>

#include "gtk_version.h"
#include "animation.h"
#include "progress.h"
#include "stylise.h"

namespace neural_style::ui {
namespace {

// A snapshot costs a copy of the image off the engine's device; two a second are enough
// to watch it change.
constexpr double kSnapshotInterval = 0.5;
constexpr guint kPollMilliseconds = 100;
constexpr int kPreviewSize = 256;

// The work as the window runs it: a layer's run reports as frame 0 of 0. It keeps its
// result itself.
using AnyWork = std::function<void(const FrameProgressCallback&)>;

// What the worker hands over to the main thread.
struct Handover {
  std::mutex mutex;
  // The latest, without its snapshot function (valid only in the callback).
  FrameProgress progress;
  bool started = false;
  Image snapshot;  // an image not shown yet, or empty
  bool done = false;
  std::exception_ptr error;
  std::atomic<bool> stop{false};  // read by the engine's callback without the mutex
};

// The engine's callback, on the worker thread.
class Reporter {
 public:
  explicit Reporter(Handover& handover) : handover_(handover) {}

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
    return !handover_.stop;
  }

 private:
  Handover& handover_;
  int frame_ = 0;
  double next_snapshot_ = 0;
};

void work_on(Handover& handover, const AnyWork& work) {
  std::exception_ptr error;
  try {
    work(Reporter(handover));
  } catch (...) {
    error = std::current_exception();
  }
  std::lock_guard<std::mutex> lock(handover.mutex);
  handover.error = error;
  handover.done = true;
}

struct RunWindow {
  GtkWidget* dialog = nullptr;
  GtkWidget* preview = nullptr;
  GtkWidget* bar = nullptr;
  const char* ending = nullptr;  // "Stopping…" or "Cancelling…" once asked to
  Handover handover;
  plugin::FramesMeter meter;
  FrameProgressCallback on_main_thread;
};

guchar to_byte(float value) {
  return static_cast<guchar>(std::lround(std::clamp(value, 0.0f, 1.0f) * 255.0f));
}

// The snapshot (RGB, or grey) fitted into the preview's square.
void show_snapshot(GtkWidget* preview, const Image& image) {
  GdkPixbuf* pixbuf = gdk_pixbuf_new(GDK_COLORSPACE_RGB, FALSE, 8, image.width, image.height);
  const int stride = gdk_pixbuf_get_rowstride(pixbuf);
  guchar* pixels = gdk_pixbuf_get_pixels(pixbuf);
  for (int y = 0; y < image.height; ++y)
    for (int x = 0; x < image.width; ++x)
      for (int c = 0; c < 3; ++c)
        pixels[y * stride + x * 3 + c] = to_byte(image.at(x, y, image.channels >= 3 ? c : 0));
  const double scale =
      std::min(double(kPreviewSize) / image.width, double(kPreviewSize) / image.height);
  GdkPixbuf* fitted = gdk_pixbuf_scale_simple(
      pixbuf, std::max(1, int(std::lround(image.width * scale))),
      std::max(1, int(std::lround(image.height * scale))), GDK_INTERP_BILINEAR);
  gtk_image_set_from_pixbuf(GTK_IMAGE(preview), fitted);
  g_object_unref(fitted);
  g_object_unref(pixbuf);
}

// Main thread, every kPollMilliseconds until the work is done.
gboolean poll(gpointer data) {
  RunWindow& w = *static_cast<RunWindow*>(data);
  FrameProgress p;
  Image snapshot;
  bool started = false, done = false;
  {
    std::lock_guard<std::mutex> lock(w.handover.mutex);
    p = w.handover.progress;
    started = w.handover.started;
    snapshot = std::move(w.handover.snapshot);
    w.handover.snapshot = Image();
    done = w.handover.done;
  }
  if (!snapshot.empty()) show_snapshot(w.preview, snapshot);
  if (started) {
    gtk_progress_bar_set_fraction(GTK_PROGRESS_BAR(w.bar), w.meter.fraction(p));
    const std::string text = w.ending          ? w.ending
                             : p.frames > 0 ? plugin::frame_progress_text(p)
                                            : plugin::progress_text(p.step);
    gtk_progress_bar_set_text(GTK_PROGRESS_BAR(w.bar), text.c_str());
    if (w.on_main_thread) w.on_main_thread(p);
  }
  if (!done) return TRUE;
  gtk_dialog_response(GTK_DIALOG(w.dialog), kResponseDone);
  return FALSE;
}

void build(RunWindow& w, const std::string& title) {
  w.dialog = gimp_dialog_new(title.c_str(), kRunWindowRole, nullptr, GtkDialogFlags(0), nullptr,
                             nullptr, _("_Stop and Keep"), kResponseStop, _("_Cancel"),
                             GTK_RESPONSE_CANCEL, nullptr);
#if GIMP_CHECK_VERSION(2, 99, 0)
  // GTK 3 deprecates GTK's call; GIMP 3 keeps it under its own name.
  gint order[] = {kResponseStop, GTK_RESPONSE_CANCEL};
  gimp_dialog_set_alternative_button_order_from_array(GIMP_DIALOG(w.dialog), 2, order);
#else
  gtk_dialog_set_alternative_button_order(GTK_DIALOG(w.dialog), kResponseStop, GTK_RESPONSE_CANCEL,
                                          -1);
#endif
  gimp_window_set_transient(GTK_WINDOW(w.dialog));
  GtkWidget* vbox = vertical_box_new(12);
  gtk_container_set_border_width(GTK_CONTAINER(vbox), 12);
  gtk_box_pack_start(GTK_BOX(gtk_dialog_get_content_area(GTK_DIALOG(w.dialog))), vbox, TRUE, TRUE,
                     0);
  GtkWidget* frame = gtk_frame_new(nullptr);
  gtk_frame_set_shadow_type(GTK_FRAME(frame), GTK_SHADOW_IN);
  w.preview = gtk_image_new();
  gtk_widget_set_name(w.preview, kPreviewName);
  gtk_widget_set_size_request(w.preview, kPreviewSize, kPreviewSize);
  gtk_container_add(GTK_CONTAINER(frame), w.preview);
  gtk_box_pack_start(GTK_BOX(vbox), frame, TRUE, TRUE, 0);
  w.bar = gtk_progress_bar_new();
  gtk_widget_set_name(w.bar, kProgressName);
  gtk_progress_bar_set_text(GTK_PROGRESS_BAR(w.bar), _("Preparing…"));
  progress_bar_show_text(w.bar);
  gtk_box_pack_start(GTK_BOX(vbox), w.bar, FALSE, FALSE, 0);
  gtk_widget_show_all(w.dialog);
}

// Runs the window until the work is done; false when the user cancelled. Stop and Cancel
// only ask the engine to stop: it returns after its current step.
bool wait_for_end(RunWindow& w) {
  bool keep = true;
  for (;;) {
    const int response = gimp_dialog_run(GIMP_DIALOG(w.dialog));
    if (response == kResponseDone) return keep;
    w.handover.stop = true;
    keep = keep && response == kResponseStop;  // cancelling after stopping still cancels
    gtk_dialog_set_response_sensitive(GTK_DIALOG(w.dialog), kResponseStop, FALSE);
    gtk_dialog_set_response_sensitive(GTK_DIALOG(w.dialog), GTK_RESPONSE_CANCEL, keep);
    w.ending = keep ? _("Stopping after this step…") : _("Cancelling…");
    gtk_progress_bar_set_text(GTK_PROGRESS_BAR(w.bar), w.ending);
  }
}

// Runs `work` on a worker thread and shows it in a window until it ends; false when the
// user cancelled. Rethrows what `work` threw, unless cancelled.
bool watch(const std::string& title, const AnyWork& work,
           const FrameProgressCallback& on_main_thread) {
  RunWindow w;
  w.on_main_thread = on_main_thread;
  build(w, title);
  std::thread worker(work_on, std::ref(w.handover), std::cref(work));
  g_timeout_add(kPollMilliseconds, poll, &w);  // ends itself when the work is done
  const bool keep = wait_for_end(w);
  worker.join();
  gtk_widget_destroy(w.dialog);
  if (keep && w.handover.error) std::rethrow_exception(w.handover.error);
  return keep;
}

// The result of each job in turn; after "Stop and Keep", those done so far, the stopped
// one last. Nothing when the user cancelled.
std::optional<std::vector<Result>> watch_jobs(const std::vector<plugin::Job>& jobs) {
  std::vector<Result> results;
  for (const plugin::Job& job : jobs) {
    plugin::start_progress(job.settings);
    std::optional<Result> result = watch_transfer(
        plugin::result_name(job),
        [&job](const ProgressCallback& progress) { return plugin::run_job(job, progress); },
        plugin::progress_in_gimp());
    if (!result) return std::nullopt;
    const bool stopped = result->stopped;
    results.push_back(std::move(*result));
    if (stopped) break;
  }
  return results;
}

}  // namespace

std::optional<std::vector<plugin::ItemId>> stylise_watched(
    plugin::ImageId image, const std::vector<plugin::ItemId>& drawables,
    const plugin::Arguments& arguments) {
  // The dialog's network line has already said whether the real weights are installed.
  bool random_features_told = true;
  const std::vector<plugin::Job> jobs =
      plugin::prepare_jobs(image, drawables, arguments, random_features_told);
  std::optional<std::vector<Result>> results = watch_jobs(jobs);
  if (!results) return std::nullopt;
  return plugin::write_results(jobs, std::move(*results));
}

std::optional<Result> watch_transfer(const std::string& title, const Work& work,
                                     const ProgressCallback& on_main_thread) {
  std::optional<Result> result;
  const auto as_frame = [](const FrameProgressCallback& report) -> ProgressCallback {
    return [report](const Progress& p) { return report(FrameProgress{0, 0, p}); };
  };
  const bool keep = watch(
      title, [&](const FrameProgressCallback& report) { result = work(as_frame(report)); },
      [&](const FrameProgress& p) { return !on_main_thread || on_main_thread(p.step); });
  if (!keep) return std::nullopt;
  return result;
}

std::optional<plugin::ImageId> stylise_frames_watched(plugin::ImageId image,
                                                      const plugin::Arguments& arguments) {
  // The dialog's network line has already said whether the real weights are installed.
  bool random_features_told = true;
  const plugin::FramesJob job = plugin::prepare_frames(image, arguments, random_features_told);
  plugin::start_progress(job.settings);
  std::optional<FramesResult> result;
  const bool keep = watch(
      _("Neural Style Transfer (Frames)"),
      [&](const FrameProgressCallback& report) { result = plugin::run_frames(job, report); },
      plugin::frames_progress_in_gimp());
  if (!keep) return std::nullopt;
  return plugin::write_frames(job, *result, true);
}

}  // namespace neural_style::ui

// The run window of an interactive run: shows the evolving image and the progress while
// some work runs on a worker thread, and offers Stop and Keep and Cancel. It only shows
// what its caller gives it; the work and what its progress means are the caller's.
#pragma once

#include <gtk/gtk.h>

#include <atomic>
#include <exception>
#include <functional>
#include <string>

#include "neural_style/image.h"

namespace neural_style::ui {

// Widget names (gtk_widget_set_name) of the run window's parts, for tests and themes.
inline constexpr const char* kRunWindowRole = "gimp-neural-style-run";
inline constexpr const char* kPreviewName = "preview";
inline constexpr const char* kProgressName = "progress";

// Responses of the run window: its Stop and Keep button, and the end of the work.
inline constexpr int kResponseStop = 1;
inline constexpr int kResponseDone = 2;

class RunWindow {
 public:
  // Builds and shows the window, transient for GIMP's; needs gimp_ui_init.
  explicit RunWindow(const std::string& title);
  ~RunWindow();
  RunWindow(const RunWindow&) = delete;
  RunWindow& operator=(const RunWindow&) = delete;

  // Runs `work` on a worker thread and the window on this one until `work` returns,
  // calling `poll` here every 100 ms and once more at the end; false when the user
  // cancelled. Rethrows what `work` threw, unless cancelled.
  bool run(const std::function<void()>& work, const std::function<void()>& poll);

  // Any thread: the user pressed Stop and Keep or Cancel, so the work should end soon.
  bool stop_asked() const { return stop_; }

  // Main thread only (from `poll`). Once the user asked to stop, the window says so
  // instead of `text`.
  void show_progress(double fraction, const std::string& text);
  // The image (RGB, or grey) fitted into the preview's square.
  void show_snapshot(const Image& image);

 private:
  static gboolean tick(gpointer data);
  bool wait_for_end();

  GtkWidget* dialog_ = nullptr;
  GtkWidget* preview_ = nullptr;
  GtkWidget* bar_ = nullptr;
  const char* ending_ = nullptr;  // "Stopping…" or "Cancelling…" once asked to
  std::function<void()> poll_;
  std::atomic<bool> stop_{false};
  std::atomic<bool> done_{false};
  std::exception_ptr error_;  // what the work threw, read once done_
};

}  // namespace neural_style::ui

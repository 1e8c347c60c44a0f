#include "run_window.h"

#include <glib/gi18n-lib.h>
#include <libgimp/gimp.h>
#include <libgimp/gimpui.h>

#include <algorithm>
#include <cmath>
#include <thread>

#include "gtk_version.h"

namespace neural_style::ui {
namespace {

constexpr guint kPollMilliseconds = 100;
constexpr int kPreviewSize = 256;

guchar to_byte(float value) {
  return static_cast<guchar>(std::lround(std::clamp(value, 0.0f, 1.0f) * 255.0f));
}

// The dialog with its buttons, Stop and Keep first.
GtkWidget* dialog_new(const std::string& title) {
  GtkWidget* dialog = gimp_dialog_new(title.c_str(), kRunWindowRole, nullptr, GtkDialogFlags(0),
                                      nullptr, nullptr, _("_Stop and Keep"), kResponseStop,
                                      _("_Cancel"), GTK_RESPONSE_CANCEL, nullptr);
#if GIMP_CHECK_VERSION(2, 99, 0)
  // GTK 3 deprecates GTK's call; GIMP 3 keeps it under its own name.
  gint order[] = {kResponseStop, GTK_RESPONSE_CANCEL};
  gimp_dialog_set_alternative_button_order_from_array(GIMP_DIALOG(dialog), 2, order);
#else
  gtk_dialog_set_alternative_button_order(GTK_DIALOG(dialog), kResponseStop, GTK_RESPONSE_CANCEL,
                                          -1);
#endif
  gimp_window_set_transient(GTK_WINDOW(dialog));
  return dialog;
}

}  // namespace

RunWindow::RunWindow(const std::string& title) : dialog_(dialog_new(title)) {
  GtkWidget* vbox = vertical_box_new(12);
  gtk_container_set_border_width(GTK_CONTAINER(vbox), 12);
  gtk_box_pack_start(GTK_BOX(gtk_dialog_get_content_area(GTK_DIALOG(dialog_))), vbox, TRUE, TRUE,
                     0);
  GtkWidget* frame = gtk_frame_new(nullptr);
  gtk_frame_set_shadow_type(GTK_FRAME(frame), GTK_SHADOW_IN);
  preview_ = gtk_image_new();
  gtk_widget_set_name(preview_, kPreviewName);
  gtk_widget_set_size_request(preview_, kPreviewSize, kPreviewSize);
  gtk_container_add(GTK_CONTAINER(frame), preview_);
  gtk_box_pack_start(GTK_BOX(vbox), frame, TRUE, TRUE, 0);
  bar_ = gtk_progress_bar_new();
  gtk_widget_set_name(bar_, kProgressName);
  gtk_progress_bar_set_text(GTK_PROGRESS_BAR(bar_), _("Preparing…"));
  progress_bar_show_text(bar_);
  gtk_box_pack_start(GTK_BOX(vbox), bar_, FALSE, FALSE, 0);
  gtk_widget_show_all(dialog_);
}

RunWindow::~RunWindow() { gtk_widget_destroy(dialog_); }

bool RunWindow::run(const std::function<void()>& work, const std::function<void()>& poll) {
  poll_ = poll;
  std::thread worker([this, &work] {
    try {
      work();
    } catch (...) {
      error_ = std::current_exception();
    }
    done_ = true;
  });
  g_timeout_add(kPollMilliseconds, tick, this);  // ends itself when the work is done
  const bool keep = wait_for_end();
  worker.join();
  if (keep && error_) std::rethrow_exception(error_);
  return keep;
}

void RunWindow::show_progress(double fraction, const std::string& text) {
  gtk_progress_bar_set_fraction(GTK_PROGRESS_BAR(bar_), fraction);
  gtk_progress_bar_set_text(GTK_PROGRESS_BAR(bar_), ending_ ? ending_ : text.c_str());
}

void RunWindow::show_snapshot(const Image& image) {
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
  gtk_image_set_from_pixbuf(GTK_IMAGE(preview_), fitted);
  g_object_unref(fitted);
  g_object_unref(pixbuf);
}

// Main thread, every kPollMilliseconds until the work is done; the poll after the work
// ended shows its last progress.
gboolean RunWindow::tick(gpointer data) {
  RunWindow& w = *static_cast<RunWindow*>(data);
  const bool done = w.done_;
  w.poll_();
  if (!done) return TRUE;
  gtk_dialog_response(GTK_DIALOG(w.dialog_), kResponseDone);
  return FALSE;
}

// Runs the window until the work is done; false when the user cancelled. Stop and Cancel
// only ask the work to stop: it returns when it sees stop_asked().
bool RunWindow::wait_for_end() {
  bool keep = true;
  for (;;) {
    const int response = gimp_dialog_run(GIMP_DIALOG(dialog_));
    if (response == kResponseDone) return keep;
    stop_ = true;
    keep = keep && response == kResponseStop;  // cancelling after stopping still cancels
    gtk_dialog_set_response_sensitive(GTK_DIALOG(dialog_), kResponseStop, FALSE);
    gtk_dialog_set_response_sensitive(GTK_DIALOG(dialog_), GTK_RESPONSE_CANCEL, keep);
    ending_ = keep ? _("Stopping after this step…") : _("Cancelling…");
    gtk_progress_bar_set_text(GTK_PROGRESS_BAR(bar_), ending_);
  }
}

}  // namespace neural_style::ui

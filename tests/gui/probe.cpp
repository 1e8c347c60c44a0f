#include "probe.h"

#include <chrono>
#include <cstdio>
#include <locale>
#include <optional>
#include <sstream>
#include <thread>

#include "interactive_run.h"
#include "neural_style/error.h"
#include "run_window.h"

namespace neural_style::probe {
namespace {

using Search = std::pair<const std::function<bool(GtkWidget*)>*, GtkWidget*>;

void find_in(GtkWidget* widget, gpointer data) {
  auto* search = static_cast<Search*>(data);
  if (search->second) return;
  if ((*search->first)(widget))
    search->second = widget;
  else if (GTK_IS_CONTAINER(widget))
    gtk_container_forall(GTK_CONTAINER(widget), find_in, data);
}

// --- The run window ----------------------------------------------------------------

Image gradient(int width, int height) {
  Image image(width, height, 3);
  for (int y = 0; y < height; ++y)
    for (int x = 0; x < width; ++x) {
      image.at(x, y, 0) = float(x) / width;
      image.at(x, y, 1) = float(y) / height;
      image.at(x, y, 2) = 0.5f;
    }
  return image;
}

// Stands in for the engine: reports a step every 20 ms until told to stop; throws at
// step `fail_at` when it is positive.
Result fake_work(const ProgressCallback& progress, int fail_at) {
  const Image image = gradient(96, 64);
  Progress p;
  p.scales = 3;
  p.iterations = 1000000;
  for (int step = 1;; ++step) {
    p.scale = 2;
    p.width = image.width;
    p.height = image.height;
    p.iteration = step;
    p.seconds_elapsed = step * 0.1;
    p.seconds_left = 83;
    p.snapshot = [&image] { return image; };
    if (step == fail_at) throw Error(ErrorCode::out_of_memory);
    if (!progress(p)) {
      Result result;
      result.image = image;
      result.stopped = true;
      result.iterations_done = step;
      return result;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

std::string progress_text(GtkWidget* bar) {
  const gchar* text = gtk_progress_bar_get_text(GTK_PROGRESS_BAR(bar));
  return text ? text : "";
}

bool showing_progress(GtkWidget* window) {
  GtkWidget* preview = named(window, ui::kPreviewName);
  GtkWidget* bar = named(window, ui::kProgressName);
  return preview && bar && gtk_image_get_storage_type(GTK_IMAGE(preview)) == GTK_IMAGE_PIXBUF &&
         progress_text(bar).find("1:23") != std::string::npos;  // fake_work's time left
}

// What the probe does inside the run window's loop: once it shows the evolving image and
// the time left, optionally a screenshot, then a click on Stop or Cancel. Cancels when
// the window shows nothing in time, so that the probe never hangs.
struct RunAction {
  Probe& probe;
  int response;
  bool take_screenshot;
  std::chrono::steady_clock::time_point deadline;
  guint source = 0;
};

gboolean act_on_run_window(gpointer data) {
  auto& action = *static_cast<RunAction*>(data);
  GtkWidget* window = toplevel_with_role(ui::kRunWindowRole);
  const bool late = std::chrono::steady_clock::now() > action.deadline;
  if (!window || (!showing_progress(window) && !late)) return TRUE;
  report(action.probe, !late, "run window shows the image and the time left");
  if (action.take_screenshot && !late) screenshot(action.probe, window, "run");
  gtk_dialog_response(GTK_DIALOG(window), late ? GTK_RESPONSE_CANCEL : action.response);
  action.source = 0;
  return FALSE;
}

// Removes the action's timeout when the run ended before the action was done.
struct ActionGuard {
  RunAction* action;
  ~ActionGuard() {
    if (action && action->source) g_source_remove(action->source);
  }
};

std::chrono::steady_clock::time_point window_deadline() {
  return std::chrono::steady_clock::now() +
         std::chrono::duration_cast<std::chrono::steady_clock::duration>(
             std::chrono::duration<double>(kWindowTimeout));
}

// The run window over fake_work; `action` (if any) is what the user does.
std::optional<Result> watch(RunAction* action, int fail_at, int& main_thread_reports) {
  if (action) action->source = g_timeout_add(50, act_on_run_window, action);
  const ActionGuard guard{action};
  const std::thread::id main_thread = std::this_thread::get_id();
  const plugin::Work work = [fail_at](const ProgressCallback& p) { return fake_work(p, fail_at); };
  const ProgressCallback on_main_thread = [&](const Progress&) {
    main_thread_reports += std::this_thread::get_id() == main_thread;
    return true;
  };
  return plugin::watch_transfer("Photo in the style of Painting", work, on_main_thread);
}

}  // namespace

std::map<std::string, Documented> parse_documented(const std::string& text) {
  std::map<std::string, Documented> rows;
  std::istringstream in(text);
  std::string row;
  while (std::getline(in, row, ';')) {
    std::istringstream fields(row);
    fields.imbue(std::locale::classic());
    std::string name;
    Documented d{};
    if (fields >> name >> d.lowest >> d.highest >> d.value) rows[name] = d;
  }
  return rows;
}

void report(Probe& probe, bool ok, const std::string& check, const std::string& detail) {
  if (ok)
    std::printf("PASS %s\n", check.c_str());
  else
    std::printf("FAIL %s: %s\n", check.c_str(), detail.c_str());
  std::fflush(stdout);
  probe.failures += ok ? 0 : 1;
}

void print_summary(const Probe& probe) {
  std::printf("%d probe failures\n", probe.failures);
  std::fflush(stdout);
}

GtkWidget* find_widget(GtkWidget* root, const std::function<bool(GtkWidget*)>& is) {
  Search search{&is, nullptr};
  find_in(root, &search);
  return search.second;
}

GtkWidget* named(GtkWidget* root, const char* name) {
  return find_widget(root,
                     [name](GtkWidget* w) { return g_strcmp0(gtk_widget_get_name(w), name) == 0; });
}

GtkWidget* toplevel_with_role(const char* role) {
  GList* windows = gtk_window_list_toplevels();
  GtkWidget* found = nullptr;
  for (GList* w = windows; w; w = w->next) {
    const gchar* r = gtk_window_get_role(GTK_WINDOW(w->data));
    if (r && std::string(r) == role && gtk_widget_get_visible(GTK_WIDGET(w->data)))
      found = GTK_WIDGET(w->data);
  }
  g_list_free(windows);
  return found;
}

bool pump_until(const std::function<bool()>& done, double seconds) {
  const auto end = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  while (!done() && std::chrono::steady_clock::now() < end) {
    if (!g_main_context_iteration(nullptr, FALSE))
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return done();
}

std::string label_text(GtkWidget* label) {
  return label ? gtk_label_get_text(GTK_LABEL(label)) : "";
}

bool has_digit(GtkWidget* label) {
  return label_text(label).find_first_of("0123456789") != std::string::npos;
}

void screenshot(Probe& probe, GtkWidget* window, const char* what) {
  pump_until([] { return !gtk_events_pending(); }, 5);
  GdkWindow* gdk_window = gtk_widget_get_window(window);
#if GTK_CHECK_VERSION(3, 0, 0)
  GdkPixbuf* pixbuf = gdk_pixbuf_get_from_window(gdk_window, 0, 0, gdk_window_get_width(gdk_window),
                                                 gdk_window_get_height(gdk_window));
#else
  gdk_window_process_all_updates();
  gdk_flush();
  gint width = 0, height = 0;
  gdk_drawable_get_size(gdk_window, &width, &height);
  GdkPixbuf* pixbuf =
      gdk_pixbuf_get_from_drawable(nullptr, gdk_window, nullptr, 0, 0, 0, 0, width, height);
#endif
  const std::string path = probe.screenshots + "/" + what + "-" + probe.language + ".png";
  const bool saved = pixbuf && gdk_pixbuf_save(pixbuf, path.c_str(), "png", nullptr, nullptr);
  if (pixbuf) g_object_unref(pixbuf);
  report(probe, saved, std::string("screenshot ") + what, path);
  if (saved) std::printf("SCREENSHOT %s\n", path.c_str());
}

void check_help_window(Probe& probe) {
  GtkWidget* help = nullptr;
  pump_until([&] { return (help = toplevel_with_role("gimp-neural-style-help")) != nullptr; },
             kWindowTimeout);
  report(probe, help != nullptr, "Help opens the help window");
  if (!help) return;
  screenshot(probe, help, "help");
  gtk_widget_destroy(help);
}

void check_run_window(Probe& probe) {
  int reports = 0;
  RunAction stop{probe, ui::kResponseStop, true, window_deadline()};
  const std::optional<Result> kept = watch(&stop, 0, reports);
  report(probe, kept && kept->stopped && kept->iterations_done > 0,
         "Stop and Keep returns the image so far");
  report(probe, reports > 0, "progress is also reported on the main thread");
  RunAction cancel{probe, GTK_RESPONSE_CANCEL, false, window_deadline()};
  report(probe, !watch(&cancel, 0, reports), "Cancel returns nothing");
  try {
    watch(nullptr, 3, reports);
    report(probe, false, "an engine error reaches the caller", "nothing thrown");
  } catch (const Error& error) {
    report(probe, std::string(error.what()).find("memory") != std::string::npos,
           "an engine error reaches the caller", error.what());
  }
}

}  // namespace neural_style::probe

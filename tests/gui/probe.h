// What the dialog probes of both GIMP versions share (dialog_probe.cpp for GIMP 2.10,
// procedure_dialog_probe.cpp for GIMP 3): one "PASS <check>" or "FAIL <check>: <detail>"
// line per check, "SCREENSHOT <path>" per screenshot and a last "<N> probe failures" line,
// which run_dialog_test.py reads; finding widgets, waiting on the main loop, and the run
// window's checks, which are the same code in both plug-ins.
#pragma once

#include <gtk/gtk.h>

#include <functional>
#include <map>
#include <string>

namespace neural_style::probe {

constexpr double kCalibrationTimeout = 120;  // seconds; a 256 px measurement on a busy CPU
constexpr double kWindowTimeout = 30;        // seconds

// The iterations the README promises for Draft, Balanced and Fine, not the table under
// test (presets.h), so that a changed table fails until the README says so too.
constexpr int kPromisedIterations[] = {100, 300, 500};

// A numeric argument's row in the README's table: the range its entry takes (down to a
// special value) and its default.
struct Documented {
  double lowest, highest, value;
};

// The rows, from "name lowest highest default;…" (run_dialog_test.py reads the README).
std::map<std::string, Documented> parse_documented(const std::string& text);

struct Probe {
  std::string screenshots;  // folder
  std::string language;     // suffix of the screenshots' names
  int failures = 0;
};

void report(Probe& probe, bool ok, const std::string& check, const std::string& detail = "");
// The "<N> probe failures" line the runner reads.
void print_summary(const Probe& probe);

// The first widget named `name` below `root` (internal children included), or null.
GtkWidget* named(GtkWidget* root, const char* name);
// The first widget below `root` that `is` accepts, or null.
GtkWidget* find_widget(GtkWidget* root, const std::function<bool(GtkWidget*)>& is);
// The visible toplevel window with this role, or null.
GtkWidget* toplevel_with_role(const char* role);

// Runs the main loop until `done` holds or `seconds` pass; returns `done()`.
bool pump_until(const std::function<bool()>& done, double seconds);

std::string label_text(GtkWidget* label);  // "" for null
bool has_digit(GtkWidget* label);

// Saves `window` as <screenshots>/<what>-<language>.png.
void screenshot(Probe& probe, GtkWidget* window, const char* what);

// After a click on the dialog's Help: the help window opens; a screenshot, then it closes.
void check_help_window(Probe& probe);

// The run window over a stand-in for the engine: Stop and keep, Cancel, an engine error.
void check_run_window(Probe& probe);

}  // namespace neural_style::probe

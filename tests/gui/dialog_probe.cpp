// The dialog test's probe for GIMP 2.10: a GIMP plug-in that builds the settings dialog
// (ui/dialog.cpp) and the run window as the plug-in does, operates their controls, checks
// that each one edits the setting it should, and saves screenshots. run_dialog_test.py
// runs it in gimp-console under Xvfb and reads its lines (probe.h).
#include <gegl.h>
#include <libgimp/gimp.h>
#include <libgimp/gimpui.h>

#include <cmath>
#include <map>
#include <string>

#include "arguments.h"
#include "dialog.h"
#include "i18n.h"
#include "presets.h"
#include "probe.h"

namespace {

using namespace neural_style;
using namespace neural_style::probe;
using plugin::Arguments;
using plugin::ArgumentSpec;

constexpr const char* kProbeName = "plug-in-neural-style-dialog-probe";

GtkAdjustment* entry_adjustment(GtkWidget* dialog, const char* name) {
  GtkWidget* spin = named(dialog, name);
  return spin && GTK_IS_SPIN_BUTTON(spin) ? gtk_spin_button_get_adjustment(GTK_SPIN_BUTTON(spin))
                                          : nullptr;
}

// --- The settings dialog -------------------------------------------------------------

// GimpDialog's Help button has no response of its own; it is the action area's only
// secondary child (set apart at the left).
GtkWidget* help_button(GtkWidget* dialog) {
  GtkWidget* area = gtk_dialog_get_action_area(GTK_DIALOG(dialog));
  GList* buttons = gtk_container_get_children(GTK_CONTAINER(area));
  GtkWidget* found = nullptr;
  for (GList* b = buttons; b; b = b->next)
    if (gtk_button_box_get_child_secondary(GTK_BUTTON_BOX(area), GTK_WIDGET(b->data)))
      found = GTK_WIDGET(b->data);
  g_list_free(buttons);
  return found;
}

void check_controls_exist(Probe& probe, GtkWidget* dialog) {
  for (const ArgumentSpec& spec : plugin::kArgumentSpecs)
    report(probe, named(dialog, spec.name) != nullptr, std::string("control for ") + spec.name,
           "no widget of that name");
  for (const char* name : {ui::kPresetName, ui::kTimeName, ui::kMemoryName, ui::kNetworkName})
    report(probe, named(dialog, name) != nullptr, std::string("widget ") + name, "missing");
  report(probe, help_button(dialog) != nullptr, "Help button", "missing");
  report(probe, gtk_dialog_get_widget_for_response(GTK_DIALOG(dialog), ui::kResponseReset),
         "Reset button", "missing");
}

// Each slider's entry sets its argument.
void check_scales(Probe& probe, GtkWidget* dialog, const Arguments& arguments) {
  const std::pair<const char*, double> values[] = {
      {"style-mix", 0.25}, {"style-weight", 42.5}, {"content-weight", 2.5}, {"tv-weight", 0.5},
      {"size", 300},       {"iterations", 77},     {"style-scale", 1.5},
  };
  for (const auto& [name, value] : values) {
    GtkAdjustment* adjustment = entry_adjustment(dialog, name);
    if (adjustment) gtk_adjustment_set_value(adjustment, value);
    double got = NAN;
    for (const ArgumentSpec& spec : plugin::kArgumentSpecs)
      if (std::string(spec.name) == name) got = plugin::argument_value(arguments, spec);
    report(probe, adjustment && std::abs(got - value) < 1e-9, std::string(name) + " is wired",
           "set " + std::to_string(value) + ", argument is " + std::to_string(got));
  }
}

// Every layer and built-in painting of the combo comes with its thumbnail.
bool has_thumbnails(GtkWidget* combo) {
  GtkTreeModel* model = gtk_combo_box_get_model(GTK_COMBO_BOX(combo));
  GtkTreeIter iter;
  int rows = 0, thumbnails = 0;
  for (gboolean more = gtk_tree_model_get_iter_first(model, &iter); more;
       more = gtk_tree_model_iter_next(model, &iter)) {
    gint value = 0;
    GdkPixbuf* pixbuf = nullptr;
    gtk_tree_model_get(model, &iter, GIMP_INT_STORE_VALUE, &value, GIMP_INT_STORE_PIXBUF, &pixbuf,
                       -1);
    if (value == plugin::kNoLayer) continue;
    ++rows;
    if (pixbuf) {
      ++thumbnails;
      g_object_unref(pixbuf);
    }
  }
  return rows >= 2 && thumbnails == rows;
}

std::string first_label(GtkWidget* combo) {
  GtkTreeModel* model = gtk_combo_box_get_model(GTK_COMBO_BOX(combo));
  GtkTreeIter iter;
  gchar* label = nullptr;
  if (gtk_tree_model_get_iter_first(model, &iter))
    gtk_tree_model_get(model, &iter, GIMP_INT_STORE_LABEL, &label, -1);
  const std::string text = label ? label : "";
  g_free(label);
  return text;
}

// The built-in paintings head the first style's combo, named in the user's language
// (`painting`: the first one's name from the catalogue); one replaces the style layer.
void check_paintings(Probe& probe, GtkWidget* dialog, const Arguments& a, gint32 style,
                     const std::string& painting) {
  GtkWidget* first = named(dialog, "style-drawable");
  report(probe, first_label(first) == painting, "the built-in paintings come first, translated",
         first_label(first));
  gtk_combo_box_set_active(GTK_COMBO_BOX(first), 0);
  report(probe, a.painting == 0, "a built-in painting is the style",
         std::to_string(a.painting));
  // Installed beside the probe by the runner, as beside the plug-in.
  const std::string problem = gtk_label_get_text(GTK_LABEL(named(dialog, ui::kProblemName)));
  report(probe, problem.empty() && has_digit(named(dialog, ui::kMemoryName)),
         "the painting is found and its run estimated", problem);
  gimp_int_combo_box_set_active(GIMP_INT_COMBO_BOX(first), style);
  report(probe, a.painting == plugin::kNoPainting && a.style_drawable == style,
         "a layer replaces the painting", std::to_string(a.painting));
}

void check_layers(Probe& probe, GtkWidget* dialog, const Arguments& a, gint32 content,
                  gint32 style) {
  auto* first = GIMP_INT_COMBO_BOX(named(dialog, "style-drawable"));
  auto* second = GIMP_INT_COMBO_BOX(named(dialog, "style2-drawable"));
  GtkWidget* mix = named(dialog, "style-mix");
  report(probe, has_thumbnails(GTK_WIDGET(first)) && has_thumbnails(GTK_WIDGET(second)),
         "the style combos list the layers and paintings with thumbnails");
  report(probe, a.style_drawable == style, "style layer defaults to the other layer",
         std::to_string(a.style_drawable));
  gimp_int_combo_box_set_active(first, content);
  report(probe, a.style_drawable == content, "style layer combo is wired",
         std::to_string(a.style_drawable));
  gimp_int_combo_box_set_active(first, style);
  report(probe, a.style2_drawable == plugin::kNoLayer && !gtk_widget_is_sensitive(mix),
         "no second style: mix is off", std::to_string(a.style2_drawable));
  gimp_int_combo_box_set_active(second, style);
  report(probe, a.style2_drawable == style && gtk_widget_is_sensitive(mix),
         "second style combo is wired, mix on", std::to_string(a.style2_drawable));
  gimp_int_combo_box_set_active(second, plugin::kNoLayer);
  report(probe, a.style2_drawable == plugin::kNoLayer, "second style back to none",
         std::to_string(a.style2_drawable));
}

void check_toggles(Probe& probe, GtkWidget* dialog, const Arguments& a) {
  gtk_toggle_button_set_active(GTK_TOGGLE_BUTTON(named(dialog, "preserve-colors")), TRUE);
  report(probe, a.preserve_colors == 1, "keep colours is wired", std::to_string(a.preserve_colors));
  GtkWidget* seed = named(dialog, "seed");
  GtkToggleButton* randomize = GTK_TOGGLE_BUTTON(GIMP_RANDOM_SEED_TOGGLE(seed));
  GtkAdjustment* value = GIMP_RANDOM_SEED_SPINBUTTON_ADJ(seed);
  gtk_toggle_button_set_active(randomize, FALSE);
  gtk_adjustment_set_value(value, 1234);
  report(probe, a.seed == 1234, "seed is wired", std::to_string(a.seed));
  gtk_adjustment_set_value(value, 3000000000.0);  // what GIMP's "New Seed" may draw
  report(probe, a.seed >= 0 && gtk_adjustment_get_value(value) == a.seed,
         "a 32-bit seed is folded into the argument's range", std::to_string(a.seed));
  gtk_toggle_button_set_active(randomize, TRUE);
  report(probe, a.seed == -1, "randomize means a new seed each run", std::to_string(a.seed));
}

void check_preset(Probe& probe, GtkWidget* dialog, const Arguments& a) {
  auto* preset = GIMP_INT_COMBO_BOX(named(dialog, ui::kPresetName));
  for (int index = 2; index >= 0; --index) {  // Draft last
    gimp_int_combo_box_set_active(preset, index);
    report(probe, a.iterations == kPromisedIterations[index],
           "preset " + std::to_string(index) + " sets the README's iterations",
           std::to_string(a.iterations));
  }
  gtk_adjustment_set_value(entry_adjustment(dialog, "size"), 300);
  gint shown = -2;
  gimp_int_combo_box_get_active(preset, &shown);
  report(probe, shown == 0, "a size cap keeps the preset", std::to_string(shown));
  gtk_adjustment_set_value(entry_adjustment(dialog, "iterations"), 123);
  gimp_int_combo_box_get_active(preset, &shown);
  report(probe, shown == ui::kCustomPreset, "editing the iterations shows Custom",
         std::to_string(shown));
}

// A size the procedure refuses: the reason shows, and OK cannot start the run.
void check_problem(Probe& probe, GtkWidget* dialog) {
  GtkWidget* ok = gtk_dialog_get_widget_for_response(GTK_DIALOG(dialog), GTK_RESPONSE_OK);
  GtkWidget* problem = named(dialog, ui::kProblemName);
  report(probe, !gtk_widget_is_drawable(problem) && gtk_widget_is_sensitive(ok),
         "valid settings: no problem shown, OK on", gtk_label_get_text(GTK_LABEL(problem)));
  gtk_adjustment_set_value(entry_adjustment(dialog, "size"), 8);
  report(probe, gtk_widget_is_drawable(problem) && !gtk_widget_is_sensitive(ok),
         "size 8: problem shown, OK off", gtk_label_get_text(GTK_LABEL(problem)));
  gtk_adjustment_set_value(entry_adjustment(dialog, "size"), 256);
  report(probe, !gtk_widget_is_drawable(problem) && gtk_widget_is_sensitive(ok),
         "size 256: problem gone, OK on", gtk_label_get_text(GTK_LABEL(problem)));
}

void check_reset(Probe& probe, GtkWidget* dialog, const Arguments& a) {
  gtk_dialog_response(GTK_DIALOG(dialog), ui::kResponseReset);
  const Arguments defaults;
  for (const ArgumentSpec& spec : plugin::kArgumentSpecs) {
    if (spec.type == plugin::ArgumentType::drawable && !spec.has_special) continue;
    const double got = plugin::argument_value(a, spec),
                 want = plugin::argument_value(defaults, spec);
    report(probe, got == want, std::string("Reset restores ") + spec.name,
           std::to_string(got) + " instead of " + std::to_string(want));
  }
}

void check_help(Probe& probe, GtkWidget* dialog) {
  if (GtkWidget* button = help_button(dialog)) gtk_button_clicked(GTK_BUTTON(button));
  check_help_window(probe);
}

// Each entry takes the README's range and shows its default (the seed's -1 is GIMP's
// Randomize, its entry takes GIMP's own seeds).
void check_documented(Probe& probe, GtkWidget* dialog, const std::string& readme,
                      const std::string& when) {
  const std::map<std::string, Documented> rows = parse_documented(readme);
  for (const ArgumentSpec& spec : plugin::kArgumentSpecs) {
    if (spec.type == plugin::ArgumentType::drawable) continue;
    const auto row = rows.find(spec.name);
    const std::string check = std::string(spec.name) + " " + when;
    if (row == rows.end()) {
      report(probe, false, std::string("README documents ") + spec.name, "no row read");
    } else if (spec.type == plugin::ArgumentType::boolean) {
      const bool on = gtk_toggle_button_get_active(GTK_TOGGLE_BUTTON(named(dialog, spec.name)));
      report(probe, on == (row->second.value != 0), check + " shows the README's default");
    } else if (std::string(spec.name) == "seed") {
      auto* randomize = GTK_TOGGLE_BUTTON(GIMP_RANDOM_SEED_TOGGLE(named(dialog, spec.name)));
      report(probe, gtk_toggle_button_get_active(randomize) ==
                        (row->second.value < 0),
             check + ": Randomize shows the README's default");
    } else {
      GtkAdjustment* entry = entry_adjustment(dialog, spec.name);
      const Documented& d = row->second;
      report(probe, entry && gtk_adjustment_get_lower(entry) == d.lowest &&
                        gtk_adjustment_get_upper(entry) == d.highest,
             check + ": the entry takes the README's range");
      report(probe, entry && gtk_adjustment_get_value(entry) == d.value,
             check + " shows the README's default",
             entry ? std::to_string(gtk_adjustment_get_value(entry)) : "no entry");
    }
  }
}

void check_settings_dialog(Probe& probe, gint32 image, gint32 content, gint32 style,
                           const std::string& title, const std::string& painting,
                           const std::string& readme) {
  Arguments arguments;
  const ui::Calibration calibration;
  GtkWidget* dialog = ui::settings_dialog_new(image, content, false, arguments, calibration);
  gtk_widget_show(dialog);
  report(probe, title == gtk_window_get_title(GTK_WINDOW(dialog)), "dialog title is translated",
         gtk_window_get_title(GTK_WINDOW(dialog)));
  check_controls_exist(probe, dialog);
  const bool estimated =
      pump_until([&] { return has_digit(named(dialog, ui::kTimeName)); }, kCalibrationTimeout);
  report(probe, estimated, "time estimate after calibration",
         gtk_label_get_text(GTK_LABEL(named(dialog, ui::kTimeName))));
  report(probe, has_digit(named(dialog, ui::kMemoryName)), "memory estimate shown");
  screenshot(probe, dialog, "dialog");
  check_documented(probe, dialog, readme, "on opening");
  check_layers(probe, dialog, arguments, content, style);
  check_paintings(probe, dialog, arguments, style, painting);
  check_scales(probe, dialog, arguments);
  check_toggles(probe, dialog, arguments);
  check_preset(probe, dialog, arguments);
  check_problem(probe, dialog);
  check_help(probe, dialog);
  check_reset(probe, dialog, arguments);
  check_documented(probe, dialog, readme, "after Reset");
  gtk_widget_destroy(dialog);
}

// The measured step cost is kept in the speed cache: the next calibration is done at once.
void check_calibration_cached(Probe& probe, gint32 image, gint32 content) {
  Arguments arguments;
  const ui::Calibration calibration;
  GtkWidget* dialog = ui::settings_dialog_new(image, content, false, arguments, calibration);
  report(probe, has_digit(named(dialog, ui::kTimeName)), "calibration is cached",
         gtk_label_get_text(GTK_LABEL(named(dialog, ui::kTimeName))));
  gtk_widget_destroy(dialog);
}

// --- The procedure -------------------------------------------------------------------

void query() {
  static const GimpParamDef params[] = {
      {GIMP_PDB_INT32, const_cast<gchar*>("run-mode"), const_cast<gchar*>("The run mode")},
      {GIMP_PDB_IMAGE, const_cast<gchar*>("image"), const_cast<gchar*>("The image")},
      {GIMP_PDB_DRAWABLE, const_cast<gchar*>("content"), const_cast<gchar*>("The content layer")},
      {GIMP_PDB_DRAWABLE, const_cast<gchar*>("style"), const_cast<gchar*>("Another layer")},
      {GIMP_PDB_STRING, const_cast<gchar*>("screenshots"), const_cast<gchar*>("Folder")},
      {GIMP_PDB_STRING, const_cast<gchar*>("language"), const_cast<gchar*>("Screenshot suffix")},
      {GIMP_PDB_STRING, const_cast<gchar*>("title"), const_cast<gchar*>("Expected title")},
      {GIMP_PDB_STRING, const_cast<gchar*>("painting"),
       const_cast<gchar*>("Expected name of the first built-in painting")},
      {GIMP_PDB_STRING, const_cast<gchar*>("readme"),
       const_cast<gchar*>("The README's ranges and defaults: name lowest highest default;...")},
  };
  gimp_install_procedure(kProbeName, "Tests the neural style dialog", "Test only", "tests", "tests",
                         "2024", nullptr, nullptr, GIMP_PLUGIN, G_N_ELEMENTS(params), 0, params,
                         nullptr);
}

void run(const gchar*, gint nparams, const GimpParam* params, gint* nreturn_vals,
         GimpParam** return_vals) {
  static GimpParam values[1];
  plugin::init_i18n();
  gegl_init(nullptr, nullptr);  // as the plug-in: the estimate reads a painting's size
  gimp_ui_init("neural-style-dialog-probe", FALSE);
  Probe probe;
  probe.screenshots = params[4].data.d_string;
  probe.language = params[5].data.d_string;
  if (nparams >= 9) {
    check_settings_dialog(probe, params[1].data.d_image, params[2].data.d_drawable,
                          params[3].data.d_drawable, params[6].data.d_string,
                          params[7].data.d_string, params[8].data.d_string);
    check_calibration_cached(probe, params[1].data.d_image, params[2].data.d_drawable);
    check_run_window(probe);
  }
  print_summary(probe);
  values[0].type = GIMP_PDB_STATUS;
  values[0].data.d_status = probe.failures ? GIMP_PDB_EXECUTION_ERROR : GIMP_PDB_SUCCESS;
  *nreturn_vals = 1;
  *return_vals = values;
}

const GimpPlugInInfo kPlugInInfo = {nullptr, nullptr, query, run};

}  // namespace

int main(int argc, char* argv[]) { return gimp_main(&kPlugInInfo, argc, argv); }

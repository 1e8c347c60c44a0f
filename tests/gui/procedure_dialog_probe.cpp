// The dialog test's probe for GIMP 3: a plug-in that looks up the real procedure,
// plug-in-neural-style, makes its config and runs its dialog (ui/procedure_dialog.cpp) as
// the plug-in does, while a timeout operates the controls: every control is there, the
// ranges and defaults are the README's, each control edits its argument, the presets set
// the README's iterations, the estimate and the reason OK is off follow the settings, Help
// and Reset's menu work. run_dialog_test.py runs it in gimp-console-3.0 under Xvfb and
// reads its lines (probe.h).
#include <gegl.h>
#include <glib/gi18n-lib.h>
#include <libgimp/gimp.h>
#include <libgimp/gimpui.h>

#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "arguments.h"
#include "dialog_names.h"
#include "host.h"
#include "i18n.h"
#include "paintings.h"
#include "presets.h"
#include "probe.h"
#include "procedure_dialog.h"

struct ProbePlugIn {
  GimpPlugIn parent_instance;
};

struct ProbePlugInClass {
  GimpPlugInClass parent_class;
};

G_DEFINE_TYPE(ProbePlugIn, probe_plug_in, GIMP_TYPE_PLUG_IN)

namespace {

using namespace neural_style;
using namespace neural_style::probe;
using plugin::Arguments;
using plugin::ArgumentSpec;
using plugin::ItemId;

constexpr const char* kProbeName = "plug-in-neural-style-dialog-probe";
// GimpProcedureDialog's Reset button, which opens a menu (libgimp's RESPONSE_RESET).
constexpr gint kResponseReset = 1;
// How often the probe's steps look at the dialog.
constexpr guint kStepMilliseconds = 100;

// What the probe's steps share: the dialog runs between them, in gimp_procedure_dialog_run.
struct Session {
  Probe& probe;
  std::map<std::string, Documented> readme;
  std::string title;     // the dialog's, in the probe's language
  std::string painting;  // the first built-in painting's name, in the probe's language
  GimpProcedureConfig* config;
  plugin::ImageId image;
  ItemId content, style;
  int step = 0;
  int deadline_steps = 0;  // steps left until the probe gives up waiting for the dialog
  guint source = 0;        // the steps' timeout while it runs
};

GtkWidget* procedure_dialog() {
  GList* windows = gtk_window_list_toplevels();
  GtkWidget* found = nullptr;
  for (GList* w = windows; w; w = w->next)
    if (GIMP_IS_PROCEDURE_DIALOG(w->data) && gtk_widget_get_visible(GTK_WIDGET(w->data)))
      found = GTK_WIDGET(w->data);
  g_list_free(windows);
  return found;
}

GtkWidget* control(GtkWidget* dialog, const char* argument) {
  return gimp_procedure_dialog_get_widget(GIMP_PROCEDURE_DIALOG(dialog), argument, G_TYPE_NONE);
}

GimpLabelSpin* spin(GtkWidget* dialog, const char* argument) {
  GtkWidget* widget = control(dialog, argument);
  return GIMP_IS_LABEL_SPIN(widget) ? GIMP_LABEL_SPIN(widget) : nullptr;
}

GimpDrawableChooser* chooser(GtkWidget* dialog, const char* argument) {
  GtkWidget* widget = control(dialog, argument);
  return GIMP_IS_DRAWABLE_CHOOSER(widget) ? GIMP_DRAWABLE_CHOOSER(widget) : nullptr;
}

GtkWidget* painting_combo(GtkWidget* dialog) {
  GtkWidget* widget = control(dialog, plugin::kPaintingArgument);
  return widget ? find_widget(widget, [](GtkWidget* w) { return GIMP_IS_STRING_COMBO_BOX(w); })
                : nullptr;
}

GtkWidget* button(GtkWidget* dialog, gint response) {
  return gtk_dialog_get_widget_for_response(GTK_DIALOG(dialog), response);
}

double argument(const Session& s, const char* name) {
  const Arguments arguments = plugin::host::arguments_of(s.config);
  for (const ArgumentSpec& spec : plugin::kArgumentSpecs)
    if (g_strcmp0(spec.name, name) == 0) return plugin::argument_value(arguments, spec);
  return NAN;
}

std::string number(double value) { return std::to_string(value); }

void set_spin(GtkWidget* dialog, const char* name, double value) {
  if (GimpLabelSpin* entry = spin(dialog, name)) gimp_label_spin_set_value(entry, value);
}

// --- Opened: every control, with the README's ranges and defaults ----------------------

void check_controls_exist(Session& s, GtkWidget* dialog) {
  std::vector<const char*> arguments{plugin::kPaintingArgument, plugin::kMemoryArgument};
  for (const ArgumentSpec& spec : plugin::kArgumentSpecs) arguments.push_back(spec.name);
  for (const char* name : arguments) {
    GtkWidget* widget = control(dialog, name);
    const bool shown =
        widget && gtk_widget_is_ancestor(widget, dialog) && gtk_widget_get_mapped(widget);
    report(s.probe, shown, std::string("control for ") + name, "not shown in the dialog");
  }
  for (const char* name : {ui::kPresetName, ui::kTimeName, ui::kMemoryName, ui::kNetworkName})
    report(s.probe, named(dialog, name) != nullptr, std::string("widget ") + name, "missing");
  report(s.probe, button(dialog, ui::kResponseHelp), "Help button", "missing");
  report(s.probe, button(dialog, kResponseReset), "Reset button", "missing");
}

// Each numeric entry spans the README's range and shows its default; so do the toggle
// and the memory budget (0 = the default share, up to the engine's kMaxMemory).
void check_documented(Session& s, GtkWidget* dialog, const std::string& when) {
  for (const ArgumentSpec& spec : plugin::kArgumentSpecs) {
    if (spec.type == plugin::ArgumentType::drawable) continue;
    const auto row = s.readme.find(spec.name);
    if (row == s.readme.end()) {
      report(s.probe, false, std::string("README documents ") + spec.name, "no row read");
      continue;
    }
    const Documented& d = row->second;
    const std::string check = std::string(spec.name) + " " + when;
    if (spec.type == plugin::ArgumentType::boolean) {
      GtkWidget* toggle = control(dialog, spec.name);
      const bool on = GTK_IS_TOGGLE_BUTTON(toggle) &&
                      gtk_toggle_button_get_active(GTK_TOGGLE_BUTTON(toggle));
      report(s.probe, on == (d.value != 0), check + " shows the README's default", number(on));
      continue;
    }
    GimpLabelSpin* entry = spin(dialog, spec.name);
    double lowest = NAN, highest = NAN;
    if (entry)
      gtk_spin_button_get_range(GTK_SPIN_BUTTON(gimp_label_spin_get_spin_button(entry)), &lowest,
                                &highest);
    const double value = entry ? gimp_label_spin_get_value(entry) : NAN;
    report(s.probe, lowest == d.lowest && highest == d.highest,
           check + ": the entry takes the README's range",
           number(lowest) + "…" + number(highest) + " instead of " + number(d.lowest) + "…" +
               number(d.highest));
    report(s.probe, value == d.value, check + " shows the README's default",
           number(value) + " instead of " + number(d.value));
  }
  GimpLabelSpin* memory = spin(dialog, plugin::kMemoryArgument);
  report(s.probe, memory && gimp_label_spin_get_value(memory) == 0,
         "memory " + when + " shows 0, the default share");
}

// --- Operated: each control edits its argument -----------------------------------------

void check_layers(Session& s, GtkWidget* dialog) {
  GimpDrawableChooser* first = chooser(dialog, "style-drawable");
  GimpDrawableChooser* second = chooser(dialog, "style2-drawable");
  GtkWidget* mix = control(dialog, "style-mix");
  report(s.probe, first && second && mix, "the style layers have layer choosers");
  if (!first || !second || !mix) return;
  report(s.probe, argument(s, "style-drawable") == s.style,
         "style layer defaults to the other layer", number(argument(s, "style-drawable")));
  gimp_drawable_chooser_set_drawable(first, gimp_drawable_get_by_id(s.content));
  report(s.probe, argument(s, "style-drawable") == s.content, "style layer chooser is wired",
         number(argument(s, "style-drawable")));
  gimp_drawable_chooser_set_drawable(first, gimp_drawable_get_by_id(s.style));
  report(s.probe, argument(s, "style2-drawable") == plugin::kNoLayer &&
                      !gtk_widget_is_sensitive(mix),
         "no second style: mix is off", number(argument(s, "style2-drawable")));
  gimp_drawable_chooser_set_drawable(second, gimp_drawable_get_by_id(s.style));
  report(s.probe, argument(s, "style2-drawable") == s.style && gtk_widget_is_sensitive(mix),
         "second style chooser is wired, mix on", number(argument(s, "style2-drawable")));
  gimp_drawable_chooser_set_drawable(second, nullptr);
  report(s.probe, argument(s, "style2-drawable") == plugin::kNoLayer &&
                      !gtk_widget_is_sensitive(mix),
         "second style back to none, mix off", number(argument(s, "style2-drawable")));
}

// The label `combo` shows for the entry with this id.
std::string combo_label(GtkWidget* combo, const char* id) {
  gint id_column = 0, label_column = 0;
  g_object_get(combo, "id-column", &id_column, "label-column", &label_column, nullptr);
  GtkTreeModel* model = gtk_combo_box_get_model(GTK_COMBO_BOX(combo));
  GtkTreeIter iter;
  std::string label;
  for (gboolean more = gtk_tree_model_get_iter_first(model, &iter); more && label.empty();
       more = gtk_tree_model_iter_next(model, &iter)) {
    gchar *row_id = nullptr, *row_label = nullptr;
    gtk_tree_model_get(model, &iter, id_column, &row_id, label_column, &row_label, -1);
    if (g_strcmp0(row_id, id) == 0 && row_label) label = row_label;
    g_free(row_id);
    g_free(row_label);
  }
  return label;
}

// A built-in painting replaces the style layer, named in the user's language.
void check_paintings(Session& s, GtkWidget* dialog) {
  GtkWidget* combo = painting_combo(dialog);
  GtkWidget* style = control(dialog, "style-drawable");
  const char* id = plugin::kPaintings[0].id;
  report(s.probe, combo && combo_label(combo, id) == s.painting,
         "the built-in paintings are offered, translated", combo ? combo_label(combo, id) : "");
  if (!combo) return;
  gimp_string_combo_box_set_active(GIMP_STRING_COMBO_BOX(combo), id);
  report(s.probe, argument(s, "style-drawable") == s.style &&
                      plugin::host::arguments_of(s.config).painting == 0 &&
                      !gtk_widget_is_sensitive(style),
         "a built-in painting is the style, the layer chooser off");
  const std::string problem = label_text(named(dialog, ui::kProblemName));
  report(s.probe, problem.empty() && has_digit(named(dialog, ui::kMemoryName)),
         "the painting is found and its run estimated", problem);
  gimp_string_combo_box_set_active(GIMP_STRING_COMBO_BOX(combo), plugin::kNoPaintingChoice);
  report(s.probe, plugin::host::arguments_of(s.config).painting == plugin::kNoPainting &&
                      gtk_widget_is_sensitive(style),
         "no painting: the layer is the style again");
}

void check_scales(Session& s, GtkWidget* dialog) {
  const std::pair<const char*, double> values[] = {
      {"style-mix", 0.25}, {"style-weight", 42.5}, {"content-weight", 2.5}, {"tv-weight", 0.5},
      {"size", 300},       {"iterations", 77},     {"style-scale", 1.5},
  };
  for (const auto& [name, value] : values) {
    set_spin(dialog, name, value);
    report(s.probe, argument(s, name) == value, std::string(name) + " is wired",
           "set " + number(value) + ", argument is " + number(argument(s, name)));
  }
  set_spin(dialog, plugin::kMemoryArgument, 2.5);
  report(s.probe, plugin::host::arguments_of(s.config).memory == 2.5, "memory is wired",
         number(plugin::host::arguments_of(s.config).memory));
}

void check_toggles(Session& s, GtkWidget* dialog) {
  GtkWidget* colours = control(dialog, "preserve-colors");
  if (GTK_IS_TOGGLE_BUTTON(colours)) gtk_toggle_button_set_active(GTK_TOGGLE_BUTTON(colours), TRUE);
  report(s.probe, argument(s, "preserve-colors") == 1, "keep colours is wired",
         number(argument(s, "preserve-colors")));
  set_spin(dialog, "seed", 1234);
  report(s.probe, argument(s, "seed") == 1234, "seed is wired", number(argument(s, "seed")));
  GtkWidget* new_seed = find_widget(dialog, [&](GtkWidget* w) {
    return GTK_IS_BUTTON(w) && g_strcmp0(gtk_button_get_label(GTK_BUTTON(w)), _("_New Seed")) == 0;
  });
  if (new_seed) gtk_button_clicked(GTK_BUTTON(new_seed));
  const double drawn = argument(s, "seed");
  report(s.probe, new_seed && drawn >= 0 && drawn != 1234, "New Seed draws another seed",
         number(drawn));
  set_spin(dialog, "seed", -1);
  report(s.probe, argument(s, "seed") == -1, "seed -1 (pick one) is accepted",
         number(argument(s, "seed")));
}

void check_preset(Session& s, GtkWidget* dialog) {
  auto* preset = GIMP_INT_COMBO_BOX(named(dialog, ui::kPresetName));
  for (int index = 2; index >= 0; --index) {  // Draft last
    gimp_int_combo_box_set_active(preset, index);
    report(s.probe, argument(s, "iterations") == kPromisedIterations[index],
           "preset " + std::to_string(index) + " sets the README's iterations",
           number(argument(s, "iterations")));
  }
  set_spin(dialog, "size", 300);
  gint shown = -2;
  gimp_int_combo_box_get_active(preset, &shown);
  report(s.probe, shown == 0, "a size cap keeps the preset", std::to_string(shown));
  set_spin(dialog, "iterations", 123);
  gimp_int_combo_box_get_active(preset, &shown);
  report(s.probe, shown == ui::kCustomPreset, "editing the iterations shows Custom",
         std::to_string(shown));
}

// Whether the dialog shows a reason a run cannot start, and OK is off.
bool refuses(GtkWidget* dialog) {
  return gtk_widget_is_drawable(named(dialog, ui::kProblemName)) &&
         !gtk_widget_is_sensitive(button(dialog, GTK_RESPONSE_OK));
}

bool accepts(GtkWidget* dialog) {
  return !gtk_widget_is_drawable(named(dialog, ui::kProblemName)) &&
         gtk_widget_is_sensitive(button(dialog, GTK_RESPONSE_OK));
}

// A size the procedure refuses: the reason shows, and OK cannot start the run.
void check_problem(Session& s, GtkWidget* dialog) {
  const auto problem = [&] { return label_text(named(dialog, ui::kProblemName)); };
  report(s.probe, accepts(dialog), "valid settings: no problem shown, OK on", problem());
  set_spin(dialog, "size", 8);
  report(s.probe, refuses(dialog), "size 8: problem shown, OK off", problem());
  set_spin(dialog, "size", 256);
  report(s.probe, accepts(dialog), "size 256: problem gone, OK on", problem());
}

// Everything but Reset's menu, which opens once the dialog's own loop has its turn.
void check_opened(Session& s, GtkWidget* dialog) {
  report(s.probe, s.title == gtk_window_get_title(GTK_WINDOW(dialog)),
         "dialog title is translated", gtk_window_get_title(GTK_WINDOW(dialog)));
  check_controls_exist(s, dialog);
  const bool estimated =
      pump_until([&] { return has_digit(named(dialog, ui::kTimeName)); }, kCalibrationTimeout);
  report(s.probe, estimated, "time estimate after calibration",
         label_text(named(dialog, ui::kTimeName)));
  report(s.probe, has_digit(named(dialog, ui::kMemoryName)), "memory estimate shown");
  screenshot(s.probe, dialog, "dialog");
  check_documented(s, dialog, "on opening");
  check_layers(s, dialog);
  check_paintings(s, dialog);
  check_scales(s, dialog);
  check_toggles(s, dialog);
  check_preset(s, dialog);
  check_problem(s, dialog);
  if (GtkWidget* help = button(dialog, ui::kResponseHelp)) gtk_button_clicked(GTK_BUTTON(help));
  check_help_window(s.probe);
  report(s.probe, procedure_dialog() == dialog, "the dialog stays open after Help");
}

// --- Reset's menu ----------------------------------------------------------------------

// The buttons of Reset's menu (a popover of the dialog's), in order: initial values,
// factory defaults; none while it is closed.
std::vector<GtkWidget*> reset_choices(GtkWidget* dialog) {
  GtkWidget* popover = find_widget(dialog, [](GtkWidget* w) { return GTK_IS_POPOVER(w); });
  std::vector<GtkWidget*> buttons;
  if (!popover || !gtk_widget_get_visible(popover)) return buttons;
  find_widget(popover, [&](GtkWidget* w) {
    if (GTK_IS_BUTTON(w)) buttons.push_back(w);
    return false;
  });
  return buttons;
}

// Reset to Factory Defaults: every argument's README default, and no style layer, which
// the dialog then asks for.
void check_factory_defaults(Session& s, GtkWidget* dialog) {
  const std::vector<GtkWidget*> choices = reset_choices(dialog);
  report(s.probe, choices.size() == 2, "Reset opens a menu of two choices",
         std::to_string(choices.size()) + " choices");
  if (choices.size() != 2) return;
  gtk_button_clicked(GTK_BUTTON(choices[1]));
  check_documented(s, dialog, "after Reset to Factory Defaults");
  report(s.probe, argument(s, "style-drawable") == plugin::kNoLayer && refuses(dialog),
         "factory defaults have no style: problem shown, OK off",
         label_text(named(dialog, ui::kProblemName)));
}

// Reset to Initial Values: the values the dialog opened with, its preselected style too.
void check_initial_values(Session& s, GtkWidget* dialog) {
  const std::vector<GtkWidget*> choices = reset_choices(dialog);
  if (choices.size() == 2) gtk_button_clicked(GTK_BUTTON(choices[0]));
  report(s.probe, choices.size() == 2 && argument(s, "style-drawable") == s.style &&
                      argument(s, "iterations") == kPromisedIterations[1] && accepts(dialog),
         "Reset to Initial Values restores the opening values",
         number(argument(s, "style-drawable")));
}

// One step per turn of the dialog's loop: Reset's menu opens only between them.
gboolean next_step(gpointer data) {
  Session& s = *static_cast<Session*>(data);
  GtkWidget* dialog = procedure_dialog();
  if (!dialog) {
    if (--s.deadline_steps > 0) return G_SOURCE_CONTINUE;
    report(s.probe, false, "the dialog opens", "no dialog in time");
    s.source = 0;
    return G_SOURCE_REMOVE;
  }
  switch (s.step++) {
    case 0:
      check_opened(s, dialog);
      break;
    case 1:
      check_factory_defaults(s, dialog);
      break;
    case 2:
      check_initial_values(s, dialog);
      set_spin(dialog, "iterations", 77);
      gtk_button_clicked(GTK_BUTTON(button(dialog, GTK_RESPONSE_OK)));
      s.source = 0;
      return G_SOURCE_REMOVE;
  }
  gtk_button_clicked(GTK_BUTTON(button(dialog, kResponseReset)));
  return G_SOURCE_CONTINUE;
}

void check_dialog(Session& s, GimpProcedure* procedure) {
  s.deadline_steps = int(kWindowTimeout * 1000 / kStepMilliseconds);
  const ui::Calibration calibration;
  s.source = g_timeout_add(kStepMilliseconds, next_step, &s);
  const bool ok = ui::run_procedure_dialog(procedure, s.config, s.image, s.content,
                                           /*frames=*/false, calibration);
  if (s.source) g_source_remove(s.source);  // the dialog ended before the steps
  report(s.probe, ok && argument(s, "iterations") == 77 && argument(s, "style-drawable") == s.style,
         "OK ends the dialog with its settings in the config",
         "returned " + number(ok) + ", iterations " + number(argument(s, "iterations")));
}

// The measured step cost is kept in the speed cache: the next dialog estimates at once.
gboolean check_cached_and_cancel(gpointer data) {
  Session& s = *static_cast<Session*>(data);
  GtkWidget* dialog = procedure_dialog();
  if (!dialog) return G_SOURCE_CONTINUE;
  report(s.probe, has_digit(named(dialog, ui::kTimeName)), "calibration is cached",
         label_text(named(dialog, ui::kTimeName)));
  gtk_button_clicked(GTK_BUTTON(button(dialog, GTK_RESPONSE_CANCEL)));
  return G_SOURCE_REMOVE;
}

void check_cancel(Session& s, GimpProcedure* procedure) {
  const ui::Calibration calibration;
  g_timeout_add(kStepMilliseconds, check_cached_and_cancel, &s);
  report(s.probe,
         !ui::run_procedure_dialog(procedure, s.config, s.image, s.content, /*frames=*/false,
                                   calibration),
         "Cancel ends the dialog with false");
}

// --- The probe's own procedure ---------------------------------------------------------

std::string string_argument(GimpProcedureConfig* config, const char* name) {
  gchar* value = nullptr;
  g_object_get(config, name, &value, nullptr);
  std::string text = value ? value : "";
  g_free(value);
  return text;
}

ItemId id(GimpDrawable* drawable) { return gimp_item_get_id(GIMP_ITEM(drawable)); }

GimpValueArray* run(GimpProcedure* procedure, GimpRunMode, GimpImage* image,
                    GimpDrawable** drawables, GimpProcedureConfig* config, gpointer) {
  plugin::init_i18n();
  gegl_init(nullptr, nullptr);  // as the plug-in: the estimate reads a painting's size
  gimp_ui_init("neural-style-dialog-probe");
  Probe probe;
  probe.screenshots = string_argument(config, "screenshots");
  probe.language = string_argument(config, "language");
  GimpProcedure* real = gimp_pdb_lookup_procedure(gimp_get_pdb(), plugin::kProcedureName);
  report(probe, real != nullptr, "the plug-in's procedure is registered");
  if (real && drawables && drawables[0] && drawables[1]) {
    GimpProcedureConfig* real_config = gimp_procedure_create_config(real);
    Session s{probe, parse_documented(string_argument(config, "readme")),
              string_argument(config, "title"), string_argument(config, "painting"), real_config,
              gimp_image_get_id(image), id(drawables[0]), id(drawables[1])};
    check_dialog(s, real);
    check_cancel(s, real);
    g_object_unref(real_config);
  }
  check_run_window(probe);
  print_summary(probe);
  return gimp_procedure_new_return_values(
      procedure, probe.failures ? GIMP_PDB_EXECUTION_ERROR : GIMP_PDB_SUCCESS, nullptr);
}

GList* query_procedures(GimpPlugIn*) { return g_list_append(nullptr, g_strdup(kProbeName)); }

void add_string(GimpProcedure* procedure, const char* name, const char* blurb) {
  gimp_procedure_add_string_argument(procedure, name, name, blurb, "", G_PARAM_READWRITE);
}

GimpProcedure* create_procedure(GimpPlugIn* plug_in, const gchar* name) {
  GimpProcedure* procedure =
      gimp_image_procedure_new(plug_in, name, GIMP_PDB_PROC_TYPE_PLUGIN, run, nullptr, nullptr);
  gimp_procedure_set_documentation(procedure, "Tests the neural style dialog", "Test only",
                                   name);
  gimp_procedure_set_attribution(procedure, "tests", "tests", "2024");
  add_string(procedure, "screenshots", "Folder for the screenshots");
  add_string(procedure, "language", "Suffix of the screenshots' names");
  add_string(procedure, "title", "Expected title");
  add_string(procedure, "painting", "Expected name of the first built-in painting");
  add_string(procedure, "readme",
             "The README's ranges and defaults: name lowest highest default;…");
  return procedure;
}

// As the plug-in: its catalogue is bound by init_i18n, not by GIMP's scheme.
gboolean set_i18n(GimpPlugIn*, const gchar*, gchar**, gchar**) { return FALSE; }

}  // namespace

static void probe_plug_in_class_init(ProbePlugInClass* klass) {
  GIMP_PLUG_IN_CLASS(klass)->query_procedures = query_procedures;
  GIMP_PLUG_IN_CLASS(klass)->create_procedure = create_procedure;
  GIMP_PLUG_IN_CLASS(klass)->set_i18n = set_i18n;
}

static void probe_plug_in_init(ProbePlugIn*) {}

int main(int argc, char* argv[]) { return gimp_main(probe_plug_in_get_type(), argc, argv); }

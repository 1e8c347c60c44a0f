#include "procedure_dialog.h"

#include <glib/gi18n-lib.h>

#include <random>
#include <string>

#include "controls.h"
#include "dialog_names.h"
#include "help.h"
#include "host.h"
#include "inputs.h"
#include "paintings.h"
#include "network_hint.h"
#include "presets.h"
#include "summary.h"

namespace neural_style::ui {
namespace {

// Picks up the end of the calibration, and memory freed or taken by other programs.
constexpr guint kRefreshMilliseconds = 500;

struct DialogState {
  GimpProcedureConfig* config = nullptr;
  plugin::ImageId image = -1;
  plugin::ItemId drawable = -1;
  bool frames = false;  // plug-in-neural-style-frames: the image's layers are the content
  const Calibration* calibration = nullptr;
  GtkWidget* mix = nullptr;
  GtkWidget* style = nullptr;  // the style layer's chooser
  Summary summary;             // the preset, the estimate and the reason OK is off
};

// Everything that follows from the settings: which style controls apply, and the summary.
void refresh(DialogState& s) {
  const plugin::Arguments arguments = plugin::host::arguments_of(s.config);
  // The mix only means something with a second style.
  gtk_widget_set_sensitive(s.mix, arguments.style2_drawable != plugin::kNoLayer);
  // A built-in painting takes the style layer's place.
  gtk_widget_set_sensitive(s.style, arguments.painting == plugin::kNoPainting);
  refresh_summary(s.summary, s.image, s.drawable, arguments, *s.calibration);
}

void on_config_changed(GObject*, GParamSpec*, gpointer data) {
  refresh(*static_cast<DialogState*>(data));
}

gboolean on_timer(gpointer data) {
  refresh(*static_cast<DialogState*>(data));
  return G_SOURCE_CONTINUE;
}

void on_preset_changed(GtkWidget* combo, gpointer data) {
  auto& s = *static_cast<DialogState*>(data);
  gint index = kCustomPreset;
  if (!gimp_int_combo_box_get_active(GIMP_INT_COMBO_BOX(combo), &index) || index < 0) return;
  g_object_set(s.config, "iterations", preset(index).iterations, nullptr);
}

// GIMP's "New Seed": a fresh non-negative seed in the seed argument.
void on_new_seed(GtkWidget*, gpointer data) {
  std::random_device entropy;
  const gint seed = std::uniform_int_distribution<gint>(0, G_MAXINT32)(entropy);
  g_object_set(static_cast<DialogState*>(data)->config, "seed", seed, nullptr);
}

void scale_entry(GimpProcedureDialog* dialog, const ScaleRow& row) {
  GtkWidget* entry = gimp_procedure_dialog_get_scale_entry(dialog, row.argument, 1.0);
  gimp_label_spin_set_increments(GIMP_LABEL_SPIN(entry), row.step, row.page);
  gimp_label_spin_set_digits(GIMP_LABEL_SPIN(entry), row.digits);
  // TRUE: only the slider gets the useful range; the entry keeps the argument's range.
  // These come last: GIMP 3.0 sets up a limited logarithmic slider again whenever the
  // entry's range or steps change, taking its already logarithmic bounds for linear ones.
  gimp_scale_entry_set_bounds(GIMP_SCALE_ENTRY(entry), row.lower, row.upper, TRUE);
  gimp_scale_entry_set_logarithmic(GIMP_SCALE_ENTRY(entry), row.logarithmic);
  gimp_help_set_help_data(entry, _(row.tooltip), nullptr);
  gtk_widget_set_name(entry, row.argument);
}

// GTK 3 gives a wrapped label the width of its whole text on one line unless capped: the
// network hint alone would stretch the dialog across the screen.
constexpr int kWrapChars = 60;

void cap_wrapped_label(GtkWidget* widget, gpointer) {
  if (GTK_IS_LABEL(widget)) gtk_label_set_max_width_chars(GTK_LABEL(widget), kWrapChars);
}

GtkWidget* left_label(const char* name) {
  GtkWidget* label = gtk_label_new("");
  gtk_label_set_xalign(GTK_LABEL(label), 0.0);
  gtk_label_set_line_wrap(GTK_LABEL(label), TRUE);
  cap_wrapped_label(label, nullptr);
  gtk_widget_set_name(label, name);
  return label;
}

// A frame titled `title` around the controls of `properties`; returns their box.
template <typename... Names>
GtkWidget* framed_box(GimpProcedureDialog* dialog, const char* id, const char* title,
                      Names... properties) {
  const std::string box = std::string(id) + "-box", label = std::string(id) + "-title";
  gimp_procedure_dialog_get_label(dialog, label.c_str(), title, FALSE, FALSE);
  GtkWidget* widget = gimp_procedure_dialog_fill_box(dialog, box.c_str(), properties..., nullptr);
  gimp_procedure_dialog_fill_frame(dialog, id, label.c_str(), FALSE, box.c_str());
  return widget;
}

// The preset combo, which is not a procedure argument, heads the Quality box.
void add_preset_row(DialogState& s, GtkWidget* quality_box) {
  const plugin::Arguments arguments = plugin::host::arguments_of(s.config);
  GtkWidget* preset = s.summary.preset = preset_combo_new(arguments.iterations);
  gtk_widget_set_name(preset, kPresetName);
  gimp_help_set_help_data(preset, _("Sets the effort: the iterations"), nullptr);
  GtkWidget* label = gtk_label_new_with_mnemonic(_("_Preset:"));
  gtk_label_set_mnemonic_widget(GTK_LABEL(label), preset);
  GtkWidget* row = gtk_box_new(GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_box_pack_start(GTK_BOX(row), label, FALSE, FALSE, 0);
  gtk_box_pack_start(GTK_BOX(row), preset, TRUE, TRUE, 0);
  gtk_box_pack_start(GTK_BOX(quality_box), row, FALSE, FALSE, 0);
  gtk_box_reorder_child(GTK_BOX(quality_box), row, 0);
  g_signal_connect(preset, "changed", G_CALLBACK(on_preset_changed), &s);
  gtk_widget_show_all(row);
}

// "New Seed" beside the seed, where GIMP's own filters have it.
void add_new_seed(DialogState& s, GtkWidget* seed_row) {
  gtk_orientable_set_orientation(GTK_ORIENTABLE(seed_row), GTK_ORIENTATION_HORIZONTAL);
  gtk_box_set_spacing(GTK_BOX(seed_row), 6);
  GtkWidget* new_seed = gtk_button_new_with_mnemonic(_("_New Seed"));
  gtk_box_pack_start(GTK_BOX(seed_row), new_seed, FALSE, FALSE, 0);
  g_signal_connect(new_seed, "clicked", G_CALLBACK(on_new_seed), &s);
  gtk_widget_show(new_seed);
}

void attach_row(GtkWidget* grid, int row, const char* caption, GtkWidget* value) {
  GtkWidget* label = gtk_label_new(caption);
  gtk_label_set_xalign(GTK_LABEL(label), 0.0);
  gtk_grid_attach(GTK_GRID(grid), label, 0, row, 1, 1);
  gtk_grid_attach(GTK_GRID(grid), value, 1, row, 1, 1);
}

// The estimate's values beside their captions, as in GIMP 2.10's dialog.
GtkWidget* estimate_frame(DialogState& s) {
  GtkWidget* grid = gtk_grid_new();
  gtk_grid_set_row_spacing(GTK_GRID(grid), 4);
  gtk_grid_set_column_spacing(GTK_GRID(grid), 12);
  s.summary.time = left_label(kTimeName);
  s.summary.memory = left_label(kMemoryName);
  attach_row(grid, 0, _("Time:"), s.summary.time);
  attach_row(grid, 1, _("Memory:"), s.summary.memory);
  // TRANSLATORS: frame title: what a run with these settings will cost.
  GtkWidget* frame = gimp_frame_new(_("Estimate"));
  gtk_container_add(GTK_CONTAINER(frame), grid);
  return frame;
}

// Which network a run uses; a weights file that cannot be used keeps OK off.
GtkWidget* network_hint(DialogState& s) {
  const NetworkNote note = network_note();
  s.summary.network_problem = note.problem;
  GtkWidget* hint = network_hint_new(note);
  gtk_container_foreach(GTK_CONTAINER(hint), cap_wrapped_label, nullptr);
  return hint;
}

GtkWidget* problem_row(DialogState& s) {
  GtkWidget* row = s.summary.problem_row = gtk_box_new(GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_box_pack_start(GTK_BOX(row),
                     gtk_image_new_from_icon_name(GIMP_ICON_DIALOG_WARNING, GTK_ICON_SIZE_BUTTON),
                     FALSE, FALSE, 0);
  s.summary.problem = left_label(kProblemName);
  gtk_box_pack_start(GTK_BOX(row), s.summary.problem, TRUE, TRUE, 0);
  return row;
}

// The estimate, the network line and the reason OK is off, below the procedure's frames.
void add_estimate(DialogState& s) {
  GtkWidget* area = gtk_dialog_get_content_area(GTK_DIALOG(s.summary.dialog));
  for (GtkWidget* part : {estimate_frame(s), network_hint(s), problem_row(s)}) {
    gtk_box_pack_start(GTK_BOX(area), part, FALSE, FALSE, 0);
    gtk_widget_show_all(part);  // refresh() hides the problem row while there is none
  }
}

// GIMP 3.0's drawable chooser fetches its thumbnail when given a drawable, at the size its
// preview has then: none before the dialog is shown, so the preselected style would show
// only "Browse…". Giving it the drawable again once allocated fetches one that fits; once
// only, since that also sets the config, whose refresh may lay the dialog out again.
void redraw_thumbnail(GtkWidget* chooser, GdkRectangle*, gpointer) {
  g_signal_handlers_disconnect_by_func(chooser, reinterpret_cast<gpointer>(redraw_thumbnail),
                                       nullptr);
  auto* drawable_chooser = GIMP_DRAWABLE_CHOOSER(chooser);
  gimp_drawable_chooser_set_drawable(drawable_chooser,
                                     gimp_drawable_chooser_get_drawable(drawable_chooser));
}

void show_thumbnails(GimpProcedureDialog* dialog) {
  for (const char* property : {"style-drawable", "style2-drawable"}) {
    GtkWidget* chooser = gimp_procedure_dialog_get_widget(dialog, property, G_TYPE_NONE);
    if (GIMP_IS_DRAWABLE_CHOOSER(chooser))
      g_signal_connect_after(chooser, "size-allocate", G_CALLBACK(redraw_thumbnail), nullptr);
  }
}

// GIMP 3.0 keeps no layer arguments in the last values ("couldn't serialize property …
// of type GimpDrawable"), and a layer kept otherwise may be gone: then offer a style, as
// GIMP 2.10's dialog does, rather than an empty chooser and an OK that is off: another
// layer, or failing that the first built-in painting (the chooser shows the content).
void preselect_styles(const DialogState& s) {
  const plugin::Arguments a = plugin::host::arguments_of(s.config);
  const plugin::ItemId style = plugin::default_style_layer(s.image, s.drawable, a.style_drawable);
  if (!plugin::host::is_style_layer(a.style_drawable)) {
    plugin::host::set_layer_argument(s.config, "style-drawable",
                                     style != plugin::kNoLayer ? style : s.drawable);
    if (style == plugin::kNoLayer && a.painting == plugin::kNoPainting)
      g_object_set(s.config, plugin::kPaintingArgument, plugin::kPaintings[0].id, nullptr);
  }
  if (a.style2_drawable != plugin::kNoLayer && !plugin::host::is_style_layer(a.style2_drawable))
    plugin::host::set_layer_argument(s.config, "style2-drawable", plugin::kNoLayer);
}

// Before gimp_procedure_dialog_run's own handler, which would take any response but Reset
// for the dialog's end.
void on_response(GtkDialog* dialog, gint response, gpointer) {
  if (response != kResponseHelp) return;
  g_signal_stop_emission_by_name(dialog, "response");
  show_help(kHelpId, dialog);
}

// GIMP's Help button opens GIMP's manual, which has no page for this filter: this one shows
// the plug-in's own help, as GIMP 2.10's dialog does.
void use_own_help(GtkWidget* dialog) {
  GtkWidget* gimp_help = gtk_dialog_get_widget_for_response(GTK_DIALOG(dialog), GTK_RESPONSE_HELP);
  if (gimp_help) gtk_widget_destroy(gimp_help);
  GtkWidget* help = gtk_dialog_add_button(GTK_DIALOG(dialog), _("_Help"), kResponseHelp);
  // Where GIMP's Help button was: apart from the others, on the left.
  if (GTK_IS_BUTTON_BOX(gtk_widget_get_parent(help)))
    gtk_button_box_set_child_secondary(GTK_BUTTON_BOX(gtk_widget_get_parent(help)), help, TRUE);
  g_signal_connect(dialog, "response", G_CALLBACK(on_response), nullptr);
}

void build(DialogState& s, GimpProcedure* procedure) {
  s.summary.dialog = gimp_procedure_dialog_new(
      procedure, s.config,
      s.frames ? _("Neural Style Transfer (Frames)") : _("Neural Style Transfer"));
  s.summary.frames = s.frames;
  auto* dialog = GIMP_PROCEDURE_DIALOG(s.summary.dialog);
  scale_entry(dialog, kMixRow);
  for (const ScaleRow& row : kLookRows) scale_entry(dialog, row);
  for (const ScaleRow& row : kQualityRows) scale_entry(dialog, row);
  GtkWidget* seed_row = gimp_procedure_dialog_fill_box(dialog, "seed-row", "seed", nullptr);
  framed_box(dialog, "style", _("Style"), plugin::kPaintingArgument, "style-drawable",
             "style2-drawable", "style-mix");
  framed_box(dialog, "look", _("Look"), "style-weight", "content-weight", "tv-weight",
             "style-scale", "preserve-colors");
  GtkWidget* quality =
      framed_box(dialog, "quality", _("Quality"), "size", "iterations", plugin::kMemoryArgument,
                 "seed-row");
  gimp_procedure_dialog_fill(dialog, "style", "look", "quality", nullptr);
  s.mix = gimp_procedure_dialog_get_widget(dialog, "style-mix", G_TYPE_NONE);
  s.style = gimp_procedure_dialog_get_widget(dialog, "style-drawable", G_TYPE_NONE);
  show_thumbnails(dialog);
  add_preset_row(s, quality);
  add_new_seed(s, seed_row);
  add_estimate(s);
  use_own_help(s.summary.dialog);
}

}  // namespace

bool run_procedure_dialog(GimpProcedure* procedure, GimpProcedureConfig* config,
                          plugin::ImageId image, plugin::ItemId drawable, bool frames,
                          const Calibration& calibration) {
  DialogState s;
  s.config = config;
  s.image = image;
  s.drawable = drawable;
  s.frames = frames;
  s.calibration = &calibration;
  preselect_styles(s);
  build(s, procedure);
  refresh(s);
  const gulong changed = g_signal_connect(config, "notify", G_CALLBACK(on_config_changed), &s);
  const guint timer = g_timeout_add(kRefreshMilliseconds, on_timer, &s);
  const bool ok = gimp_procedure_dialog_run(GIMP_PROCEDURE_DIALOG(s.summary.dialog));
  g_source_remove(timer);
  g_signal_handler_disconnect(config, changed);
  gtk_widget_destroy(s.summary.dialog);
  return ok;
}

}  // namespace neural_style::ui

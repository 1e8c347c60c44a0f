#include "procedure_dialog.h"

#include <glib/gi18n-lib.h>

#include <random>
#include <string>

#include "controls.h"
#include "dialog_names.h"
#include "presets.h"
#include "procedure_config.h"

namespace neural_style::ui {
namespace {

// Picks up the end of the calibration, and memory freed or taken by other programs.
constexpr guint kRefreshMilliseconds = 500;

struct DialogState {
  GimpProcedureConfig* config = nullptr;
  plugin::ImageId image = -1;
  plugin::ItemId drawable = -1;
  const Calibration* calibration = nullptr;
  GtkWidget* dialog = nullptr;
  GtkWidget* mix = nullptr;
  GtkWidget* preset = nullptr;
  GtkWidget* time = nullptr;
  GtkWidget* memory = nullptr;
  GtkWidget* problem = nullptr;
  std::string network_problem;
};

// The estimate and whether OK may start a run; the preset combo follows the numbers.
void refresh(DialogState& s) {
  const plugin::Arguments arguments = plugin::arguments_of(s.config);
  const Estimate e = estimate_run(s.image, s.drawable, arguments, *s.calibration);
  const std::string problem = s.network_problem.empty() ? e.problem : s.network_problem;
  gtk_label_set_text(GTK_LABEL(s.time), e.time.c_str());
  gtk_label_set_text(GTK_LABEL(s.memory), e.memory.c_str());
  gtk_label_set_text(GTK_LABEL(s.problem), problem.c_str());
  gtk_widget_set_visible(s.problem, !problem.empty());
  gtk_dialog_set_response_sensitive(GTK_DIALOG(s.dialog), GTK_RESPONSE_OK, problem.empty());
  // The mix only means something with a second style.
  gtk_widget_set_sensitive(s.mix, arguments.style2_drawable != plugin::kNoLayer);
  const int preset = matching_preset(arguments.size, arguments.iterations);
  if (gimp_int_combo_box_get_active(GIMP_INT_COMBO_BOX(s.preset), nullptr) &&
      preset != kCustomPreset)
    gimp_int_combo_box_set_active(GIMP_INT_COMBO_BOX(s.preset), preset);
  else if (preset == kCustomPreset)
    gimp_int_combo_box_set_active(GIMP_INT_COMBO_BOX(s.preset), kCustomPreset);
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
  g_object_set(s.config, "size", preset(index).size, "iterations", preset(index).iterations,
               nullptr);
}

// GIMP's "New Seed": a fresh non-negative seed in the seed argument.
void on_new_seed(GtkWidget*, gpointer data) {
  std::random_device entropy;
  const gint seed = std::uniform_int_distribution<gint>(0, G_MAXINT32)(entropy);
  g_object_set(static_cast<DialogState*>(data)->config, "seed", seed, nullptr);
}

void scale_entry(GimpProcedureDialog* dialog, const ScaleRow& row) {
  GtkWidget* entry = gimp_procedure_dialog_get_scale_entry(dialog, row.argument, 1.0);
  gimp_scale_entry_set_bounds(GIMP_SCALE_ENTRY(entry), row.lower, row.upper, FALSE);
  gimp_scale_entry_set_logarithmic(GIMP_SCALE_ENTRY(entry), row.logarithmic);
  gimp_label_spin_set_increments(GIMP_LABEL_SPIN(entry), row.step, row.page);
  gimp_label_spin_set_digits(GIMP_LABEL_SPIN(entry), row.digits);
  gimp_help_set_help_data(entry, _(row.tooltip), nullptr);
  gtk_widget_set_name(entry, row.argument);
}

GtkWidget* left_label(const char* name) {
  GtkWidget* label = gtk_label_new("");
  gtk_label_set_xalign(GTK_LABEL(label), 0.0);
  gtk_label_set_line_wrap(GTK_LABEL(label), TRUE);
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

// The preset combo and "New Seed", which are not procedure arguments, in the Quality box.
void add_quality_extras(DialogState& s, GtkWidget* quality_box) {
  const plugin::Arguments arguments = plugin::arguments_of(s.config);
  s.preset = preset_combo_new(arguments.size, arguments.iterations);
  gtk_widget_set_name(s.preset, kPresetName);
  gimp_help_set_help_data(s.preset, _("Sets the working size and the iterations together"),
                          nullptr);
  GtkWidget* row = gtk_box_new(GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_box_pack_start(GTK_BOX(row), gtk_label_new_with_mnemonic(_("_Preset:")), FALSE, FALSE, 0);
  gtk_box_pack_start(GTK_BOX(row), s.preset, TRUE, TRUE, 0);
  gtk_box_pack_start(GTK_BOX(quality_box), row, FALSE, FALSE, 0);
  gtk_box_reorder_child(GTK_BOX(quality_box), row, 0);
  g_signal_connect(s.preset, "changed", G_CALLBACK(on_preset_changed), &s);
  GtkWidget* new_seed = gtk_button_new_with_mnemonic(_("_New Seed"));
  gtk_box_pack_start(GTK_BOX(quality_box), new_seed, FALSE, FALSE, 0);
  g_signal_connect(new_seed, "clicked", G_CALLBACK(on_new_seed), &s);
  gtk_widget_show_all(row);
  gtk_widget_show(new_seed);
}

// The estimate, the network line and the reason OK is off, below the procedure's frames.
void add_estimate(DialogState& s) {
  GtkWidget* area = gtk_dialog_get_content_area(GTK_DIALOG(s.dialog));
  // TRANSLATORS: frame title: what a run with these settings will cost.
  GtkWidget* frame = gimp_frame_new(_("Estimate"));
  GtkWidget* box = gtk_box_new(GTK_ORIENTATION_VERTICAL, 4);
  s.time = left_label(kTimeName);
  s.memory = left_label(kMemoryName);
  gtk_box_pack_start(GTK_BOX(box), s.time, FALSE, FALSE, 0);
  gtk_box_pack_start(GTK_BOX(box), s.memory, FALSE, FALSE, 0);
  gtk_container_add(GTK_CONTAINER(frame), box);
  const NetworkNote note = network_note();
  s.network_problem = note.problem;
  GtkWidget* network = gimp_hint_box_new(note.text.c_str());
  gtk_widget_set_name(network, kNetworkName);
  s.problem = left_label(kProblemName);
  gtk_box_pack_start(GTK_BOX(area), frame, FALSE, FALSE, 0);
  gtk_box_pack_start(GTK_BOX(area), network, FALSE, FALSE, 0);
  gtk_box_pack_start(GTK_BOX(area), s.problem, FALSE, FALSE, 0);
  gtk_widget_show_all(frame);
  gtk_widget_show(network);
}

void build(DialogState& s, GimpProcedure* procedure) {
  s.dialog = gimp_procedure_dialog_new(procedure, s.config, _("Neural Style Transfer"));
  auto* dialog = GIMP_PROCEDURE_DIALOG(s.dialog);
  scale_entry(dialog, kMixRow);
  for (const ScaleRow& row : kLookRows) scale_entry(dialog, row);
  for (const ScaleRow& row : kQualityRows) scale_entry(dialog, row);
  gimp_procedure_dialog_get_widget(dialog, "seed", GTK_TYPE_SPIN_BUTTON);
  framed_box(dialog, "style", _("Style"), "style-drawable", "style2-drawable", "style-mix");
  framed_box(dialog, "look", _("Look"), "style-weight", "content-weight", "tv-weight",
             "style-scale", "preserve-colors");
  GtkWidget* quality =
      framed_box(dialog, "quality", _("Quality"), "size", "iterations", "seed");
  gimp_procedure_dialog_fill(dialog, "style", "look", "quality", nullptr);
  s.mix = gimp_procedure_dialog_get_widget(dialog, "style-mix", G_TYPE_NONE);
  add_quality_extras(s, quality);
  add_estimate(s);
}

}  // namespace

bool run_procedure_dialog(GimpProcedure* procedure, GimpProcedureConfig* config,
                          plugin::ImageId image, plugin::ItemId drawable,
                          const Calibration& calibration) {
  DialogState s;
  s.config = config;
  s.image = image;
  s.drawable = drawable;
  s.calibration = &calibration;
  build(s, procedure);
  refresh(s);
  const gulong changed = g_signal_connect(config, "notify", G_CALLBACK(on_config_changed), &s);
  const guint timer = g_timeout_add(kRefreshMilliseconds, on_timer, &s);
  const bool ok = gimp_procedure_dialog_run(GIMP_PROCEDURE_DIALOG(s.dialog));
  g_source_remove(timer);
  g_signal_handler_disconnect(config, changed);
  gtk_widget_destroy(s.dialog);
  return ok;
}

}  // namespace neural_style::ui

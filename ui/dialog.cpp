#include "dialog.h"

#include <glib/gi18n-lib.h>
#include <libgimp/gimpui.h>

#include <cmath>
#include <cstring>
#include <stdexcept>
#include <string>
#include <vector>

#include "controls.h"
#include "estimate.h"
#include "failure.h"
#include "help.h"
#include "host.h"
#include "inputs.h"
#include "network_hint.h"
#include "paintings.h"
#include "presets.h"
#include "summary.h"

namespace neural_style::ui {
namespace {

using plugin::Arguments;
using plugin::ArgumentSpec;
using plugin::kNoLayer;

constexpr int kScaleWidth = 200;
constexpr int kSpinWidth = 6;
constexpr int kThumbnailSize = 24;
// Picks up the end of the calibration, and memory freed or taken by other programs.
constexpr guint kRefreshMilliseconds = 500;
// GIMP's "New Seed" draws 32 bits; the seed argument is a non-negative int32.
constexpr guint32 kSeedMask = 0x7fffffff;

const ArgumentSpec& argument_spec(const char* name) {
  for (const ArgumentSpec& spec : plugin::kArgumentSpecs)
    if (std::strcmp(spec.name, name) == 0) return spec;
  throw std::logic_error(std::string("no argument ") + name);
}

// Everything the dialog's callbacks share; deleted with the dialog.
struct DialogState {
  DialogState(gint32 image_, gint32 drawable_, bool frames_, Arguments& arguments_,
              const Calibration& calibration_)
      : image(image_),
        drawable(drawable_),
        frames(frames_),
        arguments(arguments_),
        calibration(calibration_) {}

  gint32 image;
  gint32 drawable;
  bool frames;  // plug-in-neural-style-frames: the image's layers are the content
  Arguments& arguments;
  const Calibration& calibration;
  GtkSizeGroup* labels = nullptr;  // while building: aligns the label columns of all frames
  std::vector<GtkObject*> scales;  // every scale entry, its ArgumentSpec as data "argument"
  GtkObject* mix = nullptr;
  GtkObject* size = nullptr;
  GtkObject* iterations = nullptr;
  GtkWidget* style2 = nullptr;
  GtkWidget* preserve_colors = nullptr;
  GtkWidget* seed = nullptr;
  guint32 seed_value = 0;
  gboolean randomize = TRUE;
  Summary summary;  // the preset, the estimate and the reason OK is off
  guint timer = 0;
};

// Everything that follows from the settings: whether the mix applies, and the summary.
void refresh(DialogState& s) {
  gimp_scale_entry_set_sensitive(s.mix, s.arguments.style2_drawable != kNoLayer);
  refresh_summary(s.summary, s.image, s.drawable, s.arguments, s.calibration);
}

void on_changed(GtkWidget*, gpointer state) { refresh(*static_cast<DialogState*>(state)); }

gboolean refresh_periodically(gpointer state) {
  refresh(*static_cast<DialogState*>(state));
  return TRUE;
}

void on_scale_changed(GtkAdjustment* adjustment, gpointer state) {
  DialogState& s = *static_cast<DialogState*>(state);
  const auto* spec =
      static_cast<const ArgumentSpec*>(g_object_get_data(G_OBJECT(adjustment), "argument"));
  const double value = gtk_adjustment_get_value(adjustment);
  plugin::set_argument_value(s.arguments, *spec, spec->int_field ? std::round(value) : value);
  refresh(s);
}

GtkObject* scale_row(GtkTable* table, int row, const ScaleRow& r, DialogState& s) {
  const ArgumentSpec& spec = argument_spec(r.argument);
  const double lowest = spec.has_special ? std::min(spec.min, spec.special) : spec.min;
  GtkObject* adjustment = gimp_scale_entry_new(
      table, 0, row, _(spec.label), kScaleWidth, kSpinWidth,
      plugin::argument_value(s.arguments, spec), r.lower, r.upper, r.step, r.page, r.digits, FALSE, lowest, spec.max, _(r.tooltip), nullptr);
  if (r.logarithmic) gimp_scale_entry_set_logarithmic(adjustment, TRUE);
  gtk_widget_set_name(GTK_WIDGET(GIMP_SCALE_ENTRY_SPINBUTTON(adjustment)), r.argument);
  gtk_size_group_add_widget(s.labels, GTK_WIDGET(GIMP_SCALE_ENTRY_LABEL(adjustment)));
  g_object_set_data(G_OBJECT(adjustment), "argument", const_cast<ArgumentSpec*>(&spec));
  g_signal_connect(adjustment, "value-changed", G_CALLBACK(on_scale_changed), &s);
  s.scales.push_back(adjustment);
  return adjustment;
}

void attach_row(GtkTable* table, int row, const char* label, GtkWidget* widget, DialogState& s) {
  gtk_size_group_add_widget(
      s.labels, gimp_table_attach_aligned(table, 0, row, label, 0.0, 0.5, widget, 2, FALSE));
}

GtkWidget* new_table(int rows) {
  GtkWidget* table = gtk_table_new(rows, 3, FALSE);
  gtk_table_set_col_spacings(GTK_TABLE(table), 6);
  gtk_table_set_row_spacings(GTK_TABLE(table), 6);
  return table;
}

GtkWidget* framed(const char* title, GtkWidget* child) {
  GtkWidget* frame = gimp_frame_new(title);
  gtk_container_add(GTK_CONTAINER(frame), child);
  return frame;
}

// --- Style -------------------------------------------------------------------------

gboolean is_usable_style(gint32 /*image*/, gint32 item, gpointer /*data*/) {
  return plugin::host::is_style_layer(item);
}

void on_layer_changed(GtkWidget* combo, gpointer field) {
  gint value = kNoLayer;
  if (gimp_int_combo_box_get_active(GIMP_INT_COMBO_BOX(combo), &value))
    *static_cast<std::int32_t*>(field) = value;
}

// The built-in paintings head the first style's combo, as values below kNoLayer, which no
// layer has. Its own inverse: it also turns such a value back into the painting.
gint painting_value(gint painting) { return kNoLayer - 1 - painting; }

void on_style_changed(GtkWidget* combo, gpointer arguments) {
  Arguments& a = *static_cast<Arguments*>(arguments);
  gint value = kNoLayer;
  if (!gimp_int_combo_box_get_active(GIMP_INT_COMBO_BOX(combo), &value)) return;
  a.painting = value < kNoLayer ? painting_value(value) : plugin::kNoPainting;
  if (value > kNoLayer) a.style_drawable = value;
}

struct Entry {
  gint value;
  const char* label;
  GdkPixbuf* thumbnail;  // may be null
};

// A combo of `entries`, then the layers of every open image with thumbnails, starting at
// `initial` (or its first entry); `on_change` keeps `data` in step.
GtkWidget* layer_combo(const char* name, const std::vector<Entry>& entries, gint initial,
                       void (*on_change)(GtkWidget*, gpointer), gpointer data, DialogState& s) {
  GtkWidget* combo = gimp_layer_combo_box_new(is_usable_style, nullptr);
  for (auto entry = entries.rbegin(); entry != entries.rend(); ++entry)
    gimp_int_combo_box_prepend(GIMP_INT_COMBO_BOX(combo), GIMP_INT_STORE_VALUE, entry->value,
                               GIMP_INT_STORE_LABEL, entry->label, GIMP_INT_STORE_PIXBUF,
                               entry->thumbnail, -1);
  gimp_int_combo_box_connect(GIMP_INT_COMBO_BOX(combo), initial, G_CALLBACK(on_change), data);
  if (gtk_combo_box_get_active(GTK_COMBO_BOX(combo)) < 0)
    gtk_combo_box_set_active(GTK_COMBO_BOX(combo), 0);
  // The combo may have shown `initial` from the start, and then said nothing.
  on_change(combo, data);
  gtk_widget_set_name(combo, name);
  g_signal_connect(combo, "changed", G_CALLBACK(on_changed), &s);
  return combo;
}

// A painting's thumbnail, as large as the layers' (GIMP's item combos draw them at 24 px);
// none when it is not installed (choosing it then says so).
GdkPixbuf* painting_thumbnail(int painting) {
  try {
    return gdk_pixbuf_new_from_file_at_size(plugin::painting_path(painting).c_str(),
                                            kThumbnailSize, kThumbnailSize, nullptr);
  } catch (const plugin::Failure&) {
    return nullptr;
  }
}

// The built-in paintings, then the layers. Without a last style and another layer in the
// image, the first painting.
GtkWidget* style_combo(DialogState& s) {
  std::vector<Entry> paintings;
  for (std::size_t i = 0; i < plugin::kPaintings.size(); ++i)
    paintings.push_back({painting_value(int(i)), _(plugin::kPaintings[i].name),
                         painting_thumbnail(int(i))});
  const Arguments& a = s.arguments;
  const gint initial = a.painting != plugin::kNoPainting
                           ? painting_value(a.painting)
                           : plugin::default_style_layer(s.image, s.drawable, a.style_drawable);
  GtkWidget* combo =
      layer_combo("style-drawable", paintings, initial, on_style_changed, &s.arguments, s);
  for (const Entry& entry : paintings)
    if (entry.thumbnail) g_object_unref(entry.thumbnail);  // the combo's store holds them
  return combo;
}

GtkWidget* style_section(DialogState& s) {
  GtkWidget* table = new_table(3);
  Arguments& a = s.arguments;
  attach_row(GTK_TABLE(table), 0, _("L_ayer:"), style_combo(s), s);
  const gint32 second =
      plugin::host::is_style_layer(a.style2_drawable) ? a.style2_drawable : kNoLayer;
  s.style2 = layer_combo("style2-drawable", {{kNoLayer, _("None"), nullptr}}, second,
                         on_layer_changed, &a.style2_drawable, s);
  attach_row(GTK_TABLE(table), 1, _("Second la_yer:"), s.style2, s);
  s.mix = scale_row(GTK_TABLE(table), 2, kMixRow, s);
  return framed(_("Style"), table);
}

// --- Look --------------------------------------------------------------------------

GtkWidget* preserve_colors_button(DialogState& s) {
  GtkWidget* button = gtk_check_button_new_with_mnemonic(_("_Keep the content's colours"));
  gtk_toggle_button_set_active(GTK_TOGGLE_BUTTON(button), s.arguments.preserve_colors != 0);
  gimp_help_set_help_data(button, _("Take only the style's textures, not its colours"), nullptr);
  gtk_widget_set_name(button, "preserve-colors");
  g_signal_connect(button, "toggled", G_CALLBACK(gimp_toggle_button_update),
                   &s.arguments.preserve_colors);
  g_signal_connect(button, "toggled", G_CALLBACK(on_changed), &s);
  return button;
}

GtkWidget* look_section(DialogState& s) {
  const int rows = G_N_ELEMENTS(kLookRows);
  GtkWidget* table = new_table(rows + 1);
  for (int row = 0; row < rows; ++row) scale_row(GTK_TABLE(table), row, kLookRows[row], s);
  s.preserve_colors = preserve_colors_button(s);
  gtk_table_attach(GTK_TABLE(table), s.preserve_colors, 0, 3, rows, rows + 1, GTK_FILL, GTK_FILL, 0,
                   0);
  // TRANSLATORS: frame title: the settings that decide how the result looks.
  return framed(_("Look"), table);
}

// --- Quality -----------------------------------------------------------------------

void on_preset_changed(GtkWidget* combo, gpointer state) {
  DialogState& s = *static_cast<DialogState*>(state);
  gint index = kCustomPreset;
  if (!gimp_int_combo_box_get_active(GIMP_INT_COMBO_BOX(combo), &index) || index == kCustomPreset)
    return;
  gtk_adjustment_set_value(GTK_ADJUSTMENT(s.iterations), preset(index).iterations);
}

void on_seed_changed(GtkWidget*, gpointer state) {
  DialogState& s = *static_cast<DialogState*>(state);
  GtkAdjustment* adjustment = GIMP_RANDOM_SEED_SPINBUTTON_ADJ(s.seed);
  if (s.seed_value > kSeedMask) {  // sets the field again, through this handler
    gtk_adjustment_set_value(adjustment, s.seed_value & kSeedMask);
    return;
  }
  s.arguments.seed = s.randomize ? -1 : static_cast<std::int32_t>(s.seed_value);
}

// GIMP's seed widget: the seed, "New Seed", and "Randomize" (a new seed each run: -1).
GtkWidget* seed_widget(DialogState& s) {
  s.randomize = s.arguments.seed < 0;
  s.seed_value = s.randomize ? 0 : static_cast<guint32>(s.arguments.seed);
  s.seed = gimp_random_seed_new(&s.seed_value, &s.randomize);
  gtk_widget_set_name(s.seed, "seed");
  g_signal_connect(GIMP_RANDOM_SEED_SPINBUTTON_ADJ(s.seed), "value-changed",
                   G_CALLBACK(on_seed_changed), &s);
  g_signal_connect(GIMP_RANDOM_SEED_TOGGLE(s.seed), "toggled", G_CALLBACK(on_seed_changed), &s);
  on_seed_changed(nullptr, &s);  // a random first seed may have 32 bits
  return s.seed;
}

void on_memory_changed(GtkAdjustment* adjustment, gpointer state) {
  DialogState& s = *static_cast<DialogState*>(state);
  s.arguments.memory = gtk_adjustment_get_value(adjustment);
  refresh(s);
}

// The memory budget: not a PDB argument in GIMP 2.10; the last values keep it.
GtkWidget* memory_spin(DialogState& s) {
  GtkObject* adjustment = gtk_adjustment_new(s.arguments.memory, 0, kMaxMemory, 0.5, 4, 0);
  GtkWidget* spin = gtk_spin_button_new(GTK_ADJUSTMENT(adjustment), 0.5, 1);
  gtk_widget_set_name(spin, "memory");
  gimp_help_set_help_data(spin,
                          _("Memory budget in GB: larger layers are computed in tiles to fit "
                            "it, with the same result; 0 = half of this machine's memory"),
                          nullptr);
  g_signal_connect(adjustment, "value-changed", G_CALLBACK(on_memory_changed), &s);
  return spin;
}

GtkWidget* quality_section(DialogState& s) {
  GtkWidget* table = new_table(5);
  GtkWidget* preset = s.summary.preset = preset_combo_new(s.arguments.iterations);
  gtk_widget_set_name(preset, kPresetName);
  gimp_help_set_help_data(preset, _("Sets the effort: the iterations"), nullptr);
  g_signal_connect(preset, "changed", G_CALLBACK(on_preset_changed), &s);
  attach_row(GTK_TABLE(table), 0, _("_Preset:"), preset, s);
  s.size = scale_row(GTK_TABLE(table), 1, kQualityRows[0], s);
  s.iterations = scale_row(GTK_TABLE(table), 2, kQualityRows[1], s);
  attach_row(GTK_TABLE(table), 3, _("M_emory budget (GB):"), memory_spin(s), s);
  attach_row(GTK_TABLE(table), 4, _("Ran_dom seed:"), seed_widget(s), s);
  return framed(_("Quality"), table);
}

// --- Estimate and network ----------------------------------------------------------

GtkWidget* value_label(const char* name) {
  GtkWidget* label = gtk_label_new("");
  gtk_misc_set_alignment(GTK_MISC(label), 0.0, 0.5);
  gtk_widget_set_name(label, name);
  return label;
}

GtkWidget* estimate_section(DialogState& s) {
  GtkWidget* table = new_table(2);
  s.summary.time = value_label(kTimeName);
  attach_row(GTK_TABLE(table), 0, _("Time:"), s.summary.time, s);
  s.summary.memory = value_label(kMemoryName);
  attach_row(GTK_TABLE(table), 1, _("Memory:"), s.summary.memory, s);
  // TRANSLATORS: frame title: what a run with these settings will cost.
  return framed(_("Estimate"), table);
}

// Which network a run uses; a weights file that cannot be used keeps OK off.
GtkWidget* network_hint(DialogState& s) {
  const NetworkNote note = network_note();
  s.summary.network_problem = note.problem;
  return network_hint_new(note);
}

// Why OK cannot start a run, shown only then.
GtkWidget* problem_row(DialogState& s) {
  GtkWidget* row = s.summary.problem_row = gtk_hbox_new(FALSE, 12);
  gtk_box_pack_start(GTK_BOX(row),
                     gtk_image_new_from_icon_name(GIMP_ICON_DIALOG_WARNING, GTK_ICON_SIZE_BUTTON),
                     FALSE, FALSE, 0);
  GtkWidget* label = s.summary.problem = value_label(kProblemName);
  gtk_label_set_line_wrap(GTK_LABEL(label), TRUE);
  gtk_widget_set_size_request(label, 400, -1);
  gtk_box_pack_start(GTK_BOX(row), label, TRUE, TRUE, 0);
  return row;
}

// --- The dialog --------------------------------------------------------------------

void reset(DialogState& s) {
  const Arguments defaults;
  for (GtkObject* adjustment : s.scales) {
    const auto* spec =
        static_cast<const ArgumentSpec*>(g_object_get_data(G_OBJECT(adjustment), "argument"));
    gtk_adjustment_set_value(GTK_ADJUSTMENT(adjustment), plugin::argument_value(defaults, *spec));
  }
  gimp_int_combo_box_set_active(GIMP_INT_COMBO_BOX(s.style2), defaults.style2_drawable);
  gtk_toggle_button_set_active(GTK_TOGGLE_BUTTON(s.preserve_colors), defaults.preserve_colors != 0);
  gtk_toggle_button_set_active(GTK_TOGGLE_BUTTON(GIMP_RANDOM_SEED_TOGGLE(s.seed)),
                               defaults.seed < 0);
}

void on_response(GtkWidget*, gint response, gpointer state) {
  if (response == kResponseReset) reset(*static_cast<DialogState*>(state));
}

void on_destroy(GtkWidget* dialog, gpointer state) {
  auto* s = static_cast<DialogState*>(state);
  g_signal_handlers_disconnect_by_func(dialog, reinterpret_cast<gpointer>(on_destroy), state);
  if (s->timer) g_source_remove(s->timer);
  delete s;
}

GtkWidget* new_dialog(bool frames) {
  GtkWidget* dialog = gimp_dialog_new(
      frames ? _("Neural Style Transfer (Frames)") : _("Neural Style Transfer"),
      "gimp-neural-style", nullptr, GtkDialogFlags(0),
                      show_help, kHelpId, _("R_eset"), kResponseReset, _("_Cancel"),
                      GTK_RESPONSE_CANCEL, _("_OK"), GTK_RESPONSE_OK, nullptr);
  gtk_dialog_set_alternative_button_order(GTK_DIALOG(dialog), kResponseReset, GTK_RESPONSE_OK,
                                          GTK_RESPONSE_CANCEL, -1);
  gtk_dialog_set_default_response(GTK_DIALOG(dialog), GTK_RESPONSE_OK);
  gimp_window_set_transient(GTK_WINDOW(dialog));
  return dialog;
}

void pack(GtkWidget* vbox, GtkWidget* child) {
  gtk_box_pack_start(GTK_BOX(vbox), child, FALSE, FALSE, 0);
}

}  // namespace

GtkWidget* settings_dialog_new(gint32 image, gint32 drawable, bool frames, Arguments& arguments,
                               const Calibration& calibration) {
  auto* s = new DialogState(image, drawable, frames, arguments, calibration);
  GtkWidget* dialog = s->summary.dialog = new_dialog(frames);
  s->summary.frames = frames;
  g_signal_connect(dialog, "destroy", G_CALLBACK(on_destroy), s);
  g_signal_connect(dialog, "response", G_CALLBACK(on_response), s);
  GtkWidget* vbox = gtk_vbox_new(FALSE, 12);
  gtk_container_set_border_width(GTK_CONTAINER(vbox), 12);
  gtk_box_pack_start(GTK_BOX(gtk_dialog_get_content_area(GTK_DIALOG(dialog))), vbox, TRUE, TRUE,
                     0);
  s->labels = gtk_size_group_new(GTK_SIZE_GROUP_HORIZONTAL);
  pack(vbox, style_section(*s));
  pack(vbox, look_section(*s));
  pack(vbox, quality_section(*s));
  pack(vbox, estimate_section(*s));
  g_object_unref(s->labels);
  s->labels = nullptr;
  pack(vbox, network_hint(*s));
  pack(vbox, problem_row(*s));
  gtk_widget_show_all(vbox);
  refresh(*s);
  s->timer = g_timeout_add(kRefreshMilliseconds, refresh_periodically, s);
  return dialog;
}

bool run_dialog(gint32 image, gint32 drawable, bool frames, Arguments& arguments,
                const Calibration& calibration) {
  gimp_ui_init("neural-style", FALSE);
  GtkWidget* dialog = settings_dialog_new(image, drawable, frames, arguments, calibration);
  gtk_widget_show(dialog);
  gint response = GTK_RESPONSE_NONE;
  do {
    response = gimp_dialog_run(GIMP_DIALOG(dialog));
  } while (response == kResponseReset);  // the dialog resets itself and stays
  gtk_widget_destroy(dialog);
  return response == GTK_RESPONSE_OK;
}

}  // namespace neural_style::ui

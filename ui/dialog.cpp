#include "dialog.h"

#include <glib/gi18n-lib.h>
#include <libgimp/gimpui.h>

namespace neural_style::ui {
namespace {

using plugin::Arguments;
using plugin::kNoLayer;

constexpr int kScaleWidth = 200;
constexpr int kSpinWidth = 6;

gboolean is_usable_style(gint32 /*image*/, gint32 item, gpointer /*data*/) {
  return !gimp_item_is_group(item);
}

bool is_usable_layer(gint32 item) {
  return gimp_item_is_valid(item) && gimp_item_is_layer(item) && !gimp_item_is_group(item);
}

// The last style layer while it exists; otherwise another layer of the image, since a
// layer is rarely its own style; failing that, none (the combo then offers its first).
gint32 initial_style(gint32 image, gint32 drawable, gint32 last) {
  if (last != kNoLayer && is_usable_layer(last)) return last;
  gint count = 0;
  gint* layers = gimp_image_get_layers(image, &count);
  gint32 style = kNoLayer;
  for (gint i = 0; i < count && style == kNoLayer; ++i)
    if (layers[i] != drawable && is_usable_layer(layers[i])) style = layers[i];
  g_free(layers);
  return style;
}

void on_style_changed(GtkWidget* combo, gpointer style_drawable) {
  gint value = kNoLayer;
  if (gimp_int_combo_box_get_active(GIMP_INT_COMBO_BOX(combo), &value))
    *static_cast<std::int32_t*>(style_drawable) = value;
}

GtkWidget* style_combo(gint32 image, gint32 drawable, Arguments& arguments) {
  GtkWidget* combo = gimp_layer_combo_box_new(is_usable_style, nullptr);
  gimp_int_combo_box_connect(GIMP_INT_COMBO_BOX(combo),
                             initial_style(image, drawable, arguments.style_drawable),
                             G_CALLBACK(on_style_changed), &arguments.style_drawable);
  if (gtk_combo_box_get_active(GTK_COMBO_BOX(combo)) < 0)
    gtk_combo_box_set_active(GTK_COMBO_BOX(combo), 0);
  return combo;
}

void add_settings(GtkTable* table, Arguments& arguments) {
  GtkObject* weight = gimp_scale_entry_new(
      table, 0, 1, _("Style _weight:"), kScaleWidth, kSpinWidth, arguments.style_weight, 0.1,
      1000, 1, 10, 3, FALSE, plugin::kMinStyleWeight, kMaxWeight,
      _("How strongly the style shows; the content weight is 1"), nullptr);
  gimp_scale_entry_set_logarithmic(weight, TRUE);
  g_signal_connect(weight, "value-changed", G_CALLBACK(gimp_double_adjustment_update),
                   &arguments.style_weight);
  GtkObject* size = gimp_scale_entry_new(
      table, 0, 2, _("Working _size:"), kScaleWidth, kSpinWidth, arguments.size, 0, 2048, 16,
      128, 0, FALSE, 0, kMaxSize,
      _("Longest side in pixels the style is computed at, 0 = the layer's own; larger is "
        "slower and needs more memory"),
      nullptr);
  g_signal_connect(size, "value-changed", G_CALLBACK(gimp_int_adjustment_update),
                   &arguments.size);
  GtkObject* iterations = gimp_scale_entry_new(
      table, 0, 3, _("_Iterations:"), kScaleWidth, kSpinWidth, arguments.iterations, 1, 1000,
      10, 100, 0, FALSE, 1, kMaxIterations, _("More iterations take longer and look better"),
      nullptr);
  g_signal_connect(iterations, "value-changed", G_CALLBACK(gimp_int_adjustment_update),
                   &arguments.iterations);
}

GtkWidget* preserve_colors_button(Arguments& arguments) {
  GtkWidget* button = gtk_check_button_new_with_mnemonic(_("_Keep the content's colours"));
  gtk_toggle_button_set_active(GTK_TOGGLE_BUTTON(button), arguments.preserve_colors != 0);
  g_signal_connect(button, "toggled", G_CALLBACK(gimp_toggle_button_update),
                   &arguments.preserve_colors);
  return button;
}

GtkWidget* new_dialog() {
  GtkWidget* dialog = gimp_dialog_new(
      _("Neural Style Transfer"), "gimp-neural-style", nullptr, GtkDialogFlags(0),
      nullptr, nullptr,  // no help pages to show, so no Help button
      _("_Cancel"), GTK_RESPONSE_CANCEL, _("_OK"), GTK_RESPONSE_OK, nullptr);
  gtk_dialog_set_alternative_button_order(GTK_DIALOG(dialog), GTK_RESPONSE_OK,
                                          GTK_RESPONSE_CANCEL, -1);
  gimp_window_set_transient(GTK_WINDOW(dialog));
  return dialog;
}

}  // namespace

bool run_dialog(gint32 image, gint32 drawable, Arguments& arguments) {
  gimp_ui_init("neural-style", FALSE);
  GtkWidget* dialog = new_dialog();
  GtkWidget* vbox = gtk_vbox_new(FALSE, 12);
  gtk_container_set_border_width(GTK_CONTAINER(vbox), 12);
  gtk_box_pack_start(GTK_BOX(gtk_dialog_get_content_area(GTK_DIALOG(dialog))), vbox, TRUE, TRUE,
                     0);
  GtkWidget* table = gtk_table_new(4, 3, FALSE);
  gtk_table_set_col_spacings(GTK_TABLE(table), 6);
  gtk_table_set_row_spacings(GTK_TABLE(table), 6);
  gimp_table_attach_aligned(GTK_TABLE(table), 0, 0, _("_Style layer:"), 0.0, 0.5,
                            style_combo(image, drawable, arguments), 2, FALSE);
  add_settings(GTK_TABLE(table), arguments);
  gtk_box_pack_start(GTK_BOX(vbox), table, FALSE, FALSE, 0);
  gtk_box_pack_start(GTK_BOX(vbox), preserve_colors_button(arguments), FALSE, FALSE, 0);
  gtk_widget_show_all(dialog);
  const bool ok = gimp_dialog_run(GIMP_DIALOG(dialog)) == GTK_RESPONSE_OK;
  gtk_widget_destroy(dialog);
  return ok;
}

}  // namespace neural_style::ui

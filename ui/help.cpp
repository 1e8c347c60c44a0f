#include "help.h"

#include <glib/gi18n-lib.h>
#include <libgimp/gimp.h>
#include <libgimp/gimpui.h>

#include <string>

#include "gtk_version.h"

namespace neural_style::ui {
namespace {

// One paragraph per part of the dialog, in the order the user meets them.
const char* const kParagraphs[] = {
    N_("Neural style transfer paints the active layer in the style of another layer: a "
       "neural network compares textures and shapes, and the new layer is changed step by "
       "step until its textures match the style and its shapes match the original. The "
       "result is a new layer above the original, limited to the selection if there is one."),
    N_("Style: the layer whose look is taken; it may belong to any open image. A second "
       "style layer is mixed in by the Mix setting: 0 takes only the first style, 1 only "
       "the second."),
    N_("Style strength weighs the style against the content weight: higher values paint "
       "more boldly, lower ones keep more of the original. Smoothness removes noise. Stroke "
       "size scales the style's brush strokes. Keep the content's colours takes only the "
       "style's textures, not its colours."),
    N_("Quality: the style is computed at the layer's own size, in tiles where memory is "
       "short, with the same result. A working size caps it for quicker trials (the result "
       "is then scaled to the layer's size); more iterations refine it further. Both make a "
       "run slower: the estimate below them says how long it will take and how much memory "
       "it needs. The presets set the iterations; the same seed repeats a result exactly."),
    N_("While it runs, the window shows the image as it evolves. Stop and Keep ends early "
       "and keeps the image so far as the new layer; Cancel leaves the image as it was."),
};

// Links a dialog and its help window, both ways.
constexpr const char* kHelpLink = "neural-style-help";

void forget_help(GtkWidget* help, gpointer) {
  if (gpointer dialog = g_object_get_data(G_OBJECT(help), kHelpLink))
    g_object_set_data(G_OBJECT(dialog), kHelpLink, nullptr);
}

GtkWidget* help_text() {
  std::string text;
  for (const char* paragraph : kParagraphs)
    text += std::string(text.empty() ? "" : "\n\n") + _(paragraph);
  GtkWidget* label = gtk_label_new(text.c_str());
  label_wrap_width(label, 480);
  gtk_label_set_selectable(GTK_LABEL(label), TRUE);
  label_align_top_left(label);
  GtkWidget* box = vertical_box_new(0);
  gtk_container_set_border_width(GTK_CONTAINER(box), 12);
  gtk_box_pack_start(GTK_BOX(box), label, TRUE, TRUE, 0);
  return box;
}

}  // namespace

// One help window per dialog: asking again brings it to the front.
void show_help(const gchar* /*help_id*/, gpointer dialog) {
  if (gpointer shown = g_object_get_data(G_OBJECT(dialog), kHelpLink)) {
    gtk_window_present(GTK_WINDOW(shown));
    return;
  }
  GtkWidget* help = gimp_dialog_new(_("Neural Style Transfer Help"), "gimp-neural-style-help",
                                    GTK_WIDGET(dialog), GtkDialogFlags(0), nullptr, nullptr,
                                    _("_Close"), GTK_RESPONSE_CLOSE, nullptr);
  gtk_window_set_destroy_with_parent(GTK_WINDOW(help), TRUE);
  gtk_box_pack_start(GTK_BOX(gtk_dialog_get_content_area(GTK_DIALOG(help))), help_text(), TRUE,
                     TRUE, 0);
  g_object_set_data(G_OBJECT(dialog), kHelpLink, help);
  g_object_set_data(G_OBJECT(help), kHelpLink, dialog);
  g_signal_connect(help, "response", G_CALLBACK(gtk_widget_destroy), nullptr);
  g_signal_connect(help, "destroy", G_CALLBACK(forget_help), nullptr);
  gtk_widget_show_all(help);
}

}  // namespace neural_style::ui

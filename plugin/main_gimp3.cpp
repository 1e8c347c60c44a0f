// The GIMP 3 plug-in: a GimpPlugIn whose procedures take the same arguments as in GIMP
// 2.10 after GIMP 3's run-mode, image and selected drawables. plug-in-neural-style gives
// each selected layer its own result layer, all in one undo group, and returns them;
// plug-in-neural-style-frames stylises the image's layers as the frames of an animation
// into a new image, and returns it. GIMP keeps the last values in each procedure's config.
#include <gegl.h>
#include <glib/gi18n-lib.h>
#include <libgimp/gimp.h>
#include <libgimp/gimpui.h>

#include <algorithm>
#include <exception>
#include <optional>
#include <string>
#include <vector>

#include "animation.h"
#include "arguments.h"
#include "engine_messages.h"
#include "estimate.h"
#include "failure.h"
#include "i18n.h"
#include "interactive_run.h"
#include "neural_style/error.h"
#include "neural_style/plan.h"
#include "neural_style/process.h"
#include "paintings.h"
#include "procedure_config.h"
#include "procedure_dialog.h"
#include "stylise.h"
#include "text.h"

struct NeuralStylePlugIn {
  GimpPlugIn parent_instance;
};

struct NeuralStylePlugInClass {
  GimpPlugInClass parent_class;
};

G_DEFINE_TYPE(NeuralStylePlugIn, neural_style_plug_in, GIMP_TYPE_PLUG_IN)

namespace {

using namespace neural_style::plugin;

GimpValueArray* failed(GimpProcedure* procedure, GimpPDBStatusType status,
                       const std::string& message) {
  GError* error = message.empty() ? nullptr
                                  : g_error_new_literal(GIMP_PLUG_IN_ERROR, 0, message.c_str());
  return gimp_procedure_new_return_values(procedure, status, error);
}

// A run that threw: GIMP shows the message, and whose fault it was.
GimpValueArray* failed(GimpProcedure* procedure, const std::exception_ptr& error) {
  const Failure failure = failure_of(error);
  return failed(procedure,
                failure.kind() == Failure::Kind::calling ? GIMP_PDB_CALLING_ERROR
                                                         : GIMP_PDB_EXECUTION_ERROR,
                failure.what());
}

GimpValueArray* succeeded(GimpProcedure* procedure, const std::vector<ItemId>& layers) {
  GimpValueArray* values = gimp_procedure_new_return_values(procedure, GIMP_PDB_SUCCESS, nullptr);
  std::vector<GObject*> objects;  // NULL-terminated, as GimpCoreObjectArray is
  for (ItemId layer : layers) objects.push_back(G_OBJECT(gimp_layer_get_by_id(layer)));
  objects.push_back(nullptr);
  GIMP_VALUES_SET_CORE_OBJECT_ARRAY(values, 1, objects.data());
  return values;
}

std::vector<ItemId> ids_of(GimpDrawable** drawables) {
  std::vector<ItemId> ids;
  for (GimpDrawable** d = drawables; d && *d; ++d) ids.push_back(gimp_item_get_id(GIMP_ITEM(*d)));
  if (ids.empty()) throw calling_failure(_("Select at least one layer to stylise."));
  return ids;
}

// The new layers; nothing when the user cancelled the dialog or the run.
std::optional<std::vector<ItemId>> run_in_mode(GimpProcedure* procedure, GimpRunMode mode,
                                               GimpProcedureConfig* config, ImageId image,
                                               const std::vector<ItemId>& drawables) {
  if (mode != GIMP_RUN_INTERACTIVE) {
    Arguments arguments = host::arguments_of(config);
    if (mode == GIMP_RUN_WITH_LAST_VALS) arguments = with_remembered_styles(arguments);
    check_arguments(arguments);
    bool told = random_features_told();
    const auto layers = stylise(image, drawables, arguments, told);
    if (told) remember_random_features_told();
    return layers;
  }
  gimp_ui_init("neural-style");
  restore_styles(config);
  // Kept beyond the dialog, so closing it never waits for the measurement.
  neural_style::ui::Calibration calibration;
  if (!neural_style::ui::run_procedure_dialog(procedure, config, image, drawables.front(), false,
                                              calibration))
    return std::nullopt;
  const Arguments arguments = host::arguments_of(config);
  check_arguments(arguments);
  remember_styles(arguments);
  // The dialog's network line has already said whether the real weights are installed.
  remember_random_features_told();
  return stylise_watched(image, drawables, arguments);
}

// The new image; nothing when the user cancelled the dialog.
std::optional<ImageId> run_frames_in_mode(GimpProcedure* procedure, GimpRunMode mode,
                                          GimpProcedureConfig* config, ImageId image) {
  Arguments arguments = host::arguments_of(config);
  if (mode == GIMP_RUN_WITH_LAST_VALS) arguments = with_remembered_styles(arguments);
  if (mode == GIMP_RUN_INTERACTIVE) {
    gimp_ui_init("neural-style");
    restore_styles(config);
    neural_style::ui::Calibration calibration;
    // The dialog offers as the style a layer other than this one: the first frame.
    const std::vector<ItemId> layers = host::layers(image);
    const ItemId frame = layers.empty() ? kNoLayer : layers.back();
    if (!neural_style::ui::run_procedure_dialog(procedure, config, image, frame, true,
                                                calibration))
      return std::nullopt;
    arguments = host::arguments_of(config);
    check_frames_arguments(arguments);
    remember_styles(arguments);
    // The dialog's network line has already said whether the real weights are installed.
    remember_random_features_told();
    return stylise_frames_watched(image, arguments);
  }
  check_frames_arguments(arguments);
  bool told = random_features_told();
  const ImageId result = stylise_frames(image, arguments, told, mode == GIMP_RUN_WITH_LAST_VALS);
  if (told) remember_random_features_told();
  return result;
}

GimpValueArray* run_frames_procedure(GimpProcedure* procedure, GimpRunMode mode,
                                     GimpImage* image, GimpDrawable**,
                                     GimpProcedureConfig* config, gpointer) {
  init_i18n();
  gegl_init(nullptr, nullptr);
  try {
    const std::optional<ImageId> result =
        run_frames_in_mode(procedure, mode, config, gimp_image_get_id(image));
    if (!result) return failed(procedure, GIMP_PDB_CANCEL, "");
    if (mode != GIMP_RUN_NONINTERACTIVE) gimp_displays_flush();
    GimpValueArray* values =
        gimp_procedure_new_return_values(procedure, GIMP_PDB_SUCCESS, nullptr);
    GIMP_VALUES_SET_IMAGE(values, 1, gimp_image_get_by_id(*result));
    return values;
  } catch (...) {
    return failed(procedure, std::current_exception());
  }
}

GimpValueArray* run(GimpProcedure* procedure, GimpRunMode mode, GimpImage* image,
                    GimpDrawable** drawables, GimpProcedureConfig* config, gpointer) {
  init_i18n();
  gegl_init(nullptr, nullptr);
  try {
    const std::optional<std::vector<ItemId>> layers =
        run_in_mode(procedure, mode, config, gimp_image_get_id(image), ids_of(drawables));
    if (!layers) return failed(procedure, GIMP_PDB_CANCEL, "");
    if (mode != GIMP_RUN_NONINTERACTIVE) gimp_displays_flush();
    return succeeded(procedure, *layers);
  } catch (...) {
    return failed(procedure, std::current_exception());
  }
}

// GIMP checks the range itself; special values below it (size 0, seed -1) widen it, and
// check_arguments refuses the gap between them and the range.
void add_argument(GimpProcedure* procedure, const ArgumentSpec& spec) {
  const std::string blurb = describe_argument(spec);
  const double value = argument_value(Arguments{}, spec);
  const double min = spec.has_special ? std::min(spec.min, spec.special) : spec.min;
  const char* label = _(spec.label);
  const auto flags = G_PARAM_READWRITE;
  switch (spec.type) {
    case ArgumentType::drawable:
      // The style layer may be left out for a built-in painting; check_arguments asks for
      // it otherwise.
      gimp_procedure_add_drawable_argument(procedure, spec.name, label, blurb.c_str(),
                                           spec.has_special || is_first_style(spec), flags);
      break;
    case ArgumentType::int32:
      gimp_procedure_add_int_argument(procedure, spec.name, label, blurb.c_str(), gint(min),
                                      gint(spec.max), gint(value), flags);
      break;
    case ArgumentType::float64:
      gimp_procedure_add_double_argument(procedure, spec.name, label, blurb.c_str(), min,
                                         spec.max, value, flags);
      break;
    case ArgumentType::boolean:
      gimp_procedure_add_boolean_argument(procedure, spec.name, label, blurb.c_str(), value != 0,
                                          flags);
      break;
  }
}

// An optional argument after GIMP 2.10's: Script-Fu passes it by name
// (#:builtin-style "starry-night"), the dialog shows it as a combo.
void add_painting_argument(GimpProcedure* procedure) {
  GimpChoice* choice = gimp_choice_new();
  gimp_choice_add(choice, kNoPaintingChoice, kNoPainting, _("None"), "");
  for (std::size_t i = 0; i < kPaintings.size(); ++i)
    gimp_choice_add(choice, kPaintings[i].id, gint(i), _(kPaintings[i].name), "");
  gimp_procedure_add_choice_argument(
      procedure, kPaintingArgument, _("_Built-in painting:"),
      "A painting that ships with the plug-in as the style, instead of style-drawable",
      choice, kNoPaintingChoice, G_PARAM_READWRITE);
}

// Another optional argument after GIMP 2.10's (#:memory 6).
void add_memory_argument(GimpProcedure* procedure) {
  const std::string blurb =
      "Memory budget in gigabytes: larger layers are computed in tiles to fit it, with the "
      "same result. Range: 0 to " + neural_style::number_text(neural_style::kMaxMemory) +
      "; default: 0 = " + neural_style::number_text(100 * neural_style::kDefaultMemoryShare) +
      "% of this machine's memory.";
  gimp_procedure_add_double_argument(procedure, kMemoryArgument, _("M_emory budget (GB):"),
                                     blurb.c_str(), 0, neural_style::kMaxMemory, 0,
                                     G_PARAM_READWRITE);
}

GList* query_procedures(GimpPlugIn*) {
  return g_list_append(g_list_append(nullptr, g_strdup(kProcedureName)),
                       g_strdup(kFramesProcedureName));
}

// The arguments both procedures share, in GIMP 2.10's order, then GIMP 3's own.
void add_arguments(GimpProcedure* procedure) {
  for (const ArgumentSpec& spec : kArgumentSpecs) add_argument(procedure, spec);
  add_painting_argument(procedure);
  add_memory_argument(procedure);
}

GimpProcedure* create_frames_procedure(GimpPlugIn* plug_in, const gchar* name) {
  GimpProcedure* procedure = gimp_image_procedure_new(plug_in, name, GIMP_PDB_PROC_TYPE_PLUGIN,
                                                      run_frames_procedure, nullptr, nullptr);
  gimp_procedure_set_image_types(procedure, "RGB*, GRAY*");
  // The frames are the image's layers, whichever are selected.
  gimp_procedure_set_sensitivity_mask(
      procedure, GIMP_PROCEDURE_SENSITIVE_DRAWABLE | GIMP_PROCEDURE_SENSITIVE_DRAWABLES |
                     GIMP_PROCEDURE_SENSITIVE_NO_DRAWABLES);
  gimp_procedure_set_menu_label(procedure, _("Neural Style Transfer (Frames)…"));
  gimp_procedure_add_menu_path(procedure, "<Image>/Filters/Animation");
  gimp_procedure_set_documentation(
      procedure, _("Paint every frame of an animation in the style of a layer"),
      "Neural style transfer for animations: the image's top-level layers are the frames "
      "(the bottom one first, (combine) frames drawn over the frame before, as Filters > "
      "Animation > Unoptimize does). Each frame is stylised, after the first starting from "
      "the previous result so that the strokes do not flicker. The result is a new image "
      "with a layer per frame, named as the frames; the image itself is left as it is.",
      name);
  gimp_procedure_set_attribution(procedure, "The gimp-neural-style authors",
                                 "The gimp-neural-style authors", "2026");
  add_arguments(procedure);
  add_argument(procedure, kTemporalWeightSpec);
  gimp_procedure_add_image_return_value(procedure, "new-image", "New image",
                                        "The new image, a stylised layer per frame", FALSE,
                                        G_PARAM_READWRITE);
  return procedure;
}

GimpProcedure* create_procedure(GimpPlugIn* plug_in, const gchar* name) {
  init_i18n();
  if (g_strcmp0(name, kFramesProcedureName) == 0) return create_frames_procedure(plug_in, name);
  if (g_strcmp0(name, kProcedureName) != 0) return nullptr;
  GimpProcedure* procedure =
      gimp_image_procedure_new(plug_in, name, GIMP_PDB_PROC_TYPE_PLUGIN, run, nullptr, nullptr);
  gimp_procedure_set_image_types(procedure, "RGB*, GRAY*");
  gimp_procedure_set_sensitivity_mask(
      procedure, GIMP_PROCEDURE_SENSITIVE_DRAWABLE | GIMP_PROCEDURE_SENSITIVE_DRAWABLES);
  gimp_procedure_set_menu_label(procedure, _("Neural Style _Transfer…"));
  gimp_procedure_add_menu_path(procedure, "<Image>/Filters/Artistic");
  gimp_procedure_set_documentation(
      procedure, _("Paint a layer in the style of another with a neural network"),
      "Neural style transfer (Gatys et al.): optimises a new layer so that a VGG-19 network "
      "sees the content layer's structure in it and the style layer's textures. Each selected "
      "layer gets a new layer above it, limited to the selection if there is one, all in one "
      "undo step; its settings are attached as the parasite 'neural-style-settings'.",
      name);
  gimp_procedure_set_attribution(procedure, "The gimp-neural-style authors",
                                 "The gimp-neural-style authors", "2024");
  add_arguments(procedure);
  gimp_procedure_add_core_object_array_return_value(
      procedure, "layers", "Layers",
      "The new layers, each directly above its content layer, in the order of the drawables",
      GIMP_TYPE_LAYER, G_PARAM_READWRITE);
  return procedure;
}

// Translations are bound by init_i18n (catalogues beside the plug-in or in the install
// prefix); GIMP 3's own scheme would only look beside the plug-in.
gboolean set_i18n(GimpPlugIn*, const gchar*, gchar**, gchar**) { return FALSE; }

}  // namespace

static void neural_style_plug_in_class_init(NeuralStylePlugInClass* klass) {
  GimpPlugInClass* plug_in_class = GIMP_PLUG_IN_CLASS(klass);
  plug_in_class->query_procedures = query_procedures;
  plug_in_class->create_procedure = create_procedure;
  plug_in_class->set_i18n = set_i18n;
}

static void neural_style_plug_in_init(NeuralStylePlugIn*) {}

int main(int argc, char* argv[]) {
  // Before anything loads OpenMP; GIMP's pipes are plain inherited descriptors and survive.
  neural_style::sleep_idle_openmp_threads(argv);
  return gimp_main(neural_style_plug_in_get_type(), argc, argv);
}

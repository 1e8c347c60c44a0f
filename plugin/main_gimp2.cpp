// The GIMP 2.10 plug-in: registers plug-in-neural-style and plug-in-neural-style-frames in
// the PDB and the Filters menu, settles their arguments for the run mode (dialog,
// arguments or last values), runs them (watched in a window when interactive) and
// answers GIMP with the new layer or image, or a message.
#include <gegl.h>
#include <glib/gi18n-lib.h>
#include <libgimp/gimp.h>

#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include "animation.h"
#include "arguments.h"
#include "dialog.h"
#include "engine_messages.h"
#include "failure.h"
#include "host.h"
#include "i18n.h"
#include "interactive_run.h"
#include "neural_style/process.h"
#include "progress.h"
#include "stylise.h"
#include "text.h"

namespace {

using namespace neural_style::plugin;

// What GIMP keeps for the plug-in between runs of one session (host::session_value):
// each procedure's last arguments (raw bytes), for Repeat and the dialog, and whether the
// user has been told about the built-in network yet, once whichever procedure told.
struct SavedState {
  Arguments arguments;
  bool random_features_told = false;
};

// What run() hands back to GIMP.
struct Reply {
  GimpPDBStatusType status = GIMP_PDB_SUCCESS;
  gint32 result = -1;  // the new layer, or the new image for frames
  std::string message;
  bool remember = false;  // the arguments were valid: keep them as the last values
};

GimpPDBArgType pdb_type(ArgumentType type) {
  switch (type) {
    case ArgumentType::drawable: return GIMP_PDB_DRAWABLE;
    case ArgumentType::int32:
    case ArgumentType::boolean: return GIMP_PDB_INT32;
    case ArgumentType::float64: return GIMP_PDB_FLOAT;
  }
  return GIMP_PDB_INT32;
}

// GimpParamDef predates const: its strings are only read.
GimpParamDef param_def(GimpPDBArgType type, const char* name, const char* description) {
  return {type, const_cast<gchar*>(name), const_cast<gchar*>(description)};
}

// run-mode, image, drawable (described by `drawable`), then the table; `descriptions`
// holds the strings the definitions point to.
std::vector<GimpParamDef> param_defs(const char* drawable, std::vector<std::string>& descriptions) {
  descriptions.clear();
  for (const ArgumentSpec& spec : kArgumentSpecs) descriptions.push_back(describe_argument(spec));
  descriptions.push_back(describe_argument(kTemporalWeightSpec));
  std::vector<GimpParamDef> params = {
      param_def(GIMP_PDB_INT32, "run-mode",
                "The run mode { RUN-INTERACTIVE (0), RUN-NONINTERACTIVE (1), "
                "RUN-WITH-LAST-VALS (2) }"),
      param_def(GIMP_PDB_IMAGE, "image", "The image"),
      param_def(GIMP_PDB_DRAWABLE, "drawable", drawable),
  };
  for (std::size_t i = 0; i < kArgumentSpecs.size(); ++i)
    params.push_back(param_def(pdb_type(kArgumentSpecs[i].type), kArgumentSpecs[i].name,
                               descriptions[i].c_str()));
  return params;
}

void install_layer_procedure() {
  std::vector<std::string> descriptions;
  const std::vector<GimpParamDef> params =
      param_defs("The content layer (the active one)", descriptions);
  const GimpParamDef returns[] = {
      param_def(GIMP_PDB_LAYER, "layer", "The new layer, directly above the content layer")};
  gimp_install_procedure(
      kProcedureName, N_("Paint a layer in the style of another with a neural network"),
      "Neural style transfer (Gatys et al.): optimises a new layer so that a VGG-19 network "
      "sees the content layer's structure in it and the style layer's textures. The result "
      "is a new layer above the content layer, limited to the selection if there is one; "
      "its settings are attached as the parasite 'neural-style-settings'.",
      "The gimp-neural-style authors", "The gimp-neural-style authors", "2024",
      N_("Neural Style _Transfer…"), "RGB*, GRAY*", GIMP_PLUGIN, static_cast<gint>(params.size()),
      G_N_ELEMENTS(returns), params.data(), returns);
  gimp_plugin_menu_register(kProcedureName, "<Image>/Filters/Artistic");
}

void install_frames_procedure() {
  std::vector<std::string> descriptions;
  std::vector<GimpParamDef> params =
      param_defs("Any frame (the frames are the image's layers)", descriptions);
  params.push_back(param_def(GIMP_PDB_FLOAT, kTemporalWeightSpec.name,
                             descriptions.back().c_str()));
  const GimpParamDef returns[] = {
      param_def(GIMP_PDB_IMAGE, "new-image", "The new image, a stylised layer per frame")};
  gimp_install_procedure(
      kFramesProcedureName, N_("Paint every frame of an animation in the style of a layer"),
      "Neural style transfer for animations: the image's top-level layers are the frames "
      "(the bottom one first, (combine) frames drawn over the frame before, as Filters > "
      "Animation > Unoptimize does). Each frame is stylised, after the first starting from "
      "the previous result so that the strokes do not flicker. The result is a new image "
      "with a layer per frame, named as the frames; the image itself is left as it is.",
      "The gimp-neural-style authors", "The gimp-neural-style authors", "2026",
      N_("Neural Style Transfer (Frames)…"), "RGB*, GRAY*", GIMP_PLUGIN,
      static_cast<gint>(params.size()), G_N_ELEMENTS(returns), params.data(), returns);
  gimp_plugin_menu_register(kFramesProcedureName, "<Image>/Filters/Animation");
}

void query() {
  init_i18n();
  // GIMP translates the menu label and the blurb with the plug-in's own catalogues.
  gimp_plugin_domain_register(GETTEXT_PACKAGE, locale_dir().c_str());
  install_layer_procedure();
  install_frames_procedure();
}

double param_value(const GimpParam& param, ArgumentType type) {
  switch (type) {
    case ArgumentType::drawable: return param.data.d_drawable;
    case ArgumentType::int32:
    case ArgumentType::boolean: return param.data.d_int32;
    case ArgumentType::float64: return param.data.d_float;
  }
  return 0;
}

// Non-interactive calls pass every argument; more may follow ours, none may be missing.
// They have no built-in painting: a script loads the painting's file as a layer.
void read_arguments(const char* procedure, gint nparams, const GimpParam* params,
                    Arguments& arguments) {
  const bool frames = g_strcmp0(procedure, kFramesProcedureName) == 0;
  const int needed = frames ? kFramesArgumentCount : kArgumentCount;
  if (nparams < needed)
    throw calling_failure(printf_text(_("%s needs %d arguments, but was given %d."), procedure,
                                      needed, nparams));
  arguments.painting = kNoPainting;
  for (std::size_t i = 0; i < kArgumentSpecs.size(); ++i)
    set_argument_value(arguments, kArgumentSpecs[i],
                       param_value(params[3 + i], kArgumentSpecs[i].type));
  if (frames)
    set_argument_value(arguments, kTemporalWeightSpec,
                       param_value(params[kArgumentCount], kTemporalWeightSpec.type));
}

// Fills `arguments` as the run mode says; false when the user cancels the dialog.
// Menu, Repeat and Re-show pass only run-mode, image and drawable. The dialog's estimate
// measures this machine's speed on a worker thread: `calibration` keeps it beyond the
// dialog, so that closing the dialog never waits for the measurement.
bool settle_arguments(const char* procedure, GimpRunMode mode, gint32 image, gint32 drawable,
                      gint nparams, const GimpParam* params, Arguments& arguments,
                      std::optional<neural_style::ui::Calibration>& calibration) {
  switch (mode) {
    case GIMP_RUN_INTERACTIVE:
      calibration.emplace();
      return neural_style::ui::run_dialog(image, drawable,
                                          g_strcmp0(procedure, kFramesProcedureName) == 0,
                                          arguments, *calibration);
    case GIMP_RUN_NONINTERACTIVE:
      read_arguments(procedure, nparams, params, arguments);
      return true;
    case GIMP_RUN_WITH_LAST_VALS: return true;
  }
  throw calling_failure(printf_text(_("Unknown run mode %d."), static_cast<int>(mode)));
}

// The new layer (or image for frames); nothing when the user cancelled an interactive run.
std::optional<gint32> stylise_in_mode(const char* procedure, GimpRunMode mode, gint32 image,
                                      gint32 drawable, SavedState& state) {
  if (g_strcmp0(procedure, kFramesProcedureName) == 0) {
    if (mode != GIMP_RUN_INTERACTIVE)
      return stylise_frames(image, state.arguments, state.random_features_told,
                            mode == GIMP_RUN_WITH_LAST_VALS);
    state.random_features_told = true;
    return stylise_frames_watched(image, state.arguments);
  }
  std::optional<std::vector<ItemId>> layers;
  if (mode == GIMP_RUN_INTERACTIVE) {
    // The dialog's network line has already said whether the real weights are installed.
    state.random_features_told = true;
    layers = stylise_watched(image, {drawable}, state.arguments);
  } else {
    layers = stylise(image, {drawable}, state.arguments, state.random_features_told);
  }
  if (!layers) return std::nullopt;
  return layers->front();
}

Reply failed(GimpPDBStatusType status, const std::string& message, bool remember) {
  Reply reply;
  reply.status = status;
  reply.message = message;
  reply.remember = remember;
  return reply;
}

Reply run_procedure(const char* procedure, gint nparams, const GimpParam* params,
                    SavedState& state) {
  const auto mode = static_cast<GimpRunMode>(params[0].data.d_int32);
  const gint32 image = params[1].data.d_image, drawable = params[2].data.d_drawable;
  bool valid = false;
  std::optional<neural_style::ui::Calibration> calibration;
  try {
    if (!settle_arguments(procedure, mode, image, drawable, nparams, params, state.arguments,
                          calibration))
      return failed(GIMP_PDB_CANCEL, "", false);
    // temporal-weight keeps its valid default for plug-in-neural-style.
    check_frames_arguments(state.arguments);
    valid = true;  // remembered even if the run fails, to be corrected in the dialog
    const std::optional<gint32> result = stylise_in_mode(procedure, mode, image, drawable, state);
    if (!result) return failed(GIMP_PDB_CANCEL, "", true);
    Reply reply;
    reply.result = *result;
    reply.remember = true;
    if (mode != GIMP_RUN_NONINTERACTIVE) gimp_displays_flush();
    return reply;
  } catch (...) {
    const Failure failure = failure_of(std::current_exception());
    return failed(failure.kind() == Failure::Kind::calling ? GIMP_PDB_CALLING_ERROR
                                                           : GIMP_PDB_EXECUTION_ERROR,
                  failure.what(), valid);
  }
}

SavedState load_state(const char* procedure) {
  SavedState state;
  Arguments& last = state.arguments;
  const std::optional<std::string> bytes = host::session_value(procedure);
  if (bytes && bytes->size() == sizeof last) std::memcpy(&last, bytes->data(), sizeof last);
  state.random_features_told = host::session_value(kRandomFeaturesToldKey).has_value();
  return state;
}

void save_state(const char* procedure, const SavedState& state) {
  const Arguments& last = state.arguments;
  host::set_session_value(procedure,
                          std::string(reinterpret_cast<const char*>(&last), sizeof last));
  if (state.random_features_told) host::set_session_value(kRandomFeaturesToldKey, "1");
}

void run(const gchar* name, gint nparams, const GimpParam* params, gint* nreturn_vals,
         GimpParam** return_vals) {
  // GIMP reads the reply after run() returns.
  static GimpParam values[2];
  static std::string message;
  init_i18n();
  gegl_init(nullptr, nullptr);
  SavedState state = load_state(name);
  const Reply reply = run_procedure(name, nparams, params, state);
  if (reply.remember) save_state(name, state);
  values[0].type = GIMP_PDB_STATUS;
  values[0].data.d_status = reply.status;
  *nreturn_vals = 1;
  *return_vals = values;
  if (reply.status == GIMP_PDB_SUCCESS) {
    const bool frames = g_strcmp0(name, kFramesProcedureName) == 0;
    values[1].type = frames ? GIMP_PDB_IMAGE : GIMP_PDB_LAYER;
    values[1].data.d_int32 = reply.result;
    *nreturn_vals = 2;
  } else if (!reply.message.empty()) {
    message = reply.message;
    values[1].type = GIMP_PDB_STRING;
    values[1].data.d_string = const_cast<gchar*>(message.c_str());
    *nreturn_vals = 2;
  }
}

const GimpPlugInInfo kPlugInInfo = {nullptr, nullptr, query, run};

}  // namespace

int main(int argc, char* argv[]) {
  // Before anything loads OpenMP; GIMP's pipes are plain inherited descriptors and survive.
  neural_style::sleep_idle_openmp_threads(argv);
  return gimp_main(&kPlugInInfo, argc, argv);
}

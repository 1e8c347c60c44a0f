// The GIMP 2.10 plug-in: registers plug-in-neural-style in the PDB and the Filters menu,
// settles its arguments for the run mode (dialog, arguments or last values), runs it
// (watched in a window when interactive) and answers GIMP with the new layer or a message.
#include <gegl.h>
#include <glib/gi18n-lib.h>
#include <libgimp/gimp.h>

#include <cstring>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "arguments.h"
#include "dialog.h"
#include "engine_messages.h"
#include "failure.h"
#include "host.h"
#include "i18n.h"
#include "neural_style/process.h"
#include "progress.h"
#include "run_window.h"
#include "stylise.h"
#include "text.h"

namespace {

using namespace neural_style::plugin;

// What GIMP keeps for the plug-in between runs of one session (host::session_value,
// raw bytes): the last arguments, for Repeat and the dialog, and whether the user has
// been told about the built-in network yet.
struct SavedState {
  Arguments arguments;
  bool random_features_told = false;
};
static_assert(std::is_trivially_copyable_v<SavedState>);

// What run() hands back to GIMP.
struct Reply {
  GimpPDBStatusType status = GIMP_PDB_SUCCESS;
  gint32 layer = -1;
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

void query() {
  init_i18n();
  // GIMP translates the menu label and the blurb with the plug-in's own catalogues.
  gimp_plugin_domain_register(GETTEXT_PACKAGE, locale_dir().c_str());
  std::vector<std::string> descriptions;
  for (const ArgumentSpec& spec : kArgumentSpecs) descriptions.push_back(describe_argument(spec));
  std::vector<GimpParamDef> params = {
      param_def(GIMP_PDB_INT32, "run-mode",
                "The run mode { RUN-INTERACTIVE (0), RUN-NONINTERACTIVE (1), "
                "RUN-WITH-LAST-VALS (2) }"),
      param_def(GIMP_PDB_IMAGE, "image", "The image"),
      param_def(GIMP_PDB_DRAWABLE, "drawable", "The content layer (the active one)"),
  };
  for (std::size_t i = 0; i < kArgumentSpecs.size(); ++i)
    params.push_back(param_def(pdb_type(kArgumentSpecs[i].type), kArgumentSpecs[i].name,
                               descriptions[i].c_str()));
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
void read_arguments(gint nparams, const GimpParam* params, Arguments& arguments) {
  if (nparams < kArgumentCount)
    throw calling_failure(printf_text(_("%s needs %d arguments, but was given %d."),
                                      kProcedureName, kArgumentCount, nparams));
  arguments.painting = kNoPainting;
  for (std::size_t i = 0; i < kArgumentSpecs.size(); ++i)
    set_argument_value(arguments, kArgumentSpecs[i],
                       param_value(params[3 + i], kArgumentSpecs[i].type));
}

// Fills `arguments` as the run mode says; false when the user cancels the dialog.
// Menu, Repeat and Re-show pass only run-mode, image and drawable. The dialog's estimate
// measures this machine's speed on a worker thread: `calibration` keeps it beyond the
// dialog, so that closing the dialog never waits for the measurement.
bool settle_arguments(GimpRunMode mode, gint32 image, gint32 drawable, gint nparams,
                      const GimpParam* params, Arguments& arguments,
                      std::optional<neural_style::ui::Calibration>& calibration) {
  switch (mode) {
    case GIMP_RUN_INTERACTIVE:
      calibration.emplace();
      return neural_style::ui::run_dialog(image, drawable, arguments, *calibration);
    case GIMP_RUN_NONINTERACTIVE: read_arguments(nparams, params, arguments); return true;
    case GIMP_RUN_WITH_LAST_VALS: return true;
  }
  throw calling_failure(printf_text(_("Unknown run mode %d."), static_cast<int>(mode)));
}

// The new layer; nothing when the user cancelled an interactive run.
std::optional<gint32> stylise_in_mode(GimpRunMode mode, gint32 image, gint32 drawable,
                                      SavedState& state) {
  std::optional<std::vector<ItemId>> layers;
  if (mode == GIMP_RUN_INTERACTIVE) {
    // The dialog's network line has already said whether the real weights are installed.
    state.random_features_told = true;
    layers = neural_style::ui::stylise_watched(image, {drawable}, state.arguments);
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

Reply run_procedure(gint nparams, const GimpParam* params, SavedState& state) {
  const auto mode = static_cast<GimpRunMode>(params[0].data.d_int32);
  const gint32 image = params[1].data.d_image, drawable = params[2].data.d_drawable;
  bool valid = false;
  std::optional<neural_style::ui::Calibration> calibration;
  try {
    if (!settle_arguments(mode, image, drawable, nparams, params, state.arguments, calibration))
      return failed(GIMP_PDB_CANCEL, "", false);
    check_arguments(state.arguments);
    valid = true;  // remembered even if the run fails, to be corrected in the dialog
    const std::optional<gint32> layer = stylise_in_mode(mode, image, drawable, state);
    if (!layer) return failed(GIMP_PDB_CANCEL, "", true);
    Reply reply;
    reply.layer = *layer;
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

SavedState load_state() {
  SavedState state;
  const std::optional<std::string> bytes = host::session_value(kProcedureName);
  if (bytes && bytes->size() == sizeof state) std::memcpy(&state, bytes->data(), sizeof state);
  return state;
}

void save_state(const SavedState& state) {
  host::set_session_value(kProcedureName,
                          std::string(reinterpret_cast<const char*>(&state), sizeof state));
}

void run(const gchar* /*name*/, gint nparams, const GimpParam* params, gint* nreturn_vals,
         GimpParam** return_vals) {
  // GIMP reads the reply after run() returns.
  static GimpParam values[2];
  static std::string message;
  init_i18n();
  gegl_init(nullptr, nullptr);
  SavedState state = load_state();
  const Reply reply = run_procedure(nparams, params, state);
  if (reply.remember) save_state(state);
  values[0].type = GIMP_PDB_STATUS;
  values[0].data.d_status = reply.status;
  *nreturn_vals = 1;
  *return_vals = values;
  if (reply.status == GIMP_PDB_SUCCESS) {
    values[1].type = GIMP_PDB_LAYER;
    values[1].data.d_layer = reply.layer;
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

// The procedure's own arguments (those after run-mode, image and drawable): their order,
// ranges, defaults and checks. No libgimp here, so that both hosts (GIMP 2.10 and GIMP 3)
// register the same table, and the dialogs share the ranges without linking anything.
#pragma once

#include <array>
#include <cstdint>
#include <limits>
#include <string>
#include <type_traits>

#include "neural_style/frames.h"
#include "neural_style/settings.h"

// Marks a string for translation where it is defined; _() translates it where it is shown.
#ifndef N_
#define N_(String) (String)  // as glib/gi18n-lib.h defines it
#endif

namespace neural_style::plugin {

inline constexpr const char* kProcedureName = "plug-in-neural-style";
// Animation frames: the same arguments, then temporal-weight (frames.h).
inline constexpr const char* kFramesProcedureName = "plug-in-neural-style-frames";
inline constexpr std::int32_t kNoLayer = -1;
inline constexpr std::int32_t kNoPainting = -1;
inline constexpr double kDefaultTemporalWeightArgument = -1;

// What a run is asked to do. Saved with gimp_set_data for Repeat, which copies raw
// bytes: keep it trivially copyable. The member initialisers are the documented defaults.
struct Arguments {
  std::int32_t style_drawable = kNoLayer;
  std::int32_t style2_drawable = kNoLayer;
  double style_mix = 0.5;
  double style_weight = kDefaultStyleWeight;
  double content_weight = 1.0;
  double tv_weight = kDefaultTvWeight;
  std::int32_t size = 0;
  std::int32_t iterations = kDefaultIterations;
  double style_scale = 1.0;
  std::int32_t preserve_colors = 0;
  std::int32_t seed = -1;
  // A built-in painting (index into kPaintings, paintings.h) as the first style, instead of
  // style_drawable. Not in GIMP 2.10's PDB arguments: its dialog sets it, Repeat keeps it.
  std::int32_t painting = kNoPainting;
  // The memory budget in GB, 0 = the engine's default share of the machine's memory. Not
  // in GIMP 2.10's PDB arguments either: its dialog sets it, Repeat keeps it.
  double memory = 0;
  // plug-in-neural-style-frames only: how closely each frame follows the previous one's
  // result; -1 = the engine's default.
  double temporal_weight = kDefaultTemporalWeightArgument;
};
static_assert(std::is_trivially_copyable_v<Arguments>);

// boolean travels as int32 0/1 where the PDB has no booleans (GIMP 2.10).
enum class ArgumentType { drawable, int32, float64, boolean };

// One argument: its values run from min to max, plus an optional `special` value outside
// that range with a meaning of its own (size 0 = the layer's own size, seed -1 = pick one).
// Exactly one of int_field and float_field points at the member it fills.
struct ArgumentSpec {
  const char* name;
  ArgumentType type;
  const char* label;  // the control's label, N_() marked, with a mnemonic
  const char* meaning;
  double min;
  double max;
  bool has_special;
  double special;
  const char* special_meaning;
  std::int32_t Arguments::*int_field;
  double Arguments::*float_field;
};

inline constexpr double kMaxId = std::numeric_limits<std::int32_t>::max();
// The engine only needs style-weight > 0; a floor keeps the documented range closed.
inline constexpr double kMinStyleWeight = 0.001;

// In registration order; the procedure's first three arguments precede them.
inline constexpr std::array<ArgumentSpec, 11> kArgumentSpecs = {{
    {"style-drawable", ArgumentType::drawable, N_("L_ayer:"),
     "The layer whose look is transferred; it may belong to any open image", 1, kMaxId, false,
     0, nullptr, &Arguments::style_drawable, nullptr},
    {"style2-drawable", ArgumentType::drawable, N_("Second la_yer:"),
     "An optional second style layer", 1, kMaxId, true, kNoLayer, "none",
     &Arguments::style2_drawable, nullptr},
    {"style-mix", ArgumentType::float64, N_("Mi_x:"),
     "Share of the second style, ignored without a second style layer", 0, 1, false, 0,
     nullptr, nullptr, &Arguments::style_mix},
    {"style-weight", ArgumentType::float64, N_("Style stren_gth:"), "Strength of the style",
     kMinStyleWeight, kMaxWeight, false, 0, nullptr, nullptr, &Arguments::style_weight},
    {"content-weight", ArgumentType::float64, N_("Content _weight:"),
     "How much of the content's structure to keep", 0, kMaxWeight, false, 0, nullptr, nullptr,
     &Arguments::content_weight},
    {"tv-weight", ArgumentType::float64, N_("S_moothness:"), "Smoothness", 0, kMaxWeight, false,
     0, nullptr, nullptr, &Arguments::tv_weight},
    {"size", ArgumentType::int32, N_("Working si_ze:"),
     "Working size cap: the longest side in pixels the style is computed at, for quick "
     "trials; the result is scaled back to the layer's size",
     kMinSide, kMaxSize, true, 0, "the layer's own size", &Arguments::size, nullptr},
    {"iterations", ArgumentType::int32, N_("_Iterations:"),
     "Optimisation budget: steps over all scales", 1, kMaxIterations, false, 0, nullptr,
     &Arguments::iterations, nullptr},
    {"style-scale", ArgumentType::float64, N_("S_troke size:"),
     "Scale of the style's brush strokes: the style layer's size relative to the working size",
     kMinStyleScale, kMaxStyleScale, false, 0, nullptr, nullptr, &Arguments::style_scale},
    {"preserve-colors", ArgumentType::boolean, N_("_Keep the content's colours"),
     "1 = keep the content's colours, 0 = take the style's", 0, 1, false, 0, nullptr,
     &Arguments::preserve_colors, nullptr},
    {"seed", ArgumentType::int32, N_("Ran_dom seed:"),
     "Seed for the random choices, to reproduce a result", 0, kMaxId, true, -1, "pick one",
     &Arguments::seed, nullptr},
}};

// plug-in-neural-style-frames' last argument, after the table's eleven.
inline constexpr ArgumentSpec kTemporalWeightSpec = {
    "temporal-weight", ArgumentType::float64, N_("_Temporal weight:"),
    "How closely each frame keeps to the previous frame's result where the motion is "
    "known; 0 = every frame on its own",
    0, kMaxTemporalWeight, true, kDefaultTemporalWeightArgument, "the default",
    nullptr, &Arguments::temporal_weight};

// The style layer, which a built-in painting replaces.
inline bool is_first_style(const ArgumentSpec& spec) {
  return spec.int_field == &Arguments::style_drawable;
}

// run-mode, image, drawable, then the table (and temporal-weight for frames).
inline constexpr int kArgumentCount = 3 + static_cast<int>(kArgumentSpecs.size());
inline constexpr int kFramesArgumentCount = kArgumentCount + 1;

double argument_value(const Arguments& arguments, const ArgumentSpec& spec);
void set_argument_value(Arguments& arguments, const ArgumentSpec& spec, double value);

// The PDB description: meaning, range and default, so the Procedure Browser documents it.
std::string describe_argument(const ArgumentSpec& spec);

// Throws a calling Failure naming the first argument out of its range. style-drawable
// need not be a layer when a built-in painting is the style.
void check_arguments(const Arguments& arguments);
// The same, and temporal-weight.
void check_frames_arguments(const Arguments& arguments);

// The temporal weight the engine gets: -1 replaced by its default.
double temporal_weight_to_use(const Arguments& arguments);

// The seed a run uses: the requested one, or a fresh one for -1.
std::int32_t seed_to_use(std::int32_t requested);

// Engine settings for a run; the style layers themselves travel as images.
Settings engine_settings(const Arguments& arguments, std::int32_t seed,
                         const std::string& weights_path);

}  // namespace neural_style::plugin

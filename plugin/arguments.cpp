#include "arguments.h"

#include <glib/gi18n-lib.h>

#include <cmath>
#include <cstdlib>
#include <locale>
#include <random>
#include <sstream>

#include "failure.h"
#include "neural_style/error.h"
#include "text.h"

namespace neural_style::plugin {
namespace {

bool in_range(const ArgumentSpec& spec, double value) {
  return (value >= spec.min && value <= spec.max) || (spec.has_special && value == spec.special);
}

// English only: PDB descriptions are not translated.
std::string range_text(const ArgumentSpec& spec) {
  std::string text = number_text(spec.min) + " to " + number_text(spec.max);
  if (spec.has_special)
    text += ", or " + number_text(spec.special) + " = " + spec.special_meaning;
  return text;
}

// Formats the message for an argument out of its range; translatable as a whole.
std::string range_message(const ArgumentSpec& spec, double value) {
  const std::string min = number_text(spec.min), max = number_text(spec.max);
  const std::string got = number_text(value);
  if (spec.type == ArgumentType::drawable)
    return printf_text(_("%s must be a layer, not %s."), spec.name, got.c_str());
  if (spec.has_special)
    return printf_text(_("%s must be from %s to %s, or %s (it is %s)."), spec.name, min.c_str(),
                       max.c_str(), number_text(spec.special).c_str(), got.c_str());
  return printf_text(_("%s must be from %s to %s (it is %s)."), spec.name, min.c_str(),
                     max.c_str(), got.c_str());
}

void check_argument(const Arguments& arguments, const ArgumentSpec& spec) {
  const double value = argument_value(arguments, spec);
  if (!in_range(spec, value)) throw calling_failure(range_message(spec, value));
}

}  // namespace

double argument_value(const Arguments& arguments, const ArgumentSpec& spec) {
  return spec.int_field ? arguments.*spec.int_field : arguments.*spec.float_field;
}

void set_argument_value(Arguments& arguments, const ArgumentSpec& spec, double value) {
  if (spec.int_field)
    arguments.*spec.int_field = static_cast<std::int32_t>(value);
  else
    arguments.*spec.float_field = value;
}

std::string describe_argument(const ArgumentSpec& spec) {
  const std::string meaning = spec.meaning;
  if (spec.type == ArgumentType::drawable && !spec.has_special) return meaning;
  if (spec.type == ArgumentType::drawable)
    return meaning + ", or " + number_text(spec.special) + " = " + spec.special_meaning;
  const Arguments defaults;
  return meaning + ". Range: " + range_text(spec) + "; default: " +
         number_text(argument_value(defaults, spec)) + ".";
}

void check_arguments(const Arguments& arguments) {
  for (const ArgumentSpec& spec : kArgumentSpecs) {
    if (is_first_style(spec) && arguments.painting != kNoPainting)
      continue;
    check_argument(arguments, spec);
  }
}

void check_frames_arguments(const Arguments& arguments) {
  check_arguments(arguments);
  check_argument(arguments, kTemporalWeightSpec);
}

double temporal_weight_to_use(const Arguments& arguments) {
  return arguments.temporal_weight == kDefaultTemporalWeightArgument ? kDefaultTemporalWeight
                                                                     : arguments.temporal_weight;
}

std::int32_t seed_to_use(std::int32_t requested) {
  if (requested >= 0) return requested;
  std::random_device entropy;
  return std::uniform_int_distribution<std::int32_t>(0, static_cast<std::int32_t>(kMaxId))(entropy);
}

Settings engine_settings(const Arguments& arguments, std::int32_t seed,
                         const std::string& weights_path) {
  Settings settings;
  settings.content_weight = arguments.content_weight;
  settings.style_weight = arguments.style_weight;
  settings.tv_weight = arguments.tv_weight;
  settings.style_mix = arguments.style2_drawable == kNoLayer ? 0.0 : arguments.style_mix;
  settings.style_scale = arguments.style_scale;
  settings.size = arguments.size;
  settings.iterations = arguments.iterations;
  settings.preserve_colors = arguments.preserve_colors != 0;
  settings.seed = static_cast<std::uint64_t>(seed);
  settings.memory = arguments.memory;
  settings.weights_path = weights_path;
  if (const char* text = std::getenv(kConvergenceVariable); text && *text) {
    std::istringstream in(text);
    in.imbue(std::locale::classic());  // GIMP runs plug-ins in the user's locale
    double value = 0;
    // Not a number: NaN, which validate() refuses with the variable's range.
    settings.convergence = in >> value && in.eof() ? value : std::nan("");
  }
  return settings;
}

}  // namespace neural_style::plugin

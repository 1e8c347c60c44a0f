#include "procedure_config.h"

#include <optional>
#include <sstream>
#include <string>

#include "stylise.h"

namespace neural_style::plugin {
namespace {

// The session memory's key (host::session_value) for the last style layers.
constexpr const char* kStylesKey = "neural-style-last-styles";

}  // namespace

void remember_styles(const Arguments& arguments) {
  host::set_session_value(kStylesKey, std::to_string(arguments.style_drawable) + " " +
                                          std::to_string(arguments.style2_drawable));
}

Arguments with_remembered_styles(Arguments arguments) {
  const std::optional<std::string> ids = host::session_value(kStylesKey);
  if (ids && arguments.style_drawable == kNoLayer)
    std::istringstream(*ids) >> arguments.style_drawable >> arguments.style2_drawable;
  return arguments;
}

void restore_styles(GimpProcedureConfig* config) {
  const Arguments arguments = with_remembered_styles(host::arguments_of(config));
  for (const ArgumentSpec& spec : kArgumentSpecs)
    if (spec.type == ArgumentType::drawable)
      host::set_layer_argument(config, spec.name,
                               static_cast<ItemId>(argument_value(arguments, spec)));
}

bool random_features_told() { return host::session_value(kRandomFeaturesToldKey).has_value(); }

void remember_random_features_told() { host::set_session_value(kRandomFeaturesToldKey, "1"); }

}  // namespace neural_style::plugin

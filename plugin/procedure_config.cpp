#include "procedure_config.h"

#include <optional>
#include <sstream>
#include <string>

#include "host.h"

namespace neural_style::plugin {
namespace {

// Keys of the session memory (host::session_value).
constexpr const char* kToldKey = "neural-style-random-features-told";
constexpr const char* kStylesKey = "neural-style-last-styles";

double config_value(GimpProcedureConfig* config, const ArgumentSpec& spec) {
  switch (spec.type) {
    case ArgumentType::drawable: {
      GimpDrawable* drawable = nullptr;
      g_object_get(config, spec.name, &drawable, nullptr);
      const double id = drawable ? gimp_item_get_id(GIMP_ITEM(drawable)) : kNoLayer;
      g_clear_object(&drawable);
      return id;
    }
    case ArgumentType::int32: {
      gint value = 0;
      g_object_get(config, spec.name, &value, nullptr);
      return value;
    }
    case ArgumentType::float64: {
      gdouble value = 0;
      g_object_get(config, spec.name, &value, nullptr);
      return value;
    }
    case ArgumentType::boolean: {
      gboolean value = FALSE;
      g_object_get(config, spec.name, &value, nullptr);
      return value ? 1 : 0;
    }
  }
  return 0;
}

// Sets one argument of `config` from its value in `arguments`.
void set_config_argument(GimpProcedureConfig* config, const ArgumentSpec& spec,
                         const Arguments& arguments) {
  const double value = argument_value(arguments, spec);
  switch (spec.type) {
    case ArgumentType::drawable:
      set_layer_argument(config, spec.name, static_cast<ItemId>(value));
      break;
    case ArgumentType::int32: g_object_set(config, spec.name, gint(value), nullptr); break;
    case ArgumentType::float64: g_object_set(config, spec.name, gdouble(value), nullptr); break;
    case ArgumentType::boolean:
      g_object_set(config, spec.name, gboolean(value != 0), nullptr);
      break;
  }
}

}  // namespace

void set_layer_argument(GimpProcedureConfig* config, const char* name, ItemId layer) {
  g_object_set(config, name, layer == kNoLayer ? nullptr : gimp_drawable_get_by_id(layer),
               nullptr);
}

Arguments arguments_of(GimpProcedureConfig* config) {
  Arguments arguments;
  for (const ArgumentSpec& spec : kArgumentSpecs)
    set_argument_value(arguments, spec, config_value(config, spec));
  // The choice's ids are the paintings' indices, and kNoPainting for none.
  arguments.painting = gimp_procedure_config_get_choice_id(config, kPaintingArgument);
  g_object_get(config, kMemoryArgument, &arguments.memory, nullptr);
  // Only plug-in-neural-style-frames has it.
  if (g_object_class_find_property(G_OBJECT_GET_CLASS(config), kTemporalWeightSpec.name))
    g_object_get(config, kTemporalWeightSpec.name, &arguments.temporal_weight, nullptr);
  return arguments;
}

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
  const Arguments arguments = with_remembered_styles(arguments_of(config));
  for (const ArgumentSpec& spec : kArgumentSpecs)
    if (spec.type == ArgumentType::drawable) set_config_argument(config, spec, arguments);
}

bool random_features_told() { return host::session_value(kToldKey).has_value(); }

void remember_random_features_told() { host::set_session_value(kToldKey, "1"); }

}  // namespace neural_style::plugin

#include "procedure_config.h"

namespace neural_style::plugin {
namespace {

constexpr const char* kToldParasite = "neural-style-random-features-told";

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

}  // namespace

Arguments arguments_of(GimpProcedureConfig* config) {
  Arguments arguments;
  for (const ArgumentSpec& spec : kArgumentSpecs)
    set_argument_value(arguments, spec, config_value(config, spec));
  return arguments;
}

void set_config_argument(GimpProcedureConfig* config, const ArgumentSpec& spec,
                         const Arguments& arguments) {
  const double value = argument_value(arguments, spec);
  switch (spec.type) {
    case ArgumentType::drawable:
      g_object_set(config, spec.name, gimp_drawable_get_by_id(static_cast<gint32>(value)),
                   nullptr);
      break;
    case ArgumentType::int32: g_object_set(config, spec.name, gint(value), nullptr); break;
    case ArgumentType::float64: g_object_set(config, spec.name, gdouble(value), nullptr); break;
    case ArgumentType::boolean:
      g_object_set(config, spec.name, gboolean(value != 0), nullptr);
      break;
  }
}

bool random_features_told() {
  GimpParasite* parasite = gimp_get_parasite(kToldParasite);
  if (!parasite) return false;
  gimp_parasite_free(parasite);
  return true;
}

void remember_random_features_told() {
  GimpParasite* parasite = gimp_parasite_new(kToldParasite, 0, 1, "1");
  gimp_attach_parasite(parasite);
  gimp_parasite_free(parasite);
}

}  // namespace neural_style::plugin

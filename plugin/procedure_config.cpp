#include "procedure_config.h"

#include <sstream>
#include <string>

namespace neural_style::plugin {
namespace {

constexpr const char* kToldParasite = "neural-style-random-features-told";
constexpr const char* kStylesParasite = "neural-style-last-styles";

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

}  // namespace

Arguments arguments_of(GimpProcedureConfig* config) {
  Arguments arguments;
  for (const ArgumentSpec& spec : kArgumentSpecs)
    set_argument_value(arguments, spec, config_value(config, spec));
  // The choice's ids are the paintings' indices, and kNoPainting for none.
  arguments.painting = gimp_procedure_config_get_choice_id(config, kPaintingArgument);
  g_object_get(config, kMemoryArgument, &arguments.memory, nullptr);
  return arguments;
}

void remember_styles(const Arguments& arguments) {
  const std::string ids =
      std::to_string(arguments.style_drawable) + " " + std::to_string(arguments.style2_drawable);
  GimpParasite* parasite = gimp_parasite_new(kStylesParasite, 0, ids.size() + 1, ids.c_str());
  gimp_attach_parasite(parasite);
  gimp_parasite_free(parasite);
}

Arguments with_remembered_styles(Arguments arguments) {
  GimpParasite* parasite = gimp_get_parasite(kStylesParasite);
  if (!parasite || arguments.style_drawable != kNoLayer) {
    if (parasite) gimp_parasite_free(parasite);
    return arguments;
  }
  guint32 size = 0;
  const auto* data = static_cast<const char*>(gimp_parasite_get_data(parasite, &size));
  std::istringstream(std::string(data, size)) >> arguments.style_drawable >>
      arguments.style2_drawable;
  gimp_parasite_free(parasite);
  return arguments;
}

void restore_styles(GimpProcedureConfig* config) {
  const Arguments arguments = with_remembered_styles(arguments_of(config));
  for (const ArgumentSpec& spec : kArgumentSpecs)
    if (spec.type == ArgumentType::drawable) set_config_argument(config, spec, arguments);
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

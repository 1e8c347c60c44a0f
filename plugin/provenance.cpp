#include "provenance.h"

#include <glib/gi18n-lib.h>

#include "text.h"

namespace neural_style::plugin {

std::string record_text(const RunRecord& r, const char* plugin_version) {
  std::string text = std::string("plug-in-version=") + plugin_version + "\n";
  text += std::string("network=") + (r.pretrained ? "pretrained" : "built-in") + "\n";
  if (r.pretrained) text += "weights=" + r.weights_path + "\n";
  if (r.painting_name.empty())
    text += "style-layer=" + r.style_name + "\n";
  else
    text += "style-painting=" + r.painting_name + "\n";
  if (!r.style2_name.empty()) text += "style2-layer=" + r.style2_name + "\n";
  Arguments used = r.arguments;
  used.seed = r.seed;
  for (const ArgumentSpec& spec : kArgumentSpecs)
    text += std::string(spec.name) + "=" + exact_number(argument_value(used, spec)) + "\n";
  text += "region=" + std::to_string(r.region_x) + "," + std::to_string(r.region_y) + "," +
          std::to_string(r.region_width) + "," + std::to_string(r.region_height) + "\n";
  text += "iterations-done=" + std::to_string(r.iterations_done) + "\n";
  text += "steps-undone=" + std::to_string(r.steps_undone) + "\n";
  text += "precision=" + r.precision + "\n";
  text += "memory=" + exact_number(r.memory_budget / 1e9) + "\n";
  return text;
}

std::string result_layer_name(const std::string& content, const std::string& style,
                              const std::string& style2) {
  if (style2.empty())
    return printf_text(_("%s in the style of %s"), content.c_str(), style.c_str());
  return printf_text(_("%s in the style of %s and %s"), content.c_str(), style.c_str(),
                     style2.c_str());
}

}  // namespace neural_style::plugin

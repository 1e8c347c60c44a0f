// What a result layer says about how it was made: its name, and a record of every
// setting (attached as a parasite) from which the run can be repeated exactly.
// No libgimp here: both plug-in hosts (GIMP 2.10 and GIMP 3) use it.
#pragma once

#include <cstdint>
#include <string>

#include "arguments.h"

namespace neural_style::plugin {

inline constexpr const char* kRecordParasite = "neural-style-settings";

struct RunRecord {
  Arguments arguments;
  std::int32_t seed = 0;       // the seed used, also when the arguments said -1
  std::string style_name;      // layer IDs do not outlive a session, names do
  std::string painting_name;   // a built-in painting's English name, instead of style_name
  std::string style2_name;     // empty without a second style
  bool pretrained = false;     // false: the built-in network
  std::string weights_path;
  int region_x = 0, region_y = 0, region_width = 0, region_height = 0;  // layer pixels computed
  int iterations_done = 0;
  int steps_undone = 0;        // with a loss that was not a number (Result::steps_undone)
  std::string precision;       // what the run used, so that a rerun can ask for the same
  double memory_budget = 0;    // bytes: the tiles it was planned to, hence its pixels
};

// One "key=value" line per setting, keys as the procedure's argument names.
std::string record_text(const RunRecord& record, const char* plugin_version);

// "<content> in the style of <style>" (translated), naming both styles when there are two.
std::string result_layer_name(const std::string& content, const std::string& style,
                              const std::string& style2);

}  // namespace neural_style::plugin

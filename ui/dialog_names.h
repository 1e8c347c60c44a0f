// The names of the settings dialogs' widgets (gtk_widget_set_name), shared by GIMP 2.10's
// and GIMP 3's dialog, for tests and themes.
#pragma once

namespace neural_style::ui {

// The control of each procedure argument is named like the argument ("style-weight",
// "seed", …); these name the rest.
inline constexpr const char* kPresetName = "preset";
inline constexpr const char* kTimeName = "estimate-time";
inline constexpr const char* kMemoryName = "estimate-memory";
inline constexpr const char* kNetworkName = "network";
inline constexpr const char* kProblemName = "problem";

}  // namespace neural_style::ui
